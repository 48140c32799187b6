"""The words of each paragraph, tokenised once per document and shared by the rules (issue 17).

A word is a run of letters (``[^\\W\\d_]+``: digits, ``_`` and punctuation split words), with its
offsets in the block's text, its syllable key (lower case, NFC, tone marks in one placement:
:func:`doclint.vn.lexicon.syl_key`) and its *run*: words of one run are separated by single spaces
only; punctuation, a line break, a tab or two spaces (aligned columns) start a new run.

``ctx.tokens.of(block)`` tokenises a block the first time a rule asks for it and hands every later
caller the same :class:`Words`: treat it as read-only. A block's words are parallel lists (the
texts, the keys, the offsets), not an object per word: the rules compare keys in C over a whole
paragraph and build :class:`Tok` objects only for the few places they look at closely.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from doclint import lazyre
from doclint.analysis import analysis

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.model import Block

WORDS = lazyre.compile(r"([^\W\d_]+)")  # a word, as a group: split() keeps the words


@dataclass(slots=True, repr=False)
class Tok:
    """A word of a block: its offsets, its text and its lookup key."""

    block: int
    start: int
    end: int
    text: str
    key: str
    run: int  # tokens of one run are separated by spaces only


class Words:
    """The words of one block as parallel lists: ``texts[i]`` as written, ``keys[i]`` its syllable key,
    ``starts[i]``/``ends[i]`` its offsets in :attr:`text`. Run ``r`` is the words
    ``bounds[r]:bounds[r + 1]``."""

    __slots__ = ("_ends", "_parts", "_starts", "block", "bounds", "keys", "text", "texts")

    def __init__(self, block: int, text: str, parts: list[str], keys: list[str], bounds: list[int]) -> None:
        self.block = block
        self.text = text
        self._parts = parts  # WORDS.split(text): gap, word, gap, ..., word, gap
        self.texts: list[str] = parts[1::2]
        self.keys = keys
        self.bounds = bounds
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def _offsets(self) -> None:
        # the running total of the parts' lengths gives every offset (in C), worked out only for the
        # blocks whose words a rule places
        offsets = list(itertools.accumulate(map(len, self._parts)))
        self._starts, self._ends = offsets[0:-1:2], offsets[1::2]

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._offsets()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._offsets()
        return self._ends  # type: ignore[return-value]

    def runs(self) -> itertools.pairwise[int]:
        """Each run's first word and end, in order."""
        return itertools.pairwise(self.bounds)

    def run_of(self, i: int) -> int:
        """The run of word ``i``."""
        return bisect.bisect_right(self.bounds, i) - 1

    def tok(self, i: int) -> Tok:
        """Word ``i`` as a :class:`Tok` (a new one)."""
        return Tok(self.block, self.starts[i], self.ends[i], self.texts[i], self.keys[i], self.run_of(i))

    def run(self, a: int, b: int) -> Run:
        """Words ``a:b`` as a sequence of :class:`Tok`, each built when first read."""
        return Run(self, a, b)

    def toks(self, a: int = 0, b: int | None = None) -> list[Tok]:
        """Words ``a:b`` as :class:`Tok` objects (new ones: for the places a rule looks at closely)."""
        b = len(self.texts) if b is None else b
        starts, ends, bounds = self.starts, self.ends, self.bounds
        run = bisect.bisect_right(bounds, a) - 1
        out = []
        for i in range(a, b):
            while bounds[run + 1] <= i:
                run += 1
            out.append(Tok(self.block, starts[i], ends[i], self.texts[i], self.keys[i], run))
        return out


class Run(Sequence[Tok]):
    """Words ``a:b`` of a block as :class:`Tok` objects, each built the first time it is read (and then
    the same object): a rule that looks at a few words of a run pays for those only."""

    __slots__ = ("_a", "_toks", "_words")

    def __init__(self, words: Words, a: int, b: int) -> None:
        self._words = words
        self._a = a
        self._toks: list[Tok | None] = [None] * (b - a)

    def __len__(self) -> int:
        return len(self._toks)

    @overload
    def __getitem__(self, i: int) -> Tok: ...

    @overload
    def __getitem__(self, i: slice) -> list[Tok]: ...

    def __getitem__(self, i: int | slice) -> Tok | list[Tok]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._toks)))]
        t = self._toks[i]  # IndexError past the end, as a list
        if t is None:
            t = self._toks[i] = self._words.tok(self._a + (i if i >= 0 else len(self._toks) + i))
        return t


_SYL_KEY: list = [None]  # doclint.vn.lexicon.syl_key, imported at the first paragraph


def tokenise(block: Block) -> Words:
    """The words of ``block`` (a fresh tokenisation: :meth:`Tokens.of` is the shared one)."""
    syl_key = _SYL_KEY[0]
    if syl_key is None:
        from doclint.vn.lexicon import syl_key

        _SYL_KEY[0] = syl_key
    text = block.text
    parts = WORDS.split(text)
    words = parts[1::2]
    n = len(words)
    if not n:
        return Words(block.index, text, parts, [], [0, 0])
    gaps = parts[2:-1:2]  # the gaps between two words
    if gaps.count(" ") == len(gaps):
        bounds = [0, n]  # one run (most paragraphs): every gap a single space, counted in C
    else:
        bounds = [0]
        # the gaps that are not one space, picked in C; the word after such a gap starts a new run
        # unless only spaces (no line break) separate the two
        for i in itertools.compress(itertools.count(1), map(" ".__ne__, gaps)):
            gap = gaps[i - 1]
            if gap.strip() or "\n" in gap or "\t" in gap or "  " in gap:
                bounds.append(i)  # punctuation, a line break, a tab or aligned columns
        bounds.append(n)
    return Words(block.index, text, parts, list(map(syl_key, words)), bounds)


class Tokens:
    """Each block's words, tokenised on first request and kept for the document."""

    __slots__ = ("_by_block",)

    def __init__(self) -> None:
        self._by_block: dict[tuple[int, str], Words] = {}

    def of(self, block: Block) -> Words:
        """The words of ``block`` (shared: do not modify them)."""
        key = (block.index, block.text)  # the text too: a check never sees a stale list
        found = self._by_block.get(key)
        if found is None:
            found = self._by_block[key] = tokenise(block)
        return found


@analysis("tokens")
def tokens_analysis(ctx: Context) -> Tokens:
    return Tokens()
