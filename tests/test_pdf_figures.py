"""PDF text that belongs to a chart drawn in the page (issue 12, fix-layout): an invented report with an
Office-style column chart — its title, axis values and data labels in a sans font and the chart palette's
colours, mostly at 5–8 pt. That text is the chart's, not the document's: FMT004 (font) and FMT011 (colour)
leave it alone, while a sentence of the document itself set in blue is still reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from test_pdf_doc import _fonts

from doclint.config import Config, split_codes
from doclint.engine import lint_path

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _report(path: Path, blue_sentence: bool = False) -> Path:
    regular, bold = _fonts()
    if not Path(SANS).is_file():
        pytest.skip("no sans font to draw the chart with")
    if "ChartSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ChartSans", SANS))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4

    def text(x, top, s, font=regular, size=13.0, centre=False, colour="#000000"):
        c.setFillColor(HexColor(colour))
        c.setFont(font, size)
        y = height - top - size * 0.8
        (c.drawCentredString if centre else c.drawString)(x, y, s)

    text(150, 56, "ỦY BAN NHÂN DÂN TỈNH AN BÌNH", regular, 13, True)
    text(150, 71, "SỞ NỘI VỤ", bold, 13, True)
    text(150, 96, "Số: 184/BC-SNV", regular, 13, True)
    text(400, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 12, True)
    text(400, 71, "Độc lập - Tự do - Hạnh phúc", bold, 13, True)
    text(400, 96, "An Bình, ngày 06 tháng 11 năm 2025", regular, 13, True)
    mid = width / 2
    text(mid, 130, "BÁO CÁO", bold, 14, True)
    text(mid, 147, "Kết quả các chỉ số cải cách hành chính năm 2024", bold, 14, True)
    top = 180
    for line in (
        "Sở Nội vụ báo cáo kết quả các chỉ số cải cách hành chính năm 2024 của tỉnh như sau:",
        "1. Chỉ số cải cách hành chính của tỉnh đạt 86,5 điểm, tăng 2,1 điểm so với năm trước.",
    ):
        text(85, top, line, regular, 14)
        top += 22
    if blue_sentence:
        text(85, top, "2. Các sở, ngành khẩn trương khắc phục những chỉ số thành phần còn thấp.", regular, 14,
             colour="#0000FF")  # fmt: skip
        top += 22
    # the chart: a title, the axis values, the data labels, the category names and the legend
    top += 20
    text(mid, top, "KẾT QUẢ CHỈ SỐ PAR INDEX NĂM 2024", "ChartSans", 14, True, "#44546A")  # as its axis
    for k, value in enumerate(range(100, -1, -10)):
        text(100, top + 30 + 12 * k, f"{value},000%", "ChartSans", 6, colour="#44546A")
    labels = ["14,21", "13,36", "12,84", "12,71", "11,97", "11,92", "11,57", "11,44", "10,75", "10,40"]
    for k, label in enumerate(labels):
        text(140 + 38 * k, top + 40 + 5 * k, label, "ChartSans", 5, colour="#404040")
    names = ["Chỉ đạo, điều hành", "Thể chế", "Thủ tục hành chính", "Bộ máy", "Công vụ", "Tài chính công"]
    for k, name in enumerate(names):
        text(130 + 62 * k, top + 160, name, "ChartSans", 7, colour="#203864")
    text(mid, top + 180, "Lâm Đồng     Đắk Nông     Bình Thuận", "ChartSans", 11, True, "#203864")
    top += 220
    text(85, top, "3. Sở Nội vụ tiếp tục theo dõi, tổng hợp kết quả và báo cáo Ủy ban nhân dân tỉnh./.", regular,
         14)  # fmt: skip
    top += 40
    text(85, top, "Nơi nhận:", bold, 12)
    text(85, top + 14, "- UBND tỉnh;", regular, 11)
    text(85, top + 27, "- Lưu: VT, CCHC.", regular, 11)
    text(420, top, "GIÁM ĐỐC", bold, 14, True)
    text(420, top + 80, "Lê Văn An", bold, 14, True)
    c.showPage()
    c.save()
    return path


def _found(path: Path, codes: str) -> list:
    result = lint_path(path, Config(select=split_codes(codes)))
    assert result.error is None
    return [f for f in result.findings if f.severity in ("error", "warning")]


def test_a_charts_text_is_not_the_documents_font_or_colour(tmp_path: Path) -> None:
    assert _found(_report(tmp_path / "bc.pdf"), "FMT004,FMT011") == []


def test_a_sentence_of_the_document_in_blue_is_still_reported(tmp_path: Path) -> None:
    found = _found(_report(tmp_path / "bc-blue.pdf", blue_sentence=True), "FMT004,FMT011")
    assert [f.code for f in found] == ["FMT011"] and "#0000FF" in found[0].vi
