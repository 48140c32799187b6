"""Legacy Vietnamese encodings: TCVN3 (ABC, the ``.Vn*`` fonts) and VNI (the ``VNI-*`` fonts).

Before Unicode (TCVN 6909:2001) Vietnamese was typed in 8-bit fonts. A DOCX written that way stores
the bytes as Latin-1 characters (sometimes as U+F0xx symbol code points): with the font it looks right,
anywhere else it reads "Céng hoµ x· héi chñ nghÜa ViÖt Nam". We recognise it by font name and by
content, and convert it to Unicode.

- TCVN3 (TCVN 5712:1993, VN3): one byte per letter, lower case in 0xA1-0xFF; capitals are drawn by the
  "H" fonts (``.VnTimeH``) from the same codes, so text in such a font is upper-cased after conversion.
- VNI: a base letter followed by one or two accent bytes ("aù" = á, "aà" = ầ), a few letters in one byte
  (ñ = đ, ô = ơ, ö = ư, í = í, ò = ị...).
"""

from __future__ import annotations

import re

from doclint import lazyre

# TCVN3 byte (as a Latin-1 character) -> Unicode
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ "
    "Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ ×ì Ýí Øỉ Üĩ Þị "
    "ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ "
    "ïù óú ñủ òũ ôụ \u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ "
    "¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ"
)
TCVN3 = {pair[0]: pair[1:] for pair in _TCVN3_PAIRS.split()}

# VNI: base letter + accent byte(s). Lower-case accent bytes, upper-case ones for capitals.
_VNI_TONES_LOWER = {"ù": 2, "ø": 1, "û": 3, "õ": 4, "ï": 5}
_VNI_TONES_UPPER = {"Ù": 2, "Ø": 1, "Û": 3, "Õ": 4, "Ï": 5}
_VNI_HAT_LOWER = {"â": 0, "á": 2, "à": 1, "å": 3, "ã": 4, "ä": 5}  # circumflex + tone
_VNI_HAT_UPPER = {"Â": 0, "Á": 2, "À": 1, "Å": 3, "Ã": 4, "Ä": 5}
_VNI_BREVE_LOWER = {"ê": 0, "é": 2, "è": 1, "ú": 3, "ü": 4, "ë": 5}  # breve (ă) + tone
_VNI_BREVE_UPPER = {"Ê": 0, "É": 2, "È": 1, "Ú": 3, "Ü": 4, "Ë": 5}
# single-byte letters
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip

LEGACY_FONT = lazyre.compile(r"^\s*(?P<tcvn>\.vn|abc|vn[a-z]*h$)|^\s*(?P<vni>vni[- ])", re.IGNORECASE)


def font_encoding(font: str | None) -> str | None:
    """'tcvn3' for .VnTime/.VnArial..., 'vni' for VNI-Times..., None for a Unicode font."""
    if not font:
        return None
    m = LEGACY_FONT.match(font)
    if not m:
        return None
    return "tcvn3" if m.group("tcvn") else "vni"


def is_caps_font(font: str | None) -> bool:
    """TCVN3 'H' fonts (.VnTimeH, .VnArialH) draw capitals from lower-case codes."""
    return bool(font) and font_encoding(font) == "tcvn3" and font.strip().endswith("H")


def _unsymbol(text: str) -> str:
    # Word stores symbol-font characters at U+F020..U+F0FF
    return "".join(chr(ord(c) - 0xF000) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)


def tcvn3_to_unicode(text: str, caps: bool = False) -> str:
    out = "".join(TCVN3.get(c, c) for c in _unsymbol(text))
    return out.upper() if caps else out


def _compose(base: str, tone: int, mark: str = "") -> str:
    from doclint.vn.syllable import with_tone

    table = {
        ("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("a", "("): "ă",
        ("A", "^"): "Â", ("E", "^"): "Ê", ("O", "^"): "Ô", ("A", "("): "Ă",
    }  # fmt: skip
    letter = table.get((base, mark), base) if mark else base
    return with_tone(letter, tone)


def vni_to_unicode(text: str) -> str:
    text = _unsymbol(text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        low = c in "aeiouy"
        up = c in "AEIOUY"
        if (low or up) and nxt:
            tones = _VNI_TONES_LOWER | _VNI_TONES_UPPER
            hats = _VNI_HAT_LOWER | _VNI_HAT_UPPER
            breves = _VNI_BREVE_LOWER | _VNI_BREVE_UPPER
            if c in "aeoAEO" and nxt in hats:
                out.append(_compose(c, hats[nxt], "^"))
                i += 2
                continue
            if c in "aA" and nxt in breves:
                out.append(_compose(c, breves[nxt], "("))
                i += 2
                continue
            if nxt in tones:
                out.append(_compose(c, tones[nxt]))
                i += 2
                continue
        if c in "ôöÔÖ" and nxt in (_VNI_TONES_LOWER | _VNI_TONES_UPPER):
            out.append(_compose(_VNI_SINGLE[c], (_VNI_TONES_LOWER | _VNI_TONES_UPPER)[nxt]))
            i += 2
            continue
        out.append(_VNI_SINGLE.get(c, c))
        i += 1
    return "".join(out)


def convert(text: str, encoding: str, caps: bool = False) -> str:
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text, caps)
    if encoding == "vni":
        return vni_to_unicode(text)
    return text


# characters that, inside a word, betray legacy text read as Latin-1
_SUSPECT = lazyre.compile(r"[\u00a1-\u00ff\uf0a1-\uf0ff]")
# Latin-1 characters that Unicode Vietnamese never uses (its letters À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý
# and their lower case are excluded); TCVN3 and VNI text is full of them
_ODD = lazyre.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)


def _valid_share(text: str) -> tuple[int, int]:
    """(valid Vietnamese syllables, words) among the words of ``text`` that have letters."""
    from doclint.vn.syllable import is_valid

    words = [w for w in re.findall(r"[^\s\d.,;:!?()\"'“”/\-]+", text) if any(ch.isalpha() for ch in w)]
    return sum(1 for w in words if is_valid(w)), len(words)


def detect(text: str) -> tuple[str, str] | None:
    """Guess whether ``text`` is TCVN3 or VNI read as Latin-1: (encoding, converted) or None.

    The text is legacy when converting it turns clearly more of its words into valid Vietnamese
    syllables than it had before, and the gain is not a handful of words.
    """
    first = _ODD.search(text)  # most paragraphs have none: no list of them is built
    if first is None or _ODD.search(text, first.end()) is None:
        return None  # fewer than two
    before, total = _valid_share(text)
    if total < 3:
        return None
    best = None
    for enc in ("tcvn3", "vni"):
        conv = convert(text, enc)
        if conv == text:
            continue
        after, total_after = _valid_share(conv)
        gain = after - before
        good = gain >= max(2, 0.2 * total) and after >= 0.6 * max(total_after, 1)
        if good and (best is None or after > best[0]):
            best = (after, enc, conv)
    if best is None:
        return None
    return best[1], best[2]


ENCODING_NAMES = {
    "tcvn3": ("TCVN3 (ABC, phông .VnTime)", "TCVN3 (ABC, .VnTime fonts)"),
    "vni": ("VNI (phông VNI-Times)", "VNI (VNI-Times fonts)"),
}
