"""Helpers shared by the checks: the one way to build a finding, and the document-types table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from doclint.findings import Finding, Location
from doclint.recognise.components import Component

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.fix.model import Fix

_UNSET: Any = object()


def finding(
    code: str,
    vi: str,
    en: str,
    where: Component | Location | None = None,
    name: str | None = None,
    *,
    start: int | None = None,
    end: int | None = None,
    excerpt: str | None = _UNSET,
    suggestion: str | None = None,
    severity: str | None = None,
    basis: str = "",
    fix: Fix | None = None,
) -> Finding:
    """A finding of rule ``code`` with its message in both languages.

    ``where`` is a recognised component (the finding points at it, named ``name``, and quotes its text
    unless ``excerpt`` is given; ``start``/``end`` then narrow it, relative to the component), an
    explicit :class:`Location`, or None for the document as a whole (``name`` names the missing part).
    ``fix`` is the correction when it is certain, built with :mod:`doclint.fix.build`.
    """
    if isinstance(where, Component):
        location = where.location(name)
        if start is not None:
            location.start = where.start + start
            location.end = where.start + (end if end is not None else start + 1)
        quoted = where.text
    elif isinstance(where, Location):
        location, quoted = where, None
    else:
        location, quoted = Location(component=name), None
    return Finding(
        code=code,
        vi=vi,
        en=en,
        location=location,
        excerpt=quoted if excerpt is _UNSET else excerpt,
        suggestion=suggestion,
        severity=severity,  # type: ignore[arg-type]
        basis=basis,
        fix=fix,
    )


def type_table(ctx: Context) -> dict[str, dict]:
    """Code -> entry of the document types table (29 types, copies, normative types), built once."""
    return ctx.cached("doc_types_by_code", _type_table)


def _type_table(ctx: Context) -> dict[str, dict]:
    table = ctx.table("doc_types")
    out: dict[str, dict] = {}
    for group in ("type", "copy", "normative"):
        for entry in table.get(group, []):
            out[entry["code"]] = entry
    return out
