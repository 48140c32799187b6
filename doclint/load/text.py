"""Plain text and Markdown: one block per non-blank line (administrative texts are line-oriented:
each heading, căn cứ, recipient item sits on its own line), NFC-normalised, no layout facts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from doclint.errors import LoadError
from doclint.model import Block, Document, LoadFacts

ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")


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


_ITEM_START = re.compile(r"^[a-zđ][)\]]|^[a-zđ]\.\s|^(?:ngày|tháng|năm)\b")


_DATE_OPEN = re.compile(r"ngày\b(?!.*năm\s*\d{4}\s*$)")
_DATE_PIECE = re.compile(r"^(?:\d{1,4}|tháng|năm|tháng\s+\d{1,2}|năm\s+\d{1,4})$")
_OPEN_END = re.compile(r"(?:^|\s)(?:[Ss]ố\s*:?|ngày|tháng|năm)$")


def _continues(previous: str, line: str) -> bool:
    """A line that starts in lower case after one with no closing punctuation continues it; so does
    the rest of a header field broken after "Số:" or "ngày" by a flattening tool."""
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
        normal = unicodedata.normalize("NFC", stripped)
        if normal != stripped:
            facts.non_nfc_blocks += 1
            facts.non_nfc_where.append(
                len(blocks) - (1 if blocks and _continues(blocks[-1].text, normal) else 0)
            )
        if blocks and _continues(blocks[-1].text, normal):
            # a sentence broken by a page break or a hard wrap: one paragraph, as the author meant
            glue = "" if blocks[-1].text[-1:].isdigit() and normal.isdigit() and _DATE_OPEN.search(
                blocks[-1].text) and re.search(r"năm\s*\d{1,3}$", blocks[-1].text) else " "  # fmt: skip
            blocks[-1].text = f"{blocks[-1].text}{glue}{normal}"
            continue
        blocks.append(Block(index=len(blocks), text=normal))
    return Document(path=str(path), format="md" if path.suffix.lower() == ".md" else "txt",
                    blocks=blocks, facts=facts)  # fmt: skip
