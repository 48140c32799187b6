"""Which fixes a run of ``doclint fix`` applies, and in which pass.

A fix is eligible when its rule's TOML says the rule fixes (``fix = "safe"|"unsafe"``), its applicability
is allowed (``safe`` always, ``unsafe`` with ``--unsafe``; a rule whose TOML says ``unsafe`` never applies
without it), and its rule is ``stable`` (``preview`` rules with ``--preview``). Rule selection
(``--select``/``--ignore``) has already decided which rules ran.

Eligible fixes are taken in document order; one that touches what an earlier one changes (overlapping
text, or the same property set to another value) waits for the next pass, when the document is checked
again — as ruff does, a run repeats until nothing is left to apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from doclint.fix.model import (
    Fix,
    NormaliseEdit,
    PageNumberEdit,
    ParagraphEdit,
    RunFormatEdit,
    SectionEdit,
    TextEdit,
)


@dataclass(frozen=True, slots=True)
class Policy:
    unsafe: bool = False  # also apply fixes marked unsafe (--unsafe)
    preview: bool = False  # also apply the fixes of preview rules (--preview)


def eligible(finding: Any, pack: Any, policy: Policy) -> Fix | None:
    fix = finding.fix
    if fix is None or not fix.edits:
        return None
    meta = pack.rules.get(finding.code) if pack is not None else None
    if meta is not None:
        if meta.fix == "none":
            return None
        if (meta.fix == "unsafe" or fix.applicability == "unsafe") and not policy.unsafe:
            return None
        if meta.maturity != "stable" and not policy.preview:
            return None
    elif fix.applicability == "unsafe" and not policy.unsafe:
        return None
    return fix


def signature(fix: Fix) -> tuple:
    """Two findings that carry the same fix (a summary and its first place) apply it once."""
    return tuple(sorted(repr(e) for e in fix.edits))


class Claims:
    """What the fixes chosen so far change, to find the next fix that would contradict them."""

    def __init__(self) -> None:
        self.text: dict[int, list[TextEdit | NormaliseEdit]] = {}
        self.props: dict[tuple, Any] = {}  # (target, property) -> value
        self.run_props: dict[int, list[tuple[int, int, str, Any]]] = {}

    def _conflicts(self, fix: Fix) -> bool:
        for edit in fix.edits:
            if isinstance(edit, TextEdit | NormaliseEdit):
                if any(edit.overlaps(other) for other in self.text.get(edit.block, ())):
                    return True
            elif isinstance(edit, RunFormatEdit):
                wanted = edit.props.items()
                for start, end, name, value in self.run_props.get(edit.block, ()):
                    if start < edit.end and edit.start < end and wanted.get(name, value) != value:
                        return True
            else:
                for key, value in _prop_keys(edit):
                    if key in self.props and self.props[key] != value:
                        return True
        return False

    def take(self, fix: Fix) -> bool:
        if self._conflicts(fix):
            return False
        for edit in fix.edits:
            if isinstance(edit, TextEdit | NormaliseEdit):
                self.text.setdefault(edit.block, []).append(edit)
            elif isinstance(edit, RunFormatEdit):
                for name, value in edit.props.items().items():
                    self.run_props.setdefault(edit.block, []).append((edit.start, edit.end, name, value))
            else:
                for key, value in _prop_keys(edit):
                    self.props[key] = value
        return True


def _prop_keys(edit: Any) -> list[tuple[tuple, Any]]:
    if isinstance(edit, ParagraphEdit):
        return [(("p", edit.block, k), v) for k, v in edit.props.items().items()]
    if isinstance(edit, SectionEdit):
        return [(("s", edit.section, k), v) for k, v in edit.props.items().items()]
    if isinstance(edit, PageNumberEdit):
        return [(("n", edit.section), edit)]
    return []


def choose(findings: list[Any], pack: Any, policy: Policy, done: set[tuple] | None = None
           ) -> tuple[list[tuple[Any, Fix]], int]:  # fmt: skip
    """(finding, fix) pairs to apply in this pass, and how many eligible fixes wait for the next one.

    ``done``: signatures of fixes already applied or refused in earlier passes (never tried twice)."""
    claims = Claims()
    chosen: list[tuple[Any, Fix]] = []
    seen: set[tuple] = set(done or ())
    waiting = 0
    for finding in findings:
        fix = eligible(finding, pack, policy)
        if fix is None:
            continue
        sig = signature(fix)
        if sig in seen:
            continue
        if claims.take(fix):
            seen.add(sig)
            chosen.append((finding, fix))
        else:
            waiting += 1
    return chosen, waiting
