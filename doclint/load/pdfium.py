"""The PDF engine: PDFium (pypdfium2) characters with their boxes, grouped into words by position.

For each page PDFium gives every glyph with its Unicode value, its box (the advance width across, the
font's descent below the baseline), the text object that drew it (font, size, fill colour, render
mode, matrix) and whether its Unicode mapping failed. From these:

- **Words** are built from the positions alone: glyphs are clustered into lines by their baseline,
  sorted left to right, and a word ends at a space glyph, at a gap wider than a fifth of the font
  size, or where the font, size or colour changes. Spaces PDFium generates itself are ignored, so a
  line drawn without space glyphs still splits into words, and two columns on one baseline are two
  runs of words with a wide gap between them (the layout code splits them by that gap).
- **Stamps**: the appearance streams of visible Widget, FreeText and Stamp annotations (the number
  and day an electronic signing system writes over "Số:   /…" and "ngày   tháng") are flattened into
  the page in memory and their glyphs marked ``stamped``. The file is never written.
- **Images and edges**: the page objects are walked (forms included, to a bounded depth) for the
  largest image's share of the page and the number of drawn lines and rectangles.
- **Text-layer signs** for the quality score: glyphs with no Unicode mapping, glyphs drawn invisibly
  (render mode 3, the way OCR layers are written), glyphs in fonts OCR engines use.

Limits: pages, glyphs per page (checked before PDFium builds a page's text, from the page's objects
and the byte scan of :mod:`doclint.load.pdf_guard`) and glyphs per document. PDFium resolves
reference cycles itself (a cyclic /MediaBox gives the default page size, a cyclic /Annots no
annotation) and closing a document never walks its objects again.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import struct
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium  # noqa: F401  (initialises the library)
import pypdfium2.raw as pr

from doclint import lazyre
from doclint.errors import LoadError
from doclint.load import pdf_guard, pdf_raw
from doclint.load.pdf_raw import (
    GENERIC_FONT,
    OCR_FONT,
    LayerStats,
    RawDoc,
    RawPage,
    Word,
    clean_font,
    run_format,
)
from doclint.model import RunFormat

MAX_FORM_DEPTH = 6
MAX_PAGE_OBJECTS = 200_000
WORD_GAP = 0.2  # a gap wider than this share of the font size separates two words
LINE_TOLERANCE = 3.0  # glyphs whose bottoms differ by less stand on one line (pdfplumber's default)
KEEP_ANNOTS = (pr.FPDF_ANNOT_WIDGET, pr.FPDF_ANNOT_FREETEXT, pr.FPDF_ANNOT_STAMP)
META_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")


def _bare_functions(restypes: dict[str, object]) -> tuple | None:
    """PDFium's functions ``restypes`` names, as new bare pointers with only their result type set (the
    typed bindings stay as they are); None where this build of pypdfium2 does not expose its library."""
    try:
        from pypdfium2_raw.bindings import _libs

        lib = _libs["pdfium"]
        out = []
        for name, restype in restypes.items():
            fn = lib[name]  # a new function pointer each time
            fn.restype = restype
            out.append(fn)
        return tuple(out)
    except Exception:
        return None


def _bare():
    """The per-glyph calls as bare function pointers: no prototype, so no argument conversion —
    handles go in as ``c_void_p``, buffers by reference, indexes as ints (a third of the cost of a
    call through the typed bindings, paid some ten times per word)."""
    vp, ci = ctypes.c_void_p, ctypes.c_int
    restypes = {
        "FPDFText_GetTextObject": vp,
        "FPDFText_GetLooseCharBox": ci,
        "FPDFText_HasUnicodeMapError": ci,
        "FPDFTextObj_GetFont": vp,
        "FPDFText_GetFontSize": ctypes.c_double,
        "FPDFPageObj_GetFillColor": ci,
        "FPDFPageObj_GetMatrix": ci,
    }
    bare = _bare_functions(restypes)
    if bare is None:  # another build of pypdfium2: the typed bindings (slower, same results)

        def to(handle, kind):
            return ctypes.cast(handle, kind)

        def obj(tp, k):
            return to(pr.FPDFText_GetTextObject(to(tp, pr.FPDF_TEXTPAGE), k), vp).value

        def box(tp, k, rect):
            return pr.FPDFText_GetLooseCharBox(to(tp, pr.FPDF_TEXTPAGE), k, rect)

        def map_error(tp, k):
            return pr.FPDFText_HasUnicodeMapError(to(tp, pr.FPDF_TEXTPAGE), k)

        def font(o):
            return to(pr.FPDFTextObj_GetFont(to(o, pr.FPDF_PAGEOBJECT)), vp).value

        def size(tp, k):
            return pr.FPDFText_GetFontSize(to(tp, pr.FPDF_TEXTPAGE), k)

        def fill(o, r, g, b, a):
            return pr.FPDFPageObj_GetFillColor(to(o, pr.FPDF_PAGEOBJECT), r, g, b, a)

        def matrix(o, out):
            return pr.FPDFPageObj_GetMatrix(to(o, pr.FPDF_PAGEOBJECT), out)

        return obj, box, map_error, font, size, fill, matrix
    return bare


# each takes the text page or the text object as a c_void_p and out-parameters by reference
_GET_OBJ, _GET_BOX, _MAP_ERROR, _GET_FONT, _FONT_SIZE, _FILL, _MATRIX = _bare()
_RECT = struct.Struct("4f").unpack_from  # FS_RECTF: left, top, right, bottom
_MATRIX4 = struct.Struct("4f").unpack_from  # FS_MATRIX: a, b, c, d (then e, f)


class _Handle(ctypes.c_void_p):
    """A page object handle as returned by the bare calls below (a c_void_p subclass stays a handle,
    ready to be passed on, instead of becoming an int)."""


def _bare_walk():
    """The calls of the page-object walk, bare like :func:`_bare` (the walk visits every object)."""
    ci, fl = ctypes.c_int, ctypes.c_float
    names = {
        "FPDFPage_CountObjects": ci,
        "FPDFPage_GetObject": _Handle,
        "FPDFFormObj_CountObjects": ci,
        "FPDFFormObj_GetObject": _Handle,
        "FPDFPageObj_GetType": ci,
        "FPDFPageObj_GetBounds": ci,
        "FPDFPath_CountSegments": ci,
        "FPDFPath_GetPathSegment": _Handle,
        "FPDFPathSegment_GetType": ci,
        "FPDFAnnot_GetObject": _Handle,
    }
    bare = _bare_functions(names)
    if bare is None:  # another build of pypdfium2: the typed bindings, handles cast on the way

        def typed(name: str, kinds: tuple, handle: bool):
            fn = getattr(pr, name)

            def call(*args):
                got = fn(
                    *(ctypes.cast(a, k) if k is not None else a for a, k in zip(args, kinds, strict=True))
                )
                return _Handle(_addr(got)) if handle else got

            return call

        obj, page, path, seg = pr.FPDF_PAGEOBJECT, pr.FPDF_PAGE, pr.FPDF_PAGEOBJECT, pr.FPDF_PATHSEGMENT
        pf = ctypes.POINTER(fl)
        return (
            typed("FPDFPage_CountObjects", (page,), False),
            typed("FPDFPage_GetObject", (page, None), True),
            typed("FPDFFormObj_CountObjects", (obj,), False),
            typed("FPDFFormObj_GetObject", (obj, None), True),
            typed("FPDFPageObj_GetType", (obj,), False),
            typed("FPDFPageObj_GetBounds", (obj, pf, pf, pf, pf), False),
            typed("FPDFPath_CountSegments", (path,), False),
            typed("FPDFPath_GetPathSegment", (path, None), True),
            typed("FPDFPathSegment_GetType", (seg,), False),
            typed("FPDFAnnot_GetObject", (pr.FPDF_ANNOTATION, None), True),
        )
    return bare


(
    _PAGE_COUNT,
    _PAGE_OBJECT,
    _FORM_COUNT,
    _FORM_OBJECT,
    _OBJ_TYPE,
    _OBJ_BOUNDS,
    _PATH_COUNT,
    _PATH_SEGMENT,
    _SEGMENT_TYPE,
    _ANNOT_OBJECT,
) = _bare_walk()


def _addr(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


# ---------------------------------------------------------------- document


class _Doc:
    """An open PDFium document over the file's bytes (kept alive as long as the document)."""

    def __init__(self, data: bytes) -> None:
        self._data = data  # PDFium reads from this buffer until the document is closed
        self.raw = pr.FPDF_LoadMemDocument64(data, len(data), None)
        if not self.raw:
            code = pr.FPDF_GetLastError()
            if code in (pr.FPDF_ERR_PASSWORD, pr.FPDF_ERR_SECURITY):
                raise pdf_raw.encrypted()
            names = {pr.FPDF_ERR_FORMAT: "FormatError", pr.FPDF_ERR_FILE: "FileError"}
            raise pdf_raw.broken(names.get(code, f"PDFium error {code}"))

    def close(self) -> None:
        if self.raw:
            pr.FPDF_CloseDocument(self.raw)  # frees; never walks the object graph again
            self.raw = None

    def metadata(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in META_KEYS:
            size = pr.FPDF_GetMetaText(self.raw, key.encode(), None, 0)
            if size <= 2 or size > 1 << 16:
                continue
            buf = ctypes.create_string_buffer(size)
            pr.FPDF_GetMetaText(self.raw, key.encode(), buf, size)
            value = buf.raw[: size - 2].decode("utf-16-le", "replace").strip()
            if value:
                out[key] = value
        return out


def read(path: Path, data: bytes | None = None) -> RawDoc:
    """Every page of the PDF at ``path`` as words with boxes, plus the text-layer facts."""
    if data is None:
        data = Path(path).read_bytes()
    scanned = pdf_guard.scan(data)
    doc = _Doc(data)
    try:
        count = pr.FPDF_GetPageCount(doc.raw)
        if count <= 0:
            raise LoadError("DOC001", "Tệp PDF không có trang nào.", "The PDF has no pages.")
        if count > pdf_raw.MAX_PAGES:
            raise pdf_raw.too_long(count)
        fonts: Counter[str] = Counter()
        layer = LayerStats()
        tally = _Tally(layer)
        pages = []
        for index in range(count):
            pages.append(_read_page(doc.raw, index, fonts, tally, scanned))
            if layer.glyphs > pdf_guard.MAX_DOC_GLYPHS:
                raise pdf_guard.doc_glyphs_error(layer.glyphs)
        return RawDoc(pages=pages, metadata=doc.metadata(), fonts=fonts, layer=layer, engine="pdfium")
    finally:
        doc.close()


def preflight(data: bytes, scanned: pdf_guard.ScanResult) -> None:
    """The page checks of this engine without reading any text (for the reference engine, whose
    pdfminer would otherwise draw a form two thousand times before any limit applies)."""
    doc = _Doc(data)
    try:
        count = pr.FPDF_GetPageCount(doc.raw)
        for index in range(min(max(0, count), pdf_raw.MAX_PAGES)):
            page = pr.FPDF_LoadPage(doc.raw, index)
            if not page:
                raise pdf_raw.broken(f"page {index + 1} unreadable")
            try:
                geometry = _Geometry(page)
                _form_guard(page, max(1.0, geometry.width * geometry.height), scanned)
            finally:
                pr.FPDF_ClosePage(page)
    finally:
        doc.close()


# ---------------------------------------------------------------- page


class _Geometry:
    """From PDF user space to the displayed page: origin top-left, /Rotate applied."""

    def __init__(self, page) -> None:
        lo, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if pr.FPDFPage_GetMediaBox(page, lo, b, r, t):
            x0, x1 = sorted((lo.value, r.value))
            y0, y1 = sorted((b.value, t.value))
        else:
            x0, y0 = 0.0, 0.0
            x1, y1 = pr.FPDF_GetPageWidthF(page), pr.FPDF_GetPageHeightF(page)
        if not all(math.isfinite(v) for v in (x0, y0, x1, y1)) or x1 - x0 < 1 or y1 - y0 < 1:
            x0, y0, x1, y1 = 0.0, 0.0, 595.0, 842.0
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.rotation = pr.FPDFPage_GetRotation(page) % 4
        w, h = x1 - x0, y1 - y0
        self.width, self.height = (h, w) if self.rotation in (1, 3) else (w, h)

    def box(self, left: float, right: float, bottom: float, top: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a user-space box on the displayed page."""
        rot = self.rotation
        if rot == 0:
            return left - self.x0, right - self.x0, self.y1 - top, self.y1 - bottom
        if rot == 1:
            return bottom - self.y0, top - self.y0, left - self.x0, right - self.x0
        if rot == 2:
            return self.x1 - right, self.x1 - left, bottom - self.y0, top - self.y0
        return self.y1 - top, self.y1 - bottom, self.x1 - right, self.x1 - left

    def upright(self, a: float, b: float, c: float, d: float) -> bool:
        """pdfminer's test on the displayed matrix: no quarter turn (a·d > 0 and b·c <= 0)."""
        rot = self.rotation
        if rot in (1, 3):
            a, b, c, d = b, -a, d, -c
        return a * d > 0 and b * c <= 0


def _walk(page, page_area: float, images: bool, edges: bool) -> tuple[float, int, int]:
    """(share of the page under images, lines and rectangles drawn, form objects), forms included;
    images and edges are only measured when asked for."""
    cover = 0.0
    n_edges = 0
    forms = 0
    seen = 0
    lo, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds = (ctypes.byref(lo), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t))
    stack: list[tuple[object, int]] = [(page, 0)]
    image_kind, path_kind, form_kind = pr.FPDF_PAGEOBJ_IMAGE, pr.FPDF_PAGEOBJ_PATH, pr.FPDF_PAGEOBJ_FORM
    get_type = _OBJ_TYPE
    while stack:
        holder, depth = stack.pop()
        if depth == 0:
            n = _PAGE_COUNT(holder)
            get = _PAGE_OBJECT
        else:
            n = _FORM_COUNT(holder)
            get = _FORM_OBJECT
        seen += max(0, n)
        if seen > MAX_PAGE_OBJECTS:
            raise too_many_objects()
        for i in range(max(0, n)):
            obj = get(holder, i)
            kind = get_type(obj)
            if kind == image_kind:
                if images and _OBJ_BOUNDS(obj, *bounds):
                    cover += abs((r.value - lo.value) * (t.value - b.value)) / page_area
            elif kind == path_kind:
                if edges and n_edges < 8:
                    n_edges += _edges(obj)
            elif kind == form_kind:
                forms += 1
                if depth < MAX_FORM_DEPTH:
                    stack.append((obj, depth + 1))
    return min(1.0, cover), n_edges, forms


def too_many_objects() -> LoadError:
    return LoadError(
        "DOC001",
        "Một trang của tệp PDF có quá nhiều đối tượng vẽ — nghi là tệp độc hại, không kiểm tra.",
        "A page of the PDF draws too many objects — likely a malicious file; not checked.",
    )


def _edges(path) -> int:
    """Sub-paths of a path that are straight lines or rectangles (what pdfminer calls line/rect)."""
    n = _PATH_COUNT(path)
    if n <= 0 or n > 400:
        return 0
    count = 0
    points = 0
    curved = False
    for i in range(n):
        kind = _SEGMENT_TYPE(_PATH_SEGMENT(path, i))
        if kind == pr.FPDF_SEGMENT_MOVETO:
            if points and not curved and points <= 5:
                count += 1
            points, curved = 1, False
        else:
            points += 1
            curved = curved or kind == pr.FPDF_SEGMENT_BEZIERTO
    if points and not curved and points <= 5:
        count += 1
    return count


def _stamp_annotations(page) -> bool:
    """Does the page carry a visible Widget, FreeText or Stamp annotation with an appearance?"""
    n = pr.FPDFPage_GetAnnotCount(page)
    for i in range(min(max(0, n), 200)):
        annot = pr.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            if (
                pr.FPDFAnnot_GetSubtype(annot) in KEEP_ANNOTS
                and not pr.FPDFAnnot_GetFlags(annot) & 2
                and pr.FPDFAnnot_HasKey(annot, b"AP")
            ):
                return True
        finally:
            pr.FPDFPage_CloseAnnot(annot)
    return False


MAX_APPEARANCE_OBJECTS = 10_000  # objects looked at in a page's annotation appearances


def _appearance_text(page) -> bool:
    """Can flattening the page's annotations add any glyph? False only where every annotation's
    appearance was parsed and holds no text object, forms included (most signature widgets show an
    image only): such a page is not flattened and parsed again. Anything unusual says True."""
    if not _APPEARANCE_OBJECTS_SAFE():
        return True
    n = pr.FPDFPage_GetAnnotCount(page)
    if n > 200:
        return True
    budget = [MAX_APPEARANCE_OBJECTS]
    for i in range(max(0, n)):
        annot = pr.FPDFPage_GetAnnot(page, i)
        if not annot:
            return True
        try:
            if not pr.FPDFAnnot_HasKey(annot, b"AP"):
                continue  # nothing to flatten
            count = pr.FPDFAnnot_GetObjectCount(annot)
            if count <= 0:
                return True  # an appearance PDFium's annotation API does not read (flatten may)
            if _holds_text(annot, count, _ANNOT_OBJECT, 0, budget):
                return True
        finally:
            pr.FPDFPage_CloseAnnot(annot)
    return False


def _holds_text(holder, count: int, get, depth: int, budget: list[int]) -> bool:
    budget[0] -= count
    if budget[0] < 0:
        return True
    for i in range(count):
        kind = _OBJ_TYPE(get(holder, i))
        if kind == pr.FPDF_PAGEOBJ_TEXT:
            return True
        if kind == pr.FPDF_PAGEOBJ_FORM:
            form = get(holder, i)
            inner = _FORM_COUNT(form)
            if inner > 0 and (
                depth >= MAX_FORM_DEPTH or _holds_text(form, inner, _FORM_OBJECT, depth + 1, budget)
            ):
                return True
    return False


@lru_cache(maxsize=1)
def _APPEARANCE_OBJECTS_SAFE() -> bool:
    """Does reading an annotation's appearance objects leave the document as it was? Older PDFium
    builds reset the appearance stream's /Matrix to identity when its objects are read, which would
    change where a rotated stamp lands once flattened; a one-page probe tells (once per process)."""
    try:
        doc_bytes = _rotated_stamp_probe()
        doc = pr.FPDF_LoadMemDocument64(doc_bytes, len(doc_bytes), None)
        if not doc:
            return False
        try:
            page = pr.FPDF_LoadPage(doc, 0)
            annot = pr.FPDFPage_GetAnnot(page, 0)
            pr.FPDFAnnot_GetObjectCount(annot)
            pr.FPDFPage_CloseAnnot(annot)
            pr.FPDFPage_Flatten(page, pr.FLAT_NORMALDISPLAY)
            pr.FPDF_ClosePage(page)
            page = pr.FPDF_LoadPage(doc, 0)
            tp = pr.FPDFText_LoadPage(page)
            try:
                boxes = []
                for k in range(pr.FPDFText_CountChars(tp)):
                    left, right = ctypes.c_double(), ctypes.c_double()
                    bottom, top = ctypes.c_double(), ctypes.c_double()
                    if pr.FPDFText_GetUnicode(tp, k) in (0x31, 0x32) and pr.FPDFText_GetCharBox(
                        tp, k, left, right, bottom, top
                    ):
                        boxes.append((left.value, bottom.value))
            finally:
                pr.FPDFText_ClosePage(tp)
                pr.FPDF_ClosePage(page)
        finally:
            pr.FPDF_CloseDocument(doc)
        # the stamp "12" is drawn rotated a quarter turn: its glyphs stand one above the other
        return len(boxes) == 2 and abs(boxes[0][0] - boxes[1][0]) < 1.0 and boxes[1][1] > boxes[0][1] + 1.0
    except Exception:
        return False


def _rotated_stamp_probe() -> bytes:
    """A one-page PDF with a signature widget whose appearance (the text "12") carries a quarter-turn
    /Matrix."""
    ap = b"BT /F1 12 Tf 2 5 Td (12) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (s) /Rect [100 100 130 130] /F 4 /AP << /N 5 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 30 20] /Matrix [0 1 -1 0 20 0] "
        b"/Resources << /Font << /F1 6 0 R >> >> /Length %d >>\nstream\n" % len(ap) + ap + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    from doclint.load.pdfbytes import pdf_bytes

    return pdf_bytes(objects)


class _Fonts:
    """Formatting per text object (font name, size, colour, render mode, orientation).

    Some producers draw every glyph as its own text object, so an object is first keyed by three
    cheap facts (font, size, fill colour); the full look-up runs once per distinct key on a page."""

    def __init__(self, geometry: _Geometry, formats: dict[tuple, RunFormat] | None = None) -> None:
        self.geometry = geometry
        self.cache: dict[int, tuple] = {}
        self.by_key: dict[tuple, tuple] = {}
        self.formats: dict[tuple, RunFormat] = formats if formats is not None else {}
        self.stamps: dict[int, RunFormat] = {}
        self._tpa: dict[int, ctypes.c_void_p] = {}
        self._obj_matrix = pr.FS_MATRIX()
        self._obj_matrix_ref = ctypes.byref(self._obj_matrix)
        self._rgba_buf = (ctypes.c_uint * 4)()
        uint_p = ctypes.POINTER(ctypes.c_uint)
        self._rgba_refs = [ctypes.cast(ctypes.addressof(self._rgba_buf) + 4 * i, uint_p) for i in range(4)]
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._matrix = pr.FS_MATRIX()
        self._rgba = [ctypes.c_uint() for _ in range(4)]

    def info(self, tp, index: int, obj: int, vtp: ctypes.c_void_p | None = None) -> tuple:
        """(RunFormat, size, upright, invisible, OCR font, (font handle, font size)) of the glyph
        ``index`` drawn by ``obj`` (``vtp``: the text page as a c_void_p, when the caller has it)."""
        got = self.cache.get(obj)
        if got is not None:
            return got
        if obj:
            if vtp is None:
                vtp = self._tpa.get(id(tp))
                if vtp is None:
                    vtp = self._tpa[id(tp)] = ctypes.c_void_p(_addr(tp))
            vobj = ctypes.c_void_p(obj)
            has_fill = _FILL(vobj, *self._rgba_refs)
            font = (_GET_FONT(vobj), _FONT_SIZE(vtp, index))
            _MATRIX(vobj, self._obj_matrix_ref)  # the same font at another scale is another size
            key = (*font, bytes(self._rgba_buf) if has_fill else None, _MATRIX4(self._obj_matrix))
            got = self.by_key.get(key)
            if got is None:
                got = self.by_key[key] = (*self._full(tp, index, obj), font)
        else:
            got = (*self._full(tp, index, obj), (0, 0.0))
        self.cache[obj] = got
        return got

    def _full(self, tp, index: int, obj: int) -> tuple:
        n = pr.FPDFText_GetFontInfo(tp, index, self._name, 256, self._flags)
        raw_name = self._name.value.decode("latin-1", "replace") if n > 0 else ""
        size = pr.FPDFText_GetFontSize(tp, index)
        m = self._matrix
        if pr.FPDFText_GetMatrix(tp, index, m):
            a, b, c, d = m.a, m.b, m.c, m.d
        else:
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
        scale = math.hypot(c, d) if self.geometry.rotation in (0, 2) else math.hypot(a, b)
        size = size * (scale or 1.0)
        upright = self.geometry.upright(a, b, c, d)
        r, g, bl, al = self._rgba
        color = None
        if pr.FPDFText_GetFillColor(tp, index, r, g, bl, al):
            color = (r.value / 255, g.value / 255, bl.value / 255)
        mode = pr.FPDFTextObj_GetTextRenderMode(ctypes.cast(obj, pr.FPDF_PAGEOBJECT)) if obj else 0
        flags = self._flags.value
        weight = pr.FPDFText_GetFontWeight(tp, index)
        # what the descriptor says, used only where the name says nothing; no evidence is unknown
        bold: bool | None = None
        if 600 <= weight <= 1000 or flags & (1 << 18):  # ForceBold
            bold = True
        elif 100 <= weight < 500:
            bold = False
        italic: bool | None = True if flags & (1 << 6) else None
        if obj and GENERIC_FONT.match(clean_font(raw_name)):
            # "CIDFont+F1", "F3": the name tells nothing; the font program and its descriptor do
            font = pr.FPDFTextObj_GetFont(ctypes.cast(obj, pr.FPDF_PAGEOBJECT))
            family = self._family(font)
            if family:
                angle = ctypes.c_int()
                if pr.FPDFFont_GetItalicAngle(font, angle) and angle.value:
                    italic = True
                raw_name = family
                key = (family, round(size, 2), color, bold, italic)
                fmt = self.formats.get(key)
                if fmt is None:
                    fmt = self.formats[key] = run_format(family, size, color, bold, italic, from_name=False)
                return (fmt, size, upright, mode == pr.FPDF_TEXTRENDERMODE_INVISIBLE, False)
        key = (clean_font(raw_name), round(size, 2), color, bold, italic)  # one format per family
        fmt = self.formats.get(key)
        if fmt is None:
            fmt = self.formats[key] = run_format(raw_name, size, color, bold, italic)
        return (
            fmt,
            size,
            upright,
            mode == pr.FPDF_TEXTRENDERMODE_INVISIBLE,
            bool(OCR_FONT.match(fmt.font or "")),
        )

    def _family(self, font) -> str:
        n = pr.FPDFFont_GetFamilyName(font, None, 0)
        if n <= 1 or n > 256:
            return ""
        buf = ctypes.create_string_buffer(n)
        pr.FPDFFont_GetFamilyName(font, buf, n)
        return buf.value.decode("latin-1", "replace").strip()

    def plain(self, fmt):
        """A stamp's format: the font and size only (drawn by the signing system, its style says nothing)."""
        out = self.stamps.get(id(fmt))
        if out is None:
            out = self.stamps[id(fmt)] = RunFormat(font=fmt.font, size_pt=fmt.size_pt)
        return out


MAP_CHECKS = 500  # glyphs per document whose Unicode mapping is checked one by one (then one a word)
_RUN = lazyre.compile(r"[^\s\xa0]+")
_ODD = lazyre.compile("[\ufffd\ue000-\uf8ff\x00-\x1f]")


_VOWELS = lazyre.compile(
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]+", re.IGNORECASE
)
_LETTERS_ONLY = lazyre.compile(r"[^\W\d_]+")


