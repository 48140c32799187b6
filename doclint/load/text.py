"""Plain text and Markdown: one block per non-blank line (administrative texts are line-oriented:
each heading, căn cứ, recipient item sits on its own line), NFC-normalised, no layout facts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from doclint import lazyre
from doclint.errors import LoadError
from doclint.model import Block, Document, LoadFacts

ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")
# A paragraph longer than this is not a paragraph a drafter wrote: a text glued into one line (or a
# file with no line breaks) is cut into blocks of at most this many characters, at a space where there
# is one, so that no check ever works on a multi-megabyte string.
MAX_BLOCK_CHARS = 20_000
MAX_MARKS = 30  # Unicode's stream-safe limit on combining marks after one base character
_TAIL = 200  # how much of the previous paragraph decides whether the next line continues it
_MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_MARK_RUN = lazyre.compile(rf"{_MARK}{{{MAX_MARKS + 1},}}")
_ONE_MARK = lazyre.compile(_MARK)


def bounded_marks(text: str) -> str:
    """At most ``MAX_MARKS`` combining marks in a row (NFC is quadratic in CPython on longer runs,
    and no Vietnamese letter carries more than two)."""
    # a run of MAX_MARKS + 1 marks covers one of every MAX_MARKS + 1 characters: when none of those is a
    # mark (every run of text a document has), the whole text need not be scanned
    if len(text) <= MAX_MARKS or not _ONE_MARK.search(text[MAX_MARKS :: MAX_MARKS + 1]):
        return text
    return _MARK_RUN.sub(lambda m: m.group()[:MAX_MARKS], text)


def split_long(text: str, limit: int = MAX_BLOCK_CHARS) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after a space where possible."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit)
        cut = cut + 1 if cut > 0 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw[:4096]:
        raise LoadError(
            "DOC001",
            "Tệp không phải văn bản thuần (chứa dữ liệu nhị phân).",
            "Not a plain-text file (binary content).",
        )
    return raw.decode("cp1258", errors="replace")


_ITEM_START = lazyre.compile(r"^[a-zđ][)\]]|^[a-zđ]\.\s|^(?:ngày|tháng|năm)\b")


_DATE_OPEN = lazyre.compile(rf"ngày\b(?!.{{0,{_TAIL}}}năm\s{{0,40}}\d{{4}}\s{{0,40}}$)")
_DATE_PIECE = lazyre.compile(r"^(?:\d{1,4}|tháng|năm|tháng\s{1,40}\d{1,2}|năm\s{1,40}\d{1,4})$")
_OPEN_END = lazyre.compile(r"(?:^|\s)(?:[Ss]ố\s{0,40}:?|ngày|tháng|năm)$")


def _continues(previous: str, line: str) -> bool:
    """A line that starts in lower case after one with no closing punctuation continues it; so does
    the rest of a header field broken after "Số:" or "ngày" by a flattening tool. Only the end of the
    previous paragraph is looked at (gluing stays linear), and never past ``MAX_BLOCK_CHARS``."""
    if len(previous) + len(line) >= MAX_BLOCK_CHARS:
        return False
    previous = previous[-_TAIL:]
    if _OPEN_END.search(previous.rstrip()):
        return True
    if _DATE_OPEN.search(previous) and _DATE_PIECE.match(line):
        return True
    first = line[0]
    if not (first.isalpha() and first.islower()) or _ITEM_START.match(line):
        return False
    return not previous.rstrip().endswith((".", ";", ":", "!", "?", "./."))


def load_text(path: Path) -> Document:
    text = decode(path.read_bytes())
    facts = LoadFacts()
    blocks: list[Block] = []
    for line in text.splitlines():
        stripped = line.strip().strip("\ufeff")
        if not stripped:
            continue
        # Markdown emphasis markers (also pasted into .txt drafts) are not text
        stripped = stripped.replace("**", "").replace("__", "").strip()
        if path.suffix.lower() == ".md":
            stripped = stripped.lstrip("#").strip() or stripped
        if not stripped:
            continue
        normal = unicodedata.normalize("NFC", bounded_marks(stripped))
        if normal != stripped:
            facts.non_nfc_blocks += 1
            facts.non_nfc_where.append(
                len(blocks) - (1 if blocks and _continues(blocks[-1].text, normal) else 0)
            )
        if blocks and _continues(blocks[-1].text, normal):
            # a sentence broken by a page break or a hard wrap: one paragraph, as the author meant
            tail = blocks[-1].text[-_TAIL:]
            glue = "" if tail[-1:].isdigit() and normal.isdigit() and _DATE_OPEN.search(
                tail) and re.search(r"năm\s{0,40}\d{1,3}$", tail) else " "  # fmt: skip
            blocks[-1].text = f"{blocks[-1].text}{glue}{normal}"
            continue
        for piece in split_long(normal):
            blocks.append(Block(index=len(blocks), text=piece))
    return Document(path=str(path), format="md" if path.suffix.lower() == ".md" else "txt",
                    blocks=blocks, facts=facts)  # fmt: skip
