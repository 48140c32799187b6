"""``--format concise``: one line per finding, ``file:page:para: CODE message`` (like ruff's concise).

``page`` is the page when the file tells it, else ``-``; ``para`` is the paragraph number counted from
the start of the document (``-`` for a finding on the whole document). An unreadable file is one line
with its DOC code. ``--quiet`` keeps the errors only. Meant for grep, editors and scripts; the last line
is the totals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from doclint.report import ReportOptions, common


def lines(results: list[Any], options: ReportOptions) -> list[str]:
    lang = "en" if options.lang == "en" else "vi"
    base = common.common_base([r.path for r in results]) if len(results) > 1 else None
    out: list[str] = []
    for result in results:
        path = common.display_path(result.path, base)
        if result.error is not None:
            out.append(f"{path}:-:-: {result.error.code} {result.error.message(lang)}")
            continue
        for f in result.findings:
            sev = common.severity_of(f)
            if options.quiet and sev != "error":
                continue
            loc = f.location
            page = loc.page or (f.place or {}).get("page") or "-"
            para = loc.block + 1 if loc.block is not None else "-"
            message = " ".join(f.message(lang).split())
            out.append(f"{path}:{page}:{para}: {f.code} [{common.label(sev, lang).lower()}] {message}")
    return out


def render_concise(results: list[Any], options: ReportOptions) -> str:
    from doclint.report.text import WORDS, totals_line

    words = WORDS["en" if options.lang == "en" else "vi"]
    body = lines(results, options)
    return "\n".join([*body, f"{words['total']}: {totals_line(results, options, words)}"]) + "\n"


def render(results: list[Any], config: Any, lang: str, output: Path | None) -> str:
    return render_concise(results, ReportOptions(lang=lang, config=config))
