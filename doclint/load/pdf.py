"""PDF loader: words from an engine, grouped into rows, column zones and paragraphs.

What it reconstructs, and how (all lengths in points, origin top-left):

- **Words** come from an engine (:mod:`doclint.load.pdfium`, the default: PDFium's glyphs with their
  boxes, a word ending at a space PDFium drew or measured, at a wide gap, or at a change of format;
  :mod:`doclint.load.pdf_plumber`, the reference: pdfplumber's ``extract_words``), each word with one
  formatting. Subset prefixes (``ABCDEF+``) are stripped; bold/italic are read from the font name
  (``TimesNewRomanPS-BoldItalicMT``, ``Arial,Bold``), or from the font's descriptor where the name
  says nothing (``CIDFont+F1``). Before any engine parses it the file's bytes are checked for
  decompression bombs and glyph floods (:mod:`doclint.load.pdf_guard`).
- **Rows** are words standing on one baseline (a footnote mark joins the row it belongs to); lines
  set tighter than their font size stay apart. A number stamped at signing joins the line whose blank
  it fills; the box of an electronic signature ("Ký bởi: …") is taken out of the text
  (``facts.signature_stamps``).
- **Two-column zones** (the header: issuer left, Quốc hiệu right; the footer: Nơi nhận left,
  signature right) are runs of consecutive rows that share an empty vertical gutter with text on both
  sides; a row whose right column starts left of the gutter (a place/date line on the baseline of
  "Số: …") still splits at the blank nearest it. Their lines become blocks with
  ``Block.table = TablePosition(row=0, col=0|1, n_cols=2)``, which is how the DOCX loader presents
  the borderless tables these areas are drawn with, so recognition treats both formats alike.
- **Page numbers and running lines** in the top/bottom margin become ``header``/``footer`` blocks,
  and the section's :class:`HeaderFooter` list says where the numbers are (as a DOCX would).
- **Paragraphs**: lines are joined while the line pitch stays normal, the formatting stays the
  same, the previous line reaches the right edge and the next one does not start indented; a dash
  item ("- Chủ tịch, các Phó Chủ tịch") continues on a line that is no new item and starts under its
  text ("UBND tỉnh;"). A paragraph cut by a page break is joined to its continuation on the next page.
- **Section** per group of pages of one size; margins are estimated from the body text (the left
  edge of body lines, the right edge of justified lines, the first and last body baselines).
- **Text layer**: scored by :mod:`doclint.load.pdf_quality` (``facts.text_layer``: ok, broken, ocr);
  legacy glyph substitutions (ƣ for ư) are fixed first.

Everything is NFC-normalised after extraction; blocks whose raw text was not NFC are counted.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path

from doclint import lazyre
from doclint.errors import LoadError
from doclint.load.pdf_quality import assess, normalise
from doclint.load.pdf_raw import MAX_PAGES, RawDoc, Word, clean_font, color_hex, font_style  # noqa: F401
from doclint.model import (
    Block,
    Document,
    HeaderFooter,
    LoadFacts,
    ParagraphFormat,
    Run,
    Section,
    TablePosition,
)

PT_MM = 25.4 / 72

GUTTER = 9.0  # the narrowest blank between two columns
_LETTERS = lazyre.compile(r"[^\W\d_]")
PAGE_NUMBER = lazyre.compile(
    r"^(?:[-–—]\s*)?(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
TRANG_XY = lazyre.compile(r"\d\s*(?:/|trên|of)\s*\d", re.IGNORECASE)
LIST_MARK = lazyre.compile(r"^\s*(?:[-–+•*]\s|[a-zđ]\)|\d+(?:\.\d+)*[.)]\s|[IVXLC]+\.\s)")
# an article, chapter or section heading opening a line ("Điều 4. …", "Chương II", "Mục 1."): after a line
# that ended a sentence it starts a paragraph, even when that line was justified to the right edge
ARTICLE_MARK = lazyre.compile(
    r"^\s*(?:Điều\s{1,3}\d{1,3}[a-zđ]?\s{0,2}[.:]|(?:Chương|Mục)\s{1,3}(?:[IVXLC]{1,8}|\d{1,3})\b)"
)
AUTHORITY = lazyre.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T)[.:]?\s", re.IGNORECASE)
END_PUNCT = (".", ":", ";", "!", "?", "./.")
LEGACY_FONT = lazyre.compile(r"^(\.?vn|vni[- ]|vn[a-z]*h$|abc)", re.IGNORECASE)


# ---------------------------------------------------------------- geometry

_X0, _X1, _TOP, _BOTTOM, _SIZE = (attrgetter(a) for a in ("x0", "x1", "top", "bottom", "size"))
_BOTTOM_X0 = attrgetter("bottom", "x0")
_COUNT = itemgetter(1)


@dataclass
class _Line:
    words: list[Word]
    page: int
    col: int | None = None  # 0/1 inside a two-column zone
    zone: int | None = None
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    caps: bool = False
    text: str = ""
    role: str = ""  # margin lines: "number" (page number or running head with one) or "stamp"

    def finish(self) -> _Line:
        words = self.words
        words.sort(key=_X0)
        self.x0 = min(map(_X0, words))
        self.x1 = max(map(_X1, words))
        main = [w for w in words if len(w.text) > 1] or words
        biggest = max(map(_SIZE, main))
        body = [w for w in main if w.size >= biggest * 0.8] or main
        self.top = min(map(_TOP, body))
        self.bottom = max(map(_BOTTOM, body))
        weights: dict[float, int] = {}
        bold = italic = 0
        total = 0
        for w in words:
            n = len(w.text)
            total += n
            key = round(w.size * 2) / 2
            weights[key] = weights.get(key, 0) + n
            fmt = w.fmt
            if fmt.bold:
                bold += n
            if fmt.italic:
                italic += n
        self.size = max(weights.items(), key=_COUNT)[0]  # the first of the most common, as Counter's
        self.bold = bold * 2 > total
        self.italic = italic * 2 > total
        self.text = _join_words(words)
        letters = _LETTERS.findall(self.text)
        self.caps = len(letters) >= 2 and not any(map(str.islower, letters))
        return self

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def _tight(prev: Word, w: Word) -> bool:
    """Do two neighbouring words of a line join without a space?

    Words split only by a change of font or a superscript mark sit closer than an eighth of an em
    (PDFium says so itself: it saw a space between two words or not; glyph boxes of italic letters
    reach into the gap).
    A number stamped at signing is its own word: it joins a "/" after it ("Số: 108" stamped into
    "Số:      /TTr-SNV") and is spaced from words ("tháng 11" stamped into "tháng    năm"), however
    near the signing system placed it."""
    if prev.stamped != w.stamped:
        return w.text.startswith("/") or prev.text.endswith("/")
    if w.glued is not None:  # the engine saw whether a space came between them (PDFium)
        return w.glued
    return w.x0 - prev.x1 < 0.12 * min(w.size, prev.size)


def _join_words(words: list[Word]) -> str:
    if not words:
        return ""
    prev = words[0]
    parts = [prev.text]
    for w in words[1:]:
        # _tight, inlined (once per word of the document)
        if prev.stamped != w.stamped:
            tight = w.text.startswith("/") or prev.text.endswith("/")
        elif w.glued is not None:
            tight = w.glued
        else:
            tight = w.x0 - prev.x1 < 0.12 * min(w.size, prev.size)
        if not tight:
            parts.append(" ")
        parts.append(w.text)
        prev = w
    return "".join(parts)


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into rows, top to bottom, each left to right.

    A row is the words standing on one baseline (within a quarter of the font size). Boxes are not
    enough: lines set tighter than their font size (a Nơi nhận list in 11 points on 10-point lines)
    have overlapping boxes, and grouping by box would interleave two lines ("- Như- Chủ tịchtrên;").
    Smaller words whose middle lies inside a row's band (a footnote mark, "m²") join that row. A number
    stamped at signing joins the row whose band holds its middle; a stamp alone keeps its own row
    (see :func:`_place_stamps`)."""
    rows: list[list] = []  # [baseline, size, top, bottom, words]
    r: list = []
    for w in sorted((w for w in words if not w.stamped), key=_BOTTOM_X0):
        if rows:
            # abs(w.bottom - r[0]) <= max(1.5, 0.25 * min(w.size, r[1])), spelt out (once per word)
            size, bottom = w.size, w.bottom
            band = 0.25 * (r[1] if r[1] < size else size)
            if abs(bottom - r[0]) <= (band if band > 1.5 else 1.5):
                r[4].append(w)
                if size > r[1]:
                    r[0], r[1] = bottom, size
                if w.top < r[2]:
                    r[2] = w.top
                if bottom > r[3]:
                    r[3] = bottom
                continue
        r = [w.bottom, w.size, w.top, w.bottom, [w]]
        rows.append(r)
    # rows of smaller words set inside the band of a neighbour (superscripts) join it
    k = 0
    while k < len(rows):
        r = rows[k]
        centre = (r[2] + r[3]) / 2
        for n in (k + 1, k - 1):
            if (
                0 <= n < len(rows)
                and len(r[4]) <= 3
                and r[1] < 0.85 * rows[n][1]
                and rows[n][2] <= centre <= rows[n][3]
                and min(w.x0 for w in rows[n][4]) - rows[n][1] <= min(w.x0 for w in r[4])
                and max(w.x1 for w in r[4]) <= max(w.x1 for w in rows[n][4]) + rows[n][1]
            ):
                rows[n][4].extend(r[4])
                del rows[k]
                break
        else:
            k += 1
    for w in sorted((w for w in words if w.stamped), key=lambda w: w.bottom):
        centre = (w.top + w.bottom) / 2
        home = next((r for r in rows if r[2] - 0.5 <= centre <= r[3] + 0.5 and not r[4][0].stamped), None)
        if home is None:  # a line of a signature box
            home = next(
                (r for r in rows if r[4][0].stamped and abs(r[0] - w.bottom) <= max(1.5, 0.25 * w.size)), None
            )
        if home is None:
            home = [w.bottom, w.size, w.top, w.bottom, []]
            rows.append(home)
            rows.sort(key=lambda r: r[0])
        home[4].append(w)
    return [sorted(r[4], key=_X0) for r in rows]


