"""Which rulebook applies: state administrative (NĐ 30), legal normative, Party, or other.

Rules-catalogue §1 and §10: a Party document has the "ĐẢNG CỘNG SẢN VIỆT NAM" header and a hyphenated
number (36-HD/VPTW); a normative one has a year in its number (30/2020/NĐ-CP) or a normative type title
(Nghị định, Thông tư, Luật...); an administrative one has the Quốc hiệu and a number without a year.
"""

from __future__ import annotations

import re

from doclint import lazyre
from doclint.recognise.components import ParsedNumber, Recognition

# the issuer's last line names a class: "LỚP: HTTT04", "LỚP 10A1"
STUDENT_CLASS = lazyre.compile(
    r"(?:^|\s)LỚP\s{0,3}[:.]?\s{0,3}[A-Z0-9Đ]{0,12}\d[A-Z0-9]{0,6}$", re.IGNORECASE
)
NORMATIVE_SYMBOLS = {"NĐ", "TT", "TTLT", "QH", "UBTVQH", "L", "PL", "VBHN", "NĐ-CP"}


def classify(
    rec: Recognition,
    type_codes: set[str],
    starts_with_appendix: bool = False,
    specialised: set[str] = frozenset(),
    joint_suffixes: tuple[str, ...] = (),
    legacy_header: str | None = None,
    staff_signer: str | None = None,
) -> None:
    number = rec.parsed_number
    if number is not None:
        _joint_type(number, type_codes, joint_suffixes)
    title = rec.doc_type_name.extra if rec.doc_type_name else {}
    title_family = title.get("family")
    if rec.own_header is not None and rec.party_header is None:
        # a Đoàn TNCS document: its own heading and format guide
        rec.family = "other"
        rec.notes.append(f"văn bản của tổ chức có thể thức riêng ({rec.own_header.text})")
    elif rec.party_header is not None or (number and number.party_style):
        rec.family = "party"
    elif title_family == "normative" or (
        number and number.year and _normative_symbol(number.type_abbr, number.symbol)
    ):
        rec.family = "normative"
    elif title_family == "other" or (starts_with_appendix and rec.quoc_hieu is None):
        # an internal form, or a standalone appendix (the appendices of NĐ 30 itself, a "danh mục kèm theo
        # Quyết định" whose only number is the e-signature stamp's)
        rec.family = "other"
    elif legacy_header and rec.quoc_hieu is None:
        # "Céng hoµ x· héi Chñ nghÜa viÖt nam": the header is in a legacy font encoding (TCVN3, VNI) that
        # TXT002 reports; its parts cannot be read until the text is converted to Unicode
        rec.family = "other"
        rec.notes.append(
            f"phần đầu văn bản dùng bảng mã cũ ({legacy_header}): chuyển sang Unicode rồi kiểm tra lại"
        )
    elif (
        rec.issuer is not None and "lớp" in rec.issuer.text.lower() and STUDENT_CLASS.search(rec.issuer.text)
    ):
        # "LỚP: HTTT04" where the issuing body goes: minutes of a class meeting on the school's form, not a
        # document an agency issues (the readers of every family labelled its NĐ 30 findings [scope])
        rec.family = "other"
        rec.notes.append(f"văn bản của một lớp học ({rec.issuer.text}), không phải cơ quan, tổ chức ban hành")
    elif staff_signer and rec.number is None:
        # a staff member's own (weekly) report to the head of their unit, signed "Người báo cáo": a working
        # paper the records office neither numbers nor issues (the lead's policy 1: outside NĐ 30)
        rec.family = "other"
        rec.notes.append(
            f"báo cáo cá nhân gửi lãnh đạo đơn vị (ký “{staff_signer}”), không phải văn bản phát hành"
        )
    else:
        # a draft is checked as an administrative document unless something says otherwise: a draft
        # missing its whole header must hear about it, not be waved through as "other"
        rec.family = "administrative"
    rec.doc_type = _doc_type(rec, type_codes | specialised)
    if rec.family == "administrative" and (title_family == "specialised" or rec.doc_type in specialised):
        # a licence, a certificate, a labour contract: a sector's own form (NĐ 30, Điều 3 khoản 2)
        rec.family = "other"
        rec.notes.append(f"văn bản chuyên ngành ({rec.doc_type}): thể thức theo quy định của ngành")


def _joint_type(number: ParsedNumber, type_codes: set[str], suffixes: tuple[str, ...]) -> None:
    """``KHLT``, ``HDLN``: a joint plan or guidance carries its type's abbreviation and a suffix."""
    abbr = number.type_abbr
    if not abbr or abbr in type_codes:
        return
    for suffix in suffixes:
        stem = abbr[: -len(suffix)]
        if abbr.endswith(suffix) and stem in type_codes:
            number.type_abbr, number.type_qualifier = stem, suffix
            return


def _normative_symbol(type_abbr: str | None, symbol: str) -> bool:
    if type_abbr in NORMATIVE_SYMBOLS or symbol.startswith(("QH", "UBTVQH")):
        return True
    # QĐ-TTg, NQ-CP, QĐ-UBND with a year are normative too (Luật BHVBQPPL, Điều 10)
    return type_abbr in {"QĐ", "NQ", "CT"}


def _doc_type(rec: Recognition, type_codes: set[str]) -> str | None:
    if rec.doc_type_name is not None:
        return rec.doc_type_name.extra.get("code")
    number = rec.parsed_number
    if rec.family == "party" and number and number.type_abbr:
        return number.type_abbr
    if rec.trich_yeu is not None and rec.trich_yeu.extra.get("vv"):
        return "CV"
    if rec.title_candidate is not None:
        # a title we do not know (TTL004): not a công văn either, so no rule meant for a type applies
        return None
    if number and number.type_abbr:
        if number.type_abbr in type_codes:
            return number.type_abbr
        if rec.family == "administrative":
            return "CV"  # the first group is the issuer: a công văn (Phụ lục I, II.3.c)
    return None
