"""JSON Lines: one JSON object per document, the same shape as an entry of the JSON report's ``files``.

With ``--output X`` the batch streams: each line is written and flushed as its document finishes, so
an interrupted or crashed run leaves every finished document in X (in completion order). When the run
completes, X is rewritten atomically with the lines in path order (this ``render``).
"""

from __future__ import annotations

import json
from pathlib import Path

from doclint.config import Config
from doclint.engine import FileResult
from doclint.report.json import file_entry


def line(result: FileResult, lang: str) -> str:
    return json.dumps(file_entry(result, lang), ensure_ascii=False, separators=(",", ":")) + "\n"


def render_jsonl(results: list[FileResult], options) -> str:
    return "".join(line(r, options.lang) for r in results)


def render(results: list[FileResult], config: Config, lang: str, output: Path | None) -> str:
    return "".join(line(r, lang) for r in results)
