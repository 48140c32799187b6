"""TTL: tên loại và trích yếu, and their type style (NĐ 30, Phụ lục I, II.5; Điều 7)."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import finding, type_table
from doclint.checks.style import span_style
from doclint.findings import Finding


def _expected_type_from_symbol(ctx) -> dict | None:
    parsed = ctx.rec.parsed_number
    if parsed is None or not parsed.type_abbr:
        return None
    for entry in type_table(ctx).values():
        if entry.get("abbr") and entry["abbr"] == parsed.type_abbr:
            return entry
    return None


def _type_line_case(ctx) -> str | None:
    """The situation of the type-name line; each is reported by one rule (TTL001, TTL003 or TTL004)."""
    rec = ctx.rec
    vv = rec.trich_yeu is not None and rec.trich_yeu.extra.get("vv")
    if rec.doc_type_name is not None:
        return "vv_under_type_name" if vv else None
    if rec.title_candidate is not None and not vv:
        return "type_not_in_decree"
    if _expected_type_from_symbol(ctx) is not None:
        return "missing_by_symbol"
    if rec.doc_type == "CV" and not vv:
        return "cv_without_vv"
    if rec.doc_type is None:
        return "nothing_found"
    return None


@check("TTL001")
def type_name_missing(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    case = _type_line_case(ctx)
    if case == "missing_by_symbol":
        expected = _expected_type_from_symbol(ctx)
        yield finding(
            "TTL001",
            f"Thiếu tên loại văn bản: ký hiệu “{rec.parsed_number.symbol}” cho biết đây là "
            f"{expected['name'].lower()}, cần dòng “{expected['name'].upper()}” dưới phần đầu.",
            f"The type name is missing: the symbol “{rec.parsed_number.symbol}” says this is a "
            f"{expected['name']}; add the line “{expected['name'].upper()}” under the header.",
            name="doc_type_name",
            suggestion=expected["name"].upper(),
        )
    elif case == "nothing_found":
        yield finding(
            "TTL001",
            "Không tìm thấy tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, …) hoặc trích yếu “V/v” của công văn.",
            "No type name (KẾ HOẠCH, QUYẾT ĐỊNH, …) and no “V/v” summary of a công văn was found.",
            name="doc_type_name",
        )


@check("TTL003")
def vv_misuse(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    case = _type_line_case(ctx)
    if case == "vv_under_type_name":
        yield finding(
            "TTL003",
            f"Văn bản có tên loại ({rec.doc_type_name.text}) không dùng “V/v”: trích yếu đặt ngay dưới "
            "tên loại.",
            f"A document with a type name ({rec.doc_type_name.text}) does not use “V/v”: the summary goes "
            "under the type name.",
            rec.trich_yeu,
            "trich_yeu",
            suggestion=rec.trich_yeu.text.split(None, 1)[-1] if rec.trich_yeu else None,
        )
    elif case == "cv_without_vv":
        yield finding(
            "TTL003",
            "Công văn phải có trích yếu sau chữ “V/v” đặt dưới số, ký hiệu.",
            "A công văn needs its summary after “V/v”, under the number and symbol.",
            rec.number,
            "trich_yeu",
        )


@check("TTL004")
def type_not_in_decree(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if _type_line_case(ctx) == "type_not_in_decree":
        yield finding(
            "TTL004",
            f"“{rec.title_candidate.text}” không thuộc 29 loại văn bản hành chính tại Điều 7 Nghị định 30.",
            f"“{rec.title_candidate.text}” is not one of the 29 administrative document types of Article 7.",
            rec.title_candidate,
            "doc_type_name",
        )


@check("TTL002")
def summary_missing(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.doc_type_name is None or rec.trich_yeu is not None:
        return
    entry = type_table(ctx).get(rec.doc_type_name.extra.get("code", ""), {})
    if entry.get("trich_yeu", True) is False:
        return
    yield finding(
        "TTL002",
        f"Thiếu trích yếu nội dung dưới tên loại {rec.doc_type_name.text}.",
        f"The summary (trích yếu) under the type name {rec.doc_type_name.text} is missing.",
        rec.doc_type_name,
        "trich_yeu",
    )


@check("TTL005")
def title_style(ctx) -> Iterator[Finding]:
    doc, rec = ctx.doc, ctx.rec
    name = rec.doc_type_name
    if name is not None:
        bold, _italic, _size, caps = span_style(doc, name)
        if bold is False or not caps:
            what_vi = " và ".join(
                w for w, bad in (("không in hoa", not caps), ("không in đậm", bold is False)) if bad
            )
            what_en = " and ".join(
                w for w, bad in (("not in capitals", not caps), ("not bold", bold is False)) if bad
            )
            yield finding("TTL005", f"Tên loại văn bản {what_vi}.", f"The type name is {what_en}.", name,
                          "doc_type_name", suggestion=name.text.upper())  # fmt: skip
    summary = rec.trich_yeu
    if summary is not None and not summary.text.lstrip().lower().startswith("v/v"):
        bold, _italic, _size, _caps = span_style(doc, summary)
        if bold is False:
            yield finding("TTL005", "Trích yếu nội dung không in đậm.", "The summary (trích yếu) is not bold.",
                          summary, "trich_yeu", suggestion="In đậm trích yếu")  # fmt: skip
