"""Zones: which part of the document each block belongs to, for text rules (citations, abbreviations,
capitalisation) that treat the header, the Nơi nhận list and the signature differently from the content.

Uses recognition when it found the components, and falls back to line patterns when it did not
(plain-text drafts with no header, or before the recogniser knows a layout).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from doclint.analysis import analysis

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.model import Block
    from doclint.recognise.components import Recognition

# header | title | can_cu | body | recipients | luu | signature | appendix
_RECIPIENTS = re.compile(r"^\s*Nơi nhận\s*:?", re.IGNORECASE)
_LUU = re.compile(r"^\s*+[-–+]?\s*+Lưu\s*+:", re.IGNORECASE)
_AUTHORITY = re.compile(r"^\s*(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L)\s*\S")
_ITEM = re.compile(r"^\s*[-–+•*]\s*\S")
_NUMBER_LINE = re.compile(r"^\s*+Số\s*+:?\s*+\S*/")
_TITLE_WORDS = re.compile(r"^[A-ZĐÀ-Ỹ ]{4,40}$")


def block_zones(blocks: list[Block], rec: Recognition | None = None) -> list[str]:
    zones = ["body"] * len(blocks)
    if rec is not None and (rec.body_start is not None or rec.recipients or rec.signature):
        for i in range(len(blocks)):
            if rec.body_start is not None and i < rec.body_start:
                zones[i] = "header"
            elif rec.body_end is not None and i > rec.body_end:
                zones[i] = "appendix"  # after the content: signature, Nơi nhận, appendices (set below)
        for comp in (rec.trich_yeu, rec.doc_type_name):
            if comp is not None and comp.block < len(blocks):
                zones[comp.block] = "title"
        for comp in rec.can_cu:
            if comp.block < len(blocks):
                zones[comp.block] = "can_cu"
        for comp in rec.recipients:
            if comp.block < len(blocks):
                zones[comp.block] = "recipients"
        if rec.recipients_label is not None and rec.recipients_label.block < len(blocks):
            zones[rec.recipients_label.block] = "recipients"
        if rec.luu is not None and rec.luu.block < len(blocks):
            zones[rec.luu.block] = "luu"
        for sig in [rec.signature, *rec.signatures]:
            if sig is not None:
                for b in sig.blocks:
                    if b < len(blocks):
                        zones[b] = "signature"
        for i, block in enumerate(blocks):
            if block.kind in ("header", "footer"):
                zones[i] = "header"
        # căn cứ lines the recogniser left in the content (a flattened "Căn cứ" / "Luật ..." pair)
        start = rec.body_start or 0
        for i in range(start, min(len(blocks), start + 15)):
            if zones[i] == "body" and re.match(r"\s*Căn cứ\b", blocks[i].text):
                zones[i] = "can_cu"
        # recipients not (all) recognised (flattened text): add the fallback's Nơi nhận and Lưu lines
        for i, zone in enumerate(_fallback(blocks)):
            if zone in ("recipients", "luu") and zones[i] in ("body", "signature"):
                zones[i] = zone
        return zones
    return _fallback(blocks)


def _fallback(blocks: list[Block]) -> list[str]:
    zones = ["body"] * len(blocks)
    # header: up to the type title (KẾ HOẠCH, QUYẾT ĐỊNH ...) when one is found near the top
    title_at = None
    for i, block in enumerate(blocks[:25]):
        text = block.text.strip()
        if (
            _TITLE_WORDS.match(text)
            and text.isupper()
            and len(text.split()) <= 5
            and not text.startswith(("CỘNG", "ĐỘC", "ĐẢNG"))
        ):
            title_at = i
            break
    if title_at is not None:
        for i in range(title_at):
            zones[i] = "header"
        zones[title_at] = "title"
        if title_at + 1 < len(blocks) and not blocks[title_at + 1].text.lstrip().startswith("Căn cứ"):
            zones[title_at + 1] = "title"
    else:
        for i, block in enumerate(blocks[:12]):
            if _NUMBER_LINE.match(block.text) or block.text.strip().isupper():
                zones[i] = "header"
    in_recipients = after_luu = False
    for i, block in enumerate(blocks):
        text = block.text
        if block.kind in ("header", "footer"):
            zones[i] = "header"
            continue
        if zones[i] == "body" and re.match(r"\s*Căn cứ\b", text) and (title_at is None or i <= title_at + 12):
            zones[i] = "can_cu"
        if _RECIPIENTS.match(text):
            in_recipients = True
            after_luu = False
        if _LUU.match(text):
            zones[i] = "luu"
            in_recipients, after_luu = True, True
            continue
        if _AUTHORITY.match(text) or (in_recipients and (text.strip().isupper() or _person_name(text))):
            zones[i] = "signature"
            continue
        if in_recipients:
            if _ITEM.match(text) or _RECIPIENTS.match(text):
                zones[i] = "recipients"
            elif after_luu and len(text.split()) <= 2:
                zones[i] = "luu"  # the typist's initials after the Lưu line ("DNam.")
            else:
                in_recipients = False  # the list is over: appendices and the rest are content
    return zones


def _person_name(text: str) -> bool:
    words = text.strip().split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() for w in words)


@analysis("zones")
def zones(ctx: Context) -> list[str]:
    return block_zones(ctx.doc.blocks, ctx.rec)
