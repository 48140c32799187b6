"""HTML report: one self-contained file for one document or a whole folder.

Why one file (and not ``index.html`` + a page per document): a report is something people e-mail to a
lãnh đạo or attach to a hồ sơ; one file cannot lose its pages on the way, opens offline, and prints
in one go. For a folder the file starts with an index (summary table, most frequent rules, counts per
document type) followed by one section per document.

Safety: Jinja2 renders with autoescape on and this module never builds HTML itself, so document text
(which may contain ``<script>``) always reaches the page as text. A strict Content-Security-Policy
(``default-src 'none'``; the one inline script allowed by its SHA-256 hash) means the report cannot
fetch anything, even if opened from a mail client. No external CSS, JS, font or image.

The text of each document is shown with every finding highlighted in place (block + start/end
offsets), with a side note per finding (code, message, suggestion, legal basis) that also prints.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from doclint import __version__
from doclint.report import common
from doclint.report.common import SEVERITIES, family_of, severity_of

TEMPLATES = Path(__file__).resolve().parent / "templates"


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
    title: str = ""


@dataclass
class FindingView:
    fid: str
    code: str
    name: str
    severity: str
    family: str
    family_name: str
    message: str
    excerpt: str | None
    suggestion: str | None
    basis: str
    where: str
    component: str
    component_name: str
    block: int | None
    anchored: bool  # highlighted in the text (has a place to jump to)
    target: str | None  # id of the place in the text
    title: str  # one-line text for tooltips
    rule_title: str
    related: str | None = None  # id of a second paragraph the finding points at (duplicates...)
    related_label: str = ""


@dataclass
class ParaView:
    index: int
    pid: str
    kind: str
    page: int | None
    segments: list[Segment]
    notes: list[FindingView]
    whole: str | None  # worst severity of the findings that cover the paragraph without offsets
    whole_fids: list[str]
    whole_title: str
    in_table: bool
    new_page: int | None = None  # the page this paragraph starts, when it differs from the previous one


def _tooltip(f: Any, lang: str) -> str:
    words = _words(lang)
    lines = [f"{f.code} · {common.label(severity_of(f), lang)}: {f.message(lang)}"]
    if f.suggestion:
        lines.append(f"{words['suggestion']}: {f.suggestion}")
    if f.basis:
        lines.append(f"{words['basis']}: {f.basis}")
    return "\n".join(lines)


def _segments(text: str, spans: list[tuple[int, int, str, str, str]]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece knows which findings cover it.

    ``spans``: (start, end, fid, severity, tooltip). Overlapping and nested spans are fine.
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
            seg.title = "\n\n".join(s[4] for s in covering)
            seg.anchors = [s[2] for s in covering if s[2] not in started]
            started.update(seg.anchors)
        out.append(seg)
    return out


def _words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "vi"]


def _document_view(result: Any, n: int, lang: str, rules: dict[str, Any], base: Path | None) -> dict:
    doc = result.document
    blocks = doc.blocks if doc is not None else []
    findings: list[FindingView] = []
    spans: dict[int, list[tuple[int, int, str, str, str]]] = {}
    whole: dict[int, list[FindingView]] = {}  # findings on a paragraph without offsets
    notes: dict[int, list[FindingView]] = {}
    for i, f in enumerate(result.findings):
        fid = f"d{n}-f{i + 1}"
        loc = f.location
        sev = severity_of(f)
        fam = family_of(f)
        block = loc.block if loc.block is not None and 0 <= loc.block < len(blocks) else None
        meta = rules.get(f.code)
        view = FindingView(
            fid=fid,
            code=f.code,
            name=f.name or (meta.name if meta else ""),
            severity=sev,
            family=fam,
            family_name=common.family_name(fam, lang),
            message=f.message(lang),
            excerpt=f.excerpt,
            suggestion=f.suggestion,
            basis=f.basis or (meta.basis if meta else ""),
            where=common.where(f, lang),
            component=loc.component or "",
            component_name=common.component_name(loc.component, lang),
            block=block,
            anchored=block is not None,
            target=fid if block is not None else None,
            title=_tooltip(f, lang),
            rule_title=(meta.title_en if lang == "en" else meta.title_vi) if meta else "",
        )
        related = getattr(loc, "related_block", None)
        if related is not None and 0 <= related < len(blocks):
            view.related = f"d{n}-p{related + 1}"
            view.related_label = f"{common.label('para', lang)} {related + 1}"
        findings.append(view)
        if block is None:
            continue
        notes.setdefault(block, []).append(view)
        start, end = loc.start, loc.end
        if start is not None and end is not None and 0 <= start < end <= len(blocks[block].text):
            spans.setdefault(block, []).append((start, end, fid, sev, view.title))
        else:
            whole.setdefault(block, []).append(view)

    paras: list[ParaView] = []
    previous_page = blocks[0].page if blocks else None
    for b in blocks:
        new_page = (
            b.page if b.page is not None and previous_page is not None and b.page != previous_page else None
        )
        previous_page = b.page if b.page is not None else previous_page
        whole_views = whole.get(b.index, [])
        whole_sev = None
        if whole_views:
            whole_sev = max((v.severity for v in whole_views), key=lambda s: common.SEVERITY_RANK[s])
        paras.append(
            ParaView(
                index=b.index,
                pid=f"d{n}-p{b.index + 1}",
                kind=b.kind,
                page=b.page,
                segments=_segments(b.text, spans.get(b.index, [])),
                notes=notes.get(b.index, []),
                whole=whole_sev,
                whole_fids=[v.fid for v in whole_views],
                whole_title="\n\n".join(v.title for v in whole_views),
                in_table=b.table is not None,
                new_page=new_page,
            )
        )

    # grouped by component in reading order; findings on no component (spelling, citations...) by
    # rule family after them, and what concerns the whole document last
    groups: dict[str, list[FindingView]] = {}
    rank: dict[str, tuple[int, int]] = {}
    component_order = {k: i for i, k in enumerate(common.COMPONENT_NAMES)}
    family_order = {k: i for i, k in enumerate(common.FAMILY_NAMES)}
    for v in findings:
        if v.component:
            name, key = v.component_name, (0, component_order.get(v.component, 90))
        elif v.block is not None:
            name, key = v.family_name or v.family, (1, family_order.get(v.family, 90))
        else:
            name, key = common.component_name(None, lang), (2, 0)
        groups.setdefault(name, []).append(v)
        rank.setdefault(name, key)
    grouped = sorted(groups.items(), key=lambda kv: (rank[kv[0]], kv[0]))

    by_component: dict[str, list[FindingView]] = {}
    for v in findings:
        key = (
            "quoc_hieu"
            if v.component == "tieu_ngu"
            else ("recipients" if v.component == "luu" else v.component)
        )
        by_component.setdefault(key, []).append(v)

    status = common.status(result)
    rec = result.recognition
    counts = common.severity_counts(result.findings)
    return {
        "n": n,
        "id": f"d{n}",
        "path": common.display_path(result.path, base),
        "name": Path(result.path).name,
        "format": (result.format or "").upper(),
        "doc_type": result.doc_type,
        "doc_type_label": common.doc_type_label(result.doc_type, lang),
        "family": result.family,
        "stage": result.stage,
        "status": status,
        "status_label": common.label("unreadable" if result.error else status, lang),
        "error": result.error.message(lang) if result.error else None,
        "error_code": result.error.code if result.error else None,
        "counts": counts,
        "verdict": _verdict(status, counts, result.error is not None, lang),
        "total": len(result.findings),
        "families": [
            (fam, common.family_name(fam, lang), c) for fam, c in common.family_counts(result.findings)
        ],
        "checklist": common.checklist(rec, lang),
        "by_component": by_component,
        "paras": paras,
        "has_text": doc is not None,
        "findings": findings,
        "unanchored": [v for v in findings if not v.anchored],
        "groups": grouped,
        "pages": doc.facts.page_count if doc is not None else None,
    }


def _verdict(status: str, counts: dict[str, int], unreadable: bool, lang: str) -> str:
    """One plain sentence a lãnh đạo can act on."""
    e, w, i = counts["error"], counts["warning"], counts["info"]
    if lang == "en":
        if unreadable:
            return "The file could not be read: check that it is the right file and not damaged."
        if status == "fail":
            return f"Fix {e} error{'s' if e != 1 else ''} before the document is signed" + (
                f"; also review {w} warning{'s' if w != 1 else ''}." if w else "."
            )
        if status == "fix":
            return f"No errors; review {w} warning{'s' if w != 1 else ''} before signing."
        return "Meets the format rules checked" + (
            f"; {i} suggestion{'s' if i != 1 else ''} to consider." if i else "."
        )
    if unreadable:
        return "Không đọc được tệp: hãy kiểm tra lại tệp gửi kiểm tra (đúng tệp, không bị hỏng)."
    if status == "fail":
        return f"Cần sửa {e} lỗi trước khi trình ký" + (f"; xem thêm {w} cảnh báo." if w else ".")
    if status == "fix":
        return f"Không có lỗi; nên xem lại {w} cảnh báo trước khi trình ký."
    return "Đạt yêu cầu thể thức theo các quy tắc đã kiểm tra" + (
        f"; có {i} gợi ý để tham khảo." if i else "."
    )


def _bar_chart(results: list[Any], rules: dict[str, Any], lang: str, top: int = 10) -> dict:
    """The most frequent rules; each bar in the colour of the worst severity its findings had."""
    from doclint.report.statistics import counts

    rows = [(code, n, sev) for code, n, sev, _name in counts(results)][:top]
    peak = max((n for _, n, _ in rows), default=1)
    bar_area = 300
    out = []
    for i, (code, count, sev) in enumerate(rows):
        meta = rules.get(code)
        title = (meta.title_en if lang == "en" else meta.title_vi) if meta else ""
        out.append({
            "code": code,
            "count": count,
            "title": title,
            "y": i * 28,
            "width": max(2, round(bar_area * count / peak)),
            "severity": sev,
        })  # fmt: skip
    return {"rows": out, "height": max(28, len(out) * 28), "bar_area": bar_area}


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
        "status": "Kết quả",
        "counts": "Phát hiện",
        "top_rules": "Các quy tắc bị vi phạm nhiều nhất",
        "per_type": "Số văn bản theo loại",
        "filters": "Lọc phát hiện",
        "severity": "Mức độ",
        "family": "Nhóm quy tắc",
        "showing": "Đang hiển thị",
        "of": "trên",
        "components": "Các thành phần thể thức nhận diện được",
        "found": "có",
        "missing": "chưa thấy",
        "text": "Nội dung văn bản (phát hiện được tô màu tại chỗ)",
        "list": "Danh sách phát hiện theo thành phần",
        "general": "Phát hiện chung (không gắn với một đoạn cụ thể)",
        "suggestion": "Đề xuất sửa",
        "basis": "Căn cứ",
        "excerpt": "Trích",
        "goto": "Xem trong văn bản",
        "related": "Liên quan",
        "explain": "Giải thích quy tắc",
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
        "by_family": "Theo nhóm",
        "stage_draft": "dự thảo",
        "stage_final": "bản trình ký",
        "stage_issued": "đã phát hành",
        "stage": "Giai đoạn",
        "format": "Định dạng",
        "skip": "Bỏ qua, đến nội dung",
        "contents": "Các văn bản",
        "back": "Về đầu báo cáo",
        "sort": "Sắp xếp",
        "how_status": "Cách xác định kết quả",
        "print_note": "In báo cáo: các ghi chú bên lề được in cùng văn bản.",
        "legend": "Chú giải màu",
        "count_unit": "phát hiện",
        "of_docs": "văn bản",
        "unknown_type": "Chưa xác định",
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
        "status": "Result",
        "counts": "Findings",
        "top_rules": "Most frequent rules",
        "per_type": "Documents per type",
        "filters": "Filter findings",
        "severity": "Severity",
        "family": "Rule family",
        "showing": "Showing",
        "of": "of",
        "components": "Recognised components",
        "found": "found",
        "missing": "not found",
        "text": "Document text (findings highlighted in place)",
        "list": "Findings by component",
        "general": "General findings (not tied to one paragraph)",
        "suggestion": "Suggestion",
        "basis": "Legal basis",
        "excerpt": "Excerpt",
        "goto": "Show in text",
        "related": "Related",
        "explain": "Rule explanation",
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
        "by_family": "By family",
        "stage_draft": "draft",
        "stage_final": "submitted for signing",
        "stage_issued": "issued",
        "stage": "Stage",
        "format": "Format",
        "skip": "Skip to content",
        "contents": "Documents",
        "back": "Back to top",
        "sort": "Sort",
        "how_status": "How the result is decided",
        "print_note": "Printing: the margin notes are printed with the text.",
        "legend": "Colour key",
        "count_unit": "findings",
        "of_docs": "documents",
        "unknown_type": "Unknown",
    },
}


def build_context(results: list[Any], config: Any, lang: str, now: datetime | None = None) -> dict:
    lang = "en" if lang == "en" else "vi"
    rules = common.rules_for(results, config)
    base = common.common_base([r.path for r in results]) if len(results) > 1 else None
    docs = [_document_view(r, n + 1, lang, rules, base) for n, r in enumerate(results)]
    totals = common.severity_counts([f for r in results for f in r.findings])
    statuses = {k: sum(1 for d in docs if d["status"] == k) for k in ("fail", "fix", "pass")}
    unreadable = sum(1 for d in docs if d["error"])
    per_type: dict[str, int] = {}
    for d in docs:
        key = d["doc_type_label"] if d["doc_type"] else _words(lang)["unknown_type"]
        per_type[key] = per_type.get(key, 0) + 1
    families = sorted({v.family for d in docs for v in d["findings"]})
    script = _static("report.js")
    style = _static("report.css")
    now = now or datetime.now(UTC)
    return {
        "lang": lang,
        "w": _words(lang),
        "labels": common.LABELS[lang],
        "severities": SEVERITIES,
        "docs": docs,
        "multi": len(docs) > 1,
        "total": sum(d["total"] for d in docs),
        "totals": totals,
        "statuses": statuses,
        "unreadable": unreadable,
        "per_type": sorted(per_type.items(), key=lambda kv: (-kv[1], kv[0])),
        "families": [(fam, common.family_name(fam, lang)) for fam in families],
        "chart": _bar_chart(results, rules, lang),
        "rules": rules,
        "version": __version__,
        "generated": now.strftime("%d/%m/%Y %H:%M UTC")
        if lang == "vi"
        else now.strftime("%Y-%m-%d %H:%M UTC"),
        "script": script,
        "style": style,
        "csp": (
            "default-src 'none'; "
            f"script-src '{csp_hash(script)}'; "
            "style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'"
        ),
    }


def render_html(results: list[Any], config: Any, lang: str = "vi", now: datetime | None = None) -> str:
    context = build_context(results, config, lang, now)
    return environment().get_template("report.html.j2").render(**context)


def render(results: list[Any], config: Any, lang: str, output: Path | None) -> str:
    """Plug-in entry point for ``doclint check --format html [--output report.html]``.

    The engine must keep the documents (``keep_document=True``) for the text to be shown; without
    them the report still lists every finding, only without the highlighted text.
    """
    return render_html(results, config, lang)
