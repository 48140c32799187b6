"""The end of the document: Nơi nhận with its items and the Lưu line, the signature block(s), and the
appendices that follow them. In a DOCX these sit in a borderless two-column table (Nơi nhận left,
signature right); in flattened text they come one after the other, in either order."""

from __future__ import annotations

from dataclasses import dataclass

from doclint.recognise.components import Component, Recognition, Signature
from doclint.recognise.header import comp
from doclint.recognise.lines import Line, is_separator
from doclint.recognise.patterns import (
    APPENDIX_REF,
    AUTHORITY,
    END_MARK,
    LUU,
    NOI_NHAN,
    appendix_head,
    looks_like_name,
    placeholder_name,
    signed_mark,
)

ITEM_START = ("-", "–", "+", "•", "*")
MAX_TITLE_WORDS = 12


@dataclass(eq=False, repr=False)
class Tail:
    """Where the content ends and where the signature/recipient zone ends (line indices)."""

    body_end: int  # last line index of the content
    tail_end: int  # last line index of the signature/recipient zone (exclusive of appendices)


def _is_item(line: Line) -> bool:
    return line.text.startswith(ITEM_START) or bool(LUU.match(line.text))


def _is_title_line(line: Line) -> bool:
    text = line.text.strip()
    if AUTHORITY.match(text):
        return True
    words = text.split()
    return (
        line.upper
        and 1 <= len(words) <= MAX_TITLE_WORDS
        and not text[0].isdigit()
        and not is_separator(text)
        and not text.startswith(ITEM_START)  # "- LĐVP, P, TH;" is a recipient in capitals
    )


def find_noi_nhan(lines: list[Line], body_start: int) -> int | None:
    """The Nơi nhận label: the last one after the content start (a template quoted in the body comes first)."""
    found = None
    for i in range(body_start, len(lines)):
        if NOI_NHAN.match(lines[i].text) and len(lines[i].text) < 40:
            found = i
    return found


def _appendix_start(lines: list[Line], after: int) -> int | None:
    for i in range(after, len(lines)):
        text = lines[i].text
        if appendix_head(text) and len(text.split()) <= 25 and not text.endswith((";", ",")):
            return i
    return None


def recognise_footer(lines: list[Line], rec: Recognition, body_start: int) -> None:
    n = len(lines)
    label = find_noi_nhan(lines, body_start)
    authority = None
    search_from = body_start
    for i in range(search_from, n):
        if AUTHORITY.match(lines[i].text) and lines[i].upper:
            authority = i
            if label is None or i > label - 25:
                break
    anchors = [x for x in (label, authority) if x is not None]
    if label is not None and authority is None and lines[label].table is None:
        # signers without TM./KT. above the Nơi nhận label in flowing text: a Biên bản's THƯ KÝ and
        # CHỦ TRÌ, each a title line over a name
        bare = _find_bare_signature(lines, body_start, label)
        if bare is not None:
            anchors.append(bare)
    if anchors:
        zone_start = min(anchors)
        # a signature above the label in the same table row starts the zone
        zone_start = _extend_back(lines, zone_start, body_start)
        appendix = _appendix_start(lines, max(anchors) + 1)
    else:
        appendix = _appendix_start(lines, body_start + 1)
        zone_start = _find_bare_signature(lines, body_start, appendix if appendix is not None else n)
    zone_end = appendix if appendix is not None else n
    if zone_start is None:
        rec.body_end = _last_content(lines, body_start, zone_end)
        _appendices(lines, rec, appendix)
        return
    rec.body_end = _last_content(lines, body_start, zone_start)
    _trailing_date(lines, rec, body_start, zone_start)
    zone = list(range(zone_start, zone_end))
    recipient_lines = _recipients(lines, rec, label, zone_end)
    signature_lines = [i for i in zone if i not in recipient_lines and i != label]
    _signatures(lines, rec, signature_lines)
    _appendices(lines, rec, appendix)


def _extend_back(lines: list[Line], start: int, body_start: int) -> int:
    """Include signature lines that sit before the anchor inside the same footer table."""
    table = lines[start].table
    if table is None:
        return start
    i = start
    while i - 1 > body_start and lines[i - 1].table and lines[i - 1].table[0] == table[0]:
        i -= 1
    return i


def _trailing_date(lines: list[Line], rec: Recognition, body_start: int, zone_start: int) -> None:
    """A place/date line right above the signatures (a biên bản dated at its end) is not content."""
    from doclint.recognise.header import parse_date

    i = zone_start - 1
    while i > body_start and is_separator(lines[i].text):
        i -= 1
    if i <= body_start or len(lines[i].text) > 70 or lines[i].block != rec.body_end:
        return
    parsed = parse_date(lines[i].text)
    if parsed is None or not parsed.place or not parsed.year:
        return
    rec.body_end = _last_content(lines, body_start, i)


def _last_content(lines: list[Line], body_start: int, stop: int) -> int | None:
    for i in range(stop - 1, body_start - 1, -1):
        if not is_separator(lines[i].text):
            return lines[i].block
    return None


