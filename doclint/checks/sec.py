"""SEC: the sections each document type must or should have (NĐ 30/2020/NĐ-CP, Phụ lục III, and practice).

The skeletons are data (``rules/nd30/sections.toml``, extended by user packs); the shared analysis
``ctx.sections`` says which of them a document has. A section's severity comes from its
skeleton: the NĐ 30 templates give warnings and errors, report and plan headings (practice) give
information or warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from doclint.analysis.sections import vfold as fold
from doclint.checks import check
from doclint.checks.common import finding
from doclint.findings import Finding, Location

DECISION_TYPES = ("QĐ",)
# an article that assigns execution ("… chịu trách nhiệm thi hành Quyết định này")
EXECUTES = re.compile(
    r"chiu trach nhiem|co trach nhiem|trach nhiem thi hanh|thi hanh|to chuc thuc hien|trien khai thuc hien|"
    r"thuc hien quyet dinh|can cu quyet dinh"
)
NHU_DIEU = re.compile(r"Như\s+(?:các\s+)?[ĐđÐ]iều\s+(?P<nums>\d+(?:\s*(?:,|và|;|-|–)\s*\d+)*)", re.IGNORECASE)


def _severity(spec) -> str | None:
    return None if spec.severity == "off" else spec.severity


def _example(spec) -> tuple[str, str]:
    if not spec.example:
        return "", ""
    first = spec.example.splitlines()[0]
    return f" Ví dụ: “{first}”.", f" For example: “{first}”."


def _covered(ctx, spec) -> bool:
    code = spec.covered_by
    return bool(code) and code in ctx.pack.rules and ctx.config.is_selected(code, ctx.doc.path)


def _basis(skel, spec) -> str:
    return spec.source or skel.source


def _reported_hits(ctx) -> Iterator:
    """The skeleton's section hits that a rule may report (severity not off; the enacting article only
    when the decision has articles: without any, the “Điều 1.” section already says so)."""
    result = ctx.sections
    for hit in result.hits:
        if _severity(hit.spec) is None:
            continue
        if hit.spec.key == "thi_hanh" and not _has_articles(ctx):
            continue
        yield hit


@check("SEC001")
def section_missing(ctx) -> Iterator[Finding]:
    skel = ctx.sections.skeleton
    if skel is None:
        return
    for hit in _reported_hits(ctx):
        spec = hit.spec
        if hit.found or not hit.applies or _covered(ctx, spec):
            continue
        ex_vi, ex_en = _example(spec)
        yield finding(
            code="SEC001",
            vi=f"{skel.name_vi} thiếu {spec.name_vi}.{ex_vi}",
            en=f"The {skel.name_en.lower()} has no {spec.name_en}.{ex_en}",
            where=Location(block=ctx.rec.body_start, component="sections"),
            severity=_severity(spec),
            basis=_basis(skel, spec),
        )


@check("SEC003")
def section_empty(ctx) -> Iterator[Finding]:
    skel = ctx.sections.skeleton
    if skel is None:
        return
    for hit in _reported_hits(ctx):
        spec = hit.spec
        if not hit.found or not hit.empty:
            continue
        yield finding(
            code="SEC003",
            vi=f"Đề mục “{hit.text.strip()[:80]}” ({spec.name_vi}) không có nội dung.",
            en=f"The heading “{hit.text.strip()[:80]}” ({spec.name_en}) has nothing under it.",
            where=Location(block=hit.block, start=hit.start, end=hit.end, component="sections"),
            excerpt=hit.text[:160],
            severity=_severity(spec),
            basis=_basis(skel, spec),
        )


@check("SEC002")
def section_order(ctx) -> Iterator[Finding]:
    result = ctx.sections
    skel = result.skeleton
    if skel is None:
        return
    placed = [
        h
        for h in result.hits
        if h.found and h.block is not None and h.spec.ordered and _severity(h.spec) is not None
    ]
    placed.sort(key=lambda h: h.spec.order)
    latest = None
    for hit in placed:
        if latest is not None and (hit.block, hit.start) < (latest.block, latest.start):
            spec = hit.spec
            expected = " → ".join(h.spec.name_vi for h in placed)
            expected_en = " → ".join(h.spec.name_en for h in placed)
            yield finding(
                code="SEC002",
                vi=f"{spec.name_vi[:1].upper()}{spec.name_vi[1:]} đứng trước {latest.spec.name_vi}; "
                f"thứ tự thông thường của {skel.name_vi.lower()}: {expected}.",
                en=f"The {spec.name_en} comes before the {latest.spec.name_en}; the usual order in a "
                f"{skel.name_en.lower()} is: {expected_en}.",
                where=Location(block=hit.block, start=hit.start, end=hit.end, component="sections"),
                excerpt=hit.text[:160],
                severity=_severity(spec),
                basis=_basis(skel, spec),
            )
            continue
        latest = hit


def _has_articles(ctx) -> bool:
    body = set(ctx.rec.body_range())
    return any(o.kind == "dieu" and o.block in body for o in ctx.rec.outline)


def _articles(ctx) -> list[tuple[int, int, int]]:
    """(number, first block, last block) of each article of the content."""
    rec = ctx.rec
    body = set(rec.body_range())
    heads = [
        (int(o.label), o.block)
        for o in rec.outline
        if o.kind == "dieu" and o.label.isdigit() and o.block in body
    ]
    end = rec.body_end if rec.body_end is not None else 0
    out = []
    for i, (number, block) in enumerate(heads):
        last = heads[i + 1][1] - 1 if i + 1 < len(heads) else end
        out.append((number, block, last))
    return out


def _article_text(ctx, first: int, last: int) -> str:
    return fold(" ".join(ctx.doc.blocks[b].text for b in range(first, last + 1) if b < len(ctx.doc.blocks)))


@check("SEC004")
def decision_articles(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.doc_type not in DECISION_TYPES:
        return
    articles = _articles(ctx)
    if not articles:
        return
    numbers = [n for n, _, _ in articles]
    first_number, first_block, _ = articles[0]
    if first_number != 1:
        yield finding(
            code="SEC004",
            vi=f"Điều đầu tiên của quyết định là Điều {first_number}; các điều đánh số từ Điều 1.",
            en=f"The first article is Điều {first_number}; articles are numbered from Điều 1.",
            where=Location(block=first_block, component="outline"),
            excerpt=ctx.doc.blocks[first_block].text[:120],
        )
    if not ctx.config.is_selected("BODY002", ctx.doc.path):
        # BODY002 reports a skipped number; say it here only when that rule is off
        for (prev, _, _), (number, block, _) in pairwise(articles):
            if number > prev + 1:
                missing = ", ".join(f"Điều {n}" for n in range(prev + 1, number))
                yield finding(
                    code="SEC004",
                    vi=f"Các điều nhảy số: sau Điều {prev} là Điều {number}, thiếu {missing}.",
                    en=f"Article numbers skip: Điều {number} follows Điều {prev}; {missing} is missing.",
                    where=Location(block=block, component="outline"),
                    excerpt=ctx.doc.blocks[block].text[:120],
                )
    executing = [n for n, first, last in articles if EXECUTES.search(_article_text(ctx, first, last))]
    implementing = _implementing(ctx, articles)
    if not implementing and not ctx.config.is_selected("SEC001", ctx.doc.path):
        yield finding(
            code="SEC004",
            vi="Quyết định không có điều khoản thi hành (“… chịu trách nhiệm thi hành Quyết định này”).",
            en="The decision has no implementing article (“… chịu trách nhiệm thi hành Quyết định này”).",
            where=Location(block=articles[-1][1], component="outline"),
            excerpt=ctx.doc.blocks[articles[-1][1]].text[:120],
        )
    for comp in rec.recipients:
        for match in NHU_DIEU.finditer(comp.text):
            for raw in re.findall(r"\d+", match.group("nums")):
                number = int(raw)
                where = Location(
                    block=comp.block,
                    start=comp.start + match.start(),
                    end=comp.start + match.end(),
                    component="recipients",
                )
                target = implementing[-1] if implementing else (executing[-1] if executing else None)
                hint_vi = f" Điều khoản thi hành là Điều {target}." if target else ""
                hint_en = f" The implementing article is Điều {target}." if target else ""
                if number not in numbers:
                    yield finding(
                        code="SEC004",
                        vi=f"Nơi nhận ghi “Như Điều {number}” nhưng quyết định chỉ có "
                        f"Điều {numbers[0]}–{numbers[-1]}.{hint_vi}",
                        en=f"The recipients say “Như Điều {number}” but the decision only has articles "
                        f"{numbers[0]}–{numbers[-1]}.{hint_en}",
                        where=where,
                        excerpt=comp.text,
                        suggestion=f"- Như Điều {target};" if target else None,
                    )
                elif number not in executing and _not_a_recipient_article(ctx, articles, number):
                    yield finding(
                        code="SEC004",
                        vi=f"Nơi nhận ghi “Như Điều {number}” nhưng Điều {number} không giao trách nhiệm "
                        f"thi hành cho ai.{hint_vi}",
                        en=f"The recipients say “Như Điều {number}” but Điều {number} does not assign "
                        f"execution to anyone.{hint_en}",
                        where=where,
                        excerpt=comp.text,
                        suggestion=f"- Như Điều {target};" if target else None,
                    )


# an article that names people or bodies ("… gồm các thành viên sau: …") can stand for them in Nơi nhận
NAMES_SOMEONE = re.compile(
    r"\b(thanh vien|so|phong|ban|bo|uy ban|ubnd|van phong|giam doc|chu tich|thu truong|truong|co quan|don vi|"
    r"ong|ba|dong chi|to chuc|ca nhan|hoi)\b"
)
EFFECT = re.compile(r"co hieu luc|hieu luc thi hanh|hieu luc ke tu")


def _not_a_recipient_article(ctx, articles, number: int) -> bool:
    """Điều N can be a "Như Điều N" recipient when it assigns execution (checked before) or names the
    people it concerns; the effect article ("có hiệu lực kể từ ngày ký") and an article naming nobody cannot."""
    for n, first, last in articles:
        if n == number:
            text = _article_text(ctx, first, last)
            return bool(EFFECT.search(text)) or not NAMES_SOMEONE.search(text)
    return True


def _implementing(ctx, articles) -> list[int]:
    """Articles with the implementing clause, using the skeleton's phrases when it has them."""
    result = ctx.sections
    spec = next((h.spec for h in result.hits if h.spec.key == "thi_hanh"), None) if result.skeleton else None
    out = []
    for number, first, last in articles:
        text = _article_text(ctx, first, last)
        if spec is not None:
            if spec.matches(text):
                out.append(number)
        elif re.search(r"trach nhiem thi hanh|thi hanh quyet dinh", text):
            out.append(number)
    return out


