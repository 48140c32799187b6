"""An A4 document printed to PDF on Letter paper with "fit to page" (issue 12, fix-layout): an invented letter
drawn on A4 with proper margins and sizes (14 pt text, a 12 pt bold "Nơi nhận:", 11 pt items), then fitted
onto a Letter page (scale 0.94, centred) as a printer driver does. The paper is wrong (FMT001), but the sizes
are the author's (13.17 pt is 14 pt fitted) and the margins are the driver's: no FMT003, RCPT008 or FMT005
restating FMT001. A letter typed on Letter paper itself, at 14 pt with narrow margins, still gets FMT003."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas
from test_pdf_doc import _fonts

from doclint.config import Config, split_codes
from doclint.engine import lint_path

MM = 72 / 25.4


def _letter(path: Path, fitted: bool) -> Path:
    regular, bold = _fonts()
    c = canvas.Canvas(str(path), pagesize=letter)
    a4w, a4h = A4
    if fitted:
        scale = min(letter[0] / a4w, letter[1] / a4h)
        c.translate((letter[0] - a4w * scale) / 2, (letter[1] - a4h * scale) / 2)
        c.scale(scale, scale)
        width, height, left = a4w, a4h, 30 * MM
    else:
        width, height, left = letter[0], letter[1], 18 * MM

    def text(x, top, s, font=regular, size=13.0, centre=False):
        c.setFont(font, size)
        y = height - top - size * 0.8
        (c.drawCentredString if centre else c.drawString)(x, y, s)

    text(left + 70, 20 * MM, "ỦY BAN NHÂN DÂN", regular, 13, True)
    text(left + 70, 20 * MM + 15, "XÃ LIÊN MINH", bold, 13, True)
    text(left + 70, 20 * MM + 40, "Số: 15/UBND-VP", regular, 13, True)
    text(width - 170, 20 * MM, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 13, True)
    text(width - 170, 20 * MM + 15, "Độc lập - Tự do - Hạnh phúc", bold, 14, True)
    text(width - 170, 20 * MM + 40, "Liên Minh, ngày 05 tháng 5 năm 2026", regular, 14, True)
    text(left + 70, 20 * MM + 58, "V/v triển khai cải cách hành chính", regular, 12, True)
    text(width / 2, 20 * MM + 95, "Kính gửi: Các thôn trên địa bàn xã.", regular, 14, True)
    top = 20 * MM + 130
    for line in (
        "Ủy ban nhân dân xã đề nghị các thôn triển khai thực hiện nhiệm vụ cải cách",
        "hành chính năm 2026, bảo đảm đúng tiến độ, chất lượng và hiệu quả.",
        "Trưởng các thôn báo cáo kết quả về Văn phòng trước ngày 30 tháng 6./.",
    ):
        text(left, top, line, regular, 14)
        top += 22
    top += 30
    text(left, top, "Nơi nhận:", bold, 12)
    text(left, top + 14, "- Như trên;", regular, 11)
    text(left, top + 27, "- Lưu: VT.", regular, 11)
    text(width - 170, top, "TM. ỦY BAN NHÂN DÂN", bold, 14, True)
    text(width - 170, top + 17, "CHỦ TỊCH", bold, 14, True)
    text(width - 170, top + 90, "Nguyễn Văn An", bold, 14, True)
    c.showPage()
    c.save()
    return path


def _codes(path: Path) -> list[str]:
    result = lint_path(path, Config(select=split_codes("FMT001,FMT003,FMT005,RCPT008")))
    assert result.error is None
    # RCPT008 about sizes only: the drawn "Nơi nhận:" is bold, not bold italic (no such font drawn here)
    return sorted(
        f.code
        for f in result.findings
        if f.severity in ("error", "warning") and (f.code != "RCPT008" or "cỡ chữ" in f.vi)
    )


def test_an_a4_letter_fitted_onto_letter_paper_is_reported_once(tmp_path: Path) -> None:
    assert _codes(_letter(tmp_path / "fitted.pdf", fitted=True)) == ["FMT001"]


def test_a_letter_typed_on_letter_paper_still_has_its_margins_measured(tmp_path: Path) -> None:
    codes = _codes(_letter(tmp_path / "letter.pdf", fitted=False))
    assert codes.count("FMT001") == 1 and "FMT003" in codes
