"""Output formats.

Two ways in:

* the function API, for a program (the web page of ``doclint serve``, a script): one function per
  format, ``render_<format>(results, options) -> str | bytes``, or :func:`render` by name::

      from doclint.report import ReportOptions, render
      html = render("html", results, ReportOptions(lang="vi"))      # str
      data = render("xlsx", results, ReportOptions())                # bytes

  ``results`` are :class:`doclint.engine.FileResult` (keep the documents — ``keep_document=True`` —
  for the HTML to show the text). Nothing is written anywhere; :func:`write_output` writes atomically.
* the plug-in entry point ``doclint/report/<name>.py: render(results, config, lang, output)`` used by
  ``doclint check --format NAME`` (any module dropped here becomes a format).

``--output x.html`` without ``--format`` picks the format from the suffix (:func:`format_for_output`).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

BUILTIN = ("text", "json")
FULL_TEXT_MAX = 60  # an HTML report on more documents leaves each one's whole text out

# suffix of --output -> format, when --format is not given
SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".sarif": "sarif", ".csv": "csv",
                  ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text"}  # fmt: skip
BINARY_FORMATS = {"xlsx"}
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "sarif": "application/sarif+json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text": "text/plain; charset=utf-8",
    "concise": "text/plain; charset=utf-8",
}


@dataclass(eq=False, repr=False)
class ReportOptions:
    """What every renderer may read; each uses the fields that concern it."""

    lang: str = "vi"
    config: Any = None  # the Config (its rule packs give the rule titles); None: built-in pack
    quiet: bool = False  # text/concise: errors only
    color: bool = False  # text: ANSI colours
    width: int | None = None  # text: wrap at this many columns (None: no wrapping)
    show_basis: bool = False  # text: the legal basis under each finding
    csv_sep: str = ","  # csv: the field separator ("," or ";" for Excel with Vietnamese settings)
    now: datetime | None = None  # html/xlsx: the time printed as "generated at" (tests pin it)
    baseline_hidden: int = 0  # findings hidden by --baseline (said in the summaries)
    html_full_text: bool | None = None  # html: the whole text of each document (None: up to 60 documents)


def available_formats() -> list[str]:
    names = {info.name for info in pkgutil.iter_modules(__path__)}
    internal = {"statistics", "templates", "common"}
    return sorted(n for n in names if n not in internal and not n.startswith("_"))


def renderer(name: str) -> Any:
    if name not in available_formats():
        raise ValueError(name)
    return importlib.import_module(f"{__name__}.{name}").render


def render(name: str, results: list[Any], options: ReportOptions | None = None) -> str | bytes:
    """The report in format ``name`` (text, concise, json, jsonl, html, sarif, csv, xlsx)."""
    if name not in available_formats():
        raise ValueError(name)
    module = importlib.import_module(f"{__name__}.{name}")
    return getattr(module, f"render_{name}")(results, options or ReportOptions())


def format_for_output(output: Path | None) -> str | None:
    """The format an ``--output`` file name asks for (``report.html`` -> ``html``), else None."""
    if output is None:
        return None
    return SUFFIX_FORMATS.get(output.suffix.lower())


def write_output(data: str | bytes, output: Path) -> None:
    """Atomic: a temp file beside the target, then a rename; an existing file is never half-written."""
    import os
    import tempfile

    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        # mkstemp creates 0600; a report is shared like any other file the user writes
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