# ---------------------------------------------------------------------------- SEC005: plans

PLAN_TYPES = ("KH", "CTr")
OWNER = re.compile(
    r"\bchu tri\b|\bphoi hop\b|chiu trach nhiem|co trach nhiem|\bgiao (cho )?[a-z]|don vi thuc hien|"
    r"co quan thuc hien|don vi thuc hien|\btham muu\b|\bphan cong\b|\bdau moi\b"
)
DEADLINE = re.compile(
    r"truoc ngay|\bthoi han\b|thoi gian (thuc hien|hoan thanh|trien khai)|hoan thanh (truoc|trong|xong)|"
    r"\btrong (thang|quy|nam|tuan)\b|\bquy (i|ii|iii|iv|[1-4])\b|\bthang \d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|"
    r"\b\d{1,2}/20\d\d\b|\bdinh ky\b|\bhang (ngay|tuan|thang|quy|nam)\b|\bthuong xuyen\b|\bngay \d{1,2}\b|"
    r"\bnam 20\d\d\b|\btien do\b|\blo trinh\b"
)


@check("SEC005")
def plan_tasks_unassigned(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.doc_type not in PLAN_TYPES:
        return
    result = ctx.sections
    starts = [
        h.block
        for h in result.hits
        if h.found and h.block is not None and h.spec.key in ("noi_dung", "to_chuc_thuc_hien")
    ]
    body = list(rec.body_range())
    if not body:
        return
    start = min(starts) if starts else body[0]
    blocks = [b for b in body if b >= start]
    if rec.appendices:
        first = min(a.block for a in rec.appendices)
        blocks += [b.index for b in ctx.doc.blocks if b.index >= first and b.kind not in ("header", "footer")]
    text = fold("\n".join(ctx.doc.blocks[b].text for b in blocks))
    if not text.strip():
        return
    where = Location(block=start, component="sections")
    if not OWNER.search(text):
        yield finding(
            code="SEC005",
            vi="Các nhiệm vụ của kế hoạch không giao cho cơ quan, đơn vị nào chủ trì thực hiện "
            "(ví dụ: “Giao Phòng Nội vụ chủ trì, phối hợp với … thực hiện”).",
            en="The plan's tasks are not assigned to any unit to lead them "
            "(e.g. “Giao Phòng Nội vụ chủ trì, phối hợp với … thực hiện”).",
            where=where,
        )
    if not DEADLINE.search(text):
        yield finding(
            code="SEC005",
            vi="Các nhiệm vụ của kế hoạch không có thời hạn, thời gian hoàn thành nào "
            "(ví dụ: “… hoàn thành trước ngày 30 tháng 6 năm 2026”).",
            en="The plan's tasks have no deadline or completion time at all "
            "(e.g. “… hoàn thành trước ngày 30 tháng 6 năm 2026”).",
            where=where,
        )
