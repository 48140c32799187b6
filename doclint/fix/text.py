"""Plain-text writer: the text edits of the chosen fixes applied to a copy of a .txt/.md file.

The text loader makes one block per non-blank line (NFC, Markdown marks dropped, a sentence broken over
lines glued back, an over-long line cut). Here the same reading is repeated with each block remembering
where its pieces lie in the file's lines; an edit is applied only inside one piece that the file holds
verbatim (a line with Markdown marks, or typed in decomposed Unicode, takes only the NFC fix, which
rewrites the whole line). Formatting edits have nothing to act on in plain text and are ignored. Line
endings and a UTF-8/UTF-16 byte-order mark are kept; a Windows-1258 file is written back as UTF-8.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doclint.fix.docx import Applied
from doclint.fix.model import Fix, NormaliseEdit, TextEdit
from doclint.load.text import _DATE_OPEN, _TAIL, _continues, bounded_marks, decode, split_long


@dataclass
class _Piece:
    block_start: int  # offset of the piece in its block's text
    line: int  # index in the file's lines
    raw_start: int  # offset of the piece in that line (verbatim pieces only)
    text: str
    verbatim: bool


@dataclass
class _Block:
    text: str
    pieces: list[_Piece] = field(default_factory=list)


def read_blocks(text: str, markdown: bool) -> tuple[list[str], list[_Block]]:
    """The file's lines (with their endings) and the loader's blocks, each knowing its pieces."""
    import re

    lines = text.splitlines(keepends=True)
    blocks: list[_Block] = []
    for n, line in enumerate(lines):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip().strip("\ufeff")
        if not stripped:
            continue
        stripped = stripped.replace("**", "").replace("__", "").strip()
        if markdown:
            stripped = stripped.lstrip("#").strip() or stripped
        if not stripped:
            continue
        normal = unicodedata.normalize("NFC", bounded_marks(stripped))
        if blocks and _continues(blocks[-1].text, normal):
            tail = blocks[-1].text[-_TAIL:]
            glue = "" if tail[-1:].isdigit() and normal.isdigit() and _DATE_OPEN.search(
                tail) and re.search(r"năm\s{0,40}\d{1,3}$", tail) else " "  # fmt: skip
            block = blocks[-1]
            start = len(block.text) + len(glue)
            block.text = f"{block.text}{glue}{normal}"
            block.pieces.append(_piece(start, n, body, normal, 0))
            continue
        searched = 0
        for piece in split_long(normal):
            found = _piece(0, n, body, piece, searched)
            if found.verbatim:
                searched = found.raw_start + len(piece)
            blocks.append(_Block(piece, [found]))
    return lines, blocks


def _piece(block_start: int, line: int, body: str, text: str, after: int) -> _Piece:
    at = body.find(text, after)
    return _Piece(block_start, line, max(at, 0), text, at >= 0)


def _locate(block: _Block, start: int, end: int) -> _Piece | None:
    for piece in block.pieces:
        if piece.verbatim and piece.block_start <= start and end <= piece.block_start + len(piece.text):
            return piece
    return None


def write_text(path: Path, model: Any, chosen: list[tuple[Any, Fix]]) -> Applied:
    """Apply the text edits of ``chosen`` to the text file ``path`` in place (a working copy)."""
    raw = path.read_bytes()
    text = decode(raw)
    lines, blocks = read_blocks(text, path.suffix.lower() == ".md")
    expected = [b.text for b in model.blocks] if model is not None else None
    out = Applied()
    per_line: dict[int, list[tuple[int, int, str]]] = {}
    normalise_lines: set[int] = set()
    for finding, fix in chosen:
        planned: list[tuple[int, int, int, str]] = []
        lines_nfc: set[int] = set()
        reason = None
        for edit in fix.edits:
            if not isinstance(edit, TextEdit | NormaliseEdit):
                continue  # formatting: nothing to change in plain text
            if edit.block >= len(blocks) or (expected is not None and (
                    edit.block >= len(expected) or expected[edit.block] != blocks[edit.block].text)):  # fmt: skip
                reason = f"đoạn {edit.block + 1} đọc lại không khớp"
                break
            block = blocks[edit.block]
            if isinstance(edit, NormaliseEdit):
                lines_nfc |= {p.line for p in block.pieces}
                continue
            if block.text[edit.start : edit.end] != edit.old:
                reason = "chữ ở vị trí sửa đã khác"
                break
            piece = _locate(block, edit.start, edit.end)
            if piece is None:
                reason = "chỗ sửa nằm trên hai dòng hoặc trong dòng có ký hiệu Markdown"
                break
            offset = piece.raw_start - piece.block_start
            planned.append((piece.line, edit.start + offset, edit.end + offset, edit.text))
        if reason is not None:
            out.skipped.append((finding, fix, reason))
            continue
        if not planned and not lines_nfc:
            continue  # a formatting-only fix: nothing to do in plain text
        for line, a, b, new in planned:
            per_line.setdefault(line, []).append((a, b, new))
        normalise_lines |= lines_nfc
        out.applied.append((finding, fix))
        out.edits += len(planned) + len(lines_nfc)
    for n, edits in per_line.items():
        line = lines[n]
        for a, b, new in sorted(edits, reverse=True):
            line = line[:a] + new + line[b:]
        lines[n] = line
    for n in normalise_lines:
        lines[n] = unicodedata.normalize("NFC", lines[n])
    if out.applied:
        new_text = "".join(lines)
        if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
            data = new_text.encode("utf-16")
        elif raw.startswith(b"\xef\xbb\xbf"):
            data = b"\xef\xbb\xbf" + new_text.encode("utf-8")
        else:
            data = new_text.encode("utf-8")
        path.write_bytes(data)
    return out
