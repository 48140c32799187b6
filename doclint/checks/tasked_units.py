"""RCPT007: a unit given a task in the body is not among the recipients (NĐ 30, Phụ lục I, II.9.a).

Precision first: only units named as the owner of a task are considered — a heading of the section
that assigns tasks ("2. Phòng Văn hóa - Xã hội") or a sentence "Giao <unit> chủ trì…", "<unit> chủ trì…".
A recipient covers a unit when it names it (abbreviations expanded), names its group ("Các phòng chuyên
môn" covers "Phòng Tài chính"), or is "Như Điều N" for the article that names it. The issuing body's own
office (Văn phòng) keeps the file copy ("Lưu: VT"), so it is covered too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from doclint.checks import check
from doclint.findings import Finding, Location
from doclint.recognise.lines import fold

TASK_SECTION = re.compile(r"tổ chức thực hiện|phân công|trách nhiệm|nhiệm vụ cụ thể", re.IGNORECASE)


@cache
def _unit_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
    word = r"[^\s,;:.()]+"
    joint = r"(?:\s+|,\s+(?=[A-ZĐ]))"  # "Sở Văn hóa, Thể thao và Du lịch"
    return re.compile(rf"(?<![\w])(?P<unit>(?:{alternatives})\s+{word}(?:{joint}{word}){{0,11}})")


def _trim(unit: str, stop_words: list[str]) -> str:
    words = unit.split()
    out: list[str] = []
    for i, word in enumerate(words):
        if i >= 1 and (word.lower() in stop_words or " ".join(words[i : i + 2]).lower() in stop_words):
            break
        out.append(word)
    return " ".join(out).rstrip(" -–")


def _norm(text: str, expand: dict[str, str]) -> str:
    folded = fold(text)
    for short, full in expand.items():
        folded = re.sub(rf"(?<![\w&]){re.escape(short)}(?![\w&])", full, folded)
    return re.sub(r"\s*[-–]\s*", " - ", folded)


def tasked_units(ctx) -> list[tuple[str, int, int, int]]:
    """(unit, block, start, end) of each unit that owns a task."""
    table = ctx.table("recipients")
    heads = tuple(table.get("unit_heads", []))
    stop_words = [w.lower() for w in table.get("stop_words", [])]
    if not heads:
        return []
    pattern = _unit_pattern(heads)
    found: list[tuple[str, int, int, int]] = []
    in_tasks = False
    for item in ctx.rec.outline:
        block = ctx.doc.blocks[item.block]
        if item.kind in ("roman", "chuong", "phan", "muc"):
            in_tasks = bool(TASK_SECTION.search(item.title))
            continue
        if in_tasks and item.kind in ("arabic", "letter"):
            match = pattern.match(item.title)
            if match:
                unit = _trim(match.group("unit"), stop_words)
                start = block.text.find(unit)
                found.append((unit, item.block, max(start, 0), max(start, 0) + len(unit)))
    for block in ctx.body_blocks():
        for sentence in re.finditer(r"(?:^|(?<=[.;:]\s))(?:Giao\s+)?(?P<rest>[^.;:]{3,160})", block.text):
            rest = sentence.group("rest")
            match = pattern.match(rest)
            if not match:
                continue
            unit = _trim(match.group("unit"), stop_words)
            after = rest[len(unit) :].lstrip(" ,")
            if not re.match(r"(chủ trì|là cơ quan chủ trì|có trách nhiệm chủ trì)", after):
                continue
            start = sentence.start("rest")
            found.append((unit, block.index, start, start + len(unit)))
    return found


@check("RCPT007")
def unit_not_recipient(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.recipients_label is None or not rec.recipients:
        return
    table = ctx.table("recipients")
    expand: dict[str, str] = table.get("expand", {})
    groups: dict[str, list[str]] = table.get("groups", {})
    recipients = [_norm(c.text, expand) for c in rec.recipients]
    recipients += [_norm(c.text, expand) for c in rec.kinh_gui_items]
    nhu_dieu = {int(n) for c in rec.recipients for n in re.findall(r"Như Điều\s+(\d+)", c.text)}
    articles = _article_blocks(ctx, nhu_dieu)
    # "Như Điều 4" stands for the units that Điều 4 names ("Thủ trưởng các sở, ban, ngành…")
    recipients += [_norm(ctx.doc.blocks[b].text, expand) for b in sorted(articles)]
    issuer = _norm(rec.issuer.text, expand) if rec.issuer else ""
    reported: set[str] = set()
    for unit, block, start, end in tasked_units(ctx):
        key = _norm(unit, expand)
        if key in reported or key.startswith("cac "):
            continue
        if _covered(key, unit, recipients, groups, expand):
            continue
        if key.startswith("van phong") and (not issuer or _shares_body(key, issuer)):
            continue  # the issuing body's own office keeps the file copy ("Lưu: VT")
        reported.add(key)
        yield Finding(
            code="RCPT007",
            vi=f"“{unit}” được giao nhiệm vụ nhưng không có trong Nơi nhận.",
            en=f"“{unit}” is given a task but is not among the recipients.",
            location=Location(block=block, start=start, end=end, component="recipients"),
            excerpt=ctx.doc.blocks[block].text[:160],
            suggestion=f"- {unit};",
        )


def _shares_body(office: str, issuer: str) -> bool:
    words = [w for w in re.findall(r"\w+", issuer) if w not in ("uy", "ban", "nhan", "dan")]
    return any(w in office for w in words[-2:]) or "uy ban nhan dan" in office


def _covered(key: str, unit: str, recipients: list[str], groups: dict[str, list[str]], expand) -> bool:
    for recipient in recipients:
        if key in recipient or (len(recipient) > 6 and recipient.strip("- ;.") in key):
            return True
        for group, heads in groups.items():
            if group in recipient and any(unit.startswith(h) for h in heads):
                return True
    return False


def _article_blocks(ctx, numbers: set[int]) -> set[int]:
    """Blocks inside the articles a "Như Điều N" recipient refers to."""
    if not numbers:
        return set()
    out: set[int] = set()
    dieu_starts = [(o.block, int(o.label)) for o in ctx.rec.outline if o.kind == "dieu" and o.label.isdigit()]
    body_end = ctx.rec.body_end or 0
    for i, (block, number) in enumerate(dieu_starts):
        end = dieu_starts[i + 1][0] if i + 1 < len(dieu_starts) else body_end + 1
        if number in numbers:
            out.update(range(block, end))
    return out
