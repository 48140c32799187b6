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


def require_docx(path: Path, allow_doc: bool = False) -> None:
    """Refuse what cannot carry Word comments; ``allow_doc``: a .doc is fine when LibreOffice can
    convert it (``annotate_result`` does)."""
    suffix = path.suffix.lower()
    if suffix in (".docx", ".docm"):
        return
    if suffix == ".doc" and allow_doc:
        from doclint.load.doc import find_soffice

        if find_soffice() is not None:
            return  # converted to DOCX by LibreOffice (the copy is a .docx)
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
    replaced: int = 0  # doclint's own comments from an earlier run, removed before adding the new ones

    @property
    def count(self) -> int:
        return len(self.comments)


def refuse_input_as_output(src: Path, dst: Path) -> None:
    """The copy is never written over the input, nor through a link (symbolic or hard) to it."""
    same = False
    try:
        if dst.is_symlink() or dst.exists():
            same = dst.resolve() == src.resolve() or (dst.exists() and os.path.samefile(src, dst))
    except OSError:
        same = False
    if same:
        raise AnnotateError(
            "Không ghi đè lên tệp gốc (kể cả qua liên kết tới nó): hãy chọn tệp đầu ra khác (-o).",
            "Refusing to overwrite the input (or a link to it): choose another output file (-o).",
        )


def remove_own_comments(document: Any) -> int:
    """Remove the comments doclint wrote in an earlier run (author "doclint"), with their ranges and
    reference marks, so that annotating an annotated copy replaces them instead of doubling them.
    Reviewers' comments are kept."""
    part = getattr(document.part, "_comments_part", None)
    if part is None:
        return 0
    root = part.element
    ids = set()
    for comment in list(root.iter(q("comment"))):
        if (comment.get(q("author")) or "") == AUTHOR:
            ids.add(comment.get(q("id")))
            comment.getparent().remove(comment)
    if not ids:
        return 0
    body = document.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in list(body.iter(q(tag))):
            if mark.get(q("id")) in ids:
                mark.getparent().remove(mark)
    for ref in list(body.iter(q("commentReference"))):
        if ref.get(q("id")) in ids:
            run = ref.getparent()
            run.remove(ref)
            if run.tag == q("r") and not [c for c in run if c.tag != q("rPr")]:
                run.getparent().remove(run)
    return len(ids)


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
    refuse_input_as_output(src, dst)
    check_file(src)
    try:
        document = docx.Document(str(src))
    except Exception as exc:
        raise LoadError(
            "DOC001",
            f"python-docx không mở được tệp để ghi chú thích: {type(exc).__name__}.",
            f"python-docx cannot open the file to add comments: {type(exc).__name__}.",
        ) from exc
    report = AnnotateReport(output=dst)
    report.replaced = remove_own_comments(document)
    mapping, sections = map_blocks(document, src, blocks)
    stacked: dict[tuple[str, int], Any] = {}  # findings of one rule with no text position share a comment
    for finding in findings:
        loc = finding.location
        block = loc.block
        if block is None or block not in mapping:
            block = _fallback_block(finding, sections, mapping)
            key = (finding.code, block)
            if key in stacked:
                stacked[key].add_paragraph(f"[{finding.code}] {finding.message(lang)}".replace("\r", " "))
                continue
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
        comment = document.add_comment(
            [first, last], text=comment_text(finding, lang), author=AUTHOR, initials=INITIALS
        )
        if loc.block is None or loc.block not in mapping:
            stacked[(finding.code, block)] = comment
        covered = "".join(DocxRun(r, None).text for r in runs) if runs else ""  # type: ignore[arg-type]
        report.comments.append(Anchored(finding=finding, text=covered, exact=exact))
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".docx", dir=dst.parent)
    # mkstemp creates 0600: the copy is shared with colleagues like any file the user saves
    mask = os.umask(0)
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)
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


def annotate_result(result: Any, dst: Path, lang: str = "vi", min_severity: str = "info") -> AnnotateReport:
    """Annotate the file of one engine result (its findings; its Document when it was kept).

    A ``.doc`` is converted to DOCX by LibreOffice first (the copy is a ``.docx``); only findings of
    ``min_severity`` or worse become comments."""
    from doclint.findings import SEVERITY_RANK

    floor = SEVERITY_RANK.get(min_severity, 1)
    findings = [f for f in result.findings if SEVERITY_RANK.get(f.severity or "info", 1) >= floor]
    src = Path(result.path)
    if src.suffix.lower() == ".doc":
        return _annotate_doc(src, Path(dst), findings, lang)
    blocks = result.document.blocks if result.document is not None else None
    if blocks is None:
        from doclint.load import load

        blocks = load(result.path).blocks
    return annotate_docx(src, dst, findings, lang=lang, blocks=blocks)


def _annotate_doc(src: Path, dst: Path, findings: list[Any], lang: str) -> AnnotateReport:
    """A Word 97-2003 file: the same conversion the loader makes, then the DOCX is annotated."""
    import shutil

    from doclint.load.doc import convert_to_docx, find_soffice
    from doclint.load.docx import load_docx

    refuse_input_as_output(src, dst)
    soffice = find_soffice()
    if soffice is None:
        require_docx(src)  # the "save it as .docx" message
    with tempfile.TemporaryDirectory(prefix="doclint-annotate-") as tmp:
        work = Path(tmp)
        source = work / "input.doc"
        shutil.copyfile(src, source)
        outdir = work / "out"
        outdir.mkdir()
        converted = convert_to_docx(source, outdir, soffice)  # type: ignore[arg-type]
        blocks = load_docx(converted).blocks
        return annotate_docx(converted, dst, findings, lang=lang, blocks=blocks)


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, ValueError):
        return None


def annotate_results(results: list[Any], out_dir: Path | str, lang: str = "vi", min_severity: str = "info"
                     ) -> list[AnnotateReport]:  # fmt: skip
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
            require_docx(path, allow_doc=True)
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
                run_guarded(
                    annotate_result, result, out_dir / name, lang, min_severity, budget=Budget.from_config()
                )
            )
        except (AnnotateError, LoadError) as exc:
            print(f"doclint: {path}: {exc.message(lang)}", file=sys.stderr)
    return reports
