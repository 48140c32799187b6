"""JSON report, schema version 1 (see the design document): stable keys, one entry per file.

Minor versions are additive (``schema`` stays 1, ``schema_version`` says ``"1.1"``): 1.1 adds ``fix`` to
every finding (None, or its applicability, title and edits — :meth:`doclint.fix.model.Fix.as_dict`)."""

from __future__ import annotations

import json
from pathlib import Path

from doclint import __version__
from doclint.config import Config
from doclint.results import FileResult

SCHEMA_VERSION = 1
# minor versions add keys, never change or remove one: 1.1 adds each finding's "fix" (doclint.fix)
SCHEMA_MINOR = 1


def file_entry(result: FileResult, lang: str) -> dict:
    return {
        "path": result.path,
        "format": result.format,
        "family": result.family,
        "doc_type": result.doc_type,
        "stage": result.stage,
        "error": {"code": result.error.code, "message": result.error.message(lang)} if result.error else None,
        "findings": [f.as_dict(lang) for f in result.findings],
        # additive in schema v1
        "issuer": getattr(result, "issuer", None),
        "verdict": verdict_of(result),
        "suppressed": [
            {**f.as_dict(lang), "suppressed_by": f.suppressed_by} for f in getattr(result, "suppressed", [])
        ],
    }


def verdict_of(result: FileResult) -> str:
    """``fail`` / ``fix`` / ``pass`` (Không đạt / Cần sửa / Đạt), see doclint.report.common."""
    from doclint.report.common import status

    return status(result)


def summary(results: list[FileResult]) -> dict:
    counts = {"files": len(results), "unreadable": 0, "error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for result in results:
        counts["suppressed"] += len(getattr(result, "suppressed", []))
        if result.error:
            counts["unreadable"] += 1
        for finding in result.findings:
            counts[finding.severity or "info"] += 1
    return counts


def document(results: list[FileResult], lang: str) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "schema_version": f"{SCHEMA_VERSION}.{SCHEMA_MINOR}",
        "tool": {"name": "doclint", "version": __version__},
        "files": [file_entry(r, lang) for r in results],
        "summary": summary(results),
    }


def render_json(results: list[FileResult], options) -> str:
    data = document(results, options.lang)
    if options.baseline_hidden:
        data["summary"]["baseline"] = options.baseline_hidden
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(results: list[FileResult], config: Config, lang: str, output: Path | None) -> str:
    return json.dumps(document(results, lang), ensure_ascii=False, indent=2) + "\n"
