"""Baseline: record the findings an archive has today, then report only new ones.

``doclint baseline PATH... -o doclint-baseline.json`` writes every current finding;
``doclint check PATH... --baseline doclint-baseline.json`` hides the findings found in it.

A finding is matched by **path, code and the words it is anchored on** — not by paragraph number or
message — so that editing another part of the document (adding a paragraph above, fixing another
finding) does not bring back the accepted ones:

* path: relative to the baseline file's folder (move the folder with its baseline and it still
  matches; two documents with the same name in different folders do not mix);
* anchor: the exact words of the finding (``Finding.anchor``), white space collapsed; for a finding
  on a whole paragraph, that paragraph's text; for a finding on the whole document (margins, a
  missing part), the component it concerns.

Counts matter: a baseline with two "Các Các" findings in a file hides two; a third one is new.
Unreadable files are never baselined (an unreadable file is always worth saying).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from doclint import __version__

FORMAT = 1


class BaselineError(Exception):
    """The baseline file cannot be read (missing, not JSON, not a doclint baseline)."""


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def anchor_of(finding: Any) -> str:
    if getattr(finding, "anchor", None):
        return _norm(finding.anchor)[:300]
    context = getattr(finding, "context", None)
    if context and context.get("text") and context.get("start") is None:
        return "¶ " + _norm(context["text"])[:300]
    if finding.excerpt:
        return "¶ " + _norm(finding.excerpt)[:300]
    return "§ " + (finding.location.component or "")


def relative(path: str, root: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return p.resolve().as_posix() if p.is_absolute() else p.as_posix()


def keys(results: list[Any], root: Path) -> Counter[tuple[str, str, str]]:
    counts: Counter[tuple[str, str, str]] = Counter()
    for result in results:
        if result.error is not None:
            continue
        rel = relative(result.path, root)
        for f in result.findings:
            counts[(rel, f.code, anchor_of(f))] += 1
    return counts


def build(results: list[Any], output: Path) -> dict:
    root = output.resolve().parent
    messages: dict[tuple[str, str, str], str] = {}
    for result in results:
        rel = relative(result.path, root)
        for f in result.findings:
            messages.setdefault((rel, f.code, anchor_of(f)), f.vi)
    entries = [
        {
            "path": path,
            "code": code,
            "anchor": anchor,
            "count": n,
            "message": messages.get((path, code, anchor), ""),
        }
        for (path, code, anchor), n in sorted(keys(results, root).items())
    ]
    return {
        "doclint_baseline": FORMAT,
        "tool": {"name": "doclint", "version": __version__},
        "findings": entries,
    }


def render(results: list[Any], output: Path) -> str:
    return json.dumps(build(results, output), ensure_ascii=False, indent=1) + "\n"


def load(path: Path) -> tuple[Counter[tuple[str, str, str]], Path]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"không tìm thấy tệp baseline {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"không đọc được tệp baseline {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("doclint_baseline") != FORMAT:
        raise BaselineError(
            f"{path} không phải tệp baseline của doclint (tạo bằng: doclint baseline PATH -o {path})"
        )
    counts: Counter[tuple[str, str, str]] = Counter()
    for item in data.get("findings", []):
        try:
            counts[(item["path"], item["code"], item["anchor"])] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError) as exc:
            raise BaselineError(f"{path}: mục baseline không hợp lệ: {item!r}") from exc
    return counts, path.resolve().parent


def apply(results: list[Any], baseline: Path) -> int:
    """Remove from ``results`` (in place) the findings the baseline holds; returns how many."""
    remaining, root = load(baseline)
    hidden = 0
    for result in results:
        if result.error is not None or not result.findings:
            continue
        rel = relative(result.path, root)
        kept = []
        for f in result.findings:
            key = (rel, f.code, anchor_of(f))
            if remaining[key] > 0:
                remaining[key] -= 1
                hidden += 1
            else:
                kept.append(f)
        result.findings = kept
    return hidden
