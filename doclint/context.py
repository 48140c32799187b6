"""The context a check reads: the document, what recognition found, the config and the rule pack, plus
analyses and shared helpers computed once per document on demand.

Typed accessors (``ctx.citations``, ``ctx.zones``, ``ctx.sections``, ``ctx.shingles``, ``ctx.tokens``) stand for the
registered analyses; ``ctx.cached(key, build)`` keeps any other per-document work that several checks
share (the TXT word analysis, the ABBR definitions); ``ctx.option(name)`` reads a rule option with the
default and type its rule pack declares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from doclint.analysis import provider
from doclint.config import Config
from doclint.model import Block, Document
from doclint.recognise.components import Recognition
from doclint.rulepack import RulePack

if TYPE_CHECKING:
    from doclint.analysis.citations import Citations
    from doclint.analysis.sections import SectionsResult
    from doclint.analysis.shingles import Shingles
    from doclint.analysis.tokens import Tokens
    from doclint.recognise.lines import Line

T = TypeVar("T")
_MISSING: Any = object()


@dataclass(eq=False, repr=False)
class Context:
    """What a rule reads: the document, its recognition, the config, the pack, shared analyses."""

    doc: Document
    rec: Recognition
    config: Config
    pack: RulePack
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def stage(self) -> str:
        return self.config.stage

    def analysis(self, name: str) -> Any:
        """A registered analysis by name (prefer the typed properties below)."""
        if name not in self._cache:
            self._cache[name] = provider(name)(self)
        return self._cache[name]

    @property
    def citations(self) -> Citations:
        return self.analysis("citations")

    @property
    def zones(self) -> list[str]:
        """The zone of each block: header, title, can_cu, body, recipients, luu, signature, appendix."""
        return self.analysis("zones")

    @property
    def sections(self) -> SectionsResult:
        return self.analysis("sections")

    @property
    def shingles(self) -> Shingles:
        return self.analysis("shingles")

    @property
    def lines(self) -> list[Line]:
        """The document's lines (:func:`doclint.recognise.lines.split_lines`): the engine hands over those
        recognition read, so they are split once. Shared: do not modify."""
        from doclint.recognise.lines import split_lines

        return self.cached("lines", lambda c: split_lines(c.doc))

    @property
    def tokens(self) -> Tokens:
        """Each block's words, tokenised once for every rule (:mod:`doclint.analysis.tokens`)."""
        return self.analysis("tokens")

    def cached(self, key: str, build: Callable[[Context], T]) -> T:
        """``build(ctx)`` computed once per document and shared by the checks that ask for ``key``."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]

    def option(self, name: str) -> Any:
        """A rule option: the configured value, converted to the declared type, else the declared default."""
        # the pack's option table is assembled from every rule: once per document, not once per option read
        spec = self.cached("_options", lambda c: c.pack.options).get(name)
        if spec is None:
            raise KeyError(f"option {name!r} is not declared by any rule of the pack")
        value = self.config.option(name, _MISSING)
        return spec.coerce(spec.default if value is _MISSING else value)

    def table(self, name: str) -> dict[str, Any]:
        return self.pack.table(name)

    def block(self, index: int) -> Block:
        return self.doc.blocks[index]

    def body_blocks(self) -> list[Block]:
        """The content blocks (nội dung), or every flow block when the content was not delimited."""
        blocks = self.doc.blocks
        rng = self.rec.body_range()
        if len(rng):
            return [blocks[i] for i in rng if blocks[i].kind not in ("header", "footer")]
        return self.doc.body_blocks()
