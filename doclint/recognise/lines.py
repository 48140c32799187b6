"""Lines: the unit recognition works on. A block's text split at its line breaks, with offsets, so a
DOCX paragraph "TM. ỦY BAN NHÂN DÂN⏎CHỦ TỊCH", a PDF line and a text line look the same."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

from doclint import lazyre
from doclint.model import Block, Document, RunFormat

SEPARATOR_LINE = lazyre.compile(r"^[\s_\-–—=*.·•~]+$")


@dataclass(slots=True, eq=False, repr=False)
class Line:
    """One visual line of a block (a block split at its line breaks and wide gaps), with its place."""

    block: int
    start: int
    end: int
    text: str  # stripped
    kind: str  # block kind
    table: tuple[int, int, int] | None  # (table, row, col)
    bold: bool | None
    italic: bool | None
    align: str | None
    caps: bool | None = None

    @property
    def upper(self) -> bool:
        """All letters in capitals (as typed, or shown via w:caps)."""
        has_letters, letters_upper = _letter_case(self.text)
        return has_letters and (self.caps is True or letters_upper)


@lru_cache(maxsize=8192)
def _letter_case(text: str) -> tuple[bool, bool]:
    """Whether ``text`` has letters, and whether they are all capitals: asked for every line, many times
    (by recognition and by several checks), so remembered per text."""
    letters = "".join(filter(str.isalpha, text))  # in C
    return bool(letters), letters.isupper()


_D_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: for tolerant matching of fixed phrases."""
    # a line is folded by recognition, then again by several analyses: remembered (issue 17), if short
    return _fold_short(text) if len(text) <= 500 else _fold(text)


@lru_cache(maxsize=8192)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    # Ð (U+00D0, the Icelandic eth) is typed or mapped by some PDF fonts for Đ: "Ðộc lập"
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    stripped = "".join(filterfalse(unicodedata.combining, decomposed))  # the marks off
    return re.sub(r"\s+", " ", stripped).strip().lower()


# spaces and invisible format characters a flattening tool leaves at line ends
_INVISIBLE = " \t\r\u00a0\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"


def split_lines(doc: Document) -> list[Line]:
    lines: list[Line] = []
    for block in doc.blocks:
        if block.kind in ("header", "footer"):
            continue
        lines.extend(block_lines(block))
    return lines


def block_lines(block: Block) -> list[Line]:
    out: list[Line] = []
    text = block.text
    pos = 0
    label = block.para.numbering_label
    table = (block.table.table, block.table.row, block.table.col) if block.table else None
    runs = block.runs
    kind, index, align = block.kind, block.index, block.para.alignment
    for raw in text.split("\n"):
        start = pos
        end = pos + len(raw)
        pos = end + 1
        stripped = raw.strip(_INVISIBLE)
        if not stripped and not (label and not out):
            continue
        lead = len(raw) - len(raw.lstrip(_INVISIBLE))
        s, e = start + lead, start + lead + len(stripped)
        line_text = stripped
        if label and not out and label != "•":
            # a Word list label is part of what the reader sees: "1." + "Mục đích"
            line_text = f"{label} {stripped}".strip()
        # the runs over the line that show some text: a run holding the line's first character shows it
        # (unless it is a space this strip keeps); any other is looked at (``t.strip()``, without the copy)
        first_shows = s < e and not text[s].isspace()
        fmts = [
            r.fmt
            for r in runs
            if r.start < e
            and r.end > s
            and ((first_shows and r.start <= s) or ((t := text[r.start : r.end]) and not t.isspace()))
        ]
        bold, italic, caps = _line_format(fmts)
        out.append(Line(index, s, e, line_text, kind, table, bold, italic, align, caps))
    return out


def _line_format(fmts: list[RunFormat]) -> tuple[bool | None, bool | None, bool | None]:
    """Bold, italic and caps of a line's runs: each True when all runs that tell say so, None when none
    tells. Most lines have one format (the loader shares one RunFormat per distinct w:rPr): read it once."""
    if not fmts:
        return None, None, None
    first = fmts[0]
    for fmt in fmts:
        if fmt is not first:
            return (
                _agree([f.bold for f in fmts]),
                _agree([f.italic for f in fmts]),
                _agree([f.caps for f in fmts]),
            )
    bold, italic, caps = first.bold, first.italic, first.caps
    return (
        None if bold is None else bool(bold),
        None if italic is None else bool(italic),
        None if caps is None else bool(caps),
    )


def _agree(values: list[bool | None]) -> bool | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return all(known)


# the first character of a separator line (an exact pre-test, issue 17: ``\s`` is str.isspace)
_SEPARATOR_FIRST = frozenset("_-–—=*.·•~")


def is_separator(text: str) -> bool:
    first = text[:1]
    return (first in _SEPARATOR_FIRST or first.isspace()) and bool(SEPARATOR_LINE.match(text))


# two header cells typed on one line, the right one pushed over with spaces or tabs (old Word files):
# "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
COLUMN_GAP = lazyre.compile(r"(?<=\S)(?:\t+|\s{4,})(?=\S)")


def split_columns(lines: list[Line], limit: int, right_is) -> list[Line]:
    """Split the first ``limit`` lines outside tables where a wide gap separates a right part that
    ``right_is`` recognises (the Quốc hiệu, the Tiêu ngữ, the place/date line): left part, then right."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        if index < limit and line.table is None:
            for match in COLUMN_GAP.finditer(line.text):
                right = line.text[match.end() :].strip(_INVISIBLE)
                left = line.text[: match.start()].strip(_INVISIBLE)
                if left and right and right_is(right):
                    offset = line.start + match.end()
                    out.append(_part(line, left, line.start + line.text.find(left)))
                    out.append(_part(line, right, offset))
                    break
            else:
                out.append(line)
            continue
        out.append(line)
    return out


def _part(line: Line, text: str, start: int) -> Line:
    return Line(block=line.block, start=start, end=start + len(text), text=text, kind=line.kind, table=None,
                bold=line.bold, italic=line.italic, align=line.align, caps=line.caps)  # fmt: skip


def split_footer_columns(lines: list[Line], start: int, right_is, limit: int = 25) -> list[Line]:
    """The Nơi nhận and the signature typed side by side with spaces or tabs ("Nơi nhận:⇥⇥TM. ỦY BAN
    NHÂN DÂN" / "- Như trên;⇥⇥CHỦ TỊCH"): from ``start``, the left parts in order, then the right parts,
    so that each column reads as it is printed. Lines without a gap go with the items ("- …") on the
    left, otherwise (a name indented under the title) on the right."""
    end = min(len(lines), start + limit)
    left: list[Line] = []
    right: list[Line] = []
    split = False
    for line in lines[start:end]:
        if line.table is not None:
            return lines
        for match in COLUMN_GAP.finditer(line.text):
            r = line.text[match.end() :].strip(_INVISIBLE)
            lft = line.text[: match.start()].strip(_INVISIBLE)
            if lft and r and right_is(r):
                left.append(_part(line, lft, line.start + line.text.find(lft)))
                right.append(_part(line, r, line.start + match.end()))
                split = True
                break
        else:
            (left if line.text.startswith(("-", "+", "•")) or not split else right).append(line)
    if not split:
        return lines
    return lines[:start] + left + right + lines[end:]
