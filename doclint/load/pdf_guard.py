"""Checks made on a PDF's bytes before any PDF library parses it: decompression bombs and glyph floods.

A PDF library inflates every content stream, form and embedded font it needs, and builds a record of
some hundred bytes for every glyph of a page it extracts text from. A 1.5 MB file can inflate to
gigabytes, and a 5 KB page can show two million glyphs. So before PDFium (or pdfminer) sees a file,
one pass over its bytes finds every stream (``stream`` … ``endstream``), reads its dictionary, and

- inflates each FlateDecode stream (chained filters included) incrementally, stopping as soon as a
  cap is passed: an absolute cap per stream, a ratio cap for large streams, and a cap on everything
  inflated in the document. Image streams are only inflated when a page names them as its content
  (text extraction never decodes an image); embedded font programs only when they are large enough
  to pass the stream cap at deflate's utmost ratio (1032:1), and the others are not counted in the
  document's total (many small font bombs are left to the process memory limit);
- counts, in streams that draw (content streams and forms), the bytes of the strings shown by the
  text operators Tj, TJ, ' and ": an upper bound on the glyphs they show. One stream past the page
  cap, or all of them past the document cap, is refused.

What this cannot see (a form drawn many times on one page, filters other than Flate) is caught after
parsing, page by page, by the engines (glyphs counted per page before the text is built). Reference
cycles need no check here: PDFium detects them itself, and the pdfplumber engine checks page
attributes and annotations with a visited set before pdfminer resolves them.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from doclint import lazyre
from doclint.errors import LoadError

MAX_STREAM_BYTES = 64 * 1024 * 1024  # one inflated stream
MAX_DOC_BYTES = 256 * 1024 * 1024  # every inflated stream of the document
MAX_RATIO = 200  # inflated / compressed, for a stream inflating past RATIO_FLOOR
RATIO_FLOOR = 8 * 1024 * 1024
MAX_PAGE_GLYPHS = 150_000  # one page (a dense A4 page of 10-point text holds about 6,000)
MAX_DOC_GLYPHS = 6_000_000  # 2,000 pages of 3,000 glyphs

_FILTERS = lazyre.compile(rb"/(FlateDecode|Fl|LZWDecode|LZW|ASCII85Decode|A85|ASCIIHexDecode|AHx|RunLengthDecode|RL|"
                      rb"DCTDecode|DCT|JPXDecode|JBIG2Decode|CCITTFaxDecode|CCF|Crypt)\b")  # fmt: skip
_IMAGE = lazyre.compile(rb"/Subtype\s*/Image\b")
_FORM = lazyre.compile(rb"/Subtype\s*/Form\b")
_DO = lazyre.compile(rb"/[^\s/\[\]()<>{}%]+\s*Do\b")
_FONT_FILE = lazyre.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_NOT_DRAWING = lazyre.compile(rb"/Type\s*/(?:XRef|ObjStm|Metadata|EmbeddedFile|CMap)\b|/N\s+[134]\b")
# the strings shown by a text operator: (…) Tj, (…) ' and (…) ", <…> Tj, and the strings of a TJ array
_SHOW = lazyre.compile(
    rb"\((?:[^()\\]|\\.)*\)\s*(?:Tj|'|\")|<[0-9A-Fa-f\s]*>\s*Tj|\[[^\]]*\]\s*TJ", re.DOTALL
)
_IN_ARRAY = lazyre.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>", re.DOTALL)
_CHUNK = 1 << 20
_PIECE = 1 << 16
FLATE_RATIO_LIMIT = 1032  # deflate's own limit: no stream inflates by more than this


@dataclass
class ScanResult:
    streams: int = 0
    inflated: int = 0  # bytes inflated in all
    glyphs: int = 0  # upper bound on the glyphs all drawing streams show (lengths, see scan)
    largest_glyphs: int = 0  # the most one stream shows (its length where that is under the page cap)
    largest_form_glyphs: int = 0  # the most one form XObject shows (a form can be drawn many times)
    calling_forms: int = 0  # form XObjects that draw other XObjects (nesting multiplies)
    most_form_calls: int = 0  # the most XObjects one form draws


def _bomb(vi_detail: str, en_detail: str) -> LoadError:
    return LoadError(
        "DOC001",
        f"Tệp PDF có luồng dữ liệu giải nén quá lớn ({vi_detail}) — nghi là bom nén, không kiểm tra.",
        f"The PDF holds a stream that inflates too far ({en_detail}) — likely a decompression bomb; not checked.",
    )


def _too_many_glyphs(count: int, limit: int, where_vi: str, where_en: str) -> LoadError:
    return LoadError(
        "DOC001",
        f"Tệp PDF vẽ quá nhiều ký tự {where_vi} (khoảng {count:,} ký tự, giới hạn {limit:,}) — "
        "nghi là tệp độc hại, không kiểm tra.".replace(",", "."),
        f"The PDF draws too many glyphs {where_en} (about {count:,}, limit {limit:,}) — "
        "likely a malicious file; not checked.",
    )


def page_glyphs_error(count: int) -> LoadError:
    return _too_many_glyphs(count, MAX_PAGE_GLYPHS, "trên một trang", "on one page")


def doc_glyphs_error(count: int) -> LoadError:
    return _too_many_glyphs(count, MAX_DOC_GLYPHS, "trong tài liệu", "in the document")


def _inflate(data: bytes, start: int, limit: int, keep: bool) -> tuple[bytes | None, int, int]:
    """Inflate the zlib stream at ``start``, at most ``limit`` bytes: (the inflated bytes when ``keep``,
    else b""; the inflated size, past ``limit`` when stopped there; the compressed bytes consumed).
    A broken stream gives what inflated before the error, as a PDF library would.

    The input goes to zlib ``_PIECE`` bytes at a time: zlib copies whatever input is left after a
    stream's end, and a megabyte copied for each of a file's many small streams cost more than
    inflating them. A stream that breaks, or inflates past ``limit`` or ``RATIO_FLOOR``, is inflated
    again a megabyte of input at a time, so that what counts as inflated before an error, and the
    input counted as consumed, are what they always were."""
    got = _inflate_pieces(data, start, limit, keep, _PIECE)
    if got is None:
        got = _inflate_pieces(data, start, limit, keep, _CHUNK)
    return got  # type: ignore[return-value]


def _inflate_pieces(
    data: bytes, start: int, limit: int, keep: bool, piece: int
) -> tuple[bytes | None, int, int] | None:
    """:func:`_inflate` feeding ``piece`` bytes at a time; None where a piece smaller than
    ``_CHUNK`` meets an error or passes ``limit`` or ``RATIO_FLOOR`` (the caller then feeds
    ``_CHUNK`` at a time)."""
    strict = piece < _CHUNK
    # past RATIO_FLOOR the consumed count matters (the ratio cap): fed as it always was
    cap = min(limit, RATIO_FLOOR) if strict else limit
    d = zlib.decompressobj()
    view = memoryview(data)
    out: list[bytes] = []
    size = 0
    pos = start
    end = len(data)
    try:
        while not d.eof:
            if d.unconsumed_tail:
                buf = d.unconsumed_tail
            elif pos < end:
                buf = view[pos : pos + piece]
                pos += len(buf)
            else:
                break
            got = d.decompress(buf, _CHUNK)
            size += len(got)
            if size > cap:
                if strict:
                    return None
                break
            if keep:
                out.append(got)
            if not got and not d.unconsumed_tail and pos >= end:
                break
    except zlib.error:
        if strict:
            return None
    # after the stream's end, what was fed and not used is unused_data alone (zlib leaves the last
    # unconsumed_tail in place then: subtracting both undercounted a large stream's input)
    left = len(d.unused_data) if d.eof else len(d.unconsumed_tail)
    consumed = max(1, pos - start - left)
    return b"".join(out), size, consumed


def _glyph_bytes(content: bytes) -> int:
    """An upper bound on the glyphs a content stream shows, refined only as far as the page cap needs:
    the stream's length (small streams); the length of its text-showing operations; the bytes of
    their strings alone (past the page cap)."""
    if len(content) <= 4096:
        return len(content)
    shown = _SHOW.findall(content)
    rough = sum(map(len, shown))
    if rough <= MAX_PAGE_GLYPHS:
        return rough
    total = 0
    for op in shown:
        if op.endswith(b"TJ"):
            total += sum(_string_len(s) for s in _IN_ARRAY.findall(op))
        else:
            total += _string_len(op[: op.rfind(b")" if op[:1] == b"(" else b">") + 1])
    return total


def _string_len(token: bytes) -> int:
    if token[:1] == b"<":
        return max(0, (len(token) - 2 - token.count(b" ") - token.count(b"\n")) // 2)
    return max(0, len(token) - 2 - token.count(b"\\"))


@dataclass(slots=True)
class _Stream:
    number: int | None  # the object number, when its header is readable
    head: bytes  # the stream's dictionary (the text between "N G obj" and "stream")
    start: int  # first byte of the stream's data


_NUMBER = lazyre.compile(rb"(\d{1,10})\s{1,8}\d{1,5}\s{0,8}$")
_CONTENTS = lazyre.compile(rb"/Contents\s*(?:(\d{1,10})\s+\d{1,5}\s+R|\[([^\]]{0,100000})\])")
_REF = lazyre.compile(rb"(\d{1,10})\s+\d{1,5}\s+R")


def _streams(data: bytes):
    pos = 0
    while True:
        at = data.find(b"stream", pos)
        if at < 0:
            return
        pos = at + 6
        if data[at - 3 : at] == b"end":
            continue
        nl = data[pos : pos + 2]
        if nl[:1] == b"\n" or nl == b"\r\n":
            start = pos + (2 if nl == b"\r\n" else 1)
        elif nl[:1] == b"\r":
            start = pos + 1
        else:
            continue
        head = data[max(0, at - 4096) : at]
        obj = head.rfind(b"obj")  # the header "12 0 obj" of this stream's object
        number = None
        if obj >= 0:
            found = _NUMBER.search(head[max(0, obj - 40) : obj])
            number = int(found.group(1)) if found else None
            head = head[obj + 3 :]
        if b"<<" in head:
            yield _Stream(number, head, start)


def _content_refs(text: bytes, into: set[int]) -> None:
    """Object numbers a page names as its /Contents."""
    for m in _CONTENTS.finditer(text):
        if m.group(1):
            into.add(int(m.group(1)))
        else:
            into.update(int(r) for r in _REF.findall(m.group(2)))


class _Recount(Exception):
    """The rough glyph total of a document passed the cap: count again, stream by stream."""


def scan(data: bytes) -> ScanResult:
    """Check every stream of a PDF file's bytes against the caps; raise DOC001 on the first breach.

    Image streams are left for a second pass and inflated only when a page names them as its
    content (a stream labelled as an image but drawn as a page): text extraction never decodes an
    image, and inflating every scan would cost more than reading the text.

    A content stream's glyphs are first bounded by its length (a stream shorter than the page cap
    cannot pass it); only a document whose bounds add up past the document cap is scanned again
    counting the strings each stream shows, so that it is refused exactly where it always was."""
    try:
        return _scan(data, exact=False)
    except _Recount:
        return _scan(data, exact=True)


def _scan(data: bytes, exact: bool) -> ScanResult:
    result = ScanResult()
    contents: set[int] = set()
    if b"/Contents" in data:
        _content_refs(data, contents)
    images: list[_Stream] = []
    for stream in _streams(data):
        result.streams += 1
        if _IMAGE.search(stream.head):
            images.append(stream)
            continue
        font = bool(_FONT_FILE.search(stream.head))
        if font:
            # an embedded font program: drawn with, never drawing. One too small to pass the stream
            # cap even at deflate's utmost ratio is not inflated (fonts are half the inflating)
            end = data.find(b"endstream", stream.start)
            if end > 0 and (end - stream.start) * FLATE_RATIO_LIMIT <= MAX_STREAM_BYTES:
                continue
        body = _check(data, stream, result, keep=not font or b"/ObjStm" in stream.head)
        if body is None:
            continue
        if b"/ObjStm" in stream.head:
            _content_refs(body, contents)  # page dictionaries compressed in an object stream
            continue
        if font or _NOT_DRAWING.search(stream.head):
            continue
        _count(body, result, exact)
        if _FORM.search(stream.head):
            result.largest_form_glyphs = max(result.largest_form_glyphs, _glyph_bytes(body))
            calls = len(_DO.findall(body))
            if calls:
                result.calling_forms += 1
                result.most_form_calls = max(result.most_form_calls, calls)
    for stream in images:
        if stream.number in contents:
            body = _check(data, stream, result, keep=True)
            if body is not None:
                _count(body, result, exact)
    return result


def _count(body: bytes, result: ScanResult, exact: bool = True) -> None:
    """Add a drawing stream's glyphs to the totals (raise past a cap). Not ``exact``: a stream that
    cannot pass the page cap counts its length, and the document's total is only a bound."""
    if not exact and len(body) <= MAX_PAGE_GLYPHS:
        glyphs = len(body)
    else:
        glyphs = _glyph_bytes(body)
        if glyphs > MAX_PAGE_GLYPHS:
            raise page_glyphs_error(glyphs)
    result.glyphs += glyphs
    result.largest_glyphs = max(result.largest_glyphs, glyphs)
    if result.glyphs > 3 * MAX_DOC_GLYPHS:  # rough bounds (TJ spacing counted): the engines count exactly
        if not exact:
            raise _Recount
        raise doc_glyphs_error(result.glyphs)


