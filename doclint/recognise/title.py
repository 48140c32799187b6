"""Type name, trích yếu, the QĐ authority line, Kính gửi and the căn cứ lines."""

from __future__ import annotations

import re
from functools import cache

from doclint import lazyre
from doclint.recognise.components import Component, Recognition
from doclint.recognise.header import comp
from doclint.recognise.lines import Line, fold, is_separator
from doclint.recognise.patterns import (
    AUTHORITY,
    CAN_CU,
    KINH_GUI,
    NOI_NHAN,
    NUMBER_LINE,
    PREAMBLE_START,
    VV_LINE,
)

TITLE_SCAN = 45
ENACTMENT = lazyre.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT|CHỈ THỊ|BAN HÀNH|QUY ĐỊNH)\s*:\s*$")
BODY_MARKER = lazyre.compile(
    r"^(Điều\s+\d|Chương\s+[IVXLC\d]|Phần\s+|[IVXLC]+\s*[.)]\s|\d+\s*[.)]\s|[a-zđ]\)\s)"
)


@cache
def _title_table(pack_key: int = 0) -> dict[str, tuple[str, str]]:
    """folded title -> (code, family). Read from the built-in pack's doc_types table."""
    from doclint.rulepack import load_pack

    types = load_pack().table("doc_types")
    out: dict[str, tuple[str, str]] = {}
    for entry in types.get("type", []):
        out[fold(entry["name"])] = (entry["code"], "administrative")
    for entry in types.get("copy", []):
        out[fold(entry["name"])] = (entry["code"], "administrative")
    for entry in types.get("normative", []):
        out[fold(entry["name"])] = (entry["code"], "normative")
    for title in types.get("other", {}).get("titles", []):
        out[fold(title)] = ("KHAC", "other")
    for entry in types.get("specialised", []):
        out[fold(entry["name"])] = (entry["code"], "specialised")
    out.pop(fold("Công văn"), None)  # a công văn has no title line
    return out


# a note after the title in brackets: "THÔNG BÁO (Lần 2)", "KẾ HOẠCH (DỰ THẢO)", "QUYẾT ĐỊNH (sửa đổi)"
TITLE_NOTE = lazyre.compile(r"\s*\([^()]{1,40}\)\s*$")
PREFIX_WORDS = 4  # the longest type name ("GIẤY CHỨNG NHẬN", "HỢP ĐỒNG LÀM VIỆC") in words
PREFIX_TITLE_WORDS = 18  # a longer capitalised line is a heading of the body, not a title
PREFIX_SCAN = 25  # the title sits right under the header


def _title_text(text: str) -> str | None:
    """The capitalised text of a possible title line, without a bracketed note; None if not one."""
    stripped = text.strip().strip("*").strip()
    if "(" in stripped:  # both notes are in brackets
        stripped = re.sub(r"\s*\(DỰ THẢO[^)]*\)\s*$", "", stripped, flags=re.IGNORECASE)
        stripped = TITLE_NOTE.sub("", stripped)
    letters = list(filter(str.isalpha, stripped))  # in C: asked of every line near the top, several times
    if not letters or not all(map(str.isupper, letters)) or stripped.endswith(":"):
        return None
    return stripped


def match_type_title(text: str) -> tuple[str, str] | None:
    """``KẾ HOẠCH`` → ("KH", "administrative"); the line must be the type name alone, in capitals."""
    stripped = _title_text(text)
    return _title_table().get(fold(stripped)) if stripped else None


def match_title_prefix(text: str) -> tuple[str, str, int] | None:
    """A capitalised title line that opens with a type name and goes on: ``BIÊN BẢN LÀM VIỆC``,
    ``GIẤY MỜI HỌP``, ``QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ …`` → (code, family, offset where the
    type name ends in ``text``). The longest known name wins (``HỢP ĐỒNG LÀM VIỆC`` over ``HỢP ĐỒNG``)."""
    stripped = _title_text(text)
    if stripped is None:
        return None
    words = list(re.finditer(r"\S+", stripped))
    if len(words) < 2 or len(words) > PREFIX_TITLE_WORDS:
        return None
    table = _title_table()
    for k in range(min(PREFIX_WORDS, len(words) - 1), 0, -1):
        hit = table.get(fold(stripped[: words[k - 1].end()]))
        if hit is not None:
            offset = text.find(stripped) + words[k - 1].end()
            return hit[0], hit[1], offset
    return None


def find_title(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines[:TITLE_SCAN]):
        if match_type_title(line.text):
            return i
    # no line is a type name alone: a title line that opens with one, before the body begins
    for i, line in enumerate(lines[:PREFIX_SCAN]):
        if _body_began(line):
            break
        if match_title_prefix(line.text):
            return i
    return None


def _body_began(line: Line) -> bool:
    """The content has started (or a công văn's V/v came first): no title below this line."""
    text = line.text
    return bool(
        VV_LINE.match(text) or KINH_GUI.match(text) or CAN_CU.match(text) or BODY_MARKER.match(text)
        or NOI_NHAN.match(text)
    )  # fmt: skip


