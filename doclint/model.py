"""The format-independent document model every loader produces and every rule reads.

No rule ever touches XML or PDF objects: whatever a rule needs to know about a file must be a
field here. Lengths are in millimetres and points so that rules compare against the law's own units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "cell", "header", "footer", "textbox"]
Alignment = Literal["left", "center", "right", "both", "distribute"]


@dataclass(slots=True, repr=False)
class RunFormat:
    """Effective (style-resolved) character formatting; ``None`` means unknown for this format."""

    font: str | None = None  # the ascii slot in DOCX, the base font name in PDF
    font_hansi: str | None = None  # DOCX: the slot Word uses for Vietnamese letters
    size_pt: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None  # DOCX w:caps: text is stored lower case but shown in capitals
    underline: bool | None = None
    color: str | None = None  # "000000"-style hex, or None for automatic/black


@dataclass(slots=True, eq=False, repr=False)
class Run:
    """A stretch of a block's text with one formatting; ``start``/``end`` index ``Block.text``."""

    start: int
    end: int
    fmt: RunFormat = field(default_factory=RunFormat)


@dataclass(slots=True, eq=False, repr=False)
class ParagraphFormat:
    """Effective paragraph properties; ``None`` where the format cannot tell (text, some PDF facts)."""

    alignment: Alignment | None = None
    first_line_indent_mm: float | None = None  # negative for a hanging indent
    left_indent_mm: float | None = None
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    line_spacing: float | None = None  # multiple of single spacing when rule is "auto"
    line_spacing_pt: float | None = None  # exact / at-least value in points
    line_rule: Literal["auto", "exact", "atLeast"] | None = None
    style_name: str | None = None
    numbering_label: str | None = None  # the label Word draws for an auto-numbered paragraph
    numbering_level: int | None = None
    has_bottom_border: bool = False


@dataclass(slots=True, eq=False, repr=False)
class TablePosition:
    """Where a table cell's block sits: table, row and column, and the table's size."""

    table: int  # index of the table in the document
    row: int
    col: int
    n_rows: int
    n_cols: int
    nested: bool = False


@dataclass(slots=True, eq=False, repr=False)
class Block:
    """One paragraph of text, wherever it lives (body, table cell, header/footer, text box)."""

    index: int
    text: str
    kind: BlockKind = "paragraph"
    runs: list[Run] = field(default_factory=list)
    para: ParagraphFormat = field(default_factory=ParagraphFormat)
    page: int | None = None  # 1-based when known (PDF; DOCX only from explicit breaks)
    section: int = 0
    table: TablePosition | None = None
    # PDF geometry (points, origin top-left) for layout rules; None for DOCX/text
    bbox: tuple[float, float, float, float] | None = None

    def fmt_at(self, offset: int) -> RunFormat | None:
        for run in self.runs:
            if run.start <= offset < run.end:
                return run.fmt
        return None

    def dominant(self, attr: str) -> object | None:
        """The value of a run attribute that covers most of the visible text."""
        weights: dict[object, int] = {}
        for run in self.runs:
            visible = len(self.text[run.start : run.end].strip())
            if visible:
                value = getattr(run.fmt, attr)
                weights[value] = weights.get(value, 0) + visible
        if not weights:
            return None
        return max(weights.items(), key=lambda kv: kv[1])[0]


@dataclass(slots=True, repr=False)
class HeaderFooter:
    """A page header or footer of a section, with the page-number fields it holds."""

    kind: Literal["header", "footer"]
    variant: Literal["default", "first", "even"]
    text: str
    has_page_field: bool = False
    has_numpages_field: bool = False
    alignment: Alignment | None = None


@dataclass(slots=True, eq=False, repr=False)
class Section:
    """Page setup of one section (DOCX ``w:sectPr``) or one page group (PDF)."""

    index: int = 0
    page_width_mm: float | None = None
    page_height_mm: float | None = None
    orientation: Literal["portrait", "landscape"] | None = None
    margin_top_mm: float | None = None
    margin_bottom_mm: float | None = None
    margin_left_mm: float | None = None
    margin_right_mm: float | None = None
    title_page: bool = False  # different first page (w:titlePg)
    headers: list[HeaderFooter] = field(default_factory=list)
    has_table: bool = False
    first_block: int | None = None
    last_block: int | None = None


@dataclass(slots=True, eq=False, repr=False)
class LoadFacts:
    """What the loader saw before normalising, so that rules can report it."""

    non_nfc_blocks: int = 0  # blocks whose raw text was not NFC
    non_nfc_where: list[int] = field(default_factory=list)  # their block indices
    fonts: dict[str, int] = field(default_factory=dict)  # font name -> characters drawn with it
    legacy_fonts: list[str] = field(default_factory=list)  # .VnTime, VNI-Times...
    has_text_boxes: bool = False
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)
    # PDF: can the text layer be trusted? "ok", "broken" (glyphs mapped wrongly) or "ocr" (a
    # recognised layer over scanned pages); None for formats whose text is the document itself
    text_layer: str | None = None
    text_layer_detail: dict[str, float | int | str | None] = field(default_factory=dict)
    # PDF: the text of electronic-signature boxes ("Ký bởi: …", "Thời gian ký: …"), kept out of the blocks
    signature_stamps: list[str] = field(default_factory=list)
    # PDF: an A4 page fitted onto other paper when it was printed to PDF (0.94 onto Letter): the font sizes
    # are read back at the author's (divided by it); the margins are the printer driver's, not measured
    print_scale: float | None = None


@dataclass(slots=True, eq=False, repr=False)
class Comment:
    """A reviewer's Word comment and the text it covers: from (block, offset) to (block, offset).

    ``start_block``/``end_block`` are None when the commented range lies outside the loaded blocks."""

    text: str
    author: str = ""
    start_block: int | None = None
    start: int = 0
    end_block: int | None = None
    end: int = 0


@dataclass(slots=True, eq=False, repr=False)
class Document:
    """A loaded document: its blocks in reading order, sections, what the loader saw, metadata."""

    path: str
    format: Literal["docx", "pdf", "txt", "md", "doc"]
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    facts: LoadFacts = field(default_factory=LoadFacts)
    metadata: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)  # DOCX: the reviewers' comments

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def body_blocks(self) -> list[Block]:
        """Blocks that belong to the document's flow (not page headers/footers)."""
        return [b for b in self.blocks if b.kind not in ("header", "footer")]