def _place_stamps(rows: list[list[Word]]) -> tuple[list[list[Word]], list[str]]:
    """Rows of stamped words alone: a number stamped a little above or below its line ("12094" over
    the blank of "Số:        /BNV-CCHC") joins that line; the rest is the box of an electronic
    signature ("Ký bởi: …", "Thời gian ký: …"), which is neither the document's text nor margin text:
    it is taken out and returned as text."""
    out: list[list[Word]] = []
    boxes: list[str] = []
    for k, row in enumerate(rows):
        if not all(w.stamped for w in row):
            out.append(row)
            continue
        target = None
        for n in (k - 1, k + 1, k + 2, k - 2):
            if not 0 <= n < len(rows) or all(w.stamped for w in rows[n]):
                continue
            near = rows[n]
            size = max(w.size for w in row)
            if abs(near[0].bottom - row[0].bottom) > 1.2 * size:
                continue
            if all(_in_blank(w, near) for w in row):
                target = near
                break
        if target is not None:
            target.extend(row)
            target.sort(key=lambda w: w.x0)
        else:
            boxes.append(_join_words(row))
    return out, boxes


def _in_blank(word: Word, row: list[Word]) -> bool:
    """Does ``word`` lie over a blank of ``row`` (between two of its words, or just after its last)?"""
    mid = (word.x0 + word.x1) / 2
    for a, b in itertools.pairwise(row):
        if b.x0 - a.x1 >= 0.5 * word.size and a.x1 - 2 <= mid <= b.x0 + 2:
            return True
    last = row[-1]
    return last.x1 <= mid <= last.x1 + 4 * word.size


def _justified_row(row: list[Word], lo: float, hi: float) -> bool:
    """A full-width row whose word gaps are even: one line of justified text, not two columns."""
    if len(row) < 3 or row[0].x0 > lo + 3 or max(map(_X1, row)) < hi - 3:
        return False
    gaps = sorted(max(0.0, b.x0 - a.x1) for a, b in itertools.pairwise(row))
    return gaps[-1] < 2 * gaps[len(gaps) // 2] + 3


def _free_gaps(row: list[Word], lo: float, hi: float, min_gap: float) -> list[tuple[float, float]]:
    if _justified_row(row, lo, hi):
        return []
    gaps = []
    cursor = lo
    for w in row:
        if w.x0 - cursor >= min_gap:
            gaps.append((cursor, w.x0))
        if w.x1 > cursor:
            cursor = w.x1
    if hi - cursor >= min_gap:
        gaps.append((cursor, hi))
    return gaps


def _one_segment(row: list[Word]) -> bool:
    return all(b.x0 - a.x1 < 9.0 for a, b in itertools.pairwise(row))


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]], min_gap: float):
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= min_gap:
                out.append((lo, hi))
    return out


