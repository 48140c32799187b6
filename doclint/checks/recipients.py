"""RCPT: Kính gửi and Nơi nhận (NĐ 30, Phụ lục I, II.9)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import at, type_table
from doclint.findings import Finding
from doclint.recognise.lines import fold
from doclint.recognise.patterns import LUU

DASHES = ("-", "–", "—", "+", "•", "*")
LUU_OK = re.compile(r"^-\s?Lưu\s?:\s?VT\b.*\.\s*+(\S++)?\s*+$")


def _items(ctx):
    """Recipient items with wrapped lines joined: (component, text, has_dash)."""
    out = []
    for comp in ctx.rec.recipients:
        text = comp.text.strip()
        starts = text.startswith(DASHES) or bool(LUU.match(text))
        if out and not starts and not out[-1][1].rstrip().endswith((";", ".", ":")):
            prev = out[-1]
            out[-1] = (prev[0], f"{prev[1]} {text}", prev[2])
            continue
        out.append((comp, text, starts))
    return out


@check("RCPT001")
def recipients_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.recipients_label is None:
        yield at(
            "RCPT001",
            "Thiếu phần “Nơi nhận:” ở cuối văn bản.",
            "The “Nơi nhận:” (recipients) section is missing.",
            name="recipients",
        )


@check("RCPT002")
def item_format(ctx) -> Iterator[Finding]:
    label = ctx.rec.recipients_label
    if label is None:
        return
    if ":" not in label.text:
        yield at(
            "RCPT002",
            "Sau “Nơi nhận” phải có dấu hai chấm.",
            "“Nơi nhận” is followed by a colon.",
            label,
            "recipients",
            suggestion="Nơi nhận:",
        )
    items = [i for i in _items(ctx) if not LUU.match(i[1])]
    bad: list[tuple] = []
    for comp, text, dashed in items:
        problems_vi, problems_en = [], []
        if not dashed:
            problems_vi.append("đầu dòng thiếu gạch đầu dòng (-)")
            problems_en.append("no leading dash")
        if not text.endswith(";"):
            problems_vi.append("cuối dòng phải có dấu chấm phẩy (;)")
            problems_en.append("must end with a semicolon")
        if problems_vi:
            fixed = ("- " + text.lstrip("-–—+•* ").rstrip(" ,.;:")) + ";"
            bad.append((comp, text, problems_vi, problems_en, fixed))
    if len(bad) > 3:
        yield at(
            "RCPT002",
            f"{len(bad)} dòng nơi nhận sai hình thức (mỗi dòng bắt đầu bằng “-”, kết thúc bằng “;”), "
            f"ví dụ “{bad[0][1]}”.",
            f"{len(bad)} recipient lines are malformed (each starts with “-” and ends with “;”), "
            f"e.g. “{bad[0][1]}”.",
            bad[0][0],
            "recipients",
            suggestion=bad[0][4],
        )
        return
    for comp, text, pvi, pen, fixed in bad:
        yield at(
            "RCPT002",
            f"Dòng nơi nhận “{text}”: " + "; ".join(pvi) + ".",
            f"Recipient line “{text}”: " + "; ".join(pen) + ".",
            comp,
            "recipients",
            suggestion=fixed,
        )


@check("RCPT003")
def luu_line(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.recipients_label is None:
        return
    luu = rec.luu
    if luu is None:
        yield at(
            "RCPT003",
            "Nơi nhận thiếu dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”",
            "The recipient list lacks its last line “- Lưu: VT, <drafting unit>.”",
            rec.recipients[-1] if rec.recipients else rec.recipients_label,
            "recipients",
            suggestion="- Lưu: VT, …",
        )
        return
    text = re.sub(r"\s+", " ", luu.text.strip())
    if LUU_OK.match(text):
        if rec.recipients and rec.recipients[-1] is not luu:
            yield at(
                "RCPT003",
                "Dòng “Lưu” phải là dòng cuối cùng của Nơi nhận.",
                "The “Lưu” line must be the last line of the recipient list.",
                luu,
                "recipients",
            )
        return
    problems_vi, problems_en = [], []
    if not text.startswith("-"):
        problems_vi.append("thiếu gạch đầu dòng")
        problems_en.append("no leading dash")
    if not re.match(r"^-?\s?Lưu\s?:", text):
        problems_vi.append("thiếu dấu hai chấm sau “Lưu”")
        problems_en.append("no colon after “Lưu”")
    if not re.search(r"\bVT\b", text):
        problems_vi.append("thiếu “VT” (văn thư)")
        problems_en.append("no “VT” (records office)")
    if not re.search(r"\.\s*+(\S++)?\s*+$", text):
        problems_vi.append("phải kết thúc bằng dấu chấm")
        problems_en.append("must end with a full stop")
    if not problems_vi:
        problems_vi.append("sai thứ tự: “Lưu: VT, <đơn vị>.”")
        problems_en.append("wrong order: “Lưu: VT, <unit>.”")
    units = re.sub(r"^[-–\s]*+Lưu\s*+:?\s*+", "", text).rstrip(" .;")
    units = re.sub(r"^VT\s*+(?:,\s*+)?", "", units)
    suggestion = f"- Lưu: VT{', ' + units if units else ''}."
    yield at(
        "RCPT003",
        "Dòng “Lưu” sai hình thức: " + "; ".join(problems_vi) + ".",
        "Malformed “Lưu” line: " + "; ".join(problems_en) + ".",
        luu,
        "recipients",
        suggestion=suggestion,
    )


@check("RCPT004")
def kinh_gui_usage(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    code = rec.doc_type
    entry = type_table(ctx).get(code or "", {})
    policy = entry.get("kinh_gui")
    if rec.kinh_gui is not None and policy == "never":
        yield at(
            "RCPT004",
            f"{entry['name']} không dùng “Kính gửi”: chỉ công văn, tờ trình và báo cáo gửi cấp trên mới có "
            "“Kính gửi”; các nơi nhận ghi ở phần Nơi nhận.",
            f"A {entry['name']} does not use “Kính gửi”: only công văn, tờ trình and reports to a superior "
            "do; list recipients under Nơi nhận.",
            rec.kinh_gui,
            "kinh_gui",
        )
    elif rec.kinh_gui is None and code in ("CV", "TTr"):
        yield at(
            "RCPT004",
            f"{entry.get('name', 'Văn bản')} thiếu phần “Kính gửi:” (nơi nhận chính).",
            f"The {entry.get('name', 'document')} lacks its “Kính gửi:” line (main addressee).",
            rec.trich_yeu or rec.doc_type_name or rec.number,
            "kinh_gui",
        )


@check("RCPT005")
def nhu_tren(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    for comp in rec.recipients:
        text = comp.text
        if re.search(r"\bNhư trên\b", text, re.IGNORECASE) and rec.kinh_gui is None and rec.doc_type != "GGT":
            yield at(
                "RCPT005",
                "“Như trên” chỉ dùng khi văn bản có phần “Kính gửi”; văn bản này không có.",
                "“Như trên” is only used when the document has a “Kính gửi” line; this one has none.",
                comp,
                "recipients",
            )
        match = re.search(r"\bNhư\s+(điều|ĐIỀU)\s+\d", text)
        if match:
            yield at(
                "RCPT005",
                "Viết “Như Điều …” với chữ “Điều” viết hoa.",
                "Write “Như Điều …” with “Điều” capitalised.",
                comp,
                "recipients",
                suggestion=text.replace(match.group(1), "Điều", 1),
            )


def _key(text: str) -> str:
    text = re.sub(r"^[-–—+•*\s]+", "", text)
    text = re.sub(r"[;.,:\s]+$", "", text)
    return fold(text)


@check("RCPT006")
def duplicates(ctx) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for comp in ctx.rec.recipients:
        if LUU.match(comp.text):
            continue
        key = _key(comp.text)
        if not key:
            continue
        if key in seen:
            yield at(
                "RCPT006",
                f"Nơi nhận “{_key(comp.text) and comp.text.strip()}” bị ghi hai lần.",
                f"The recipient “{comp.text.strip()}” is listed twice.",
                comp,
                "recipients",
            )
        seen[key] = comp.text
