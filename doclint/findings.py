"""A finding: what is wrong, where, why (legal basis) and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from doclint.fix.model import Fix

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(slots=True)
class Location:
    """Where a finding points. ``block`` indexes ``Document.blocks``; start/end index that block's text."""

    block: int | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    component: str | None = None
    # a second place, for findings that relate two passages (duplicates, conflicting citations)
    related_block: int | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class Finding:
    """What a check yields. Messages are given in both languages; the engine fills the rest."""

    code: str
    vi: str
    en: str
    location: Location = field(default_factory=Location)
    excerpt: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None  # None: the rule's configured severity
    # filled in by the engine from the rule metadata
    name: str = ""
    basis: str = ""
    family: str = ""
    # filled in by the engine from the document, for people (see doclint.places)
    place: dict | None = None  # where a person finds it: page, heading, n-th paragraph, table cell, part
    anchor: str | None = None  # the words the finding covers (block text[start:end])
    context: dict | None = None  # {"text", "start", "end"}: the paragraph around them, span offsets in it
    suppressed_by: dict | None = None  # {"author", "text"}: the reviewer's comment that accepted it
    fix: Fix | None = None  # the correction, when it is certain (doclint.fix.model; ``doclint fix``)

    def __post_init__(self) -> None:
        if isinstance(self.fix, dict):  # from the result cache (dataclasses.asdict)
            from doclint.fix.model import Fix

            self.fix = Fix.from_dict(self.fix)

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi

    def as_dict(self, lang: str = "vi") -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message(lang),
            "basis": self.basis,
            "location": self.location.as_dict(),
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
            # additive in schema v1
            "place": self.place,
            "anchor": self.anchor,
            "context": self.context,
            # additive in schema 1.1
            "fix": self.fix.as_dict(lang) if self.fix is not None else None,
        }
