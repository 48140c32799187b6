"""Component recognition (NĐ 30, Điều 8): finds each part of the document and classifies it.

The same code reads a DOCX (two-column header/footer tables), a PDF (columns turned into table cells
by the loader) and flattened text, because it works on :class:`~doclint.recognise.lines.Line` s and
uses table cells and formatting only as extra evidence when they exist.
"""

from __future__ import annotations

from doclint import lazyre
from doclint.model import Document
from doclint.recognise.classify import classify
from doclint.recognise.components import Recognition
from doclint.recognise.footer import find_appendix_refs, recognise_footer
from doclint.recognise.header import HEADER_SCAN, comp, parse_date, recognise_header
from doclint.recognise.lines import COLUMN_GAP, Line, fold, split_columns, split_footer_columns, split_lines
from doclint.recognise.outline import recognise_outline
from doclint.recognise.patterns import (
    AUTHORITY,
    END_MARK,
    NOI_NHAN,
    appendix_head,
    is_quoc_hieu,
    is_tieu_ngu,
    looks_like_name,
    split_quoc_hieu,
)
from doclint.recognise.title import find_title, find_title_candidate, recognise_title
from doclint.rulepack import RulePack


def recognise(doc: Document, pack: RulePack, lines: list[Line] | None = None) -> Recognition:
    """What the document's parts are. ``lines``: the document's :func:`split_lines`, when the caller
    has them already (the engine shares them with the analyses)."""
    rec = Recognition()
    lines = split_lines(doc) if lines is None else lines
    if not lines:
        rec.notes.append("văn bản không có nội dung chữ")
        return rec
    lines = split_columns(lines, HEADER_SCAN, _header_cell)
    title_index = find_title(lines)
    after_header = recognise_header(lines, rec, title_index)
    _stamped_date(doc, rec)
    if title_index is None and (candidate := find_title_candidate(lines, max(after_header, 0))):
        rec.title_candidate = comp(candidate)
    body_start_line = recognise_title(lines, rec, title_index, max(after_header, 0))
    body_start_line = min(body_start_line, len(lines) - 1)
    rec.body_start = lines[body_start_line].block
    label = _label_beside_signature(lines, body_start_line)
    if label is not None:
        lines = split_footer_columns(lines, label, _signature_cell)
    recognise_footer(lines, rec, body_start_line)
    if rec.body_end is None or rec.body_end < rec.body_start:
        rec.body_end = rec.body_start
    body = rec.body_range()
    auto = {b.index for b in doc.blocks if b.para.numbering_label}
    rec.outline = recognise_outline(lines, body, auto)
    find_appendix_refs(lines, rec, body)
    _end_mark(lines, rec)
    types = pack.table("doc_types")
    codes = {t["code"] for t in types.get("type", [])} | {
        t["abbr"] for t in types.get("type", []) if t["abbr"]
    }
    specialised = {t["code"] for t in types.get("specialised", [])}
    own = {fold(h) for h in types.get("own_format", {}).get("headers", [])}
    if rec.quoc_hieu is None and own:
        heading = next((ln for ln in lines[:HEADER_SCAN] if fold(ln.text) in own), None)
        rec.own_header = comp(heading) if heading is not None else None
    first = next((ln.text for ln in lines if ln.text.strip()), "")
    classify(
        rec,
        codes,
        starts_with_appendix=bool(appendix_head(first))
        or any("èm theo" in ln.text and ATTACHED.match(ln.text) for ln in lines[:ATTACHED_SCAN]),
        specialised=specialised,
        joint_suffixes=tuple(types.get("joint_suffixes", ())),
        legacy_header=_legacy_header(lines),
        staff_signer=_staff_signer(lines, rec),
    )
    return rec


STAMP = lazyre.compile(r"\d{1,2}(?:\s{1,12}\d{1,2})?")  # "06", or day and month read as one run "25 07"


