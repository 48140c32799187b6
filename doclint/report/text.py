"""Terminal report: findings grouped by file, then totals. Colour only on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from doclint.config import Config
from doclint.engine import FileResult
from doclint.report.common import where
from doclint.report.json import summary

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABEL = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý", "page": "trang", "para": "đoạn",
           "suggest": "sửa thành", "basis": "căn cứ", "unreadable": "không đọc được", "ok": "không có phát hiện",
           "files": "tệp", "total": "Tổng"},
    "en": {"error": "error", "warning": "warning", "info": "info", "page": "page", "para": "para",
           "suggest": "suggestion", "basis": "basis", "unreadable": "unreadable", "ok": "no findings",
           "files": "files", "total": "Total"},
}  # fmt: skip


def render(
    results: list[FileResult],
    config: Config,
    lang: str,
    output: Path | None,
    color: bool | None = None,
    show_basis: bool = False,
) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=bool(color), no_color=not color, width=120, soft_wrap=True, emoji=False
    )
    words = LABEL[lang]
    for result in results:
        header = f"[bold]{escape(result.path)}[/bold]"
        meta = " · ".join(x for x in (result.doc_type, result.family) if x)
        console.print(f"{header} [dim]{escape(meta)}[/dim]" if meta else header)
        if result.error:
            console.print(
                f"  [bold red]{result.error.code}[/bold red] {words['unreadable']}: "
                f"{escape(result.error.message(lang))}"
            )
            continue
        if not result.findings:
            console.print(f"  [green]{words['ok']}[/green]")
        for f in result.findings:
            sev = f.severity or "info"
            console.print(
                f"  [{STYLE[sev]}]{f.code}[/{STYLE[sev]}] [{STYLE[sev]}]{words[sev]}[/{STYLE[sev]}] "
                f"[dim]{escape(where(f, lang) or '—')}[/dim]  {escape(f.message(lang))}"
            )
            if f.excerpt:
                console.print(f"      [dim]│[/dim] {escape(f.excerpt)}")
            if f.suggestion:
                console.print(f"      [dim]→ {words['suggest']}:[/dim] [green]{escape(f.suggestion)}[/green]")
            if show_basis and f.basis:
                console.print(f"      [dim]{words['basis']}: {escape(f.basis)}[/dim]")
        console.print()
    totals = summary(results)
    console.print(
        f"[bold]{words['total']}:[/bold] {totals['files']} {words['files']}, "
        f"[red]{totals['error']} {words['error']}[/red], [yellow]{totals['warning']} {words['warning']}[/yellow], "
        f"[cyan]{totals['info']} {words['info']}[/cyan], {totals['unreadable']} {words['unreadable']}"
    )
    return buffer.getvalue()
