"""The Vietnamese lexicon behind the word-level TXT rules, loaded lazily (only when a TXT rule runs).

Data (``rules/vn/``, see ``rules/vn/README.md`` for sources and licences):
- ``words.txt.gz``: ~75,000 words and phrases (the Viet11K/22K/39K/74K lists shipped by underthesea,
  Apache-2.0), keyed by :func:`key_of` (lower case, tone marks in one placement);
- ``bigrams.tsv.gz``: syllable and syllable-pair counts from the training half of the issued texts;
- ``confusions.tsv``: a curated list of known wrong phrases and their corrections;
- ``terms.txt``: valid words and technical terms the general list lacks (both sides of a confusion
  such as tủ điện / tụ điện are real terms, so neither is "corrected");
- ``loanwords.txt``: loanwords written as one word that are not Vietnamese syllables (amoni, supe);
  the hyphenated loanwords of the word list are accepted written together too (pa-nô → panô, pano).
"""

from __future__ import annotations

import contextlib
import gzip
import math
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from doclint import lazyre
from doclint.vn.syllable import normalise_tone

_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None

_WORD_RE = lazyre.compile(r"[^\W\d_]+")


def data_dir() -> Path:
    from doclint.rulepack import builtin_rules_dir

    return builtin_rules_dir() / "vn"


@lru_cache(maxsize=200_000)
def syl_key(syllable: str) -> str:
    return normalise_tone(unicodedata.normalize("NFC", syllable).lower(), "new")


def key_of(phrase: str) -> str:
    """'Hoà  bình' → 'hoà bình'; hyphens count as spaces (a-xít → a xít)."""
    return " ".join(syl_key(w) for w in _WORD_RE.findall(phrase))


def syllables_of(text: str) -> list[list[str]]:
    """Runs of letter-words separated only by spaces (punctuation and digits break a run)."""
    runs: list[list[str]] = []
    current: list[str] = []
    last_end = 0
    for m in _WORD_RE.finditer(text):
        gap = text[last_end : m.start()]
        if current and gap.strip():
            runs.append(current)
            current = []
        current.append(m.group())
        last_end = m.end()
    if current:
        runs.append(current)
    return runs


@dataclass(repr=False)
class Lexicon:
    """The tables are dicts when parsed from the sources; read from the cache folder they start as
    :class:`~doclint.vn.lexicon_cache.LazyTable` mappings (lookups only) until built whole."""

    words: dict[str, str] = field(default_factory=dict)  # key -> flags (c common, n name, h hyphenated)
    syllables: Counter[str] = field(default_factory=Counter)  # syllable -> number of entries using it
    bigrams: dict[str, int] = field(default_factory=dict)  # "a b" -> count in the training texts
    unigrams: dict[str, int] = field(default_factory=dict)
    confusions: list[tuple[str, str]] = field(default_factory=list)  # (wrong key, right text)
    loanwords: set[str] = field(default_factory=set)  # one-word spellings of loanwords (keys, and unmarked)

    def is_loanword(self, token: str) -> bool:
        """``panô``, ``pano``, ``axít``, ``ôxy``: a loanword written as one word, not a misspelling."""
        from doclint.vn.syllable import strip_marks

        key = syl_key(token)
        return key in self.loanwords or strip_marks(key) in self.loanwords

    def has(self, key: str) -> bool:
        flags = self.words.get(key)
        return flags is not None

    def is_word(self, key: str) -> bool:
        """A common-noun entry (not only a proper name)."""
        flags = self.words.get(key)
        return flags is not None and "n" not in flags

    def is_common(self, key: str) -> bool:
        flags = self.words.get(key)
        return flags is not None and "c" in flags

    def known_syllable(self, syl: str) -> bool:
        return syl in self.syllables or syl in self.unigrams

    def freq(self, syl: str) -> float:
        return 2.0 * math.log1p(self.unigrams.get(syl, 0)) + math.log1p(self.syllables.get(syl, 0))

    def pair_count(self, a: str, b: str) -> int:
        return self.bigrams.get(f"{a} {b}", 0)

    def build_whole(self) -> None:
        """Build every table whole now (a fork server, before its workers share it)."""
        for name in ("words", "syllables", "bigrams", "unigrams"):
            whole = getattr(getattr(self, name), "whole", None)
            if whole is not None:
                whole()


def load(directory: Path | None = None) -> Lexicon:
    directory = directory or data_dir()
    cached = _from_cache(directory)
    if cached is not None:
        return cached
    lex = _load_source(directory)
    _to_cache(directory, lex)
    return lex


def _from_cache(directory: Path) -> Lexicon | None:
    """The lexicon kept in the cache folder (:mod:`doclint.vn.lexicon_cache`), its tables read lazily."""
    from doclint.vn import lexicon_cache as store

    key = store.cache_key(directory)
    found = store.read(store.cache_file(key), key) if key is not None else None
    if found is None:
        return None
    lex = Lexicon(confusions=found["confusions"], loanwords=found["loanwords"])
    for name in store.TABLES:
        table = found[name]
        table.attach(lex, name)
        setattr(lex, name, table)
    return lex


def _to_cache(directory: Path, lex: Lexicon) -> None:
    from doclint.vn import lexicon_cache as store

    key = store.cache_key(directory)
    if key is None:
        return
    with contextlib.suppress(OSError, ValueError):  # no cache then: the sources are parsed next time
        store.write(store.cache_file(key), key, lex)


def _load_source(directory: Path) -> Lexicon:
    lex = Lexicon()
    with gzip.open(directory / "words.txt.gz", "rt", encoding="utf-8") as fh:
        rows = [line.split("\t") for line in fh.read().splitlines()]
    lex.words = {key: flags for key, flags in rows}
    lex.syllables = Counter(" ".join(key for key, flags in rows if "n" not in flags).split(" "))
    bigrams = directory / "bigrams.tsv.gz"
    if bigrams.exists():
        with gzip.open(bigrams, "rt", encoding="utf-8") as fh:
            for line in fh.read().splitlines():
                if line.startswith("#"):
                    continue
                key, _, count = line.partition("\t")
                if " " in key:
                    lex.bigrams[key] = int(count)
                else:
                    lex.unigrams[key] = int(count)
    confusions = directory / "confusions.tsv"
    if confusions.exists():
        for line in confusions.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            wrong, _, right = line.partition("\t")
            lex.confusions.append((key_of(wrong), right.strip()))
    for term in read_list(directory / "terms.txt"):
        key = key_of(term)
        if key not in lex.words:
            lex.words[key] = "ct"  # common, from the curated term list
    lex.loanwords = loanword_forms(lex.words, read_list(directory / "loanwords.txt"))
    return lex


def read_list(path: Path) -> list[str]:
    """The entries of a one-per-line data file (``#`` comments and blank lines skipped)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def loanword_forms(words: dict[str, str], extra: list[str]) -> set[str]:
    """One-word spellings of loanwords: the hyphenated entries of the word list written together
    (``pa nô`` → ``panô``), with and without their marks (``pano``), and the curated ``extra``."""
    from doclint.vn.syllable import strip_marks

    forms: set[str] = set()
    for key, flags in words.items():
        if "h" in flags and " " in key and key.count(" ") <= 3:
            joined = key.replace(" ", "")
            forms.add(joined)
            forms.add(strip_marks(joined))
    for word in extra:
        key = syl_key(word)
        forms.add(key)
        forms.add(strip_marks(key))
    return forms


def get() -> Lexicon:
    """The lexicon, loaded on first use (thread-safe)."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = load()
    return _LEXICON
