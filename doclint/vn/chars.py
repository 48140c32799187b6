"""Characters that look right and are wrong: Ð (U+00D0) for Đ, zero-width characters, a non-breaking
space splitting a word, Cyrillic or Greek letters inside a Latin word; and NFC/NFD detection."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from doclint import lazyre

ZERO_WIDTH = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
    "\u00ad": "SOFT HYPHEN",
}
NBSP = {"\u00a0", "\u202f", "\u2007"}
# Latin letter each look-alike stands for
LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k",
    "α": "a", "ρ": "p", "τ": "t", "υ": "u",
}  # fmt: skip
ETH = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"}  # Ð ð Ɖ → Đ đ

_WORD = lazyre.compile(r"[^\W\d_]+")
_SPECIAL = lazyre.compile("[" + "".join(ETH) + "".join(ZERO_WIDTH) + "".join(NBSP) + "]")
_GREEK_CYRILLIC = lazyre.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")
# either of the two above: one scan rules out most paragraphs
_ANY = lazyre.compile(_SPECIAL.pattern[:-1] + _GREEK_CYRILLIC.pattern[1:])


@dataclass(slots=True, eq=False, repr=False)
class Confusable:
    """A character that looks like another (eth for Đ, a zero-width space...) and its fix."""

    start: int
    end: int
    kind: str  # eth | zero-width | nbsp | mixed-script
    found: str
    replacement: str  # the text the span should read


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def half_composed(text: str) -> bool:
    """Precomposed letters mixed with combining marks (neither NFC nor NFD)."""
    return not is_nfc(text) and not unicodedata.is_normalized("NFD", text)


def _script(ch: str) -> str:
    if ch in LOOKALIKES:
        name = unicodedata.name(ch, "")
        return "cyrillic" if name.startswith("CYRILLIC") else "greek"
    if ch.isalpha():
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            return "latin"
        if name.startswith("CYRILLIC"):
            return "cyrillic"
        if name.startswith("GREEK"):
            return "greek"
    return "other"


def find(text: str) -> list[Confusable]:
    """Every confusable character or character run in ``text``."""
    out: list[Confusable] = []
    if not _ANY.search(text):
        return out
    for m in _SPECIAL.finditer(text):
        i, ch = m.start(), m.group()
        if ch in ETH:
            out.append(Confusable(i, i + 1, "eth", ch, ETH[ch]))
        elif ch in ZERO_WIDTH:
            inside = 0 < i < len(text) - 1 and not text[i - 1].isspace() and not text[i + 1].isspace()
            if ch == "\u00ad" and not inside:
                continue
            out.append(Confusable(i, i + 1, "zero-width", ch, ""))
        elif ch in NBSP and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            # a no-break space between two words is legitimate; one that splits a word is not
            left = _WORD.findall(text[:i])[-1]
            right = _WORD.match(text, i + 1)
            if right and _splits_word(left, right.group()):
                out.append(Confusable(i, i + 1, "nbsp", ch, ""))
    if not _GREEK_CYRILLIC.search(text):
        out.sort(key=lambda c: c.start)
        return out
    for m in re.finditer(r"[^\s\d.,;:!?()\"'“”/\-]+", text):
        word = m.group()
        scripts = {_script(c) for c in word if c.isalpha()}
        if "latin" in scripts and scripts & {"cyrillic", "greek"}:
            fixed = "".join(LOOKALIKES.get(c, c) for c in word)
            out.append(Confusable(m.start(), m.end(), "mixed-script", word, fixed))
    out.sort(key=lambda c: c.start)
    return out


def _splits_word(left: str, right: str) -> bool:
    from doclint.vn.syllable import is_valid

    if is_valid(left) and is_valid(right):
        return False
    return is_valid(left + right)
