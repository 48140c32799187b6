"""What every people-facing report shares: the status of a document, labels in both languages,
the recognised-components checklist, counts, and the rule metadata behind each finding.

Status of a document (written in the reports themselves, so a reader can check it):

* **Không đạt / Fails** — the file could not be read, or at least one finding has severity ``error``;
* **Cần sửa / Needs changes** — no ``error``, but at least one ``warning``;
* **Đạt / Passes** — only ``info`` findings (suggestions) or none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from doclint.findings import SEVERITY_RANK, Finding

SEVERITIES = ("error", "warning", "info")

STATUS_ORDER = {"fail": 0, "fix": 1, "pass": 2}

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "error": "Lỗi",
        "warning": "Cảnh báo",
        "info": "Gợi ý",
        "fail": "Không đạt",
        "fix": "Cần sửa",
        "pass": "Đạt",
        "unreadable": "Không đọc được",
        "status_rule": (
            "“Không đạt” khi văn bản có ít nhất một lỗi (mức Lỗi) hoặc không đọc được tệp; "
            "“Cần sửa” khi không có lỗi nhưng có cảnh báo; “Đạt” khi chỉ có gợi ý hoặc không có phát hiện nào."
        ),
        "page": "trang",
        "para": "đoạn",
        "suppressed": "Đã bỏ qua",
    },
    "en": {
        "error": "Error",
        "warning": "Warning",
        "info": "Suggestion",
        "fail": "Fails",
        "fix": "Needs changes",
        "pass": "Passes",
        "unreadable": "Unreadable",
        "status_rule": (
            "“Fails” when the document has at least one finding of severity Error or the "
            "file could not be read; “Needs changes” when there is no error but at least one warning; "
            "“Passes” when there are only suggestions or no findings at all."
        ),
        "page": "page",
        "para": "paragraph",
        "suppressed": "Suppressed",
    },
}


# component key (Location.component / Recognition attribute) -> (vi, en)
COMPONENT_NAMES: dict[str, tuple[str, str]] = {
    "quoc_hieu": ("Quốc hiệu, Tiêu ngữ", "National title and motto"),
    "tieu_ngu": ("Tiêu ngữ", "Motto"),
    "parent_body": ("Cơ quan chủ quản", "Parent body"),
    "issuer": ("Tên cơ quan ban hành", "Issuing body"),
    "number": ("Số, ký hiệu", "Number and symbol"),
    "place_date": ("Địa danh, ngày tháng", "Place and date"),
    "doc_type_name": ("Tên loại văn bản", "Document type"),
    "trich_yeu": ("Trích yếu nội dung", "Summary (trích yếu)"),
    "kinh_gui": ("Kính gửi", "Addressees"),
    "can_cu": ("Căn cứ ban hành", "Legal grounds"),
    "body": ("Nội dung", "Body"),
    "outline": ("Bố cục nội dung", "Outline"),
    "signature": ("Chức vụ, họ tên người ký", "Signatory"),
    "recipients": ("Nơi nhận", "Recipients"),
    "luu": ("Nơi lưu", "Filing (Lưu)"),
    "appendices": ("Phụ lục", "Appendices"),
    "layout": ("Trình bày trang", "Page layout"),
    "page": ("Trình bày trang", "Page layout"),
    "citation": ("Trích dẫn văn bản", "Citations"),
    "family": ("Loại văn bản", "Kind of document"),
    "capitalisation": ("Viết hoa", "Capitalisation"),
    "abbreviation": ("Viết tắt", "Abbreviations"),
    "sections": ("Bố cục theo mẫu", "Template sections"),
    "authority_line": ("Thẩm quyền ban hành", "Issuing authority"),
    "enactment": ("Dòng “QUYẾT ĐỊNH:”", "Enactment line"),
    "": ("Toàn văn bản", "Whole document"),
}

# the checklist the issue asks for, in reading order
CHECKLIST = ("quoc_hieu", "issuer", "number", "place_date", "doc_type_name", "trich_yeu", "signature",
             "recipients")  # fmt: skip


def label(key: str, lang: str) -> str:
    return LABELS["en" if lang == "en" else "vi"].get(key, key)


def bilingual(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def family_name(family: str, lang: str) -> str:
    """The family's title as its rules-<family>.toml declares it (the rule pack is the one place it lives)."""
    if not family:
        return ""
    from doclint.rulepack import load_pack

    meta = load_pack().families.get(family)
    if meta is None:
        return family
    return meta.title_en if lang == "en" else meta.title_vi


