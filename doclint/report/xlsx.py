"""Excel workbook (``--format xlsx`` or ``--output ket-qua.xlsx``), for records offices.

Sheets, headings in the report language:

* **Phát hiện** — one row per finding: file, type, issuing body, document result, code, severity,
  place (as a person finds it in Word), page, paragraph, message, excerpt, suggestion, legal basis,
  rule. The header row is frozen and has filters, so the office can filter by rule, unit or result.
  An unreadable file is one row with its DOC code.
* **Văn bản** — one row per document: result (Không đạt / Cần sửa / Đạt), counts, what to fix first.
* **Theo quy tắc** — how many findings and documents per rule.
* **Đã bỏ qua** — findings a reviewer accepted with a Word comment (who, why), when there are any.

Every text cell is written as text (``data_type = "s"``): a document's "=HYPERLINK(…)" stays words,
never a formula. Characters XML cannot hold are dropped. No dependency at start-up: openpyxl is
imported when a workbook is written.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from doclint.report import ReportOptions, common

HEAD = {
    "vi": {
        "findings": "Phát hiện", "documents": "Văn bản", "rules": "Theo quy tắc", "suppressed": "Đã bỏ qua",
        "file": "Tệp", "type": "Loại văn bản", "issuer": "Cơ quan ban hành", "result": "Kết quả văn bản",
        "code": "Mã", "severity": "Mức độ", "place": "Vị trí", "page": "Trang", "para": "Đoạn",
        "message": "Nội dung phát hiện", "excerpt": "Trích", "suggestion": "Đề xuất sửa", "basis": "Căn cứ",
        "rule": "Quy tắc", "errors": "Lỗi", "warnings": "Cảnh báo", "infos": "Gợi ý", "verdict": "Nhận xét",
        "count": "Số phát hiện", "docs": "Số văn bản", "by": "Người bỏ qua", "reason": "Lý do",
        "n_suppressed": "Đã bỏ qua",
    },
    "en": {
        "findings": "Findings", "documents": "Documents", "rules": "By rule", "suppressed": "Suppressed",
        "file": "File", "type": "Type", "issuer": "Issuing body", "result": "Document result",
        "code": "Code", "severity": "Severity", "place": "Place", "page": "Page", "para": "Paragraph",
        "message": "Message", "excerpt": "Excerpt", "suggestion": "Suggestion", "basis": "Legal basis",
        "rule": "Rule", "errors": "Errors", "warnings": "Warnings", "infos": "Suggestions", "verdict": "Verdict",
        "count": "Findings", "docs": "Documents", "by": "Suppressed by", "reason": "Reason",
        "n_suppressed": "Suppressed",
    },
}  # fmt: skip

FILL = {"error": "FDE8E6", "warning": "FFF3D6", "info": "E6EFFF", "fail": "FDE8E6", "fix": "FFF3D6",
        "pass": "DCFAE6"}  # fmt: skip


def _text(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if isinstance(value, int | float):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _sheet(wb: Any, title: str, headers: list[str], rows: list[list[Any]], widths: list[int],
           fills: list[str | None] | None = None, fill_col: int | None = None) -> Any:  # fmt: skip
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(headers)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="EEF1F5")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = head_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            value = _text(value)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the document says
            if widths[c - 1] >= 30:
                cell.alignment = wrap
        if fills is not None and fill_col is not None and fills[r - 2]:
            ws.cell(row=r, column=fill_col).fill = PatternFill("solid", fgColor=FILL[fills[r - 2]])
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    return ws


def workbook(results: list[Any], options: ReportOptions) -> Any:
    from openpyxl import Workbook

    lang = "en" if options.lang == "en" else "vi"
    h = HEAD[lang]
    rules = common.rules_for(results, options.config)

    def title(code: str) -> str:
        meta = rules.get(code)
        return (meta.title_en if lang == "en" else meta.title_vi) if meta else ""

    base = common.common_base([r.path for r in results]) if len(results) > 1 else None
    wb = Workbook()
    wb.remove(wb.active)
    now = options.now or datetime.now()
    wb.properties.creator = "doclint"
    wb.properties.created = wb.properties.modified = now.replace(tzinfo=None, microsecond=0)

    finding_rows: list[list[Any]] = []
    finding_fills: list[str | None] = []
    doc_rows: list[list[Any]] = []
    doc_fills: list[str | None] = []
    suppressed_rows: list[list[Any]] = []
    per_rule: Counter[str] = Counter()
    docs_per_rule: dict[str, set[str]] = {}
    severity_of_rule: dict[str, str] = {}
    for result in results:
        path = common.display_path(result.path, base)
        doc_type = common.doc_type_name(result.doc_type, lang) if result.doc_type else ""
        issuer = getattr(result, "issuer", None) or ""
        st = common.status(result)
        verdict = common.label("unreadable" if result.error else st, lang)
        counts = common.severity_counts(result.findings)
        suppressed = getattr(result, "suppressed", None) or []
        doc_rows.append([path, doc_type, issuer, verdict, counts["error"], counts["warning"], counts["info"],
                         len(suppressed), common.verdict(result, lang)])  # fmt: skip
        doc_fills.append(st)
        if result.error is not None:
            finding_rows.append([path, doc_type, issuer, verdict, result.error.code, common.label("error", lang),
                                 "", None, None, result.error.message(lang), "", "", "", ""])  # fmt: skip
            finding_fills.append("error")
            continue
        for f in result.findings:
            sev = common.severity_of(f)
            loc = f.location
            per_rule[f.code] += 1
            docs_per_rule.setdefault(f.code, set()).add(path)
            if common.SEVERITY_RANK[sev] >= common.SEVERITY_RANK[severity_of_rule.get(f.code, "info")]:
                severity_of_rule[f.code] = sev
            finding_rows.append([
                path, doc_type, issuer, verdict, f.code, common.label(sev, lang), common.where(f, lang),
                loc.page, loc.block + 1 if loc.block is not None else None, f.message(lang), f.excerpt,
                f.suggestion, f.basis, title(f.code),
            ])  # fmt: skip
            finding_fills.append(sev)
        for f in suppressed:
            by = f.suppressed_by or {}
            suppressed_rows.append([path, f.code, common.where(f, lang), f.message(lang), f.anchor or f.excerpt,
                                    by.get("author", ""), by.get("reason", "")])  # fmt: skip

    _sheet(wb, h["findings"],
           [h["file"], h["type"], h["issuer"], h["result"], h["code"], h["severity"], h["place"], h["page"],
            h["para"], h["message"], h["excerpt"], h["suggestion"], h["basis"], h["rule"]],
           finding_rows, [36, 14, 28, 14, 9, 11, 28, 7, 7, 60, 40, 34, 34, 36], finding_fills, 6)  # fmt: skip
    _sheet(wb, h["documents"],
           [h["file"], h["type"], h["issuer"], h["result"], h["errors"], h["warnings"], h["infos"],
            h["n_suppressed"], h["verdict"]],
           doc_rows, [40, 14, 30, 14, 8, 10, 8, 10, 70], doc_fills, 4)  # fmt: skip
    rule_rows = [[code, title(code), common.label(severity_of_rule[code], lang), n, len(docs_per_rule[code]),
                  rules[code].basis if code in rules else ""]
                 for code, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))]  # fmt: skip
    _sheet(wb, h["rules"], [h["code"], h["rule"], h["severity"], h["count"], h["docs"], h["basis"]], rule_rows,
           [9, 50, 11, 12, 12, 40])  # fmt: skip
    if suppressed_rows:
        _sheet(wb, h["suppressed"], [h["file"], h["code"], h["place"], h["message"], h["excerpt"], h["by"],
                                     h["reason"]], suppressed_rows, [36, 9, 28, 60, 36, 20, 40])  # fmt: skip
    return wb


def render_xlsx(results: list[Any], options: ReportOptions) -> bytes:
    buffer = io.BytesIO()
    workbook(results, options).save(buffer)
    return buffer.getvalue()


def render(results: list[Any], config: Any, lang: str, output: Path | None) -> bytes:
    return render_xlsx(results, ReportOptions(lang=lang, config=config))
