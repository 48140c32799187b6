"""Suppression in the document: a reviewer's Word comment "doclint: bỏ qua CODE" on the words.

A reviewer who has looked at a finding and decided to keep the text selects the words in Word, adds a
comment whose text starts with ``doclint: bỏ qua TXT007`` (or ``doclint: ignore TXT007``; several
codes separated by commas or spaces; a family prefix such as ``TXT`` covers the family; anything after
the codes is the reason, e.g. ``doclint: bỏ qua CAP001 — tên riêng của dự án``). From then on that
finding is not reported on those words: the reports list it apart, under "đã bỏ qua", with the
reviewer's name and reason, so an accepted finding is visible but does not fail the document.

Which findings a comment covers:

* a finding on words (block + offsets) whose span overlaps the commented range;
* a finding on a whole paragraph whose paragraph the range touches;
* a finding on the whole document (margins, a missing component) when the comment is anywhere in it.

The codes must match (exact code or prefix); comments by doclint itself (``annotate``) never suppress.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

DIRECTIVE = re.compile(r"\s*doclint\s*[:：]\s*(?:bỏ\s+qua|bo\s+qua|ignore|noqa)\b", re.IGNORECASE)
CODE = re.compile(r"[A-Za-z]{2,5}[0-9]{0,4}")
SEPARATORS = " \t\n,;:"


def directive(text: str) -> tuple[list[str], str] | None:
    """``(codes, reason)`` when a comment's text is a suppression, else None. The codes follow the
    keyword, separated by spaces, commas or semicolons; the rest is the reason."""
    text = unicodedata.normalize("NFC", text or "")
    match = DIRECTIVE.match(text)
    if not match:
        return None
    codes: list[str] = []
    pos = match.end()
    while True:
        start = pos
        while pos < len(text) and text[pos] in SEPARATORS:
            pos += 1
        code = CODE.match(text, pos)
        if (
            code is None
            or (code.end() < len(text) and text[code.end()] not in SEPARATORS)
            # a family without a number must be in capitals ("TXT"): "do tên riêng" is a reason
            or not (code.group(0)[-1].isdigit() or code.group(0).isupper())
        ):
            pos = start
            break
        codes.append(code.group(0).upper())
        pos = code.end()
    if not codes:
        return None
    reason = text[pos:].strip(" \t\n—–-:;,.")
    return codes, reason


def _covers(comment: Any, loc: Any) -> bool:
    if loc.block is None:
        return True
    if comment.start_block is None:
        return False
    first = (comment.start_block, comment.start)
    last = (comment.end_block if comment.end_block is not None else comment.start_block, comment.end)
    if last <= first:  # a comment on a point: the paragraph it sits in
        return comment.start_block == loc.block
    if loc.start is None or loc.end is None:
        return first[0] <= loc.block <= last[0]
    return (loc.block, loc.start) < last and (loc.block, max(loc.end, loc.start + 1)) > first


def split(findings: list[Any], doc: Any) -> tuple[list[Any], list[Any]]:
    """``(kept, suppressed)``; each suppressed finding gets ``suppressed_by`` (author, reason)."""
    comments = getattr(doc, "comments", None) or []
    rules = []
    for comment in comments:
        if comment.author.strip().lower() == "doclint":
            continue
        parsed = directive(comment.text)
        if parsed is not None:
            rules.append((comment, parsed[0], parsed[1]))
    if not rules:
        return findings, []
    kept: list[Any] = []
    suppressed: list[Any] = []
    for finding in findings:
        for comment, codes, reason in rules:
            if any(
                finding.code == c or (not c[-1].isdigit() and finding.code.startswith(c)) for c in codes
            ) and (_covers(comment, finding.location)):
                finding.suppressed_by = {"author": comment.author, "reason": reason}
                suppressed.append(finding)
                break
        else:
            kept.append(finding)
    return kept, suppressed