@dataclass
class _Zone:
    first: int
    last: int
    gutter: float


def _quoc_hieu_zone(rows: list[list[Word]], page_mid: float) -> _Zone | None:
    """The header of page 1 when the Quốc hiệu sits right of the issuer in one of the first rows.

    Issuer names can come within a few points of the Quốc hiệu column, too close for the generic
    gutter search; the column edge is then the left edge of "CỘNG".
    """
    for r_index, row in enumerate(rows[:3]):
        for k, w in enumerate(row[1:], start=1):
            if not (
                w.text.upper().startswith("CỘNG")
                and k + 1 < len(row)
                and row[k + 1].text.upper().startswith("H")
            ):
                continue
            edge = w.x0 - 0.5
            if not any(x.x1 <= edge for x in row):
                return None
            last = r_index
            for j in range(r_index + 1, len(rows)):
                r = rows[j]
                if any(x.x0 < edge < x.x1 for x in r) and _column_gap(r, edge) is None:
                    break
                row_mid = (r[0].x0 + max(x.x1 for x in r)) / 2
                if _one_segment(r) and abs(row_mid - page_mid) < 5.0:
                    break  # a title centred on the page (TỜ TRÌNH) ends the header zone
                last = j
            return _Zone(r_index, last, edge) if last > r_index else None
    return None


def _column_gap(row: list[Word], gutter: float, reach: float = 60.0) -> int | None:
    """Where a row of a two-column zone splits: the index of the first word right of the widest
    gap (at least ``GUTTER`` wide) nearest the zone's gutter, within ``reach`` points of it.

    The right column's text need not start right of the gutter: a place and date line ("Thành phố
    Hồ Chí Minh, ngày 14 tháng 11 năm 2025") is centred under the Quốc hiệu and can start left of
    it, on the baseline of "Số: 4644/KH-SGDĐT"; the blank between the two is what separates them."""
    best: tuple[float, float, int] | None = None
    right = -1e9
    for k, w in enumerate(row):
        if k and w.x0 - right >= GUTTER:
            lo, hi = right, w.x0
            distance = 0.0 if lo <= gutter <= hi else min(abs(gutter - lo), abs(gutter - hi))
            if distance <= reach and (best is None or (distance, -(hi - lo)) < best[:2]):
                best = (distance, -(hi - lo), k)
        right = max(right, w.x1)
    return best[2] if best else None


def _split_row(row: list[Word], gutter: float) -> tuple[list[Word], list[Word]]:
    """The left and right column parts of a row of a two-column zone."""
    k = _column_gap(row, gutter)
    if k is not None:
        return row[:k], row[k:]
    left = [w for w in row if w.x1 <= gutter + 0.5 or (w.x0 + w.x1) / 2 < gutter]
    right = [w for w in row if not (w.x1 <= gutter + 0.5 or (w.x0 + w.x1) / 2 < gutter)]
    return left, right


def _body_tail(rows: list[list[Word]], k: int, lo: float, hi: float, mid: float) -> bool:
    """Row ``k`` holds only left-side text that ends a body paragraph: it follows a full-width
    line, starts at a first-line indent, or ends with the closing mark "./."."""
    row = rows[k]
    if any(w.x0 >= mid for w in row):
        return False
    text = _join_words(row).rstrip()
    if text.endswith("/.") or 20 <= row[0].x0 - lo <= 45:
        return True
    if k > 0:
        above = rows[k - 1]
        return (
            above[0].x0 <= lo + 45
            and max(w.x1 for w in above) >= hi - 5
            and not [g for g in _free_gaps(above, lo, hi, 9.0) if g[0] > lo + 1 and g[1] < hi - 1]
        )
    return False


def _zones(rows: list[list[Word]], lo: float, hi: float, first_page: bool = False) -> list[_Zone]:
    """Runs of rows that share an empty vertical gutter with text on both sides of it.

    The gutter must be at least ``GUTTER`` wide and lie inside the text area; a run needs two rows
    or more and at least one row with words on both sides of the gutter.
    """
    zones: list[_Zone] = []
    i = 0
    n = len(rows)
    known: dict[int, list[tuple[float, float]]] = {}  # a row's gaps are asked for again and again

    def free_gaps(k: int) -> list[tuple[float, float]]:
        got = known.get(k)
        if got is None:
            got = known[k] = _free_gaps(rows[k], lo, hi, GUTTER)
        return got

    if first_page:
        forced = _quoc_hieu_zone(rows, (lo + hi) / 2)
        if forced is not None:
            zones.append(forced)
            i = forced.last + 1
    while i < n:
        # a one-sided first row (a signature title above "Nơi nhận:") has only edge gaps; the
        # gutter finally chosen must lie inside the text area
        gaps = free_gaps(i)
        if not gaps:
            i += 1
            continue
        j = i
        current = gaps
        both_rows = 0
        page_mid = (lo + hi) / 2
        while j + 1 < n:
            row = rows[j + 1]
            nxt = _intersect(current, free_gaps(j + 1), GUTTER)
            inner = [g for g in current if g[0] > lo + 1 and g[1] < hi - 1]
            if inner and not [g for g in nxt if g[0] > lo + 1 and g[1] < hi - 1]:
                # the gutter closes: a row whose right column starts left of it (a date line
                # centred under the Quốc hiệu) still belongs when a blank near it splits the row
                if _column_gap(row, sum(max(inner, key=lambda g: g[1] - g[0])) / 2) is None:
                    break
                nxt = current
            if not nxt:
                break
            row_mid = (row[0].x0 + max(w.x1 for w in row)) / 2
            if abs(row_mid - page_mid) < 5.0 and _one_segment(row):
                break  # a title centred on the page (TỜ TRÌNH) ends the header zone
            current = nxt
            j += 1
        # the widest surviving gutter; rows on both sides of it
        interior = [g for g in current if g[0] > lo + 1 and g[1] < hi - 1]
        if j > i and interior:
            g0, g1 = max(interior, key=lambda g: g[1] - g[0])
            mid = (g0 + g1) / 2
            for r in rows[i : j + 1]:
                if any(w.x1 <= mid for w in r) and any(w.x0 >= mid for w in r):
                    both_rows += 1
            left = [w for r in rows[i : j + 1] for w in r if w.x1 <= mid]
            right = [w for r in rows[i : j + 1] for w in r if w.x0 >= mid]
            # two columns side by side: a row with words on both sides, or left and right groups
            # whose vertical extents overlap (a signature title level with "Nơi nhận:")
            overlap = bool(left and right) and (
                min(max(w.bottom for w in left), max(w.bottom for w in right))
                - max(min(w.top for w in left), min(w.top for w in right))
                > 0
            )
            if (both_rows or (overlap and j - i >= 2)) and left and right and g1 - g0 >= GUTTER:
                first = i
                # leading rows that only hold the end of a body paragraph ("... tổng hợp./." above
                # "Nơi nhận:") are not part of the zone
                while first < j and _body_tail(rows, first, lo, hi, mid):
                    first += 1
                if first < j:
                    zones.append(_Zone(first, j, mid))
                    i = j + 1
                    continue
        i += 1
    return zones


