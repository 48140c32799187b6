"""Precision of the layout and recipient rules (issue 12): invented documents of the same shape as the
false findings read on the corpus — each right layout stays quiet, each real defect is still reported."""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Cm, Pt

from doclint.config import Config, split_codes
from doclint.engine import lint_path
from doclint.testing import AdminDoc, Para, build_docx

SENTENCE = (
    "Ủy ban nhân dân xã triển khai thực hiện nhiệm vụ cải cách hành chính, bảo đảm đúng tiến độ, chất lượng "
    "và hiệu quả, gắn với trách nhiệm của người đứng đầu cơ quan, đơn vị trên địa bàn xã."
)


def plan(**changes) -> AdminDoc:
    spec = AdminDoc(
        title="KẾ HOẠCH",
        summary=["Triển khai công tác cải cách hành chính năm 2026"],
        body=["I. MỤC ĐÍCH, YÊU CẦU", SENTENCE, "II. NỘI DUNG", SENTENCE + "/."],
        recipients=["- UBND huyện;", "- Lưu: VT."],
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def edit(path: Path, fn) -> Path:
    """Change the built DOCX the way a real office's Word file differs (python-docx)."""
    doc = open_docx(str(path))
    fn(doc)
    doc.save(str(path))
    return path


def paragraph(doc, starts: str):
    for p in doc.paragraphs:
        if p.text.startswith(starts):
            return p
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text.startswith(starts):
                        return p
    raise AssertionError(starts)


def lint(path: Path, codes: str):
    result = lint_path(path, Config(select=split_codes(codes)))
    assert result.error is None
    return [f for f in result.findings if f.severity in ("error", "warning")]


# ------------------------------------------------------------------ FMT007 first-line indent


def test_a_heading_indented_by_its_left_indent_is_indented(tmp_path: Path) -> None:
    """ "w:ind left=720 firstLine=0" on a one-line heading looks exactly like a 1.27 cm first-line indent."""
    path = build_docx(plan(), tmp_path / "kh.docx")

    def block_indent(doc) -> None:
        fmt = paragraph(doc, "II. NỘI DUNG").paragraph_format
        fmt.first_line_indent = Cm(0)
        fmt.left_indent = Cm(1.27)

    assert lint(edit(path, block_indent), "FMT007") == []


def test_a_paragraph_with_no_indent_at_all_is_still_reported(tmp_path: Path) -> None:
    path = build_docx(plan(body=["I. MỤC ĐÍCH", SENTENCE, Para(SENTENCE, indent_cm=0)]), tmp_path / "kh.docx")
    found = lint(path, "FMT007")
    assert len(found) == 1 and "không thụt đầu dòng" in found[0].vi


def test_tabs_and_spaces_used_as_the_indent(tmp_path: Path) -> None:
    body = [
        Para("\t" + SENTENCE, indent_cm=0),  # a tab instead of the indent
        Para("\t" + SENTENCE),  # a tab on top of a 1.27 cm indent: about 2.5 cm
        Para("  " + SENTENCE),  # two stray spaces after a right 1.27 cm indent: not an indent
    ]
    found = lint(build_docx(plan(body=body), tmp_path / "kh.docx"), "FMT007")
    assert len(found) == 1 and found[0].vi.startswith("2 đoạn thụt đầu dòng bằng phím Tab")


def test_a_signature_row_typed_with_tabs_is_not_a_paragraph(tmp_path: Path) -> None:
    body = [SENTENCE + "/.", Para("  \tTHƯ KÝ\t\t\tCHỦ TỌA", bold=True, indent_cm=0)]
    body.append(Para(" " * 40 + "Nguyễn Văn An", bold=True, indent_cm=0))
    assert lint(build_docx(plan(body=body), tmp_path / "kh.docx"), "FMT007") == []


# ------------------------------------------------------------------ FMT009 line spacing, FMT005 size


def _line_rule(rule, points: float):
    def apply(doc) -> None:
        for p in doc.paragraphs:
            if p.text.startswith("Ủy ban nhân dân xã"):
                p.paragraph_format.line_spacing_rule = rule
                p.paragraph_format.line_spacing = Pt(points)

    return apply


def test_at_least_one_point_is_single_spacing(tmp_path: Path) -> None:
    """w:lineRule="atLeast" w:line="20" is a 1 pt floor: Word sets the lines at single spacing."""
    path = edit(build_docx(plan(), tmp_path / "kh.docx"), _line_rule(WD_LINE_SPACING.AT_LEAST, 1))
    assert lint(path, "FMT009") == []


def test_at_least_thirty_points_is_wider_than_one_and_a_half(tmp_path: Path) -> None:
    path = edit(build_docx(plan(), tmp_path / "kh.docx"), _line_rule(WD_LINE_SPACING.AT_LEAST, 30))
    found = lint(path, "FMT009")
    assert len(found) == 1 and "lớn hơn 1,5 dòng" in found[0].vi


def test_exactly_ten_points_is_tighter_than_single(tmp_path: Path) -> None:
    path = edit(build_docx(plan(), tmp_path / "kh.docx"), _line_rule(WD_LINE_SPACING.EXACTLY, 10))
    found = lint(path, "FMT009")
    assert len(found) == 1 and "nhỏ hơn một dòng" in found[0].vi


def test_a_plan_s_section_headings_are_body_size_but_a_mucs_name_may_be_twelve_and_a_half(
    tmp_path: Path,
) -> None:
    """PL I row 6.b: the "I. MỤC ĐÍCH, YÊU CẦU" headings of a plan laid out phần–mục–khoản are 13–14 pt like
    the text (the lead's settlement, 269); row 6.a: only the name of a Mục in capitals, under its "Mục 1"
    line (the chương–mục–điều layout), is 12–13 pt."""
    body = [Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True, size=12.5), SENTENCE, Para(SENTENCE + "/.", size=12.5)]
    found = lint(build_docx(plan(body=body), tmp_path / "kh.docx"), "FMT005")
    assert len(found) == 1 and found[0].vi.startswith("2 đoạn nội dung cỡ chữ 12,5 pt")
    assert found[0].excerpt.startswith("I. MỤC ĐÍCH")
    body = [
        Para("Mục 1", bold=True),
        Para("QUY ĐỊNH CHUNG", bold=True, size=12.5),
        "Điều 1. Phạm vi điều chỉnh",
        SENTENCE + "/.",
    ]
    found = lint(build_docx(plan(body=body), tmp_path / "qc.docx"), "FMT005")
    assert found == []