def component_name(component: str | None, lang: str) -> str:
    key = component or ""
    if key in COMPONENT_NAMES:
        return bilingual(COMPONENT_NAMES[key], lang)
    # never a raw key in a people-facing report
    return bilingual(COMPONENT_NAMES[""], lang)


def severity_of(finding: Finding) -> str:
    return finding.severity if finding.severity in SEVERITY_RANK else "info"


def family_of(finding: Finding) -> str:
    if finding.family:
        return finding.family
    code = finding.code
    return code.rstrip("0123456789") or code


def status(result: Any) -> str:
    """``fail`` / ``fix`` / ``pass`` — see the module docstring."""
    if result.error is not None:
        return "fail"
    worst = max((SEVERITY_RANK[severity_of(f)] for f in result.findings), default=0)
    if worst >= SEVERITY_RANK["error"]:
        return "fail"
    if worst >= SEVERITY_RANK["warning"]:
        return "fix"
    return "pass"


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[severity_of(f)] += 1
    return counts


def family_counts(findings: list[Finding]) -> list[tuple[str, int]]:
    counts = Counter(family_of(f) for f in findings)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def display_path(path: str, base: Path | None = None) -> str:
    """The path as the reader knows it: relative to ``base`` (or the working folder) when inside it."""
    p = Path(path)
    for root in [base, Path.cwd()]:
        if root is None:
            continue
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return p.as_posix()


def common_base(paths: list[str]) -> Path | None:
    """The deepest folder holding every path (for relative names in a folder report)."""
    if not paths:
        return None
    try:
        parents = [Path(p).resolve().parent for p in paths]
    except OSError:
        return None
    base = parents[0]
    for parent in parents[1:]:
        while base not in (parent, *parent.parents):
            if base.parent == base:
                return None
            base = base.parent
    if base.parent == base:  # only the filesystem root in common: paths say more as they are
        return None
    return base


@dataclass(eq=False, repr=False)
class CheckItem:
    """One row of a report's component checklist: a component and whether it was found."""

    key: str
    name: str
    found: bool
    text: str
    block: int | None


def checklist(rec: Any, lang: str) -> list[CheckItem]:
    """The recognised components as a checklist (found or not, with text and block)."""
    items: list[CheckItem] = []
    if rec is None:
        return items
    for key in CHECKLIST:
        value = getattr(rec, key, None)
        text, block = "", None
        if key == "signature":
            sig = value
            if sig is not None:
                name = sig.name.text if sig.name else ""
                title = sig.title.text if sig.title else ""
                text = " — ".join(x for x in (title, name) if x) or sig.text
                first = sig.authority[0] if sig.authority else (sig.title or sig.name)
                block = first.block if first else (sig.blocks[0] if sig.blocks else None)
        elif key == "recipients":
            if rec.recipients:
                text = "; ".join(c.text.strip(" -;.") for c in rec.recipients[:6])
                if len(rec.recipients) > 6:
                    text += "; …"
                block = (rec.recipients_label or rec.recipients[0]).block
        elif key == "quoc_hieu":
            if value is not None:
                text = value.text
                if rec.tieu_ngu is not None:
                    text = f"{text} — {rec.tieu_ngu.text}"
                block = value.block
        elif key == "doc_type_name":
            if value is not None:
                text, block = value.text, value.block
            elif rec.doc_type:
                text = rec.doc_type
        elif value is not None:
            text, block = value.text, value.block
        found = bool(text)
        items.append(CheckItem(key=key, name=component_name(key, lang), found=found, text=text, block=block))
    return items


FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "administrative": ("văn bản hành chính", "administrative document"),
    "normative": ("văn bản quy phạm pháp luật", "legal normative document"),
    "party": ("văn bản của Đảng", "Party document"),
    "other": ("chưa nhận ra là văn bản hành chính", "not recognised as an administrative document"),
}


def doc_family_label(family: str | None, lang: str) -> str:
    return bilingual(FAMILY_LABELS[family], lang) if family in FAMILY_LABELS else ""


