"""The header: Quốc hiệu, Tiêu ngữ, parent and issuing body, Số/ký hiệu, place and date, V/v.

Works on the two-column header table of a DOCX or PDF (issuer left, Quốc hiệu right) and on the
flattened text of the same header, where the two columns come one after the other.
"""

from __future__ import annotations

import re

from doclint import lazyre
from doclint.recognise.components import Component, ParsedDate, ParsedNumber, Recognition
from doclint.recognise.lines import Line, fold, is_separator
from doclint.recognise.patterns import (
    DATE_LINE,
    DATE_SLASH_LINE,
    NUMBER_BODY,
    NUMBER_LINE,
    PARTY_NUMBER,
    VV_LINE,
    is_party_header,
    is_quoc_hieu,
    is_tieu_ngu,
    split_quoc_hieu,
)

HEADER_SCAN = 30  # lines; the header never runs longer than this

# words that start the name of a subordinate body (the issuer under a parent body)
ORG_HEADS = (
    "SỞ", "BAN", "VĂN PHÒNG", "PHÒNG", "TRUNG TÂM", "CỤC", "VỤ", "HỘI ĐỒNG", "CÔNG AN", "CHI CỤC",
    "BỘ CHỈ HUY", "BỘ", "TỔNG CỤC", "VIỆN", "TRƯỜNG", "BỆNH VIỆN", "ĐÀI", "BÁO", "THANH TRA", "KHO BẠC",
    "ỦY BAN", "UỶ BAN", "BAN QUẢN LÝ", "ĐOÀN", "TỔ", "HỘI", "QUỸ", "CÔNG TY", "TẬP ĐOÀN", "TỔNG CÔNG TY",
    "CHI NHÁNH", "ĐẢNG ỦY", "ĐẢNG UỶ", "TỈNH ỦY", "TỈNH UỶ", "HUYỆN ỦY", "THÀNH ỦY",
)  # fmt: skip
# a parent line names a locality-level body: "UBND TỈNH LÂM ĐỒNG", "ỦY BAN NHÂN DÂN TỈNH X", "BỘ NỘI VỤ"
PARENT_HINT = lazyre.compile(
    r"^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HĐND|BỘ|TỔNG CỤC|CHÍNH PHỦ|VĂN PHÒNG CHÍNH PHỦ|TỈNH ỦY|TỈNH UỶ)\b.*"
    r"(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|HUYỆN|QUẬN|THỊ XÃ|ĐẶC KHU|\bBỘ\b|CỤC|CHÍNH PHỦ|.{3})$"  # .{3}: linear, same test (issue 18)
)
LOCALITY_ONLY = lazyre.compile(r"^(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|ĐẶC KHU)\b")
GLUED = lazyre.compile(r"\d[^\W\d_]|[^\W\d_]\d")
# one capital typed before the abbreviation of the parent body: "DUBND TỈNH LÂM ĐỒNG"
STRAY_LETTER = lazyre.compile(r"^([A-ZĐ])(?=(?:UBND|HĐND)\s)")
# a parent body and the issuer read as one line: "UBND TỈNH BÌNH THUẬN SỞ TƯ PHÁP"
JOINED_ORG = lazyre.compile(
    r"^((?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s{1,3}(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)"
    r"(?:\s{1,3}[^\s]{1,12}){1,4}?)\s{1,3}(SỞ|VĂN PHÒNG|PHÒNG|BAN|TRUNG TÂM|CHI CỤC|THANH TRA|TRƯỜNG|BỆNH VIỆN|ĐÀI)\s"
)
GENERIC_BODY = lazyre.compile(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|UBND|HĐND)$")


def _is_caps(line: Line) -> bool:
    return line.upper


def parse_number(text: str) -> ParsedNumber | None:
    match = NUMBER_LINE.match(text)
    if not match:
        return None
    body = match.group("body").strip()
    # "Số: …………./BB-CNTT", "Số: ......./KH-UBND": a number left blank with dots, filled in after signing
    body = re.sub(r"^[.…_]++(?=\s*+/)", "", body)
    colon = match.group("colon") == ":"
    # a party number is read only when its first "-" comes before its first "/" (PARTY_NUMBER needs
    # both): tested first, so that most documents never compile the pattern (issue 17: start-up)
    party_order = -1 < body.find("-") < body.find("/")
    party = PARTY_NUMBER.match(re.sub(r"\s+", "", body)) if party_order else None
    if party:
        return ParsedNumber(
            raw=text,
            number=party.group("num") or None,
            year=None,
            symbol=f"{party.group('type')}/{party.group('org')}",
            type_abbr=party.group("type"),
            issuer_code=party.group("org"),
            party_style=True,
            has_colon=colon,
        )
    parsed = NUMBER_BODY.match(body)
    if not parsed:
        return ParsedNumber(raw=text, number=None, year=None, symbol=body, type_abbr=None,
                            issuer_code=None, has_colon=colon)  # fmt: skip
    symbol = re.sub(r"\s+", "", parsed.group("symbol"))
    groups = [g for g in re.split(r"[-–]", symbol) if g]
    return ParsedNumber(
        raw=text,
        number=parsed.group("num") or None,
        year=parsed.group("year"),
        symbol=symbol,
        type_abbr=groups[0] if groups else None,
        issuer_code="-".join(groups[1:]) if len(groups) > 1 else (groups[0] if groups else None),
        has_colon=colon,
    )


