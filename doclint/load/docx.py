"""DOCX loader: one lxml pass over ``word/document.xml`` with our own style resolver.

Why not python-docx for this: it neither resolves effective formatting (style chains, theme fonts,
docDefaults), nor reads text boxes, nor skips the ``mc:Fallback`` copy of a shape's text, and it is
several times slower on large files. python-docx is used where it is good (writing comments).
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from lxml import etree

from doclint import lazyre
from doclint.errors import LoadError
from doclint.load.docx_ocr import made_by_ocr
from doclint.load.guard import open_zip, read_part
from doclint.load.numbering import Numbering, _int
from doclint.load.text import bounded_marks
from doclint.model import (
    Block,
    Comment,
    Document,
    HeaderFooter,
    LoadFacts,
    ParagraphFormat,
    Run,
    RunFormat,
    Section,
    TablePosition,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


@cache
def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# every WordprocessingML name the walk compares against, built once (a Clark name per comparison
# was a good part of loading a document)
QN_after = q("after")
QN_ascii = q("ascii")
QN_asciiTheme = q("asciiTheme")
QN_author = q("author")
QN_b = q("b")
QN_basedOn = q("basedOn")
QN_bdo = q("bdo")
QN_before = q("before")
QN_body = q("body")
QN_bottom = q("bottom")
QN_br = q("br")
QN_caps = q("caps")
QN_color = q("color")
QN_comment = q("comment")
QN_commentRangeEnd = q("commentRangeEnd")
QN_commentRangeStart = q("commentRangeStart")
QN_cr = q("cr")
QN_customXml = q("customXml")
QN_default = q("default")
QN_dir = q("dir")
QN_docDefaults = q("docDefaults")
QN_drawing = q("drawing")
QN_firstLine = q("firstLine")
QN_fldChar = q("fldChar")
QN_fldCharType = q("fldCharType")
QN_fldSimple = q("fldSimple")
QN_footerReference = q("footerReference")
QN_gridSpan = q("gridSpan")
QN_hAnsi = q("hAnsi")
QN_hAnsiTheme = q("hAnsiTheme")
QN_hanging = q("hanging")
QN_headerReference = q("headerReference")
QN_hyperlink = q("hyperlink")
QN_i = q("i")
QN_id = q("id")
QN_ilvl = q("ilvl")
QN_ind = q("ind")
QN_ins = q("ins")
QN_instr = q("instr")
QN_instrText = q("instrText")
QN_jc = q("jc")
QN_lastRenderedPageBreak = q("lastRenderedPageBreak")
QN_left = q("left")
QN_line = q("line")
QN_lineRule = q("lineRule")
QN_name = q("name")
QN_noBreakHyphen = q("noBreakHyphen")
QN_numId = q("numId")
QN_numPr = q("numPr")
QN_orient = q("orient")
QN_p = q("p")
QN_pBdr = q("pBdr")
QN_pPr = q("pPr")
QN_pPrDefault = q("pPrDefault")
QN_pStyle = q("pStyle")
QN_pgMar = q("pgMar")
QN_pgSz = q("pgSz")
QN_pict = q("pict")
QN_r = q("r")
QN_rFonts = q("rFonts")
QN_rPr = q("rPr")
QN_rPrDefault = q("rPrDefault")
QN_rStyle = q("rStyle")
QN_sdt = q("sdt")
QN_sdtContent = q("sdtContent")
QN_sectPr = q("sectPr")
QN_smartTag = q("smartTag")
QN_softHyphen = q("softHyphen")
QN_spacing = q("spacing")
QN_start = q("start")
QN_style = q("style")
QN_styleId = q("styleId")
QN_sz = q("sz")
QN_t = q("t")
QN_tab = q("tab")
QN_tbl = q("tbl")
QN_tc = q("tc")
QN_tcPr = q("tcPr")
QN_titlePg = q("titlePg")
QN_tr = q("tr")
QN_txbxContent = q("txbxContent")
QN_type = q("type")
QN_u = q("u")
QN_val = q("val")
QN_vanish = q("vanish")
MC_AlternateContent = f"{{{MC}}}AlternateContent"
MC_Choice = f"{{{MC}}}Choice"
MC_Fallback = f"{{{MC}}}Fallback"


TWIP_MM = 25.4 / 1440
MAX_STYLE_DEPTH = 64  # styles inherit a handful of levels; a 20,000-long chain is crafted
MAX_TEXTBOX_DEPTH = 8  # text boxes inside text boxes: Word draws two or three levels
LEGACY_FONT = lazyre.compile(r"^(\.vn|vni[- ]|vn[a-z]*h$|abc)", re.IGNORECASE)
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def parse_xml(data: bytes, name: str) -> etree._Element:
    head = data[:2048]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        # OOXML never declares a DTD; one that does is an entity-expansion or XXE attempt
        raise LoadError(
            "DOC001",
            f"Tệp DOCX chứa khai báo DTD/ENTITY trong {name} — từ chối vì có thể là tệp độc hại.",
            f"The DOCX declares a DTD/ENTITY in {name} — refused as potentially malicious.",
        )
    if STRICT_W.encode() in head or STRICT_W.encode() in data[:20000]:
        data = data.replace(STRICT_W.encode(), W.encode())
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        raise LoadError(
            "DOC001",
            f"Tệp DOCX bị hỏng: phần {name} không phải XML hợp lệ (dòng {exc.lineno}).",
            f"Broken DOCX: part {name} is not well-formed XML (line {exc.lineno}).",
        ) from exc
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        # the same refusal for a DTD hidden after a long comment, past the quick look above
        raise LoadError(
            "DOC001",
            f"Tệp DOCX chứa khai báo DTD/ENTITY trong {name} — từ chối vì có thể là tệp độc hại.",
            f"The DOCX declares a DTD/ENTITY in {name} — refused as potentially malicious.",
        )
    return root


def on_off(el: etree._Element | None) -> bool | None:
    """OOXML toggles: present means on unless w:val is 0/false/off."""
    if el is None:
        return None
    val = el.get(QN_val)
    return val not in ("0", "false", "off", "none")


# ---------------------------------------------------------------- styles


def _overlay(base, other):
    """A copy of ``base`` with every property ``other`` sets (style inheritance: later wins).

    A plain ``__dict__`` copy: ``dataclasses.replace`` re-runs ``__init__`` and ``getattr``/``setattr``
    per field are several times slower, and run formatting is merged thousands of times per document.
    """
    merged = object.__new__(type(base))
    target = merged.__dict__
    target.update(base.__dict__)
    for name, value in other.__dict__.items():
        if value is not None:
            target[name] = value
    return merged


@dataclass(eq=False, repr=False)
class RProps:
    """Run properties read from one w:rPr (None: not set there)."""

    ascii: str | None = None
    hansi: str | None = None
    ascii_theme: str | None = None
    hansi_theme: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    underline: bool | None = None
    color: str | None = None
    vanish: bool | None = None

    def over(self, other: RProps | None) -> RProps:
        """``other`` applied on top of self."""
        if other is None:
            return self
        merged = _overlay(self, other)
        if other.ascii is not None and other.ascii_theme is None:
            merged.ascii_theme = None
        if other.hansi is not None and other.hansi_theme is None:
            merged.hansi_theme = None
        return merged


@dataclass(eq=False, repr=False)
class PProps:
    """Paragraph properties read from one w:pPr (None: not set there)."""

    jc: str | None = None
    first_line: float | None = None  # twips; negative = hanging
    left: float | None = None
    before: float | None = None  # twips
    after: float | None = None
    line: float | None = None
    line_rule: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bottom_border: bool | None = None

    def over(self, other: PProps | None) -> PProps:
        return self if other is None else _overlay(self, other)


def _first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """``el.find(tag)`` for a plain tag: most often the first child (Word writes an element's
    properties first), else the children filtered in C rather than through ElementPath."""
    if len(el):
        first = el[0]
        if first.tag == tag:
            return first
    return next(el.iterchildren(tag), None)


# A w:rPr or w:pPr is read in one pass over its children: for each child read, the first of its tag,
# as ``find`` answers. What is read (``rpr_values``, ``ppr_scan``) is also the key of the format
# caches: equal values, equal formatting (one shared RunFormat), however the element spells them (order
# of its children, children not read, ``w:cs`` beside ``w:ascii``).
_ABSENT = object()  # no such child (an attribute that is missing reads None)
_RPR_SLOTS = {
    QN_rFonts: 0,
    QN_rStyle: 1,
    QN_sz: 2,
    QN_b: 3,
    QN_i: 4,
    QN_caps: 5,
    QN_vanish: 6,
    QN_u: 7,
    QN_color: 8,
}


def rpr_values(rpr: etree._Element) -> tuple:
    """The first ``w:rFonts``' four font slots, and ``w:val`` of the first of each other child read."""
    vals: list = [_ABSENT] * 9
    for child in rpr:
        slot = _RPR_SLOTS.get(child.tag)
        if slot is not None and vals[slot] is _ABSENT:
            if slot:
                vals[slot] = child.get(QN_val)
            else:
                vals[0] = (
                    child.get(QN_ascii),
                    child.get(QN_hAnsi),
                    child.get(QN_asciiTheme),
                    child.get(QN_hAnsiTheme),
                )
    return tuple(vals)


