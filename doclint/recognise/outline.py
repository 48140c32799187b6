"""The body outline: Phần/Chương/Mục/Điều and the I. / 1. / a) / - items (NĐ 30, Phụ lục I, II.6.đ)."""

from __future__ import annotations

import re

from doclint.recognise.components import OutlineItem
from doclint.recognise.lines import Line

ROMAN = r"[IVXLC]++"
# Linear time (issue 18): labels and runs of spaces are possessive (``++``, ``*+``), so a long line
# (or one holding a line break) is never re-split between the label, the separator and the title.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("phan", re.compile(rf"^(?:Phần|PHẦN)\s++(?P<label>thứ\s++\S++|THỨ\s++\S++|{ROMAN}|\d++)\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("chuong", re.compile(rf"^(?:Chương|CHƯƠNG)\s++(?P<label>{ROMAN}|\d++)\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("tieu_muc", re.compile(rf"^(?:Tiểu mục|TIỂU MỤC)\s++(?P<label>\d++|{ROMAN})\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("muc", re.compile(rf"^(?:Mục|MỤC)\s++(?P<label>\d++|{ROMAN})(?:\s*+(?P<sep>[.:]))?(?:\s++(?P<title>.*))?$")),
    ("dieu", re.compile(r"^(?:Điều|ĐIỀU)\s++(?P<label>\d++[a-z]?)\s*+(?P<sep>[.:]?)\s*+(?P<title>.*)$")),
    ("roman", re.compile(rf"^(?P<label>{ROMAN})\s*+(?P<sep>[.)/:]|(?<=\s)-|\s-)\s*+(?P<title>\S.*)$")),
    ("arabic", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})*)\s*+(?P<sep>[.)/:]|(?<=\s)-|\s-)\s++(?P<title>\S.*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*+(?P<sep>[).:])\s*+(?P<title>\S.*)$")),
    ("dash", re.compile(r"^(?P<label>[-–+•])\s*+(?P<sep>)(?P<title>\S.*)$")),
]  # fmt: skip
_ROMAN_VALID = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")


def parse_outline_line(line: Line) -> OutlineItem | None:
    text = line.text
    for kind, pattern in PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        label = match.group("label")
        if kind == "roman" and not _ROMAN_VALID.match(label):
            continue
        if kind == "arabic" and match.group("sep") == "/":
            continue
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
    for line in lines:
        if line.block not in wanted or line.block in seen_blocks or line.table is not None:
            continue
        seen_blocks.add(line.block)  # only the first line of a paragraph can carry its number
        item = parse_outline_line(line)
        if item is None:
            continue
        item.auto = line.block in auto_blocks
        items.append(item)
    return items