# ------------------------------------------------------------------ RCPT002, RCPT003, RCPT008


def test_an_upright_colon_does_not_make_noi_nhan_not_bold(tmp_path: Path) -> None:
    path = build_docx(plan(), tmp_path / "kh.docx")

    def colon_apart(doc) -> None:
        p = paragraph(doc, "Nơi nhận")
        run = p.runs[0]
        run.text = "Nơi nhận"
        colon = p.add_run(":")
        colon.font.name, colon.font.size, colon.font.bold, colon.font.italic = (
            "Times New Roman",
            Pt(12),
            False,
            True,
        )

    assert lint(edit(path, colon_apart), "RCPT008") == []


def test_noi_nhan_really_upright_is_reported(tmp_path: Path) -> None:
    path = build_docx(plan(), tmp_path / "kh.docx")

    def upright(doc) -> None:
        for run in paragraph(doc, "Nơi nhận").runs:
            run.font.italic = False

    found = lint(edit(path, upright), "RCPT008")
    assert len(found) == 1 and "không in nghiêng" in found[0].vi


def test_a_signer_title_typed_on_the_noi_nhan_line(tmp_path: Path) -> None:
    """ "Nơi nhận:\\t\\t\\tCHỦ TỊCH" in one cell: the title is the signature's, neither an item nor the label."""
    path = build_docx(plan(), tmp_path / "kh.docx")

    def title_on_label(doc) -> None:
        p = paragraph(doc, "Nơi nhận")
        run = p.add_run("\t\t\tCHỦ TỊCH")
        run.font.name, run.font.size, run.font.bold, run.font.italic = "Times New Roman", Pt(14), True, False

    assert lint(edit(path, title_on_label), "RCPT002,RCPT003,RCPT008") == []


def test_what_follows_the_luu_line_undashed_is_not_a_recipient(tmp_path: Path) -> None:
    """The drafter's initials and copies (ô số 12: "NLg 25") or a note under the list."""
    for tail in ("NLg 25", "Các đơn vị tải tài liệu tại: https://vpub.lamdong.gov.vn"):
        spec = plan(recipients=["- UBND huyện;", "- Lưu: VT, NC.", tail])
        assert lint(build_docx(spec, tmp_path / "kh.docx"), "RCPT002,RCPT003") == [], tail
    spec = plan(recipients=["- Lưu: VT, NC.", "- UBND huyện;"])
    found = lint(build_docx(spec, tmp_path / "kh.docx"), "RCPT003")
    assert len(found) == 1 and "dòng cuối cùng" in found[0].vi