def _toggle(val: object) -> bool | None:
    """OOXML toggles: present means on unless w:val is 0/false/off."""
    return None if val is _ABSENT else val not in ("0", "false", "off", "none")


def rprops(vals: tuple) -> RProps:
    """The run properties :func:`rpr_values` read."""
    fonts, _style, size, bold, italic, caps, vanish, underline, color = vals
    props = RProps()
    if fonts is not _ABSENT:
        props.ascii, props.hansi, props.ascii_theme, props.hansi_theme = fonts
    if size is not _ABSENT:
        value = _finite(size)
        if value is not None and 0 < value <= 3276:  # half-points; Word's largest size is 1638 pt
            props.size = value / 2
    props.bold = _toggle(bold)
    props.italic = _toggle(italic)
    props.caps = _toggle(caps)
    props.vanish = _toggle(vanish)
    if underline is not _ABSENT:
        props.underline = (underline if underline is not None else "single") != "none"
    if color is not _ABSENT:
        val = (color or "").upper()
        props.color = "AUTO" if val in ("", "AUTO") else val
    return props


def read_rpr(rpr: etree._Element | None) -> RProps | None:
    return None if rpr is None else rprops(rpr_values(rpr))


def _twips(el: etree._Element | None, attr: str) -> float | None:
    if el is None:
        return None
    return _finite(el.get(q(attr)))


