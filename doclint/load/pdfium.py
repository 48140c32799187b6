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
import math
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium  # noqa: F401  (initialises the library)
import pypdfium2.raw as pr

from doclint.errors import LoadError
from doclint.load import pdf_guard, pdf_raw
from doclint.load.pdf_raw import OCR_FONT, LayerStats, RawDoc, RawPage, Word, clean_font, run_format
from doclint.model import RunFormat

MAX_FORM_DEPTH = 6
MAX_PAGE_OBJECTS = 200_000
WORD_GAP = 0.2  # a gap wider than this share of the font size separates two words
LINE_TOLERANCE = 3.0  # glyphs whose bottoms differ by less stand on one line (pdfplumber's default)
KEEP_ANNOTS = (pr.FPDF_ANNOT_WIDGET, pr.FPDF_ANNOT_FREETEXT, pr.FPDF_ANNOT_STAMP)
META_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")


def _fast():
    """Prototypes of the per-glyph calls taking plain addresses (cheaper than the generic bindings)."""
    try:
        from pypdfium2_raw.bindings import _libs

        lib = _libs["pdfium"]
        vp, ci = ctypes.c_void_p, ctypes.c_int
        return (
            ctypes.CFUNCTYPE(vp, vp, ci)(("FPDFText_GetTextObject", lib)),
            ctypes.CFUNCTYPE(ci, vp, ci, vp)(("FPDFText_GetLooseCharBox", lib)),
            ctypes.CFUNCTYPE(ci, vp, ci)(("FPDFText_HasUnicodeMapError", lib)),
            ctypes.CFUNCTYPE(vp, vp)(("FPDFTextObj_GetFont", lib)),
            ctypes.CFUNCTYPE(ctypes.c_double, vp, ci)(("FPDFText_GetFontSize", lib)),
            ctypes.CFUNCTYPE(ci, vp, vp, vp, vp, vp)(("FPDFPageObj_GetFillColor", lib)),
        )
    except Exception:  # another build of pypdfium2: the public bindings (slower, same results)

        def obj(tp, k):
            return ctypes.cast(pr.FPDFText_GetTextObject(tp, k), ctypes.c_void_p).value

        def box(tp, k, addr):
            return pr.FPDFText_GetLooseCharBox(tp, k, ctypes.cast(addr, ctypes.POINTER(pr.FS_RECTF)))

        def font(obj):
            return _addr(pr.FPDFTextObj_GetFont(ctypes.cast(obj, pr.FPDF_PAGEOBJECT)))

        def fill(obj, r, g, b, a):
            ptr = ctypes.POINTER(ctypes.c_uint)
            return pr.FPDFPageObj_GetFillColor(
                ctypes.cast(obj, pr.FPDF_PAGEOBJECT), *(ctypes.cast(x, ptr) for x in (r, g, b, a))
            )

        return obj, box, pr.FPDFText_HasUnicodeMapError, font, pr.FPDFText_GetFontSize, fill


