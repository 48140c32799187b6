"""A PDF written from numbered objects, with a correct cross-reference table: PDFium's one-page probes
and the crafted files of the hostile-input tests are built with it."""

from __future__ import annotations


def pdf_bytes(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered objects (1-based) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)