# ---------------------------------------------------------------- page reading


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)  # body lines in reading order
    header_lines: list[_Line] = field(default_factory=list)
    footer_lines: list[_Line] = field(default_factory=list)
    footnotes: list[_Line] = field(default_factory=list)
    zone_count: int = 0
    ruled: bool = False  # drawn lines/boxes enough for a ruled table


def _running_lines(pages: list[tuple[float, float, list[list[Word]]]]) -> Counter[str]:
    """Top/bottom rows that recur (digits aside) on several of the first pages: running heads."""
    seen: Counter[str] = Counter()
    if len(pages) < 3:
        return seen
    for _width, height, rows in pages[:12]:
        if not rows:
            continue
        for where, row in (("top", rows[0]), ("bottom", rows[-1])):
            inside = row[0].bottom < height * 0.12 if where == "top" else row[0].top > height * 0.88
            if inside:
                seen[f"{where}:{_running_key(_join_words(row))}"] += 1
    return seen


def _is_page_number(line: _Line) -> bool:
    return bool(PAGE_NUMBER.match(line.text.strip()))


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def _running(line: _Line, running: Counter[str], where: str) -> bool:
    return running.get(f"{where}:{_running_key(line.text)}", 0) >= 2


def _read_page(
    width: float, height: float, rows: list[list[Word]], number: int, zone_base: int, running: Counter[str]
) -> _Page:
    result = _Page(number=number, width=width, height=height)
    if not rows:
        return result
    rows = list(rows)
    # margin lines: a page number (or a running line repeated on other pages, with the digits
    # taken out) alone in the top/bottom 12 % of the page
    while rows:
        line = _Line(rows[0], number).finish()
        gap_below = (min(w.top for w in rows[1]) - line.bottom) if len(rows) > 1 else 99.0
        numbered = _is_page_number(line) or (
            _running(line, running, "top") and bool(re.search(r"\d", line.text))
        )
        if line.bottom < height * 0.045 or (
            line.bottom < height * 0.12 and gap_below > 1.0 and (numbered or _running(line, running, "top"))
        ):
            line.role = "number" if numbered else "stamp"
            result.header_lines.append(line)
            rows.pop(0)
        else:
            break
    while rows:
        line = _Line(rows[-1], number).finish()
        gap_above = (line.top - max(w.bottom for w in rows[-2])) if len(rows) > 1 else 99.0
        numbered = _is_page_number(line) or (
            _running(line, running, "bottom") and bool(re.search(r"\d", line.text))
        )
        if line.top > height * 0.955 or (
            line.top > height * 0.88 and gap_above > 1.0 and (numbered or _running(line, running, "bottom"))
        ):
            line.role = "number" if numbered else "stamp"
            result.footer_lines.insert(0, line)
            rows.pop()
        else:
            break
    if not rows:
        return result
    # footnotes: small print at the foot of the page, starting with its reference mark
    sizes: dict[float, int] = {}
    for r in rows:
        for w in r:
            key = round(w.size * 2) / 2
            sizes[key] = sizes.get(key, 0) + len(w.text)
    body_size = max(sizes.items(), key=_COUNT)[0]  # the first of the most common, as Counter's
    k = len(rows)
    while k > 1 and rows[k - 1][0].top > height * 0.55:
        row_size = (
            max(w.size for w in rows[k - 1] if len(w.text) > 1)
            if any(len(w.text) > 1 for w in rows[k - 1])
            else rows[k - 1][0].size
        )
        if row_size > body_size * 0.82:
            break
        k -= 1
    if k < len(rows) and re.match(r"^[(\[]?[0-9*†]", rows[k][0].text):
        result.footnotes = [_Line(r, number).finish() for r in rows[k:]]
        rows = rows[:k]
    lo = min(w.x0 for r in rows for w in r)
    hi = max(w.x1 for r in rows for w in r)
    zones = _zones(rows, lo, hi, first_page=number == 1)
    zone_at = {}
    for k, z in enumerate(zones):
        for i in range(z.first, z.last + 1):
            zone_at[i] = (k, z)
    i = 0
    while i < len(rows):
        if i not in zone_at:
            result.lines.append(_Line(rows[i], number).finish())
            i += 1
            continue
        k, z = zone_at[i]
        cols: list[list[_Line]] = [[], []]
        for r in rows[z.first : z.last + 1]:
            left, right = _split_row(r, z.gutter)
            for c, part in enumerate((left, right)):
                if part:
                    cols[c].append(_Line(part, number, col=c, zone=zone_base + k).finish())
        result.lines.extend(cols[0] + cols[1])
        i = z.last + 1
    result.zone_count = len(zones)
    return result


# ---------------------------------------------------------------- paragraphs


@dataclass
class _Para:
    lines: list[_Line]
    kind: str = "paragraph"
    space_before: float | None = None

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def last(self) -> _Line:
        return self.lines[-1]


@dataclass
class _Frame:
    """The text area a run of lines is measured against (the body, or one column of a zone)."""

    left: float
    right: float
    pitch: float  # modal line pitch
    column: bool = False  # one column of a two-column zone
    flush_left: bool = False  # most lines of this column start at its left edge

    @property
    def mid(self) -> float:
        return (self.left + self.right) / 2

    @property
    def width(self) -> float:
        return self.right - self.left