def find_title_candidate(lines: list[Line], start: int) -> Line | None:
    """Without a known type title: an all-caps line where the title belongs (for TTL004), short, or
    longer when it is centred like a title ("DANH SÁCH CÁN BỘ ĐƯỢC CỬ ĐI ĐÀO TẠO NĂM 2026")."""
    for line in lines[start : start + 3]:
        words = line.text.split()
        if line.upper and 1 <= len(words) <= 5 and line.table is None and not is_separator(line.text):
            return line
        if (
            line.upper
            and 5 < len(words) <= PREFIX_TITLE_WORDS
            and line.table is None
            and line.align in (None, "center")
            and not (
                AUTHORITY.match(line.text) or AUTHORITY_HEAD.match(line.text) or ENACTMENT.match(line.text)
            )
            and not _body_began(line)
        ):
            return line
        if not is_separator(line.text):
            return None
    return None


def recognise_title(lines: list[Line], rec: Recognition, title_index: int | None, after_header: int) -> int:
    """Fill type name, trích yếu, authority line, Kính gửi, căn cứ; return the first body line."""
    i = after_header
    if title_index is not None:
        line = lines[title_index]
        exact = match_type_title(line.text)
        prefix = None if exact else match_title_prefix(line.text)
        if prefix is not None:
            # "BIÊN BẢN LÀM VIỆC", "QUYẾT ĐỊNH CHẤP THUẬN …": the type name, then the rest of the title
            code, family, cut = prefix
            name = line.text[:cut].strip().strip("*").strip()
            rec.doc_type_name = Component(text=name, block=line.block, start=line.start + line.text.find(name),
                                          end=line.start + cut, extra={"code": code, "family": family,
                                          "continued": True})  # fmt: skip
            i = _title_rest(lines, rec, line, cut, title_index + 1)
        else:
            code, family = exact or ("", "")
            rec.doc_type_name = comp(line, code=code, family=family)
            note = TITLE_NOTE.search(line.text)
            if note is not None and not re.search(r"D[ỰỤ]\s*TH[ẢẠ]O", note.group(0), re.IGNORECASE):
                # "THÔNG BÁO (Lần 2)": the type name is the words before the bracketed note
                name = line.text[: note.start()].rstrip()
                rec.doc_type_name = comp(line, name, code=code, family=family, note=note.group(0).strip())
                rec.doc_type_name.end = line.start + len(name)
            i = title_index + 1
        summary: list[Line] = []
        while rec.trich_yeu is None and i < len(lines) and len(summary) < 4:
            line = lines[i]
            if is_separator(line.text):
                i += 1
                if summary:
                    break
                continue
            if _ends_summary(line, summary, lines[title_index]):
                break
            summary.append(line)
            i += 1
        if summary and rec.trich_yeu is None:
            text = " ".join(ln.text for ln in summary)
            # "Về việc …" is the normal start of a summary; only "V/v" is the công văn marker
            rec.trich_yeu = comp(summary[0], text, vv=bool(re.match(r"^V/[vV]\b", text)))
    # QĐ / NQ: the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X") before the căn cứ
    while i < len(lines) and (is_separator(lines[i].text) or lines[i].text.startswith("(")):
        i += 1
    if (
        i < len(lines)
        and lines[i].upper
        and not ENACTMENT.match(lines[i].text)
        and not AUTHORITY.match(lines[i].text)
        and not BODY_MARKER.match(lines[i].text)  # "I. MỤC ĐÍCH, YÊU CẦU" opens the body
        and len(lines[i].text.split()) <= 16
    ):
        rec.authority_line = comp(lines[i])
        i += 1
    i = _kinh_gui(lines, rec, i)
    i = _can_cu(lines, rec, i)
    return i


def _title_rest(lines: list[Line], rec: Recognition, line: Line, cut: int, i: int) -> int:
    """The words after the type name on a title line. Lower-case lines under it are the trích yếu (the
    words were a qualifier of the type: "KẾ HOẠCH HÀNH ĐỘNG" / "Nâng cao …", "HƯỚNG DẪN LIÊN NGÀNH" /
    "Thực hiện …"); otherwise the words, with the capitalised lines that continue them, are the trích yếu
    ("KẾ HOẠCH TRIỂN KHAI THỰC TẬP DOANH NGHIỆP" / "HỌC KỲ 2 NĂM HỌC 2022-2023"). Returns the next line."""
    rest = line.text[cut:].strip()
    lead = len(line.text[cut:]) - len(line.text[cut:].lstrip())
    qualifier = TITLE_NOTE.sub("", rest).strip()
    j = i
    while j < len(lines) and is_separator(lines[j].text):
        j += 1
    below = lines[j] if j < len(lines) else None
    if (
        below is not None
        and not below.upper
        and below.align in (None, "center")
        and not _ends_summary(below, [], line)
        and not NUMBER_LINE.match(below.text)
        and not below.text.startswith("(")  # "(Từ ngày 22/6 đến ngày 25/6)": a note under the title
        and not re.search(r"[.:;]$", below.text)  # a sentence of the body, not a trích yếu
    ):
        rec.doc_type_name.extra["qualifier"] = qualifier
        return i  # the usual trích yếu follows; the caller reads it
    parts = [rest]
    k = i
    while k < len(lines) and len(parts) < 4:
        nxt = lines[k]
        if is_separator(nxt.text):
            k += 1
            break
        if (
            not nxt.upper
            or AUTHORITY_HEAD.match(nxt.text)
            or ENACTMENT.match(nxt.text)
            or BODY_MARKER.match(nxt.text)
        ):
            break
        parts.append(nxt.text)
        k += 1
    rec.trich_yeu = Component(text=" ".join(parts), block=line.block, start=line.start + cut + lead,
                              end=line.end, extra={"vv": False, "inline": True})  # fmt: skip
    return k