def _check(data: bytes, stream: _Stream, result: ScanResult, keep: bool) -> bytes | None:
    """Inflate one stream within the caps: its bytes (None when its filters are not inflated here)."""
    filters = _FILTERS.findall(stream.head)
    flate_count = sum(1 for f in filters if f in (b"FlateDecode", b"Fl"))
    if filters and flate_count != len(filters):
        # other filters (LZW, ASCII85 before Flate…): not inflated here; the engines count glyphs per
        # page after parsing
        return None
    if not filters:
        end = data.find(b"endstream", stream.start)
        if end < 0:
            return None
        body: bytes | None = data[stream.start : end]
        inflated = end - stream.start
    else:
        body = None
        inflated = 0
        for level in range(flate_count):
            limit = min(MAX_STREAM_BYTES, MAX_DOC_BYTES - result.inflated)
            hold = keep or level + 1 < flate_count
            if level == 0:
                body, inflated, consumed = _inflate(data, stream.start, limit, hold)
            else:
                body, inflated, consumed = _inflate(body or b"", 0, limit, hold)
            if inflated > limit:
                if limit < MAX_STREAM_BYTES:
                    raise _bomb(
                        f"tổng cộng hơn {MAX_DOC_BYTES // 1048576} MB",
                        f"over {MAX_DOC_BYTES // 1048576} MB in all",
                    )
                raise _bomb(f"hơn {MAX_STREAM_BYTES // 1048576} MB", f"over {MAX_STREAM_BYTES // 1048576} MB")
            if inflated > RATIO_FLOOR and inflated / consumed > MAX_RATIO:
                raise _bomb(
                    f"{inflated // 1048576} MB từ {consumed // 1024} KB, tỉ lệ {inflated // consumed}:1",
                    f"{inflated // 1048576} MB from {consumed // 1024} KB, ratio {inflated // consumed}:1",
                )
    result.inflated += inflated
    if result.inflated > MAX_DOC_BYTES:
        raise _bomb(
            f"tổng cộng hơn {MAX_DOC_BYTES // 1048576} MB", f"over {MAX_DOC_BYTES // 1048576} MB in all"
        )
    return body
