"""Findings before and after the fixes were accepted, matched: which were cleared, which are new.

Used by ``benchmarks/fix_corpus.py`` and the tests. Offsets move when text changes, so a finding is
matched by (code, paragraph) — fixes never add or remove a paragraph of the body — or, for page and
layout findings and findings without a paragraph, by its message without numbers ("Lề trái # mm",
"# đoạn dùng phông Arial").

A check that reports the first few places one by one and sums up the rest ("Còn 5 chỗ khác …") moves a
place from the summary into the list when an earlier one is fixed, and a finding that counts paragraphs
("3 đoạn thụt đầu dòng bằng phím Tab") is fixed in part when only some of them are certain: for such a
rule what is compared is the number of places, not the findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SUMMARY = re.compile(r"(?:Còn )?(\d+) (?:chỗ khác|đoạn )")


def key(finding: Any) -> tuple:
    if finding.code.startswith("FMT") or finding.location.block is None:
        message = finding.vi.split("(")[0].strip().rstrip(".")
        return finding.code, re.sub(r"[\d.,]+", "#", message)[:60]
    return finding.code, finding.location.block


def places(findings: Iterable[Any]) -> Counter[str]:
    """Per rule, the places its findings name (a summary counts its places)."""
    out: Counter[str] = Counter()
    for f in findings:
        m = SUMMARY.match(f.vi)
        out[f.code] += int(m.group(1)) if m else 1
    return out


@dataclass
class Comparison:
    cleared: list[Any] = field(default_factory=list)  # findings before that are gone after
    new: list[str] = field(default_factory=list)  # what is reported after and was not before
    still: list[tuple] = field(default_factory=list)  # a fix was applied, the finding is still there
    places_left: dict[str, str] = field(default_factory=dict)  # summed-up rules fixed in part
    revealed: list[str] = field(default_factory=list)  # reported once the text became readable (TXT002)


def compare(before: list[Any], after: list[Any], applied: Iterable[Any] = ()) -> Comparison:
    """``applied``: the findings whose fix was applied.

    A document typed in TCVN3/VNI cannot be read before TXT002's fix converts it: the rules that need its
    words (the header, the title, the signature) see it for the first time in the fixed copy. What they
    report then is listed as *revealed*, not as new."""
    out = Comparison()
    applied = list(applied)
    legacy = any(f.code == "TXT002" for f in applied)
    before_keys = Counter(map(key, before))
    after_keys = Counter(map(key, after))
    gone = before_keys - after_keys
    for f in before:
        k = key(f)
        if gone[k] > 0:
            gone[k] -= 1
            out.cleared.append(f)
    summed = {f.code for f in (*before, *after) if SUMMARY.match(f.vi)}
    applied_keys = {key(f) for f in applied}
    out.still = sorted(  # none of the findings with that key was cleared
        k for k in applied_keys if k[0] not in summed and 0 < before_keys[k] <= after_keys[k]
    )
    extra = after_keys - before_keys
    for f in after:
        k = key(f)
        if f.code not in summed and extra[k] > 0:
            extra[k] -= 1
            out.new.append(f"{f.code} (đoạn {f.location.block}): {(f.anchor or f.excerpt or f.vi)[:90]}")
    out.new.sort()
    if legacy:
        out.revealed, out.new = out.new, []
    places_before, places_after = places(before), places(after)
    for code in sorted(summed):
        if places_after[code] > places_before[code]:
            out.new.append(f"{code}: {places_before[code]} → {places_after[code]} places")
        if any(f.code == code for f in applied) and places_after[code]:
            out.places_left[code] = f"{places_before[code]} → {places_after[code]}"
    return out
