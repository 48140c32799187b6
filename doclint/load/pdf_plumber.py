"""The reference PDF engine: pdfplumber (pdfminer.six) words, as doclint read PDFs before PDFium.

Chosen with ``pdf-engine = "pdfplumber"``; the corpus test runs both engines over every PDF and
compares what they recognise. Words come from one ``extract_words`` call per page with the font
name, size and fill colour as word-splitting attributes; the appearance streams of visible Widget,
FreeText and Stamp annotations (the number and day an electronic signing system stamps) are laid out
by pdfminer and added as stamped words.

pdfminer follows references without a visited set (``resolve1``), so before any page is built the
attributes pdfplumber resolves (/MediaBox, /CropBox, /Rotate, /Annots and each annotation's
/Subtype, /Rect, /AP, /F) are walked with one; a reference cycle is refused with DOC001. The
document is closed without touching its pages again (pdfplumber's own ``close`` builds every page).
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path

from doclint.errors import LoadError
from doclint.load import pdf_guard, pdf_raw
from doclint.load.pdf_raw import (
    OCR_FONT,
    LayerStats,
    RawDoc,
    RawPage,
    Word,
    clean_font,
    run_format,
)
from doclint.model import RunFormat

CID = re.compile(r"\(cid:\d+\)")
MAX_REF_CHAIN = 32
PAGE_KEYS = ("MediaBox", "CropBox", "Rotate", "Annots", "Resources", "Contents")
ANNOT_KEYS = ("Subtype", "Rect", "AP", "F")


class _FakePage:
    """What pdfminer's layout device needs to know of a page to lay out an appearance stream."""

    def __init__(self, mediabox: list[float]) -> None:
        self.pageid = 0
        self.mediabox = mediabox
        self.cropbox = mediabox
        self.rotate = 0


def _cycle() -> LoadError:
    return LoadError(
        "DOC001",
        "Tệp PDF bị hỏng: tham chiếu vòng trong thuộc tính trang hoặc chú thích — không kiểm tra.",
        "Broken PDF: a reference cycle in a page attribute or annotation; not checked.",
    )


def _resolve(value, seen_chain: int = 0):
    """Follow a chain of references with a visited set; DOC001 on a cycle."""
    from pdfminer.pdftypes import PDFObjRef

    seen: set[int] = set()
    while isinstance(value, PDFObjRef):
        if value.objid in seen or len(seen) > MAX_REF_CHAIN:
            raise _cycle()
        seen.add(value.objid)
        value = value.resolve()
    return value


def _page_dicts(doc):
    """The page dictionaries of the page tree, walked with a visited set (pdfminer's PDFPage resolves
    /MediaBox as it builds a page, without one)."""
    from pdfminer.pdftypes import PDFObjRef

    root = _resolve(doc.catalog.get("Pages"))
    stack = [root]
    seen: set[int] = set()
    count = 0
    while stack:
        node = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        kids = _resolve(node.get("Kids"))
        if isinstance(kids, list):
            for kid in reversed(kids[:10_000]):
                if isinstance(kid, PDFObjRef) and kid.objid in seen:
                    raise _cycle()
                if isinstance(kid, PDFObjRef):
                    seen.add(kid.objid)
                stack.append(_resolve(kid))
        else:
            count += 1
            if count > pdf_raw.MAX_PAGES:
                return
            yield node


def _check_cycles(doc) -> None:
    """Walk the page attributes pdfplumber resolves, and each annotation's, with a visited set."""
    for attrs in _page_dicts(doc):
        parent = attrs
        for _ in range(MAX_REF_CHAIN):  # inherited attributes come from the parents
            parent = _resolve(parent.get("Parent")) if isinstance(parent, dict) else None
            if not isinstance(parent, dict):
                break
            for key in ("MediaBox", "CropBox", "Rotate", "Resources"):
                _resolve(parent.get(key))
        for key in PAGE_KEYS:
            value = _resolve(attrs.get(key))
            if isinstance(value, list):
                for item in value[:10_000]:
                    item = _resolve(item)
                    if key == "Annots" and isinstance(item, dict):
                        for akey in ANNOT_KEYS:
                            inner = _resolve(item.get(akey))
                            if isinstance(inner, list):
                                for x in inner[:16]:
                                    _resolve(x)
                            elif isinstance(inner, dict):
                                for x in list(inner.values())[:16]:
                                    _resolve(x)


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise pdf_raw.encrypted() from exc
    except Exception as exc:
        chain = f"{type(exc).__name__} {exc!r} {exc.__cause__!r} {exc.__context__!r}".lower()
        if "password" in chain or "encrypt" in chain:
            raise pdf_raw.encrypted() from exc
        raise LoadError(
            "DOC001",
            f"Tệp PDF bị hỏng hoặc không đúng định dạng ({type(exc).__name__}).",
            f"The PDF is broken or not a PDF ({type(exc).__name__}).",
        ) from exc
    return pdf


