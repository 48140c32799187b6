"""How far a PDF's text layer can be trusted, and the legacy glyph substitutions fixed before anything reads it.

A PDF shows glyphs; its text layer is what each glyph's font says the glyph means. Some producers
get that wrong, and every rule then reads something other than what is printed:

- glyphs with **no Unicode value** ("(cid:78)" in pdfminer; a mapping error in PDFium), or mapped to
  the private-use area, U+FFFD or control characters;
- glyphs mapped to **look-alike letters of another script** ("6Ӣ CÔNG 7+ѬѪ1*" for "SỞ CÔNG THƯƠNG":
  Cyrillic, Greek, Armenian… letters inside Vietnamese text);
- text whose words are mostly **not Vietnamese syllables** (letters dropped or shuffled by a broken
  mapping, diacritics lost by OCR: "ceNG noa xA Her cHU Ncuia");
- an **OCR layer**: text drawn invisibly (render mode 3) or in the fonts OCR engines use
  (GlyphLessFont…) over pages that are one big image. Its words may be right, but their places are
  the recogniser's guess, not the document's layout.

:func:`assess` turns these into a verdict: ``"ok"``, ``"broken"`` or ``"ocr"``. The thresholds are
shares, so they do not depend on the length of the document, and they sit far from what the issued
PDFs of the corpus show (the worst text layer of an issued PDF there: about 1 % unmapped glyphs from
a symbol font, 0.3 % letters of another script, 93 % valid syllables; see the corpus test).

:func:`normalise` replaces the letters some Vietnamese PDF fonts map wrongly but unambiguously
(ƣ U+01A3 for ư, Ƣ for Ư, the Icelandic eth for Đ) in every word before recognition.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from doclint import lazyre
from doclint.load.pdf_raw import RawDoc

# letters some fonts' ToUnicode maps give for Vietnamese letters (never meant in Vietnamese text)
LEGACY_GLYPHS = str.maketrans({"ƣ": "ư", "Ƣ": "Ư", "ð": "đ", "Ð": "Đ", "ɖ": "đ", "Ɖ": "Đ"})
_LEGACY = lazyre.compile("[ƣƢðÐɖƉ]")
SYMBOL_FONT = lazyre.compile(r"wingding|webding|symbol|dingbat|marlett|bookshelf", re.IGNORECASE)

UNMAPPED_SHARE = 0.03  # of the glyphs (symbol fonts left out)
FOREIGN_SHARE = 0.02  # letters of another script among the letters
VALID_SHARE = 0.80  # valid Vietnamese syllables among the words checked
MIN_WORDS = 30  # fewer words say nothing about the syllables
INVISIBLE_SHARE = 0.5
OCR_FONT_SHARE = 0.5
SCAN_COVER = 0.5  # a page whose largest image covers this much of it

SAMPLE = 20_000  # characters whose words are checked for Vietnamese syllables
# letters of the scripts a broken font map borrows look-alikes from: Greek, Cyrillic, Armenian, Hebrew,
# Arabic, Georgian (CJK is left out: a Chinese name in a Vietnamese text is real)
_FOREIGN = lazyre.compile(r"[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u10a0-\u10ff]")
_TOKEN = lazyre.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "for",
        "with",
        "on",
        "by",
        "is",
        "are",
        "be",
        "this",
        "that",
        "from",
        "at",
        "as",
        "an",
        "or",
        "which",
        "was",
        "were",
        "not",
        "it",
        "its",
        "has",
        "have",
        "will",
        "shall",
        "may",
    ]
)


@dataclass
class Assessment:
    verdict: str  # ok | broken | ocr
    glyphs: int = 0
    unmapped: float = 0.0
    foreign: float = 0.0
    valid: float | None = None
    invisible: float | None = None
    ocr_font: float = 0.0
    scanned_pages: int = 0
    legacy_glyphs: int = 0
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int | str | None]:
        return {
            "verdict": self.verdict,
            "glyphs": self.glyphs,
            "unmapped": round(self.unmapped, 4),
            "foreign": round(self.foreign, 4),
            "valid": None if self.valid is None else round(self.valid, 4),
            "invisible": None if self.invisible is None else round(self.invisible, 4),
            "ocr_font": round(self.ocr_font, 4),
            "scanned_pages": self.scanned_pages,
            "legacy_glyphs": self.legacy_glyphs,
        }


def normalise(raw: RawDoc) -> int:
    """Replace legacy glyph substitutions in every word; the number of words changed."""
    changed = 0
    for page in raw.pages:
        for w in page.words:
            if _LEGACY.search(w.text):
                w.text = w.text.translate(LEGACY_GLYPHS)
                changed += 1
    return changed


def assess(raw: RawDoc, texts: list[str], legacy_glyphs: int = 0) -> Assessment:
    """The verdict on a PDF's text layer from the engine's counts and the text of its paragraphs
    (words joined as the layout joins them: a word drawn in two fonts is one word)."""
    layer = raw.layer
    glyphs = layer.glyphs
    symbol = sum(n for font, n in layer.fonts.items() if SYMBOL_FONT.search(font))
    counted = max(1, glyphs - symbol)
    out = Assessment(verdict="ok", glyphs=glyphs, legacy_glyphs=legacy_glyphs)
    out.unmapped = min(1.0, layer.unmapped / counted) if glyphs else 0.0
    out.invisible = None if layer.invisible is None else (layer.invisible / glyphs if glyphs else 0.0)
    out.ocr_font = layer.ocr_font / glyphs if glyphs else 0.0
    out.scanned_pages = sum(1 for p in raw.pages if p.image_cover >= SCAN_COVER)

    words = valid = english = 0
    from doclint.vn.legacy import detect
    from doclint.vn.syllable import is_valid

    whole = "\n".join(texts)
    # the letters, [^\W\d_] in a pattern: alphanumeric, not a decimal digit (counted without a list)
    letters = sum(map(str.isalnum, whole)) - sum(map(str.isdecimal, whole))
    foreign = len(_FOREIGN.findall(whole))
    out.foreign = foreign / letters if letters else 0.0
    text = whole[:SAMPLE]
    legacy = detect(text)
    if legacy is not None:
        text = legacy[1]  # a TCVN3/VNI text reads right once converted (TXT002 says so)
    for token, n in Counter(_TOKEN.findall(text)).items():  # each distinct word judged once
        lower = token.lower()
        if lower in ENGLISH:
            english += n
        if len(token) > 1 and token.isupper():
            continue  # abbreviations and names in capitals: UBND, KH, HĐND
        words += n
        if is_valid(token):
            valid += n
    if words >= MIN_WORDS:
        out.valid = valid / words

    english_text = bool(words) and english / max(1, words) >= 0.08
    poor = out.valid is not None and out.valid < VALID_SHARE and not english_text
    hidden = (
        out.invisible is not None and out.invisible >= INVISIBLE_SHARE
    ) or out.ocr_font >= OCR_FONT_SHARE
    if out.scanned_pages and (hidden or poor):
        # text hidden over page images, or text no writer would type drawn with them: a recogniser's
        out.verdict = "ocr"
        out.reasons.append("ocr")
        return out
    if glyphs and out.unmapped >= UNMAPPED_SHARE:
        out.reasons.append("unmapped")
    if out.foreign >= FOREIGN_SHARE and foreign >= 10:
        out.reasons.append("foreign")
    if poor:
        out.reasons.append("syllables")
    if out.reasons:
        out.verdict = "broken"
    return out
