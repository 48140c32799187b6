"""Type style of a recognised component (bold, italic, size, capitals), shared by the style rules of each
family (HDR006, DATE006, TTL005, SIG005, RCPT008) and by FMT — NĐ 30, Phụ lục I.

Every rule reads the format-independent model: DOCX facts come resolved from styles, PDF facts are
measured from geometry by the loader (``None`` where a format cannot tell, and the rule then says nothing).
"""

from __future__ import annotations

from collections import defaultdict

from doclint import lazyre
from doclint.model import Document
from doclint.recognise.components import Component

DASH_ITEM = lazyre.compile(r"^\s*[-–+•]\s")


def is_pdf(doc: Document) -> bool:
    return doc.format == "pdf"


def fmt_mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def fmt_pt(value: float) -> str:
    return f"{round(value * 2) / 2:g}".replace(".", ",")


def span_style(doc: Document, comp: Component) -> tuple[bool | None, bool | None, float | None, bool]:
    """Bold, italic (all visible letters), the dominant size, and capitals (typed or w:caps)."""
    block = doc.blocks[comp.block]
    start = comp.start
    end = comp.end if comp.end is not None else start + len(comp.text)
    runs = [r for r in block.runs if r.start < end and r.end > start and block.text[max(r.start, start):min(r.end, end)].strip()]  # fmt: skip
    if not runs:
        return None, None, None, False
    weights: dict[float, int] = defaultdict(int)
    bold: list[bool | None] = []
    italic: list[bool | None] = []
    caps = True
    for r in runs:
        piece = block.text[max(r.start, start) : min(r.end, end)]
        n = len(piece.strip())
        if r.fmt.size_pt is not None:
            weights[r.fmt.size_pt] += n
        letters = [c for c in piece if c.isalpha()]
        if any(c.isalnum() for c in piece) or len(runs) == 1:
            # bold or italic shows on letters and digits: a hyphen, a comma or a colon in regular weight
            # between bold words (or after "Nơi nhận") does not make the label "not bold"
            bold.append(r.fmt.bold)
            italic.append(r.fmt.italic)
        if letters and not (r.fmt.caps or all(c.isupper() for c in letters)):
            caps = False
    size = max(weights.items(), key=lambda kv: kv[1])[0] if weights else None

    def agree(values: list[bool | None]) -> bool | None:
        known = [v for v in values if v is not None]
        return all(known) if known else None

    return agree(bold), agree(italic), size, caps


def any_bold(doc: Document, comp: Component) -> bool:
    block = doc.blocks[comp.block]
    start = comp.start
    end = comp.end if comp.end is not None else start + len(comp.text)
    return any(r.fmt.bold for r in block.runs if r.start < end and r.end > start and block.text[max(r.start, start):min(r.end, end)].strip())  # fmt: skip


LETTER_MM = (215.9, 279.4)
A4_ON_LETTER = min(215.9 / 210.0, 279.4 / 297.0)  # the scale of an A4 page printed "fit to page" on Letter


def on_letter_paper(doc: Document) -> bool:
    """A PDF on Letter paper: often an A4 page printed through a driver that fits it to the sheet, which
    shrinks every size by ``A4_ON_LETTER`` (FMT001 already reports the paper)."""
    if not is_pdf(doc) or not doc.sections:
        return False
    w, h = doc.sections[0].page_width_mm, doc.sections[0].page_height_mm
    if not w or not h:
        return False
    short, long_ = sorted((w, h))
    return abs(short - LETTER_MM[0]) < 2 and abs(long_ - LETTER_MM[1]) < 2 and not doc.facts.print_scale


def size_ok(size: float | None, lo: float, hi: float, doc: Document) -> bool:
    """Whether a measured size is within [lo, hi] pt: exact in Word; within half a point on a PDF (sizes
    are measured from glyphs), and on Letter paper also at the size it had before a fit-to-page print
    (a size that only the fitting put out of range would restate FMT001's paper finding)."""
    if size is None:
        return True
    if not is_pdf(doc):
        return lo - 0.01 <= size <= hi + 0.01
    sizes = (size, size / A4_ON_LETTER) if on_letter_paper(doc) else (size,)
    return any(lo - 0.5 <= s <= hi + 0.5 for s in sizes)
