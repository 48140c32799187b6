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


def form_flood(copies: int = 2000, glyphs: int = 1000) -> bytes:
    """One form XObject of ``glyphs`` glyphs drawn ``copies`` times on one page: no stream is large,
    the page is."""
    form = stream(
        b"BT /F1 1 Tf 10 10 Td (" + b"a" * glyphs + b") Tj ET",
        extra=b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>",
    )
    content = b"q /Fx Do Q\n" * copies
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /Fx 6 0 R >> >> /Contents 4 0 R >>",
        4: stream(content, compress=True),
        5: FONT,
        6: form,
    }
    return build(objects)


# ---------------------------------------------------------------- text layers

ADMIN_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH AN PHÚ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 126/KH-UBND ngày 05 tháng 5 năm 2026",
    "KẾ HOẠCH",
    "Triển khai Nghị định số 126/2024/NĐ-CP của Chính phủ",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai thực hiện như sau:",
    "1. Mục đích, yêu cầu: bảo đảm thống nhất, đồng bộ, hiệu quả trong toàn tỉnh.",
    "2. Các sở, ban, ngành và Ủy ban nhân dân cấp huyện tổ chức thực hiện nghiêm túc.",
    "3. Giao Sở Nội vụ theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.",
    "Trong quá trình thực hiện nếu có khó khăn, vướng mắc, các đơn vị phản ánh kịp thời.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
]


def _cmap(pairs: dict[int, str], two_bytes: bool = False) -> bytes:
    width = 4 if two_bytes else 2
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CMapName /Custom def /CMapType 2 def",
        b"1 begincodespacerange <%s> <%s> endcodespacerange" % (b"0" * width, b"F" * width),
    ]
    items = sorted(pairs.items())
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        for code, text in chunk:
            hex_text = text.encode("utf-16-be").hex().upper().encode() if text else b""
            lines.append(b"<%0*X> <%s>" % (width, code, hex_text))
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)


def text_layer_pdf(
    lines: list[str] | None = None,
    *,
    remap: dict[str, str] | None = None,
    cid: bool = False,
    invisible: bool = False,
    font_name: str = "Helvetica",
    scan: bool = False,
) -> bytes:
    """A one-page PDF drawing ``lines`` with a font whose ToUnicode map the caller can corrupt.

    Every character of the text gets its own code; ``remap`` changes what the map says some of them
    are ("S" -> "6": look-alike glyphs; "N" -> "": a dropped letter). ``cid`` draws with a Type0
    font that has no ToUnicode map at all ("(cid:5)" in pdfminer). ``invisible`` writes the text in
    render mode 3, and ``scan`` puts a page-sized image under it (an OCR layer)."""
    lines = lines or ADMIN_LINES
    chars = sorted({ch for line in lines for ch in line if ch != " "})
    codes = {ch: 33 + i for i, ch in enumerate(chars)}
    codes[" "] = 32
    remap = remap or {}
    body = []
    y = 800
    for line in lines:
        hex_codes = "".join(f"{codes[ch]:04X}" if cid else f"{codes[ch]:02X}" for ch in line)
        body.append(f"BT /F1 12 Tf {'3 Tr ' if invisible else ''}72 {y} Td <{hex_codes}> Tj ET")
        y -= 22
    content = "\n".join(body).encode()
    if scan:
        content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n" + content
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >>"
        + (b" /XObject << /Im1 8 0 R >>" if scan else b"")
        + b" >> /Contents 4 0 R >>",
        4: stream(content),
    }
    name = font_name.encode()
    if cid:
        objects[5] = (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /" + name + b" /Encoding /Identity-H"
            b" /DescendantFonts [6 0 R] >>"
        )
        objects[6] = (
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + name + b" /CIDSystemInfo"
            b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 500 >>"
        )
        objects[7] = (
            b"<< /Type /FontDescriptor /FontName /" + name + b" /Flags 32 /FontBBox [0 -200 1000 900]"
            b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
        )
    else:
        pairs = {code: remap.get(ch, ch) for ch, code in codes.items()}
        widths = b" ".join(b"500" for _ in range(32, 33 + len(chars)))
        objects[5] = (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name + b" /FirstChar 32 /LastChar %d"
            b" /Widths [%s] /ToUnicode 6 0 R >>" % (32 + len(chars), widths)
        )
        objects[6] = stream(_cmap(pairs))
    if scan:
        objects[8] = stream(
            b"\xff\xff\xff",
            extra=b" /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8",
        )
    return build(objects)