_GET_OBJ, _GET_BOX, _MAP_ERROR, _GET_FONT, _FONT_SIZE, _FILL = _fast()


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
    stack: list[tuple[object, int]] = [(page, 0)]
    image_kind, path_kind, form_kind = pr.FPDF_PAGEOBJ_IMAGE, pr.FPDF_PAGEOBJ_PATH, pr.FPDF_PAGEOBJ_FORM
    get_type = pr.FPDFPageObj_GetType
    while stack:
        holder, depth = stack.pop()
        if depth == 0:
            n = pr.FPDFPage_CountObjects(holder)
            get = pr.FPDFPage_GetObject
        else:
            n = pr.FPDFFormObj_CountObjects(holder)
            get = pr.FPDFFormObj_GetObject
        seen += max(0, n)
        if seen > MAX_PAGE_OBJECTS:
            raise too_many_objects()
        for i in range(max(0, n)):
            obj = get(holder, i)
            kind = get_type(obj)
            if kind == image_kind:
                if images and pr.FPDFPageObj_GetBounds(obj, lo, b, r, t):
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
    n = pr.FPDFPath_CountSegments(path)
    if n <= 0 or n > 400:
        return 0
    count = 0
    points = 0
    curved = False
    for i in range(n):
        kind = pr.FPDFPathSegment_GetType(pr.FPDFPath_GetPathSegment(path, i))
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
        self._rgba_buf = (ctypes.c_uint * 4)()
        self._rgba_addr = [ctypes.addressof(self._rgba_buf) + 4 * i for i in range(4)]
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._matrix = pr.FS_MATRIX()
        self._rgba = [ctypes.c_uint() for _ in range(4)]

    def info(self, tp, index: int, obj: int) -> tuple:
        """(RunFormat, size, upright, invisible, OCR font) of the glyph ``index`` drawn by ``obj``."""
        got = self.cache.get(obj)
        if got is not None:
            return got
        if obj:
            tpa = _addr(tp)
            rgba = self._rgba_buf
            has_fill = _FILL(obj, *self._rgba_addr)
            key = (_GET_FONT(obj), _FONT_SIZE(tpa, index), tuple(rgba) if has_fill else None)
            got = self.by_key.get(key)
            if got is None:
                got = self.by_key[key] = self._full(tp, index, obj)
        else:
            got = self._full(tp, index, obj)
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
        bold = (weight >= 600) or bool(flags & (1 << 18)) if weight > 0 or flags else None
        italic = bool(flags & (1 << 6)) if flags else None
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

    def plain(self, fmt):
        """A stamp's format: the font and size only (drawn by the signing system, its style says nothing)."""
        out = self.stamps.get(id(fmt))
        if out is None:
            out = self.stamps[id(fmt)] = RunFormat(font=fmt.font, size_pt=fmt.size_pt)
        return out


MAP_CHECKS = 20_000  # glyphs per document whose Unicode mapping is checked one by one (then per object)


class _Tally:
    """The text-layer signs counted while reading the content glyphs of a document."""

    def __init__(self, layer: LayerStats) -> None:
        self.layer = layer
        self.checks = MAP_CHECKS
        self.formats: dict[tuple, RunFormat] = {}  # shared by every page: one RunFormat per formatting


def _chars(
    tp, geometry: _Geometry, fonts: _Fonts, tally: _Tally | None, start: int = 0
) -> tuple[list[tuple], str]:
    """(text, x0, x1, top, bottom, fmt, size, after_space) of the upright glyphs, in PDFium's order.

    Spaces (drawn, or generated by PDFium where it sees one) are not glyphs here: they set
    ``after_space`` on the glyph that follows. Counted in ``tally`` when given (page content; the
    stamps are read with none). Glyphs before ``start`` are skipped; the page's text is returned too."""
    n = pr.FPDFText_CountChars(tp)
    if n <= 0:
        return [], ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = pr.FPDFText_GetText(tp, 0, n, buf)
    text = bytes(buf)[: max(0, got - 1) * 2].decode("utf-16-le", "replace")
    if len(text) != n:  # characters outside the BMP: one at a time
        text = "".join(chr(pr.FPDFText_GetUnicode(tp, k) or 0xFFFD) for k in range(n))
    tpa = _addr(tp)
    rect = pr.FS_RECTF()
    addr = ctypes.addressof(rect)
    out = []
    append = out.append
    get_obj, get_box, map_error = _GET_OBJ, _GET_BOX, _MAP_ERROR
    cache = fonts.cache
    info = fonts.info
    rot0 = geometry.rotation == 0
    gx0, gy1 = geometry.x0, geometry.y1
    gbox = geometry.box
    layer = tally.layer if tally is not None else None
    checks = tally.checks if tally is not None else 0
    glyphs = unmapped = invisible_n = ocr = 0
    last_obj = -1
    obj_unmapped = False
    space = False
    for k in range(start, n):
        ch = text[k]
        if ch in " \xa0\r\n\t":
            space = True
            continue
        if "\u0300" <= ch <= "\u036f" and out and not space:
            # a combining mark drawn as its own glyph belongs to the letter before it, wherever
            # its box lies (NFC composes them later)
            prev = out[-1]
            out[-1] = (prev[0] + ch, *prev[1:])
            continue
        obj = get_obj(tpa, k) or 0
        got = cache.get(obj)
        if got is None:
            got = info(tp, k, obj)
        fmt, size, upright, invisible, ocr_font = got
        if not upright or not get_box(tpa, k, addr):
            continue
        if rot0:
            x0, x1, bottom = rect.left - gx0, rect.right - gx0, gy1 - rect.bottom
            top = bottom - size  # pdfminer's box: from the descent below the baseline up one font size
        else:
            x0, x1, top, bottom = gbox(rect.left, rect.right, rect.bottom, rect.top)
            if geometry.rotation == 2:
                top = bottom - size
        append((ch, x0, x1, top, bottom, fmt, size, space))
        space = False
        if layer is not None:
            glyphs += 1
            if obj != last_obj:
                obj_unmapped = map_error(tpa, k) == 1
                last_obj = obj
                checks -= 1
            elif checks > 0:
                obj_unmapped = map_error(tpa, k) == 1
                checks -= 1
            if obj_unmapped or ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ch < " ":
                unmapped += 1
            if invisible:
                invisible_n += 1
            if ocr_font:
                ocr += 1
            layer.fonts[fmt.font or ""] += 1
    if layer is not None and tally is not None:
        tally.checks = checks
        layer.glyphs += glyphs
        layer.unmapped += unmapped
        layer.invisible = (layer.invisible or 0) + invisible_n
        layer.ocr_font += ocr
    return out, text


