"""DOC: facts about the document as a whole.

DOC003 says once that a document is not governed by NĐ 30 (the engine then skips NĐ 30-only rules).
DOC008 says once that a PDF's text layer cannot be trusted (scored by :mod:`doclint.load.pdf_quality`),
or that a Word file was made from a scan by OCR software (:mod:`doclint.load.docx_ocr`);
the engine skips every rule that needs the text or the geometry of such a file (``needs`` in the rule
metadata), so it is the only finding that file gets. DOC001/2/4/6/7 come from the loaders and the batch.
"""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import finding
from doclint.findings import Finding, Location

FAMILY_VI = {
    "normative": ("là văn bản quy phạm pháp luật", "is a legal normative document"),
    "party": ("là văn bản của Đảng", "is a Party document"),
    "other": (
        "không phải là văn bản hành chính nhận biết được",
        "is not recognisable as an administrative document",
    ),
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
        f"Văn bản này {vi}{where}: thể thức theo {rulebook_vi}, không theo Nghị định 30; "
        "các quy tắc riêng của văn bản hành chính được bỏ qua.",
        f"This document {en}{where}: its format follows {rulebook_en}, not Decree 30; "
        "the administrative-document rules are skipped.",
        Location(block=ctx.rec.number.block if ctx.rec.number else None, component="family"),
        excerpt=number,
    )


def _pct(value: object) -> str:
    return f"{float(value) * 100:.0f}%" if isinstance(value, int | float) else "?"


@check("DOC008")
def pdf_text_layer_untrusted(ctx) -> Iterator[Finding]:
    facts = ctx.doc.facts
    if facts.text_layer not in ("broken", "ocr"):
        return
    d = facts.text_layer_detail
    if ctx.doc.format in ("docx", "doc"):
        yield finding(
            "DOC008",
            "Tệp Word này do phần mềm nhận dạng chữ (OCR"
            + (f", {d['producer']}" if d.get("producer") else "")
            + ") tạo ra từ ảnh quét: khổ giấy, lề, phông, cỡ chữ và khoảng cách là do phần mềm dựng lại "
            "theo ảnh, chữ có thể bị nhận dạng sai, nên thể thức không được kiểm tra và các quy tắc khác "
            "được bỏ qua. Hãy kiểm tra tệp .docx gốc của cơ quan ban hành.",
            "This Word file was made from a scan by character-recognition (OCR) software"
            + (f" ({d['producer']})" if d.get("producer") else "")
            + ": its paper size, margins, fonts, sizes and spacing are the software's reconstruction of "
            "the picture, and its words may be misrecognised, so the format is not checked and the other "
            "rules are skipped. Check the issuing office's original .docx.",
            Location(component="text-layer"),
        )
        return
    if facts.text_layer == "ocr":
        yield finding(
            "DOC008",
            "Tệp PDF là ảnh quét kèm lớp chữ nhận dạng (OCR): vị trí chữ là phỏng đoán của phần mềm "
            "nhận dạng nên bố cục không được kiểm tra, và chữ nhận dạng có thể sai "
            f"(âm tiết hợp lệ: {_pct(d.get('valid'))}) nên các quy tắc khác cũng được bỏ qua. "
            "Hãy kiểm tra bản .docx gốc hoặc bản PDF xuất trực tiếp từ tệp gốc.",
            "The PDF is a scan with a recognised (OCR) text layer: the positions of its words are the "
            "recogniser's guess, so the layout is not checked, and the recognised text may be wrong "
            f"(valid syllables: {_pct(d.get('valid'))}), so the other rules are skipped too. "
            "Check the original .docx, or a PDF exported from it.",
            Location(component="text-layer"),
        )
        return
    vi_parts, en_parts = [], []
    if isinstance(d.get("unmapped"), int | float) and float(d["unmapped"]) >= 0.01:
        vi_parts.append(f"{_pct(d['unmapped'])} ký tự không có mã Unicode")
        en_parts.append(f"{_pct(d['unmapped'])} of the glyphs have no Unicode value")
    if isinstance(d.get("foreign"), int | float) and float(d["foreign"]) >= 0.01:
        vi_parts.append(f"{_pct(d['foreign'])} chữ cái thuộc bảng chữ khác (Kirin, Hy Lạp…)")
        en_parts.append(f"{_pct(d['foreign'])} of the letters are of another script (Cyrillic, Greek…)")
    if isinstance(d.get("valid"), int | float):
        vi_parts.append(f"chỉ {_pct(d['valid'])} từ là âm tiết tiếng Việt hợp lệ")
        en_parts.append(f"only {_pct(d['valid'])} of the words are valid Vietnamese syllables")
    yield finding(
        "DOC008",
        "Lớp văn bản của tệp PDF không đáng tin cậy (" + "; ".join(vi_parts) + "): chữ đọc ra khác chữ "
        "in trên trang, nên các quy tắc khác được bỏ qua. Hãy xuất lại PDF từ tệp gốc với phông Unicode "
        "được nhúng, hoặc nhận dạng lại (OCR).",
        "The PDF's text layer cannot be trusted (" + "; ".join(en_parts) + "): the text it gives is "
        "not what the page shows, so the other rules are skipped. Export the PDF again from the original "
        "with embedded Unicode fonts, or run OCR on it.",
        Location(component="text-layer"),
    )
