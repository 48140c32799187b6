"""``--statistics``: how many times each rule fired, like ``ruff --statistics``.

::

     12  TXT010  [cảnh báo]  (3 tệp)  Lỗi chính tả thường gặp
      3  NUM004  [gợi ý]     (3 tệp)  Chưa điền số văn bản

Count, code, severity (in the report language), in how many files, title. Sorted by count (most frequent first),
then code. The severity shown is the one the findings had
(a rule whose findings were given several severities shows the worst). Unreadable files count
under their DOC code.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from doclint.findings import SEVERITY_RANK
from doclint.report import common


def counts(results: list[Any]) -> list[tuple[str, int, str, str]]:
    """(code, count, severity, name) for each rule that fired."""
    return [(code, n, sev, name) for code, n, sev, name, _files in _counts(results)]


def _counts(results: list[Any]) -> list[tuple[str, int, str, str, int]]:
    number: Counter[str] = Counter()
    files: dict[str, set[str]] = {}
    worst: dict[str, str] = {}
    names: dict[str, str] = {}
    for result in results:
        if result.error is not None:
            number[result.error.code] += 1
            files.setdefault(result.error.code, set()).add(result.path)
            worst[result.error.code] = "error"
            names.setdefault(result.error.code, "unreadable-file")
        for f in result.findings:
            sev = common.severity_of(f)
            number[f.code] += 1
            files.setdefault(f.code, set()).add(result.path)
            if SEVERITY_RANK[sev] > SEVERITY_RANK.get(worst.get(f.code, "info"), 0) or f.code not in worst:
                worst[f.code] = sev
            if f.name:
                names.setdefault(f.code, f.name)
    return [(code, n, worst[code], names.get(code, ""), len(files[code])) for code, n in
            sorted(number.items(), key=lambda kv: (-kv[1], kv[0]))]  # fmt: skip


def statistics(results: list[Any], lang: str = "vi", config: Any = None) -> str:
    """The table as text (no colour); an empty string when nothing fired."""
    rows = _counts(results)
    if not rows:
        return ""
    titles: dict[str, str] = {}
    try:
        from doclint.rulepack import load_pack

        for code, meta in load_pack(tuple(getattr(config, "packs", ()) or ())).rules.items():
            titles[code] = meta.title_en if lang == "en" else meta.title_vi
    except Exception:
        titles = {}
    unit = "files" if lang == "en" else "tệp"
    words = {s: common.label(s, lang).lower() for s in common.SEVERITIES}
    width_n = max(len(str(r[1])) for r in rows)
    width_code = max(len(r[0]) for r in rows)
    width_sev = max(len(words[r[2]]) for r in rows) + 2
    width_files = max(len(f"({r[4]} {unit})") for r in rows)
    lines = []
    for code, n, sev, _name, nfiles in rows:
        where = f"({nfiles} {unit})"
        line = f"{n:>{width_n}}  {code:<{width_code}}  {'[' + words[sev] + ']':<{width_sev}}  {where:<{width_files}}"
        title = titles.get(code)
        if title:
            line += f"  {title}"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"