@lru_cache(maxsize=16384)  # the same runs recur on every page ("các", "của", "Điều")
def _one_word(run: str) -> bool:
    """Can ``run`` be one word? PDFium sometimes drops a space glyph where the gap is narrow
    ("MÔITRƯỜNG", "kinhphí", "09/KH-THPTCLngày"): a run holding a stretch of letters with two vowel
    groups that is no Vietnamese syllable, or capitals running into a lower-case word, is split glyph
    by glyph instead (abbreviations and foreign words come out whole: no gap inside them)."""
    from doclint.vn.syllable import is_valid

    core = run.strip(_PUNCT)
    if len(core) < 4 or is_valid(core):
        return True  # most runs: one syllable
    for part in _LETTERS_ONLY.findall(core):
        if len(part) < 4:
            continue
        if _CAPS_THEN_WORD.search(part):
            return False
        if len(_VOWELS.findall(part)) >= 2 and not is_valid(part):
            return False
    return True


_PUNCT = ".,;:!?()[]\"'“”‘’"
_CAPS_THEN_WORD = lazyre.compile(r"[A-ZĐ]{2}[a-zđà-ỹ]{2}")


class _Tally:
    """The text-layer signs counted while reading the content glyphs of a document."""

    def __init__(self, layer: LayerStats) -> None:
        self.layer = layer
        self.checks = MAP_CHECKS
        self.formats: dict[tuple, RunFormat] = {}  # shared by every page: one RunFormat per formatting