def _finite(raw: str | None, bound: float = 1e7) -> float | None:
    """A number attribute, or None for anything else: 'inf', 'nan', '1e400', '²', past ``bound``."""
    if raw is None or len(raw) > 32:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) and abs(value) <= bound else None


_PPR_SLOTS = {QN_pStyle: 0, QN_jc: 1, QN_ind: 2, QN_spacing: 3, QN_numPr: 4, QN_pBdr: 5}


def ppr_scan(ppr: etree._Element) -> tuple[tuple, etree._Element | None]:
    """What :func:`pprops` reads of a ``w:pPr`` (the first ``w:pStyle``, ``w:jc``, ``w:ind``,
    ``w:spacing``, ``w:numPr`` and ``w:pBdr/w:bottom``), and its ``w:sectPr``, in one pass."""
    vals: list = [_ABSENT] * 6
    sect = None
    for child in ppr:
        tag = child.tag
        slot = _PPR_SLOTS.get(tag)
        if slot is None:
            if tag == QN_sectPr and sect is None:
                sect = child
        elif vals[slot] is not _ABSENT:
            continue
        elif slot <= 1:
            vals[slot] = child.get(QN_val)
        elif slot == 2:
            vals[2] = (
                child.get(QN_hanging),
                child.get(QN_firstLine),
                child.get(QN_left),
                child.get(QN_start),
            )
        elif slot == 3:
            vals[3] = (child.get(QN_before), child.get(QN_after), child.get(QN_line), child.get(QN_lineRule))
        elif slot == 4:
            ilvl, num_id = _first_child(child, QN_ilvl), _first_child(child, QN_numId)
            vals[4] = (
                ilvl.get(QN_val) if ilvl is not None else None,
                num_id.get(QN_val) if num_id is not None else None,
            )
        else:  # the first w:bottom of any w:pBdr, as find("w:pBdr/w:bottom")
            bottom = _first_child(child, QN_bottom)
            if bottom is not None:
                vals[5] = bottom.get(QN_val)
    return tuple(vals), sect


def pprops(vals: tuple) -> PProps:
    """The paragraph properties :func:`ppr_scan` read."""
    _style, jc, ind, spacing, num, bottom = vals
    props = PProps()
    if jc is not _ABSENT:
        props.jc = jc
    if ind is not _ABSENT:
        hanging, first = _finite(ind[0]), _finite(ind[1])
        props.first_line = -hanging if hanging else first
        props.left = _finite(ind[2]) if ind[2] is not None else _finite(ind[3])
    if spacing is not _ABSENT:
        props.before, props.after, props.line = _finite(spacing[0]), _finite(spacing[1]), _finite(spacing[2])
        props.line_rule = spacing[3] or ("auto" if props.line else None)
    if num is not _ABSENT:
        props.num_id = num[1]
        value = _int(num[0])
        if value is not None and value >= 0:
            props.ilvl = value  # past Word's nine levels: no label (numbering.MAX_LEVEL)
    if bottom is not _ABSENT:
        props.bottom_border = bottom not in (None, "nil", "none")
    return props


def read_ppr(ppr: etree._Element | None) -> PProps | None:
    return None if ppr is None else pprops(ppr_scan(ppr)[0])


@dataclass(eq=False, repr=False)
class Style:
    """A style's own properties are read when a paragraph first uses it (a Word template declares
    a hundred and fifty styles; a document uses a handful)."""

    style_id: str
    kind: str
    name: str
    based_on: str | None
    element: etree._Element | None = field(default=None, repr=False)
    _rpr: RProps | None = field(default=None, repr=False)
    _ppr: PProps | None = field(default=None, repr=False)
    _read: bool = field(default=False, repr=False)

    def _load(self) -> None:
        if not self._read:
            self._read = True
            if self.element is not None:
                self._rpr = read_rpr(_first_child(self.element, QN_rPr))
                self._ppr = read_ppr(_first_child(self.element, QN_pPr))

    @property
    def rpr(self) -> RProps | None:
        self._load()
        return self._rpr

    @property
    def ppr(self) -> PProps | None:
        self._load()
        return self._ppr


