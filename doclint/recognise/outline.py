"""The body outline: Phần/Chương/Mục/Điều and the I. / 1. / a) / - items (NĐ 30, Phụ lục I, II.6.đ)."""

from __future__ import annotations

import re

from doclint import lazyre
from doclint.recognise.components import OutlineItem
from doclint.recognise.lines import Line

ROMAN = r"[IVXLC]++"
# Linear time (issue 18): labels and runs of spaces are possessive (``++``, ``*+``), so a long line
# (or one holding a line break) is never re-split between the label, the separator and the title.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("phan", lazyre.compile(rf"^(?:Phần|PHẦN)\s++(?P<label>thứ\s++\S++|THỨ\s++\S++|{ROMAN}|\d++)\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("chuong", lazyre.compile(rf"^(?:Chương|CHƯƠNG)\s++(?P<label>{ROMAN}|\d++)\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("tieu_muc", lazyre.compile(rf"^(?:Tiểu mục|TIỂU MỤC)\s++(?P<label>\d++|{ROMAN})\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("muc", lazyre.compile(rf"^(?:Mục|MỤC)\s++(?P<label>\d++|{ROMAN})(?:\s*+(?P<sep>[.:]))?(?:\s++(?P<title>.*))?$")),
    ("dieu", lazyre.compile(r"^(?:Điều|ĐIỀU)\s++(?P<label>\d++[a-z]?)\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("roman", lazyre.compile(rf"^(?P<label>{ROMAN})\s*+(?P<sep>[.)/:]|(?<=\s)-|\s-)\s*+(?P<title>\S.*)$")),
    ("arabic", lazyre.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})*)\s*+(?P<sep>[.)/:]|(?<=\s)-|\s-)\s++(?P<title>\S.*)$")),
    ("letter", lazyre.compile(r"^(?P<label>[a-zđ])\s*+(?P<sep>[).:])\s*+(?P<title>\S.*)$")),
    ("dash", lazyre.compile(r"^(?P<label>[-–+•])\s*+(?P<sep>)(?P<title>\S.*)$")),
]  # fmt: skip
# any of PATTERNS, without their groups: one call that fails at the first character of most lines
# (prose), before the patterns are tried one by one
_ANY_ITEM = lazyre.compile(
    "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern) + ")" for _, pattern in PATTERNS)
)
QUOTE_MAX = 40  # lines: a quotation that never closes stops being one after this many
_ROMAN_VALID = lazyre.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")


# The words a line starts with when a heading pattern can match it (its pattern's literal start): most
# documents have lines starting with none of them, and those patterns are then never compiled (issue 17)
_STARTS = {
    "phan": ("Phần", "PHẦN"),
    "chuong": ("Chương", "CHƯƠNG"),
    "tieu_muc": ("Tiểu mục", "TIỂU MỤC"),
    "muc": ("Mục", "MỤC"),
    "dieu": ("Điều", "ĐIỀU"),
}
# What a line starts with when _ANY_ITEM can match it: one of those words, or the first character of
# the other patterns' labels (a Roman numeral, a digit — ``\d`` is str.isdecimal —, a letter, a dash).
# Tested first, so that a document whose lines start with none never compiles _ANY_ITEM (~1.5 ms)
_ITEM_WORDS = tuple(word for words in _STARTS.values() for word in words)
_ITEM_FIRST = frozenset("IVXLC" + "abcdefghijklmnopqrstuvwxyzđ" + "-–+•")


def _may_be_item(text: str) -> bool:
    first = text[:1]
    return first in _ITEM_FIRST or first.isdecimal() or text.startswith(_ITEM_WORDS)


def parse_outline_line(line: Line) -> OutlineItem | None:
    text = line.text
    if not _may_be_item(text) or _ANY_ITEM.match(text) is None:
        return None
    for kind, pattern in PATTERNS:
        starts = _STARTS.get(kind)
        if starts is not None and not text.startswith(starts):
            continue
        match = pattern.match(text)
        if not match:
            continue
        label = match.group("label")
        if kind == "roman" and not _ROMAN_VALID.match(label):
            continue
        if kind == "arabic" and match.group("sep") == "/":
            continue
        if (
            kind in ("arabic", "roman")
            and match.group("sep").strip() == "-"
            and match.group("title")[:1].isdigit()
        ):
            continue  # "66 - 68 Lê Thánh Tôn": a range of house numbers, not an item
        return OutlineItem(
            kind=kind,  # type: ignore[arg-type]
            label=label,
            separator=(match.group("sep") or "").strip(),
            title=(match.group("title") or "").strip(),
            block=line.block,
            start=line.start,
            end=line.end,
        )
    return None


def recognise_outline(lines: list[Line], blocks: range, auto_blocks: set[int]) -> list[OutlineItem]:
    wanted = set(blocks)
    items: list[OutlineItem] = []
    seen_blocks: set[int] = set()
    in_quote, quote_lines = False, 0
    for line in lines:
        if line.block not in wanted or line.table is not None:
            continue
        # a provision quoted in the body ("… quy định: “4. Nhiệm kỳ đại hội: a) …”"): its numbering is
        # another document's; it runs from a line that opens a quotation to the line that closes it
        opens = line.text.startswith("“")
        quoted = in_quote or opens
        if opens and not in_quote:
            in_quote, quote_lines = True, 0
        if in_quote:
            quote_lines += 1
            # closed on this line (more closing than opening marks), or never closed: give up after a page
            if line.text.count("”") > line.text.count("“") - (1 if opens else 0) or quote_lines > QUOTE_MAX:
                in_quote = False
        if line.block in seen_blocks or quoted:
            continue
        seen_blocks.add(line.block)  # only the first line of a paragraph can carry its number
        item = parse_outline_line(line)
        if item is None:
            continue
        item.auto = line.block in auto_blocks
        items.append(item)
    return items
