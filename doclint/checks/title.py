"""TTL: tên loại và trích yếu (NĐ 30, Phụ lục I, II.5; Điều 7)."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import at, type_table
from doclint.findings import Finding


def _expected_type_from_symbol(ctx) -> dict | None:
    parsed = ctx.rec.parsed_number
    if parsed is None or not parsed.type_abbr:
        return None
    for entry in type_table(ctx).values():
        if entry.get("abbr") and entry["abbr"] == parsed.type_abbr:
            return entry
    return None


@check("TTL001", "TTL003", "TTL004")
def type_name(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    vv = rec.trich_yeu is not None and rec.trich_yeu.extra.get("vv")
    if rec.doc_type_name is not None:
        if vv:
            yield at(
                "TTL003",
                f"Văn bản có tên loại ({rec.doc_type_name.text}) không dùng “V/v”: trích yếu đặt ngay dưới "
                "tên loại.",
                f"A document with a type name ({rec.doc_type_name.text}) does not use “V/v”: the summary goes "
                "under the type name.",
                rec.trich_yeu,
                "trich_yeu",
                suggestion=rec.trich_yeu.text.split(None, 1)[-1] if rec.trich_yeu else None,
            )
        return
    if rec.title_candidate is not None and not vv:
        yield at(
            "TTL004",
            f"“{rec.title_candidate.text}” không thuộc 29 loại văn bản hành chính tại Điều 7 Nghị định 30.",
            f"“{rec.title_candidate.text}” is not one of the 29 administrative document types of Article 7.",
            rec.title_candidate,
            "doc_type_name",
        )
        return
    expected = _expected_type_from_symbol(ctx)
    if expected is not None:
        yield at(
            "TTL001",
            f"Thiếu tên loại văn bản: ký hiệu “{rec.parsed_number.symbol}” cho biết đây là "
            f"{expected['name'].lower()}, cần dòng “{expected['name'].upper()}” dưới phần đầu.",
            f"The type name is missing: the symbol “{rec.parsed_number.symbol}” says this is a "
            f"{expected['name']}; add the line “{expected['name'].upper()}” under the header.",
            name="doc_type_name",
            suggestion=expected["name"].upper(),
        )
        return
    if rec.doc_type == "CV" and not vv:
        yield at(
            "TTL003",
            "Công văn phải có trích yếu sau chữ “V/v” đặt dưới số, ký hiệu.",
            "A công văn needs its summary after “V/v”, under the number and symbol.",
            rec.number,
            "trich_yeu",
        )
    elif rec.doc_type is None:
        yield at(
            "TTL001",
            "Không tìm thấy tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, …) hoặc trích yếu “V/v” của công văn.",
            "No type name (KẾ HOẠCH, QUYẾT ĐỊNH, …) and no “V/v” summary of a công văn was found.",
            name="doc_type_name",
        )


@check("TTL002")
def summary(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.doc_type_name is None or rec.trich_yeu is not None:
        return
    entry = type_table(ctx).get(rec.doc_type_name.extra.get("code", ""), {})
    if entry.get("trich_yeu", True) is False:
        return
    yield at(
        "TTL002",
        f"Thiếu trích yếu nội dung dưới tên loại {rec.doc_type_name.text}.",
        f"The summary (trích yếu) under the type name {rec.doc_type_name.text} is missing.",
        rec.doc_type_name,
        "trich_yeu",
    )
