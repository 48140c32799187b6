"""The output side of ``doclint check``: pick the format, render, write, say where it went."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from doclint.report import ReportOptions, available_formats, format_for_output, render, write_output

NAMES = {"html": "HTML", "json": "JSON", "jsonl": "JSON Lines", "sarif": "SARIF", "csv": "CSV", "xlsx": "Excel",
         "text": "văn bản", "concise": "văn bản"}  # fmt: skip


def choose_format(explicit: str | None, output: Path | None) -> str:
    """``--format`` when given, else the ``--output`` suffix (``.html`` -> html), else text."""
    if explicit:
        return explicit
    return format_for_output(output) or "text"


def formats() -> list[str]:
    return available_formats()


def terminal_width() -> int | None:
    """The width to wrap at: the terminal's; ``COLUMNS`` when piped; else no wrapping."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 40 else None


def emit(
    results: list[Any],
    *,
    format: str,
    output: Path | None,
    options: ReportOptions,
    statistics: bool = False,
) -> None:
    to_terminal = output is None and sys.stdout.isatty()
    if format in ("text", "concise") and output is None:
        options.color = to_terminal and not os.environ.get("NO_COLOR")
        options.width = terminal_width()
    if format == "text" and statistics:
        from doclint.report.statistics import statistics as stats
        from doclint.report.text import WORDS, totals_line

        words = WORDS["en" if options.lang == "en" else "vi"]
        data: str | bytes = stats(results, lang=options.lang, config=options.config)
        data += f"{words['total']}: {totals_line(results, options, words)}\n"
    else:
        data = render(format, results, options)
    if format in ("text", "concise") and isinstance(data, str):
        from doclint.safeio import escape_controls

        data = escape_controls(data)  # escape sequences from a document or a file name never reach a terminal
    if output is None:
        if isinstance(data, bytes):
            if format == "xlsx":
                raise SystemExit("doclint: tệp Excel cần --output TÊN.xlsx")
            data = data.decode("utf-8-sig")
        sys.stdout.write(data)
        sys.stdout.flush()
        return
    write_output(data, output)
    say_written(results, format, output, options)


def say_written(results: list[Any], format: str, output: Path, options: ReportOptions) -> None:
    """One line on stderr: what was written where (a link a terminal can open), and the outcome."""
    from collections import Counter

    from doclint.report import common

    en = options.lang == "en"
    statuses = Counter(common.status(r) for r in results)
    counts = ", ".join(
        f"{statuses[s]} {common.label(s, options.lang).lower()}"
        for s in ("fail", "fix", "pass")
        if statuses[s]
    )
    try:
        where = output.resolve().as_uri() if format == "html" else str(output)
    except ValueError:
        where = str(output)
    name = NAMES.get(format, format)
    if en:
        line = f"doclint: {name if format != 'text' else 'text'} report written to {where} ({len(results)} files: {counts})"
    else:
        line = f"doclint: đã ghi báo cáo {name} vào {where} ({len(results)} tệp: {counts})"
    print(line, file=sys.stderr)
    if format == "csv":
        from doclint.report.csv import EXCEL_HINT

        if options.csv_sep == ",":
            print(f"doclint: {EXCEL_HINT['en' if en else 'vi']}", file=sys.stderr)
