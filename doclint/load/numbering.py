"""Word list numbering: the labels ("1.", "a)", "II.") Word draws but does not store in the text.

Outline rules need them, since a drafter's "a)" is often a list level rather than typed text.
Counters follow Word: per list instance (numId), a level resets when a higher level advances.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree


@dataclass
class Level:
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
    return letter * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
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
    def __init__(self, root: etree._Element | None, ns: str) -> None:
        self.ns = ns
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        w = lambda t: f"{{{ns}}}{t}"  # noqa: E731
        for abstract in root.iter(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.findall(w("lvl")):
                ilvl = int(lvl.get(w("ilvl"), "0") or 0)
                level = Level()
                start = lvl.find(w("start"))
                if start is not None and (start.get(w("val")) or "").lstrip("-").isdigit():
                    level.start = int(start.get(w("val")))
                fmt = lvl.find(w("numFmt"))
                if fmt is not None:
                    level.fmt = fmt.get(w("val"), "decimal")
                text = lvl.find(w("lvlText"))
                if text is not None:
                    level.text = text.get(w("val"), "")
                levels[ilvl] = level
            self.abstract[abstract.get(w("abstractNumId"), "")] = levels
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.findall(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                if so is not None and (so.get(w("val")) or "").isdigit():
                    overrides[int(ov.get(w("ilvl"), "0"))] = int(so.get(w("val")))
            if ref is not None:
                self.nums[num.get(w("numId"), "")] = (ref.get(w("val"), ""), overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
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
