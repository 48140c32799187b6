"""HTML report: one self-contained file for one document or a folder of a thousand.

Why one file (and not ``index.html`` + a page per document): a report is something people e-mail to a
lãnh đạo or attach to a hồ sơ; one file cannot lose its pages on the way, opens offline, and prints
in one go.

What a reader sees, top to bottom:

* **the summary first**: how many documents pass, need changes or fail; charts (inline SVG) of the
  verdicts, the findings per rule and per issuing unit; the documents to look at first;
* a tool bar (folder reports): search (file name, unit, rule, message and the documents' words),
  filters by verdict, rule and severity, sorting, open/close all;
* **one line per document, collapsed until opened** (``<details>``): number, file, verdict, counts.
  Opened, it shows the verdict sentence, the recognised parts of the form, the findings grouped by
  severity and rule (errors first), each with its place in Word words and the words marked in their
  paragraph, then the whole text with every finding highlighted in place and a margin note;
* the explanations of the rules that fired.

Scaling: a folder report keeps each document's details in an inert ``<template>`` that the script
copies into the page when the document is opened, so a thousand documents load as a thousand
lines; above ``FULL_TEXT_MAX`` documents the whole text is left out (the findings keep their marked
paragraph), which keeps the file a few megabytes. Printing prints the summary and the documents that
are open, nothing else.

Safety: Jinja2 renders with autoescape on and this module never builds HTML itself, so document text
(which may contain ``<script>``) always reaches the page as text. A strict Content-Security-Policy
(``default-src 'none'``; the one inline script allowed by its SHA-256 hash) means the report cannot
fetch anything, even if opened from a mail client. No external CSS, JS, font or image.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from doclint import __version__
from doclint.report import FULL_TEXT_MAX, common
from doclint.report.common import SEVERITIES, family_of, severity_of

TEMPLATES = Path(__file__).resolve().parent / "templates"
LAZY_MIN = 2  # a folder report keeps each document in a <template> until it is opened
ROW, BAR = 36, 330  # chart geometry (SVG user units): one row, the longest bar


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every {{ }} is escaped; document text can never become markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def _static(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


# ---------------------------------------------------------------- view model


@dataclass
class Segment:
    text: str
    fids: list[str] = field(default_factory=list)  # findings covering this stretch
    severity: str | None = None  # the worst of them
    anchors: list[str] = field(default_factory=list)  # findings that start here (ids to jump to)


@dataclass
class FindingView:
    fid: str
    code: str
    severity: str
    family: str
    message: str
    place: str
    before: str  # the marked excerpt: text before the words, the words, text after
    marked: str
    after: str
    suggestion: str | None
    basis: str
    target: str | None  # id of the place in the whole text, when it is shown
    related: str | None = None
    related_label: str = ""
    suppressed_by: str = ""


@dataclass
class GroupView:
    severity: str
    code: str
    title: str
    items: list[FindingView]
    basis: str  # said once when every item has the same


@dataclass
class ParaView:
    index: int
    pid: str
    kind: str
    segments: list[Segment]
    notes: list[FindingView]
    whole: str | None  # worst severity of the findings that cover the paragraph without offsets
    whole_fids: list[str]
    in_table: bool
    new_page: int | None = None  # the page this paragraph starts, when it differs from the previous one


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece knows which findings cover it.

    ``spans``: (start, end, fid, severity). Overlapping and nested spans are fine.
    """
    cuts = {0, len(text)}
    for start, end, *_ in spans:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    started: set[str] = set()
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        seg = Segment(text=text[a:b])
        if covering:
            seg.fids = [s[2] for s in covering]
            seg.severity = max((s[3] for s in covering), key=lambda s: common.SEVERITY_RANK[s])
            seg.anchors = [s[2] for s in covering if s[2] not in started]
            started.update(seg.anchors)
        out.append(seg)
    return out


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "vi"]


def _excerpt(f: Any, blocks: list[Any]) -> tuple[str, str, str]:
    """(before, words, after) around the finding's words, at most ~220 characters."""
    from doclint.places import _context
    from doclint.report.text import excerpt_of, window

    shown = excerpt_of(f)
    loc = f.location
    if getattr(f, "context", None) is None and loc.block is not None and 0 <= loc.block < len(blocks):
        text = blocks[loc.block].text
        ok = loc.start is not None and loc.end is not None and 0 <= loc.start < loc.end <= len(text)
        ctx = _context(text, loc.start if ok else None, loc.end if ok else None)
        shown = (ctx["text"], ctx["start"], ctx["end"])
    if shown is None:
        return "", "", ""
    text, start, end = shown
    line, a, b = window(text, start, end, 220)
    if a < 0:
        return line, "", ""
    return line[:a], line[a:b], line[b:]


