"""Fixes as data: what a check proposes to change, independent of the file format.

A :class:`Fix` is a list of edits applied together, with an applicability as in ruff: ``safe`` (the
correction is certain and keeps the meaning: applied by ``doclint fix``) or ``unsafe`` (a likely
correction a person must confirm: applied only with ``--unsafe``). Each edit names its target in the
format-independent model (:mod:`doclint.model`), never in XML:

* :class:`TextEdit` — block + character span of ``Block.text`` + replacement (an empty span inserts,
  an empty replacement deletes); it carries the text it replaces, so a writer refuses an edit whose
  target no longer reads the same;
* :class:`NormaliseEdit` — the same characters, stored in Unicode NFC (TXT001: the model's text is
  already NFC, the file's is not);
* :class:`RunFormatEdit` — typed character properties of a span (font, size, colour);
* :class:`ParagraphEdit` — typed paragraph properties (alignment, indent, spacing);
* :class:`SectionEdit` — typed page setup of a section (paper, orientation, margins, first page);
* :class:`PageNumberEdit` — the page number of a section: a PAGE field centred in the header, not shown
  on the first page.

The DOCX writer (:mod:`doclint.fix.docx`) turns each edit into a Word tracked change; the text writer
(:mod:`doclint.fix.text`) applies the text edits and ignores the formatting ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Applicability = Literal["safe", "unsafe"]
APPLICABILITY_RANK = {"unsafe": 1, "safe": 2}


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace ``old`` = ``Block.text[start:end]`` of block ``block`` by ``text``."""

    block: int
    start: int
    end: int
    text: str
    old: str = ""
    kind: str = "text"

    def overlaps(self, other: TextEdit | NormaliseEdit) -> bool:
        if self.block != other.block:
            return False
        if self.start == self.end and other.start == other.end:
            return self.start == other.start  # two insertions at one point: their order is unknown
        if self.start == self.end:
            return other.start < self.start < other.end
        if other.start == other.end:
            return self.start < other.start < self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class NormaliseEdit:
    """Store the characters of ``Block.text[start:end]`` in Unicode NFC (they read the same)."""

    block: int
    start: int
    end: int
    kind: str = "normalise"

    def overlaps(self, other: TextEdit | NormaliseEdit) -> bool:
        return self.block == other.block and self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class RunProps:
    """Character properties to set (``None``: leave as it is)."""

    font: str | None = None  # every script slot (ASCII, Vietnamese letters, complex, East Asian)
    size_pt: float | None = None
    color: str | None = None  # "auto" (Word's Automatic, black) or "RRGGBB"
    bold: bool | None = None
    italic: bool | None = None

    def items(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True, slots=True)
class RunFormatEdit:
    """Set character properties (``props``) on ``Block.text[start:end]`` of block ``block``."""

    block: int
    start: int
    end: int
    props: RunProps
    kind: str = "run"


@dataclass(frozen=True, slots=True)
class ParagraphProps:
    """Paragraph properties to set (``None``: leave as it is)."""

    alignment: Literal["left", "center", "right", "both"] | None = None
    first_line_indent_mm: float | None = None  # 0 removes an indent; a hanging indent is replaced
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    line_spacing: float | None = None  # a multiple of single spacing ("auto" line rule)

    def items(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True, slots=True)
class ParagraphEdit:
    """Set paragraph properties (``props``) on block ``block``."""

    block: int
    props: ParagraphProps
    kind: str = "paragraph"


@dataclass(frozen=True, slots=True)
class SectionProps:
    """Page setup to set (``None``: leave as it is)."""

    page_width_mm: float | None = None
    page_height_mm: float | None = None
    orientation: Literal["portrait", "landscape"] | None = None
    margin_top_mm: float | None = None
    margin_bottom_mm: float | None = None
    margin_left_mm: float | None = None
    margin_right_mm: float | None = None
    title_page: bool | None = None  # a different first page (its header stays empty)

    def items(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True, slots=True)
class SectionEdit:
    """Set page setup (``props``) on section ``section``."""

    section: int
    props: SectionProps
    kind: str = "section"


@dataclass(frozen=True, slots=True)
class PageNumberEdit:
    """Number the pages of ``section`` as NĐ 30 asks: a PAGE field alone, centred in the header, from
    page 2. ``remove_from_footer``: the section's footer numbers are taken out; ``only_first``: the
    numbering is right, it only shows on page 1 (no new field)."""

    section: int
    remove_from_footer: bool = False
    centre: bool = True
    hide_on_first_page: bool = True
    add_field: bool = True
    kind: str = "page_numbers"


Edit = TextEdit | NormaliseEdit | RunFormatEdit | ParagraphEdit | SectionEdit | PageNumberEdit
_EDIT_TYPES: dict[str, type] = {
    "text": TextEdit,
    "normalise": NormaliseEdit,
    "run": RunFormatEdit,
    "paragraph": ParagraphEdit,
    "section": SectionEdit,
    "page_numbers": PageNumberEdit,
}
_PROPS_TYPES: dict[str, type] = {"run": RunProps, "paragraph": ParagraphProps, "section": SectionProps}


@dataclass(slots=True)
class Fix:
    """Edits applied together (all or none), with their applicability and a one-line title."""

    applicability: Applicability
    edits: tuple[Edit, ...] = ()
    title_vi: str = ""
    title_en: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text_edits(self) -> list[TextEdit | NormaliseEdit]:
        return [e for e in self.edits if isinstance(e, TextEdit | NormaliseEdit)]

    def title(self, lang: str = "vi") -> str:
        return self.title_en if lang == "en" else self.title_vi

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        """The JSON report's ``fix`` (schema 1.1): applicability, title and edits."""
        out: list[dict[str, Any]] = []
        for edit in self.edits:
            item = asdict(edit)
            if "props" in item:
                item["props"] = {k: v for k, v in item["props"].items() if v is not None}
            out.append(item)
        return {"applicability": self.applicability, "title": self.title(lang), "edits": out}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fix:
        """From :func:`dataclasses.asdict` (the result cache) or :meth:`as_dict` (a JSON report)."""
        edits: list[Edit] = []
        for item in data.get("edits", ()):
            item = dict(item)
            kind = item.get("kind", "text")
            edit_type = _EDIT_TYPES.get(kind)
            if edit_type is None:
                continue  # an edit kind from a newer doclint: skipped, never guessed
            if "props" in item:
                item["props"] = _PROPS_TYPES[kind](**item["props"])
            edits.append(edit_type(**item))
        title_vi = data.get("title_vi", data.get("title", ""))
        return cls(
            applicability=data.get("applicability", "unsafe"),
            edits=tuple(edits),
            title_vi=title_vi,
            title_en=data.get("title_en", title_vi),
            extra=dict(data.get("extra", {})),
        )
