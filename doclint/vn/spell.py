"""Spelling: nearest valid syllables for a non-word (TXT006) and real-word errors (TXT007).

Both work on syllable keys (:func:`doclint.vn.lexicon.syl_key`: lower case, new tone placement).
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from doclint.vn import lexicon as lexmod
from doclint.vn.syllable import STOPS, parse, render, split_tone

ALPHABET = "abcdđeghiklmnopqrstuvxyăâêôơư"
QUALITY = [set("aăâ"), set("eê"), set("oôơ"), set("uư"), set("iy")]
ONSET_SWAPS = [
    ("s", "x"), ("ch", "tr"), ("d", "gi"), ("d", "r"), ("gi", "r"), ("l", "n"), ("d", "đ"), ("v", "d"),
    ("c", "k"), ("g", "gh"), ("ng", "ngh"), ("c", "q"), ("h", "kh"), ("th", "t"), ("nh", "n"),
]  # fmt: skip
CODA_SWAPS = [("n", "ng"), ("t", "c"), ("n", "nh"), ("c", "ch"), ("t", "ch"), ("m", "n"), ("ng", "nh")]


def _base_tone(key: str) -> tuple[str, int]:
    letters, tone = [], 0
    for ch in key:
        b, t = split_tone(ch)
        letters.append(b)
        tone = tone or t
    return "".join(letters), tone


def _valid(base: str, tone: int) -> str | None:
    text = render(base, tone)
    syl = parse(text)
    return syl.text if syl is not None else None


@lru_cache(maxsize=50_000)
def variants(key: str) -> tuple[str, ...]:
    """Valid syllables one common confusion away from ``key``: another tone, one diacritic added,
    removed or changed (a/ă/â, o/ô/ơ, u/ư, e/ê, d/đ), an onset or coda often confused (s/x, ch/tr,
    d/gi/r, l/n, -n/-ng, -t/-c, -n/-nh)."""
    syl = parse(key)
    if syl is None:
        return ()
    base, tone = syl.base, syl.tone
    out: set[str] = set()
    for t in range(6):
        if t != tone:
            v = _valid(base, t)
            if v:
                out.add(v)
    for i, ch in enumerate(base):
        for group in QUALITY:
            if ch in group:
                for other in group - {ch}:
                    v = _valid(base[:i] + other + base[i + 1 :], tone)
                    if v:
                        out.add(v)
    onset, rhyme = syl.onset, syl.rhyme
    for x, y in ONSET_SWAPS:
        for a, b in ((x, y), (y, x)):
            if onset == a:
                v = _valid(b + rhyme, tone)
                if v:
                    out.add(v)
    coda = syl.coda
    if coda:
        stem = base[: len(base) - len(coda)]
        for x, y in CODA_SWAPS:
            for a, b in ((x, y), (y, x)):
                if coda == a:
                    for t in {tone, 2, 5} if b in STOPS else {tone}:
                        v = _valid(stem + b, t)
                        if v:
                            out.add(v)
    out.discard(key)
    lex = lexmod.get()
    return tuple(sorted(v for v in out if lex.known_syllable(v)))


@lru_cache(maxsize=20_000)
def edits1(key: str) -> tuple[str, ...]:
    """Known valid syllables one letter edit (or tone fix) away from a non-word ``key``."""
    base, tone = _base_tone(key)
    bases: set[str] = set()
    n = len(base)
    for i in range(n + 1):
        for c in ALPHABET:
            bases.add(base[:i] + c + base[i:])
            if i < n:
                bases.add(base[:i] + c + base[i + 1 :])
        if i < n:
            bases.add(base[:i] + base[i + 1 :])
        if i < n - 1:
            bases.add(base[:i] + base[i + 1] + base[i] + base[i + 2 :])
    bases.add(base)
    lex = lexmod.get()
    out: set[str] = set()
    for b in bases:
        if not b:
            continue
        tones = {tone}
        if b.endswith(STOPS) and tone not in (2, 5):
            tones = {2, 5}
        if b == base:
            tones |= set(range(6))
        for t in tones:
            v = _valid(b, t)
            if v and v != key and lex.known_syllable(v):
                out.add(v)
    return tuple(sorted(out))


def suggest(key: str, left: str | None, right: str | None, limit: int = 3) -> list[str]:
    """Nearest valid syllables for the non-word ``key``, best first, using the neighbours as context."""
    from doclint.vn.syllable import placed

    fixed = placed(key)
    if fixed:
        return [fixed]
    lex = lexmod.get()
    scored = []
    for cand in edits1(key):
        score = lex.freq(cand)
        if left and lex.is_word(f"{left} {cand}"):
            score += 8 + (3 if lex.is_common(f"{left} {cand}") else 0)
        if right and lex.is_word(f"{cand} {right}"):
            score += 8 + (3 if lex.is_common(f"{cand} {right}") else 0)
        if left:
            score += 2 * min(lex.pair_count(left, cand), 5)
        if right:
            score += 2 * min(lex.pair_count(cand, right), 5)
        scored.append((-score, cand))
    scored.sort()
    return [c for _, c in scored[:limit]]


def split(key: str) -> list[str]:
    """“dưỡngvà” → ["dưỡng và"]: two words run together, when both halves are known syllables."""
    lex = lexmod.get()
    out = []
    for i in range(1, len(key)):
        a, b = key[:i], key[i:]
        if parse(a) and parse(b) and lex.known_syllable(a) and lex.known_syllable(b):
            out.append((-(lex.freq(a) + lex.freq(b)), f"{a} {b}"))
    out.sort()
    return [x for _, x in out[:1]]


@dataclass(slots=True, eq=False, repr=False)
class RealWordHit:
    """A pair of real words that is a known misspelling of another word."""

    index: int  # first syllable of the pair in the run
    length: int  # syllables covered
    wrong: str
    right: str  # the corrected keys, space separated
    curated: bool = False


def _iy(text: str) -> str:
    return (
        text.replace("y", "i")
        .replace("ỳ", "ì")
        .replace("ý", "í")
        .replace("ỷ", "ỉ")
        .replace("ỹ", "ĩ")
        .replace("ỵ", "ị")
    )


RARE = 3  # a syllable seen at most this often in the training texts is "rare"


def _plausible(lex: lexmod.Lexicon, orig: str, cand: str, seen: int) -> bool:
    """Is replacing ``orig`` by ``cand`` believable? A syllable that is common on its own in
    administrative text (ngay, tại, chuyến) is trusted unless the correction is far more common
    and the corrected pair itself occurs in the training texts."""
    if orig == cand:
        return True
    u_orig = lex.unigrams.get(orig, 0)
    if u_orig <= RARE:
        return True
    return seen >= 2 and lex.unigrams.get(cand, 0) >= 10 * (u_orig + 1)


def _bound(lex: lexmod.Lexicon, a: str | None, b: str | None) -> bool:
    """``a b`` is a word or a frequent pair: the two belong together."""
    if a is None or b is None:
        return False
    return lex.has(f"{a} {b}") or lex.pair_count(a, b) >= 2


_INDEX: dict[int, dict[str, list[tuple[list[str], str, str]]]] = {}


def _confusion_index(ident: int, lex: lexmod.Lexicon) -> dict[str, list[tuple[list[str], str, str]]]:
    if ident not in _INDEX:
        index: dict[str, list[tuple[list[str], str, str]]] = {}
        for wrong, right in lex.confusions:
            parts = wrong.split(" ")
            index.setdefault(parts[0], []).append((parts, wrong, lexmod.key_of(right)))
        _INDEX.clear()
        _INDEX[ident] = index
    return _INDEX[ident]


def one_syllable_confusions() -> frozenset[str]:
    """The curated wrong phrases of a single syllable: the only hits a one-word run can have."""
    lex = lexmod.get()
    index = _confusion_index(id(lex.confusions), lex)
    return frozenset(key for key, entries in index.items() if any(len(parts) == 1 for parts, _, _ in entries))


def real_word_errors(
    keys: list[str], caps: Sequence[bool], pairs: Sequence[int] | None = None
) -> list[RealWordHit]:
    """Adjacent syllable pairs that are not a word while a variant one confusion away is.

    ``keys`` are the syllable keys of one run, ``caps`` whether each was written with a capital
    (a capital inside a sentence marks a name, which we leave alone): read only at the pairs that are
    no word, so it may compute each item on demand. ``pairs``: the pairs of the run that
    :func:`places_to_check` found, in order, when the caller has them (their verdicts are read again).
    """
    lex = lexmod.get()
    hits: list[RealWordHit] = []
    n = len(keys)
    # curated phrases first
    taken: set[int] = set()
    index = _confusion_index(id(lex.confusions), lex)
    if not index.keys().isdisjoint(keys):
        for i, key in enumerate(keys):
            for parts, wrong, right in index.get(key, ()):
                m = len(parts)
                if keys[i : i + m] == parts and not (set(range(i, i + m)) & taken):
                    hits.append(RealWordHit(i, m, wrong, right, curated=True))
                    taken.update(range(i, i + m))
    free = 0  # the first syllable a hit has not covered
    verdicts = _verdicts(lex)
    for i in _odd_pairs(lex, keys, verdicts) if pairs is None else pairs:
        if i < free or (taken and (i in taken or i + 1 in taken)):
            continue
        a, b = keys[i], keys[i + 1]
        pair = f"{a} {b}"
        verdict = verdicts.get(pair)
        if verdict is None:
            verdict = verdicts[pair] = _correctable(lex, a, b)
        if not verdict:
            continue
        hit = _pair_memo(
            keys[i - 1] if i else None,
            a,
            b,
            keys[i + 2] if i + 2 < n else None,
            caps[i] and i > 0,
            caps[i + 1],
        )
        if hit:
            length, wrong, right = hit
            hits.append(RealWordHit(i, length, wrong, right))
            free = i + length
    hits.sort(key=lambda h: h.index)
    return hits


def places_to_check(runs: list[list[str]]) -> tuple[list[tuple[int, int]], set[str]]:
    """Where :func:`real_word_errors` could find something in ``runs`` (the keys of each run of a
    document): the pairs it would look a correction up for, as (run, first word of the pair), in order,
    and the keys that start a curated phrase. A run that holds neither such a pair nor such a key has no
    hit. One pass over the document, not a call per run."""
    lex = lexmod.get()
    words, bigrams, verdicts = lex.words, lex.bigrams, _verdicts(lex)
    pairs = [f"{a} {b}" for keys in runs for a, b in itertools.pairwise(keys)]
    odd = [
        i
        for i, pair in enumerate(pairs)
        if pair not in words and not bigrams.get(pair, 0) > 0 and verdicts.get(pair, True)
    ]
    index = _confusion_index(id(lex.confusions), lex)
    curated = index.keys() & set(itertools.chain.from_iterable(runs))
    if not odd:
        return [], curated
    # the first pair of each run in pairs: its first word's place in the document less the runs before
    # (a run of k words has k - 1 pairs)
    firsts = list(map(operator.sub, itertools.accumulate(map(len, runs), initial=0), itertools.count()))
    out = []
    for i in odd:
        r = bisect.bisect_right(firsts, i) - 1
        keys = runs[r]
        j = i - firsts[r]
        if keys[j] != keys[j + 1]:
            out.append((r, j))
    return out, curated


def _odd_pairs(lex: lexmod.Lexicon, keys: list[str], verdicts: dict[str, bool]) -> list[int]:
    """Where a pair of neighbours is neither one syllable twice, a word, a pair the training texts use
    nor a pair :func:`_correctable` ruled out: the only places a correction is looked for (most pairs
    of a run are excluded here, so the pairs are joined and looked up in one pass)."""
    words, bigrams = lex.words, lex.bigrams
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(keys)]
    return [
        i
        for i, pair in enumerate(pairs)
        if pair not in words
        and not bigrams.get(pair, 0) > 0
        and verdicts.get(pair, True)
        and keys[i] != keys[i + 1]
    ]


MAX_VERDICTS = 200_000  # pairs remembered, per process
_VERDICTS: list = [None, {}]  # [the lexicon they were worked out with, pair -> _correctable]


def _verdicts(lex: lexmod.Lexicon) -> dict[str, bool]:
    """What :func:`_correctable` said of each pair with this lexicon (documents and runs repeat them:
    four in five pairs that are no word are names, terms or unrelated neighbours no variant fixes)."""
    if _VERDICTS[0] is not lex or len(_VERDICTS[1]) > MAX_VERDICTS:
        _VERDICTS[0], _VERDICTS[1] = lex, {}
    return _VERDICTS[1]


def _correctable(lex: lexmod.Lexicon, a: str, b: str) -> bool:
    """Whether :func:`_pair` could correct ``a b`` in some context: both are syllables, and a variant of
    the pair is a word that is no name, or ``a`` is rare enough for :func:`_context`. A necessary
    condition only (what :func:`_pair` returns without looking at the neighbours or capitals)."""
    if parse(a) is None or parse(b) is None:
        return False
    if lex.unigrams.get(a, 0) <= 1:
        return True  # _context may still find the usual word in this place
    words = lex.words
    for a2 in (a, *variants(a)):
        for b2 in (b, *variants(b)):
            if a2 == a and b2 == b:
                continue
            flags = words.get(f"{a2} {b2}")
            if flags is not None and "n" not in flags:
                return True
    return False


def _strong(lex: lexmod.Lexicon, pairs: tuple[tuple[str, str], ...], seen: int) -> bool:
    """The training texts side clearly with the change: the corrected pair occurs there and every
    changed syllable is far more usual than the one written."""
    if seen < 2:
        return False
    uni = lex.unigrams
    return all(uni.get(new, 0) >= 5 * (uni.get(old, 0) + 1) for old, new in pairs if old != new)


def _tight(lex: lexmod.Lexicon, a: str, b: str, seen: int) -> bool:
    """``a b`` is a set phrase in the training texts: its syllables seldom occur apart (thường xuyên,
    not của thông)."""
    if not seen:
        return False
    uni = lex.unigrams
    return seen >= 0.25 * min(uni.get(a, 0), uni.get(b, 0))


NAME_TERM_MIN = 20  # how often a pair must occur in the training texts to correct it inside a name


def _name_typo(lex: lexmod.Lexicon, a: str, a2: str, b: str, b2: str, seen: int) -> bool:
    """“Sở Giáo dục và Đào tào”: inside a name, a syllable written in lower case that the training texts never
    use, one mark away from a pair they use all the time (đào tạo), is a typo; a person's name is written
    in capitals (Đinh Công, not đình công) and its syllables (Hoà, Thảo) are used there."""
    if seen < NAME_TERM_MIN or (a2 != a and b2 != b):
        return False
    written = a if a2 != a else b
    return lex.unigrams.get(written, 0) == 0


def _odd_name(lex: lexmod.Lexicon, syl: str) -> bool:
    """A capitalised syllable that hardly exists (Mội): a typo, not a name."""
    return lex.syllables.get(syl, 0) <= 2 and lex.unigrams.get(syl, 0) == 0


@lru_cache(maxsize=100_000)
def _pair_memo(
    left: str | None, a: str, b: str, right: str | None, cap_a: bool, cap_b: bool
) -> tuple[int, str, str] | None:
    """:func:`_pair` on a window of up to four syllables, remembered (documents repeat their phrases)."""
    keys = [k for k in (left, a, b, right) if k is not None]
    caps = [False] * len(keys)
    i = 1 if left is not None else 0
    caps[i], caps[i + 1] = cap_a, cap_b
    hit = _pair(lexmod.get(), keys, caps, i)
    return (hit.length, hit.wrong, hit.right) if hit else None


def _pair(lex: lexmod.Lexicon, keys: list[str], caps: list[bool], i: int) -> RealWordHit | None:
    a, b = keys[i], keys[i + 1]
    if a == b or lex.has(f"{a} {b}") or lex.pair_count(a, b) > 0:
        return None
    if parse(a) is None or parse(b) is None:
        return None
    left = keys[i - 1] if i > 0 else None
    right = keys[i + 2] if i + 2 < len(keys) else None
    if (left and lex.has(f"{left} {a} {b}")) or (right and lex.has(f"{a} {b} {right}")):
        return None
    names = caps[i + 1] or (caps[i] and i > 0)
    # a changed syllable must not already belong to a word on its other side; an unchanged one
    # must not either (else the pair is just two words side by side)
    a_fixed = bool(left) and lex.has(f"{left} {a}")
    b_fixed = bool(right) and lex.has(f"{b} {right}")
    a_bound = _bound(lex, left, a)
    b_bound = _bound(lex, b, right)
    words = lex.words
    a_alone = "c" in words.get(a, "n")
    b_alone = "c" in words.get(b, "n")
    best = None
    a_opts = (a,) if a_bound else (a, *variants(a))
    b_opts = (b,) if b_bound else (b, *variants(b))
    for a2 in a_opts:
        if a2 == a and a_fixed:
            continue
        for b2 in b_opts:
            if b2 == b and (a2 == a or b_fixed):
                continue
            key = f"{a2} {b2}"
            flags = words.get(key)
            if flags is None or "n" in flags:
                continue
            if _iy(key) == _iy(f"{a} {b}"):
                continue  # liệt sỹ / liệt sĩ: a spelling variant, not an error
            seen = lex.pair_count(a2, b2)
            common = "c" in flags
            # a changed syllable must not belong to a word on its other side, nor an unchanged one
            if (a2 != a and a_bound) or (b2 != b and b_bound):
                continue
            if (a2 == a and a_fixed) or (b2 == b and b_fixed):
                continue
            # only the second syllable, written in lower case, is corrected inside a name (a capital at the
            # start of a run is not known: “Đinh Công” is a name, not “đình công”)
            typo_in_name = a2 == a and not caps[i + 1] and _name_typo(lex, a, a2, b, b2, seen)
            if names and not _odd_name(lex, a if a2 != a else b) and not typo_in_name:
                continue  # capitals inside a sentence: a name, unless the written syllable is odd
            if a2 != a and b2 != b:
                if not seen:
                    continue  # both syllables changed: only towards a pair the training texts use
                if a_alone and b_alone:
                    continue  # two common words side by side (neo đậu | tránh trú), not two typos
                if not _outer_support(lex, left, a2, b2, right):
                    continue  # nothing around the corrected pair backs it (khâu nối | dùng trong)
            if _context_score(lex, left, a, b, right) > _context_score(lex, left, a2, b2, right):
                continue  # the words around fit what is written better than the correction
            if not (a2 == a or b2 == b) or not _strong(lex, ((a, a2), (b, b2)), seen):
                if not (seen or common):
                    continue
                if not _plausible(lex, a, a2, seen) or not _plausible(lex, b, b2, seen):
                    continue
            if ((a2 != a and a_alone) or (b2 != b and b_alone)) and not _tight(lex, a2, b2, seen):
                continue  # a common word on its own (viết, thôn) is changed only into a set phrase
            cost = (a2 != a) + (b2 != b)
            score = (-cost, min(seen, 20), common, lex.freq(a2) + lex.freq(b2))
            if best is None or score > best[0]:
                best = (score, key)
    if best is None:
        return _context(lex, keys, i)
    return RealWordHit(i, 2, f"{a} {b}", best[1])


def _fits(lex: lexmod.Lexicon, a: str | None, b: str | None) -> bool:
    """``a b`` is a word or a pair the training texts use."""
    return a is not None and b is not None and (lex.has(f"{a} {b}") or lex.pair_count(a, b) > 0)


def _context_score(lex: lexmod.Lexicon, left: str | None, a: str, b: str, right: str | None) -> int:
    """How many of the two outer neighbours join the pair ``a b`` into a word or a known pair."""
    return int(_fits(lex, left, a)) + int(_fits(lex, b, right))


def _outer_support(lex: lexmod.Lexicon, left: str | None, a: str, b: str, right: str | None) -> bool:
    """A corrected pair with both syllables changed is believed only when a neighbour backs it."""
    return _context_score(lex, left, a, b, right) > 0 or (left is None and right is None)


CONTEXT_MIN = 3  # how often the corrected pair must occur in the training texts


def _context(lex: lexmod.Lexicon, keys: list[str], i: int) -> RealWordHit | None:
    """A one-syllable word that the training texts never use in this place while a variant is the usual
    one there (Ban cua Đảng → của, trển địa bàn → trên): both neighbours must agree."""
    a, b = keys[i], keys[i + 1]
    uni = lex.unigrams
    if uni.get(a, 0) > 1:
        return None
    left = keys[i - 1] if i > 0 else None
    if left is None:
        return None  # one neighbour is not enough evidence (Việt – Hàn, a name at the start of a cell)
    if lex.pair_count(left, a):
        return None
    right = keys[i + 2] if i + 2 < len(keys) else None
    b_bound = right is not None and lex.has(f"{b} {right}")
    best = None
    for a2 in variants(a):
        if _iy(a2) == _iy(a) or uni.get(a2, 0) < 20:
            continue
        right_n = lex.pair_count(a2, b)
        if right_n < CONTEXT_MIN:
            continue
        if not (lex.pair_count(left, a2) or lex.has(f"{left} {a2}")):
            continue
        if b_bound and lex.has(f"{a2} {b}") and lex.is_common(a):
            continue  # the correction would take a syllable from a word (cô | sở hữu → cơ sở)
        if best is None or right_n > best[0]:
            best = (right_n, a2)
    if best is None:
        return None
    return RealWordHit(i, 1, a, best[1])
