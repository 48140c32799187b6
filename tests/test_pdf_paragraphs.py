"""PDF paragraphs (issue 12, fix-layout): an invented decision drawn with reportlab whose articles are
justified to the right edge down to their last line, so that a one-line article ("Điều 3. … hiện hưởng.")
reaches the right margin just as a wrapped line does. The next article ("Điều 4. …", at the same first-line
indent) must start a paragraph of its own: merged into Điều 3 it hides Điều 4, and the Nơi nhận "- Như
Điều 4;" looked like a reference to an article the decision does not have (false SEC004)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from test_pdf_doc import _fonts

from doclint.config import Config, split_codes
from doclint.engine import lint_path

MM = 72 / 25.4


def _decision(path: Path) -> Path:
    regular, bold = _fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    left, right = 30 * MM, width - 15 * MM
    size = 14

    def text(x: float, top: float, s: str, font: str = regular, size: float = 13, centre: bool = False):
        c.setFont(font, size)
        y = height - top - size * 0.8
        (c.drawCentredString if centre else c.drawString)(x, y, s)

    def justified(top: float, line: str, x0: float) -> None:
        """Every line set from x0 to the right edge, the last one of a paragraph too."""
        words = line.split()
        c.setFont(regular, size)
        total = sum(c.stringWidth(w, regular, size) for w in words)
        gap = (right - x0 - total) / (len(words) - 1)
        assert gap > 2, line  # the line must fit
        x = x0
        for w in words:
            c.drawString(x, height - top - size * 0.8, w)
            x += c.stringWidth(w, regular, size) + gap

    text(150, 56, "ỦY BAN NHÂN DÂN", regular, 13, True)
    text(150, 71, "TỈNH AN BÌNH", bold, 13, True)
    text(150, 96, "Số: 12/QĐ-UBND", regular, 13, True)
    text(400, 56, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, 12, True)
    text(400, 71, "Độc lập - Tự do - Hạnh phúc", bold, 13, True)
    text(400, 96, "An Bình, ngày 05 tháng 5 năm 2026", regular, 13, True)
    mid = (left + right) / 2
    text(mid, 130, "QUYẾT ĐỊNH", bold, 14, True)
    text(mid, 147, "Về việc nâng bậc lương đối với công chức", bold, 14, True)
    text(mid, 175, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN BÌNH", bold, 14, True)
    indent = left + 36
    top = 205
    for para in (
        ["Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008 và các văn bản", "hướng dẫn thi hành;"],
        ["Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 25/TTr-SNV ngày 02", "tháng 5 năm 2026."],
    ):
        justified(top, para[0], indent)
        text(left, top + 19, para[1], regular, size)
        top += 44
    text(mid, top, "QUYẾT ĐỊNH:", bold, 14, True)
    top += 30
    articles = [
        [
            "Điều 1. Nâng bậc lương đối với ông Trần Văn Bình, chuyên viên Văn phòng",
            "Ủy ban nhân dân tỉnh, từ bậc 3 lên bậc 4 kể từ ngày 01 tháng 5 năm 2026.",
        ],
        ["Điều 2. Ông Trần Văn Bình được giữ nguyên các phụ cấp đang hưởng."],
        [
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám",
            "đốc Sở Tài chính và ông Trần Văn Bình chịu trách nhiệm thi hành Quyết định",
        ],
    ]
    for lines in articles:
        for k, line in enumerate(lines):
            justified(top, line, indent if k == 0 else left)
            top += 19
    text(left, top, "này./.", regular, size)
    top += 40
    text(left, top, "Nơi nhận:", bold, 12)
    text(left, top + 14, "- Như Điều 3;", regular, 11)
    text(left, top + 27, "- Lưu: VT, NC.", regular, 11)
    text(420, top, "CHỦ TỊCH", bold, 14, True)
    text(420, top + 80, "Lê Văn An", bold, 14, True)
    c.showPage()
    c.save()
    return path


def test_an_article_after_a_justified_one_line_article_starts_its_own_paragraph(tmp_path: Path) -> None:
    path = _decision(tmp_path / "qd.pdf")
    result = lint_path(path, Config(select=split_codes("SEC004,BODY002")), keep_document=True)
    texts = [b.text for b in result.document.blocks]
    assert any(t.startswith("Điều 2.") and t.endswith("đang hưởng.") for t in texts), texts
    assert any(t.startswith("Điều 3.") and "Giám đốc Sở Tài chính" in t for t in texts), texts
    assert [o.label for o in result.recognition.outline if o.kind == "dieu"] == ["1", "2", "3"]
    assert [f.code for f in result.findings if f.severity != "info"] == []
