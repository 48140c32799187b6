"""What a PDF engine hands the layout code: pages of words with their boxes and formatting, and the facts
the text-layer score needs. Both engines (:mod:`doclint.load.pdfium`, the default, and
:mod:`doclint.load.pdf_plumber`, the reference) fill these; everything after them is shared.

All lengths in points, origin at the top-left of the page as it is displayed (rotation applied).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from doclint.errors import LoadError
from doclint.model import RunFormat

MAX_PAGES = 2000

SUBSET = re.compile(r"^[A-Z]{6}\+")
GENERIC_FONT = re.compile(r"^(?:CIDFont\+)?(?:F|T|TT|C|R)\d+(?:_\d+)?$", re.IGNORECASE)
BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$|-b$", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique|,i$|-i$|kursiv", re.IGNORECASE)
# fonts an OCR engine writes its invisible text layer with (Tesseract, ABBYY, Adobe's Paper Capture…)
OCR_FONT = re.compile(r"^(?:GlyphLessFont|Untitled|OCR|Unknown|HiddenHorzOCR|Tesseract)", re.IGNORECASE)


def broken(detail: str) -> LoadError:
    return LoadError(
        "DOC001",
        f"Tệp PDF bị hỏng hoặc không đúng định dạng ({detail}).",
        f"The PDF is broken or not a PDF ({detail}).",
    )


def encrypted() -> LoadError:
    return LoadError(
        "DOC001",
        "Tệp PDF được mã hóa (đặt mật khẩu), không đọc được nội dung. Hãy gỡ mật khẩu rồi kiểm tra lại.",
        "The PDF is encrypted (password-protected); remove the password and check it again.",
    )


def too_long(count: int) -> LoadError:
    return LoadError(
        "DOC001",
        f"Tệp PDF quá dài ({count} trang, giới hạn {MAX_PAGES} trang).",
        f"The PDF is too long ({count} pages, limit {MAX_PAGES}).",
    )


def clean_font(name: str | None) -> str:
    return SUBSET.sub("", name or "")


def font_style(name: str) -> tuple[bool, bool]:
    """Bold and italic from a PostScript font name (the part after the family when there is one)."""
    style = name
    for sep in ("-", ","):
        if sep in name:
            style = name.split(sep, 1)[1]
            break
    bold = bool(BOLD.search(style))
    italic = bool(ITALIC.search(style))
    return bold, italic


def color_hex(value: object) -> str | None:
    """A fill colour (gray, RGB or CMYK components in 0..1) as "RRGGBB", or None when black/unknown."""
    if value is None or isinstance(value, str):
        return None
    try:
        comps = [float(c) for c in value]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    if len(comps) == 1:
        r = g = b = comps[0]
    elif len(comps) == 3:
        r, g, b = comps
    elif len(comps) == 4:
        c, m, y, k = comps
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    if max(r, g, b) <= 0.12:  # near-black prints as black
        return None
    return "".join(f"{round(max(0.0, min(1.0, v)) * 255):02X}" for v in (r, g, b))


def run_format(
    raw_font: str,
    size: float,
    color: object,
    bold: bool | None = None,
    italic: bool | None = None,
    from_name: bool = True,
) -> RunFormat:
    """The formatting of a word drawn with ``raw_font``; ``bold``/``italic`` from the font's own
    descriptor are used where the name tells nothing ("F1", "T1_0", or a family name the engine
    found for such a font: ``from_name`` False)."""
    font = clean_font(raw_font)
    if GENERIC_FONT.match(font) or not from_name:
        name_bold, name_italic = bold, italic
    else:
        name_bold, name_italic = font_style(font)
    return RunFormat(
        font=font,
        font_hansi=font,
        size_pt=round(size, 2),
        bold=name_bold,
        italic=name_italic,
        caps=False,
        underline=None,
        color=color_hex(color),
    )


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fmt: RunFormat
    size: float
    stamped: bool = False  # drawn by a signature field's appearance (number/day stamped at signing)
    # does the word continue the one drawn before it without a space (True: split only by a change of
    # format), or did the engine see a space before it (False)? None: unknown, judged by the gap
    glued: bool | None = None


@dataclass
class RawPage:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    glyphs: int = 0  # glyphs of the page content (stamped ones not counted)
    image_cover: float = 0.0  # the share of the page area under images (PDFium: measured where needed)
    edges: int = 0  # drawn lines and rectangles (enough of them: a ruled table)


@dataclass
class LayerStats:
    """Signs of the quality of the text layer, counted in glyphs of the page content."""

    glyphs: int = 0
    unmapped: int = 0  # glyphs with no Unicode value: "(cid:78)", a mapping error, U+FFFD, private use
    invisible: int | None = 0  # drawn with text render mode 3 (None: the engine cannot tell)
    ocr_font: int = 0  # drawn with a font an OCR engine names (GlyphLessFont…)
    fonts: Counter[str] = field(default_factory=Counter)


@dataclass
class RawDoc:
    pages: list[RawPage]
    metadata: dict[str, str]
    fonts: Counter[str]  # clean font name -> characters drawn with it (stamps included)
    layer: LayerStats
    engine: str