# ------------------------------------------------------------------ RCPT007 tasked units


def tasks(issuer: list[str], units: list[str], recipients: list[str]) -> AdminDoc:
    body = ["I. MỤC ĐÍCH, YÊU CẦU", SENTENCE, "II. TỔ CHỨC THỰC HIỆN"]
    for i, unit in enumerate(units, 1):
        body += [f"{i}. {unit}", "Chủ trì triển khai các nhiệm vụ được giao tại Kế hoạch này."]
    body[-1] += "/."
    return plan(issuer=issuer, body=body, recipients=[*recipients, "- Lưu: VT, KHTC."])


def rcpt007(spec: AdminDoc, tmp_path: Path) -> list[str]:
    return [f.vi for f in lint(build_docx(spec, tmp_path / "kh.docx"), "RCPT007")]


def test_group_recipients_cover_their_members(tmp_path: Path) -> None:
    spec = tasks(
        ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"],
        ["Công an tỉnh", "Ủy ban nhân dân cấp xã", "Ủy ban nhân dân phường Xuân Hương", "Sở Tài chính"],
        [
            "- Các sở, ban, ngành thuộc tỉnh;",
            "- UBND các phường: Xuân Hương, Cam Ly;",
            "- UBND các xã, đặc khu;",
        ],
    )
    assert rcpt007(spec, tmp_path) == []


def test_units_of_the_issuing_department_and_abbreviated_recipients(tmp_path: Path) -> None:
    spec = tasks(
        ["UBND TỈNH LÂM ĐỒNG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"],
        [
            "Sở Văn hóa, Thể thao và Du lịch",  # the issuer itself
            "Thanh tra Sở",
            "Phòng Kế hoạch - Tài chính",  # its own units, drafting unit in "Lưu"
            "Văn phòng đại diện, Phóng viên thường trú của các cơ quan báo chí Trung ương tại tỉnh",
            "Phòng Văn hóa và Thông tin cấp huyện",
            "Đài Phát thanh cấp huyện",
        ],
        ["- VPĐD, PV thường trú trên địa bàn tỉnh;", "- UBND cấp huyện (để chỉ đạo P.VHTT và Đài PT);"],
    )
    assert rcpt007(spec, tmp_path) == []


def test_a_unit_really_left_out_is_reported(tmp_path: Path) -> None:
    spec = tasks(
        ["UBND TỈNH LÂM ĐỒNG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"],
        ["Phòng Văn hóa và Thông tin cấp huyện", "Sở Tài chính", "Công an tỉnh"],
        ["- Các phòng trực thuộc Sở;", "- UBND các huyện;"],
    )
    found = rcpt007(spec, tmp_path)
    assert found == [
        "“Phòng Văn hóa và Thông tin cấp huyện” được giao nhiệm vụ nhưng không có trong Nơi nhận.",
        "“Sở Tài chính” được giao nhiệm vụ nhưng không có trong Nơi nhận.",
        "“Công an tỉnh” được giao nhiệm vụ nhưng không có trong Nơi nhận.",
    ]


# ------------------------------------------------------------------ DOC003: nothing louder than it


PARTY_REPORT = """ĐẢNG BỘ XÃ LIÊN MINH
CHI BỘ THÔN AN BÌNH
*
Số 01-BC/CB
ĐẢNG CỘNG SẢN VIỆT NAM
Liên Minh, ngày 05 tháng 5 năm 2026
BÁO CÁO
tình hình hoạt động tháng 4 năm 2026
Trong tháng, chi bộ đã lãnh đạo thực hiện tốt nhiệm vụ; BCHCĐTN và HTXNN phối hợp tổ chức các các hoạt động.
Chi bộ tiếp tục chỉ đạo các đoàn thể thực hiện nghị quyết của Đảng ủy xã.
T/M CHI BỘ
BÍ THƯ
Nguyễn Văn An
"""


def test_a_document_set_aside_by_doc003_gets_nothing_louder(tmp_path: Path) -> None:
    """A Party report follows its own rulebook: the general rules still say what they see, as information."""
    path = tmp_path / "bao-cao-chi-bo.txt"
    path.write_text(PARTY_REPORT, encoding="utf-8")
    result = lint_path(path, Config())
    assert result.family == "party"
    assert {f.code for f in result.findings} >= {"DOC003", "TXT003"}
    assert {f.severity for f in result.findings} == {"info"}
    # a severity the user set for a rule is kept
    strict = lint_path(path, Config(severity=(("TXT003", "warning"),)))
    assert {f.severity for f in strict.findings if f.code == "TXT003"} == {"warning"}
    # and the demotion can be turned off
    loud = lint_path(path, Config(options=(("demote-non-administrative", False),)))
    assert {f.severity for f in loud.findings if f.code == "TXT003"} == {"warning"}