@dataclass(eq=False, repr=False)
class Styles:
    """The styles part: styles by id, document defaults and the theme's fonts."""

    styles: dict[str, Style] = field(default_factory=dict)
    default_rpr: RProps = field(default_factory=RProps)
    default_ppr: PProps = field(default_factory=PProps)
    default_para: str | None = None
    default_char: str | None = None
    theme: dict[str, str] = field(default_factory=dict)
    _rcache: dict[str, RProps] = field(default_factory=dict)
    _pcache: dict[str, PProps] = field(default_factory=dict)

    def chain(self, style_id: str | None) -> list[Style]:
        """The ``basedOn`` chain, base first: a cycle ends it, and so does ``MAX_STYLE_DEPTH``."""
        out: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(out) < MAX_STYLE_DEPTH:
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            style_id = style.based_on
        return list(reversed(out))

    def style_rpr(self, style_id: str | None) -> RProps:
        key = style_id or ""
        if key not in self._rcache:
            props = RProps()
            for style in self.chain(style_id):
                props = props.over(style.rpr)
            self._rcache[key] = props
        return self._rcache[key]

    def style_ppr(self, style_id: str | None) -> PProps:
        key = style_id or ""
        if key not in self._pcache:
            props = PProps()
            for style in self.chain(style_id):
                props = props.over(style.ppr)
            self._pcache[key] = props
        return self._pcache[key]

    def font(self, name: str | None, theme: str | None) -> str | None:
        if theme:
            major = theme.startswith("major")
            return self.theme.get("major" if major else "minor") or name
        return name


def read_styles(root: etree._Element | None, theme: dict[str, str]) -> Styles:
    styles = Styles(theme=theme)
    if root is None:
        return styles
    defaults = root.find(QN_docDefaults)
    if defaults is not None:
        styles.default_rpr = read_rpr(defaults.find(f"{QN_rPrDefault}/{QN_rPr}")) or RProps()
        styles.default_ppr = read_ppr(defaults.find(f"{QN_pPrDefault}/{QN_pPr}")) or PProps()
    for el in root.iter(QN_style):
        style_id = el.get(QN_styleId)
        if not style_id:
            continue
        based = _first_child(el, QN_basedOn)
        name = _first_child(el, QN_name)
        kind = el.get(QN_type, "paragraph")
        styles.styles[style_id] = Style(
            style_id=style_id,
            kind=kind,
            name=name.get(QN_val) if name is not None else style_id,
            based_on=based.get(QN_val) if based is not None else None,
            element=el,
        )
        if on_off(_first_child(el, QN_default)) or el.get(QN_default) in ("1", "true"):
            if kind == "paragraph":
                styles.default_para = style_id
            elif kind == "character":
                styles.default_char = style_id
    return styles


def read_theme(root: etree._Element | None) -> dict[str, str]:
    if root is None:
        return {}
    out: dict[str, str] = {}
    for kind in ("major", "minor"):
        # find(".//a:majorFont/a:latin"), the descendants filtered in C
        fonts = root.iterdescendants(f"{{{A}}}{kind}Font")
        latin = next((el for font in fonts for el in font.iterchildren(f"{{{A}}}latin")), None)
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out


# ---------------------------------------------------------------- package


