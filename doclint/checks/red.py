"""RED: redundant directive content (Kết luận 226-KL/TW; a Party rule and a quality matter, not NĐ 30).

RED001 a passage repeated within the document; RED002 a passage copied from a higher-level document
in the reference library; RED003 a relay plan whose tasks lack owner, deadline or resources;
RED004 formalism phrases; RED005 length signals (long trích yếu, a title or citation repeated).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from doclint import lazyre
from doclint.analysis.shingles import Shingles, Unit, real_repeats
from doclint.checks import check
from doclint.checks.common import finding
from doclint.findings import Finding, Location

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.model import Block

# RED001 thresholds, measured on the seed plan and the corpus (see tests/test_red.py and the report):
# real repetitions in the seed score containment 0.60-0.90 with 12-20 shared 3-shingles; parallel
# phrasing ("công nhận ban vận động thành lập hiệp hội ...") peaks at 0.55-0.61 with about 11.
# The containment threshold is the option red001-containment (rules-red.toml).
DUP_CONTAINMENT_SAME_CITATION = 0.5  # both passages restate a duty under the same cited document
DUP_MIN_SHARED = 10
DUP_MIN_WORDS = 12  # a shorter sentence inside a longer one is a phrase, not a passage
DUP_SIZE_RATIO = 0.5
_COMMON_SHINGLE = 25  # a shingle in more units than this is a stock phrase of the document


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def duplicate_pairs(
    sh: Shingles,
    containment: float,
    min_shared: int = DUP_MIN_SHARED,
) -> list[tuple[Unit, Unit, float]]:
    """Pairs of sentences in different paragraphs that repeat each other, first occurrence first."""
    units = sh.units
    texts = {p.block: p.text for p in sh.paragraphs}
    cells = set(sh.cells)
    index: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for h in u.shingles:
            index[h].append(i)
    # pairs of units sharing a shingle, counted in C, in the order of their first shared shingle
    shared = Counter(
        itertools.chain.from_iterable(
            itertools.combinations(postings, 2)
            for postings in index.values()
            if 1 < len(postings) <= _COMMON_SHINGLE
        )
    )
    out = []
    lowest = min(containment, DUP_CONTAINMENT_SAME_CITATION)
    for (i, j), n in shared.items():
        if n < min_shared:
            continue
        a, b = units[i], units[j]
        if a.block == b.block or min(len(a.words), len(b.words)) < DUP_MIN_WORDS:
            continue
        if min(len(a.words), len(b.words)) < DUP_SIZE_RATIO * max(len(a.words), len(b.words)):
            continue  # a name or a clause quoted inside a longer sentence is not a repeated passage
        score = n / min(len(a.shingles), len(b.shingles))
        if score < lowest:
            continue  # below the threshold even for two passages under the same citation
        if _fragment(a, texts) and _fragment(b, texts):
            continue  # two clauses inside sentences ("trong đó nêu rõ lý do ...") are formulas of a list
        shorter = a if len(a.words) <= len(b.words) else b
        if _name_share(texts.get(shorter.block, "")[shorter.start : shorter.end]) >= NAME_SHARE:
            continue  # a person's title or a body's name written twice is not a repeated duty
        if _intro(a, texts) or _intro(b, texts):
            continue  # "Đối với các cơ quan chuyên môn thuộc UBND tỉnh:" introduces items; it is a label
        if a.block in cells or b.block in cells:
            continue  # a table restates the body by design (a summary, a row per unit)
        threshold = containment
        if score < threshold and _cited(a) & _cited(b):
            threshold = min(threshold, DUP_CONTAINMENT_SAME_CITATION)
        if score >= threshold and not parallel_items(a, b, texts.get(a.block, ""), texts.get(b.block, "")):
            out.append((a, b, score))
    out.sort(key=lambda t: (t[0].block, t[1].block))
    return out


def parallel_items(a: Unit, b: Unit, text_a: str, text_b: str) -> bool:
    """Two items of one template that differ in their slot ("... 01 tập thể ..." / "... 01 cá nhân ...",
    "Các bộ tự theo dõi ..." / "Các tỉnh tự theo dõi ...", "ngày 10 tháng 4" / "ngày 10 tháng 7") are
    parallel items, not a repetition: each side has words of its own. A repeated passage is one that
    contains the other, give or take words added or dropped (measured on the seed: its three repeats
    are all of that kind; the corpus's parallel items all substitute words on both sides)."""
    only_a = set(a.words) - set(b.words)
    only_b = set(b.words) - set(a.words)
    return bool(only_a) and bool(only_b)


NAME_SHARE = 0.4
_WORDS = lazyre.compile(r"\w+")


def _name_share(text: str) -> float:
    """Share of the words written with a capital: high for names and titles ("Đồng chí Nguyễn Văn A -
    Phó Chủ tịch UBND tỉnh", "Hội Bảo trợ bệnh nhân nghèo tỉnh Lâm Đồng"), low for a duty."""
    words = _WORDS.findall(text)
    if not words:
        return 0.0
    return sum(1 for w in words[1:] if w[0].isupper()) / len(words)


def _fragment(u: Unit, texts: dict[int, str]) -> bool:
    """A clause that starts inside a sentence (after ";" or ":"), in lower case."""
    text = texts.get(u.block, "")[u.start : u.end].lstrip()
    return u.start > 0 and bool(text) and text[0].islower()


def _intro(u: Unit, texts: dict[int, str]) -> bool:
    return texts.get(u.block, "")[u.start : u.end].rstrip().endswith(":")


def _skip(ctx: Context) -> bool:
    """KL 226 targets the directives of the political system: state administrative and Party documents.
    Normative texts (laws, decrees) repeat procedural formulas by design; forms and templates likewise."""
    return ctx.rec.family not in ("administrative", "party")


def _cited(u: Unit) -> set[str]:
    return {w for w in u.words if w.startswith("§")}


@check("RED001")
def duplicate_passage(ctx: Context) -> Iterator[Finding]:
    if _skip(ctx):
        return
    sh = ctx.shingles
    threshold = ctx.option("red001-containment")
    # a passage written twice, not a structure that restates (shingles.real_repeats: two entities, two
    # sections, quotations, documents of one file)
    pairs = real_repeats(duplicate_pairs(sh, threshold), sh.paragraphs)
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
            yield finding(
                code="RED001",
                vi=f"Đoạn văn lặp lại nội dung đã viết ở đoạn {a.block + 1} (trùng {pct}%): “{quoted}”.{more_vi} "
                "Nên gộp hoặc bỏ một trong hai.",
                en=f"This passage repeats paragraph {a.block + 1} ({pct}% overlap): “{quoted}”.{more_en} "
                "Merge them or drop one.",
                where=Location(block=block, start=b.start, end=b.end, related_block=a.block),
                excerpt=_excerpt(later.text[b.start : b.end]),
            )


# ---------------------------------------------------------------- RED002

NEAR_TOTAL = 0.8  # a document whose content is this much in one reference is one finding, not fifty


def cited_keys(ctx: Context) -> list[str]:
    """Number/symbol keys of the documents the checked text cites: the citations analysis when it finds
    some, else every number/symbol written in the text."""
    from doclint.refs import cited_numbers, number_key

    keys = [number_key(d.number_symbol) or "" for d in ctx.citations.documents if d.number_symbol]
    if not keys:
        for block in ctx.doc.body_blocks():
            keys.extend(number_key(n) or "" for n in cited_numbers(block.text))
    return [k for k in dict.fromkeys(keys) if k]


@check("RED002")
def copied_from_higher_document(ctx: Context) -> Iterator[Finding]:
    from doclint.datacache import refs_library_may_exist

    if _skip(ctx) or not refs_library_may_exist(ctx.config):
        return  # no library: nothing to compare, and the library code (sqlite3) is not imported
    import sqlite3

    from doclint.refs import describe, libraries_for, match_document, text_hash

    problems: list[str] = []
    libraries = libraries_for(ctx.config, problems)
    for problem in problems:
        yield finding(
            code="RED002",
            vi=f"Không đọc được thư viện văn bản tham chiếu ({problem}); chưa so sánh với văn bản cấp trên.",
            en=f"Cannot read the reference library ({problem}); no comparison with higher-level documents.",
            severity="info",
        )
    if not libraries:
        return
    sh = ctx.shingles
    if not sh.paragraphs:
        return
    threshold = ctx.option("red002-threshold")
    min_shared = ctx.option("red002-min-shared")
    keys = cited_keys(ctx)
    own = text_hash(ctx.doc)
    issuer = describe(ctx.doc, ctx.rec).get("issuer")
    matches = []
    doc_matches = []
    for lib in libraries:
        try:
            m, dm = match_document(lib, sh, keys, threshold, min_shared, exclude_text=own, issuer=issuer)
        except sqlite3.Error as exc:  # a damaged library (a table dropped...): a note, never a crash
            yield finding(
                "RED002",
                f"Không đọc được thư viện văn bản tham chiếu ({exc}); chưa so sánh với văn bản cấp trên.",
                f"Cannot read the reference library ({exc}); no comparison with higher-level documents.",
                severity="info",
            )
            continue
        matches.extend(m)
        doc_matches.extend(dm)
    doc_matches.sort(key=lambda d: -d.coverage)
    if doc_matches and doc_matches[0].coverage >= NEAR_TOTAL and doc_matches[0].matches:
        top = doc_matches[0]
        pct = round(top.coverage * 100)
        first = min(top.matches, key=lambda m: m.block)
        yield finding(
            code="RED002",
            vi=f"Văn bản lặp lại gần như toàn bộ nội dung {top.ref.label} ({pct}% nội dung trùng; "
            f"{len(top.matches)} đoạn chép lại). Chỉ nêu những nhiệm vụ, giải pháp riêng của cơ quan, "
            "không chép lại văn bản cấp trên.",
            en=f"The document repeats almost all of {top.ref.label} ({pct}% of its content; "
            f"{len(top.matches)} paragraphs copied). State the agency's own tasks instead of copying the "
            "higher-level document.",
            where=Location(block=first.block),
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
        yield finding(
            code="RED002",
            vi=f"Đoạn này lặp lại nội dung {label}, đoạn {m.ref_idx} (trùng {pct}%). "  # type: ignore[attr-defined]
            "Cụ thể hóa thành nhiệm vụ của cơ quan (ai làm, khi nào, nguồn lực nào) thay vì chép lại.",
            en=f"This paragraph repeats {label}, paragraph {m.ref_idx} ({pct}% overlap). "  # type: ignore[attr-defined]
            "Turn it into the agency's own tasks (who, by when, with what) instead of copying it.",
            where=Location(block=block, start=m.start, end=m.end),  # type: ignore[attr-defined]
            excerpt=_excerpt(ctx.doc.blocks[block].text[m.start : m.end]),  # type: ignore[attr-defined]
        )


# ---------------------------------------------------------------- RED003

RELAY_TYPES = ("KH", "CT", "CTr", "PA", "ĐA", "CV", "HD")

_UNIT = lazyre.compile(
    r"\b(?:Sở|Phòng|Văn phòng|Ban|Trung tâm|Công an|Bộ Chỉ huy|Ban Chỉ huy|Thanh tra|Kho bạc|Chi cục|Cục|"
    r"Bộ|UBND|HĐND|Ủy ban|Uỷ ban|Hội|Đoàn|Liên đoàn|Mặt trận|Báo|Đài|Trường|Bệnh viện|Quân sự|Đảng ủy|"
    r"Đảng uỷ|Tỉnh đoàn|Viện|Tổng cục|Chủ tịch|Phó Chủ tịch|Giám đốc|Trưởng phòng|Trưởng ban|Công chức)"
    r"\s+(?:[A-ZĐ]|cấp|các xã|xã|phường|huyện|tỉnh|thành phố)"
)
_ADDRESSEE = lazyre.compile(
    r"(tham mưu|báo cáo|trình|gửi|về|xin ý kiến|đề xuất|qua|của|trước|với|cho)\s*(cho\s+)?$", re.IGNORECASE
)
# a cited document with its date and issuer ("Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng
# Chính phủ"): its dates are not deadlines and its issuer is not the owner of the task
_CITED = lazyre.compile(
    r"\b(?:Kết luận|Quyết định|Nghị định|Chỉ thị|Kế hoạch|Thông tư|Nghị quyết|Quy định|Công văn|Hướng dẫn|"
    r"Luật|Thông báo|Chương trình|Công điện|Văn bản)\s+(?:số\s+)?[\w./\-]*\d[\w./\-]*"
    r"(?:\s*+(?:,\s*+)?ngày\s+(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s+của\s+[^,;.:]{0,80})?"
)
_OWNER_WORDS = lazyre.compile(r"\b(chủ trì|giao cho|giao\s+(?:[A-ZĐ]|các)|do\s+[A-ZĐ][^,.;]{0,60}thực hiện)")
_DEADLINE = lazyre.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bngày\s+\d{1,2}\b|\btháng\s+\d{1,2}\b|\bquý\s+(?:I{1,3}|IV|\d)\b|"
    r"\btrước ngày\b|\bh[ằà]ng\s+(?:năm|quý|tháng|tuần)\b|\bđịnh kỳ\b|\bnăm\s+20\d\d\b|\bthường xuyên\b|"
    r"\b0?6 tháng\b|\bchậm nhất\b|\btrong thời hạn\b|\btrong tháng\b|\bgiai đoạn\s+20\d\d",
    re.IGNORECASE,
)
_RESOURCE = lazyre.compile(
    r"\b(kinh phí|ngân sách|nguồn lực|nguồn vốn|dự toán|vốn đầu tư|nhân lực)\b", re.IGNORECASE
)
_TASK_SECTION = lazyre.compile(r"NHIỆM VỤ|GIẢI PHÁP|NỘI DUNG|TỔ CHỨC THỰC HIỆN|PHÂN CÔNG", re.IGNORECASE)
_OTHER_SECTION = lazyre.compile(
    r"MỤC ĐÍCH|YÊU CẦU|MỤC TIÊU|KẾT QUẢ|TÌNH HÌNH|CĂN CỨ|KINH PHÍ|QUAN ĐIỂM|CHỈ TIÊU"
)
_APPENDIX_ANNOUNCED = lazyre.compile(r"phụ lục[^.;]{0,60}(phân công|nhiệm vụ)", re.IGNORECASE)


def _names_owner(text: str) -> bool:
    text = _CITED.sub(" ", text)
    for m in _UNIT.finditer(text):
        if not _ADDRESSEE.search(text[max(0, m.start() - 25) : m.start()]):
            return True
    return bool(_OWNER_WORDS.search(text)) and bool(_UNIT.search(text))


def _task_table(ctx: Context) -> tuple[int, int, int] | None:
    """A table assigning tasks (a column of tasks and one of owners or deadlines): (rows, with owner,
    with deadline). The biggest such table of the document, appendices included."""
    tables: dict[int, dict[tuple[int, int], str]] = defaultdict(dict)
    for b in ctx.doc.blocks:
        if b.table is not None and not b.table.nested:
            cell = tables[b.table.table].setdefault((b.table.row, b.table.col), "")
            tables[b.table.table][(b.table.row, b.table.col)] = (cell + " " + b.text).strip()
    best = None
    for cells in tables.values():
        header_rows = sorted({r for r, _ in cells})[:2]
        owner_col = deadline_col = task_col = None
        for (r, c), text in cells.items():
            if r not in header_rows:
                continue
            low = text.lower()
            if re.search(r"chủ trì|trách nhiệm|đơn vị thực hiện|cơ quan thực hiện|thực hiện$", low):
                owner_col = c if owner_col is None else owner_col
            if re.search(r"thời gian|thời hạn|tiến độ|hoàn thành", low):
                deadline_col = c if deadline_col is None else deadline_col
            if re.search(r"nhiệm vụ|nội dung|công việc", low):
                task_col = c if task_col is None else task_col
        if task_col is None or (owner_col is None and deadline_col is None):
            continue
        rows = sorted({r for r, _ in cells if r not in header_rows})
        data = [r for r in rows if len(cells.get((r, task_col), "").split()) >= 3]
        if len(data) < 3:
            continue
        owned = sum(1 for r in data if owner_col is not None and cells.get((r, owner_col), "").strip())
        timed = sum(1 for r in data if deadline_col is not None and cells.get((r, deadline_col), "").strip())
        found = (len(data), owned, timed)
        if best is None or found[0] > best[0]:
            best = found
    return best


@dataclass(eq=False, repr=False)
class TaskItem:
    """A task of a relay plan and whether it names an owner, a deadline and resources."""

    block: int
    text: str
    owner: bool
    deadline: bool
    resource: bool


def task_items(ctx: Context) -> list[TaskItem]:
    """The task items of the body: list items and paragraphs under the task sections (NHIỆM VỤ, GIẢI
    PHÁP, TỔ CHỨC THỰC HIỆN...), each with whether it (or the label it sits under) names an owner and a
    deadline."""
    preamble = {c.block for c in (ctx.rec.can_cu or [])}
    blocks = [
        b
        for b in ctx.body_blocks()
        if b.table is None and b.text.strip() and b.index not in preamble and not _PREAMBLE.match(b.text)
    ]  # the căn cứ and "Thực hiện Công văn số ..." lines open the document; they are not tasks
    has_sections = any(_is_section(b.text) for b in blocks)
    in_task = not has_sections
    label_owner = False
    label_deadline = False
    items: list[TaskItem] = []
    quoting = False  # inside a provision quoted over several paragraphs (“ ... ”)
    for b in blocks:
        text = b.text.strip()
        was_quoting = quoting or text.startswith(("“", '"'))
        quoting = _still_quoting(quoting, text)
        if was_quoting:
            continue  # a quoted provision lists the quoted text's duties, not this document's tasks
        if _is_section(text):
            in_task = bool(_TASK_SECTION.search(text)) and not _OTHER_SECTION.search(text)
            label_owner = label_deadline = False
            continue
        if not in_task:
            continue
        words = len(text.split())
        is_label = _is_label(text)
        if is_label:  # a heading or a label line introduces items; it is not one
            owner = _names_owner(text)
            deadline = bool(_DEADLINE.search(_CITED.sub(" ", text)))
            if _NUMBERED.match(text) or not text.rstrip().endswith(":"):
                label_owner, label_deadline = owner, deadline  # a new heading: "1. Phòng CNTT"
            else:  # "Chủ trì phối hợp ..., cụ thể:" under that heading keeps its owner
                label_owner, label_deadline = label_owner or owner, label_deadline or deadline
            continue
        if words < 6 or text.lower().startswith(("trên đây", "trong quá trình")):
            continue
        items.append(
            TaskItem(
                block=b.index,
                text=text,
                owner=label_owner or _names_owner(text),
                deadline=label_deadline or bool(_DEADLINE.search(_CITED.sub(" ", text))),
                resource=bool(_RESOURCE.search(text)),
            )
        )
    return items


_PREAMBLE = lazyre.compile(r"^\s*+(?:Căn cứ|Thực hiện|Xét đề nghị|Theo đề nghị)\s[^.;]{0,200}?\bsố\b")
_NUMBERED = lazyre.compile(r"^\s*+(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")


def _still_quoting(quoting: bool, text: str) -> bool:
    """Whether a quotation is still open after ``text`` (curly quotes “ ” counted across paragraphs)."""
    for c in text:
        if c == "“":
            quoting = True
        elif c == "”":
            quoting = False
    return quoting


_ROMAN_NUMBERED = lazyre.compile(r"^\s*+[IVX]+[.)]\s++[A-ZĐÀ-Ỹ]")
_ROMAN_HEADING = lazyre.compile(r"^\s*(?:[IVX]+|[A-Z])[.)]\s+\S")


def _is_section(text: str) -> bool:
    """A top-level heading: "II. NHIỆM VỤ, GIẢI PHÁP"."""
    text = text.strip()
    letters = "".join(filter(str.isalpha, text))
    upper = bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.8
    if upper and (bool(_ROMAN_HEADING.match(text)) or len(text.split()) <= 8):
        return True
    # "I. Mục tiêu", "II. Các quy định": a Roman-numbered title in sentence case
    return (
        bool(_ROMAN_NUMBERED.match(text)) and len(text.split()) <= 10 and not text.endswith((".", ";", ","))
    )


_RELAY_OPENING = lazyre.compile(
    r"^(?:thực hiện|triển khai|căn cứ|theo chỉ đạo|tiếp theo)\b[^.]{0,80}\b(?:số|chỉ đạo|ý kiến)\b",
    re.IGNORECASE,
)


def _relays(ctx: Context) -> bool:
    """The text opens by passing on a higher document ("Thực hiện Công văn số ... của ...")."""
    first = [b.text.strip() for b in ctx.body_blocks() if b.text.strip()][:3]
    return any(_RELAY_OPENING.match(t) for t in first)


def _is_label(text: str) -> bool:
    """A line that introduces items: "2. Phòng Văn hóa - Xã hội", "b) Người đứng đầu ...:"."""
    stripped = text.rstrip()
    return stripped.endswith(":") or not stripped.endswith((".", ";", "!", "?", ",", "./."))


@check("RED003")
def relay_document(ctx: Context) -> Iterator[Finding]:
    if _skip(ctx) or ctx.rec.doc_type not in RELAY_TYPES:
        return
    if ctx.rec.doc_type in ("CV", "HD") and not _relays(ctx):
        return  # a letter or guidance that does not pass on a higher directive is not a relay
    if ctx.rec.trich_yeu is not None:
        subject = ctx.rec.trich_yeu.text.lower()
    else:  # the header was not read (PDF columns merged): its first lines hold the subject
        subject = " ".join(b.text for b in ctx.doc.blocks[:12]).lower()
    if any(p in subject for p in ctx.option("red003-not-relay")):
        return  # a letter commenting on a draft: its items are comments, not tasks
    share = ctx.option("red003-share")
    min_items = ctx.option("red003-min-items")
    table = _task_table(ctx)
    if table is not None:
        rows, owned, timed = table
        if owned >= 0.5 * rows or timed >= 0.5 * rows:
            return  # a task table with owners or deadlines: the document assigns its tasks
    items = task_items(ctx)
    if len(items) < min_items:
        return
    n = len(items)
    no_owner = [i for i in items if not i.owner]
    no_deadline = [i for i in items if not i.deadline]
    no_resource = [i for i in items if not i.resource]
    neither = [i for i in items if not i.owner and not i.deadline]
    if len(no_owner) < share * n or len(no_deadline) < share * n or not neither:
        return
    funded = any(_RESOURCE.search(b.text) for b in ctx.body_blocks())
    announced = any(_APPENDIX_ANNOUNCED.search(b.text) for b in ctx.body_blocks())
    pct = lambda k: round(100 * len(k) / n)  # noqa: E731
    listed = "; ".join(f"“{_excerpt(i.text, 70)}”" for i in neither[:5])
    more = f" và {len(neither) - 5} mục khác" if len(neither) > 5 else ""
    more_en = f" and {len(neither) - 5} more" if len(neither) > 5 else ""
    note_vi = (
        " Văn bản nhắc tới phụ lục phân công nhiệm vụ nhưng phụ lục không có trong tệp."
        if announced and table is None
        else ""
    )
    note_en = (
        " The text announces a task-assignment appendix that is not in the file."
        if announced and table is None
        else ""
    )
    fund_vi = "" if funded else " Văn bản không nêu nguồn kinh phí."
    fund_en = "" if funded else " The document names no funding."
    yield finding(
        code="RED003",
        vi=f"Văn bản chủ yếu nhắc lại yêu cầu, chưa giao việc cụ thể: trong {n} mục nhiệm vụ, {pct(no_owner)}% "
        f"không nêu đơn vị chủ trì, {pct(no_deadline)}% không có thời hạn, {pct(no_resource)}% không nêu nguồn lực; "
        f"{len(neither)} mục thiếu cả đơn vị chủ trì lẫn thời hạn, ví dụ: {listed}{more}.{note_vi}{fund_vi} "
        "Nên lập bảng phân công: nhiệm vụ, đơn vị chủ trì, đơn vị phối hợp, thời hạn, sản phẩm.",
        en=f"The document mostly restates duties without assigning them: of {n} task items, {pct(no_owner)}% "
        f"name no responsible unit, {pct(no_deadline)}% have no deadline, {pct(no_resource)}% name no resources; "
        f"{len(neither)} items lack both an owner and a deadline, e.g. {listed}{more_en}.{note_en}{fund_en} "
        "Add a task table: task, lead unit, partners, deadline, output.",
        where=Location(block=neither[0].block),
        excerpt=_excerpt(neither[0].text),
    )


# ---------------------------------------------------------------- RED004


def _fold(text: str) -> str:
    """Lower case and one tone placement, keeping every character's offset."""
    from doclint.analysis.shingles import _TONE, _TONE_RE

    return _TONE_RE.sub(lambda m: _TONE[m.group(0)], text.lower())


def _folded(ctx: Context, block: Block) -> str:
    """:func:`_fold` of the block's text, worked out once per document for RED004 and RED005."""
    cache: dict[int, tuple[str, str]] = ctx.cached("red_folded", lambda _: {})
    found = cache.get(block.index)
    if found is None or found[0] is not block.text:
        found = cache[block.index] = (block.text, _fold(block.text))
    return found[1]


def formalism_phrases(ctx: Context) -> list[str]:
    phrases = list(ctx.table("formalism").get("phrases", []))
    phrases.extend(ctx.option("formalism-extra"))
    disabled = {_fold(" ".join(re.findall(r"\w+", p))) for p in ctx.option("formalism-disable")}
    out = []
    for phrase in phrases:
        key = _fold(" ".join(re.findall(r"\w+", phrase)))
        if key and key not in disabled and key not in out:
            out.append(key)
    # a longer phrase wins over one it contains ("tổ chức thực hiện nghiêm túc" / "thực hiện nghiêm túc")
    return sorted(out, key=lambda p: -len(p))


@lru_cache(maxsize=8)
def _phrase_patterns(phrases: tuple[str, ...]) -> list[tuple[str, str, str, re.Pattern[str]]]:
    """(phrase, its longest word, its first word, pattern), longest phrase first so that it wins over one
    it contains. A text that holds the phrase holds both words: two substring tests in C rule out
    almost every phrase before its pattern runs (the longest word is seldom a common one), and a
    pattern is compiled the first time it runs (most documents run few of them)."""
    out = []
    for p in phrases:
        words = p.split()
        out.append((p, max(words, key=len), words[0], lazyre.compile(_phrase_pattern(words))))
    return out


def _phrase_pattern(words: list[str]) -> str:
    r"""The words with spaces, commas or semicolons between them, as whole words. Written
    ``word(?<!\wword)…`` rather than ``\bword…``: the same matches, but a pattern that starts with
    its literal first word is searched for that word at C speed instead of tried at every position."""
    head = re.escape(words[0])
    rest = "".join(r"[\s,;]+" + re.escape(w) for w in words[1:]) + r"\b"
    if re.match(r"\w", words[0]):  # then \b before it means: no word character before it
        return head + r"(?<!\w" + head + ")" + rest
    return r"\b" + head + rest


@check("RED004")
def formalism_phrase(ctx: Context) -> Iterator[Finding]:
    if _skip(ctx):
        return
    phrases = formalism_phrases(ctx)
    if not phrases:
        return
    patterns = _phrase_patterns(tuple(phrases))
    hits: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for block in ctx.body_blocks():
        folded = _folded(ctx, block)
        taken: list[tuple[int, int]] = []
        for phrase, longest, first, pattern in patterns:
            if longest not in folded or first not in folded:
                continue  # substring tests in C rule out almost every phrase before the regex runs
            for m in pattern.finditer(folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                hits[phrase].append((block.index, m.start(), m.end()))
    total = sum(len(v) for v in hits.values())
    if total < ctx.option("red004-min-count"):
        return  # a phrase now and then is ordinary; an accumulation is the signal
    for places in sorted(hits.values(), key=lambda v: v[0]):
        block, start, end = places[0]
        written = ctx.doc.blocks[block].text[start:end]
        times_vi = f" ({len(places)} lần)" if len(places) > 1 else ""
        times_en = f" ({len(places)} times)" if len(places) > 1 else ""
        yield finding(
            code="RED004",
            vi=f"Cụm từ hình thức “{written}”{times_vi}; cả văn bản có {total} cụm từ loại này. "
            "Thay bằng việc cụ thể: ai làm, làm gì, đến khi nào.",
            en=f"Formalism phrase “{written}”{times_en}; the document has {total} such phrases. "
            "Replace it with the concrete task: who does what, by when.",
            where=Location(block=block, start=start, end=end),
            excerpt=_excerpt(ctx.doc.blocks[block].text),
        )


# ---------------------------------------------------------------- RED005

# red005-title-words (45) is about three times the median trích yếu of the corpus's administrative
# documents (15 words)
OWN_TITLE_WORDS = 30  # the own title repeated without citing anything counts from this length
_NUMBER_TOKEN = lazyre.compile(r"\d[\w.]*/[\w/.\-]*[a-zđ]|\d+-[a-zđ]+/[a-zđ]")

_WORDS = lazyre.compile(r"([\w][\w/.\-]*[\w]|\w)")  # a word, as a group: split() keeps the words
_DATE_RUN = lazyre.compile(r"^\d{1,2}$")


@dataclass(slots=True, eq=False, repr=False)
class Tok:
    """A word of RED005's comparison: its key and where it stands."""

    key: str
    block: int
    start: int
    end: int


_NUMERIC_DATE = lazyre.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def word_tokens(text: str, block: int) -> list[Tok]:
    """Words with their offsets, compared loosely: case and tone placement folded, a date written
    "ngày 31 tháng 3 năm 2026" or "31/3/2026" is one token, "về việc" is "về", "số" before a document's
    number is left out."""
    return [Tok(key, block, s, e) for key, s, e in zip(*word_keys(text))]


# word_keys changes a word only at these words (or the one before: a date "31 tháng 3 năm 2026" starts
# there) and at a word with a "/"
_LOOSE_WORDS = (("tháng", 1), ("việc", 0), ("số", 0))


def word_keys(text: str, folded: str | None = None) -> tuple[list[str], list[int], list[int]]:
    """The keys of :func:`word_tokens` and their start and end offsets, as three lists (RED005 compares
    the words of every paragraph, and makes objects only for the places it reports). ``folded``:
    :func:`_fold` of ``text``, when the caller has it."""
    if folded is None:
        folded = _fold(text)
    # split() alternates gaps and words: the running total of their lengths gives every offset (in C)
    parts = _WORDS.split(folded)
    words = parts[1::2]
    offsets = list(itertools.accumulate(map(len, parts)))
    starts, ends = offsets[0:-1:2], offsets[1::2]
    places = _loose_places(folded, words)
    if not places:
        return words, starts, ends
    n = len(words)
    keys: list[str] = []
    first: list[int] = []
    last: list[int] = []
    free = 0  # the first word not yet taken
    for i in places:
        if i < free:
            continue  # inside a date already taken
        # the words between two places are keys as they are: copied as slices, in C
        keys += words[free:i]
        first += starts[free:i]
        last += ends[free:i]
        free = i + 1
        w = words[i]
        if (
            len(w) <= 2  # _DATE_RUN without a regex call per word (issue 17)
            and _DATE_RUN.match(w)
            and i + 4 < n
            and words[i + 1] == "tháng"
            and words[i + 3] == "năm"
            and words[i + 2].isdigit()
            and words[i + 4].isdigit()
        ):
            keys.append(f"{int(w)}/{int(words[i + 2])}/{words[i + 4]}")
            first.append(starts[i])
            last.append(ends[i + 4])
            free = i + 5
            continue
        if "/" in w and (m := _NUMERIC_DATE.fullmatch(w)):
            w = f"{int(m[1])}/{int(m[2])}/{m[3]}"
        if w == "việc" and keys and keys[-1] == "về":
            continue
        if w == "số" and i + 1 < n and _NUMBER_TOKEN.match(words[i + 1]):
            continue  # "Nghị định số 72/2013/NĐ-CP" is "Nghị định 72/2013/NĐ-CP" (CIT003 adds the "số")
        keys.append(w)
        first.append(starts[i])
        last.append(ends[i])
    keys += words[free:]
    first += starts[free:]
    last += ends[free:]
    return keys, first, last


def _loose_places(folded: str, words: list[str]) -> list[int]:
    """Where :func:`word_keys` may write a word other than as it is, in order: the word before each
    "tháng" (a date may start there), each word with a "/" (a numeric date), each "việc" and "số". Every
    other word is its own key (found with C-level scans: a paragraph has few of these)."""
    places: set[int] = set()
    for loose, before in _LOOSE_WORDS:
        if loose not in folded:
            continue  # a substring test in C: most paragraphs have none of these
        i = -1
        try:
            while True:
                i = words.index(loose, i + 1)
                if i >= before:
                    places.add(i - before)
        except ValueError:
            pass  # no more
    if "/" in folded:
        places.update(
            itertools.compress(itertools.count(), map(operator.contains, words, itertools.repeat("/")))
        )
    return sorted(places)


def _stretch_keys(ctx: Context, block: Block, n: int) -> tuple[list[str], list[int], list[int]]:
    """:func:`word_keys` of a paragraph that may hold ``n`` words; no words for a shorter one (words
    are a character or more with one between two, so ``n`` of them take ``2n - 1`` characters), whose
    words could never make a stretch of ``n``."""
    folded = _folded(ctx, block)
    if len(folded) < 2 * n - 1:
        return [], [], []
    return word_keys(block.text, folded)


def repeated_spans(seqs: list[list[str]], n: int, times: int) -> list[list[tuple[int, int]]]:
    """Groups of places (index of sequence, token range) that repeat the same stretch of at least ``n``
    words (``seqs``: the keys of each sequence) at least ``times`` times. One group per repeated content,
    each place a maximal run."""
    # each sequence's n-grams by first token, and how often each occurs: zip and Counter run in C
    seq_grams = [list(zip(*[keys[k:] for k in range(n)])) if len(keys) >= n else [] for keys in seqs]
    counts = Counter(itertools.chain.from_iterable(seq_grams))
    frequent = {g for g, count in counts.items() if count >= times}
    if not frequent:
        return []
    runs: list[tuple[int, int, int]] = []  # (sequence, first token, end token)
    gram_runs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for si, these in enumerate(seq_grams):
        if frequent.isdisjoint(these):
            continue  # no repeated stretch in this paragraph (most), tested in C
        i = 0
        while i < len(these):
            if these[i] not in frequent:
                i += 1
                continue
            j = i
            members = []
            while j < len(these) and these[j] in frequent:
                members.append(these[j])
                j += 1
            runs.append((si, i, j - 1 + n))
            for m in members:
                gram_runs[m].append(len(runs) - 1)
            i = j
    parent = list(range(len(runs)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ids in gram_runs.values():
        for other in ids[1:]:
            parent[root(other)] = root(ids[0])
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for k, (si, a, b) in enumerate(runs):
        groups[root(k)].append((si, a, b))
    return [sorted(g) for g in groups.values() if len(g) >= times]


@check("RED005")
def length_signal(ctx: Context) -> Iterator[Finding]:
    if _skip(ctx):
        return
    rec = ctx.rec
    limit = ctx.option("red005-title-words")
    if rec.trich_yeu is not None:
        words = len(rec.trich_yeu.text.split())
        if words > limit:
            yield finding(
                code="RED005",
                vi=f"Trích yếu dài {words} từ (thường khoảng 10-25 từ; ngưỡng {limit}). Nêu ngắn gọn nội dung "
                "chính; không chép lại đầy đủ tên các văn bản được triển khai.",
                en=f"The trích yếu is {words} words long (usually 10-25; limit {limit}). State the subject "
                "briefly instead of repeating the full titles of the documents it implements.",
                where=rec.trich_yeu.location("trich_yeu"),
                excerpt=_excerpt(rec.trich_yeu.text),
            )
    times = ctx.option("red005-repeats")
    n = ctx.option("red005-min-words")
    blocks = []
    if rec.trich_yeu is not None:
        blocks.append(rec.trich_yeu.block)
    seen = set(blocks)
    for b in ctx.body_blocks():
        if b.index not in seen:
            seen.add(b.index)
            blocks.append(b.index)
    seqs = [_stretch_keys(ctx, ctx.doc.blocks[i], n) for i in blocks]
    title_block = rec.trich_yeu.block if rec.trich_yeu is not None else None

    def tok(si: int, k: int) -> Tok:
        keys, starts, ends = seqs[si]
        return Tok(keys[k], blocks[si], starts[k], ends[k])

    for group in repeated_spans([keys for keys, _, _ in seqs], n, times):
        places = [(tok(si, a), tok(si, b - 1), b - a) for si, a, b in group]
        first, last = places[0], places[-1]
        longest = max(places, key=lambda p: p[2])
        quote = ctx.doc.blocks[longest[0].block].text[longest[0].start : longest[1].end]
        own_title = any(p[0].block == title_block for p in places)
        si, a, b = max(group, key=lambda g: g[2] - g[1])
        cites = any(_NUMBER_TOKEN.search(key) for key in seqs[si][0][a:b])
        if not cites and not (own_title and longest[2] >= OWN_TITLE_WORDS):
            continue  # a subject or a body named several times is not a length problem
        full = sum(1 for p in places if p[2] >= 0.6 * longest[2])
        part_vi = f", và một phần của đoạn này thêm {len(places) - full} lần" if len(places) > full else ""
        part_en = f", and part of it {len(places) - full} more times" if len(places) > full else ""
        what_vi = "Tên (trích yếu) của chính văn bản" if own_title else "Một đoạn trích dẫn dài"
        what_en = "The document's own title (trích yếu)" if own_title else "A long citation"
        yield finding(
            code="RED005",
            vi=f"{what_vi} được nhắc lại gần như nguyên văn {full} lần ({longest[2]} từ){part_vi}: “{_excerpt(quote, 140)}”. "
            "Lần sau chỉ cần ghi hình thức, số, ký hiệu văn bản (hoặc “Kế hoạch này”).",
            en=f"{what_en} is repeated almost verbatim {full} times ({longest[2]} words){part_en}: “{_excerpt(quote, 140)}”. "
            "After the first time give only the type and number (or “this plan”).",
            where=Location(
                block=last[0].block, start=last[0].start, end=last[1].end, related_block=first[0].block
            ),
            excerpt=_excerpt(ctx.doc.blocks[last[0].block].text[last[0].start : last[1].end]),
        )