# ------------------------------------------------------------------ RCPT: what the recipient list holds


def test_sub_units_listed_under_a_recipient_and_an_attachment_list(tmp_path: Path) -> None:
    """ "- VPCP: BTCN, các PCN;" with its units indented under it, undashed (the VPCP's layout), and the
    "Đính kèm:" list after the Lưu line: neither is a malformed recipient line."""
    recipients = [
        "- UBND huyện;",
        "- VPCP: BTCN, các PCN;",
        "Trợ lý, Thư ký TTg, các PTTg;",
        "các Vụ, Cục: KSTT, KTTH, PL;",
        "- Lưu: VT, TH.",
        "Đính kèm:",
        "- Chương trình tập huấn.",
    ]
    assert lint(build_docx(plan(recipients=recipients), tmp_path / "kh.docx"), "RCPT002,RCPT003") == []
    bad = ["- UBND huyện;", "Sở Tài chính;", "- Lưu: VT, TH."]  # no group head above it: a missing dash
    found = lint(build_docx(plan(recipients=bad), tmp_path / "kh2.docx"), "RCPT002")
    assert len(found) == 1 and "gạch đầu dòng" in found[0].vi


def letter(**changes) -> AdminDoc:
    spec = AdminDoc(
        number="Số: 125/UBND-VP",
        vv="V/v triển khai cải cách hành chính",
        title=None,
        kinh_gui=["Ủy ban nhân dân huyện."],
        body=[SENTENCE + "/."],
        recipients=["- Như trên;", "- Lưu: VT."],
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def test_kinh_gui_read_into_the_header_still_counts(tmp_path: Path) -> None:
    """A "Kính gửi:" that ended up in the header's left column (a PDF's zone split does this) is there: the
    công văn is not "without Kính gửi", and "Như trên" refers to it."""
    path = build_docx(letter(kinh_gui=[]), tmp_path / "cv.docx")

    def into_header(doc) -> None:
        cell = doc.tables[0].cell(1, 0)
        p = cell.add_paragraph()
        run = p.add_run("Kính gửi:")
        run.font.name, run.font.size = "Times New Roman", Pt(14)
        body = paragraph(doc, "Ủy ban nhân dân xã")
        dash = body.insert_paragraph_before("- Ủy ban nhân dân huyện.")
        dash.runs[0].font.name, dash.runs[0].font.size = "Times New Roman", Pt(14)

    assert lint(edit(path, into_header), "RCPT004,RCPT005") == []
    missing = lint(build_docx(letter(kinh_gui=[]), tmp_path / "cv2.docx"), "RCPT004,RCPT005")
    assert {f.code for f in missing} == {"RCPT004", "RCPT005"}


def test_a_cong_dien_addresses_its_recipients_under_dien(tmp_path: Path) -> None:
    spec = letter(
        number="Số: 58/CĐ-UBND",
        vv=None,
        title="CÔNG ĐIỆN",
        summary=["Về việc chủ động ứng phó với bão số 3"],
        kinh_gui=[],
        body=[
            Para("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", bold=True, align="center"),
            Para("- Chủ tịch Ủy ban nhân dân các huyện, thành phố;", indent_cm=0),
            SENTENCE + "/.",
        ],
    )
    assert lint(build_docx(spec, tmp_path / "cd.docx"), "RCPT005") == []


# ------------------------------------------------------------------ DOC008: a Word file made by OCR


def _converted(doc, names: list[str]) -> None:
    """What a scan converted to Word by a recogniser looks like: its own style names, Letter paper with
    margins fitted to the picture."""
    from docx.enum.style import WD_STYLE_TYPE

    for name in names:
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21.59), Cm(27.94)
        section.left_margin = section.right_margin = Cm(0.5)
    paragraph(doc, "Ủy ban nhân dân xã").style = doc.styles[names[0]]