def _modal(values: list[float], step: float = 1.0, default: float = 0.0) -> float:
    if not values:
        return default
    counts = Counter(round(v / step) * step for v in values)
    return counts.most_common(1)[0][0]


def _pitches(lines: list[_Line]) -> list[float]:
    out = []
    for a, b in itertools.pairwise(lines):
        if a.page == b.page and a.col == b.col and a.zone == b.zone:
            pitch = b.bottom - a.bottom
            if 0 < pitch < 3 * max(a.size, b.size):
                out.append(pitch)
    return out


def _normal_pitch(pitches: list[float], default: float = 0.0) -> float:
    """The pitch of lines inside a paragraph: the commonest of the tighter half of the pitches."""
    if not pitches:
        return default
    median = statistics.median(pitches)
    return _modal([p for p in pitches if p <= median + 0.5], 0.5, default)


def _centred(line: _Line, frame: _Frame) -> bool:
    if frame.column:
        return abs(line.mid - frame.mid) < max(4.0, frame.width * 0.03)
    return abs(line.mid - frame.mid) < max(4.0, frame.width * 0.02) and line.width < frame.width * 0.92


def _same_style(a: _Line, b: _Line) -> bool:
    return a.bold == b.bold and a.italic == b.italic and abs(a.size - b.size) < 0.6


def _continues(prev: _Line, line: _Line, frame: _Frame, para: _Para) -> bool:
    """Does ``line`` continue the paragraph whose last line is ``prev``?"""
    same = _same_style(prev, line) and (prev.caps == line.caps or (prev.caps and len(prev.text) < 4))
    if abs(prev.size - line.size) > 1.5:
        return False
    pitch = line.bottom - prev.bottom
    normal = frame.pitch or prev.size * 1.2
    if pitch > max(normal * 1.2, normal + 2.5) or pitch <= 0:
        return False
    text = prev.text.rstrip()
    first = line.text.lstrip()[:1]
    if prev.col is not None:
        if not same:
            return False
        # zone columns: each line is its own paragraph unless it is a wrapped continuation
        if text.endswith(END_PUNCT) or not first:
            return False
        if prev.caps and line.caps and prev.width >= frame.width * 0.9 and not AUTHORITY.match(text):
            return True  # a name in capitals wrapped because it filled the column
        if _dash_continued(para, line):
            return True
        return first.islower() or first.isdigit() or first in "(,"
    if (LIST_MARK.match(line.text) or ARTICLE_MARK.match(line.text)) and text.endswith(END_PUNCT):
        return False  # "...như sau:" / "- item;" / "… hiện hưởng." + "Điều 4. …" — a new item or article
    reaches_right = prev.x1 >= frame.right - max(6.0, prev.size * 0.9)
    full = prev.x0 <= frame.left + 3.0 and prev.x1 >= frame.right - 3.0  # touches both edges
    both_mid = not full and abs(prev.mid - frame.mid) < 4.0 and abs(line.mid - frame.mid) < 4.0
    if both_mid or (_centred(prev, frame) and _centred(line, frame)):
        # a title or trích yếu wrapped over centred lines
        return same and not (text.endswith(END_PUNCT) and first.isupper())
    if not same and not (reaches_right and line.x0 <= frame.left + 3.0):
        return False  # a change of style continues a paragraph only across a full line
    if not reaches_right and _dash_continued(para, line) and line.x0 <= para.first.x0 + 40.0:
        return True
    if not reaches_right:
        # ragged-right text: a line starting in lower case at the left edge still continues
        return (
            first.islower()
            and not text.endswith(END_PUNCT)
            and line.x0 <= frame.left + 3.0
            and prev.x0 <= frame.left + 40.0
        )
    # the continuation starts at the paragraph's left edge, not at a first-line indent
    para_left = min(ln.x0 for ln in para.lines[1:]) if len(para.lines) > 1 else None
    if para_left is not None:
        return abs(line.x0 - para_left) < 3.0
    return line.x0 <= prev.x0 + 2.0 or line.x0 <= frame.left + 3.0


DASH_ITEM = lazyre.compile(r"^\s*[-–+•]\s")


def _dash_continued(para: _Para, line: _Line) -> bool:
    """A dash item ("- Chủ tịch, các Phó Chủ tịch") continued on a line of its own ("UBND tỉnh;"): the
    line is no new item, starts right of the dash (under the item's text), and the item has not ended."""
    head = para.first
    return (
        bool(DASH_ITEM.match(head.text))
        and not LIST_MARK.match(line.text)
        and not para.last.text.rstrip().endswith(END_PUNCT)
        and line.x0 > head.x0 + 1.0
    )


def _group(lines: list[_Line], frame: _Frame) -> list[_Para]:
    paras: list[_Para] = []
    for line in lines:
        if paras and _continues(paras[-1].last, line, frame, paras[-1]):
            paras[-1].lines.append(line)
            continue
        paras.append(_Para([line]))
    # the space above a paragraph is its pitch from the one before less the line pitch of the text around
    # it: the pitch inside the paragraph before (or this one, or the page's paragraphs), not the frame's
    # modal pitch, which is the pitch between paragraphs when most of them are one line long, and which a
    # page set at other spacing shares (fix-layout, issue 12)
    inner: dict[int, list[float]] = {}
    for para in paras:
        pitch = _inner_pitch(para)
        if pitch:
            inner.setdefault(para.first.page, []).append(pitch)
    everywhere = [p for pitches in inner.values() for p in pitches]
    for prev, para in itertools.pairwise(paras):
        pitch = para.first.bottom - prev.last.bottom
        page = inner.get(para.first.page)
        own = (
            _inner_pitch(prev)
            or _inner_pitch(para)
            or (statistics.median(page) if page else None)
            or (statistics.median(everywhere) if everywhere else None)
            or frame.pitch
            or para.first.size * 1.15
        )
        if 0 < pitch < 4 * own:
            para.space_before = max(0.0, pitch - own)
    return paras


def _inner_pitch(para: _Para) -> float | None:
    """The median line pitch inside a paragraph of two lines or more (on one page), else None."""
    pitches = [b.bottom - a.bottom for a, b in itertools.pairwise(para.lines) if a.page == b.page]
    pitches = [p for p in pitches if p > 0]
    return statistics.median(pitches) if pitches else None