def _document_view(result: Any, n: int, lang: str, rules: dict[str, Any], base: Path | None,
                   full_text: bool) -> dict:  # fmt: skip
    from doclint.report.text import groups as group_findings

    doc = result.document
    blocks = doc.blocks if doc is not None else []
    show_text = full_text and doc is not None
    views: dict[int, FindingView] = {}
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    whole: dict[int, list[FindingView]] = {}
    notes: dict[int, list[FindingView]] = {}
    index_of = {id(f): i for i, f in enumerate(result.findings)}

    def view_of(f: Any, fid: str) -> FindingView:
        loc = f.location
        block = loc.block if loc.block is not None and 0 <= loc.block < len(blocks) else None
        before, marked, after = _excerpt(f, blocks)
        v = FindingView(
            fid=fid, code=f.code, severity=severity_of(f), family=family_of(f), message=f.message(lang),
            place=common.where(f, lang), before=before, marked=marked, after=after, suggestion=f.suggestion,
            basis=f.basis or (rules[f.code].basis if f.code in rules else ""),
            target=fid if show_text and block is not None else None,
        )  # fmt: skip
        related = getattr(loc, "related_block", None)
        if show_text and related is not None and 0 <= related < len(blocks):
            v.related = f"d{n}-p{related + 1}"
            v.related_label = f"{common.label('para', lang)} {related + 1}"
        return v

    for i, f in enumerate(result.findings):
        v = views[i] = view_of(f, f"d{n}-f{i + 1}")
        loc = f.location
        if v.target is None:
            continue
        block = loc.block
        notes.setdefault(block, []).append(v)
        start, end = loc.start, loc.end
        if start is not None and end is not None and 0 <= start < end <= len(blocks[block].text):
            spans.setdefault(block, []).append((start, end, v.fid, v.severity))
        else:
            whole.setdefault(block, []).append(v)

    group_views: list[GroupView] = []
    for sev, code, items in group_findings(result.findings):
        meta = rules.get(code)
        fviews = [views[index_of[id(f)]] for f, _times in items]
        bases = {v.basis for v in fviews}
        group_views.append(GroupView(
            severity=sev, code=code, items=fviews, basis=bases.pop() if len(bases) == 1 else "",
            title=(meta.title_en if lang == "en" else meta.title_vi) if meta else code,
        ))  # fmt: skip

    paras: list[ParaView] = []
    if show_text:
        previous_page = blocks[0].page if blocks else None
        for b in blocks:
            new_page = (
                b.page
                if b.page is not None and previous_page is not None and b.page != previous_page
                else None
            )
            previous_page = b.page if b.page is not None else previous_page
            whole_views = whole.get(b.index, [])
            whole_sev = None
            if whole_views:
                whole_sev = max((v.severity for v in whole_views), key=lambda s: common.SEVERITY_RANK[s])
            paras.append(ParaView(
                index=b.index, pid=f"d{n}-p{b.index + 1}", kind=b.kind,
                segments=_segments(b.text, spans.get(b.index, [])), notes=notes.get(b.index, []),
                whole=whole_sev, whole_fids=[v.fid for v in whole_views], in_table=b.table is not None,
                new_page=new_page,
            ))  # fmt: skip

    suppressed = []
    for j, f in enumerate(getattr(result, "suppressed", None) or []):
        v = view_of(f, f"d{n}-s{j + 1}")
        v.target = None
        by = f.suppressed_by or {}
        v.suppressed_by = " — ".join(x for x in (by.get("author"), by.get("reason")) if x)
        suppressed.append(v)

    status = common.status(result)
    counts = common.severity_counts(result.findings)
    path = common.display_path(result.path, base)
    codes = sorted({f.code for f in result.findings})
    titles = [(rules[c].title_en if lang == "en" else rules[c].title_vi) for c in codes if c in rules]
    search = " ".join(
        [
            path,
            result.issuer or "" if hasattr(result, "issuer") else "",
            common.doc_type_name(result.doc_type, lang) if result.doc_type else "",
            *codes,
            *titles,
        ]
    )
    return {
        "n": n,
        "id": f"d{n}",
        "path": path,
        "name": Path(result.path).name,
        "format": (result.format or "").upper(),
        "doc_type": result.doc_type,
        "doc_type_label": common.doc_type_name(result.doc_type, lang) if result.doc_type else "",
        "family_label": common.doc_family_label(result.family, lang),
        "issuer": getattr(result, "issuer", None) or "",
        "stage": result.stage,
        "status": status,
        "status_label": common.label("unreadable" if result.error else status, lang),
        "error": result.error.message(lang) if result.error else None,
        "error_code": result.error.code if result.error else None,
        "counts": counts,
        "verdict": common.verdict(result, lang),
        "total": len(result.findings),
        "checklist": common.checklist(result.recognition, lang),
        "groups": group_views,
        "paras": paras,
        "has_text": show_text,
        "text_left_out": doc is not None and not show_text,
        "suppressed": suppressed,
        "codes": " ".join(codes),
        "fc": " ".join(
            f"{c}:{sev}:{k}"
            for (c, sev), k in sorted(Counter((f.code, severity_of(f)) for f in result.findings).items())
        ),
        "sevs": " ".join(s for s in SEVERITIES if counts[s]),
        "search": " ".join(search.lower().split()),
        "rank": (common.STATUS_ORDER[status], -counts["error"], -counts["warning"], -counts["info"], path),
    }


