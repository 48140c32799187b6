"""DOCX writer: each edit of a fix becomes a Word tracked change in a copy of the draft.

How an edit finds its XML: as in :mod:`doclint.annotate`, the loader's own traversal is re-run over the
body *as python-docx parsed it*, remembering each block's ``w:p`` and each model run's ``w:r``; a block
whose re-read text differs from the loader's is never edited. A cut inside a run copies the run (its
``w:rPr`` kept) and splits the text, so an edit across runs touches exactly its characters.

What each edit becomes:

* text — the replaced runs go into ``w:del`` (their ``w:t`` become ``w:delText``), the new text is a
  run with the formatting of the first replaced run (or of its left neighbour, for an insertion) inside
  ``w:ins``; a run doclint inserted in an earlier pass is simply removed or extended;
* character properties — set on the runs, the previous ``w:rPr`` kept in ``w:rPrChange``;
* paragraph properties — set in ``w:pPr``, the previous one kept in ``w:pPrChange``;
* page setup — set in ``w:sectPr``, the previous one kept in ``w:sectPrChange``;
* page numbers — a PAGE field inserted (``w:ins``) in the section's header, centred; the first page gets
  its own empty header (``w:titlePg`` via ``w:sectPrChange``); numbers in the footer are deleted (``w:del``).

Runs that hold a field code, that sit inside another author's tracked change, or whose text cannot be
cut at the edit's offsets are left alone: the fix is skipped (all edits of a fix or none) and says why.
Fields, bookmarks, comments, tables, text boxes, headers and footers are never rebuilt: only the runs an
edit covers change.
"""

from __future__ import annotations

import copy
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from doclint.annotate import BlockXml, _MappingReader, _Piece, _raw_offset, _visible_children
from doclint.fix import ooxml
from doclint.fix.model import (
    Fix,
    NormaliseEdit,
    PageNumberEdit,
    ParagraphEdit,
    RunFormatEdit,
    SectionEdit,
    TextEdit,
)
from doclint.fix.ooxml import Revisions, first_child, make, set_child
from doclint.load.docx import MC, Package, R, _Para, q
from doclint.load.guard import open_zip

MM_TWIPS = 1440 / 25.4
FOREIGN = {q("del"), q("moveFrom"), q("moveTo")}  # a run inside one of these is never edited
RUN_PARENTS_OK = {q("p"), q("hyperlink"), q("smartTag"), q("customXml"), q("sdtContent"), q("fldSimple"),
                  q("ins"), q("bdo"), q("dir"), f"{{{MC}}}Choice"}  # fmt: skip


class _FixReader(_MappingReader):
    """The annotate mapping, plus the runs inside a field's result and each section's ``w:sectPr``."""

    def __init__(self, pkg: Package, path: Path) -> None:
        super().__init__(pkg, path)
        self.in_field: set[int] = set()  # id(model Run) of runs shown by a field
        self.sect_els: list[etree._Element] = []

    def read_run(self, r: etree._Element, para: _Para, para_style: str | None) -> None:
        inside = bool(para.field_depth)
        count = len(para.runs)
        super().read_run(r, para, para_style)
        if len(para.runs) > count and (inside or para.field_depth):
            self.in_field.add(id(para.runs[-1]))

    def close_section(self, sect: etree._Element) -> None:
        self.sect_els.append(sect)
        super().close_section(sect)


@dataclass
class _Block:
    xml: BlockXml
    fielded: set[int] = field(default_factory=set)  # id(w:r) of runs in a field result


@dataclass
class Applied:
    """What the writer did: the fixes applied and those it skipped, with the reason."""

    applied: list[Any] = field(default_factory=list)  # (finding, fix)
    skipped: list[tuple[Any, Fix, str]] = field(default_factory=list)
    edits: int = 0
    format_edits: int = 0


class Skip(Exception):
    """A fix that cannot be written safely here (the reason is kept for the report)."""