def _stamp_glyphs(tp, geometry: _Geometry, fonts: _Fonts, before: list[tuple], text: str) -> list[tuple]:
    """The glyphs of the flattened page that were not on the page before: the stamps, with the plain
    format of :meth:`_Fonts.plain`. PDFium usually keeps the page's glyphs first and appends the
    flattened ones; where it merged them into its lines, they are told apart by position."""
    n = pr.FPDFText_CountChars(tp)
    buf = (ctypes.c_ushort * (n + 1))()
    got = pr.FPDFText_GetText(tp, 0, n, buf)
    after_text = bytes(buf)[: max(0, got - 1) * 2].decode("utf-16-le", "replace")
    if after_text.startswith(text) and len(after_text) == n:
        new, _ = _chars(tp, geometry, fonts, None, start=len(text))
    else:
        after, _ = _chars(tp, geometry, fonts, None)
        seen = Counter((c[0], round(c[1]), round(c[4])) for c in before)
        new = []
        for c in after:
            key = (c[0], round(c[1]), round(c[4]))
            if seen[key] > 0:
                seen[key] -= 1
            else:
                new.append(c)
    return [(*c[:5], fonts.plain(c[5]), c[6], c[7], True) for c in new]


def _words(chars: list[tuple]) -> list[Word]:
    """Words from glyph positions: lines by baseline, left to right; a word ends at a space, at a gap
    wider than ``WORD_GAP`` of the font size, or where the format changes (a stamp is its own word)."""
    if not chars:
        return []
    order = sorted(range(len(chars)), key=lambda i: chars[i][4])
    lines: list[list[int]] = []
    last_bottom = -1e9
    for i in order:
        bottom = chars[i][4]
        if bottom - last_bottom <= LINE_TOLERANCE:
            lines[-1].append(i)
        else:
            lines.append([i])
        last_bottom = bottom
    out: list[Word] = []
    for line in lines:
        line.sort(key=lambda i: chars[i][1])
        prev = None
        word: Word | None = None
        for i in line:
            ch = chars[i]
            if (
                word is None
                or ch[7]
                or ch[5] is not prev[5]  # type: ignore[index]
                or ch[1] - prev[2] > WORD_GAP * min(ch[6], prev[6])  # type: ignore[index]
                or ch[1] < prev[1] - 0.5  # type: ignore[index]
            ):
                word = Word(ch[0], ch[1], ch[2], ch[3], ch[4], ch[5], ch[6], len(ch) > 8)
                out.append(word)
            else:
                word.text += ch[0]
                if ch[2] > word.x1:
                    word.x1 = ch[2]
                if ch[3] < word.top:
                    word.top = ch[3]
                if ch[4] > word.bottom:
                    word.bottom = ch[4]
            prev = ch
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
        chars, text = _chars(text_page, geometry, style, tally)
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
        if _stamp_annotations(page):
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
                    chars = chars + _stamp_glyphs(text_page, geometry, stamps, chars, text)
        words = _words(chars)
        for w in words:
            fonts[w.fmt.font or ""] += len(w.text)
        return RawPage(index + 1, geometry.width, geometry.height, words, glyphs, cover, edges)
    finally:
        if text_page:
            pr.FPDFText_ClosePage(text_page)
        if page:
            pr.FPDF_ClosePage(page)