def _stamped_date(doc: Document, rec: Recognition) -> None:
    """A signed PDF whose blank day (and month) the e-office stamped into the date line: the digits are text
    of their own, drawn inside the line's box ("Lâm Đồng, ngày [06] tháng 11 năm 2025"); read them in."""
    parsed, pd = rec.parsed_date, rec.place_date
    if parsed is None or pd is None or (parsed.day and parsed.month):
        return
    line = doc.blocks[pd.block]
    if line.bbox is None:
        return
    x0, y0, x1, y1 = line.bbox
    stamps = []
    for block in doc.blocks[max(0, pd.block - 4) : pd.block + 5]:
        if block.index == pd.block or block.bbox is None or block.page != line.page:
            continue
        if not STAMP.fullmatch(block.text.strip()):
            continue
        bx0, by0, bx1, by1 = block.bbox
        overlap = min(y1, by1) - max(y0, by0)
        if overlap >= 0.5 * min(y1 - y0, by1 - by0) and bx0 >= x0 - 2 and bx1 <= x1 + 2:
            stamps += [(bx0 + k, value) for k, value in enumerate(block.text.split())]
    blanks = [part for part in ("day", "month") if getattr(parsed, part) is None]
    if not stamps or len(stamps) != len(blanks):
        return
    for part, (_, value) in zip(blanks, sorted(stamps), strict=True):
        setattr(parsed, part, value)
    parsed.stamped = tuple(blanks)
    rec.notes.append("ngày ban hành do hệ thống văn bản điện tử đóng vào dòng địa danh, ngày tháng")


# "Người báo cáo" over a name: a staff member's own report to their head, not a document the agency issues
STAFF_SIGNER = {"nguoi bao cao", "nguoi lam bao cao", "nguoi viet bao cao"}
STAFF_SCAN = 12


def _staff_signer(lines: list[Line], rec: Recognition) -> str | None:
    """The "Người báo cáo" line at the end of an unnumbered text without a signing authority."""
    if rec.number is not None or rec.signature is not None:
        return None
    for ln in lines[-STAFF_SCAN:]:
        for cell in COLUMN_GAP.split(ln.text):
            if fold(cell).strip(" :.") in STAFF_SIGNER:
                return cell.strip()
    return None


# "(Ban hành kèm theo Quyết định số …)", "(Kèm theo văn bản số …)": the document is an attachment
ATTACHED = lazyre.compile(r"^[(\[]?\s*(?:Ban hành\s+)?[Kk]èm theo\s+(?:[Qq]uyết định|[Vv]ăn bản|[Cc]ông văn|[Kk]ế hoạch|"
                      r"[Tt]hông báo|[Tt]ờ trình|[Bb]áo cáo|[Nn]ghị quyết|[Hh]ướng dẫn)")  # fmt: skip
ATTACHED_SCAN = 15


def _legacy_header(lines: list[Line]) -> str | None:
    """The legacy encoding (TCVN3, VNI) of the first lines, when they are written in one."""
    from doclint.vn import legacy

    found = legacy.detect(" ".join(ln.text for ln in lines[:6]))
    return found[0].upper() if found else None


def _header_cell(text: str) -> bool:
    """A right-hand header cell: the Quốc hiệu (with or without the Tiêu ngữ), the Tiêu ngữ, the date line."""
    return bool(
        is_quoc_hieu(text) or split_quoc_hieu(text) is not None or is_tieu_ngu(text) or parse_date(text)
    )


def _label_beside_signature(lines: list[Line], start: int) -> int | None:
    """The last Nơi nhận label, alone or with the signature typed beside it."""
    found = None
    for i in range(start, len(lines)):
        text = lines[i].text
        if NOI_NHAN.match(text) and len(COLUMN_GAP.split(text, maxsplit=1)[0]) < 40:
            found = i
    return found


def _signature_cell(text: str) -> bool:
    """A right-hand footer cell: an authority line, a title in capitals, the signer's name."""
    words = text.split()
    return (
        bool(AUTHORITY.match(text))
        or looks_like_name(text)
        or (text.isupper() and 1 <= len(words) <= 8 and not text.startswith(("-", "+")))
    )


def _end_mark(lines: list[Line], rec: Recognition) -> None:
    last = [ln for ln in lines if ln.block == rec.body_end]
    if last:
        line = last[-1]
        rec.end_mark = comp(line, has_mark=line.text.rstrip().endswith(END_MARK))
