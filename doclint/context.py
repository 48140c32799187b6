"""The context a check reads: the document, what recognition found, the config and the rule pack,
plus analyses computed once on demand (``ctx.analysis("citations")``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from doclint.analysis import provider
from doclint.config import Config
from doclint.model import Block, Document
from doclint.recognise.components import Recognition
from doclint.rulepack import RulePack


@dataclass
class Context:
    doc: Document
    rec: Recognition
    config: Config
    pack: RulePack
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def stage(self) -> str:
        return self.config.stage

    def analysis(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = provider(name)(self)
        return self._cache[name]

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
