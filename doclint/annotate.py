"""Word comments: a copy of the draft with one comment per finding, anchored on the offending text.

How a finding finds its text: the findings point at ``Block`` index + character offsets, and blocks
come from :class:`doclint.load.docx.DocxReader`. Here the same reader walks the body of the document
*as python-docx parsed it* (so the elements we change are the ones python-docx will save), and a
subclass records, for every block, its ``w:p`` and for every text run its ``w:r``. The text of each
re-walked block is compared with the loader's; a block that differs is never split, its comment
covers the whole paragraph instead. Runs are split at the finding's offsets (a deep copy of the
``w:r`` with the text cut in two, formatting kept), so the comment highlights exactly the words.

Findings with no text position (margins, fonts, a missing component) anchor on the first paragraph
of their section (``Location.section`` when a rule gives one, else the first section), which is what
a reviewer sees first on that page; a missing signature, Nơi nhận or Lưu line goes on the last
paragraph, where the reviewer would look for it. The input file is only read, never written: the copy is saved
beside it (``<name>.doclint.docx``) or where ``-o`` says, and writing over the input is refused.
"""

from __future__ import annotations

import contextlib
import copy
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from doclint.errors import LoadError
from doclint.load.docx import DocxReader, Package, _Para, q
from doclint.load.guard import check_file, open_zip

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "doclint"
INITIALS = "DL"

WORDS = {
    "vi": {"suggest": "Đề xuất sửa", "basis": "Căn cứ", "error": "Lỗi", "warning": "Cảnh báo", "info": "Gợi ý"},
    "en": {"suggest": "Suggestion", "basis": "Legal basis", "error": "Error", "warning": "Warning",
           "info": "Suggestion"},
}  # fmt: skip


class AnnotateError(Exception):
    """Annotation is impossible for this input (not a DOCX, output = input...)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.vi, self.en = vi, en

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


def require_docx(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix in (".docx", ".docm"):
        return
    if suffix == ".pdf":
        raise AnnotateError(
            f"{path.name}: chú thích Word chỉ ghi được vào tệp DOCX. Tệp PDF không sửa được bằng Word — "
            "hãy chạy lại với bản .docx của văn bản này (bản gốc do người soạn thảo giữ).",
            f"{path.name}: Word comments can only be written into a DOCX. A PDF cannot carry them — "
            "run again on the .docx version of this document.",
        )
    if suffix == ".doc":
        raise AnnotateError(
            f"{path.name}: chú thích Word cần tệp DOCX. Hãy lưu tệp .doc thành .docx (Word: Tệp → Lưu thành; "
            "hoặc: soffice --headless --convert-to docx) rồi chạy lại.",
            f"{path.name}: Word comments need a DOCX. Save the .doc as .docx (Word: File → Save As; or "
            "soffice --headless --convert-to docx) and run again.",
        )
    raise AnnotateError(
        f"{path.name}: chú thích Word chỉ ghi được vào tệp DOCX.",
        f"{path.name}: Word comments can only be written into a DOCX.",
    )


# ---------------------------------------------------------------- block -> XML mapping


class _MappingReader(DocxReader):
    """The loader's traversal, remembering the ``w:p`` of each block and the ``w:r`` of each run."""

    def __init__(self, pkg: Package, path: Path) -> None:
        super().__init__(pkg, path)
        self.block_p: dict[int, etree._Element] = {}
        self.run_r: dict[int, etree._Element] = {}  # id(model Run) -> w:r

    def add_paragraph(self, p: etree._Element, kind: str = "paragraph", table: Any = None) -> None:
        before = len(self.blocks)
        super().add_paragraph(p, kind=kind, table=table)
        # the paragraph's own block is appended before those of its text boxes (claimed by the
        # recursive calls), so an unclaimed block at ``before`` is this paragraph's
        if before < len(self.blocks) and before not in self.block_p:
            self.block_p[before] = p

    def read_run(self, r: etree._Element, para: _Para, para_style: str | None) -> None:
        count = len(para.runs)
        super().read_run(r, para, para_style)
        if len(para.runs) > count:
            self.run_r[id(para.runs[-1])] = r