def split_number_date(text: str) -> int | None:
    """Where the place/date line starts when the Số line and the date line were flattened onto one
    line (a tab, or the two cells of a header row run together): the first break after which the rest
    reads as a place/date line whose place is a name, not a piece of the ký hiệu."""
    if "ngày" not in text.lower() or not re.search(r"n[ăa]m\s*+[\d.…_ ]*+\s*+\.?\s*+$", text, re.IGNORECASE):
        return None
    for match in re.finditer(r"\s+", text):
        rest = text[match.end() :]
        first = rest.split(None, 1)[0] if rest.split() else ""
        if not first[:1].isalpha() or any(c in first for c in "-/&") or first.startswith("ngày"):
            continue
        parsed = parse_date(rest)
        if parsed is not None and parsed.place and NUMBER_LINE.match(text[: match.start()]):
            return match.start()
    return None


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip(" .…_")
    return value or None


def parse_date(text: str) -> ParsedDate | None:
    match = DATE_LINE.match(text) or DATE_SLASH_LINE.match(text)
    if not match:
        return None
    place = match.group("place").strip()
    if len(place) > 60 or not place[:1].isalpha():
        return None
    rest = text[match.end("place") :]
    return ParsedDate(
        place=place or None,
        day=_blank(match.group("day")),
        month=_blank(match.group("month")),
        year=_blank(match.group("year")),
        comma=bool(match.group("comma")),
        glued=[w for w in rest.split() if GLUED.search(w)],
    )


def comp(line: Line, text: str | None = None, **extra) -> Component:
    return Component(text=text if text is not None else line.text, block=line.block, start=line.start,
                     end=line.end, extra=extra)  # fmt: skip


def recognise_header(lines: list[Line], rec: Recognition, title_index: int | None) -> int:
    """Fill the header components; return the index of the first line after the header."""
    limit = min(len(lines), title_index if title_index is not None else HEADER_SCAN, HEADER_SCAN)
    org_lines: list[Line] = []
    last = -1
    vv_index: int | None = None
    for i in range(limit):
        line = lines[i]
        text = line.text
        if is_separator(text):
            continue
        if rec.quoc_hieu is None and (cut := split_quoc_hieu(text)) is not None:
            qh = text[:cut].rstrip()
            rec.quoc_hieu = Component(text=qh, block=line.block, start=line.start, end=line.start + len(qh))
            tn = text[cut:]
            rec.tieu_ngu = Component(text=tn, block=line.block, start=line.start + cut, end=line.end)
            last = i
        elif rec.quoc_hieu is None and is_quoc_hieu(text):
            rec.quoc_hieu = comp(line)
            last = i
        elif rec.tieu_ngu is None and is_tieu_ngu(text):
            rec.tieu_ngu = comp(line)
            last = i
        elif is_party_header(text):
            rec.party_header = comp(line)
            last = i
        elif rec.number is None and NUMBER_LINE.match(text) and ("/" in text or "-" in text):
            cut = split_number_date(text)
            if cut is not None:
                # "Số: 09/2009/CT-UBND⇥Thủ Dầu Một, ngày 15 tháng 4 năm 2009": two cells on one line
                number_text, date_text = text[:cut].rstrip(), text[cut:].lstrip()
                rec.number = comp(line, number_text, merged_with="place_date")
                rec.number.end = line.start + len(number_text)
                rec.parsed_number = parse_number(number_text)
                if rec.place_date is None:
                    date_start = line.start + len(text) - len(date_text)
                    rec.place_date = Component(text=date_text, block=line.block, start=date_start,
                                               end=line.end, extra={"merged_with": "number"})  # fmt: skip
                    rec.parsed_date = parse_date(date_text)
            else:
                rec.number = comp(line)
                rec.parsed_number = parse_number(text)
            last = i
        elif rec.place_date is None and (parsed := parse_date(text)):
            rec.place_date = comp(line)
            rec.parsed_date = parsed
            last = i
        elif vv_index is None and VV_LINE.match(text) and (rec.number is not None or line.table):
            vv_index = i
            last = i
        elif vv_index is not None and i == vv_index + 1 and _continues_vv(line, lines[vv_index]):
            last = i
        elif _is_caps(line) and rec.number is None and not _is_title_like(text):
            # issuer lines come before the number (left column, or first in flattened text)
            if line.table and rec.quoc_hieu and line.table == _cell(rec, lines, "quoc_hieu"):
                continue
            org_lines.append(line)
            last = i
    if vv_index is not None:
        vv_lines = [lines[vv_index]]
        nxt = vv_index + 1
        if nxt < len(lines) and _continues_vv(lines[nxt], lines[vv_index]):
            vv_lines.append(lines[nxt])
        text = " ".join(ln.text for ln in vv_lines)
        rec.trich_yeu = comp(vv_lines[0], text, vv=True)
    _split_org(org_lines, rec)
    return last + 1