class DocxFixer:
    """Applies fixes to a python-docx ``Document`` as tracked changes by ``rev.author``."""

    def __init__(self, document: Any, src: Path, blocks: list[Any] | None, rev: Revisions) -> None:
        self.document = document
        self.rev = rev
        archive = open_zip(src)
        try:
            reader = _FixReader(Package(archive), src)
            reader.walk(document.element.body)
        finally:
            archive.close()
        self.sect_els = reader.sect_els
        self.blocks: dict[int, _Block] = {}
        for block in reader.blocks:
            p = reader.block_p.get(block.index)
            if p is None:
                continue
            entry = BlockXml(p=p, text=block.text)
            fielded: set[int] = set()
            for run in block.runs:
                r = reader.run_r.get(id(run))
                if r is not None:
                    entry.pieces.append(_Piece(r, run.start, run.end))
                    if id(run) in reader.in_field:
                        fielded.add(id(r))
            entry.exact = blocks is None or (
                block.index < len(blocks) and blocks[block.index].text == block.text
            )
            self.blocks[block.index] = _Block(entry, fielded)

    # ------------------------------------------------------------ fixes

    def apply(self, chosen: list[tuple[Any, Fix]]) -> Applied:
        """Write the fixes ``chosen`` (pairs of finding and fix, no two overlapping).

        Every edit is checked before anything changes and a fix with one impossible edit is skipped
        whole; then page setup, page numbers, paragraphs and run formatting are written, and the text
        edits last, right to left in each paragraph, so that every offset is still the loader's."""
        out = Applied()
        ready: list[tuple[Any, Fix]] = []
        for item in chosen:
            try:
                for edit in item[1].edits:
                    self._preflight(edit)
            except Skip as exc:
                out.skipped.append((item[0], item[1], str(exc)))
                continue
            ready.append(item)
        edits = [edit for _, fix in ready for edit in fix.edits]
        order = (SectionEdit, PageNumberEdit, ParagraphEdit, RunFormatEdit)
        steps = [self.section, self.page_numbers, self.paragraph, self.run_format]
        for kind, step in zip(order, steps, strict=True):
            for edit in edits:
                if isinstance(edit, kind):
                    step(edit)
                    out.edits += 1
                    out.format_edits += 1
        texts = [e for e in edits if isinstance(e, TextEdit | NormaliseEdit)]
        for edit in sorted(texts, key=lambda e: (e.block, e.start, e.end), reverse=True):
            if isinstance(edit, NormaliseEdit):
                self.normalise(edit)
            else:
                self.text(edit)
            out.edits += 1
        out.applied = ready
        return out

    def _entry(self, index: int) -> _Block:
        entry = self.blocks.get(index)
        if entry is None:
            raise Skip(f"đoạn {index + 1} không tìm thấy trong tệp")
        if not entry.xml.exact:
            raise Skip(f"đoạn {index + 1} đọc lại không khớp")
        return entry

    def _preflight(self, edit: Any) -> None:
        if isinstance(edit, SectionEdit | PageNumberEdit):
            if edit.section > len(self.sect_els) or (edit.section == len(self.sect_els) and edit.section):
                raise Skip(f"không có mục (section) {edit.section + 1}")
            return
        entry = self._entry(edit.block)
        if isinstance(edit, ParagraphEdit):
            return
        if not 0 <= edit.start <= edit.end <= len(entry.xml.text):
            raise Skip("vị trí ngoài đoạn")
        if isinstance(edit, TextEdit) and entry.xml.text[edit.start : edit.end] != edit.old:
            raise Skip("chữ ở vị trí sửa đã khác")
        for offset in {edit.start, edit.end}:
            if not self._can_cut(entry, offset):
                raise Skip("không tách được đoạn chạy (trường, ký tự tổ hợp)")
        if isinstance(edit, TextEdit | NormaliseEdit):
            covered = [pc for pc in entry.xml.pieces if pc.start < edit.end and pc.end > edit.start]
            if isinstance(edit, TextEdit) and edit.start == edit.end:
                covered = [self._neighbour(entry, edit.start)[0]] if entry.xml.pieces else []
                if not covered or covered[0] is None:
                    raise Skip("không có chỗ chèn")
            for piece in covered:
                if id(piece.r) in entry.fielded or self._foreign(piece.r):
                    raise Skip("chữ nằm trong trường (field) hoặc trong sửa đổi của người khác")

    def _can_cut(self, entry: _Block, offset: int) -> bool:
        for piece in entry.xml.pieces:
            if piece.start < offset < piece.end:
                children = _visible_children(piece.r)
                if children is None:
                    return False
                raw = "".join(t for _, t in children)
                if len(unicodedata.normalize("NFC", raw)) != piece.end - piece.start:
                    return False
                return _raw_offset(raw, offset - piece.start) is not None
        return True

    def _foreign(self, r: etree._Element) -> bool:
        """Inside another author's revision, or somewhere a tracked change cannot wrap it."""
        parent = r.getparent()
        if parent is None:
            return True
        if parent.tag == q("ins"):
            return not self.rev.own(parent)
        if parent.tag in FOREIGN:
            return True
        return parent.tag not in RUN_PARENTS_OK

    # ------------------------------------------------------------ text

    def _cut(self, entry: _Block, offset: int) -> None:
        before = {id(pc.r) for pc in entry.xml.pieces}
        if not entry.xml.split_at(offset):
            raise Skip("không tách được đoạn chạy")
        for pc in entry.xml.pieces:  # a run split in two: the new half is in the field too
            if id(pc.r) not in before:
                prev = entry.xml.pieces[entry.xml.pieces.index(pc) - 1]
                if id(prev.r) in entry.fielded:
                    entry.fielded.add(id(pc.r))

    def _neighbour(self, entry: _Block, offset: int) -> tuple[_Piece | None, bool]:
        """The run an insertion at ``offset`` joins: the one ending there (insert after it), else the
        one starting there (insert before it)."""
        pieces = entry.xml.pieces
        left = [pc for pc in pieces if pc.end == offset and pc.start < pc.end]
        if left:
            return left[-1], True
        right = [pc for pc in pieces if pc.start == offset]
        if right:
            return right[0], False
        inside = [pc for pc in pieces if pc.start < offset < pc.end]
        return (inside[0], True) if inside else (None, True)

    def text(self, edit: TextEdit) -> None:
        entry = self._entry(edit.block)
        self._cut(entry, edit.start)
        self._cut(entry, edit.end)
        pieces = entry.xml.pieces
        covered = [pc for pc in pieces if pc.start >= edit.start and pc.end <= edit.end and pc.start < pc.end]
        if covered:
            template, after = covered[0], True
            anchor = covered[-1]
        else:
            found, after = self._neighbour(entry, edit.start)
            if found is None:
                raise Skip("không có chỗ chèn")
            template = anchor = found
        if edit.text:
            self._insert(anchor.r, template.r, edit.text, after=after)
        for piece in covered:
            self._delete(piece.r)
        gone = {id(pc) for pc in covered}
        entry.xml.pieces = [pc for pc in pieces if id(pc) not in gone]

    def _insert(self, anchor: etree._Element, template: etree._Element, text: str, after: bool) -> None:
        run = ooxml.new_run(template, text)
        parent = anchor.getparent()
        if parent is not None and parent.tag == q("ins") and self.rev.own(parent):
            node = run  # doclint's own insertion from an earlier pass: the new text joins it
        else:
            node = self.rev.mark("ins")
            node.append(run)
        if after:
            anchor.addnext(node)
        else:
            anchor.addprevious(node)

    def _delete(self, r: etree._Element) -> None:
        parent = r.getparent()
        if parent is not None and parent.tag == q("ins") and self.rev.own(parent):
            parent.remove(r)  # doclint's own inserted text: gone without a trace
            if not [c for c in parent if isinstance(c.tag, str)]:
                parent.getparent().remove(parent)
            return
        wrapper = self.rev.mark("del")
        r.addprevious(wrapper)
        wrapper.append(r)
        ooxml.to_deleted(r)

    def normalise(self, edit: NormaliseEdit) -> None:
        entry = self._entry(edit.block)
        self._cut(entry, edit.start)
        self._cut(entry, edit.end)
        for piece in [pc for pc in entry.xml.pieces if pc.start >= edit.start and pc.end <= edit.end]:
            children = _visible_children(piece.r)
            if children is None:
                continue
            raw = "".join(t for _, t in children)
            nfc = unicodedata.normalize("NFC", raw)
            if nfc == raw:
                continue
            self._insert(piece.r, piece.r, nfc, after=True)
            self._delete(piece.r)
            entry.xml.pieces = [pc for pc in entry.xml.pieces if pc is not piece]

    # ------------------------------------------------------------ formatting

    def _props_change(self, owner: etree._Element, props_tag: str, change_tag: str) -> None:
        """Keep the properties as they were in ``w:<change_tag>`` (once: a second edit of the same
        element keeps the first snapshot, which is what rejecting must restore)."""
        props = owner.find(q(props_tag))
        if props is None:
            props = first_child(owner, props_tag) if props_tag != "sectPr" else owner
        if props.find(q(change_tag)) is not None:
            return
        skip = {q(change_tag)}
        if props_tag == "pPr":
            skip |= {q("rPr"), q("sectPr")}
        if props_tag == "sectPr":
            skip |= {q("headerReference"), q("footerReference")}
        old = make(props_tag)
        for child in props:
            if isinstance(child.tag, str) and child.tag not in skip:
                old.append(copy.deepcopy(child))
        change = self.rev.mark(change_tag)
        change.append(old)
        props.append(change)  # the change is the last child in all three schemas

    def _in_own_insertion(self, r: etree._Element) -> bool:
        parent = r.getparent()
        return parent is not None and parent.tag == q("ins") and self.rev.own(parent)

    def run_format(self, edit: RunFormatEdit) -> None:
        entry = self._entry(edit.block)
        self._cut(entry, edit.start)
        self._cut(entry, edit.end)
        props = edit.props.items()
        for piece in entry.xml.pieces:
            if piece.start < edit.start or piece.end > edit.end or piece.start == piece.end:
                continue
            r = piece.r
            if not self._in_own_insertion(r):
                self._props_change(r, "rPr", "rPrChange")
            rpr = first_child(r, "rPr")
            set_run_props(rpr, props)

    def paragraph(self, edit: ParagraphEdit) -> None:
        p = self._entry(edit.block).xml.p
        self._props_change(p, "pPr", "pPrChange")
        set_paragraph_props(first_child(p, "pPr"), edit.props.items())

    def _sect(self, index: int) -> etree._Element:
        if index < len(self.sect_els):
            return self.sect_els[index]
        body = self.document.element.body
        sect = make("sectPr")
        body.append(sect)
        self.sect_els.append(sect)
        return sect

    def section(self, edit: SectionEdit) -> None:
        sect = self._sect(edit.section)
        self._props_change(sect, "sectPr", "sectPrChange")
        props = edit.props.items()
        pg_sz = {k: v for k, v in props.items() if k in ("page_width_mm", "page_height_mm", "orientation")}
        if pg_sz:
            el = set_child(sect, "pgSz")
            if "page_width_mm" in pg_sz:
                el.set(q("w"), str(round(pg_sz["page_width_mm"] * MM_TWIPS)))
            if "page_height_mm" in pg_sz:
                el.set(q("h"), str(round(pg_sz["page_height_mm"] * MM_TWIPS)))
            orient = pg_sz.get("orientation")
            if orient == "landscape":
                el.set(q("orient"), "landscape")
            elif orient == "portrait" and el.get(q("orient")) is not None:
                del el.attrib[q("orient")]
        margins = {k[len("margin_") : -len("_mm")]: v for k, v in props.items() if k.startswith("margin_")}
        if margins:
            el = set_child(sect, "pgMar")
            for side, value in margins.items():
                el.set(q(side), str(round(value * MM_TWIPS)))
                other = {"left": "start", "right": "end"}.get(side)
                if other and el.get(q(other)) is not None:
                    del el.attrib[q(other)]
            for side in ("header", "footer", "gutter"):
                if el.get(q(side)) is None:
                    el.set(q(side), {"header": "720", "footer": "720", "gutter": "0"}[side])
        if "title_page" in props:
            if props["title_page"]:
                set_child(sect, "titlePg").attrib.pop(q("val"), None)
            else:
                ooxml.remove_child(sect, "titlePg")

    # ------------------------------------------------------------ page numbers

    def _header_part(self, sect: etree._Element, kind: str, variant: str, create: bool) -> Any:
        from docx.enum.section import WD_HEADER_FOOTER
        from docx.section import _Footer, _Header

        index = {"default": WD_HEADER_FOOTER.PRIMARY, "first": WD_HEADER_FOOTER.FIRST_PAGE}[variant]
        cls = _Header if kind == "header" else _Footer
        proxy = cls(sect, self.document.part, index)
        if proxy._has_definition:
            return proxy._definition
        return proxy._add_definition() if create else None

    def page_numbers(self, edit: PageNumberEdit) -> None:
        sect = self._sect(edit.section)
        if edit.remove_from_footer:
            for variant in ("default", "first"):
                part = self._header_part(sect, "footer", variant, create=False)
                if part is not None:
                    self._delete_page_paragraphs(part.element)
        if edit.add_field:
            part = self._header_part(sect, "header", "default", create=True)
            self._add_page_field(part.element)
        if edit.centre and not edit.add_field:
            for variant in ("default", "first"):
                part = self._header_part(sect, "header", variant, create=False)
                if part is None:
                    continue
                for p in part.element.iter(q("p")):
                    if _has_page_field(p):
                        self._props_change(p, "pPr", "pPrChange")
                        set_paragraph_props(first_child(p, "pPr"), {"alignment": "center"})
        if edit.hide_on_first_page:
            self._hide_on_first_page(sect)

    def _hide_on_first_page(self, sect: etree._Element) -> None:
        """Page 1 without its number: a different first page (tracked ``w:titlePg``) whose header and
        footer are the section's own minus the page number, so page 1 keeps everything else (a logo,
        a line); when the first page already is different, its number is deleted (tracked)."""
        if sect.find(q("titlePg")) is not None:
            for kind in ("header", "footer"):
                part = self._header_part(sect, kind, "first", create=False)
                if part is not None:
                    self._delete_page_paragraphs(part.element)
            return
        self._props_change(sect, "sectPr", "sectPrChange")
        set_child(sect, "titlePg")
        for kind in ("header", "footer"):
            default = self._header_part(sect, kind, "default", create=False)
            first = self._header_part(sect, kind, "first", create=False)
            if first is not None:
                self._delete_page_paragraphs(first.element)
                continue
            if default is None:
                continue  # nothing shows on any page: an empty first page is the same
            first = self._header_part(sect, kind, "first", create=True)
            _copy_part_content(default, first)

    def _delete_page_paragraphs(self, root: etree._Element) -> None:
        for p in root.iter(q("p")):
            if _has_page_field(p):
                ppr = p.find(q("pPr"))
                if ppr is not None and ppr.find(q("framePr")) is not None:
                    # a page number in a frame: the frame goes too (tracked), or LibreOffice, which
                    # reads such a paragraph as a text frame, drops the deletion inside it
                    self._props_change(p, "pPr", "pPrChange")
                    ppr.remove(ppr.find(q("framePr")))
                for r in [r for r in p.iter(q("r")) if not self._in_deletion(r)]:
                    self._delete(r)

    def _in_deletion(self, r: etree._Element) -> bool:
        return any(a.tag in (q("del"), q("moveFrom")) for a in r.iterancestors())

    def _add_page_field(self, root: etree._Element) -> None:
        """A centred paragraph holding a PAGE field, inserted (tracked) at the end of the header."""
        paragraphs = root.findall(q("p"))
        empty = [p for p in paragraphs if not "".join(t.text or "" for t in p.iter(q("t"))).strip()]
        if empty and len(paragraphs) == 1:
            p = empty[0]
            self._props_change(p, "pPr", "pPrChange")
        else:
            p = make("p")
            root.append(p)
            mark_rpr = set_child(first_child(p, "pPr"), "rPr")
            mark_rpr.insert(0, self.rev.mark("ins"))
        set_paragraph_props(first_child(p, "pPr"), {"alignment": "center"})
        ins = self.rev.mark("ins")
        for kind, text in (
            ("begin", None),
            ("instr", " PAGE "),
            ("separate", None),
            ("text", "2"),
            ("end", None),
        ):
            r = make("r")
            rpr = make("rPr")
            set_run_props(rpr, {"font": "Times New Roman", "size_pt": 14})
            r.append(rpr)
            if kind == "instr":
                el = make("instrText")
                el.text = text
                el.set(ooxml.XML_SPACE, "preserve")
            elif kind == "text":
                el = make("t")
                el.text = text
            else:
                el = make("fldChar", {"fldCharType": kind})
            r.append(el)
            ins.append(r)
        p.append(ins)