def test_a_word_file_made_from_a_scan_by_ocr_is_not_checked(tmp_path: Path) -> None:
    """The converter's page setup is not the office's: DOC008 says so once and nothing else is reported."""
    names = [
        "Body text (2)",
        "Body text (3) + Not Italic",
        "Heading #1 Exact",
        "Header or footer_",
        "Table caption",
    ]
    path = edit(build_docx(plan(), tmp_path / "ocr.docx"), lambda doc: _converted(doc, names))
    result = lint_path(path, Config(preview=True))
    assert [f.code for f in result.findings] == ["DOC008"]
    assert "OCR" in result.findings[0].vi
    # one pasted recognised paragraph does not make a document a scan: its Letter paper is reported
    pasted = edit(
        build_docx(plan(), tmp_path / "pasted.docx"), lambda doc: _converted(doc, ["Body text (2)"])
    )
    codes = {f.code for f in lint_path(pasted, Config()).findings}
    assert "DOC008" not in codes and {"FMT001", "FMT003"} <= codes


# ------------------------------------------------------------------ FMT010: what runs over one page


def _attached(pages: int):
    """A one-page letter with a form attached after its signature, on ``pages`` pages of its own."""
    form = ["PHIẾU ĐĂNG KÝ", "Họ và tên: ....................", "Đơn vị: ...................."]
    return plan(page_number=None, appendix=[item for _ in range(pages) for item in form])


def _page_breaks_before(doc, starts: str) -> None:
    from docx.enum.text import WD_BREAK

    for p in doc.paragraphs:
        if p.text.startswith(starts):
            p.insert_paragraph_before().add_run().add_break(WD_BREAK.PAGE)


def test_a_one_page_form_attached_to_a_one_page_letter_needs_no_page_number(tmp_path: Path) -> None:
    one = edit(build_docx(_attached(1), tmp_path / "one.docx"), lambda d: _page_breaks_before(d, "PHIẾU"))
    assert lint(one, "FMT010") == []
    two = edit(build_docx(_attached(2), tmp_path / "two.docx"), lambda d: _page_breaks_before(d, "PHIẾU"))
    found = lint(two, "FMT010")
    assert [f.code for f in found] == ["FMT010"] and "không đánh số trang" in found[0].vi


def test_page_numbers_of_a_document_dated_before_nd30_follow_tt01_2011(tmp_path: Path) -> None:
    """TT 01/2011/TT-BNV (in force until 05/3/2020) put the page number centred at the top or at the bottom
    right and did not hide it on page 1: on a 2015 letter numbered in the footer from page 1 FMT010 says
    nothing about the place (settled policy 2); the same file dated 2026 is reported."""
    old = plan(place_date="Liên Minh, ngày 12 tháng 3 năm 2015", page_number="footer", number_first_page=True)
    assert lint(build_docx(old, tmp_path / "old.docx"), "FMT010") == []
    new = plan(page_number="footer", number_first_page=True)
    assert len(lint(build_docx(new, tmp_path / "new.docx"), "FMT010")) == 2


def _merged(copies: int, long_copy: bool = False) -> AdminDoc:
    """A mail merge: one-page decisions one after another, each with its header, title, Nơi nhận, signer."""
    one = [
        "ỦY BAN NHÂN DÂN XÃ LIÊN MINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "QUYẾT ĐỊNH",
        "Về việc nâng bậc lương",
        "Điều 1. Nâng bậc lương đối với công chức có tên trong quyết định này.",
        "Điều 2. Văn phòng và công chức có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        "Nơi nhận:",
        "- Như Điều 2;",
        "- Lưu: VT.",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    extra = []
    for k in range(copies - 1):
        extra += one
        if long_copy and k == copies - 2:
            extra[-7:-7] = ["TRANG TIẾP", SENTENCE]  # this copy runs over onto a second page
    return plan(
        title="QUYẾT ĐỊNH",
        summary=["Về việc nâng bậc lương"],
        body=[
            "Điều 1. Nâng bậc lương đối với công chức có tên trong quyết định này.",
            "Điều 2. Văn phòng và công chức có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ],
        recipients=["- Như Điều 2;", "- Lưu: VT."],
        signature=["CHỦ TỊCH"],
        page_number=None,
        appendix=extra,
    )


def test_a_mail_merge_of_one_page_decisions_needs_no_page_number(tmp_path: Path) -> None:
    """A Word file holding ten one-page decisions one after another (301): each is its own one-page
    document, so none needs a page number; a copy that runs over a page does."""

    def breaks(d) -> None:
        _page_breaks_before(d, "ỦY BAN NHÂN DÂN XÃ LIÊN MINH")
        _page_breaks_before(d, "TRANG TIẾP")

    merged = edit(build_docx(_merged(3), tmp_path / "merge.docx"), breaks)
    assert lint(merged, "FMT010") == []
    longer = edit(build_docx(_merged(3, long_copy=True), tmp_path / "long.docx"), breaks)
    assert [f.code for f in lint(longer, "FMT010")] == ["FMT010"]