def _continues_vv(line: Line, vv: Line) -> bool:
    """A V/v summary wrapped onto the next paragraph of the same cell."""
    if line.table is None or line.table != vv.table:
        return False
    return bool(line.text) and line.text[0].islower()


def _cell(rec: Recognition, lines: list[Line], name: str) -> tuple[int, int, int] | None:
    component = getattr(rec, name)
    for line in lines:
        if line.block == component.block:
            return line.table
    return None


def _is_title_like(text: str) -> bool:
    from doclint.recognise.title import match_title_prefix, match_type_title

    # "BIÊN BẢN HỌP" is the title of a minutes without an issuing body, not its issuer
    return match_type_title(text) is not None or match_title_prefix(text) is not None


def _split_org(org_lines: list[Line], rec: Recognition) -> None:
    """Parent body (not bold, may be abbreviated) over the issuing body (bold, in full)."""
    lines = [ln for ln in org_lines if not is_separator(ln.text) and ln.text.strip("*").strip()]
    if not lines:
        return
    # formatting tells when it is known: the parent line is not bold, the issuer is
    bolds = [ln.bold for ln in lines]
    split: int | None = None
    if all(b is not None for b in bolds) and any(bolds) and not all(bolds):
        first_bold = bolds.index(True)
        if first_bold > 0 and all(bolds[first_bold:]):
            split = first_bold
    if split is None and len(lines) >= 2:
        first = lines[0].text.strip()
        second = lines[1].text.strip()
        stray = STRAY_LETTER.match(first) if first.startswith(("UBND", "HĐND"), 1) else None
        if stray:
            # "DUBND TỈNH X": a letter typed before the abbreviation; read the line without it
            first = first[1:]
        if GENERIC_BODY.match(first) and LOCALITY_ONLY.match(second):
            # "ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG": one name over two lines
            if len(lines) > 2 and any(lines[2].text.startswith(h) for h in ORG_HEADS):
                split = 2
            else:
                split = None
        elif any(second.startswith(h) for h in ORG_HEADS) and PARENT_HINT.match(first):
            split = 1
    if split is None and len(lines) == 1 and (joined := JOINED_ORG.match(lines[0].text)):
        # "UBND TỈNH BÌNH THUẬN SỞ TƯ PHÁP": a signed PDF read the two header lines as one
        line, cut = lines[0], joined.end(1)
        rec.parent_body = Component(text=line.text[:cut], block=line.block, start=line.start,
                                    end=line.start + cut, extra={"joined_with": "issuer"})  # fmt: skip
        head = joined.start(2)
        rec.issuer = Component(text=line.text[head:].strip("* "), block=line.block, start=line.start + head,
                               end=line.end, extra={"joined_with": "parent_body"})  # fmt: skip
        return
    if split:
        parent, issuer = lines[:split], lines[split:]
        rec.parent_body = comp(parent[0], " ".join(ln.text for ln in parent))
        parent_head = parent[0].text.strip()
        stray = STRAY_LETTER.match(parent_head) if parent_head.startswith(("UBND", "HĐND"), 1) else None
        if stray:
            rec.parent_body.extra["stray_letter"] = stray.group(1)
    else:
        issuer = lines
    rec.issuer = comp(issuer[0], " ".join(ln.text.strip("* ") for ln in issuer))


def header_folded(text: str) -> str:
    return fold(text)