# ---------------------------------------------------------------- charts (inline SVG, drawn here)


def _rule_chart(results: list[Any], rules: dict[str, Any], lang: str, top: int = 12) -> dict:
    """The most frequent rules; each bar in the colour of the worst severity its findings had."""
    from doclint.report.statistics import _counts

    rows = _counts([r for r in results if r.error is None])[:top]
    peak = max((n for _, n, *_ in rows), default=1)
    out = []
    for i, (code, count, sev, _name, files) in enumerate(rows):
        meta = rules.get(code)
        title = (meta.title_en if lang == "en" else meta.title_vi) if meta else code
        out.append({"code": code, "count": count, "files": files, "title": title, "y": i * ROW,
                    "width": max(2, round(BAR * count / peak)), "severity": sev})  # fmt: skip
    return {"rows": out, "height": max(ROW, len(out) * ROW)}


def _unit_chart(results: list[Any], lang: str, top: int = 10) -> dict:
    """Findings per issuing unit (stacked by severity), the units with most findings first."""
    units: dict[str, dict[str, Any]] = {}
    unknown = "Unknown issuer" if lang == "en" else "Chưa nhận ra cơ quan ban hành"
    for r in results:
        name = getattr(r, "issuer", None) or unknown
        key = name.upper()
        unit = units.setdefault(key, {"name": name, "docs": 0, "fail": 0, **dict.fromkeys(SEVERITIES, 0)})
        unit["docs"] += 1
        unit["fail"] += common.status(r) == "fail"
        for sev, n in common.severity_counts(r.findings).items():
            unit[sev] += n
    ranked = sorted(units.values(), key=lambda u: (-(u["error"] + u["warning"] + u["info"]), u["name"]))[:top]
    peak = max((u["error"] + u["warning"] + u["info"] for u in ranked), default=1) or 1
    rows = []
    for i, u in enumerate(ranked):
        x = 0.0
        bars = []
        for sev in SEVERITIES:
            w = BAR * u[sev] / peak
            if u[sev]:
                bars.append({"severity": sev, "x": round(x, 1), "width": round(max(w, 1.5), 1), "n": u[sev]})
            x += w
        rows.append({**u, "y": i * ROW, "bars": bars, "total": u["error"] + u["warning"] + u["info"],
                     "end": round(x, 1), "units": len(units)})  # fmt: skip
    return {"rows": rows, "height": max(ROW, len(rows) * ROW), "units": len(units)}


def _verdict_chart(statuses: dict[str, int]) -> dict:
    total = sum(statuses.values()) or 1
    x = 0.0
    parts = []
    for st in ("fail", "fix", "pass"):
        w = 600 * statuses[st] / total
        if statuses[st]:
            parts.append({"status": st, "x": round(x, 1), "width": round(w, 1), "n": statuses[st],
                          "pct": round(100 * statuses[st] / total)})  # fmt: skip
        x += w
    return {"parts": parts}


WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Báo cáo kiểm tra thể thức văn bản",
        "subtitle": "Theo Nghị định 30/2020/NĐ-CP về công tác văn thư",
        "generated": "Lập lúc",
        "by": "bởi doclint",
        "files": "Số văn bản",
        "findings": "Tổng số phát hiện",
        "summary": "Tổng hợp",
        "file": "Tệp",
        "type": "Loại văn bản",
        "issuer": "Cơ quan ban hành",
        "status": "Kết quả",
        "counts": "Phát hiện",
        "verdicts": "Kết quả các văn bản",
        "top_rules": "Phát hiện theo quy tắc",
        "per_unit": "Phát hiện theo cơ quan ban hành",
        "worst": "Nên xem trước",
        "units_more": "cơ quan, hiện {n} cơ quan nhiều phát hiện nhất",
        "docs_short": "văn bản",
        "filters": "Tìm và lọc",
        "search": "Tìm",
        "search_hint": "tên tệp, cơ quan, mã quy tắc, từ ngữ…",
        "rule": "Quy tắc",
        "all_rules": "Mọi quy tắc",
        "severity": "Mức độ",
        "sort": "Sắp xếp",
        "sort_worst": "Cần xem trước",
        "sort_name": "Tên tệp",
        "sort_findings": "Nhiều phát hiện nhất",
        "open_all": "Mở tất cả",
        "close_all": "Đóng tất cả",
        "showing": "Đang hiện",
        "of_docs": "văn bản",
        "none_match": "Không có văn bản nào khớp với bộ lọc.",
        "components": "Các thành phần thể thức nhận diện được",
        "found": "có",
        "missing": "chưa thấy",
        "text": "Toàn văn (phát hiện được tô màu tại chỗ, ghi chú bên lề)",
        "text_left_out": "Báo cáo nhiều văn bản không kèm toàn văn; mỗi phát hiện có đoạn văn chứa nó. "
        "Muốn xem toàn văn một văn bản: doclint check TỆP --output bao-cao.html",
        "list": "Phát hiện",
        "suggestion": "Đề xuất sửa",
        "basis": "Căn cứ",
        "goto": "Xem trong toàn văn",
        "related": "Liên quan",
        "rules": "Giải thích các quy tắc",
        "what": "Quy tắc",
        "why": "Vì sao",
        "bad": "Viết sai",
        "good": "Viết đúng",
        "fix": "Sửa tự động",
        "fix_safe": "an toàn",
        "fix_unsafe": "cần người kiểm tra",
        "fix_none": "không",
        "no_findings": "Không có phát hiện nào.",
        "no_text": "Không có nội dung để hiển thị.",
        "para": "Đoạn",
        "page": "Trang",
        "stage_draft": "dự thảo",
        "stage_final": "bản trình ký",
        "stage_issued": "đã phát hành",
        "stage": "Giai đoạn",
        "format": "Định dạng",
        "skip": "Bỏ qua, đến nội dung",
        "documents": "Các văn bản",
        "how_status": "Cách xác định kết quả",
        "print_note": "Bản in gồm phần tổng hợp và các văn bản đang mở.",
        "legend": "Chú giải màu",
        "count_unit": "phát hiện",
        "suppressed": "Đã bỏ qua theo chú thích của người duyệt trong văn bản",
        "suppressed_total": "Đã bỏ qua (chú thích trong văn bản)",
        "baseline": "Có trong baseline, không hiện",
        "times": "chỗ",
        "open_hint": "Bấm vào một văn bản để xem các phát hiện.",
    },
    "en": {
        "title": "Document format check report",
        "subtitle": "Against Decree 30/2020/NĐ-CP on clerical work",
        "generated": "Generated",
        "by": "by doclint",
        "files": "Documents",
        "findings": "Total findings",
        "summary": "Summary",
        "file": "File",
        "type": "Document type",
        "issuer": "Issuing body",
        "status": "Result",
        "counts": "Findings",
        "verdicts": "Results of the documents",
        "top_rules": "Findings per rule",
        "per_unit": "Findings per issuing body",
        "worst": "Look at these first",
        "units_more": "issuing bodies, the {n} with most findings shown",
        "docs_short": "documents",
        "filters": "Search and filter",
        "search": "Search",
        "search_hint": "file name, issuer, rule code, words…",
        "rule": "Rule",
        "all_rules": "All rules",
        "severity": "Severity",
        "sort": "Sort",
        "sort_worst": "Worst first",
        "sort_name": "File name",
        "sort_findings": "Most findings",
        "open_all": "Open all",
        "close_all": "Close all",
        "showing": "Showing",
        "of_docs": "documents",
        "none_match": "No document matches the filters.",
        "components": "Recognised components",
        "found": "found",
        "missing": "not found",
        "text": "Whole text (findings highlighted in place, notes in the margin)",
        "text_left_out": "A report on many documents leaves the whole text out; each finding shows its "
        "paragraph. For the whole text of one document: doclint check FILE --output report.html",
        "list": "Findings",
        "suggestion": "Suggestion",
        "basis": "Legal basis",
        "goto": "Show in the text",
        "related": "Related",
        "rules": "Rule explanations",
        "what": "Rule",
        "why": "Why",
        "bad": "Wrong",
        "good": "Right",
        "fix": "Automatic fix",
        "fix_safe": "safe",
        "fix_unsafe": "needs review",
        "fix_none": "none",
        "no_findings": "No findings.",
        "no_text": "No text to show.",
        "para": "Paragraph",
        "page": "Page",
        "stage_draft": "draft",
        "stage_final": "submitted for signing",
        "stage_issued": "issued",
        "stage": "Stage",
        "format": "Format",
        "skip": "Skip to content",
        "documents": "Documents",
        "how_status": "How the result is decided",
        "print_note": "The printout holds the summary and the documents that are open.",
        "legend": "Colour key",
        "count_unit": "findings",
        "suppressed": "Suppressed by a reviewer's comment in the document",
        "suppressed_total": "Suppressed (comments in the documents)",
        "baseline": "In the baseline, not shown",
        "times": "places",
        "open_hint": "Click a document to see its findings.",
    },
}


