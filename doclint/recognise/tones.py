"""Old ("hoà", "thuý") and new ("hòa", "thúy") tone placement. Both occur in NĐ 30 itself, so
fixed phrases are compared after bringing them to one style."""

from __future__ import annotations

import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
# open syllables ending in oa, oe, uy (not after q): old style marks the last vowel, new the first
_OLD = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])")
_NEW = re.compile(r"(?<![qQ])([oOuU])([\u0300\u0301\u0309\u0303\u0323])([aAeEyY])(?![^\W\d_])")


def to_new_style(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD.sub(r"\1\3\2", nfd))


def to_old_style(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW.sub(r"\1\3\2", nfd))
