"""The words of each paragraph, tokenised once per document and shared by the rules (issue 17).

A word is a run of letters (``[^\\W\\d_]+``: digits, ``_`` and punctuation split words), with its
offsets in the block's text, its syllable key (lower case, NFC, tone marks in one placement:
:func:`doclint.vn.lexicon.syl_key`) and its *run*: words of one run are separated by single spaces
only; punctuation, a line break, a tab or two spaces (aligned columns) start a new run.

``ctx.tokens.of(block)`` tokenises a block the first time a rule asks for it and hands every later
caller the same list (the TXT word rules, TXT005 and whoever reads words): treat it as read-only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


def tokenise(block: Block) -> list[Tok]:
    """The words of ``block`` (a fresh list: :meth:`Tokens.of` is the shared one)."""
    from doclint.vn.lexicon import syl_key

    # split() alternates gaps and words (gap, word, gap, ..., gap): the running total of their lengths
    # gives every offset, and the tokens are built by map, with no match object per word
    parts = WORDS.split(block.text)
    words = parts[1::2]
    if not words:
        return []
    offsets = list(itertools.accumulate(map(len, parts)))
    runs = [0]
    run = 0
    for gap in parts[2:-1:2]:  # the gaps between two words
        # the next word starts a new run unless only spaces (no line break) separate the two
        if gap != " " and (gap.strip() or "\n" in gap or "\t" in gap or "  " in gap):
            run += 1  # punctuation, a line break, a tab or aligned columns
        runs.append(run)
    index = itertools.repeat(block.index)
    return list(map(Tok, index, offsets[0:-1:2], offsets[1::2], words, map(syl_key, words), runs))


class Tokens:
    """Each block's words, tokenised on first request and kept for the document."""

    __slots__ = ("_by_block",)

    def __init__(self) -> None:
        self._by_block: dict[tuple[int, str], list[Tok]] = {}

    def of(self, block: Block) -> list[Tok]:
        """The words of ``block`` (shared: do not modify the list or its tokens)."""
        key = (block.index, block.text)  # the text too: a check never sees a stale list
        found = self._by_block.get(key)
        if found is None:
            found = self._by_block[key] = tokenise(block)
        return found

    def words(self, blocks: list[Block]) -> list[Tok]:
        """The words of ``blocks`` in their order, as one new list."""
        return list(itertools.chain.from_iterable(map(self.of, blocks)))


@analysis("tokens")
def tokens_analysis(ctx: Context) -> Tokens:
    return Tokens()
