"""Small WordprocessingML helpers for the fix writer: schema order of properties, revision marks,
runs made from text, and accepting or rejecting tracked changes.

Word refuses a file whose ``w:pPr``/``w:rPr``/``w:sectPr`` children are out of the schema's order, so
every property is inserted at its place (:func:`set_child`). Revision marks (``w:ins``, ``w:del``,
``w:rPrChange``, ``w:pPrChange``, ``w:sectPrChange``) carry ``w:id``, ``w:author`` and ``w:date``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator

from lxml import etree

from doclint.load.docx import W, q

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "doclint"

PPR_ORDER = [q(t) for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)]  # fmt: skip
RPR_ORDER = [q(t) for t in (
    "ins", "del", "moveFrom", "moveTo",  # a paragraph mark's revision marks come first
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)]  # fmt: skip
SECTPR_ORDER = [q(t) for t in (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)]  # fmt: skip
ORDERS = {q("pPr"): PPR_ORDER, q("rPr"): RPR_ORDER, q("sectPr"): SECTPR_ORDER}


def make(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """A new ``w:`` element (python-docx's element class when python-docx parsed the tree)."""
    try:
        from docx.oxml import OxmlElement

        el = OxmlElement(f"w:{tag}")
    except ImportError:  # pragma: no cover - python-docx is a dependency
        el = etree.Element(q(tag), nsmap={"w": W})
    for key, value in (attrs or {}).items():
        el.set(q(key), value)
    return el


def set_child(parent: etree._Element, tag: str) -> etree._Element:
    """The child ``w:tag`` of a pPr/rPr/sectPr, created at its place in the schema's order."""
    full = q(tag)
    existing = parent.find(full)
    if existing is not None:
        return existing
    el = make(tag)
    order = ORDERS.get(parent.tag)
    if order is None or full not in order:
        parent.append(el)
        return el
    rank = order.index(full)
    for child in parent:
        if isinstance(child.tag, str) and child.tag in order and order.index(child.tag) > rank:
            child.addprevious(el)
            return el
    parent.append(el)
    return el


def remove_child(parent: etree._Element, tag: str) -> None:
    for el in parent.findall(q(tag)):
        parent.remove(el)


def first_child(parent: etree._Element, tag: str) -> etree._Element:
    """``w:pPr`` of a paragraph or ``w:rPr`` of a run: always the first child."""
    existing = parent.find(q(tag))
    if existing is not None:
        return existing
    el = make(tag)
    parent.insert(0, el)
    return el


class Revisions:
    """Revision attributes: a fresh ``w:id`` each time, one author and one date per run of the fixer."""

    def __init__(self, roots: Iterable[etree._Element], date: str, author: str = AUTHOR) -> None:
        highest = 0
        for root in roots:
            for el in root.iter():
                value = el.get(q("id")) if isinstance(el.tag, str) else None
                if value and value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
        self.next_id = highest + 1
        self.author = author
        self.date = date
        self.made: set[str] = set()  # the ids this fixer wrote

    def mark(self, tag: str) -> etree._Element:
        el = make(tag)
        rid = str(self.next_id)
        self.next_id += 1
        el.set(q("id"), rid)
        el.set(q("author"), self.author)
        el.set(q("date"), self.date)
        self.made.add(rid)
        return el

    def own(self, el: etree._Element | None) -> bool:
        return el is not None and el.get(q("author")) == self.author


# ---------------------------------------------------------------- runs


def text_children(text: str) -> list[etree._Element]:
    """``w:t``/``w:tab``/``w:br`` elements that show ``text``."""
    out: list[etree._Element] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            t = make("t")
            t.text = "".join(buf)
            t.set(XML_SPACE, "preserve")
            out.append(t)
            buf.clear()

    for ch in text:
        if ch == "\t":
            flush()
            out.append(make("tab"))
        elif ch == "\n":
            flush()
            out.append(make("br"))
        else:
            buf.append(ch)
    flush()
    return out


def clean_rpr(rpr: etree._Element | None) -> etree._Element | None:
    """A copy of a run's properties for new text: no revision of its own, nothing hidden."""
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for tag in ("rPrChange", "vanish", "specVanish", "ins", "del"):
        remove_child(out, tag)
    return out


def new_run(template: etree._Element | None, text: str) -> etree._Element:
    r = make("r")
    rpr = clean_rpr(template.find(q("rPr"))) if template is not None else None
    if rpr is not None and len(rpr):
        r.append(rpr)
    for child in text_children(text):
        r.append(child)
    return r


def to_deleted(r: etree._Element) -> None:
    """A run inside ``w:del`` keeps its text as ``w:delText`` (and field codes as ``w:delInstrText``)."""
    for t in r.findall(q("t")):
        t.tag = q("delText")
        t.set(XML_SPACE, "preserve")
    for t in r.findall(q("instrText")):
        t.tag = q("delInstrText")


def to_visible(r: etree._Element) -> None:
    for t in r.findall(q("delText")):
        t.tag = q("t")
    for t in r.findall(q("delInstrText")):
        t.tag = q("instrText")


# ---------------------------------------------------------------- accept / reject

REVISION_WRAPPERS = ("ins", "del", "moveFrom", "moveTo")
PROPERTY_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                    "tblGridChange", "numberingChange", "tblPrExChange")  # fmt: skip
RANGE_MARKS = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")


