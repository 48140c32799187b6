"""The Vietnamese syllable: onset, glide, nucleus, coda and tone, and the spelling rules that bind them.

A written syllable (chữ) is parsed into its onset (âm đầu), rhyme (vần: glide, nucleus, coda) and tone
(thanh). :func:`parse` returns ``None`` for anything that is not a well-formed Vietnamese syllable:

- the rhyme must be one of the rhymes of the language (``RHYMES``/``GLIDE_RHYMES``);
- c/k/q, g/gh and ng/ngh follow the spelling rules (k, gh, ngh before i, y, e, ê; c, g, ng elsewhere;
  q only as "qu");
- a syllable ending in a stop (-p, -t, -c, -ch) takes only sắc or nặng;
- at most one tone mark, on the vowel that carries it in either the old (hoà, thuỷ) or the new (hòa,
  thủy) placement.

Everything works on NFC text; :func:`split_tone` decomposes a letter into its base (with ă â ê ô ơ ư đ
kept) and its tone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# tone numbers: 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng
TONE_MARKS = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
MARK_OF_TONE = {v: k for k, v in TONE_MARKS.items()}
TONE_NAMES_VI = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")

VOWELS = set("aăâeêioôơuưy")
BASE_LETTERS = set("abcdđeghiklmnopqrstuvxyăâêôơư") | set("fjwz")

ONSETS = (
    "ngh", "ng", "nh", "ch", "tr", "th", "ph", "kh", "gh", "gi", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Rhymes without a glide, written with no tone (vần không có âm đệm).
RHYMES = _words(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu
    y yêm yên yêng yêt yêu
    o oc oi om on ong op ot ooc oong
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu
    ươc ươi ươm ươn ương ươp ươt ươu
    """
)
# Rhymes with the glide /w/ (âm đệm), written o before a ă e, u elsewhere.
GLIDE_RHYMES = _words(
    """
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oen oeo oet
    uâ uân uâng uât uây
    uê uêch uên uênh
    uy uych uyn uynh uyp uyt uyu uya uyên uyêt
    uơ
    """
)
# after q the glide is always written u: qua, quăng, quân, quê, quy, quyết, quơ, quốc
QU_RHYMES = _words(
    """
    a ac ach ai an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    ân âng ât ây
    e en eo et
    ê êch ên ênh êt êu
    y ych ynh yt yu yên yêt i it
    ơ ơi ơn ôc
    """
)
FRONT = ("i", "y", "e", "ê")  # vowels that take k, gh, ngh
STOPS = ("p", "t", "c", "ch")


def split_tone(ch: str) -> tuple[str, int]:
    """``"ộ"`` → ``("ô", 5)``; letters without a tone give tone 0. Keeps case."""
    if ch.isascii():
        return ch, 0
    parts = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for p in parts:
        if p in TONE_MARKS:
            tone = TONE_MARKS[p]
        else:
            kept.append(p)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def with_tone(base: str, tone: int) -> str:
    """``("ô", 5)`` → ``"ộ"``."""
    if tone == 0:
        return base
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + MARK_OF_TONE[tone])


@dataclass(frozen=True, slots=True)
class Syllable:
    """A Vietnamese syllable split into onset, rhyme and tone, with where the tone mark sits."""

    text: str  # as parsed (lower case, NFC)
    onset: str
    rhyme: str  # written rhyme without tone, glide included (oa, uyên...)
    tone: int
    tone_pos: int | None  # index in text of the letter that carries the tone mark
    new_pos: int | None  # where the new style puts the tone (hòa)
    old_pos: int | None  # where the old style puts it (hoà)

    @property
    def base(self) -> str:
        return self.onset + self.rhyme

    @property
    def coda(self) -> str:
        for c in ("ng", "nh", "ch", "c", "m", "n", "p", "t"):
            if self.rhyme.endswith(c):
                return c
        return ""

    @property
    def placement(self) -> str | None:
        """'old' or 'new' when the tone sits where only that style puts it; None when both agree."""
        if self.tone == 0 or self.new_pos == self.old_pos:
            return None
        return "new" if self.tone_pos == self.new_pos else "old"

    def render(self, style: str = "new") -> str:
        """The syllable written with the tone placed in ``style``."""
        return render(self.base, self.tone, self.onset, style)


def _split_onset(base: str) -> tuple[str, str] | None:
    for onset in ONSETS:
        if base.startswith(onset):
            rest = base[len(onset) :]
            if onset == "qu" and not rest:
                return None
            return onset, rest
    if base and base[0] in VOWELS:
        return "", base
    return None


