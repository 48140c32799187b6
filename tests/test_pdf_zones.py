"""PDF header and footer zones (issue 12, item 5, the PDF causes), each on an invented document of the same
shape drawn with reportlab: the Số line and the place/date line on one baseline in two columns with the date
starting left of the Quốc hiệu; "Kính gửi:" followed by a dash list; a page number printed at the top; a
Nơi nhận list set tighter than its font size, with an item continued on a line of its own; and, on synthetic
words, a number stamped off its line and an e-signature box."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from test_pdf_doc import _fonts

from doclint.config import Config
from doclint.engine import lint_path
from doclint.load.pdf import _place_stamps, _rows
from doclint.load.pdf_raw import Word
from doclint.model import RunFormat

ENGINES = ("pdfium", "pdfplumber")


def _signed_like(path: Path) -> Path:
    regular, bold = _fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4

    def text(x: float, top: float, s: str, font: str = regular, size: float = 13, centre: bool = False):
        c.setFont(font, size)
        y = height - top - size * 0.8
        (c.drawCentredString if centre else c.drawString)(x, y, s)

    text(160, 56, "ỦY BAN NHÂN DÂN", regular, 13, True)
    text(160, 71, "THÀNH PHỐ AN BÌNH", regular, 13, True)
    text(160, 86, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", bold, 13, True)
    text(410, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 13, True)
    text(410, 71, "Độc lập - Tự do - Hạnh phúc", bold, 14, True)
    # one baseline, two columns: the date is centred under the Quốc hiệu but starts left of it
    text(96, 118, "Số: 4644/KH-SGDĐT", regular, 13)
    text(265, 118, "Thành phố An Bình, ngày 14 tháng 11 năm 2025", "Serif-regular", 13)
    text(width / 2, 160, "KẾ HOẠCH", bold, 14, True)
    text(width / 2, 177, "Tổ chức cuộc thi sáng tạo nội dung số", bold, 14, True)
    text(140, 205, "Kính gửi:", regular, 14)
    text(210, 205, "- Ủy ban nhân dân các phường, xã;", regular, 14)
    text(210, 222, "- Các trường trung học phổ thông.", regular, 14)
    y = 255
    for line in (
        "Sở Giáo dục và Đào tạo xây dựng kế hoạch tổ chức cuộc thi sáng tạo nội dung số như sau:",
        "1. Mục đích: khuyến khích học sinh sáng tạo, lan tỏa tinh thần tích cực trong trường học.",
        "2. Yêu cầu: tổ chức an toàn, tiết kiệm, hiệu quả, đúng tiến độ được giao.",
    ):
        text(85, y, line, regular, 13)
        y += 20
    c.showPage()
    text(width / 2, 28, "2", regular, 13, True)  # the page number, printed at the top
    text(
        85,
        70,
        "3. Tổ chức thực hiện: các đơn vị báo cáo kết quả về Sở trước ngày 30 tháng 12./.",
        regular,
        13,
    )
    # Nơi nhận in 11 points on 10-point lines, beside the signature
    top = 110
    text(85, top, "Nơi nhận:", bold, 12)
    items = ["- Như trên;", "- Chủ tịch, các Phó Chủ tịch", "UBND thành phố;", "- Lưu: VT, KHTC."]
    for k, item in enumerate(items):
        text(85 if item.startswith("-") else 92, top + 14 + 10 * k, item, regular, 11)
    text(410, top, "KT. GIÁM ĐỐC", bold, 14, True)
    text(410, top + 17, "PHÓ GIÁM ĐỐC", bold, 14, True)
    text(410, top + 90, "Nguyễn Văn Bình", bold, 14, True)
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def signed_like(tmp_path_factory) -> Path:
    return _signed_like(tmp_path_factory.mktemp("zones") / "kh.pdf")


@pytest.mark.parametrize("engine", ENGINES)
def test_number_and_date_on_one_baseline_are_two_columns(signed_like: Path, engine: str) -> None:
    result = lint_path(signed_like, Config(options=(("pdf-engine", engine),)), keep_document=True)
    rec = result.recognition
    assert rec.number is not None and rec.number.text.replace(" ", "") == "Số:4644/KH-SGDĐT"
    assert rec.place_date is not None and rec.place_date.text.startswith("Thành phố An Bình, ngày 14")
    assert rec.parsed_date is not None and rec.parsed_date.day == "14"
    cells = {b.text: b.table.col for b in result.document.blocks if b.table is not None}
    assert cells["Số: 4644/KH-SGDĐT"] == 0 and cells["Thành phố An Bình, ngày 14 tháng 11 năm 2025"] == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_kinh_gui_with_a_dash_list(signed_like: Path, engine: str) -> None:
    rec = lint_path(signed_like, Config(options=(("pdf-engine", engine),)), keep_document=True).recognition
    assert rec.kinh_gui is not None
    items = [c.text.lstrip("- ").rstrip(";.") for c in rec.kinh_gui_items]
    assert items == ["Ủy ban nhân dân các phường, xã", "Các trường trung học phổ thông"]


@pytest.mark.parametrize("engine", ENGINES)
def test_page_number_at_the_top_is_not_body_text(signed_like: Path, engine: str) -> None:
    doc = lint_path(signed_like, Config(options=(("pdf-engine", engine),)), keep_document=True).document
    assert [(b.text, b.kind) for b in doc.blocks if b.text == "2"] == [("2", "header")]
    assert any(h.kind == "header" and h.has_page_field for h in doc.sections[0].headers)


@pytest.mark.parametrize("engine", ENGINES)
def test_tight_recipient_list_beside_the_signature(signed_like: Path, engine: str) -> None:
    result = lint_path(signed_like, Config(options=(("pdf-engine", engine),)), keep_document=True)
    rec = result.recognition
    assert rec.recipients_label is not None
    texts = [c.text for c in rec.recipients]
    assert texts == ["- Như trên;", "- Chủ tịch, các Phó Chủ tịch UBND thành phố;", "- Lưu: VT, KHTC."]
    assert rec.signature is not None and rec.signature.name is not None
    assert rec.signature.name.text == "Nguyễn Văn Bình"
    # nothing is said of the items themselves (RCPT004 and RCPT008 are right about this invented plan:
    # it has a "Kính gửi", and its "Nơi nhận:" is not bold italic)
    loud = {f.code for f in result.findings if f.code.startswith("RCPT") and f.severity != "info"}
    assert loud <= {"RCPT004", "RCPT008"}


def _w(text: str, x0: float, bottom: float, size: float = 14.0, stamped: bool = False) -> Word:
    x1 = x0 + 0.5 * size * len(text)
    return Word(text, x0, x1, bottom - size, bottom, RunFormat(size_pt=size), size, stamped)


def test_number_stamped_above_its_line_joins_it() -> None:
    """The signing system stamps "12094" ten points above "Số:        /BNV-CCHC": it fills that blank."""
    words = [_w("Số:", 84, 113), _w("/BNV-CCHC", 130, 113), _w("12094", 100, 102.5, stamped=True)]
    rows, boxes = _place_stamps(_rows(words))
    assert boxes == []
    assert [[w.text for w in r] for r in rows] == [["Số:", "12094", "/BNV-CCHC"]]


def test_signature_box_is_neither_text_nor_margin() -> None:
    words = [
        _w("Ký", 130, 12, 6, True), _w("bởi:", 140, 12, 6, True), _w("Sở", 155, 12, 6, True),
        _w("Thời", 130, 20, 6, True), _w("gian", 145, 20, 6, True), _w("ký:", 160, 20, 6, True),
        _w("ỦY", 100, 66, 13), _w("BAN", 125, 66, 13),
    ]  # fmt: skip
    rows, boxes = _place_stamps(_rows(words))
    assert [[w.text for w in r] for r in rows] == [["ỦY", "BAN"]]
    assert boxes == ["Ký bởi: Sở", "Thời gian ký:"]


def test_lines_set_tighter_than_their_size_are_not_interleaved() -> None:
    words = [_w("-", 85, 200, 11), _w("Như", 92, 200, 11), _w("trên;", 115, 200, 11)]
    words += [_w("-", 85, 210, 11), _w("Chủ", 92, 210, 11), _w("tịch", 113, 210, 11)]
    assert [[w.text for w in r] for r in _rows(words)] == [["-", "Như", "trên;"], ["-", "Chủ", "tịch"]]
