"""NUM: Số, ký hiệu (NĐ 30, Phụ lục I, II.3; Phụ lục III, mục I)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint import lazyre
from doclint.checks import check
from doclint.checks.common import finding, type_table
from doclint.findings import Finding
from doclint.fix import build as fx

# "Số: 5/KH-UBND": the word "Số" (any case), an optional colon or dot, the rest; a law's "Luật số" is left alone
_SO_LINE = lazyre.compile(r"^(?P<so>[Ss][ốỐ])(?P<pre>\s*+)[:.]?(?P<gap>\s*+)\S")


@check("NUM001")
def number_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.number is None:
        yield finding(
            "NUM001",
            "Thiếu số, ký hiệu văn bản (dòng “Số: …/…” dưới tên cơ quan ban hành).",
            "The number and symbol line (“Số: …/…” under the issuing body) is missing.",
            name="number",
        )


def canonical(number: str | None, symbol: str, year: str | None = None) -> str:
    num = number or "   "
    if number and number.isdigit() and len(number) == 1:
        num = f"0{number}"
    middle = f"{year}/" if year else ""
    return f"Số: {num}/{middle}{symbol}"


def _symbol(parsed) -> str:
    """The symbol with state separators (“/” and dashes inside it become “-”), Party numbers as written."""
    return re.sub(r"[–—]", "-", parsed.symbol.replace("/", "-")) if not parsed.party_style else parsed.symbol


@check("NUM002")
def number_malformed(ctx) -> Iterator[Finding]:
    comp = ctx.rec.number
    parsed = ctx.rec.parsed_number
    if comp is None or parsed is None:
        return
    raw = comp.text
    symbol = _symbol(parsed)
    problems_vi: list[str] = []
    problems_en: list[str] = []
    if not raw.startswith("Số"):
        problems_vi.append("chữ “Số” phải viết thường, chỉ hoa chữ S")
        problems_en.append("“Số” is written with only its first letter capitalised")
    if not parsed.has_colon:
        problems_vi.append("thiếu dấu hai chấm sau chữ “Số”")
        problems_en.append("no colon after “Số”")
    body = re.sub(r"^\S+\s*[:.]?", "", raw).strip()
    after_slash = body.split("/", 1)[1] if "/" in body else body
    if re.search(r"\s", after_slash.strip()) or (parsed.number and re.search(r"\d\s+/", body)):
        problems_vi.append("có dấu cách giữa các thành phần")
        problems_en.append("spaces between the parts")
    if parsed.party_style:
        problems_vi.append("dùng cách ghi số của văn bản Đảng (gạch nối giữa số và ký hiệu)")
        problems_en.append("Party numbering (a hyphen between number and symbol) in a state document")
    elif "/" in parsed.symbol or re.search(r"[–—]", parsed.symbol):
        problems_vi.append("sai dấu phân cách trong ký hiệu (giữa các nhóm chữ dùng gạch nối “-”)")
        problems_en.append("wrong separators in the symbol (groups are joined by “-”)")
    if problems_vi:
        yield finding(
            "NUM002",
            "Số, ký hiệu sai hình thức: " + "; ".join(problems_vi) + ".",
            "Malformed number and symbol: " + "; ".join(problems_en) + ".",
            comp,
            "number",
            suggestion=canonical(parsed.number, symbol.replace(" ", "")),
            fix=_number_fix(ctx, comp, parsed, symbol),
        )


def _number_fix(ctx, comp, parsed, symbol: str):
    """“số 12 / KH/UBND” → “Số: 12/KH-UBND”: the parts as parsed, joined the NĐ 30 way (the number kept as
    typed, a blank number's spaces kept). A Party-style number in a state document is only likely."""
    m = _SO_LINE.match(comp.text)
    if m is None or "/" not in comp.text:
        return None
    symbol = symbol.replace(" ", "")
    if re.search(r"[a-zà-ỹđ]{3,}", symbol):
        return None  # words after the symbol ("…/KH-UBND ngày …"): not only a symbol to close up
    if not parsed.symbol[:1].isalpha():
        return None  # "Số: …/QĐ-X": the blank is not read as a number, the line is not parsed into parts
    if any(group.isdigit() for group in re.split(r"[/\-–—]", parsed.symbol)):
        return None  # "…/TTr-CĐCS/2024": a year or number inside the symbol, its separators are the issuer's
    year = f"{parsed.year}/" if parsed.year else ""
    if parsed.party_style:
        head, _, org = parsed.symbol.partition("/")
        fixed = f"Số: {parsed.number or m['gap'] or m['pre']}/{head}-{org}"
        return fx.unsafe(
            fx.component(ctx.doc, comp, fixed), vi=f"Viết lại thành “{fixed}”", en=f"Write “{fixed}”"
        )
    number = (
        f" {parsed.number}" if parsed.number else (m["gap"] or m["pre"] or " ")
    )  # a blank keeps its width
    fixed = f"Số:{number}/{year}{symbol}"
    return fx.safe(fx.component(ctx.doc, comp, fixed), vi=f"Viết lại thành “{fixed}”", en=f"Write “{fixed}”")


@check("NUM003")
def number_leading_zero(ctx) -> Iterator[Finding]:
    comp = ctx.rec.number
    parsed = ctx.rec.parsed_number
    if comp is None or parsed is None or parsed.number is None:
        return
    if parsed.number.isdigit() and len(parsed.number) == 1 and parsed.number != "0":
        yield finding(
            "NUM003",
            f"Số văn bản nhỏ hơn 10 phải có số 0 phía trước: “0{parsed.number}”.",
            f"A number below 10 takes a leading zero: “0{parsed.number}”.",
            comp,
            "number",
            suggestion=canonical(parsed.number, _symbol(parsed).replace(" ", "")),
            fix=fx.safe(
                fx.component(
                    ctx.doc,
                    comp,
                    re.sub(
                        r"(?<![\d.])" + parsed.number + r"(?=\s*+[/\-–])",
                        "0" + parsed.number,
                        comp.text,
                        count=1,
                    ),
                ),
                vi=f"Thêm số 0: “0{parsed.number}”",
                en=f"Add the leading zero: “0{parsed.number}”",
            ),
        )


@check("NUM004")
def number_blank(ctx) -> Iterator[Finding]:
    comp = ctx.rec.number
    parsed = ctx.rec.parsed_number
    if comp is None or parsed is None:
        return
    if parsed.number is None:
        yield finding(
            "NUM004",
            "Số văn bản còn để trống (văn thư cấp số sau khi ký; văn bản phát hành phải có số).",
            "The document number is blank (the records office assigns it after signing; an issued "
            "document must have one).",
            comp,
            "number",
        )


@check("NUM005")
def type_abbreviation(ctx) -> Iterator[Finding]:
    parsed = ctx.rec.parsed_number
    comp = ctx.rec.number
    if parsed is None or comp is None or parsed.party_style or not parsed.type_abbr:
        return
    types = type_table(ctx)
    table = ctx.table("doc_types")
    abbrs = {e["abbr"]: code for code, e in types.items() if e.get("abbr")}
    obsolete: dict[str, str] = table.get("obsolete", {})
    first = parsed.type_abbr
    groups = [g for g in parsed.symbol.replace("–", "-").split("-") if g]
    title = ctx.rec.doc_type_name
    if first in obsolete:
        yield finding(
            "NUM005",
            f"Chữ viết tắt tên loại “{first}” theo Thông tư 01/2011/TT-BNV đã bãi bỏ; "
            f"nay viết là “{obsolete[first]}”.",
            f"The type abbreviation “{first}” comes from the repealed Circular 01/2011/TT-BNV; "
            f"it is now “{obsolete[first]}”.",
            comp,
            "number",
            suggestion=comp.text.replace(f"/{first}-", f"/{obsolete[first]}-"),
        )
        return
    if title is not None:
        code = title.extra.get("code")
        expected = types.get(code, {}).get("abbr") if code else None
        if not expected:
            return
        if first == expected:
            return
        if len(groups) < 2:
            vi = f"Ký hiệu thiếu chữ viết tắt tên loại “{expected}” (tên loại là {title.text})."
            en = f"The symbol lacks the type abbreviation “{expected}” (the title is {title.text})."
        elif first in abbrs:
            vi = (
                f"Chữ viết tắt tên loại “{first}” ({types[abbrs[first]]['name']}) không khớp tên loại "
                f"{title.text}; phải là “{expected}”."
            )
            en = f"The type abbreviation “{first}” does not match the title {title.text}; it should be “{expected}”."
        elif first.upper() == expected.upper():
            vi = f"Chữ viết tắt tên loại phải viết đúng như Phụ lục III: “{expected}”, không phải “{first}”."
            en = f"The type abbreviation must be written as in Appendix III: “{expected}”, not “{first}”."
        else:
            vi = (
                f"Chữ viết tắt tên loại “{first}” không có trong Phụ lục III; tên loại {title.text} "
                f"viết tắt là “{expected}”."
            )
            en = f"“{first}” is not an Appendix III abbreviation; {title.text} is abbreviated “{expected}”."
        fixed = comp.text.replace(f"/{first}-", f"/{expected}-") if len(groups) >= 2 else None
        yield finding("NUM005", vi, en, comp, "number", suggestion=fixed)
        return
    if ctx.rec.doc_type == "CV" and first in abbrs and len(groups) >= 2:
        yield finding(
            "NUM005",
            f"Công văn không có chữ viết tắt tên loại; ký hiệu “{parsed.symbol}” bắt đầu bằng “{first}” "
            f"({types[abbrs[first]]['name']}).",
            f"A công văn carries no type abbreviation; the symbol “{parsed.symbol}” starts with “{first}”.",
            comp,
            "number",
        )
