"""Small helpers shared by the checks: building a finding on a recognised component."""

from __future__ import annotations

from doclint.findings import Finding, Location
from doclint.recognise.components import Component


def at(
    code: str,
    vi: str,
    en: str,
    component: Component | None = None,
    name: str | None = None,
    suggestion: str | None = None,
    excerpt: str | None = None,
    severity: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Finding:
    """A finding on ``component`` (or on the document as a whole when it is None)."""
    if component is None:
        location = Location(component=name)
    else:
        location = component.location(name)
        if start is not None:
            location.start = component.start + start
            location.end = component.start + (end if end is not None else start + 1)
    return Finding(
        code=code,
        vi=vi,
        en=en,
        location=location,
        excerpt=excerpt if excerpt is not None else (component.text if component else None),
        suggestion=suggestion,
        severity=severity,  # type: ignore[arg-type]
    )


def type_table(ctx) -> dict[str, dict]:
    """Code -> entry of the document types table (29 types, copies, normative types)."""
    table = ctx.table("doc_types")
    out: dict[str, dict] = {}
    for group in ("type", "copy", "normative"):
        for entry in table.get(group, []):
            out[entry["code"]] = entry
    return out
