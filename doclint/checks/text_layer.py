"""DOC008: a PDF whose text layer cannot be trusted (scored by :mod:`doclint.load.pdf_quality`).

The engine skips every rule that needs the text or the geometry of such a file (``needs`` in the
rule metadata), so this is the only finding it gets: one, saying why and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import check
from doclint.findings import Finding, Location


def _pct(value: object) -> str:
    return f"{float(value) * 100:.0f}%" if isinstance(value, int | float) else "?"


@check("DOC008")
def untrusted_text_layer(ctx) -> Iterator[Finding]:
    facts = ctx.doc.facts
    if facts.text_layer not in ("broken", "ocr"):
        return
    d = facts.text_layer_detail
    if facts.text_layer == "ocr":
        yield Finding(
            code="DOC008",
            vi="Tệp PDF là ảnh quét kèm lớp chữ nhận dạng (OCR): vị trí chữ là phỏng đoán của phần mềm "
            "nhận dạng nên bố cục không được kiểm tra, và chữ nhận dạng có thể sai "
            f"(âm tiết hợp lệ: {_pct(d.get('valid'))}) nên các quy tắc khác cũng được bỏ qua. "
            "Hãy kiểm tra bản .docx gốc hoặc bản PDF xuất trực tiếp từ tệp gốc.",
            en="The PDF is a scan with a recognised (OCR) text layer: the positions of its words are the "
            "recogniser's guess, so the layout is not checked, and the recognised text may be wrong "
            f"(valid syllables: {_pct(d.get('valid'))}), so the other rules are skipped too. "
            "Check the original .docx, or a PDF exported from it.",
            location=Location(component="text-layer"),
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
    yield Finding(
        code="DOC008",
        vi="Lớp văn bản của tệp PDF không đáng tin cậy (" + "; ".join(vi_parts) + "): chữ đọc ra khác chữ "
        "in trên trang, nên các quy tắc khác được bỏ qua. Hãy xuất lại PDF từ tệp gốc với phông Unicode "
        "được nhúng, hoặc nhận dạng lại (OCR).",
        en="The PDF's text layer cannot be trusted (" + "; ".join(en_parts) + "): the text it gives is "
        "not what the page shows, so the other rules are skipped. Export the PDF again from the original "
        "with embedded Unicode fonts, or run OCR on it.",
        location=Location(component="text-layer"),
    )