def _page_text(tp) -> str:
    n = pr.FPDFText_CountChars(tp)
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = pr.FPDFText_GetText(tp, 0, n, buf)
    text = bytes(buf)[: max(0, got - 1) * 2].decode("utf-16-le", "replace")
    if len(text) != n:  # characters outside the BMP: one at a time
        text = "".join(chr(pr.FPDFText_GetUnicode(tp, k) or 0xFFFD) for k in range(n))
    # PDFium gives a hyphen that ends a line as U+FFFE (and may add U+0002 for one it infers)
    return text.replace("\ufffe", "-").replace("\x02", "-")


class _Reader:
    """The words of one text page, from PDFium's runs of glyphs between spaces.

    PDFium lays the glyphs of a page out in drawing order and puts a space wherever the pen jumps
    (a space glyph, or a gap it measures itself: "generated" spaces) and a line break wherever the
    baseline changes. A run of glyphs between two of them is a word; its box comes from the boxes of
    its first and last glyphs, its format from their text objects. A run whose two ends differ in
    format, or that is far wider than its glyphs could be, is split glyph by glyph (format changes,
    gaps wider than ``WORD_GAP`` of the font size): the slow path, taken for few words."""

    def __init__(self, tp, geometry: _Geometry, fonts: _Fonts, tally: _Tally | None, stamped: bool) -> None:
        self.tp = tp
        self.vtp = ctypes.c_void_p(_addr(tp))
        self.geometry = geometry
        self.fonts = fonts
        self.tally = tally
        self.stamped = stamped
        self.rect = pr.FS_RECTF()
        self.ref = ctypes.byref(self.rect)

    def _box(self, k: int, size: float) -> tuple[float, float, float, float] | None:
        """(x0, x1, top, bottom) of glyph ``k``: its advance across, from its descent up one font size."""
        if not _GET_BOX(self.vtp, k, self.ref):
            return None
        left, top, right, bottom = _RECT(self.rect)
        g = self.geometry
        if g.rotation == 0:
            bottom = g.y1 - bottom
            return left - g.x0, right - g.x0, bottom - size, bottom
        x0, x1, top, bottom = g.box(left, right, bottom, top)
        if g.rotation == 2:
            top = bottom - size
        return x0, x1, top, bottom

    def words(self, text: str, start: int = 0) -> list[Word]:
        out: list[Word] = []
        append = out.append
        tally = self.tally
        layer = tally.layer if tally is not None else None
        font_counts = layer.fonts if layer is not None else None
        plain = self.fonts.plain
        cache = self.fonts.cache
        info = self.fonts.info
        tp, vtp, ref, rect, g = self.tp, self.vtp, self.ref, self.rect, self.geometry
        get_obj, get_box, get_font, font_size, map_error = (
            _GET_OBJ,
            _GET_BOX,
            _GET_FONT,
            _FONT_SIZE,
            _MAP_ERROR,
        )
        unpack = _RECT
        void = ctypes.c_void_p
        rot0 = g.rotation == 0
        gx0, gy1 = g.x0, g.y1
        stamped = self.stamped
        glyphs = unmapped = 0
        for m in _RUN.finditer(text, start):
            a, b = m.span()
            b -= 1
            run = m.group()
            obj_a = get_obj(vtp, a) or 0
            first = cache.get(obj_a) or info(tp, a, obj_a, vtp)
            fmt, size, upright, invisible, ocr_font, font = first
            if not upright:
                continue
            uniform = True
            if b > a:
                obj_b = get_obj(vtp, b) or 0
                if obj_b != obj_a:
                    last = cache.get(obj_b)
                    if last is not None:
                        uniform = last[0] is fmt
                    else:
                        uniform = get_font(void(obj_b)) == font[0] and font_size(vtp, b) == font[1]
            if rot0:
                if not get_box(vtp, a, ref):
                    continue
                left, _top, right, low = unpack(rect)
                x0 = left - gx0
                x1 = right - gx0
                bottom = gy1 - low
                if b > a and get_box(vtp, b, ref):
                    left, _top, right, low = unpack(rect)
                    v = left - gx0
                    if v < x0:
                        x0 = v
                    v = right - gx0
                    if v > x1:
                        x1 = v
                    v = gy1 - low
                    if v > bottom:
                        bottom = v
                top = bottom - size
            else:
                box_a = self._box(a, size)
                box_b = self._box(b, size) if b > a else box_a
                if box_a is None or box_b is None:
                    continue
                x0, x1 = min(box_a[0], box_b[0]), max(box_a[1], box_b[1])
                top, bottom = min(box_a[2], box_b[2]), max(box_a[3], box_b[3])
            if uniform and (x1 - x0) <= (b - a + 2) * size * 1.2 and (b - a < 3 or _one_word(run)):
                if stamped:
                    append(Word(run, x0, x1, top, bottom, plain(fmt), size, True, False))
                else:
                    append(Word(run, x0, x1, top, bottom, fmt, size, False, False))
            else:
                for word in self._slow(run, a):
                    if stamped:
                        word.fmt = plain(word.fmt)
                        word.stamped = True
                    append(word)
            if layer is not None:
                n = b - a + 1
                glyphs += n
                if tally.checks > 0:  # type: ignore[union-attr]
                    tally.checks -= n  # type: ignore[union-attr]
                    unmapped += sum(1 for k in range(a, b + 1) if map_error(vtp, k) == 1)
                elif map_error(vtp, a) == 1:
                    unmapped += n
                if invisible:
                    layer.invisible = (layer.invisible or 0) + n
                if ocr_font:
                    layer.ocr_font += n
                font_counts[fmt.font or ""] += n  # type: ignore[index]
        if layer is not None:
            layer.glyphs += glyphs
            odd = len(_ODD.findall(text, start)) - text.count("\r", start) - text.count("\n", start)
            layer.unmapped += max(unmapped, odd)
        return out

    def _slow(self, run: str, a: int) -> list[Word]:
        """A run split glyph by glyph at changes of format and at gaps: wider than ``WORD_GAP`` of the
        font size, or clearly wider than the run's own letter spacing (a narrow space PDFium dropped
        between two words set tight: "MÔI TRƯỜNG" in a condensed heading)."""
        glyphs: list[tuple] = []  # (text, box, fmt, size)
        vtp, cache, info, tp = self.vtp, self.fonts.cache, self.fonts.info, self.tp
        g, ref, rect = self.geometry, self.ref, self.rect
        rot0, gx0, gy1 = g.rotation == 0, g.x0, g.y1
        for i, ch in enumerate(run):
            k = a + i
            obj = _GET_OBJ(vtp, k) or 0
            got = cache.get(obj) or info(tp, k, obj, vtp)
            if "\u0300" <= ch <= "\u036f" and glyphs:
                last = glyphs[-1]
                glyphs[-1] = (last[0] + ch, *last[1:])  # a combining mark joins the letter before it
                continue
            size = got[1]
            if rot0:  # _box, spelt out for the common case
                if not _GET_BOX(vtp, k, ref):
                    continue
                left, _top, right, low = _RECT(rect)
                bottom = gy1 - low
                box = (left - gx0, right - gx0, bottom - size, bottom)
            else:
                box = self._box(k, size)
                if box is None:
                    continue
            if got[2]:
                glyphs.append((ch, box, got[0], size))
        gaps = sorted(b[1][0] - a_[1][1] for a_, b in itertools.pairwise(glyphs))
        spacing = gaps[len(gaps) // 2] if gaps else 0.0
        out: list[Word] = []
        word: Word | None = None
        prev: tuple | None = None
        for ch, box, fmt, size in glyphs:
            limit = min(WORD_GAP * size, spacing + 0.1 * size)
            gap = box[0] - prev[1] if prev is not None else 0.0
            if (
                word is None
                or fmt is not word.fmt
                or box[0] < prev[0] - 0.5  # type: ignore[index]
                or gap > limit
                or abs(box[3] - prev[3]) > LINE_TOLERANCE  # type: ignore[index]
            ):
                glued = word is not None and gap <= limit
                word = Word(ch, box[0], box[1], box[2], box[3], fmt, size, False, glued)
                out.append(word)
            else:
                word.text += ch
                word.x1 = max(word.x1, box[1])
                word.top = min(word.top, box[2])
                word.bottom = max(word.bottom, box[3])
            prev = box
        return out


def _stamp_words(tp, geometry: _Geometry, fonts: _Fonts, before: list[Word], text: str) -> list[Word]:
    """The words of the flattened page that were not on the page before: the stamps, with the plain
    format of :meth:`_Fonts.plain`. PDFium usually keeps the page's glyphs first and appends the
    flattened ones; where it merged them into its lines, they are told apart by position."""
    after_text = _page_text(tp)
    reader = _Reader(tp, geometry, fonts, None, stamped=True)
    if after_text.startswith(text):
        return reader.words(after_text, start=len(text))
    seen = Counter((w.text, round(w.x0), round(w.bottom)) for w in before)
    out = []
    for w in reader.words(after_text):
        key = (w.text, round(w.x0), round(w.bottom))
        if seen[key] > 0:
            seen[key] -= 1
        else:
            out.append(w)
    return out


def _form_guard(page, area: float, scanned: pdf_guard.ScanResult) -> None:
    """A form drawn many times multiplies its glyphs past what the byte scan saw in any one stream:
    bound the glyphs forms can add to the page before PDFium builds its text."""
    form_glyphs = scanned.largest_form_glyphs
    if not form_glyphs:
        return
    top = pr.FPDFPage_CountObjects(page)
    if top > MAX_PAGE_OBJECTS:
        raise too_many_objects()
    nesting = max(1, scanned.most_form_calls) ** min(3, scanned.calling_forms)
    limit = 4 * pdf_guard.MAX_PAGE_GLYPHS
    if top * form_glyphs * nesting <= limit:
        return
    _cover, _edges, forms = _walk(page, area, images=False, edges=False)
    if forms * form_glyphs > limit:
        raise pdf_guard.page_glyphs_error(forms * form_glyphs)


def _read_page(doc, index: int, fonts: Counter[str], tally: _Tally, scanned) -> RawPage:
    layer = tally.layer
    page = pr.FPDF_LoadPage(doc, index)
    if not page:
        raise pdf_raw.broken(f"page {index + 1} unreadable")
    text_page = None
    try:
        geometry = _Geometry(page)
        area = max(1.0, geometry.width * geometry.height)
        _form_guard(page, area, scanned)
        text_page = pr.FPDFText_LoadPage(page)
        if not text_page:
            raise pdf_raw.broken(f"page {index + 1}: no text")
        n = pr.FPDFText_CountChars(text_page)
        if n > pdf_guard.MAX_PAGE_GLYPHS:
            raise pdf_guard.page_glyphs_error(n)
        style = _Fonts(geometry, tally.formats)
        before, hidden, ocr = layer.glyphs, layer.invisible or 0, layer.ocr_font
        text = _page_text(text_page)
        words = _Reader(text_page, geometry, style, tally, stamped=False).words(text)
        glyphs = layer.glyphs - before
        # images matter where a page has (almost) no text of its own or hides it (an OCR layer);
        # ruled lines only on a landscape page (a table is what justifies one)
        # (and on the first page, where a scan shows whatever layer lies over it)
        want_images = index == 0 or glyphs < 40 or (layer.invisible or 0) > hidden or layer.ocr_font > ocr
        want_edges = geometry.width > geometry.height
        cover = 0.0
        edges = 0
        if want_images or want_edges:
            cover, edges, _forms = _walk(page, area, want_images, want_edges)
        if _stamp_annotations(page) and _appearance_text(page):
            pr.FPDFText_ClosePage(text_page)
            text_page = None
            if pr.FPDFPage_Flatten(page, pr.FLAT_NORMALDISPLAY) == pr.FLATTEN_SUCCESS:
                # the flattened appearance is read from the page reloaded (in memory only)
                pr.FPDF_ClosePage(page)
                page = pr.FPDF_LoadPage(doc, index)
                if not page:
                    raise pdf_raw.broken(f"page {index + 1} unreadable")
                text_page = pr.FPDFText_LoadPage(page)
                if text_page and pr.FPDFText_CountChars(text_page) <= n + pdf_guard.MAX_PAGE_GLYPHS:
                    stamps = _Fonts(geometry, tally.formats)
                    words = words + _stamp_words(text_page, geometry, stamps, words, text)
        for w in words:
            fonts[w.fmt.font or ""] += len(w.text)
        return RawPage(index + 1, geometry.width, geometry.height, words, glyphs, cover, edges)
    finally:
        if text_page:
            pr.FPDFText_ClosePage(text_page)
        if page:
            pr.FPDF_ClosePage(page)