def _close(pdf) -> None:
    """Close without building pages (pdfplumber's ``close`` iterates ``pdf.pages``)."""
    for page in getattr(pdf, "_pages", None) or []:
        with contextlib.suppress(Exception):
            page.close()
    with contextlib.suppress(Exception):
        if not pdf.stream_is_external:
            pdf.stream.close()


def _annotation_chars(page) -> list[dict]:
    """Text drawn by annotation appearance streams (not part of the page content).

    Electronic signing systems in Vietnam (VGCA) stamp the number and the day of an issued
    document as the appearance of a signature field placed over the blank in "Số:  /TTr-SNV" and
    "ngày   tháng"; without it every signed PDF would look like an unnumbered draft.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.utils import mult_matrix

    annots = resolve1(page.page_obj.annots) if page.page_obj.annots else None
    if not annots:
        return []
    out: list[dict] = []
    height = float(page.height)
    top_offset = float(page.mediabox[1]) if page.mediabox else 0.0
    rsrc = PDFResourceManager(caching=True)
    for ref in annots[:50]:
        try:
            annot = resolve1(ref)
            if not isinstance(annot, dict) or int(resolve1(annot.get("F", 0)) or 0) & 2:
                continue
            subtype = getattr(resolve1(annot.get("Subtype")), "name", "")
            if subtype not in ("Widget", "FreeText", "Stamp"):
                continue
            ap = resolve1(annot.get("AP"))
            stream = resolve1(ap.get("N")) if isinstance(ap, dict) else None
            if not isinstance(stream, PDFStream):
                continue
            rect = [float(v) for v in resolve1(annot["Rect"])]
            bbox = [float(v) for v in resolve1(stream.attrs.get("BBox", [0, 0, 1, 1]))]
            matrix = tuple(float(v) for v in resolve1(stream.attrs.get("Matrix", [1, 0, 0, 1, 0, 0])))
            bw, bh = (bbox[2] - bbox[0]) or 1.0, (bbox[3] - bbox[1]) or 1.0
            rw, rh = rect[2] - rect[0], rect[3] - rect[1]
            fit = (rw / bw, 0.0, 0.0, rh / bh, rect[0] - bbox[0] * rw / bw, rect[1] - bbox[1] * rh / bh)
            ctm = mult_matrix(matrix, fit)  # type: ignore[arg-type]
            device = PDFPageAggregator(rsrc, laparams=None)
            interp = PDFPageInterpreter(rsrc, device)
            device.begin_page(_FakePage([0, 0, float(page.width), height]), (1, 0, 0, 1, 0, 0))
            interp.render_contents(resolve1(stream.attrs.get("Resources")) or {}, [stream], ctm=ctm)
            device.end_page(None)
            layout = device.get_result()
        except Exception:
            continue
        stack = [layout]
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                text = item.get_text()
                if text.strip():
                    out.append(
                        {
                            "text": text,
                            "x0": item.x0,
                            "x1": item.x1,
                            "top": height - item.y1 + top_offset,
                            "bottom": height - item.y0 + top_offset,
                            "fontname": item.fontname,
                            "size": item.size,
                            "upright": item.upright,
                            "non_stroking_color": getattr(item.graphicstate, "ncolor", None),
                        }
                    )
            elif isinstance(item, LTContainer):
                stack.extend(item)
    return out


def _annotation_words(chars: list[dict]) -> list[dict]:
    words: list[dict] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        last = words[-1] if words else None
        if (
            last is not None
            and abs(last["top"] - ch["top"]) < 2
            and 0 <= ch["x0"] - last["x1"] < 0.2 * ch["size"]
            and last["fontname"] == ch["fontname"]
        ):
            last["text"] += ch["text"]
            last["x1"] = ch["x1"]
            continue
        words.append(dict(ch))
    for w in words:
        w["stamped"] = True
    return words


def _page_words(page, cache: dict[tuple, RunFormat]) -> list[Word]:
    raw = page.extract_words(
        extra_attrs=["fontname", "size", "non_stroking_color"],
        keep_blank_chars=False,
        use_text_flow=False,
    )
    if page.page_obj.annots:
        raw = raw + _annotation_words(_annotation_chars(page))
    words: list[Word] = []
    for w in raw:
        if not w.get("upright", True):
            continue
        text = w["text"]
        if not text.strip():
            continue
        color = w.get("non_stroking_color")
        key = (
            clean_font(w["fontname"]),
            round(w["size"], 2),
            color if not isinstance(color, list) else tuple(color),
        )
        if w.get("stamped"):
            key = ("stamped", *key)
        fmt = cache.get(key)
        if fmt is None and w.get("stamped"):
            # drawn by the signing system, not typed by the author: its style says nothing
            fmt = cache[key] = RunFormat(font=clean_font(w["fontname"]), size_pt=round(w["size"], 2))
        if fmt is None:
            fmt = cache[key] = run_format(w["fontname"], w["size"], color)
        words.append(
            Word(text, w["x0"], w["x1"], w["top"], w["bottom"], fmt, w["size"], w.get("stamped", False))
        )
    return words


def _image_cover(page, area: float) -> float:
    try:
        images = page.images
    except Exception:
        return 0.0
    return min(1.0, sum((im["x1"] - im["x0"]) * (im["bottom"] - im["top"]) for im in images) / area)


def read(path: Path, data: bytes | None = None) -> RawDoc:
    if data is None:
        data = Path(path).read_bytes()
    scanned = pdf_guard.scan(data)
    from doclint.load.pdfium import preflight

    preflight(data, scanned)  # forms drawn many times: refused before pdfminer draws them
    pdf = _open(path)
    try:
        try:
            _check_cycles(pdf.doc)
            count = len(pdf.pages)
        except LoadError:
            raise
        except Exception as exc:
            raise LoadError(
                "DOC001",
                f"Tệp PDF bị hỏng: không đọc được danh sách trang ({type(exc).__name__}).",
                f"Broken PDF: the page tree cannot be read ({type(exc).__name__}).",
            ) from exc
        if count == 0:
            raise LoadError("DOC001", "Tệp PDF không có trang nào.", "The PDF has no pages.")
        if count > pdf_raw.MAX_PAGES:
            raise pdf_raw.too_long(count)
        fonts: Counter[str] = Counter()
        layer = LayerStats(invisible=None)
        cache: dict[tuple, RunFormat] = {}
        pages: list[RawPage] = []
        for number, page in enumerate(pdf.pages, start=1):
            chars = page.chars
            if len(chars) > pdf_guard.MAX_PAGE_GLYPHS:
                raise pdf_guard.page_glyphs_error(len(chars))
            words = _page_words(page, cache)
            width, height = float(page.width), float(page.height)
            try:
                edges = len(page.objects.get("line", [])) + len(page.objects.get("rect", []))
            except Exception:
                edges = 0
            content = 0
            for ch in chars:
                text = ch.get("text", "")
                if not text.strip():
                    continue
                content += 1
                font = clean_font(ch.get("fontname"))
                layer.fonts[font] += 1
                if CID.search(text) or "\ufffd" in text or any("\ue000" <= c <= "\uf8ff" for c in text):
                    layer.unmapped += 1
                if OCR_FONT.match(font):
                    layer.ocr_font += 1
            layer.glyphs += content
            for w in words:
                fonts[w.fmt.font or ""] += len(w.text)
            pages.append(
                RawPage(number, width, height, words, content, _image_cover(page, width * height), edges)
            )
            if layer.glyphs > pdf_guard.MAX_DOC_GLYPHS:
                raise pdf_guard.doc_glyphs_error(layer.glyphs)
            page.flush_cache()
        metadata = {}
        for key, value in (pdf.metadata or {}).items():
            if isinstance(value, str) and value.strip():
                metadata[str(key)] = value.strip()
        return RawDoc(pages=pages, metadata=metadata, fonts=fonts, layer=layer, engine="pdfplumber")
    finally:
        _close(pdf)