def write_docx(path: Path, model: Any, chosen: list[tuple[Any, Fix]], date: str, author: str = ooxml.AUTHOR
               ) -> tuple[Applied, set[str]]:  # fmt: skip
    """Apply ``chosen`` to the DOCX at ``path`` in place (a working copy): what was applied, and the
    revision ids written."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a .docm, or a package python-docx does not accept
        from doclint.fix.run import FixError

        raise FixError(
            f"Không mở được tệp để ghi chỗ sửa ({type(exc).__name__}); hãy lưu thành .docx rồi chạy lại.",
            f"Cannot open the file to write the fixes ({type(exc).__name__}); save it as .docx and run again.",
        ) from exc
    roots = [el for el in (getattr(part, "_element", None) for part in document.part.package.iter_parts())
             if el is not None]  # fmt: skip
    rev = Revisions(roots, date, author)
    fixer = DocxFixer(document, path, model.blocks if model is not None else None, rev)
    applied = fixer.apply(chosen)
    if applied.applied:
        for root in roots + [p.element for p in _new_parts(document, roots)]:
            _unique_ids(root, rev)
        document.save(str(path))
    return applied, rev.made


def _new_parts(document: Any, known: list[etree._Element]) -> list[Any]:
    seen = {id(el) for el in known}
    return [p for p in document.part.package.iter_parts()
            if getattr(p, "_element", None) is not None and id(p._element) not in seen]  # fmt: skip


REVISION_TAGS = {q(t) for t in ("ins", "del", "rPrChange", "pPrChange", "sectPrChange")}


def _unique_ids(root: etree._Element, rev: Revisions) -> None:
    """A run cut in two copies its ``w:rPrChange``: each revision of ours gets its own id again."""
    seen: set[str] = set()
    for el in root.iter():
        if el.tag in REVISION_TAGS and rev.own(el):
            rid = el.get(q("id"))
            if rid in seen:
                fresh = str(rev.next_id)
                rev.next_id += 1
                rev.made.add(fresh)
                el.set(q("id"), fresh)
            else:
                seen.add(rid)


def transform_parts(src: Path, dst: Path, change: Any) -> int:
    """Copy the DOCX ``src`` to ``dst`` with ``change(root) -> int`` applied to every WordprocessingML
    part that can hold tracked changes (body, headers, footers, notes, comments); other parts are copied
    byte for byte. Returns the sum of what ``change`` returned."""
    import zipfile

    from doclint.load.docx import parse_xml

    total = 0
    tmp = dst.with_name(f".{dst.name}.tmp")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            name = info.filename
            if name.startswith("word/") and name.endswith(".xml") and "/theme/" not in name:
                root = parse_xml(data, name)
                n = change(root)
                if n:
                    total += n
                    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    os.replace(tmp, dst)
    return total


def accept_own(path: Path, author: str, ids: set[str]) -> int:
    """Accept, in place, the tracked changes this run wrote (``--no-track``)."""
    return transform_parts(path, path, lambda root: ooxml.accept(root, author=author, ids=ids))


def accept_all(src: Path, dst: Path, author: str | None = None) -> int:
    """Accept every tracked change (or ``author``'s) of ``src`` into ``dst``: Word's “Accept All”."""
    return transform_parts(src, dst, lambda root: ooxml.accept(root, author=author))


def reject_all(src: Path, dst: Path, author: str | None = None) -> int:
    return transform_parts(src, dst, lambda root: ooxml.reject(root, author=author))


def _copy_part_content(source: Any, target: Any) -> None:
    """Fill the new header/footer part ``target`` with what ``source`` shows (doclint's own revisions
    accepted), without its page-number paragraphs; relationships (a logo) are re-created for the copy,
    bookmarks and comment marks are left out (their ids are the source's)."""
    root = target.element
    for child in list(root):
        root.remove(child)
    shown = copy.deepcopy(source.element)
    ooxml.accept(shown, author=ooxml.AUTHOR)
    for tag in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference"):
        for el in list(shown.iter(q(tag))):
            el.getparent().remove(el)
    for p in list(shown.iter(q("p"))):
        if _has_page_field(p):
            for r in list(p.iter(q("r"))):
                r.getparent().remove(r)
    renamed: dict[str, str] = {}
    for el in shown.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in list(el.attrib.items()):
            if not attr.startswith(f"{{{R}}}") or not value:
                continue
            if value not in renamed:
                rel = source.rels.get(value)
                if rel is None:
                    continue
                if rel.is_external:
                    renamed[value] = target.relate_to(rel.target_ref, rel.reltype, is_external=True)
                else:
                    renamed[value] = target.relate_to(rel.target_part, rel.reltype)
            el.set(attr, renamed[value])
    for child in list(shown):
        root.append(child)
    if root.find(q("p")) is None and root.find(q("tbl")) is None:
        root.append(make("p"))


def _has_page_field(p: etree._Element) -> bool:
    for el in p.iter(q("instrText"), q("fldSimple")):
        instr = el.text if el.tag == q("instrText") else el.get(q("instr"))
        words = (instr or "").split()
        if words and words[0].upper() == "PAGE":
            return True
    return False


# ---------------------------------------------------------------- properties

ALIGN_XML = {"left": "left", "center": "center", "right": "right", "both": "both"}


def set_run_props(rpr: etree._Element, props: dict[str, Any]) -> None:
    if "font" in props:
        fonts = set_child(rpr, "rFonts")
        for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(q(slot), props["font"])
        for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            fonts.attrib.pop(q(theme), None)
    if "size_pt" in props:
        half = str(round(props["size_pt"] * 2))
        set_child(rpr, "sz").set(q("val"), half)
        set_child(rpr, "szCs").set(q("val"), half)
    if "color" in props:
        color = set_child(rpr, "color")
        color.set(q("val"), "auto" if props["color"] == "auto" else props["color"].upper())
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(q(attr), None)
    for key, tag in (("bold", "b"), ("italic", "i")):
        if key in props:
            el = set_child(rpr, tag)
            if props[key]:
                el.attrib.pop(q("val"), None)
            else:
                el.set(q("val"), "0")


def set_paragraph_props(ppr: etree._Element, props: dict[str, Any]) -> None:
    if "alignment" in props:
        set_child(ppr, "jc").set(q("val"), ALIGN_XML[props["alignment"]])
    if "first_line_indent_mm" in props:
        ind = set_child(ppr, "ind")
        for attr in ("hanging", "hangingChars", "firstLineChars"):
            ind.attrib.pop(q(attr), None)
        ind.set(q("firstLine"), str(round(props["first_line_indent_mm"] * MM_TWIPS)))
    spacing_keys = ("space_before_pt", "space_after_pt", "line_spacing")
    if any(k in props for k in spacing_keys):
        spacing = set_child(ppr, "spacing")
        if "space_before_pt" in props:
            spacing.set(q("before"), str(round(props["space_before_pt"] * 20)))
            for attr in ("beforeLines", "beforeAutospacing"):
                spacing.attrib.pop(q(attr), None)
        if "space_after_pt" in props:
            spacing.set(q("after"), str(round(props["space_after_pt"] * 20)))
            for attr in ("afterLines", "afterAutospacing"):
                spacing.attrib.pop(q(attr), None)
        if "line_spacing" in props:
            spacing.set(q("line"), str(round(props["line_spacing"] * 240)))
            spacing.set(q("lineRule"), "auto")