def _recipients(lines: list[Line], rec: Recognition, label: int | None, zone_end: int) -> set[int]:
    used: set[int] = set()
    if label is None:
        return used
    line = lines[label]
    rec.recipients_label = comp(line)
    rest = NOI_NHAN.match(line.text).group("rest").strip()
    if rest:
        rec.recipients.append(
            Component(text=rest, block=line.block, start=line.end - len(rest), end=line.end)
        )
    i = label + 1
    while i < zone_end:
        nxt = lines[i]
        i += 1
        if line.table is not None:
            if nxt.table != line.table:
                break
        else:
            # flowing text: the list runs until the signature block; stray fragments are skipped
            if _is_title_line(nxt) or signed_mark(nxt.text) or looks_like_name(nxt.text):
                break
            if not (_is_item(nxt) or (nxt.text.endswith((";", ".")) and len(nxt.text) > 3)):
                continue
        if is_separator(nxt.text):
            continue
        rec.recipients.append(comp(nxt))
        used.add(i - 1)
        if LUU.match(nxt.text):
            rec.luu = rec.recipients[-1]
    return used


def _find_bare_signature(lines: list[Line], body_start: int, stop: int) -> int | None:
    """No Nơi nhận and no TM./KT.: a title line followed by a name near the end."""
    for i in range(stop - 1, max(body_start, stop - 8) - 1, -1):
        if looks_like_name(lines[i].text):
            j = i - 1
            while j > body_start and signed_mark(lines[j].text):
                j -= 1
            if j > body_start and _is_title_line(lines[j]) and len(lines[j].text) < 60:
                while j - 1 > body_start and _is_title_line(lines[j - 1]) and len(lines[j - 1].text) < 60:
                    j -= 1
                # another signer (title over name) right above: two signatures one after the other
                earlier = _find_bare_signature(lines, body_start, j) if j - 2 > body_start else None
                return earlier if earlier is not None and earlier >= j - 4 else j
    return None


def _signatures(lines: list[Line], rec: Recognition, indices: list[int]) -> None:
    groups: dict[object, list[int]] = {}
    flow = 0
    for i in indices:
        if lines[i].table is None:
            # flowing text: a title line right after a signer's name starts the next signature
            prev = groups.get(("flow", flow))
            if prev and looks_like_name(lines[prev[-1]].text) and _is_title_line(lines[i]):
                flow += 1
            key: object = ("flow", flow)
        else:
            key = lines[i].table
        groups.setdefault(key, []).append(i)
    signatures: list[Signature] = []
    used: set[int] = set()
    last_line: dict[int, int] = {}
    for group in groups.values():
        sig = _one_signature(lines, group)
        if sig is not None:
            signatures.append(sig)
            used.update(group)
            last_line[id(sig)] = max(group)
    if signatures:
        rec.signatures = signatures
        # the signer of the document: the one with an authority prefix, else the rightmost/last
        with_prefix = [s for s in signatures if s.authority and AUTHORITY.match(s.authority[0].text)]
        rec.signature = with_prefix[-1] if with_prefix else signatures[-1]
        sig = rec.signature
        if sig.name is None:
            # the name typed under the signature table, in a lower row of it, or printed below the
            # signature image after the recipient list (a PDF): the first name-like line after the title
            after = last_line[id(sig)]
            names = [i for i in indices if i > after and i not in used and looks_like_name(lines[i].text)]
            if names:
                sig.name = comp(lines[names[0]])
                sig.blocks.append(lines[names[0]].block)


def _one_signature(lines: list[Line], group: list[int]) -> Signature | None:
    caps: list[Line] = []
    name: Line | None = None
    blocks: list[int] = []
    for i in group:
        line = lines[i]
        text = line.text
        if is_separator(text) or signed_mark(text) or text == END_MARK:
            continue
        if name is None and _is_title_line(line) and not looks_like_name(text):
            caps.append(line)
            blocks.append(line.block)
            continue
        if caps and name is None and (looks_like_name(text) or placeholder_name(text)):
            if not placeholder_name(text):
                name = line
                blocks.append(line.block)
            continue
    if not caps:
        return None
    title = caps[-1]
    authority = caps[:-1]
    # "KT. CHỦ TỊCH" alone: the prefix line is also the title line
    if not authority and AUTHORITY.match(title.text):
        authority = [title]
    return Signature(
        authority=[comp(ln) for ln in authority],
        title=comp(title),
        name=comp(name) if name else None,
        blocks=blocks,
    )


def _appendices(lines: list[Line], rec: Recognition, start: int | None) -> None:
    if start is None:
        return
    i = start
    while i < len(lines):
        text = lines[i].text
        if appendix_head(text) and len(text.split()) <= 25 and not text.endswith((";", ",")):
            rec.appendices.append(comp(lines[i]))
        i += 1


def find_appendix_refs(lines: list[Line], rec: Recognition, body: range) -> None:
    for line in lines:
        # every alternative of APPENDIX_REF names a “phụ lục” or a “phụ biểu”: a line without “phụ” is skipped
        # (and without “ụ” or “Ụ” it has no “phụ” in lower case either: tested first, without the copy);
        # every alternative holds “phụ lục” or “phụ biểu”, so “phụ l” or “phụ b” in lower case (letters
        # that re ignoring case matches exactly where str.lower() equals them)
        text = line.text
        if line.block not in body or ("ụ" not in text and "Ụ" not in text):
            continue
        low = text.lower()
        if ("phụ l" in low or "phụ b" in low) and APPENDIX_REF.search(text):
            rec.appendix_refs.append(comp(line))
