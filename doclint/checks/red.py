"""RED: redundant directive content (Kết luận 226-KL/TW; a Party rule and a quality matter, not NĐ 30).

RED001 a passage repeated within the document; RED002 a passage copied from a higher-level document
in the reference library; RED003 a relay plan whose tasks lack owner, deadline or resources;
RED004 formalism phrases; RED005 length signals (long trích yếu, a title or citation repeated).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from doclint.analysis.shingles import Shingles, Unit, tokens
from doclint.checks import check
from doclint.findings import Finding, Location

if TYPE_CHECKING:
    from doclint.context import Context

# RED001 thresholds, measured on the seed plan and the corpus (see tests/test_red.py and the report):
# real repetitions in the seed score containment 0.60-0.90 with 12-20 shared 3-shingles; parallel
# phrasing ("công nhận ban vận động thành lập hiệp hội ...") peaks at 0.55-0.61 with about 11.
DUP_CONTAINMENT = 0.65
DUP_CONTAINMENT_SAME_CITATION = 0.5  # both passages restate a duty under the same cited document
DUP_MIN_SHARED = 10
DUP_MIN_WORDS = 12  # a shorter sentence inside a longer one is a phrase, not a passage
_COMMON_SHINGLE = 25  # a shingle in more units than this is a stock phrase of the document


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def duplicate_pairs(
    sh: Shingles,
    containment: float = DUP_CONTAINMENT,
    min_shared: int = DUP_MIN_SHARED,
) -> list[tuple[Unit, Unit, float]]:
    """Pairs of sentences in different paragraphs that repeat each other, first occurrence first."""
    units = sh.units
    texts = {p.block: p.text for p in sh.paragraphs}
    index: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for h in u.shingles:
            index[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        if len(postings) > _COMMON_SHINGLE:
            continue
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                shared[(postings[x], postings[y])] += 1
    out = []
    for (i, j), n in shared.items():
        a, b = units[i], units[j]
        if a.block == b.block or n < min_shared or min(len(a.words), len(b.words)) < DUP_MIN_WORDS:
            continue
        score = n / min(len(a.shingles), len(b.shingles))
        threshold = containment
        if score < threshold and _cited(a) & _cited(b):
            threshold = min(threshold, DUP_CONTAINMENT_SAME_CITATION)
        if score >= threshold and not parallel_items(a, b, texts.get(a.block, ""), texts.get(b.block, "")):
            out.append((a, b, score))
    out.sort(key=lambda t: (t[0].block, t[1].block))
    return out


_NUMBERISH = re.compile(r"\d")
_CAPITALISED = re.compile(r"(?<![.:!?]\s)(?<!^)\b[A-ZĐÀ-Ỹ][\wÀ-ỹ]*")


def _proper(text: str) -> set[str]:
    """Normalised words written with a capital inside a sentence: names of places, bodies, people."""
    return {w for m in _CAPITALISED.finditer(text) for w in tokens(m.group(0))}


def parallel_items(a: Unit, b: Unit, text_a: str, text_b: str) -> bool:
    """Two items of one template that differ in their slot ("... 01 tập thể ..." / "... 01 cá nhân ...",
    "cao tốc Tân Phú - Bảo Lộc" / "cao tốc Bảo Lộc - Liên Khương", "ngày 10 tháng 4" / "ngày 10 tháng 7")
    are parallel items, not a repetition: each side has words of its own, and those are numbers, names,
    or a short substitution."""
    only_a = set(a.words) - set(b.words)
    only_b = set(b.words) - set(a.words)
    if not only_a or not only_b:
        return False  # one passage contains the other, give or take an insertion
    if any(_NUMBERISH.search(w) for w in only_a | only_b):
        return True
    proper_a = _proper(text_a[a.start : a.end]) & only_a
    proper_b = _proper(text_b[b.start : b.end]) & only_b
    if proper_a or proper_b:
        return True
    return len(only_a) <= 3 and len(only_b) <= 3


def _skip(ctx: Context) -> bool:
    """KL 226 targets the directives of the political system: state administrative and Party documents.
    Normative texts (laws, decrees) repeat procedural formulas by design; forms and templates likewise."""
    return ctx.rec.family not in ("administrative", "party")


def _cited(u: Unit) -> set[str]:
    return {w for w in u.words if w.startswith("§")}


@check("RED001")
def red001_duplicate_passage(ctx: Context) -> Iterator[Finding]:
    if _skip(ctx):
        return
    sh: Shingles = ctx.analysis("shingles")
    threshold = float(ctx.config.option("red001-containment", DUP_CONTAINMENT))
    pairs = duplicate_pairs(sh, threshold)
    # clusters of paragraphs that repeat each other (union-find on blocks)
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        ra, rb = root(a.block), root(b.block)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, set[int]] = defaultdict(set)
    for a, b, _ in pairs:
        members[root(a.block)].update((a.block, b.block))
    # the pair that explains each later paragraph: its earliest twin
    best: dict[int, tuple[Unit, Unit, float]] = {}
    for a, b, score in pairs:
        if b.block not in best or a.block < best[b.block][0].block:
            best[b.block] = (a, b, score)
    for blocks in members.values():
        ordered = sorted(b for b in blocks if b in best)
        times = len(blocks)
        # a passage repeated many times (the same duty for every unit of a table) is one finding
        report = ordered if times <= 3 else ordered[:1]
        for block in report:
            a, b, score = best[block]
            first = ctx.doc.blocks[a.block]
            later = ctx.doc.blocks[b.block]
            more_vi = f" Đoạn này xuất hiện {times} lần trong văn bản." if times > 2 else ""
            more_en = f" The passage occurs {times} times in the document." if times > 2 else ""
            pct = round(score * 100)
            quoted = _excerpt(first.text[a.start : a.end], 90)
            yield Finding(
                code="RED001",
                vi=f"Đoạn văn lặp lại nội dung đã viết ở đoạn trước (trùng {pct}%): “{quoted}”.{more_vi} "
                "Nên gộp hoặc bỏ một trong hai.",
                en=f"This passage repeats an earlier one ({pct}% overlap): “{quoted}”.{more_en} "
                "Merge them or drop one.",
                location=Location(block=block, start=b.start, end=b.end, related_block=a.block),
                excerpt=_excerpt(later.text[b.start : b.end]),
            )


# ---------------------------------------------------------------- RED002

RED002_THRESHOLD = 0.6  # share of a paragraph's shingles found in one reference paragraph
RED002_MIN_SHARED = 8
NEAR_TOTAL = 0.8  # a document whose content is this much in one reference is one finding, not fifty


def cited_keys(ctx: Context) -> list[str]:
    """Number/symbol keys of the documents the checked text cites: the citations analysis when it is
    there, else every number/symbol written in the text."""
    from doclint.refs import cited_numbers, number_key

    keys: list[str] = []
    try:
        cits = ctx.analysis("citations")
        for doc in getattr(cits, "documents", []):
            if getattr(doc, "number_symbol", None):
                keys.append(number_key(doc.number_symbol) or "")
    except (ImportError, KeyError, AttributeError):
        pass
    if not keys:
        for block in ctx.doc.body_blocks():
            keys.extend(number_key(n) or "" for n in cited_numbers(block.text))
    return [k for k in dict.fromkeys(keys) if k]


@check("RED002")
def red002_copied_from_reference(ctx: Context) -> Iterator[Finding]:
    if _skip(ctx):
        return
    from doclint.refs import describe, libraries_for, match_document, text_hash

    libraries = libraries_for(ctx.config)
    if not libraries:
        return
    sh: Shingles = ctx.analysis("shingles")
    if not sh.paragraphs:
        return
    threshold = float(ctx.config.option("red002-threshold", RED002_THRESHOLD))
    min_shared = int(ctx.config.option("red002-min-shared", RED002_MIN_SHARED))
    keys = cited_keys(ctx)
    own = text_hash(ctx.doc)
    issuer = describe(ctx.doc, ctx.rec).get("issuer")
    matches = []
    doc_matches = []
    for lib in libraries:
        m, dm = match_document(lib, sh, keys, threshold, min_shared, exclude_text=own, issuer=issuer)
        matches.extend(m)
        doc_matches.extend(dm)
    doc_matches.sort(key=lambda d: -d.coverage)
    if doc_matches and doc_matches[0].coverage >= NEAR_TOTAL and doc_matches[0].matches:
        top = doc_matches[0]
        pct = round(top.coverage * 100)
        first = min(top.matches, key=lambda m: m.block)
        yield Finding(
            code="RED002",
            vi=f"Văn bản lặp lại gần như toàn bộ nội dung {top.ref.label} ({pct}% nội dung trùng; "
            f"{len(top.matches)} đoạn chép lại). Chỉ nêu những nhiệm vụ, giải pháp riêng của cơ quan, "
            "không chép lại văn bản cấp trên.",
            en=f"The document repeats almost all of {top.ref.label} ({pct}% of its content; "
            f"{len(top.matches)} paragraphs copied). State the agency's own tasks instead of copying the "
            "higher-level document.",
            location=Location(block=first.block),
            excerpt=_excerpt(ctx.doc.blocks[first.block].text),
        )
        return
    best: dict[int, object] = {}
    for m in matches:
        cur = best.get(m.block)
        if cur is None or (m.cited, m.ratio) > (cur.cited, cur.ratio):  # type: ignore[attr-defined]
            best[m.block] = m
    for block, m in sorted(best.items()):
        pct = round(m.ratio * 100)  # type: ignore[attr-defined]
        label = m.ref.label  # type: ignore[attr-defined]
        yield Finding(
            code="RED002",
            vi=f"Đoạn này lặp lại nội dung {label}, đoạn {m.ref_idx} (trùng {pct}%). "  # type: ignore[attr-defined]
            "Cụ thể hóa thành nhiệm vụ của cơ quan (ai làm, khi nào, nguồn lực nào) thay vì chép lại.",
            en=f"This paragraph repeats {label}, paragraph {m.ref_idx} ({pct}% overlap). "  # type: ignore[attr-defined]
            "Turn it into the agency's own tasks (who, by when, with what) instead of copying it.",
            location=Location(block=block, start=m.start, end=m.end),  # type: ignore[attr-defined]
            excerpt=_excerpt(ctx.doc.blocks[block].text[m.start : m.end]),  # type: ignore[attr-defined]
        )
