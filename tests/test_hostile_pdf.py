"""Hostile and broken PDFs: truncated, password-protected, no text layer, 5,000 pages. Each gives its DOC
code and a clear message in bounded time, and the rest of a batch is checked normally. Skipped while the
PDF loader (doclint.load.pdf, pdfplumber) is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cpu_bounded

from doclint.batch import check_paths, iter_files
from doclint.errors import LoadError
from doclint.load import load
from doclint.load.pdfbytes import pdf_bytes

pytest.importorskip("pdfplumber")
pytest.importorskip("doclint.load.pdf")
canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")

A4 = (595.27, 841.89)


def text_pdf(path: Path, encrypt: str | None = None) -> Path:
    c = canvas_module.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.drawString(72, 760, "UY BAN NHAN DAN XA LIEN MINH")
    c.drawString(72, 740, "So: 12/TB-UBND")
    c.drawString(72, 700, "THONG BAO ve lich tiep cong dan thang 5 nam 2026.")
    c.showPage()
    c.save()
    return path


def picture_pdf(path: Path) -> Path:
    """A page of shapes only, as a scan without OCR looks to a text extractor."""
    c = canvas_module.Canvas(str(path), pagesize=A4)
    for k in range(4):
        c.rect(60 + 10 * k, 200 + 40 * k, 400, 300, fill=1)
    c.showPage()
    c.save()
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    """A valid PDF of ``pages`` pages sharing one content stream, written directly (fast)."""
    content = b"BT /F1 12 Tf 72 760 Td (Trang) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    objects += [page] * pages
    path.write_bytes(pdf_bytes(objects))
    return path


def refused(path: Path, limit: float) -> LoadError:
    with cpu_bounded(4 * limit), pytest.raises(LoadError) as err:  # CPU time, with a wide margin
        load(path)
    return err.value


def test_truncated_pdf(tmp_path: Path) -> None:
    data = text_pdf(tmp_path / "ok.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    err = refused(cut, 2)
    assert err.code == "DOC001" and "PDF" in err.vi


def test_password_protected_pdf(tmp_path: Path) -> None:
    err = refused(text_pdf(tmp_path / "khoa.pdf", encrypt="matkhau"), 2)
    assert err.code == "DOC001" and "mật khẩu" in err.vi and "password" in err.en


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    err = refused(picture_pdf(tmp_path / "scan.pdf"), 5)
    assert err.code == "DOC002" and "OCR" in err.vi


@pytest.mark.slow
def test_five_thousand_pages_refused(tmp_path: Path) -> None:
    from doclint.load import pdf as pdf_loader

    path = many_pages_pdf(tmp_path / "5000-trang.pdf", 5000)
    assert pdf_loader.MAX_PAGES < 5000
    err = refused(path, 20)
    assert err.code == "DOC001" and "5000 trang" in err.vi


def test_bad_pdfs_do_not_stop_the_batch(tmp_path: Path) -> None:
    text_pdf(tmp_path / "a-tot.pdf")
    data = (tmp_path / "a-tot.pdf").read_bytes()
    (tmp_path / "b-cut.pdf").write_bytes(data[: len(data) // 3])
    text_pdf(tmp_path / "c-khoa.pdf", encrypt="matkhau")
    picture_pdf(tmp_path / "d-scan.pdf")
    many_pages_pdf(tmp_path / "e-dai.pdf", 2500)
    text_pdf(tmp_path / "f-tot.pdf")
    results = check_paths(list(iter_files([tmp_path])), None, {}, jobs=2, use_cache=False)
    codes = {Path(r.path).name: r.error.code if r.error else None for r in results}
    assert codes == {
        "a-tot.pdf": None,
        "b-cut.pdf": "DOC001",
        "c-khoa.pdf": "DOC001",
        "d-scan.pdf": "DOC002",
        "e-dai.pdf": "DOC001",
        "f-tot.pdf": None,
    }
