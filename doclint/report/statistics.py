"""``--statistics``: how many findings each rule produced, like ``ruff --statistics``."""

from __future__ import annotations

import collections


def statistics(results) -> str:
    counts: collections.Counter[str] = collections.Counter()
    names: dict[str, str] = {}
    files: dict[str, set[str]] = collections.defaultdict(set)
    for result in results:
        for finding in result.findings:
            counts[finding.code] += 1
            names[finding.code] = finding.name
            files[finding.code].add(result.path)
    lines = [f"{n:5d}  {code:8s} {names[code]:34s} ({len(files[code])} tệp)" for code, n in counts.most_common()]
    return "\n".join(lines) + ("\n" if lines else "")