# ---------------------------------------------------------------- document


def _scanned(pages: int) -> LoadError:
    return LoadError(
        "DOC002",
        "Tệp PDF không có lớp văn bản, cần nhận dạng OCR trước khi kiểm tra.",
        f"The PDF has no text layer ({pages} page(s) of images); run OCR on it before checking.",
    )


ENGINES = {"pdfium": "doclint.load.pdfium", "pdfplumber": "doclint.load.pdf_plumber"}
DEFAULT_ENGINE = "pdfium"


def read_raw(path: Path, engine: str | None = None) -> RawDoc:
    """The pages of the PDF as words, from the engine named (PDFium by default)."""
    import importlib

    name = engine or DEFAULT_ENGINE
    if name not in ENGINES:
        raise LoadError(
            "DOC001",
            f"Không có bộ đọc PDF “{name}” (chọn pdfium hoặc pdfplumber).",
            f"No PDF engine “{name}” (choose pdfium or pdfplumber).",
        )
    return importlib.import_module(ENGINES[name]).read(Path(path))


def _read_pages(raw: RawDoc, warnings: list[str], stamps: list[str]) -> list[_Page]:
    count = len(raw.pages)
    content = sum(p.glyphs for p in raw.pages)
    # pages drawn as one big picture with (almost) no text of their own: a stamp added at signing
    # does not make a scan a text page
    image_pages = [p.number for p in raw.pages if p.glyphs < 40 and p.image_cover > 0.4]
    if content == 0 or (len(image_pages) == count and content < 40 * count):
        raise _scanned(count)
    if image_pages:
        listed = ", ".join(str(n) for n in image_pages[:10])
        warnings.append(f"Trang {listed} là ảnh quét, không có lớp văn bản (chưa được kiểm tra).")
    rows = []
    for p in raw.pages:
        page_rows, boxes = _place_stamps(_rows(p.words))
        stamps.extend(boxes)
        rows.append((p.width, p.height, page_rows))
    running = _running_lines(rows)
    zone_base = 0
    pages: list[_Page] = []
    for page, (width, height, page_rows) in zip(raw.pages, rows, strict=True):
        read = _read_page(width, height, page_rows, page.number, zone_base, running)
        read.ruled = page.edges >= 8
        zone_base += read.zone_count
        pages.append(read)
    return pages


def _frame_for(lines: list[_Line], default: _Frame) -> _Frame:
    if not lines:
        return default
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    pitch = _normal_pitch(_pitches(lines), default.pitch)
    flush = sum(1 for ln in lines if ln.x0 - left < 2.0) * 2 > len(lines)
    return _Frame(left, right, pitch, column=True, flush_left=flush)