def _local_time(now: datetime | None) -> tuple[str, str]:
    """(text, ISO) of the generation time in the machine's local zone; the page's script then shows
    it in the reader's own zone."""
    now = (now or datetime.now()).astimezone()
    offset = now.strftime("%z")
    zone = f"GMT{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{now.strftime('%d/%m/%Y %H:%M')} ({zone})", now.isoformat(timespec="seconds")


def build_context(results: list[Any], config: Any, lang: str, now: datetime | None = None,
                  full_text: bool | None = None, baseline_hidden: int = 0) -> dict:  # fmt: skip
    lang = "en" if lang == "en" else "vi"
    rules = common.rules_for(results, config)
    multi = len(results) > 1
    base = common.common_base([r.path for r in results]) if multi else None
    full = full_text if full_text is not None else len(results) <= FULL_TEXT_MAX
    docs = [_document_view(r, n + 1, lang, rules, base, full) for n, r in enumerate(results)]
    totals = common.severity_counts([f for r in results for f in r.findings])
    statuses = {k: sum(1 for d in docs if d["status"] == k) for k in ("fail", "fix", "pass")}
    unreadable = sum(1 for d in docs if d["error"])
    per_rule = Counter(f.code for r in results for f in r.findings)
    rule_options = [
        (code, (rules[code].title_en if lang == "en" else rules[code].title_vi) if code in rules else "", n)
        for code, n in sorted(per_rule.items())
    ]
    worst = sorted((d for d in docs if d["status"] != "pass"), key=lambda d: d["rank"])[:10]
    script = _static("report.js")
    style = _static("report.css")
    generated, generated_iso = _local_time(now)
    return {
        "lang": lang,
        "w": _words(lang),
        "labels": common.LABELS[lang],
        "severities": SEVERITIES,
        "docs": docs,
        "multi": multi,
        "lazy": len(docs) >= LAZY_MIN,
        "total": sum(d["total"] for d in docs),
        "totals": totals,
        "statuses": statuses,
        "unreadable": unreadable,
        "suppressed_total": sum(len(d["suppressed"]) for d in docs),
        "baseline_hidden": baseline_hidden,
        "verdict_chart": _verdict_chart(statuses),
        "rule_chart": _rule_chart(results, rules, lang),
        "unit_chart": _unit_chart(results, lang),
        "worst": worst,
        "rule_options": rule_options,
        "rules": rules,
        "version": __version__,
        "generated": generated,
        "generated_iso": generated_iso,
        "script": script,
        "style": style,
        "csp": (
            "default-src 'none'; "
            f"script-src '{csp_hash(script)}'; "
            "style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'"
        ),
    }


def render_html(results: list[Any], options: Any = None) -> str:
    """The report as one self-contained HTML page (``options``: :class:`doclint.report.ReportOptions`)."""
    from doclint.report import ReportOptions

    options = options or ReportOptions()
    context = build_context(results, options.config, options.lang, options.now,
                            getattr(options, "html_full_text", None), options.baseline_hidden)  # fmt: skip
    return environment().get_template("report.html.j2").render(**context)


def render(results: list[Any], config: Any, lang: str, output: Path | None) -> str:
    """Plug-in entry point for ``doclint check --format html [--output report.html]``.

    The engine must keep the documents (``keep_document=True``) for the text to be shown; without
    them the report still lists every finding, with the paragraph the engine kept around its words.
    """
    from doclint.report import ReportOptions

    return render_html(results, ReportOptions(lang=lang, config=config))