AUTHORITY_HEAD = lazyre.compile(
    r"^(CHỦ TỊCH|PHÓ CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG|"
    r"CHÁNH|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG BAN|VIỆN TRƯỞNG|HIỆU TRƯỞNG|THỐNG ĐỐC|TỔNG GIÁM ĐỐC)"
)


def _ends_summary(line: Line, summary: list[Line], title: Line) -> bool:
    text = line.text
    if PREAMBLE_START.match(text) or KINH_GUI.match(text) or NOI_NHAN.match(text) or ENACTMENT.match(text):
        return True
    if CAN_CU.match(text):
        # "Thực hiện …", "Theo …" open the body, unless centred under the title like a trích yếu
        # ("HƯỚNG DẪN" / "Thực hiện chế độ hỗ trợ …")
        return not (not summary and line.align == "center" and title.align == "center")
    if BODY_MARKER.match(text) or text.startswith(("-", "+", "•")):
        return True
    if not summary:
        # right under a QĐ/NQ title, an all-caps title line is the enacting authority, not a summary
        return line.upper and bool(AUTHORITY_HEAD.match(text))
    if line.upper:
        return True
    if line.align is not None and summary[0].align is not None:
        # DOCX/PDF: a summary wrapped over several paragraphs keeps the first one's setting
        return line.align != "center" or line.align != summary[0].align or line.bold != summary[0].bold
    # plain text: a wrapped summary line starts in lower case and the loader already joined it
    return True


def _kinh_gui(lines: list[Line], rec: Recognition, i: int) -> int:
    for j in range(i, min(i + 6, len(lines))):
        match = KINH_GUI.match(lines[j].text)
        if not match:
            continue
        line = lines[j]
        rec.kinh_gui = comp(line)
        rest = match.group("rest").strip()
        k = j + 1
        if (rest and not rest.startswith("-")) or rest.startswith("-"):
            rec.kinh_gui_items.append(
                Component(text=rest, block=line.block, start=line.end - len(rest), end=line.end)
            )
        while k < len(lines):
            if rec.kinh_gui_items and rec.kinh_gui_items[-1].text.rstrip().endswith("."):
                break  # the last addressee ends with a full stop; dash lines after it are the body's
            nxt = lines[k]
            # the addressee may sit in the next cell of the same table row ("Kính gửi:" | "Sở Nội vụ.")
            in_cell = line.table is not None and nxt.table is not None and nxt.table[:2] == line.table[:2]
            if nxt.text.startswith(("-", "+", "•")) or in_cell:
                rec.kinh_gui_items.append(comp(nxt))
                k += 1
                continue
            break
        return k
    return i


def _continues(line: Line, nxt: Line) -> bool:
    """``nxt`` carries on the sentence of ``line``: ``line`` has no closing punctuation and ``nxt`` opens
    nothing of its own (another căn cứ, the enacting line, a heading, a capitalised line)."""
    text = nxt.text
    return (
        not re.search(r"[;.:]\s*$", line.text)
        and not PREAMBLE_START.match(text)
        and not ENACTMENT.match(text)
        and not BODY_MARKER.match(text)
        and not nxt.upper
        and len(text) > 1
    )


def _can_cu(lines: list[Line], rec: Recognition, i: int) -> int:
    j = i
    # the preamble may start a few lines later (a "Thực hiện ..." sentence in a plan, for instance)
    start = None
    for k in range(i, min(i + 4, len(lines))):
        if PREAMBLE_START.match(lines[k].text):
            start = k
            break
    if start is None:
        return i
    j = start
    while j < len(lines) and PREAMBLE_START.match(lines[j].text):
        kind = "can_cu" if lines[j].text.startswith("Căn cứ") else "de_nghi"
        rec.can_cu.append(comp(lines[j], kind=kind))
        j += 1
        # a căn cứ wrapped over several lines (a PDF line, a flattened "Căn cứ" / "Luật …"): the rest of it
        while j < len(lines) and _continues(lines[j - 1], lines[j]):
            rec.can_cu.append(comp(lines[j], kind="continued"))
            j += 1
    if j < len(lines) and ENACTMENT.match(lines[j].text):
        rec.enactment = comp(lines[j])
        j += 1
    return j if start == i else i
