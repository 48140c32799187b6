"""DOC003: say once that a document is not governed by NĐ 30 (the engine then skips NĐ 30-only rules)."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import finding
from doclint.findings import Finding, Location

FAMILY_VI = {
    "normative": ("văn bản quy phạm pháp luật", "a legal normative document"),
    "party": ("văn bản của Đảng", "a Party document"),
    "other": ("không xác định được là văn bản hành chính", "not recognisable as an administrative document"),
}


@check("DOC003")
def not_administrative_document(ctx) -> Iterator[Finding]:
    family = ctx.rec.family
    if family == "administrative":
        return
    vi, en = FAMILY_VI[family]
    number = ctx.rec.number.text if ctx.rec.number else None
    rulebook_vi = {
        "normative": "Luật Ban hành văn bản quy phạm pháp luật và nghị định hướng dẫn",
        "party": "Quy định 66-QĐ/TW và Hướng dẫn 36-HD/VPTW",
        "other": "quy định riêng của loại tài liệu này",
    }[family]
    rulebook_en = {
        "normative": "the Law on Promulgation of Legal Documents and its decree",
        "party": "Regulation 66-QĐ/TW and Guidance 36-HD/VPTW",
        "other": "the rules of its own kind",
    }[family]
    where = f" ({number})" if number else ""
    yield finding(
        "DOC003",
        f"Đây là {vi}{where}: thể thức theo {rulebook_vi}, không theo Nghị định 30; "
        "các quy tắc riêng của văn bản hành chính được bỏ qua.",
        f"This is {en}{where}: its format follows {rulebook_en}, not Decree 30; "
        "the administrative-document rules are skipped.",
        Location(block=ctx.rec.number.block if ctx.rec.number else None, component="family"),
        excerpt=number,
    )