@cache
def _type_names() -> dict[str, tuple[str, str]]:
    """code -> (Vietnamese name, English name), from the rule pack's doc_types table."""
    names: dict[str, tuple[str, str]] = {}
    try:
        from doclint.rulepack import load_pack

        for entry in load_pack().table("doc_types").get("type", []):
            if entry.get("code") and entry.get("name"):
                names.setdefault(entry["code"], (entry["name"], entry.get("name_en") or entry["name"]))
    except Exception:  # a report must still be written when the pack is broken
        pass
    names.setdefault("KHAC", ("Loại khác", "Other type"))
    return names


def doc_type_name(doc_type: str | None, lang: str = "vi") -> str:
    """ "Kế hoạch" for KH ("Plan" in English): the name a person uses, never an internal code alone."""
    if not doc_type:
        return "Unknown type" if lang == "en" else "Chưa xác định loại"
    pair = _type_names().get(doc_type)
    return bilingual(pair, lang) if pair else doc_type


def doc_type_label(doc_type: str | None, lang: str) -> str:
    if not doc_type:
        return "—"
    pair = _type_names().get(doc_type)
    if pair is None:
        return doc_type
    return f"{pair[0]} ({doc_type})" if lang != "en" else f"{doc_type} — {bilingual(pair, lang)}"


def where(finding: Finding, lang: str) -> str:
    """Where a person finds it ("trang 2, mục II.1, đoạn 3"); the paragraph index only as a last resort."""
    from doclint.places import label as place_label

    loc = finding.location
    place = getattr(finding, "place", None)
    if place or loc.component:
        text = place_label(place, lang, loc.component)
        if text:
            return text
    parts = []
    if loc.page:
        parts.append(f"{label('page', lang)} {loc.page}")
    if loc.block is not None:
        parts.append(f"{label('para', lang)} {loc.block + 1}")
    return ", ".join(parts)


def rule_counts(results: list[Any]) -> list[tuple[str, int]]:
    counts = Counter(f.code for r in results for f in r.findings)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def rules_for(results: list[Any], config: Any) -> dict[str, Any]:
    """Rule metadata (RuleMeta) for the codes that appear, from the configured packs."""
    from doclint.rulepack import load_pack

    try:
        rules = load_pack(tuple(getattr(config, "packs", ()) or ())).rules
    except Exception:  # a report must still be written when a pack is broken
        rules = {}
    codes = {f.code for r in results for f in r.findings}
    return {code: rules[code] for code in sorted(codes) if code in rules}


def verdict(result: Any, lang: str) -> str:
    """One plain sentence a drafter can act on: the status and what to fix first."""
    from collections import Counter

    counts = severity_counts(result.findings)
    e, w, i = counts["error"], counts["warning"], counts["info"]
    st = status(result)
    en = lang == "en"
    if result.error is not None:
        if en:
            return "Unreadable: check that it is the right file and not damaged."
        return "Không đọc được tệp: hãy kiểm tra lại tệp (đúng tệp, không bị hỏng)."

    def top(sev: str) -> str:
        codes = Counter(f.code for f in result.findings if severity_of(f) == sev)
        first: dict[str, int] = {}
        for n, f in enumerate(result.findings):
            first.setdefault(f.code, n)
        ranked = sorted(codes, key=lambda c: (-codes[c], first[c]))[:3]
        return ", ".join(f"{c} ×{codes[c]}" if codes[c] > 1 else c for c in ranked)

    if st == "fail":
        if en:
            return f"Fails: fix {e} error{'s' if e != 1 else ''} before signing, first {top('error')}" + (
                f"; then review {w} warning{'s' if w != 1 else ''}." if w else "."
            )
        return f"Không đạt: sửa {e} lỗi trước khi trình ký, trước hết {top('error')}" + (
            f"; sau đó xem {w} cảnh báo." if w else "."
        )
    if st == "fix":
        if en:
            return f"Needs changes: no errors; review {w} warning{'s' if w != 1 else ''}, first {top('warning')}."
        return f"Cần sửa: không có lỗi; xem lại {w} cảnh báo, trước hết {top('warning')}."
    if en:
        return "Passes" + (f"; {i} suggestion{'s' if i != 1 else ''} to consider." if i else ".")
    return "Đạt" + (f"; có {i} gợi ý để tham khảo." if i else ".")