@dataclass
class _Piece:
    r: etree._Element
    start: int
    end: int


@dataclass
class BlockXml:
    """The runs of one paragraph as XML elements, with their offsets in the block text."""

    p: etree._Element
    text: str
    pieces: list[_Piece] = field(default_factory=list)
    exact: bool = True  # text matches the loader's: offsets can be trusted

    def split_at(self, offset: int) -> bool:
        """Make ``offset`` a run boundary; False when the run there cannot be split safely."""
        for i, piece in enumerate(self.pieces):
            if piece.start < offset < piece.end:
                head, tail = split_run(piece.r, offset - piece.start, piece.end - piece.start)
                if head is None:
                    return False
                self.pieces[i : i + 1] = [_Piece(head, piece.start, offset), _Piece(tail, offset, piece.end)]
                return True
        return True

    def covering(self, start: int, end: int) -> list[etree._Element]:
        return [pc.r for pc in self.pieces if pc.start < end and pc.end > start]


def _visible_children(r: etree._Element) -> list[tuple[etree._Element, str]] | None:
    """The children of a run that carry its text, with their raw text; None if the run has fields."""
    out: list[tuple[etree._Element, str]] = []
    for child in r:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in (q("fldChar"), q("instrText")):
            return None
        if tag == q("t"):
            out.append((child, child.text or ""))
        elif tag == q("tab"):
            out.append((child, "\t"))
        elif tag == q("noBreakHyphen"):
            out.append((child, "-"))
        elif tag in (q("br"), q("cr")) and child.get(q("type")) != "page":
            out.append((child, "\n"))
    return out


def _raw_offset(raw: str, k: int) -> int | None:
    """The cut in the raw (maybe decomposed) text that falls after ``k`` characters of its NFC form."""
    if unicodedata.is_normalized("NFC", raw):
        return k
    whole = unicodedata.normalize("NFC", raw)
    for j in range(len(raw) + 1):
        head = unicodedata.normalize("NFC", raw[:j])
        if len(head) == k and head + unicodedata.normalize("NFC", raw[j:]) == whole:
            return j
        if len(head) > k:
            break
    return None


def split_run(r: etree._Element, k: int, length: int) -> tuple[etree._Element | None, etree._Element | None]:
    """Cut ``w:r`` after its ``k``-th character: the original keeps the head, a copy after it the tail.

    ``k`` and ``length`` count characters of the NFC text the loader saw; a run typed in decomposed
    Unicode ("Unicode tổ hợp") is cut at the matching place of its raw text.
    """
    texts = _visible_children(r)
    if texts is None:
        return None, None  # a field: its code and its result share the run, do not guess
    raw = "".join(text for _, text in texts)
    raw_k = _raw_offset(raw, k) if len(unicodedata.normalize("NFC", raw)) == length else None
    if raw_k is None:
        return None, None
    k = raw_k
    children = [(el, len(text)) for el, text in texts]
    tail = copy.deepcopy(r)
    r.addnext(tail)
    head_children = list(r)
    tail_children = list(tail)
    visible = {id(el): n for el, n in children}
    pos = 0
    for h_el, t_el in zip(head_children, tail_children):
        if id(h_el) not in visible:
            continue  # rPr and the like stay in both
        n = visible[id(h_el)]
        if pos + n <= k:
            tail.remove(t_el)
        elif pos >= k:
            r.remove(h_el)
        else:  # the cut falls inside this w:t
            cut = k - pos
            text = h_el.text or ""
            h_el.text, t_el.text = text[:cut], text[cut:]
            h_el.set(XML_SPACE, "preserve")
            t_el.set(XML_SPACE, "preserve")
        pos += n
    return r, tail


