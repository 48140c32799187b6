"""Crafted PDFs built in code, byte by byte: the hostile shapes of the reliability probe (reference
cycles, decompression bombs, glyph floods). Each builder returns the file's bytes."""

from __future__ import annotations

import zlib


def build(objects: dict[int, bytes], root: int = 1, extra_trailer: bytes = b"") -> bytes:
    """A PDF with the numbered objects, a correct xref table and a trailer pointing at ``root``."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        extra_trailer,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_page_pdf(
    content: bytes,
    page_extra: bytes = b"",
    mediabox: bytes = b"[0 0 595 842]",
    more: dict[int, bytes] | None = None,
    compress: bool = False,
) -> bytes:
    """One page drawing ``content`` with Helvetica as /F1; ``more`` adds objects from number 6 on."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox "
        + mediabox
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"
        + page_extra
        + b" >>",
        4: stream(content, compress=compress),
        5: FONT,
    }
    objects.update(more or {})
    return build(objects)


HELLO = b"BT /F1 12 Tf 72 760 Td (Cong van so 12/UBND) Tj ET"


def mediabox_cycle() -> bytes:
    """The page's /MediaBox is 6 0 R, object 6 is 7 0 R and object 7 is 6 0 R (695 bytes in the probe)."""
    return text_page_pdf(HELLO, mediabox=b"6 0 R", more={6: b"7 0 R", 7: b"6 0 R"})


def annots_cycle() -> bytes:
    """/Annots is a reference cycle (6 -> 7 -> 6)."""
    return text_page_pdf(HELLO, page_extra=b" /Annots 6 0 R", more={6: b"7 0 R", 7: b"6 0 R"})


def parent_cycle() -> bytes:
    """A page tree whose /Kids point back up: Pages -> Page -> (as Pages) -> Pages."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    }
    return build(objects)


def flate_bomb(megabytes: int = 400) -> bytes:
    """A content stream that inflates to ``megabytes`` MB of spaces (a few hundred KB on disk)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = bytearray(comp.compress(HELLO + b"\n"))
    for _ in range(megabytes):
        body += comp.compress(chunk)
    body += comp.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + bytes(body) + b"\nendstream"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: content,
        5: FONT,
    }
    return build(objects)


def glyph_flood(glyphs: int = 2_000_000, per_show: int = 1000) -> bytes:
    """One page that shows ``glyphs`` glyphs (compressed: the file stays small)."""
    line = b"(" + b"a" * per_show + b") Tj\n"
    content = b"BT /F1 1 Tf 10 10 Td\n" + line * (glyphs // per_show) + b"ET"
    return text_page_pdf(content, compress=True)
