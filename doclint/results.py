"""What checking one file gives: :class:`FileResult` (re-exported by :mod:`doclint.engine`).

A module of its own, light on purpose: the CLI process receives results from its workers and reports
them without importing the engine, the loaders or the checks (issue 17: start-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from doclint.errors import LoadError
from doclint.findings import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    from doclint.model import Document
    from doclint.recognise.components import Recognition


@dataclass
class FileResult:
    """One checked file: what it is, its findings (or the error that stopped it)."""

    path: str
    format: str | None = None
    family: str | None = None
    doc_type: str | None = None
    stage: str = "draft"
    error: LoadError | None = None
    findings: list[Finding] = field(default_factory=list)
    issuer: str | None = None  # the issuing body as one line (folder reports group by it)
    suppressed: list[Finding] = field(default_factory=list)  # accepted by a reviewer's comment
    document: Document | None = field(default=None, repr=False)
    recognition: Recognition | None = field(default=None, repr=False)

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity or "info" for f in self.findings), key=SEVERITY_RANK.__getitem__)