class Package:
    """The zip container: parts by name, relationships of a part resolved to part names."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        return parse_xml(read_part(self.archive, name), name)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        # the part's folder and name as PurePosixPath(part).parent / .name, in plain string operations
        # (pathlib objects per relationship were a tenth of reading the package)
        pieces = [piece for piece in part.split("/") if piece not in ("", ".")]
        folder = "/".join(pieces[:-1])
        name = pieces[-1] if pieces else ""
        root = self.xml(f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = _normpath(f"{folder}/{target}")
            out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
        return out

    def main_part(self) -> str:
        for _rid, (rtype, target) in self.rels("").items():
            if rtype.endswith("/officeDocument"):
                return target
        return "word/document.xml"


def _normpath(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


# ---------------------------------------------------------------- body walk


@dataclass(slots=True, eq=False, repr=False)
class _Para:
    """A paragraph being read: its text pieces, runs and what was seen on the way."""

    text: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    length: int = 0
    non_nfc: bool = False
    page_breaks: int = 0
    field_depth: list[str] = field(default_factory=list)  # "instr" | "result"
    has_page_field: bool = False
    has_numpages_field: bool = False
    textboxes: list[etree._Element] = field(default_factory=list)
    comment_marks: list[tuple[str, bool, int]] = field(default_factory=list)  # (id, is_start, offset)


# a w:softHyphen's place in a run until the run's font is known (NUL: no XML text can hold one)
_SOFT_HYPHEN = "\x00"


class DocxReader:
    def __init__(self, pkg: Package, path: Path) -> None:
        self.pkg = pkg
        self.path = path
        self.main = pkg.main_part()
        self.rels = pkg.rels(self.main)
        theme_root = None
        styles_root = None
        numbering_root = None
        for rtype, target in self.rels.values():
            if rtype.endswith("/theme"):
                theme_root = pkg.xml(target)
            elif rtype.endswith("/styles"):
                styles_root = pkg.xml(target)
            elif rtype.endswith("/numbering"):
                numbering_root = pkg.xml(target)
        self.styles = read_styles(styles_root, read_theme(theme_root))
        self._run_base: dict[tuple[str | None, str | None], RProps] = {}
        self._para_base: dict[str | None, PProps] = {}
        self._run_formats: dict[tuple[str | None, tuple | None], tuple[RunFormat, bool]] = {}
        self._para_formats: dict[tuple | None, tuple[ParagraphFormat, str | None, PProps]] = {}
        self.numbering = Numbering(numbering_root, W)
        self.blocks: list[Block] = []
        self.sections: list[Section] = []
        self.facts = LoadFacts()
        self.page = 1
        self.table_count = 0
        self.section_index = 0
        self.section_first_block = 0
        self.section_has_table = False
        self.box_depth = 0
        self.deep_boxes = False
        self._headers: dict[str, HeaderFooter] = {}
        # reviewers' comments: id -> [(block, offset) of the start, of the end]
        self.comment_ranges: dict[str, list[tuple[int, int] | None]] = {}
        self._comment_pending: list[str] = []  # starts seen in a paragraph that made no block

    # -- formatting
    def run_format(self, para_style: str | None, rpr: etree._Element | None) -> tuple[RunFormat, bool]:
        """The effective formatting of a run with properties ``rpr`` (and whether it is hidden). Runs
        with the same properties in paragraphs of the same style share one answer (and one RunFormat):
        a document has a few dozen distinct ``w:rPr`` for thousands of runs."""
        vals = rpr_values(rpr) if rpr is not None else None
        key = (para_style, vals)
        known = self._run_formats.get(key)
        if known is None:
            known = self._run_formats[key] = self._run_format(para_style, vals)
        return known

    def _run_format(self, para_style: str | None, vals: tuple | None) -> tuple[RunFormat, bool]:
        char_style = vals[1] if vals is not None and vals[1] is not _ABSENT else None
        key = (para_style, char_style)
        base = self._run_base.get(key)
        if base is None:  # docDefaults + paragraph style + character style, once per pair
            base = self.styles.default_rpr.over(self.styles.style_rpr(para_style or self.styles.default_para))
            if char_style:
                base = base.over(self.styles.style_rpr(char_style))
            self._run_base[key] = base
        props = base.over(rprops(vals)) if vals is not None else base
        color = props.color if props.color not in (None, "AUTO") else None
        fmt = RunFormat(
            font=self.styles.font(props.ascii, props.ascii_theme),
            font_hansi=self.styles.font(props.hansi or props.ascii, props.hansi_theme),
            size_pt=props.size if props.size is not None else 10.0,  # Word's built-in default
            bold=bool(props.bold),
            italic=bool(props.italic),
            caps=bool(props.caps),
            underline=bool(props.underline),
            color=color,
        )
        return fmt, bool(props.vanish)

    def para_format(self, vals: tuple | None) -> tuple[ParagraphFormat, str | None, PProps]:
        """The effective format, style and properties of a paragraph whose ``w:pPr`` reads ``vals``
        (:func:`ppr_scan`; None: no ``w:pPr``). Paragraphs with the same properties share one answer
        (and one ParagraphFormat, like runs share a RunFormat): read it only."""
        known = self._para_formats.get(vals)
        if known is None:
            style_id, props = self._para_props_of(vals)
            known = self._para_formats[vals] = (self._para_format(style_id, props), style_id, props)
        return known

    def _para_format(self, style_id: str | None, props: PProps) -> ParagraphFormat:
        line_spacing = line_pt = None
        if props.line is not None:
            if (props.line_rule or "auto") == "auto":
                line_spacing = props.line / 240
            else:
                line_pt = props.line / 20
        style = self.styles.styles.get(style_id or "")
        fmt = ParagraphFormat(
            alignment=_ALIGN.get(props.jc or "left", "left"),
            first_line_indent_mm=props.first_line * TWIP_MM if props.first_line is not None else 0.0,
            left_indent_mm=props.left * TWIP_MM if props.left is not None else 0.0,
            space_before_pt=props.before / 20 if props.before is not None else 0.0,
            space_after_pt=props.after / 20 if props.after is not None else 0.0,
            line_spacing=line_spacing if props.line is not None else 1.0,
            line_spacing_pt=line_pt,
            line_rule=(props.line_rule or "auto") if props.line is not None else "auto",  # type: ignore[arg-type]
            style_name=style.name if style else None,
            has_bottom_border=bool(props.bottom_border),
        )
        return fmt

    def _para_props_of(self, vals: tuple | None) -> tuple[str | None, PProps]:
        style_id = vals[0] if vals is not None and vals[0] is not _ABSENT else None
        style_id = style_id or self.styles.default_para
        base = self._para_base.get(style_id)
        if base is None:
            base = self._para_base[style_id] = self.styles.default_ppr.over(self.styles.style_ppr(style_id))
        return style_id, base.over(pprops(vals)) if vals is not None else base

    # -- text
    def collect(self, el: etree._Element, para: _Para, para_style: str | None) -> None:
        """Walk the inline content of a paragraph in document order."""
        for child in el:
            tag = child.tag  # a processing instruction's is no string: it matches nothing below
            if tag == QN_r:
                self.read_run(child, para, para_style)
            elif tag in (QN_hyperlink, QN_ins, QN_smartTag, QN_customXml, QN_bdo, QN_dir):
                self.collect(child, para, para_style)
            elif tag == QN_sdt:
                content = child.find(QN_sdtContent)
                if content is not None:
                    self.collect(content, para, para_style)
            elif tag == QN_fldSimple:
                instr = (child.get(QN_instr) or "").strip().upper()
                self._note_field(instr, para)
                self.collect(child, para, para_style)
            elif tag == MC_AlternateContent:
                choice = child.find(MC_Choice)
                if choice is not None:
                    self.collect(choice, para, para_style)
            elif tag in (QN_commentRangeStart, QN_commentRangeEnd):
                para.comment_marks.append((child.get(QN_id, ""), tag == QN_commentRangeStart, para.length))
            # w:del, w:moveFrom, bookmarks, proofErr... carry no visible text

    def _note_field(self, instr: str, para: _Para) -> None:
        word = instr.split()[0] if instr.split() else ""
        if word == "PAGE":
            para.has_page_field = True
        elif word in ("NUMPAGES", "SECTIONPAGES"):
            para.has_numpages_field = True

    def read_run(self, r: etree._Element, para: _Para, para_style: str | None) -> None:
        """One ``w:r``: its children in one pass (the properties are whichever ``w:rPr`` comes first,
        as ``find`` would answer, without a second walk of the children)."""
        pieces: list[str] = []
        rpr = None
        soft_hyphens = False
        depth = para.field_depth
        for child in r:
            tag = child.tag
            if tag == QN_t:
                if not (depth and depth[-1] == "instr"):
                    pieces.append(child.text or "")
            elif tag == QN_rPr:
                if rpr is None:
                    rpr = child
            elif tag == QN_fldChar:
                kind = child.get(QN_fldCharType)
                if kind == "begin":
                    depth.append("instr")
                elif kind == "separate" and depth:
                    depth[-1] = "result"
                elif kind == "end" and depth:
                    depth.pop()
            elif tag == QN_instrText:
                self._note_field((child.text or "").strip().upper(), para)
            elif not isinstance(tag, str) or (depth and depth[-1] == "instr"):
                continue  # a processing instruction; a field's code
            elif tag == QN_tab:
                pieces.append("\t")
            elif tag in (QN_br, QN_cr):
                if child.get(QN_type) == "page":
                    para.page_breaks += 1
                else:
                    pieces.append("\n")
            elif tag == QN_lastRenderedPageBreak:
                para.page_breaks += 1
            elif tag == QN_noBreakHyphen:
                pieces.append("-")
            elif tag == QN_softHyphen:
                pieces.append(_SOFT_HYPHEN)  # kept or dropped once the run's font is known
                soft_hyphens = True
            elif tag in (QN_drawing, MC_AlternateContent, QN_pict):
                self._find_textboxes(child, para)
        fmt, hidden = self.run_format(para_style, rpr)
        if soft_hyphens:
            # in a TCVN3 (.VnTime) run the byte 0xAD is the letter "ư", not a soft hyphen
            legacy = LEGACY_FONT.match((fmt.font_hansi or fmt.font or "").strip())
            pieces = [("\u00ad" if p == _SOFT_HYPHEN else p) for p in pieces if legacy or p != _SOFT_HYPHEN]
        if hidden or not pieces:
            return
        raw = bounded_marks("".join(pieces))
        text = unicodedata.normalize("NFC", raw)
        if text != raw:
            para.non_nfc = True
        font = fmt.font_hansi or fmt.font
        if font:
            self.facts.fonts[font] = self.facts.fonts.get(font, 0) + len(text)
        start = para.length
        para.text.append(text)
        para.length += len(text)
        para.runs.append(Run(start=start, end=para.length, fmt=fmt))

    def _find_textboxes(self, el: etree._Element, para: _Para) -> None:
        # skip mc:Fallback (the VML copy of the same shape); take the first txbxContent per shape
        if el.tag == MC_AlternateContent:
            choice = el.find(MC_Choice)
            if choice is not None:
                self._find_textboxes(choice, para)
            return
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == QN_txbxContent:
                para.textboxes.append(child)
                self.facts.has_text_boxes = True
            elif child.tag == MC_Fallback:
                continue
            else:
                self._find_textboxes(child, para)

    # -- blocks
    def add_paragraph(
        self, p: etree._Element, kind: str = "paragraph", table: TablePosition | None = None
    ) -> None:
        ppr = _first_child(p, QN_pPr)
        vals, sect = ppr_scan(ppr) if ppr is not None else (None, None)
        pfmt, style_id, props = self.para_format(vals)
        para = _Para()
        self.collect(p, para, style_id)
        text = "".join(para.text)
        label = None
        if props.num_id and props.num_id != "0":
            label = self.numbering.label(props.num_id, props.ilvl or 0)
            pfmt = replace(pfmt, numbering_label=label, numbering_level=props.ilvl or 0)  # shared: copy
        stripped = text.strip()
        if para.non_nfc:
            self.facts.non_nfc_blocks += 1
            if stripped or label:
                self.facts.non_nfc_where.append(len(self.blocks))
        if stripped or label:
            self.blocks.append(
                Block(
                    index=len(self.blocks),
                    text=text,
                    kind=kind,  # type: ignore[arg-type]
                    runs=para.runs,
                    para=pfmt,
                    page=self.page,
                    section=self.section_index,
                    table=table,
                )
            )
        if para.comment_marks or self._comment_pending:
            self._place_comment_marks(para, len(self.blocks) - 1 if (stripped or label) else None)
        if para.textboxes and self.box_depth >= MAX_TEXTBOX_DEPTH:
            if not self.deep_boxes:
                self.deep_boxes = True
                self.facts.warnings.append(
                    f"Hộp văn bản lồng nhau quá {MAX_TEXTBOX_DEPTH} cấp: phần lồng sâu hơn không được đọc."
                )
        elif para.textboxes:
            self.box_depth += 1
            try:
                for box in para.textboxes:
                    for inner in box.iter(QN_p):
                        # each paragraph once: those of a box inside this box are read with that box
                        if next(inner.iterancestors(QN_txbxContent), None) is box:
                            self.add_paragraph(inner, kind="textbox")
            finally:
                self.box_depth -= 1
        self.page += para.page_breaks
        if sect is not None:
            self.close_section(sect)

    def _place_comment_marks(self, para: _Para, block: int | None) -> None:
        """Comment ranges in block coordinates; a mark in a paragraph that made no block moves to the
        start of the next block (a start) or the end of the previous one (an end)."""
        if block is not None:
            for cid in self._comment_pending:
                self.comment_ranges.setdefault(cid, [None, None])[0] = (block, 0)
            self._comment_pending.clear()
        for cid, is_start, offset in para.comment_marks:
            span = self.comment_ranges.setdefault(cid, [None, None])
            if block is not None:
                span[0 if is_start else 1] = (block, offset)
            elif is_start:
                self._comment_pending.append(cid)
            elif self.blocks:
                span[1] = (len(self.blocks) - 1, len(self.blocks[-1].text))

    def read_comments(self) -> list[Comment]:
        """The comments part (author, text) joined with the ranges seen in the body."""
        part = next((target for rtype, target in self.rels.values() if rtype.endswith("/comments")), None)
        root = self.pkg.xml(part) if part else None
        if root is None:
            return []
        out: list[Comment] = []
        for el in root.iter(QN_comment):
            texts = ["".join(t.text or "" for t in p.iter(QN_t)) for p in el.iter(QN_p)]
            span = self.comment_ranges.get(el.get(QN_id, ""), [None, None])
            start, end = span[0], span[1] or span[0]
            out.append(
                Comment(
                    text=unicodedata.normalize("NFC", "\n".join(texts).strip()),
                    author=el.get(QN_author, ""),
                    start_block=start[0] if start else None,
                    start=start[1] if start else 0,
                    end_block=end[0] if end else None,
                    end=end[1] if end else 0,
                )
            )
        return out

    def add_table(self, tbl: etree._Element, nested: bool = False) -> None:
        self.section_has_table = True
        index = self.table_count
        self.table_count += 1
        rows = [list(row.iterchildren(QN_tc)) for row in tbl.iterchildren(QN_tr)]
        n_cols = max(map(len, rows), default=0)
        for r_i, cells in enumerate(rows):
            col = 0
            for cell in cells:
                tcpr = _first_child(cell, QN_tcPr)
                span = 1
                if tcpr is not None:
                    gs = _first_child(tcpr, QN_gridSpan)
                    value = _int(gs.get(QN_val)) if gs is not None else None
                    if value is not None and value > 0:
                        span = min(value, 63)  # Word's largest table has 63 columns
                pos = TablePosition(
                    table=index, row=r_i, col=col, n_rows=len(rows), n_cols=n_cols, nested=nested
                )
                self.walk(cell, kind="cell", table=pos, nested=True)
                col += span

    def walk(
        self,
        container: etree._Element,
        kind: str = "paragraph",
        table: TablePosition | None = None,
        nested: bool = False,
    ) -> None:
        for child in container:
            tag = child.tag
            if tag == QN_p:
                self.add_paragraph(child, kind=kind, table=table)
            elif tag == QN_tbl:
                self.add_table(child, nested=nested)
            elif tag == QN_sdt:
                content = child.find(QN_sdtContent)
                if content is not None:
                    self.walk(content, kind=kind, table=table, nested=nested)
            elif tag in (QN_customXml, QN_ins):
                self.walk(child, kind=kind, table=table, nested=nested)
            elif tag == MC_AlternateContent:
                choice = child.find(MC_Choice)
                if choice is not None:
                    self.walk(choice, kind=kind, table=table, nested=nested)
            elif tag == QN_sectPr and container.tag == QN_body:
                self.close_section(child)

    def close_section(self, sect: etree._Element) -> None:
        section = Section(index=self.section_index)
        pg = sect.find(QN_pgSz)
        if pg is not None:
            w, h = _twips(pg, "w"), _twips(pg, "h")
            section.page_width_mm = w * TWIP_MM if w else None
            section.page_height_mm = h * TWIP_MM if h else None
            orient = pg.get(QN_orient)
            if orient in ("portrait", "landscape"):
                section.orientation = orient
            elif w and h:
                section.orientation = "landscape" if w > h else "portrait"
        mar = sect.find(QN_pgMar)
        if mar is not None:
            for side in ("top", "bottom", "left", "right"):
                value = _twips(mar, side)
                if value is None and side in ("left", "right"):
                    value = _twips(mar, "start" if side == "left" else "end")
                setattr(section, f"margin_{side}_mm", abs(value) * TWIP_MM if value is not None else None)
        section.title_page = bool(on_off(sect.find(QN_titlePg)))
        for ref_tag, kind in ((QN_headerReference, "header"), (QN_footerReference, "footer")):
            for ref in sect.findall(ref_tag):
                rid = ref.get(f"{{{R}}}id")
                variant = ref.get(QN_type, "default")
                if rid in self.rels:
                    section.headers.append(self.read_header(self.rels[rid][1], kind, variant))
        section.has_table = self.section_has_table
        section.first_block = self.section_first_block
        section.last_block = len(self.blocks) - 1
        self.sections.append(section)
        self.section_index += 1
        self.section_first_block = len(self.blocks)
        self.section_has_table = False

    def read_header(self, part: str, kind: str, variant: str) -> HeaderFooter:
        """Each header/footer part is parsed once, however many sections refer to it."""
        known = self._headers.get(part)
        if known is None:
            known = self._headers[part] = self._read_header(part, kind, variant)
        return replace(known, kind=kind, variant=variant)  # type: ignore[arg-type]

    def _read_header(self, part: str, kind: str, variant: str) -> HeaderFooter:
        root = self.pkg.xml(part)
        hf = HeaderFooter(kind=kind, variant=variant, text="")  # type: ignore[arg-type]
        if root is None:
            return hf
        texts: list[str] = []
        for p in root.iter(QN_p):
            ppr = _first_child(p, QN_pPr)
            pfmt, style_id, _ = self.para_format(ppr_scan(ppr)[0] if ppr is not None else None)
            para = _Para()
            self.collect(p, para, style_id)
            text = "".join(para.text).strip()
            if text:
                texts.append(text)
            if para.has_page_field:
                hf.has_page_field = True
                hf.alignment = pfmt.alignment
                raw = "".join(para.text)
                if pfmt.alignment == "left" and raw.startswith("\t") and raw.strip().isdigit():
                    # "⇥PAGE" on a left paragraph: moved to a tab stop, in practice the Header
                    # style's centre stop (tab positions are not resolved)
                    hf.alignment = "center"
            hf.has_numpages_field = hf.has_numpages_field or para.has_numpages_field
            if (text or para.has_page_field) and hf.alignment is None:
                hf.alignment = pfmt.alignment
        hf.text = "\n".join(texts)
        return hf


_ALIGN = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "both",
    "distribute": "distribute",
    "justify": "both",
}


def _read_core(pkg: Package) -> dict[str, str]:
    root = pkg.xml("docProps/core.xml")
    out: dict[str, str] = {}
    if root is None:
        return out
    for el in root:
        if isinstance(el.tag, str) and el.text and el.text.strip():
            out[etree.QName(el).localname] = el.text.strip()
    return out


def load_docx(path: Path) -> Document:
    archive = open_zip(path)
    try:
        pkg = Package(archive)
        if "[Content_Types].xml" not in pkg.names:
            raise LoadError(
                "DOC001",
                "Tệp không phải DOCX hợp lệ: thiếu [Content_Types].xml.",
                "Not a valid DOCX: [Content_Types].xml is missing.",
            )
        reader = DocxReader(pkg, path)
        root = pkg.xml(reader.main)
        if root is None:
            raise LoadError(
                "DOC001",
                f"Tệp DOCX thiếu phần nội dung chính ({reader.main}).",
                f"The DOCX has no main document part ({reader.main}).",
            )
        body = root.find(QN_body)
        if body is None:
            raise LoadError(
                "DOC001", "Tệp DOCX không có phần thân văn bản (w:body).", "The DOCX has no w:body."
            )
        reader.walk(body)
        if reader.page == 1 and len(reader.blocks) > 25:
            # no page break and no page Word rendered: pagination is unknown, not "all on page 1"
            for block in reader.blocks:
                block.page = None
        if not reader.sections:
            reader.close_section(etree.Element(QN_sectPr))
        facts = reader.facts
        facts.legacy_fonts = sorted(f for f in facts.fonts if LEGACY_FONT.match(f.strip()))
        ocr = made_by_ocr(style.name for style in reader.styles.styles.values())
        if ocr is not None:  # a scan converted to Word: its layout and words are the recogniser's
            facts.text_layer, facts.text_layer_detail = "ocr", ocr
        return Document(
            path=str(path),
            format="docx",
            blocks=reader.blocks,
            sections=reader.sections,
            facts=facts,
            metadata=_read_core(pkg),
            comments=reader.read_comments(),
        )
    finally:
        archive.close()