def _unwrap(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    for child in list(el):
        el.addprevious(child)
    # text after the element (never in WordprocessingML, kept anyway)
    parent.remove(el)


def _matches(el: etree._Element, author: str | None, ids: set[str] | None) -> bool:
    if author is not None and el.get(q("author")) != author:
        return False
    return ids is None or el.get(q("id")) in ids


def _revisions(root: etree._Element, names: Iterable[str]) -> Iterator[etree._Element]:
    tags = {q(n) for n in names}
    return (el for el in list(root.iter()) if isinstance(el.tag, str) and el.tag in tags)


def accept(root: etree._Element, author: str | None = None, ids: set[str] | None = None) -> int:
    """Accept the tracked changes of ``root`` (only ``author``'s, only ``ids``, when given)."""
    n = 0
    for el in _revisions(root, REVISION_WRAPPERS + PROPERTY_CHANGES + RANGE_MARKS):
        local = etree.QName(el).localname
        if el.getparent() is None:
            continue
        if local in RANGE_MARKS:
            if author is None and ids is None:
                el.getparent().remove(el)
            continue
        if not _matches(el, author, ids):
            continue
        parent = el.getparent()
        n += 1
        if parent.tag == q("rPr") and local in REVISION_WRAPPERS:  # a paragraph mark inserted or deleted
            parent.remove(el)
            if local in ("del", "moveFrom"):
                _merge_with_next(parent)
        elif local in ("ins", "moveTo"):
            _unwrap(el)
        elif local in ("del", "moveFrom"):
            parent.remove(el)
        else:  # a property change: the new properties stay
            parent.remove(el)
    return n


def _merge_with_next(rpr: etree._Element) -> None:
    """A deleted paragraph mark: the paragraph's content joins the next paragraph."""
    ppr = rpr.getparent()
    p = ppr.getparent() if ppr is not None else None
    if p is None or p.tag != q("p"):
        return
    nxt = p.getnext()
    if nxt is None or nxt.tag != q("p"):
        return
    first = nxt.find(q("pPr"))
    anchor = first
    for child in [c for c in p if c.tag != q("pPr")]:
        if anchor is None:
            nxt.insert(0, child)
        else:
            anchor.addnext(child)
        anchor = child
    p.getparent().remove(p)


def reject(root: etree._Element, author: str | None = None, ids: set[str] | None = None) -> int:
    """Reject the tracked changes of ``root``: the text and properties as they were before."""
    n = 0
    for el in _revisions(root, REVISION_WRAPPERS + PROPERTY_CHANGES):
        if el.getparent() is None or not _matches(el, author, ids):
            continue
        local = etree.QName(el).localname
        parent = el.getparent()
        n += 1
        if parent.tag == q("rPr") and local in REVISION_WRAPPERS:
            parent.remove(el)  # an inserted paragraph mark is kept as a paragraph (no merging here)
        elif local in ("ins", "moveTo"):
            parent.remove(el)
        elif local in ("del", "moveFrom"):
            for r in el.iter(q("r")):
                to_visible(r)
            _unwrap(el)
        else:
            old = el.find("*")  # the properties as they were
            keep = {q("rPr"), q("sectPr")} if local == "pPrChange" else set()
            if local == "sectPrChange":
                keep = {q("headerReference"), q("footerReference")}
            kept = [c for c in parent if c.tag in keep]
            for child in list(parent):
                parent.remove(child)
            if old is not None:
                for child in list(old):
                    parent.append(child)
            for child in kept:
                set_at_order(parent, child)
    return n


def set_at_order(parent: etree._Element, el: etree._Element) -> None:
    order = ORDERS.get(parent.tag)
    if order is None or el.tag not in order:
        parent.append(el)
        return
    rank = order.index(el.tag)
    for child in parent:
        if isinstance(child.tag, str) and child.tag in order and order.index(child.tag) > rank:
            child.addprevious(el)
            return
    parent.append(el)
