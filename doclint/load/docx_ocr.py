"""Whether a Word file was written by OCR software from a scanned page.

A scan converted to Word by a recogniser (ABBYY FineReader above all) is not the office's document: its
page setup, margins, fonts, sizes and spacing are the converter's reconstruction of the picture (each
page its own section, lines placed in frames), and its words carry recognition errors ("ngày lĩ thảng
ỉ ỉ năm 20 ỉ 6"). Checking the format of such a file only raises false alarms, exactly as on a PDF's
OCR layer, so the loader marks it ``text_layer = "ocr"`` and DOC008 says so once.

The converter names the styles it makes after the roles it recognised, numbering the variants and
deriving one style per change of look: "Body text (2)", "Body text (3) + Not Italic", "Heading #1 Exact",
"Header or footer_", "Table caption (2)". Word, LibreOffice and the office templates never name styles
so; a document that pasted one recognised paragraph carries one or two of these names, a converted
document a dozen. The verdict needs several distinct recognised roles.
"""

from __future__ import annotations

from collections.abc import Iterable

# the base names (before " + …", " Exact", "_") ABBYY FineReader gives the styles it makes: a role,
# numbered when it has variants. Word's own "Body Text", "Body Text 2", "Heading 1", "Caption", "TOC 1"
# never look like these.
CONVERTER_NAMES = (
    "body text (",
    "heading #",
    "header or footer",
    "table caption",
    "picture caption",
    "table of contents",
    "footnote (",
)
MIN_DISTINCT = 4  # distinct converter styles ("Body text (2)", "Body text (3)", "Heading #1"…)


def _base(name: str) -> str:
    """ "Body text (3) + Not Italic" -> "body text (3)"; "Heading #4 (2)_" -> "heading #4 (2)"."""
    name = name.split(" + ", 1)[0].strip()
    for suffix in ("_", " Exact", "_"):
        name = name.removesuffix(suffix).strip()
    bare = name.rstrip("0123456789")  # Word numbers a copied duplicate: "Body text (2)1"
    return (bare if bare.endswith(")") else name).lower()


def converter_styles(names: Iterable[str]) -> list[str]:
    """The distinct converter-made style names among ``names`` (base names, in order of first sight)."""
    seen: dict[str, None] = {}
    for name in names:
        base = _base(name)
        if base.startswith(CONVERTER_NAMES):
            seen.setdefault(base, None)
    return list(seen)


def made_by_ocr(names: Iterable[str]) -> dict[str, float | int | str | None] | None:
    """The evidence when the style names are an OCR converter's, else None."""
    found = converter_styles(names)
    if len(found) < MIN_DISTINCT:
        return None
    return {"producer": "ABBYY FineReader", "styles": len(found), "example": found[0]}