def map_blocks(
    docx_document: Any, path: Path, expected: list[Any] | None
) -> tuple[dict[int, BlockXml], list]:
    """Blocks of the python-docx document -> their XML, checked against the loader's blocks."""
    archive = open_zip(path)
    try:
        reader = _MappingReader(Package(archive), path)
        reader.walk(docx_document.element.body)
    finally:
        archive.close()
    mapping: dict[int, BlockXml] = {}
    for block in reader.blocks:
        p = reader.block_p.get(block.index)
        if p is None:
            continue
        entry = BlockXml(p=p, text=block.text)
        for run in block.runs:
            r = reader.run_r.get(id(run))
            if r is not None:
                entry.pieces.append(_Piece(r, run.start, run.end))
        if expected is not None:
            entry.exact = block.index < len(expected) and expected[block.index].text == block.text
        mapping[block.index] = entry
    return mapping, reader.sections


# ---------------------------------------------------------------- comments


def comment_text(finding: Any, lang: str = "vi") -> str:
    words = WORDS["en" if lang == "en" else "vi"]
    sev = finding.severity or "info"
    lines = [f"[{finding.code}] {words.get(sev, sev)}: {finding.message(lang)}"]
    if finding.suggestion:
        lines.append(f"{words['suggest']}: {finding.suggestion}")
    if finding.basis:
        lines.append(f"{words['basis']}: {finding.basis}")
    return "\n".join(line.replace("\r", " ") for line in lines)


@dataclass
class Anchored:
    finding: Any
    text: str  # the words the comment covers
    exact: bool  # covers exactly the finding's span (False: whole paragraph fallback)


@dataclass
class AnnotateReport:
    output: Path
    comments: list[Anchored] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.comments)


def _section_first_block(finding: Any, sections: list) -> int | None:
    index = getattr(finding.location, "section", None)
    if isinstance(index, int) and 0 <= index < len(sections) and sections[index].first_block is not None:
        return sections[index].first_block
    for section in sections:
        if section.first_block is not None and section.first_block <= (section.last_block or 0):
            return section.first_block
    return 0


# components that sit at the end of a document: a finding that one is missing goes on the last paragraph
END_COMPONENTS = {"signature", "recipients", "luu", "appendices"}


def _fallback_block(finding: Any, sections: list, mapping: dict[int, BlockXml]) -> int | None:
    """Where a finding with no text position goes: the end of the document for a missing signature
    or Nơi nhận (where the reviewer looks for it), else the first paragraph of its section."""
    if finding.location.component in END_COMPONENTS and mapping:
        return max(mapping)
    return _section_first_block(finding, sections)


def _outer_paragraph(p: etree._Element) -> etree._Element:
    """A paragraph inside a text box: the body paragraph that holds the box (comments live there)."""
    outer = p
    for ancestor in p.iterancestors(q("p")):
        outer = ancestor
    return outer


def _paragraph_runs(p: etree._Element) -> list[etree._Element]:
    runs = [r for r in p.iter(q("r")) if not any(a.tag == q("txbxContent") for a in r.iterancestors())]
    return runs


