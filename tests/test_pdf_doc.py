"""PDF and .doc input: what the PDF loader reconstructs (columns, page numbers, paragraphs, NFC), and
the clear DOC-code errors for scanned, encrypted, truncated PDFs and a .doc without LibreOffice."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from doclint.errors import LoadError
from doclint.load import load
from doclint.load.doc import find_soffice
from doclint.load.pdf import clean_font, font_style
from doclint.testing import AdminDoc, build_docx

FONT_CANDIDATES = {
    "regular": [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/Library/Fonts/Times New Roman.ttf",
        "C:/Windows/Fonts/times.ttf",
    ],
    "bold": [
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/Library/Fonts/Times New Roman Bold.ttf",
        "C:/Windows/Fonts/timesbd.ttf",
    ],
}
MM = 72 / 25.4


def _fonts() -> tuple[str, str]:
    """Register a Unicode serif (regular, bold) with reportlab; skip when none is installed."""
    names = []
    for style, paths in FONT_CANDIDATES.items():
        path = next((p for p in paths if Path(p).is_file()), None)
        if path is None:
            pytest.skip("no Unicode TrueType font to draw Vietnamese text with")
        name = f"Serif-{style}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    return names[0], names[1]


def _text_pdf(path: Path, pages: int = 1) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.setFont("Helvetica", 14)
        c.drawString(85, 780, f"Page text {n + 1} for a test document.")
        c.showPage()
    c.save()
    return path


def _admin_pdf(path: Path) -> Path:
    """A two-page administrative PDF drawn by hand: two-column header, a justified paragraph cut by
    the page break, a page number centred at the top of page 2, the Nơi nhận / signature columns."""
    regular, bold = _fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    left, right = 30 * MM, width - 15 * MM

    def text(x: float, y_top: float, s: str, font: str = regular, size: float = 13, centre: bool = False):
        c.setFont(font, size)
        y = height - y_top - size * 0.8
        if centre:
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)

    def justified(y_top: float, words: list[str], x0: float, size: float = 14) -> None:
        c.setFont(regular, size)
        space = c.stringWidth(" ", regular, size)
        total = sum(c.stringWidth(w, regular, size) for w in words)
        while len(words) > 2 and total + space * (len(words) - 1) > right - x0:
            # a wider stand-in font (DejaVu where Liberation is missing): fewer words on the line, as a
            # word processor would set them, never overlapping ones
            words = words[:-1]
            total = sum(c.stringWidth(w, regular, size) for w in words)
        gap = (right - x0 - total) / (len(words) - 1)
        x = x0
        for w in words:
            c.drawString(x, height - y_top - size * 0.8, w)
            x += c.stringWidth(w, regular, size) + gap

    top = 20 * MM
    text(150, top, "ỦY BAN NHÂN DÂN", bold, centre=True)
    text(150, top + 15, "XÃ LIÊN MINH", bold, centre=True)
    text(150, top + 40, "Số: 05/KH-UBND", centre=True)
    text(400, top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 13, centre=True)
    text(400, top + 15, "Độc lập - Tự do - Hạnh phúc", bold, 14, centre=True)
    text(400, top + 40, "Liên Minh, ngày 05 tháng 5 năm 2026", "Serif-regular", 14, centre=True)
    text((left + right) / 2, top + 80, "KẾ HOẠCH", bold, 14, centre=True)
    text((left + right) / 2, top + 97, "Triển khai công tác cải cách hành chính", bold, 14, centre=True)
    words = [
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "xã",
        "triển",
        "khai",
        "nhiệm",
        "vụ",
        "cải",
        "cách",
        "hành",
        "chính",
        "bảo",
        "đảm",
    ]
    y = top + 130
    for i in range(30):
        justified(y, words, left + (36 if i % 3 == 0 else 0))
        y += 20
        if y > height - 25 * MM:
            break
    c.showPage()
    text((left + right) / 2, 12 * MM, "2", regular, 13, centre=True)
    justified(20 * MM, words, left)  # continues the paragraph cut at the foot of page 1
    text(left, 20 * MM + 20, "của người đứng đầu./.", regular, 14)
    y = 20 * MM + 60
    text(left, y, "Nơi nhận:", bold, 12)
    text(left, y + 14, "- Như trên;", regular, 11)
    text(left, y + 27, "- Lưu: VT.", regular, 11)
    text(420, y, "TM. ỦY BAN NHÂN DÂN", bold, 14, centre=True)
    text(420, y + 17, "CHỦ TỊCH", bold, 14, centre=True)
    text(420, y + 80, "Nguyễn Văn An", bold, 14, centre=True)
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------- what the loader reconstructs


def test_font_names() -> None:
    assert clean_font("ABCDEF+TimesNewRomanPS-BoldItalicMT") == "TimesNewRomanPS-BoldItalicMT"
    assert font_style("TimesNewRomanPS-BoldItalicMT") == (True, True)
    assert font_style("TimesNewRomanPSMT") == (False, False)
    assert font_style("Times New Roman,Bold") == (True, False)
    assert font_style("Arial-ItalicMT") == (False, True)
    assert font_style("LiberationSerif-Bold") == (True, False)


def test_two_columns_page_numbers_and_paragraphs(tmp_path: Path) -> None:
    doc = load(_admin_pdf(tmp_path / "kh.pdf"))
    assert doc.format == "pdf" and doc.facts.page_count == 2
    cells = {b.text: b for b in doc.blocks if b.table is not None}
    assert cells["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].table.col == 1
    assert cells["Số: 05/KH-UBND"].table.col == 0
    assert cells["Nơi nhận:"].table.col == 0 and cells["CHỦ TỊCH"].table.col == 1
    assert cells["Nơi nhận:"].dominant("bold") is True and cells["Nơi nhận:"].dominant("size_pt") == 12
    # the page number is a header block and a centred header of the section, none on page 1
    headers = [b for b in doc.blocks if b.kind == "header"]
    assert [(b.text, b.page) for b in headers] == [("2", 2)]
    section = doc.sections[0]
    assert section.title_page
    assert any(h.kind == "header" and h.alignment == "center" and h.has_page_field for h in section.headers)
    # the paragraph cut by the page break is one block
    body = [b for b in doc.blocks if b.kind == "paragraph" and b.text.startswith("Ủy ban")]
    last = body[-1]
    assert last.text.endswith("của người đứng đầu./.") and last.page == 1
    assert body[0].para.alignment == "both" and abs(body[0].para.first_line_indent_mm - 12.7) < 1
    assert abs(section.margin_left_mm - 30) < 1 and abs(section.margin_right_mm - 15) < 1
    assert "Serif-regular" in doc.facts.fonts or any("Serif" in f for f in doc.facts.fonts)


def test_pdf_recognition_uses_the_columns(tmp_path: Path) -> None:
    from doclint.config import Config
    from doclint.engine import lint_path

    result = lint_path(_admin_pdf(tmp_path / "kh.pdf"), Config(), keep_document=True)
    rec = result.recognition
    assert result.family == "administrative" and result.doc_type == "KH"
    assert rec.number is not None and "05/KH-UBND" in rec.number.text
    assert rec.place_date is not None and rec.place_date.text.startswith("Liên Minh")
    assert rec.signature is not None and rec.recipients


def test_decomposed_text_is_normalised(tmp_path: Path) -> None:
    import unicodedata

    regular, _bold = _fonts()
    path = tmp_path / "nfd.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(regular, 14)
    c.drawString(85, 780, unicodedata.normalize("NFD", "Kế hoạch triển khai"))
    c.save()
    doc = load(path)
    assert doc.blocks[0].text == "Kế hoạch triển khai"
    assert doc.facts.non_nfc_blocks == 1


# ---------------------------------------------------------------- errors


def test_scanned_pdf_is_doc002(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        image = Image.new("L", (400, 560), 235)
        c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        c.rect(100, 600, 300, 20, fill=1)  # "lines of text" as shapes only
        c.showPage()
    c.save()
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC002" and "OCR" in err.value.vi


def test_shapes_only_pdf_is_doc002(tmp_path: Path) -> None:
    path = tmp_path / "shapes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.line(50, 50, 500, 700)
    c.save()
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC002"


def test_encrypted_pdf_is_doc001(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = _text_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC001" and "mã hóa" in err.value.vi


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = _text_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="chu")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert load(path).blocks[0].text.startswith("Page text 1")


def test_truncated_pdf_is_doc001(tmp_path: Path) -> None:
    data = _text_pdf(tmp_path / "full.pdf", pages=3).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code in ("DOC001", "DOC002")


def test_not_a_pdf_is_doc001(tmp_path: Path) -> None:
    path = tmp_path / "image.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC001"


def test_page_limit(tmp_path: Path, monkeypatch) -> None:
    import doclint.load.pdf_raw as pdf_raw

    monkeypatch.setattr(pdf_raw, "MAX_PAGES", 2)
    with pytest.raises(LoadError) as err:
        load(_text_pdf(tmp_path / "long.pdf", pages=3))
    assert err.value.code == "DOC001" and "3 trang" in err.value.vi


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_doc_without_libreoffice_is_doc004(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOCLINT_SOFFICE", str(tmp_path / "no-soffice-here"))
    path = tmp_path / "giay-moi.doc"
    path.write_bytes(OLE)
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC004" and "LibreOffice" in err.value.vi
    if sys.platform.startswith("linux"):
        assert "apt-get install libreoffice-writer" in err.value.vi


def test_doc_with_wrong_content_is_doc001(tmp_path: Path) -> None:
    path = tmp_path / "fake.doc"
    path.write_bytes(b"%PDF-1.4 not a word file")
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC001"


def test_batch_goes_on_past_bad_pdfs_and_doc(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOCLINT_SOFFICE", str(tmp_path / "no-soffice-here"))
    folder = tmp_path / "lo"
    folder.mkdir()
    c = canvas.Canvas(str(folder / "a-scan.pdf"), pagesize=A4)
    c.rect(100, 600, 300, 20, fill=1)
    c.save()
    data = _text_pdf(tmp_path / "full.pdf", pages=3).read_bytes()
    (folder / "b-cut.pdf").write_bytes(data[: len(data) // 3])
    (folder / "c-old.doc").write_bytes(OLE)
    build_docx(AdminDoc(body=["Nội dung kế hoạch./."]), folder / "d-good.docx")
    out = tmp_path / "r.json"
    code, _ = run_cli("check", folder, "--format", "json", "--output", out)
    report = json.loads(out.read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["a-scan.pdf"]["error"]["code"] == "DOC002"
    assert by_name["b-cut.pdf"]["error"]["code"] in ("DOC001", "DOC002")
    assert by_name["c-old.doc"]["error"]["code"] == "DOC004"
    assert by_name["d-good.docx"]["error"] is None
    assert code == 2


@pytest.mark.slow
def test_doc_is_converted_with_libreoffice(tmp_path: Path) -> None:
    if find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) must be installed in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    from layout_fixtures import soffice_convert

    source = build_docx(AdminDoc(body=["Nội dung kế hoạch triển khai./."]), tmp_path / "src" / "kh.docx")
    (doc_path,) = soffice_convert([source], "doc:MS Word 97", tmp_path / "doc")
    before = doc_path.read_bytes()
    doc = load(doc_path)
    assert doc.format == "doc" and doc.path == str(doc_path)
    assert any(b.text.startswith("CỘNG HÒA") for b in doc.blocks)
    assert any(b.text.startswith("Nội dung kế hoạch") for b in doc.blocks)
    assert doc_path.read_bytes() == before  # never modified
    assert sorted(p.name for p in doc_path.parent.iterdir()) == ["kh.doc"]  # no lock or output left


def test_pdf_loader_never_writes(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "x.pdf")
    before = path.read_bytes()
    load(path)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]