def _rhyme_ok(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme in QU_RHYMES
    if onset == "gi":  # gì, gìn (i is the vowel), giếng (iê written ê), gia, giữ, giường
        return ("i" + rhyme) in RHYMES or (bool(rhyme) and rhyme[0] in VOWELS and rhyme in RHYMES)
    if not rhyme:
        return False
    glided = rhyme in GLIDE_RHYMES
    if not glided and rhyme not in RHYMES:
        return False
    first = rhyme[0]
    front = first in FRONT
    if onset in ("k", "gh", "ngh"):
        return front and not glided
    if onset in ("c", "g", "ng"):
        if front:
            return False
        if onset == "c" and glided:
            return False
    if onset == "" and rhyme.startswith("iê"):
        return False  # written yê without an onset: yên, yêu
    # yê after an onset is written iê (tiên), except after a glide (uyên)
    return not (onset and rhyme.startswith("y") and rhyme != "y")


def _tone_positions(onset: str, rhyme: str) -> tuple[int, int]:
    """Index (in onset+rhyme) of the tone-bearing letter in the new and the old style."""
    start = len(onset)
    if onset == "gi" and (not rhyme or rhyme[0] not in VOWELS):
        return 1, 1  # the i of gì, gìn
    # the vowel cluster and where it starts
    i = 0
    while i < len(rhyme) and rhyme[i] not in VOWELS:
        i += 1
    j = i
    while j < len(rhyme) and rhyme[j] in VOWELS:
        j += 1
    cluster, coda = rhyme[i:j], rhyme[j:]
    base = start + i
    marked = [k for k, c in enumerate(cluster) if c in "ăâêôơư"]
    if marked:
        pos = marked[-1]
        return base + pos, base + pos
    if len(cluster) == 1:
        return base, base
    if len(cluster) == 3:
        return base + 1, base + 1
    if coda:
        return base + 1, base + 1
    if cluster in ("oa", "oe", "uy") and onset != "qu":
        return base + 1, base  # hòa / hoà
    return base, base


def render(base: str, tone: int, onset: str | None = None, style: str = "new") -> str:
    if onset is None:
        split = _split_onset(base)
        if split is None:
            return base
        onset = split[0]
    new, old = _tone_positions(onset, base[len(onset) :])
    pos = new if style == "new" else old
    if tone == 0 or pos >= len(base) or base[pos] not in VOWELS:
        return base
    return base[:pos] + with_tone(base[pos], tone) + base[pos + 1 :]


@lru_cache(maxsize=65536)
def parse(word: str) -> Syllable | None:
    """Parse one lower- or mixed-case NFC syllable; ``None`` if it is not a valid Vietnamese syllable."""
    text = word.lower()
    letters = []
    tone = 0
    tone_pos = None
    for k, ch in enumerate(text):
        base, t = split_tone(ch)
        if base not in BASE_LETTERS or len(base) != 1:
            return None
        if t:
            if tone:
                return None  # two tone marks
            tone, tone_pos = t, k
        letters.append(base)
    base = "".join(letters)
    split = _split_onset(base)
    if split is None:
        return None
    onset, rhyme = split
    if any(c in "fjwz" for c in base):
        return None
    if not _rhyme_ok(onset, rhyme):
        return None
    new_pos, old_pos = _tone_positions(onset, rhyme)
    if tone and tone_pos not in (new_pos, old_pos):
        return None
    if tone == 0:
        tone_pos = None
    if rhyme.endswith(STOPS) and tone not in (2, 5):
        return None
    return Syllable(text, onset, rhyme, tone, tone_pos, new_pos, old_pos)


def is_valid(word: str) -> bool:
    return parse(word) is not None


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[str, int] | None:
    """(base, tone) for a word made of Vietnamese letters, valid or not; None for other characters."""
    letters, tone = [], 0
    for ch in word.lower():
        b, t = split_tone(ch)
        if b not in BASE_LETTERS or len(b) != 1:
            return None
        if t:
            tone = tone or t
        letters.append(b)
    return "".join(letters), tone


def placed(word: str) -> str | None:
    """A word whose tone is misplaced (tóan, hoăc) rewritten with the tone where it belongs."""
    a = analyse(word)
    if a is None:
        return None
    base, tone = a
    cand = render(base, tone)
    if parse(cand) is None:
        return None
    return match_case(cand, word)


def normalise_tone(word: str, style: str = "new") -> str:
    """Rewrite ``word`` (a syllable, any case) with its tone in ``style``; other text unchanged."""
    syl = parse(word)
    if syl is None or syl.placement is None:
        return word
    return match_case(syl.render(style), word)


def normalise_text(text: str, style: str = "new") -> str:
    """Tone placement of every syllable of ``text`` made uniform (``style`` = "new" | "old")."""
    out, word = [], []
    for ch in text + " ":
        if ch.isalpha():
            word.append(ch)
        else:
            if word:
                out.append(normalise_tone("".join(word), style))
                word = []
            out.append(ch)
    return "".join(out)[:-1]


def match_case(new: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


class _Unmarked(dict):
    """``str.translate`` table of :func:`strip_marks`, filled as characters come: a combining mark is
    dropped, đ/Đ become d/D, anything else stays."""

    def __missing__(self, code: int) -> int | str | None:
        ch = chr(code)
        value = None if unicodedata.combining(ch) else {"đ": "d", "Đ": "D"}.get(ch, code)
        if len(self) < 4096:  # the characters of Vietnamese text; any other text is still right
            self[code] = value
        return value


_UNMARKED = _Unmarked()


def strip_marks(word: str) -> str:
    """Remove every diacritic (tone and quality): "Đường" → "Duong"."""
    return unicodedata.normalize("NFD", word).translate(_UNMARKED)