def annotate_docx(
    src: Path | str,
    dst: Path | str,
    findings: list[Any],
    lang: str = "vi",
    blocks: list[Any] | None = None,
) -> AnnotateReport:
    """Write ``dst``: a copy of ``src`` with one comment per finding. ``src`` is never written."""
    import docx
    from docx.text.run import Run as DocxRun

    src, dst = Path(src), Path(dst)
    require_docx(src)
    if dst.exists() and dst.resolve() == src.resolve():
        raise AnnotateError(
            "Không ghi đè lên tệp gốc: hãy chọn tệp đầu ra khác (-o).",
            "Refusing to overwrite the input: choose another output file (-o).",
        )
    check_file(src)
    try:
        document = docx.Document(str(src))
    except Exception as exc:
        raise LoadError(
            "DOC001",
            f"python-docx không mở được tệp để ghi chú thích: {type(exc).__name__}.",
            f"python-docx cannot open the file to add comments: {type(exc).__name__}.",
        ) from exc
    mapping, sections = map_blocks(document, src, blocks)
    report = AnnotateReport(output=dst)
    for finding in findings:
        loc = finding.location
        block = loc.block
        if block is None or block not in mapping:
            block = _fallback_block(finding, sections, mapping)
        entry = mapping.get(block) if block is not None else None
        if entry is None and mapping:
            entry = mapping[min(mapping)]
        if entry is None:
            continue  # an empty document: nowhere to anchor
        runs: list[etree._Element] = []
        exact = False
        in_box = any(a.tag == q("txbxContent") for a in entry.p.iterancestors())
        positioned = loc.block == block and loc.start is not None and loc.end is not None
        usable = positioned and entry.exact and not in_box and 0 <= loc.start < loc.end <= len(entry.text)
        if usable and entry.split_at(loc.start) and entry.split_at(loc.end):
            runs = entry.covering(loc.start, loc.end)
            exact = bool(runs)
        if not runs:
            paragraph = _outer_paragraph(entry.p) if in_box else entry.p
            runs = _paragraph_runs(paragraph)
            if not runs:
                runs = [paragraph.makeelement(q("r"), {})]
                paragraph.append(runs[0])
        first = DocxRun(runs[0], None)  # type: ignore[arg-type]
        last = DocxRun(runs[-1], None)  # type: ignore[arg-type]
        document.add_comment(
            [first, last], text=comment_text(finding, lang), author=AUTHOR, initials=INITIALS
        )
        covered = "".join(DocxRun(r, None).text for r in runs) if runs else ""  # type: ignore[arg-type]
        report.comments.append(Anchored(finding=finding, text=covered, exact=exact))
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".docx", dir=dst.parent)
    os.close(fd)
    try:
        document.save(tmp)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return report


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.doclint.docx")


def annotate_result(result: Any, dst: Path, lang: str = "vi") -> AnnotateReport:
    """Annotate the file of one engine result (its findings; its Document when it was kept)."""
    blocks = result.document.blocks if result.document is not None else None
    if blocks is None:
        from doclint.load import load

        blocks = load(result.path).blocks
    return annotate_docx(Path(result.path), dst, result.findings, lang=lang, blocks=blocks)


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, ValueError):
        return None


def annotate_results(results: list[Any], out_dir: Path | str, lang: str = "vi") -> list[AnnotateReport]:
    """``check --annotate DIR``: one annotated copy per DOCX result, named after the input.

    Files that are not DOCX, or could not be read, are skipped with a line on stderr; two inputs
    with the same name get ``-2``, ``-3``... so that no copy overwrites another.
    """
    import sys

    from doclint.worker_pool import Budget, run_guarded

    out_dir = Path(out_dir)
    reports: list[AnnotateReport] = []
    used: set[str] = set()
    inputs = set()  # an annotated copy never replaces a file that is itself an input of the run
    for result in results:
        with contextlib.suppress(OSError, ValueError):
            inputs.add(Path(result.path).resolve())
    for result in results:
        path = Path(result.path)
        if result.error is not None:
            continue
        try:
            require_docx(path)
        except AnnotateError as exc:
            print(f"doclint: {exc.message(lang)}", file=sys.stderr)
            continue
        name = f"{path.stem}.doclint.docx"
        n = 2
        while name in used or _resolved(out_dir / name) in inputs:
            name = f"{path.stem}-{n}.doclint.docx"
            n += 1
        used.add(name)
        try:  # python-docx re-reads the file: in a worker under the document budget
            reports.append(
                run_guarded(annotate_result, result, out_dir / name, lang, budget=Budget.from_config())
            )
        except (AnnotateError, LoadError) as exc:
            print(f"doclint: {path}: {exc.message(lang)}", file=sys.stderr)
    return reports
