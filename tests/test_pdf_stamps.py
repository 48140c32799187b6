"""What an electronic signing system draws over a PDF page (issue 17: read without parsing a page twice
where it can): a number stamped into "Số:      /BNV-CCHC" is read as a stamped word; a signature widget
whose appearance holds no text (an image or a drawn box, the usual signature) leaves the words alone and
the page is not flattened and parsed again; and the cheaper per-glyph calls read what the typed
bindings of another pypdfium2 build would read."""

from __future__ import annotations

import importlib
from pathlib import Path

import pdf_crafted as pc
import pypdfium2.raw as pr
import pytest

from doclint.load import pdfium

PAGE_TEXT = b"BT /F1 12 Tf 72 700 Td (So:          /BNV-CCHC) Tj ET"


def _signed(appearance: bytes) -> bytes:
    """One page with a signature widget over the blank of "So:  /BNV-CCHC", drawn by ``appearance``."""
    ap = pc.stream(
        appearance, b" /Type /XObject /Subtype /Form /BBox [0 0 60 20] /Resources << /Font << /F1 5 0 R >> >>"
    )
    widget = (
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (s) /Rect [100 695 160 715] /F 4 /AP << /N 7 0 R >> >>"
    )
    return pc.text_page_pdf(PAGE_TEXT, page_extra=b" /Annots [6 0 R]", more={6: widget, 7: ap})


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


def _words(path: Path) -> list[tuple]:
    raw = pdfium.read(path)
    return [(w.text, round(w.x0, 2), round(w.bottom, 2), w.stamped) for p in raw.pages for w in p.words]


def _count_flattens(monkeypatch) -> list[int]:
    calls: list[int] = []
    flatten = pr.FPDFPage_Flatten

    def counted(page, flag):
        calls.append(flag)
        return flatten(page, flag)

    monkeypatch.setattr(pr, "FPDFPage_Flatten", counted)
    return calls


def test_a_stamped_number_is_a_stamped_word(tmp_path: Path, monkeypatch) -> None:
    flattens = _count_flattens(monkeypatch)
    words = _words(_write(tmp_path, "number", _signed(b"BT /F1 12 Tf 2 5 Td (12094) Tj ET")))
    assert ("12094", True) in [(w[0], w[3]) for w in words]
    assert [w[0] for w in words if not w[3]] == ["So:", "/BNV-CCHC"]
    assert flattens


@pytest.mark.parametrize(
    "appearance", [b"0 0 1 rg 2 2 50 15 re f", b"q 1 0 0 1 0 0 cm 0 0 m 60 20 l S Q", b""], ids=str
)
def test_a_signature_without_text_is_not_flattened(tmp_path: Path, monkeypatch, appearance: bytes) -> None:
    """An appearance that draws no glyph cannot add a word: the page's words are those of the page
    without the widget, and the page is not flattened (nor parsed again)."""
    flattens = _count_flattens(monkeypatch)
    signed = _words(_write(tmp_path, "box", _signed(appearance)))
    plain = _words(_write(tmp_path, "plain", pc.text_page_pdf(PAGE_TEXT)))
    assert signed == plain
    assert flattens == ([] if appearance else [pr.FLAT_NORMALDISPLAY])  # an empty appearance: flattened


def test_text_in_a_nested_form_is_seen(tmp_path: Path) -> None:
    """The usual shape of a signing system's appearance: "/FRM Do", the text one form further in."""
    inner = pc.stream(
        b"BT /F1 12 Tf 2 5 Td (12094) Tj ET",
        b" /Type /XObject /Subtype /Form /BBox [0 0 60 20] /Resources << /Font << /F1 5 0 R >> >>",
    )
    ap = pc.stream(
        b"q 1 0 0 1 0 0 cm /FRM Do Q",
        b" /Type /XObject /Subtype /Form /BBox [0 0 60 20] /Resources << /XObject << /FRM 8 0 R >> >>",
    )
    widget = (
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (s) /Rect [100 695 160 715] /F 4 /AP << /N 7 0 R >> >>"
    )
    data = pc.text_page_pdf(PAGE_TEXT, page_extra=b" /Annots [6 0 R]", more={6: widget, 7: ap, 8: inner})
    assert ("12094", True) in [(w[0], w[3]) for w in _words(_write(tmp_path, "nested", data))]


def test_the_appearance_probe_sees_a_reset_matrix(monkeypatch) -> None:
    """Appearances are only read before flattening where reading them leaves a rotated stamp rotated;
    a probe whose stamp is not rotated stands for a PDFium that resets the matrix: not trusted."""
    assert pdfium._APPEARANCE_OBJECTS_SAFE() in (True, False)
    probe = pdfium._rotated_stamp_probe
    monkeypatch.setattr(
        pdfium, "_rotated_stamp_probe", lambda: probe().replace(b"[0 1 -1 0 20 0]", b"[1 0 0 1 0 0]")
    )
    pdfium._APPEARANCE_OBJECTS_SAFE.cache_clear()
    try:
        assert pdfium._APPEARANCE_OBJECTS_SAFE() is False
    finally:
        monkeypatch.undo()
        pdfium._APPEARANCE_OBJECTS_SAFE.cache_clear()


def test_typed_bindings_read_the_same(tmp_path: Path, monkeypatch) -> None:
    """Without the bare function pointers (another pypdfium2 build), the typed bindings read the same."""
    path = _write(tmp_path, "number", _signed(b"BT /F1 12 Tf 2 5 Td (12094) Tj ET"))
    raw = pdfium.read(path)
    bare = [
        (w.text, w.x0, w.x1, w.top, w.bottom, w.fmt, w.stamped, w.glued) for p in raw.pages for w in p.words
    ]
    import pypdfium2_raw.bindings as bindings

    monkeypatch.delattr(bindings, "_libs")
    try:
        typed_module = importlib.reload(pdfium)
        assert typed_module._GET_OBJ.__name__ == "obj"  # the fallback is in use
        raw = typed_module.read(path)
        typed = [
            (w.text, w.x0, w.x1, w.top, w.bottom, w.fmt, w.stamped, w.glued)
            for p in raw.pages
            for w in p.words
        ]
    finally:
        monkeypatch.undo()
        importlib.reload(pdfium)
    assert typed == bare
