"""Component recognition (NĐ 30, Điều 8): finds each part of the document and classifies it.

The same code reads a DOCX (two-column header/footer tables), a PDF (columns turned into table cells
by the loader) and flattened text, because it works on :class:`~doclint.recognise.lines.Line` s and
uses table cells and formatting only as extra evidence when they exist.
"""

from __future__ import annotations

from doclint.model import Document
from doclint.recognise.classify import classify
from doclint.recognise.components import Recognition
from doclint.recognise.footer import find_appendix_refs, recognise_footer
from doclint.recognise.header import comp, recognise_header
from doclint.recognise.lines import Line, split_lines
from doclint.recognise.outline import recognise_outline
from doclint.recognise.patterns import APPENDIX_HEAD, END_MARK
from doclint.recognise.title import find_title, find_title_candidate, recognise_title
from doclint.rulepack import RulePack


def recognise(doc: Document, pack: RulePack) -> Recognition:
    rec = Recognition()
    lines = split_lines(doc)
    if not lines:
        rec.notes.append("văn bản không có nội dung chữ")
        return rec
    title_index = find_title(lines)
    after_header = recognise_header(lines, rec, title_index)
    if title_index is None and (candidate := find_title_candidate(lines, max(after_header, 0))):
        rec.title_candidate = comp(candidate)
    body_start_line = recognise_title(lines, rec, title_index, max(after_header, 0))
    body_start_line = min(body_start_line, len(lines) - 1)
    rec.body_start = lines[body_start_line].block
    recognise_footer(lines, rec, body_start_line)
    if rec.body_end is None or rec.body_end < rec.body_start:
        rec.body_end = rec.body_start
    body = rec.body_range()
    auto = {b.index for b in doc.blocks if b.para.numbering_label}
    rec.outline = recognise_outline(lines, body, auto)
    find_appendix_refs(lines, rec, body)
    _end_mark(lines, rec)
    types = pack.table("doc_types")
    codes = {t["code"] for t in types.get("type", [])} | {
        t["abbr"] for t in types.get("type", []) if t["abbr"]
    }
    first = next((ln.text for ln in lines if ln.text.strip()), "")
    classify(rec, codes, starts_with_appendix=bool(APPENDIX_HEAD.match(first)))
    return rec


def _end_mark(lines: list[Line], rec: Recognition) -> None:
    last = [ln for ln in lines if ln.block == rec.body_end]
    if last:
        line = last[-1]
        rec.end_mark = comp(line, has_mark=line.text.rstrip().endswith(END_MARK))
