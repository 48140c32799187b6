"""Context for the word-level TXT rules: when a doubled word, an odd syllable or a real-word pair is not an
error of the author (issue 12).

- :func:`quoted_spans`: quoted wording (“…”) — a quotation of another text or a slogan's own words;
- :func:`defined_terms`: terms a document defines (“(sau đây gọi là chủ trì thuê)”), whose last syllable
  may legitimately be followed by the same word (“chủ trì thuê thuê tổ chức …”);
- :func:`doubled_is_fine`: a doubled syllable that is two words sharing a syllable, a name, a title
  followed by the name of a unit, a type word followed by a name that starts with it;
- :func:`touches_symbol`: a token glued to ``=``, ``+``, ``%``, a subscript or a superscript (H₂O, m², pH=7).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from doclint import lazyre

_QUOTED = lazyre.compile(r"“[^“”]{1,400}”|\"[^\"\n]{1,400}\"|‘[^‘’]{1,200}’")
_DEFINED = lazyre.compile(
    r"\(\s*(?:sau đây\s+)?(?:được\s+)?gọi\s+(?:tắt\s+|chung\s+)?là\s*[\"“]?(?P<term>[^()\"“”,;]{2,40}?)[\"”]?\s*\)",
    re.IGNORECASE,
)
_WORD = lazyre.compile(r"[^\W\d_]+")
# type words that start the name of a law or a code, and may be followed by a name starting with the same
# word (“thi hành luật Luật sư”)
TYPE_HEADS = frozenset(
    ["luật", "bộ luật", "pháp lệnh", "nghị định", "nghị quyết", "quyết định", "thông tư", "điều lệ"]
)
_SYMBOLS = set("=+%‰°²³±×÷<>≤≥")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def inside(spans: Iterable[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def defined_terms(texts: Iterable[str], key: Callable[[str], str]) -> set[tuple[str, ...]]:
    """Syllable keys of the terms a document defines in a bracket (“(sau đây gọi là chủ trì thuê)”)."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        if "gọi" not in text:
            continue
        for m in _DEFINED.finditer(text):
            words = tuple(key(w) for w in _WORD.findall(m["term"]))
            if 1 <= len(words) <= 6:
                out.add(words)
    return out


def ends_defined_term(keys: list[str], k: int, terms: set[tuple[str, ...]]) -> bool:
    """Does a defined term end at ``keys[k]``?"""
    for term in terms:
        n = len(term)
        if n >= 2 and k + 1 >= n and tuple(keys[k + 1 - n : k + 1]) == term:
            return True
    return False


def _title(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def doubled_is_fine(
    words: list[str],
    keys: list[str],
    k: int,
    has_word: Callable[[str], bool],
    surnames: frozenset[str],
) -> bool:
    """``words[k]`` and ``words[k + 1]`` are the same syllable: is this not a typo?

    ``has_word`` tells whether a key (``"chuyên môn"``) is a word of the lexicon, ``surnames`` holds
    family names in lower case.
    """
    x, y = words[k], words[k + 1]
    kx = keys[k]
    prev = words[k - 1] if k else None
    nxt = words[k + 2] if k + 2 < len(words) else None
    knxt = keys[k + 2] if k + 2 < len(keys) else None
    left_word = prev is not None and has_word(f"{keys[k - 1]} {kx}")
    # a name: Title-case syllables among Title-case syllables (Nguyễn Thị Ni Ni, Huỳnh Huỳnh Như) —
    # unless the doubled word is a type word (“Luật Luật Tư pháp …” is a typo)
    name_before = prev is not None and _title(prev)
    name_after = kx in surnames and nxt is not None and _title(nxt)
    if _title(x) and _title(y) and kx not in TYPE_HEADS and (name_before or name_after):
        return True
    # a type word followed by a name starting with it: “thi hành luật Luật sư”
    if kx in TYPE_HEADS and knxt is not None and has_word(f"{keys[k + 1]} {knxt}"):
        return True
    # a word whose last syllable starts a name: “chuyên môn | môn Lịch sử”, “Đại hội | Hội …”
    if left_word and nxt is not None and nxt[:1].isupper():
        return True
    # a title followed by the name of a unit in capitals: “TRƯỞNG PHÒNG | PHÒNG ĐÀO TẠO”
    return bool(left_word and x.isupper() and y.isupper() and nxt is not None and nxt.isupper())


def touches_symbol(text: str, start: int, end: int) -> bool:
    """The token is glued to a formula or a unit: ``pH=7``, ``CO₂``, ``m²``, ``5%``, ``±2``."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    for ch in (before, after):
        if ch and (ch in _SYMBOLS or unicodedata.category(ch) == "No"):
            return True
    piece = text[start:end]
    return bool(piece) and not piece.isalpha()  # a letter-like digit: m², x½