def _body_frame(pages: list[_Page]) -> _Frame:
    flow = [ln for p in pages for ln in p.lines if ln.col is None]
    if not flow:
        flow = [ln for p in pages for ln in p.lines]
    widths = [ln.width for ln in flow]
    widest = max(widths) if widths else 1.0
    long = [ln for ln in flow if ln.width > widest * 0.75] or flow
    left = _modal([ln.x0 for ln in long], 1.0, 0.0)
    # the left edge: the lowest x0 that several long lines share
    xs = sorted(ln.x0 for ln in long)
    left = min(left, xs[len(xs) // 10]) if xs else left
    # the right edge: justified lines share it; ragged (left-aligned) lines stop short of it, so
    # take a high percentile rather than the commonest value
    x1s = sorted(ln.x1 for ln in long)
    right = x1s[min(len(x1s) - 1, int(len(x1s) * 0.95))] if x1s else 0.0
    pitch = _normal_pitch(_pitches(flow), 0.0)
    return _Frame(left, right, pitch)


def _alignment(para: _Para, frame: _Frame) -> str | None:
    lines = para.lines
    if frame.column and frame.flush_left and all(ln.x0 - frame.left < 2.0 for ln in lines):
        return "left"
    if all(_centred(ln, frame) for ln in lines) and not (
        len(lines) > 1 and all(abs(ln.x0 - lines[1].x0) < 1 for ln in lines[1:]) and len(lines) > 2
    ):
        return "center"
    tol = max(6.0, lines[0].size * 0.9)
    if len(lines) == 1:
        ln = lines[0]
        if ln.x1 >= frame.right - 2 and ln.x0 > frame.left + frame.width * 0.3:
            return "right"
        # a single line: justified, left (and a justified paragraph's last line) look the same
        return "left" if frame.column else None
    body = lines[:-1]
    x1s = [ln.x1 for ln in lines]
    if max(x1s) - min(x1s) < 2 and all(ln.x0 > frame.left + 20 for ln in lines):
        return "right"  # ragged left: no line starts at the left edge
    if all(ln.x1 >= frame.right - 2.0 for ln in body):
        return "both"
    rest_x0 = [ln.x0 for ln in lines[1:]]
    body_x1 = [ln.x1 for ln in body]
    if len(body) > 1 and max(body_x1) - min(body_x1) < 2 and max(rest_x0) - min(rest_x0) < 2:
        return "both"  # justified inside an indented block
    if any(ln.x1 < frame.right - tol for ln in body):
        return "left"
    return None


def _block_from(para: _Para, index: int, frame: _Frame, table: TablePosition | None, kind: str):
    runs: list[Run] = []
    pieces: list[str] = []
    length = 0
    prev_word: Word | None = None
    non_nfc = False
    for line in para.lines:
        words = line.words
        line_start = words[0] if words else None
        for w in words:
            if prev_word is not None:
                if w is line_start:
                    # line break: a word split at a hyphen ("NĐ-" / "CP") joins without a space
                    spaced = not (prev_word.text.endswith("-") and len(prev_word.text) > 1)
                elif prev_word.stamped != w.stamped or w.glued is None:
                    spaced = not _tight(prev_word, w)
                else:
                    spaced = not w.glued  # what _tight says for PDFium's words, without the call
                if spaced:
                    pieces.append(" ")
                    length += 1
                    runs[-1].end = length  # a space takes the formatting of the word before it
            text = w.text
            if not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
                non_nfc = True
            pieces.append(text)
            start = length
            length += len(text)
            if runs and runs[-1].fmt is w.fmt:
                runs[-1].end = length
            else:
                runs.append(Run(start=start, end=length, fmt=w.fmt))
            prev_word = w
    text = "".join(pieces)
    first = para.first
    pfmt = ParagraphFormat()
    pfmt.alignment = _alignment(para, frame)  # type: ignore[assignment]
    if pfmt.alignment in ("center", "right"):
        pass
    elif len(para.lines) > 1:
        rest = statistics.median(ln.x0 for ln in para.lines[1:])
        pfmt.first_line_indent_mm = round((first.x0 - rest) * PT_MM, 1)
        pfmt.left_indent_mm = round((rest - frame.left) * PT_MM, 1)
    if len(para.lines) > 1:
        pitches = [b.bottom - a.bottom for a, b in zip(para.lines, para.lines[1:]) if a.page == b.page]
        if pitches:
            pitch = statistics.median(pitches)
            pfmt.line_spacing_pt = round(pitch, 1)
            pfmt.line_spacing = round(pitch / (1.15 * first.size), 2) if first.size else None
            pfmt.line_rule = "auto"
    elif pfmt.alignment in ("both", "left", None):
        pfmt.left_indent_mm = None
        pfmt.first_line_indent_mm = round((first.x0 - frame.left) * PT_MM, 1)
    if para.space_before is not None:
        pfmt.space_before_pt = round(para.space_before, 1)
    x0 = min(ln.x0 for ln in para.lines)
    x1 = max(ln.x1 for ln in para.lines)
    same_page = [ln for ln in para.lines if ln.page == first.page]
    bbox = (
        round(x0, 2),
        round(first.top, 2),
        round(x1, 2),
        round(max(ln.bottom for ln in same_page), 2),
    )
    block = Block(
        index=index,
        text=text,
        kind=kind,  # type: ignore[arg-type]
        runs=runs,
        para=pfmt,
        page=first.page,
        table=table,
        bbox=bbox,
    )
    return block, non_nfc


def _page_groups(pages: list[_Page]) -> list[list[_Page]]:
    groups: list[list[_Page]] = []
    for page in pages:
        key = (round(page.width), round(page.height))
        if groups and (round(groups[-1][0].width), round(groups[-1][0].height)) == key:
            groups[-1].append(page)
        else:
            groups.append([page])
    return groups


def _section(index: int, group: list[_Page], frame: _Frame) -> Section:
    first = group[0]
    width_mm, height_mm = first.width * PT_MM, first.height * PT_MM
    section = Section(
        index=index,
        page_width_mm=round(width_mm, 1),
        page_height_mm=round(height_mm, 1),
        orientation="landscape" if first.width > first.height else "portrait",
    )
    flow = [ln for p in group for ln in p.lines]
    if flow:
        section.margin_left_mm = round(frame.left * PT_MM, 1)
        section.margin_right_mm = round((first.width - frame.right) * PT_MM, 1)
        # the first line's box top sits a little below the margin; Word starts the line box at the
        # margin and draws the glyphs ~(line height - size) lower. Use the highest page top.
        # pdfminer's glyph box starts ~0.11 em below the top of Word's line box (Times: ascent
        # 0.891, box top at baseline - 0.784 em); the first line of the highest page sits at the margin
        tops = [(p.lines[0].top - 0.107 * p.lines[0].size) for p in group if p.lines]
        section.margin_top_mm = round(max(0.0, min(tops)) * PT_MM, 1)
        # the bottom margin is only known from a full page (one followed by another): its last
        # line ends within one line pitch above the margin. A last page tells only if text runs
        # into the margin.
        full = [max([p.lines[-1].bottom] + [f.bottom for f in p.footnotes]) for p in group[:-1] if p.lines]
        last = [max([p.lines[-1].bottom] + [f.bottom for f in p.footnotes]) for p in group[-1:] if p.lines]
        if full:
            section.margin_bottom_mm = round((first.height - max(full)) * PT_MM, 1)
        elif last and (first.height - last[0]) * PT_MM < 20:
            section.margin_bottom_mm = round((first.height - last[0]) * PT_MM, 1)
    return section


def _header_footers(group: list[_Page], text_mid: float) -> tuple[list[HeaderFooter], bool]:
    """Page numbers seen in the margins of a page group, described like DOCX headers/footers."""
    out: list[HeaderFooter] = []
    title_page = False
    for kind in ("header", "footer"):
        numbered: dict[int, list[_Line]] = {}
        for p in group:
            lines = [
                ln for ln in (p.header_lines if kind == "header" else p.footer_lines) if ln.role == "number"
            ]
            if lines:
                numbered[p.number] = lines
        if not numbered:
            continue
        sample = next(iter(numbered.values()))[0]
        page = next(p for p in group if p.number in numbered)
        mid = page.width / 2
        if abs(sample.mid - mid) < 12 or abs(sample.mid - text_mid) < 12:
            align = "center"
        elif sample.mid < mid:
            align = "left"
        else:
            align = "right"
        text = " ".join(ln.text for ln in sample_lines(numbered))
        out.append(
            HeaderFooter(
                kind=kind,  # type: ignore[arg-type]
                variant="default",
                text=text,
                has_page_field=True,
                has_numpages_field=bool(TRANG_XY.search(text)),
                alignment=align,  # type: ignore[arg-type]
            )
        )
        if group[0].number not in numbered and len(group) > 1:
            title_page = True
            out.append(HeaderFooter(kind=kind, variant="first", text=""))  # type: ignore[arg-type]
        elif group[0].number in numbered:
            first_lines = numbered[group[0].number]
            out.append(
                HeaderFooter(
                    kind=kind,  # type: ignore[arg-type]
                    variant="first",
                    text=" ".join(ln.text for ln in first_lines),
                    has_page_field=True,
                    has_numpages_field=bool(TRANG_XY.search(first_lines[0].text)),
                    alignment=align,  # type: ignore[arg-type]
                )
            )
            title_page = True
    return out, title_page


def sample_lines(numbered: dict[int, list[_Line]]) -> list[_Line]:
    return next(iter(numbered.values()))


def _merge_across_pages(paras: list[tuple[_Para, _Frame, TablePosition | None]], body: _Frame):
    """Join a body paragraph cut by a page break to its continuation on the next page."""
    out: list[tuple[_Para, _Frame, TablePosition | None]] = []
    for item in paras:
        para, _frame, table = item
        if out and table is None and out[-1][2] is None:
            prev = out[-1][0]
            last, first = prev.last, para.first
            if (
                first.page == last.page + 1
                and (_same_style(last, first) or first.text.lstrip()[:1].islower())
                and abs(last.size - first.size) < 1.5
                and not last.text.rstrip().endswith(END_PUNCT)
                and first.x0 <= body.left + 3.0
                and (
                    last.x1 >= body.right - max(6.0, last.size * 0.9)
                    or first.text.lstrip()[:1].islower()  # ragged-right text
                )
            ):
                prev.lines.extend(para.lines)
                continue
        out.append(item)
    return out


A4_PT = (595.28, 841.89)
OTHER_PAPER_PT = ((612.0, 792.0),)  # Letter: what a printer driver set to it fits an A4 page onto


def _fitted_scale(raw: RawDoc) -> float | None:
    """An A4 document printed to PDF on Letter paper with "fit to page": every size is the author's times
    the fitting scale (14 pt → 13.17 pt). Detected when the pages are Letter and the commonest text size is
    off the half-point grid that Word's sizes sit on while that size divided by the scale is on it. The
    sizes are then set back (in place); the scale is returned (None: the sizes are the author's)."""
    if not raw.pages:
        return None
    for width, height in OTHER_PAPER_PT:
        if all(
            abs(min(p.width, p.height) - width) < 2 and abs(max(p.width, p.height) - height) < 2
            for p in raw.pages
        ):
            scale = min(width / A4_PT[0], height / A4_PT[1])
            break
    else:
        return None
    weights: Counter[float] = Counter()
    for page in raw.pages:
        for w in page.words:
            weights[round(w.size, 2)] += len(w.text)
    if not weights:
        return None
    size = weights.most_common(1)[0][0]
    author = size / scale

    def off_grid(value: float) -> float:
        return abs(value * 2 - round(value * 2)) / 2

    if off_grid(size) < 0.1 or off_grid(author) > 0.05 or not 10 <= author <= 16:
        return None

    def back(value: float) -> float:
        """The author's size: on Word's half-point grid when it is within rounding of it."""
        value = value / scale
        snapped = round(value * 2) / 2
        return snapped if abs(snapped - value) < 0.1 else round(value, 2)

    formats: dict[int, tuple] = {}  # id of the engine's format -> (it, the format at the author's size)
    for page in raw.pages:
        for w in page.words:
            w.size = back(w.size)
            pair = formats.get(id(w.fmt))
            if pair is None:
                old = w.fmt
                size_pt = back(old.size_pt) if old.size_pt else old.size_pt
                pair = formats[id(old)] = (old, dataclasses.replace(old, size_pt=size_pt))
            w.fmt = pair[1]
    return round(scale, 4)


def load_pdf(path: Path, engine: str | None = None) -> Document:
    warnings: list[str] = []
    raw = read_raw(Path(path), engine)
    fonts, metadata = raw.fonts, raw.metadata
    legacy = normalise(raw)
    scale = _fitted_scale(raw)
    stamps: list[str] = []
    pages = _read_pages(raw, warnings, stamps)
    body = _body_frame(pages)
    facts = LoadFacts(page_count=len(pages), warnings=warnings)
    facts.print_scale = scale
    facts.signature_stamps = stamps
    facts.fonts = dict(fonts)
    facts.legacy_fonts = sorted(f for f in fonts if LEGACY_FONT.match(f.split("-")[0].split(",")[0]))

    # paragraphs per page: flow lines against the body frame, zone columns against their own frame
    ordered: list[tuple[_Para, _Frame, TablePosition | None]] = []
    for page in pages:
        i = 0
        lines = page.lines
        while i < len(lines):
            line = lines[i]
            j = i
            while j + 1 < len(lines) and lines[j + 1].zone == line.zone and lines[j + 1].col == line.col:
                j += 1
            chunk = lines[i : j + 1]
            if line.col is None:
                frame = _Frame(body.left, body.right, body.pitch or _normal_pitch(_pitches(chunk)))
                table = None
            else:
                frame = _frame_for(chunk, body)
                table = TablePosition(table=line.zone or 0, row=0, col=line.col, n_rows=1, n_cols=2)
            for para in _group(chunk, frame):
                ordered.append((para, frame, table))
            i = j + 1
    ordered = _merge_across_pages(ordered, body)

    blocks: list[Block] = []
    sections: list[Section] = []
    page_section: dict[int, int] = {}
    for s_index, group in enumerate(_page_groups(pages)):
        section = _section(s_index, group, body)
        section.headers, section.title_page = _header_footers(group, body.mid)
        sections.append(section)
        for p in group:
            page_section[p.number] = s_index

    def add(para: _Para, frame: _Frame, table: TablePosition | None, kind: str) -> None:
        block, non_nfc = _block_from(para, len(blocks), frame, table, kind)
        block.section = page_section.get(block.page or 1, 0)
        if table is not None:
            block.kind = "cell"
        if non_nfc:
            facts.non_nfc_blocks += 1
        blocks.append(block)

    by_page: dict[int, list[tuple[_Para, _Frame, TablePosition | None]]] = {}
    for item in ordered:
        by_page.setdefault(item[0].first.page, []).append(item)
    for page in pages:
        for line in page.header_lines:
            add(_Para([line]), body, None, "header")
        for para, frame, table in by_page.get(page.number, []):
            add(para, frame, table, "paragraph")
        if page.footnotes:
            for para in _group(page.footnotes, _Frame(body.left, body.right, 0.0)):
                add(para, body, None, "footer")
        for line in page.footer_lines:
            add(_Para([line]), body, None, "footer")

    for section in sections:
        members = [b.index for b in blocks if b.section == section.index]
        if members:
            section.first_block, section.last_block = members[0], members[-1]
        # a table shows as ruled lines and boxes (the borderless two-column zones never need one)
        section.has_table = any(p.ruled for p in pages if page_section.get(p.number) == section.index)
    quality = assess(raw, [b.text for b in blocks if b.kind not in ("header", "footer")], legacy)
    facts.text_layer = quality.verdict
    facts.text_layer_detail = quality.as_dict()
    return Document(
        path=str(path),
        format="pdf",
        blocks=blocks,
        sections=sections,
        facts=facts,
        metadata=metadata,
    )
