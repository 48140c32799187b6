"""CSV (``--format csv``): one row per finding, for records offices that work in Excel.

UTF-8 with a byte-order mark (Excel only reads Vietnamese correctly from a CSV that starts with
one), CRLF line ends, every field quoted when needed by the standard ``csv`` module. Column headers
follow ``--lang``. An unreadable file is one row with its DOC code and message, so no input is
silently missing from the sheet. Cells that start with ``=``, ``+``, ``-`` or ``@`` are prefixed with
an apostrophe so that a document's text can never run as a spreadsheet formula.

The separator is a comma unless ``--csv-sep ';'``: Excel splits a double-clicked CSV with the list
separator of the regional settings, and the Vietnamese settings use ``;``. No ``sep=`` line is
written: Excel then ignores the byte-order mark and garbles every Vietnamese letter. The command line
prints a one-line hint (:data:`EXCEL_HINT`) after writing a CSV; an ``.xlsx`` avoids the question.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from doclint.report import common

HEADERS = {
    "vi": ["Tệp", "Loại văn bản", "Mã", "Mức độ", "Trang", "Đoạn", "Nội dung phát hiện", "Trích", "Đề xuất sửa",
           "Căn cứ", "Vị trí", "Kết quả văn bản", "Cơ quan ban hành"],
    "en": ["File", "Type", "Code", "Severity", "Page", "Paragraph", "Message", "Excerpt", "Suggestion", "Basis",
           "Place", "Document result", "Issuing body"],
}  # fmt: skip
SEPARATORS = (",", ";", "\t")

EXCEL_HINT = {
    "vi": ("Mở bằng Excel: nếu mọi cột dồn vào cột A, máy đang dùng dấu ';' để phân cách (cài đặt vùng Việt Nam) — "
           "chạy lại với --csv-sep ';', hoặc ghi ra tệp .xlsx (--output ket-qua.xlsx)."),
    "en": ("Opening in Excel: if everything lands in column A, your regional settings separate lists with ';' — run "
           "again with --csv-sep ';', or write an .xlsx (--output results.xlsx)."),
}  # fmt: skip

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def rows(results: list[Any], lang: str = "vi") -> list[list[str]]:
    base = common.common_base([r.path for r in results]) if len(results) > 1 else None
    out: list[list[str]] = []
    for result in results:
        path = common.display_path(result.path, base)
        doc_type = common.doc_type_name(result.doc_type, lang) if result.doc_type else ""
        verdict = common.label("unreadable" if result.error else common.status(result), lang)
        issuer = getattr(result, "issuer", None) or ""
        if result.error is not None:
            out.append([cell(x) for x in (path, doc_type, result.error.code, common.label("error", lang), "", "",
                                          result.error.message(lang), "", "", "", "", verdict, issuer)])  # fmt: skip
            continue
        for f in result.findings:
            loc = f.location
            out.append([
                cell(x)
                for x in (path, doc_type, f.code, common.label(common.severity_of(f), lang), loc.page,
                          loc.block + 1 if loc.block is not None else None, f.message(lang), f.excerpt,
                          f.suggestion, f.basis, common.where(f, lang), verdict, issuer)
            ])  # fmt: skip
    return out


def render_csv(results: list[Any], options: Any) -> bytes:
    return render(results, options.config, options.lang, None, sep=options.csv_sep)


def render(results: list[Any], config: Any, lang: str, output: Path | None, sep: str = ",") -> bytes:
    lang = "en" if lang == "en" else "vi"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", delimiter=sep, lineterminator="\r\n")
    writer.writerow(HEADERS[lang])
    writer.writerows(rows(results, lang))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")
