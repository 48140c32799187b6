"""``doclint citations FILE``: the table of every document a file cites, for checking the legal basis.

For each cited document: type, number/symbol (or the law's name), date, issuer, trích yếu, family and
every mention with its place (block, offsets, page, zone). ``--format json`` gives the same as data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from doclint.analysis.citations import Citations

FAMILY_VI = {
    "administrative": "hành chính",
    "normative": "quy phạm pháp luật",
    "party": "Đảng",
    "law_by_name": "luật/pháp lệnh (theo tên)",
}
ZONE_VI = {"title": "trích yếu", "can_cu": "căn cứ", "body": "nội dung", "recipients": "nơi nhận",
           "header": "phần đầu", "signature": "chữ ký", "appendix": "phụ lục", "luu": "nơi lưu"}  # fmt: skip


def analyse(path: str | Path) -> tuple[Citations, list]:
    """Load, recognise and extract the citations of one file (raises LoadError)."""
    from doclint.config import Config
    from doclint.context import Context
    from doclint.load import load
    from doclint.recognise import recognise
    from doclint.rulepack import load_pack

    doc = load(str(path))
    pack = load_pack()
    rec = recognise(doc, pack)
    ctx = Context(doc=doc, rec=rec, config=Config(), pack=pack)
    return ctx.analysis("citations"), doc.blocks


def as_data(cits: Citations, blocks: list, path: str) -> dict:
    docs = []
    for d in cits.documents:
        entry = d.as_dict()
        for m in entry["mentions"]:
            m["page"] = blocks[m["block"]].page if 0 <= m["block"] < len(blocks) else None
        docs.append(entry)
    self_refs = [
        {"block": m.block, "start": m.start, "end": m.end, "text": m.text}
        for m in cits.mentions
        if m.kind == "self"
    ]
    unresolved = [
        {"block": m.block, "start": m.start, "end": m.end, "text": m.text}
        for m in cits.mentions
        if m.kind == "anaphora" and m.doc_id is None
    ]
    return {"path": path, "documents": docs, "self_references": self_refs, "unresolved": unresolved}


def render_text(cits: Citations, path: str, lang: str = "vi", blocks: list | None = None) -> str:
    vi = lang != "en"
    lines = [f"{path}: {len(cits.documents)} " + ("văn bản được viện dẫn" if vi else "cited documents")]
    for i, d in enumerate(cits.documents, 1):
        family = FAMILY_VI.get(d.family, d.family) if vi else d.family.replace("_", " ")
        what = d.number_symbol or d.law_name or ""
        head = f"{i:>3}. {d.type_name or '?'} {'số ' if d.number_symbol and vi else ''}{what}"
        lines.append(head.rstrip() + f"  [{family}]")
        date = d.date
        fields = [
            ("Ngày" if vi else "Date", f"{date.day:02d}/{date.month:02d}/{date.year}" if date else "—"),
            ("Cơ quan ban hành" if vi else "Issuer", d.issuer or "—"),
            ("Trích yếu" if vi else "Subject", d.trich_yeu or "—"),
        ]
        for label, value in fields:
            lines.append(f"       {label}: {value}")
        where = []
        for m in d.mentions:
            zone = ZONE_VI.get(m.zone, m.zone) if vi else m.zone
            page = blocks[m.block].page if blocks and m.block < len(blocks) else None
            at = f"tr.{page} " if page and vi else (f"p.{page} " if page else "")
            where.append(f"{at}{m.block + 1}:{m.start + 1} ({zone})")
        label = "Vị trí, đoạn:ký tự" if vi else "Mentions, paragraph:char"
        lines.append(f"       {label} ({len(d.mentions)}): " + ", ".join(where))
    unresolved = [m for m in cits.mentions if m.kind == "anaphora" and m.doc_id is None]
    if unresolved:
        lines.append(("Chưa xác định được văn bản: " if vi else "Unresolved: ")
                     + ", ".join(f"“{m.text}” ({m.block + 1}:{m.start + 1})" for m in unresolved))  # fmt: skip
    return "\n".join(lines) + "\n"


def run(path: str | Path, fmt: str = "text", lang: str = "vi") -> str:
    cits, blocks = analyse(path)
    if fmt == "json":
        return json.dumps(as_data(cits, blocks, str(path)), ensure_ascii=False, indent=2) + "\n"
    return render_text(cits, str(path), lang, blocks)


def register(app: typer.Typer) -> None:
    @app.command("citations")
    def citations_command(
        file: Annotated[Path, typer.Argument(help="Tệp văn bản (DOCX, PDF, DOC, TXT, MD).")],
        format: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text",
        lang: Annotated[str, typer.Option("--lang", help="vi | en")] = "vi",
    ) -> None:
        """Bảng các văn bản được viện dẫn: loại, số/ký hiệu, ngày, cơ quan ban hành, trích yếu, vị trí."""
        from doclint.config import ConfigError
        from doclint.errors import LoadError
        from doclint.worker_pool import budget_for_path, run_guarded

        if format not in ("text", "json"):
            typer.echo(f"doclint: định dạng không hỗ trợ: {format}", err=True)
            raise typer.Exit(2)
        try:  # in a worker under the document budget (time, memory)
            out = run_guarded(run, str(file), format, lang, budget=budget_for_path(file))
        except LoadError as err:
            typer.echo(f"doclint: {file}: {err.code} {err.vi if lang != 'en' else err.en}", err=True)
            raise typer.Exit(2) from err
        except ConfigError as err:
            typer.echo(f"doclint: {err}", err=True)
            raise typer.Exit(2) from err
        from doclint.safeio import escape_controls

        typer.echo(escape_controls(out), nl=False)  # document text never drives the terminal
