"""Word list numbering: the labels ("1.", "a)", "II.") Word draws but does not store in the text.

Outline rules need them, since a drafter's "a)" is often a list level rather than typed text.
Counters follow Word: per list instance (numId), a level resets when a higher level advances.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

# Word's own bounds: nine list levels (0–8), a start value of at most 32767, a level text of a few
# dozen characters. A file past them is crafted: the value is clamped (or the level ignored), never
# allowed to build a 3.8 G-character label or loop 300 M times per paragraph.
MAX_LEVEL = 8
MAX_START = 32_767
MAX_LEVEL_TEXT = 256
MAX_LABEL = 64  # characters of one formatted number ("aaaa…" for letters past 26 × 64)


def _int(value: str | None, default: int | None = None) -> int | None:
    """An OOXML decimal attribute, or ``default`` for anything else ('NaN', '0x10', '3.4e38', '²')."""
    text = (value or "").strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
        return default
    return int(text)


def _start(value: str | None) -> int | None:
    number = _int(value)
    return None if number is None else min(max(number, 0), MAX_START)


@dataclass(eq=False, repr=False)
class Level:
    """One level of a Word list: its start value, number format and label text."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


def to_roman(n: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = []
    for value, sym in values:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def to_letter(n: int) -> str:
    n = max(n, 1)
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * min((n - 1) // 26 + 1, MAX_LABEL)


def format_number(n: int, fmt: str) -> str:
    if n > 10 * MAX_START and fmt in ("lowerRoman", "upperRoman"):
        fmt = "decimal"  # a roman numeral of a million M's is no label
    if fmt == "lowerLetter":
        return to_letter(n)
    if fmt == "upperLetter":
        return to_letter(n).upper()
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt in ("bullet", "none"):
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """The document's lists. An abstract list's levels are read when a paragraph first uses it: a Word
    template declares dozens of lists of nine levels each, a document uses a few."""

    def __init__(self, root: etree._Element | None, ns: str) -> None:
        self.ns = ns
        self.abstract: dict[str, dict[int, Level]] = {}
        self._abstract_elements: dict[str, etree._Element] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        w = self._tag
        for abstract in root.iter(w("abstractNum")):
            self._abstract_elements[abstract.get(w("abstractNumId"), "")] = abstract  # a later one wins
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.findall(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                value = _start(so.get(w("val"))) if so is not None else None
                ilvl = _int(ov.get(w("ilvl"), "0") or "0")
                if value is not None and ilvl is not None and 0 <= ilvl <= MAX_LEVEL:
                    overrides[ilvl] = value
            if ref is not None:
                self.nums[num.get(w("numId"), "")] = (ref.get(w("val"), ""), overrides)

    def _tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def levels(self, abstract_id: str) -> dict[int, Level]:
        """The levels of one abstract list, read on first use."""
        known = self.abstract.get(abstract_id)
        if known is not None:
            return known
        levels: dict[int, Level] = {}
        element = self._abstract_elements.get(abstract_id)
        w = self._tag
        for lvl in element.findall(w("lvl")) if element is not None else ():
            ilvl = _int(lvl.get(w("ilvl"), "0") or "0")
            if ilvl is None or not 0 <= ilvl <= MAX_LEVEL:
                continue  # Word has nine levels; another one is never drawn
            level = Level()
            start = lvl.find(w("start"))
            value = _start(start.get(w("val"))) if start is not None else None
            if value is not None:
                level.start = value
            fmt = lvl.find(w("numFmt"))
            if fmt is not None:
                level.fmt = (fmt.get(w("val"), "decimal") or "decimal")[:40]
            text = lvl.find(w("lvlText"))
            if text is not None:
                level.text = (text.get(w("val"), "") or "")[:MAX_LEVEL_TEXT]
            levels[ilvl] = level
        self.abstract[abstract_id] = levels
        return levels

    def label(self, num_id: str, ilvl: int) -> str | None:
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels(abstract_id)
        if ilvl not in levels:  # also every ilvl outside 0–8: such levels are never stored
            return None
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl].start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "•"
        text = level.text
        for i in range(ilvl + 1):
            lv = levels.get(i, Level())
            value = counters.get(i, overrides.get(i, lv.start))
            text = text.replace(f"%{i + 1}", format_number(value, lv.fmt))
        return text
