"""The fix builder a check uses where it builds a finding::

    from doclint.fix import build as fx

    yield finding("HDR003", vi, en, tn, "tieu_ngu", suggestion=TIEU_NGU,
                  fix=fx.safe(fx.replace(block, tn.start, tn.end, TIEU_NGU), vi="Sửa Tiêu ngữ"))

Every function takes the model's objects (a :class:`~doclint.model.Block`, a section index) and returns
format-independent edits (:mod:`doclint.fix.model`); ``safe``/``unsafe`` bundle them into one
:class:`~doclint.fix.model.Fix`, or return None when nothing is left to change (so a check can write
``fix=fx.safe(...)`` unconditionally). Edits of one fix never overlap (a check bug: ValueError).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from doclint import lazyre
from doclint.model import Block

if TYPE_CHECKING:
    from doclint.fix.model import (
        Edit,
        Fix,
        NormaliseEdit,
        PageNumberEdit,
        ParagraphEdit,
        RunFormatEdit,
        SectionEdit,
        TextEdit,
    )

# Every check imports this module; the edit classes (a dozen frozen dataclasses, a few ms to create)
# are imported by the first fix built, so a document without findings never pays for them (issue 17).

TIMES = "Times New Roman"


_TOKEN = lazyre.compile(r"\w+|\s+|[^\w\s]")


def replace(block: Block, start: int, end: int, text: str) -> list[TextEdit]:
    """``block.text[start:end]`` becomes ``text``, as one edit per changed word or mark (“Độc lập – Tự
    do – Hạnh phúc” → two edits, one per dash), each narrowed to the characters that change; a drafter
    reviews small tracked changes. Empty when nothing changes."""
    if not 0 <= start <= end <= len(block.text):
        raise ValueError(f"span {start}:{end} outside block {block.index} ({len(block.text)} characters)")
    old = block.text[start:end]
    text = unicodedata.normalize("NFC", text)
    if old == text:
        return []
    a, b = _TOKEN.findall(old), _TOKEN.findall(text)
    if len(a) * len(b) > 40_000:  # a long passage: one edit, no quadratic diff
        edit = _narrow(block, start, end, text)
        return [edit] if edit else []
    import difflib

    a_at = _offsets(a)
    b_at = _offsets(b)
    # changed words separated only by spaces make one edit ("Cộng hòa xã hội" → "CỘNG HÒA XÃ HỘI")
    groups: list[list[int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            if groups and not "".join(a[i1:i2]).isspace():
                groups[-1].append(-1)  # closed
            continue
        if groups and groups[-1][-1] != -1:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    edits: list[TextEdit] = []
    for i1, i2, j1, j2, *_ in groups:
        edit = _narrow(block, start + a_at[i1], start + a_at[i2], text[b_at[j1] : b_at[j2]])
        if edit is not None:
            edits.append(edit)
    return edits


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _narrow(block: Block, start: int, end: int, text: str) -> TextEdit | None:
    """One edit of ``block.text[start:end]`` to ``text``, without the characters both share at its ends."""
    old = block.text[start:end]
    if old == text:
        return None
    head = 0
    limit = min(len(old), len(text))
    while head < limit and old[head] == text[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == text[len(text) - 1 - tail]:
        tail += 1
    from doclint.fix.model import TextEdit

    return TextEdit(
        block=block.index,
        start=start + head,
        end=end - tail,
        text=text[head : len(text) - tail],
        old=old[head : len(old) - tail],
    )


def replace_span(block: Block, start: int, end: int, text: str) -> list[TextEdit]:
    """``block.text[start:end]`` replaced as one edit of exactly that span (a whole run converted from a
    legacy encoding: no cut inside the run, whose stored characters may not map one to one)."""
    from doclint.fix.model import TextEdit

    old = block.text[start:end]
    text = unicodedata.normalize("NFC", text)
    return [] if old == text else [TextEdit(block=block.index, start=start, end=end, text=text, old=old)]


def rewrite(block: int, start: int, old: str, text: str) -> list[TextEdit]:
    """``old`` (the block's text from ``start``, as the check read it) becomes ``text``: for checks that
    keep the words they matched but not the block (the writer still verifies ``old`` in the file)."""
    return replace(Block(index=block, text=" " * start + old), start, start + len(old), text)


def component(doc: Any, comp: Any, text: str | None) -> list[TextEdit]:
    """The recognised component ``comp`` (Quốc hiệu, số, ký hiệu...) rewritten as ``text``.

    A component's text is its words in the block, except that a Word list label may lead it ("1. Căn
    cứ…"): the label is not text of the file, so ``text`` must keep it and only what follows changes.
    Empty when the component no longer matches its block (never guess where it is)."""
    if comp is None or text is None or not 0 <= comp.block < len(doc.blocks):
        return []
    block = doc.blocks[comp.block]
    end = comp.end if comp.end is not None else comp.start + len(comp.text)
    written = block.text[comp.start : end]
    if written == comp.text:
        return replace(block, comp.start, end, text)
    label = comp.text[: len(comp.text) - len(written)]
    if written and comp.text.endswith(written) and text.startswith(label):
        return replace(block, comp.start, end, text[len(label) :])
    return []


def insert(block: Block, at: int, text: str) -> list[TextEdit]:
    return replace(block, at, at, text)


def delete(block: Block, start: int, end: int) -> list[TextEdit]:
    return replace(block, start, end, "")


def normalise(block: Block, start: int = 0, end: int | None = None) -> NormaliseEdit:
    """Store the span in Unicode NFC (TXT001: it reads the same, the file's characters change)."""
    from doclint.fix.model import NormaliseEdit

    return NormaliseEdit(block=block.index, start=start, end=len(block.text) if end is None else end)


def run_format(block: Block, start: int = 0, end: int | None = None, **props: Any) -> RunFormatEdit | None:
    """Character properties of ``block.text[start:end]`` (whole paragraph by default): font, size_pt,
    color ("auto" for black), bold, italic."""
    from doclint.fix.model import RunFormatEdit, RunProps

    values = RunProps(**props)
    if not values.items():
        return None
    end = len(block.text) if end is None else end
    if not 0 <= start < end <= len(block.text):
        return None
    return RunFormatEdit(block=block.index, start=start, end=end, props=values)


def paragraph(block: Block, **props: Any) -> ParagraphEdit | None:
    """Paragraph properties: alignment, first_line_indent_mm, space_before_pt, space_after_pt, line_spacing."""
    from doclint.fix.model import ParagraphEdit, ParagraphProps

    values = ParagraphProps(**props)
    return ParagraphEdit(block=block.index, props=values) if values.items() else None


def section(index: int, **props: Any) -> SectionEdit | None:
    """Page setup of section ``index``: page_width_mm, page_height_mm, orientation, margin_*_mm, title_page."""
    from doclint.fix.model import SectionEdit, SectionProps

    values = SectionProps(**props)
    return SectionEdit(section=index, props=values) if values.items() else None


def page_numbers(index: int, **options: Any) -> PageNumberEdit:
    from doclint.fix.model import PageNumberEdit

    return PageNumberEdit(section=index, **options)


def _flatten(items: Iterable[Any]) -> list[Edit]:
    out: list[Edit] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, list | tuple):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _bundle(applicability: str, items: Iterable[Any], vi: str, en: str) -> Fix | None:
    from doclint.fix.model import Fix, NormaliseEdit, TextEdit

    edits = _flatten(items)
    if not edits:
        return None
    texts = sorted(
        (e for e in edits if isinstance(e, TextEdit | NormaliseEdit)), key=lambda e: (e.block, e.start)
    )
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if b.block != a.block:
                break
            if a.overlaps(b):
                raise ValueError(f"overlapping edits in one fix: {a} / {b}")
    return Fix(applicability=applicability, edits=tuple(edits), title_vi=vi, title_en=en or vi)  # type: ignore[arg-type]


def safe(*edits: Any, vi: str = "", en: str = "") -> Fix | None:
    """A certain correction (applied by ``doclint fix``); None when there is no edit."""
    return _bundle("safe", edits, vi, en)


def unsafe(*edits: Any, vi: str = "", en: str = "") -> Fix | None:
    """A likely correction a person confirms (``doclint fix --unsafe``); None when there is no edit."""
    return _bundle("unsafe", edits, vi, en)
