"""False-positive causes found by labelling HDR, NUM, DATE, TTL, SIG and BODY on the real corpus (issue 12).
Each test is an invented example of the same shape as the documents that showed the cause."""

from __future__ import annotations

from pathlib import Path

from doclint.config import Config
from doclint.engine import lint_path
from doclint.model import Block, Document, Run, RunFormat
from doclint.recognise.components import Component

HEAD = (
    "{parent}\n{issuer}\nSố: {number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "An Hòa, ngày 12 tháng 3 năm 2026\n"
)
TAIL = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n{authority}\n{title}\n{name}\n"


def lint(tmp_path: Path, text: str, stage: str = "issued", name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_path(path, Config(stage=stage), keep_document=True)


def codes(result, prefix: str = "") -> list[str]:
    return [f.code for f in result.findings if f.code.startswith(prefix) and f.severity != "info"]


def test_a_university_may_write_an_academic_title_before_the_name(tmp_path: Path) -> None:
    """PL I, II.7.c: the sector head may allow it for education, health and science units."""
    body = "THÔNG BÁO\nVề việc thi kết thúc học phần\nNhà trường thông báo lịch thi học kỳ II./.\n"
    tail = TAIL.format(authority="KT. HIỆU TRƯỞNG", title="PHÓ HIỆU TRƯỞNG", name="TS. Nguyễn Văn An")
    school = HEAD.format(parent="ĐẠI HỌC AN HÒA", issuer="TRƯỜNG ĐẠI HỌC KINH TẾ", number="12/TB-ĐHKT")
    assert "SIG003" not in codes(lint(tmp_path, school + body + tail))
    office = HEAD.format(parent="ỦY BAN NHÂN DÂN TỈNH AN HÒA", issuer="SỞ NỘI VỤ", number="12/TB-SNV")
    tail = tail.replace("HIỆU TRƯỞNG", "GIÁM ĐỐC")
    assert "SIG003" in codes(lint(tmp_path, office + body + tail, name="office.txt"))


def test_kt_without_a_space_after_the_dot(tmp_path: Path) -> None:
    text = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ NỘI VỤ", number="12/TB-SNV") + (
        "THÔNG BÁO\nVề việc thi tuyển công chức\nSở Nội vụ thông báo lịch thi./.\n"
    )
    result = lint(
        tmp_path, text + TAIL.format(authority="KT.GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    )
    assert result.recognition.signature.authority[0].text == "KT.GIÁM ĐỐC"
    assert "SIG002" not in codes(result)


def test_numbering_of_a_quoted_provision_is_not_the_documents(tmp_path: Path) -> None:
    text = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ NỘI VỤ", number="12/TTr-SNV") + (
        "TỜ TRÌNH\nVề việc gia hạn tổ chức đại hội\nKính gửi: Ủy ban nhân dân tỉnh.\n"
        "1. Căn cứ pháp lý\n"
        "a) Khoản 3 Điều 15 Nghị định số 126/2024/NĐ-CP quy định thẩm quyền công nhận hội;\n"
        "b) Khoản 4 Điều 19 Nghị định số 126/2024/NĐ-CP quy định:\n"
        "“4. Nhiệm kỳ đại hội:\n"
        "a) Nhiệm kỳ đại hội do điều lệ hội quy định nhưng không quá 05 năm;\n"
        "b) Hội chưa tổ chức được đại hội thì phải báo cáo.”\n"
        "c) Điều lệ của Hội quy định nhiệm kỳ 05 năm.\n"
        "2. Đề xuất\nSở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.\n"
    )
    result = lint(
        tmp_path, text + TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    )
    assert "BODY002" not in codes(result)


def test_a_house_number_range_is_not_a_list_item(tmp_path: Path) -> None:
    text = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO", number="79/SGDĐT-VP") + (
        "V/v lịch bồi dưỡng giáo viên\nKính gửi: Các trường trung học phổ thông.\n"
        "1. Thời gian: tháng 12 năm 2026.\n2. Địa điểm: Hội trường Sở.\n3. Liên hệ: bà Đinh Thị Thảo, chuyên viên\n"
        "66 - 68 Lê Thánh Tôn, phường Bến Nghé./.\n"
    )
    result = lint(
        tmp_path, text + TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    )
    assert "BODY002" not in codes(result)


def test_a_new_list_under_a_lettered_heading_and_a_second_decision(tmp_path: Path) -> None:
    plan = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ NỘI VỤ", number="12/TTr-SNV") + (
        "TỜ TRÌNH\nVề việc hợp nhất các hội\nKính gửi: Chủ tịch Ủy ban nhân dân tỉnh.\n"
        "A. HIỆN TRẠNG\n1. Hội Luật gia tỉnh.\n2. Hội Nhà báo tỉnh.\n3. Hội Kiến trúc sư tỉnh.\n"
        "B. PHƯƠNG ÁN HỢP NHẤT\nSở Nội vụ kính trình như sau:\n1. Hợp nhất Hội Luật gia.\n"
        "2. Hợp nhất Hội Nhà báo./.\n"
    )
    result = lint(
        tmp_path, plan + TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    )
    assert "BODY002" not in codes(result)


def test_a_reports_opening_sentence_may_end_with_a_colon(tmp_path: Path) -> None:
    text = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ NỘI VỤ", number="181/BC-SNV") + (
        "BÁO CÁO\nTổng kết thực hiện thí điểm các mô hình cải cách hành chính\n"
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh.\n"
        "Căn cứ Quyết định số 787/QĐ-UBND ngày 21/8/2025 của Chủ tịch Ủy ban nhân dân tỉnh, "
        "Sở Nội vụ báo cáo kết quả như sau:\nI. CÔNG TÁC TRIỂN KHAI\n1. Đã ban hành kế hoạch./.\n"
    )
    result = lint(
        tmp_path, text + TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    )
    assert "BODY001" not in codes(result)


def test_a_can_cu_wrapped_over_lines_is_judged_at_its_end(tmp_path: Path) -> None:
    text = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO", number="337/QĐ-SGDĐT") + (
        "QUYẾT ĐỊNH\nVề việc công nhận kết quả xét thăng hạng\nGIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO\n"
        "Căn cứ Nghị định số 115/2020/NĐ-CP ngày 25 tháng 9 năm 2020 của\n"
        "Chính phủ về tuyển dụng, sử dụng và quản lý viên chức;\n"
        "Theo đề nghị của Trưởng phòng Tổ chức cán bộ.\nQUYẾT ĐỊNH:\n"
        "Điều 1. Công nhận kết quả xét thăng hạng.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
    )
    tail = TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm").replace(
        "- Như trên;", "- Như Điều 2;"
    )
    result = lint(tmp_path, text + tail)
    assert [c.extra.get("kind") for c in result.recognition.can_cu] == ["can_cu", "continued", "de_nghi"]
    assert "BODY001" not in codes(result)


def test_an_annex_announced_in_an_issued_document_may_travel_apart(tmp_path: Path) -> None:
    text = HEAD.format(parent="ỦY BAN NHÂN DÂN", issuer="THÀNH PHỐ AN HÒA", number="2858/QĐ-UBND") + (
        "QUYẾT ĐỊNH\nVề việc bổ sung dự toán ngân sách năm 2025\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ\n"
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\nXét đề nghị của Sở Tài chính.\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Bổ sung dự toán cho các sở, ngành (chi tiết theo Phụ lục đính kèm).\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n"
    )
    tail = TAIL.format(authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name="Lê Văn Tâm")
    tail = tail.replace("- Như trên;", "- Như Điều 2;")
    assert "BODY003" not in codes(lint(tmp_path, text + tail, stage="issued"))
    assert "BODY003" in codes(lint(tmp_path, text + tail, stage="final", name="final.txt"))


def test_a_number_left_as_dots_is_a_blank_number(tmp_path: Path) -> None:
    text = HEAD.format(
        parent="BỆNH VIỆN ĐA KHOA AN HÒA", issuer="PHÒNG CÔNG NGHỆ THÔNG TIN", number="…………./BB-CNTT"
    )
    rec = lint(tmp_path, text + "BIÊN BẢN HỌP\nVề việc triển khai phần mềm\n").recognition
    assert rec.parsed_number.number is None and rec.parsed_number.symbol == "BB-CNTT"


def test_a_bracketed_note_after_the_type_name_is_not_part_of_it(tmp_path: Path) -> None:
    text = HEAD.format(parent="ĐẠI HỌC AN HÒA", issuer="PHÒNG ĐÀO TẠO", number="17/TB-ĐT") + (
        "THÔNG BÁO (Lần 2)\nVề việc tổ chức thi kết thúc học phần\n"
    )
    rec = lint(tmp_path, text).recognition
    assert rec.doc_type_name.text == "THÔNG BÁO" and rec.doc_type_name.extra["note"] == "(Lần 2)"


def test_regular_weight_hyphens_between_bold_words_are_bold_enough() -> None:
    from doclint.checks.style import span_style

    text = "Độc lập - Tự do - Hạnh phúc"
    bold, plain = RunFormat(bold=True, size_pt=13), RunFormat(bold=False, size_pt=13)
    runs, pos = [], 0
    for piece, fmt in (
        ("Độc lập ", bold),
        ("-", plain),
        (" Tự do ", bold),
        ("-", plain),
        (" Hạnh phúc", bold),
    ):
        runs.append(Run(pos, pos + len(piece), fmt))
        pos += len(piece)
    doc = Document(path="x.docx", format="docx", blocks=[Block(index=0, text=text, runs=runs)])
    assert span_style(doc, Component(text=text, block=0, start=0, end=len(text)))[0] is True


def test_the_signers_name_typed_below_the_signature_table(tmp_path: Path) -> None:
    from doclint.testing import AdminDoc, Para, build_docx

    spec = AdminDoc(
        number="Số: 85/GM-UBND",
        place_date="Liên Minh, ngày 19 tháng 01 năm 2026",
        title="GIẤY MỜI",
        summary=["Họp đánh giá công tác cải cách hành chính"],
        body=["Ủy ban nhân dân xã trân trọng kính mời các thôn dự họp./."],
        signature=["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
        signer=None,
        appendix=[Para("Trịnh Ngọc Duệ", bold=True, align="right", indent_cm=None)],
    )
    result = lint_path(build_docx(spec, tmp_path / "gm.docx"), Config(stage="final"), keep_document=True)
    assert result.recognition.signature.name.text == "Trịnh Ngọc Duệ"
    assert "SIG004" not in codes(result)


def test_a_courtesy_line_after_the_end_mark(tmp_path: Path) -> None:
    text = HEAD.format(
        parent="UBND TỈNH AN HÒA", issuer="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", number="12/STTTT-VP"
    ) + (
        "V/v tham gia ý kiến dự thảo văn bản\nKính gửi: Sở Lao động - Thương binh và Xã hội.\n"
        "Sở Thông tin và Truyền thông thống nhất với dự thảo./.\nTrân trọng!\n"
    )
    tail = TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    assert "BODY004" not in codes(lint(tmp_path, text + tail))
    ended = text.replace("dự thảo./.", "dự thảo.")
    assert "BODY004" in codes(lint(tmp_path, ended + tail, name="no-mark.txt"))


def test_content_that_ends_with_a_table_needs_no_end_mark(tmp_path: Path) -> None:
    """The "./." closes the templates' last sentence; a schedule table that ends the content has none."""
    import docx

    from doclint.testing import AdminDoc, build_docx

    spec = AdminDoc(
        number="Số: 15/TB-TTYT",
        place_date="An Hòa, ngày 12 tháng 3 năm 2026",
        title="THÔNG BÁO",
        summary=["Lịch tiêm chủng mở rộng quý II năm 2026"],
        body=["Trung tâm Y tế thông báo lịch tiêm chủng như sau:"],
        signature=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    )
    path = build_docx(spec, tmp_path / "tb.docx")
    document = docx.Document(str(path))
    last = next(p for p in document.paragraphs if p.text.startswith("Trung tâm Y tế thông báo"))
    table = document.add_table(rows=3, cols=2)
    for row, (when, what) in enumerate(
        (("Ngày", "Nội dung"), ("05/4/2026", "Tiêm vắc xin sởi"), ("12/4/2026", "Tiêm vắc xin bại liệt"))
    ):
        table.cell(row, 0).text, table.cell(row, 1).text = when, what
    last._p.addnext(table._tbl)
    document.save(str(path))
    result = lint_path(path, Config(stage="issued"), keep_document=True)
    end = result.recognition.end_mark
    assert end is not None and end.text.startswith("Tiêm vắc xin bại liệt")
    assert "BODY004" not in codes(result)
    # the same content ending with a sentence still needs its mark
    spec.body = [*spec.body, "Đề nghị các trạm y tế xã tổ chức thực hiện."]
    assert "BODY004" in codes(lint_path(build_docx(spec, tmp_path / "tb2.docx"), Config(stage="issued")))


def test_a_union_vice_chair_signs_for_the_executive_committee_without_kt(tmp_path: Path) -> None:
    """Policy 3: a trade union, the Youth Union and associations apply NĐ 30 "cho phù hợp" under their
    own signature rules ("TM. BAN CHẤP HÀNH / PHÓ CHỦ TỊCH"); a state body's deputy still needs "KT."."""
    body = "TỜ TRÌNH\nVề việc bầu bổ sung ủy viên Ban Chấp hành\nKính gửi: Liên đoàn Lao động huyện.\n"
    body += "Ban Chấp hành kính trình Liên đoàn Lao động huyện xem xét, chấp thuận./.\n"
    tail = TAIL.format(authority="TM. BAN CHẤP HÀNH", title="PHÓ CHỦ TỊCH", name="Lê Thị Hoa")
    union = HEAD.format(parent="LIÊN ĐOÀN LAO ĐỘNG HUYỆN AN HÒA", issuer="CĐCS CÔNG TY TNHH AN PHÚ",
                        number="07/TTr-CĐCS")  # fmt: skip
    assert "SIG002" not in codes(lint(tmp_path, union + body + tail))
    state = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ NỘI VỤ", number="07/TTr-SNV")
    tail = TAIL.format(authority="", title="PHÓ GIÁM ĐỐC", name="Lê Thị Hoa")
    assert "SIG002" in codes(lint(tmp_path, state + body.replace("Ban Chấp hành kính", "Sở kính") + tail,
                                  name="state.txt"))  # fmt: skip
    # a council is a state body: "Hội đồng" is not an association
    council = HEAD.format(
        parent="UBND TỈNH AN HÒA", issuer="HỘI ĐỒNG THI ĐUA KHEN THƯỞNG", number="07/TTr-HĐ"
    )
    assert "SIG002" in codes(lint(tmp_path, council + body + tail, name="council.txt"))


def test_a_council_members_own_post_under_the_vice_chair(tmp_path: Path) -> None:
    """ "TM. HỘI ĐỒNG / PHÓ CHỦ TỊCH / PHÓ GIÁM ĐỐC SỞ NỘI VỤ": the last line is the member's post."""
    text = HEAD.format(
        parent="UBND TỈNH AN HÒA", issuer="HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", number="12/BC-HĐTĐ"
    ) + (
        "BÁO CÁO\nKết quả thẩm định Chỉ số cải cách hành chính năm 2026\n"
        "Hội đồng thẩm định báo cáo kết quả như sau./.\n"
        "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nTM. HỘI ĐỒNG\nPHÓ CHỦ TỊCH\nPHÓ GIÁM ĐỐC SỞ NỘI VỤ\nLê Văn Tâm\n"
    )
    assert "SIG002" not in codes(lint(tmp_path, text))


def test_the_deputy_in_charge_is_suggested_kt_of_the_head(tmp_path: Path) -> None:
    text = HEAD.format(parent="TRƯỜNG ĐẠI HỌC AN HÒA", issuer="PHÒNG KHẢO THÍ", number="64/HD-KT") + (
        "HƯỚNG DẪN\nThi trực tuyến học kỳ I\nPhòng Khảo thí hướng dẫn như sau./.\n"
    )
    tail = TAIL.format(authority="", title="PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", name="Lê Văn Tâm")
    found = [f for f in lint(tmp_path, text + tail).findings if f.code == "SIG002"]
    assert [f.suggestion for f in found] == ["KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH"]


def test_a_staff_members_own_report_is_not_an_issued_document(tmp_path: Path) -> None:
    """Policy 1: a weekly report signed "Người báo cáo" to the head of the unit is a working paper."""
    text = (
        "PHÒNG VĂN HÓA - XÃ HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "BÁO CÁO CÔNG TÁC TUẦN 02 THÁNG 6 NĂM 2026\nI. Kết quả\n- Cập nhật dữ liệu cán bộ trên phần mềm.\n"
        "Kính báo cáo lãnh đạo Phòng biết và chỉ đạo./.\n\tNgười báo cáo\n\tTrần Văn Bình\n"
    )
    result = lint(tmp_path, text)
    assert result.recognition.family == "other"
    assert codes(result, "NUM") == codes(result, "SIG") == []
    # the same report with a number is the unit's document and is checked
    numbered = text.replace("Độc lập - Tự do - Hạnh phúc\n", "Độc lập - Tự do - Hạnh phúc\nSố: 12/BC-VHXH\n")
    assert lint(tmp_path, numbered, name="numbered.txt").recognition.family == "administrative"


def _signed_pdf_header(stamp: str, date_line: str) -> Document:
    """The header of a signed PDF as the loader gives it: the e-office's stamp is a block of its own drawn
    inside the blank gap of the date line."""
    cells = [
        ("UBND TỈNH AN HÒA", (80, 59, 220, 72)),
        ("SỞ NỘI VỤ", (117, 74, 184, 87)),
        ("Số: 184/BC-SNV", (97, 93, 204, 107)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (253, 59, 522, 72)),
        ("Độc lập - Tự do - Hạnh phúc", (306, 74, 477, 88)),
        (stamp, (373, 97, 400, 111)),
        (date_line, (276, 96, 502, 110)),
    ]
    blocks = [Block(index=i, text=t, kind="cell", page=1, bbox=box) for i, (t, box) in enumerate(cells)]
    rest = ["BÁO CÁO", "Kết quả công tác cải cách hành chính năm 2026", "Sở Nội vụ báo cáo như sau./."]
    for text in rest:
        y = 135 + 16 * (len(blocks) - len(cells))
        blocks.append(Block(index=len(blocks), text=text, page=1, bbox=(80, y, 500, y + 14)))
    return Document(path="x.pdf", format="pdf", blocks=blocks)


def test_a_day_stamped_into_the_date_line_by_the_e_office() -> None:
    from doclint.recognise import recognise
    from doclint.rulepack import load_pack

    pack = load_pack()
    rec = recognise(_signed_pdf_header("06", "An Hòa, ngày    tháng 11 năm 2026"), pack)
    assert (rec.parsed_date.day, rec.parsed_date.month, rec.parsed_date.stamped) == ("06", "11", ("day",))
    both = recognise(_signed_pdf_header("25   07", "An Hòa, ngày   tháng   năm 2026"), pack)
    assert (both.parsed_date.day, both.parsed_date.month) == ("25", "07")
    # a number elsewhere on the page is no stamp: the day stays blank
    away = _signed_pdf_header("06", "An Hòa, ngày    tháng 11 năm 2026")
    away.blocks[5].bbox = (373, 300, 400, 314)
    assert recognise(away, pack).parsed_date.day is None


def test_minutes_of_a_student_class_are_not_an_agency_document(tmp_path: Path) -> None:
    head = (
        "TRƯỜNG ĐẠI HỌC AN HÒA\nKHOA: KINH TẾ\n{issuer}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 12 tháng 3 năm 2026\n"
    )
    body = "BIÊN BẢN\nHọp lớp xét điểm rèn luyện học kỳ I\nLớp họp lúc 14 giờ, đủ 40 sinh viên./.\n"
    result = lint(tmp_path, head.format(issuer="LỚP: KT2024") + body)
    assert result.recognition.family == "other"
    assert codes(result, "NUM") == codes(result, "HDR") == []
    office = lint(tmp_path, head.format(issuer="PHÒNG ĐÀO TẠO") + body, name="office.txt")
    assert office.recognition.family == "administrative"


def test_a_point_run_into_the_line_above_is_not_missing(tmp_path: Path) -> None:
    """A PDF layer that lost a line break: "- Lịch thi cá nhân c. Thời gian …" — c) exists."""
    text = HEAD.format(parent="TRƯỜNG ĐẠI HỌC AN HÒA", issuer="PHÒNG KHẢO THÍ", number="64/HD-KT") + (
        "HƯỚNG DẪN\nThi trực tuyến học kỳ I\n1. Hoãn thi\na) Đối tượng được hoãn thi: sinh viên ốm đau.\n"
        "b) Hồ sơ gồm:\n- Đơn xin hoãn thi;\n- Lịch thi cá nhân c) Thời hạn nộp hồ sơ là 05 ngày.\n"
        "d) Phòng Khảo thí xét duyệt đơn của sinh viên./.\n"
    )
    tail = TAIL.format(authority="KT. HIỆU TRƯỞNG", title="PHÓ HIỆU TRƯỞNG", name="Lê Văn Tâm")
    assert "BODY002" not in codes(lint(tmp_path, text + tail))
    skipped = text.replace(" c) Thời hạn nộp hồ sơ là 05 ngày.", ".")
    assert "BODY002" in codes(lint(tmp_path, skipped + tail, name="skipped.txt"))


def test_numbers_across_a_closing_quotation_are_not_compared(tmp_path: Path) -> None:
    """A long quoted provision (more lines than a quotation is followed for) closes with ”. before the
    letter's own numbering resumes."""
    quoted = "".join(
        f"Nội dung quy định thứ {i} của điều được trích dẫn trong công văn;\n" for i in range(45)
    )
    text = HEAD.format(parent="UBND TỈNH AN HÒA", issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO", number="46/SGDĐT-TCCB") + (
        "V/v hướng dẫn bổ nhiệm viên chức\nKính gửi: Các trường trung học phổ thông.\n"
        "1. Về chế độ tập sự\nKhoản 5 Điều 21 Nghị định số 115/2020/NĐ-CP quy định:\n“4. Trong thời gian tập sự:\n"
        + quoted
        + "5. Các trường hợp không phải tập sự được hưởng 100% lương”.\n2. Về thành phần hồ sơ\n"
        "Đơn vị hoàn thiện hồ sơ theo hướng dẫn./.\n"
    )
    tail = TAIL.format(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Lê Văn Tâm")
    assert "BODY002" not in codes(lint(tmp_path, text + tail))


def test_the_end_mark_read_into_the_footer_columns() -> None:
    """A signed PDF whose last content lines sit at the top of the footer's columns: "… được biết và phối"
    ⏎ [hợp triển khai. | Trân trọng./. | Nơi nhận: …] [KT. CỤC TRƯỞNG …]: the content ends with "./."."""
    from doclint.engine import lint_document
    from doclint.model import TablePosition

    lines = [
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", None), ("CỤC CHUYỂN ĐỔI SỐ QUỐC GIA", None),
        ("Số: 125/CĐSQG-DVS", None), ("V/v phúc đáp văn bản của Sở Thông tin và Truyền thông", None),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None), ("Độc lập - Tự do - Hạnh phúc", None),
        ("Hà Nội, ngày 03 tháng 7 năm 2023", None), ("Kính gửi: Sở Thông tin và Truyền thông tỉnh An Hòa.", None),
        ("Cục Chuyển đổi số quốc gia đã nhận được văn bản của Sở về việc đề nghị hỗ trợ.", None),
        ("Cục Chuyển đổi số quốc gia gửi thông tin để Quý Sở được biết và phối", None),
        ("hợp triển khai.", 0), ("Trân trọng./.", 0), ("Nơi nhận:", 0), ("- Như trên;", 0), ("- Lưu: VT, DVS.", 0),
        ("KT. CỤC TRƯỞNG", 1), ("PHÓ CỤC TRƯỞNG", 1), ("Lê Văn Tâm", 1),
    ]  # fmt: skip
    blocks = []
    for i, (text, col) in enumerate(lines):
        table = TablePosition(table=1, row=0, col=col, n_rows=1, n_cols=2) if col is not None else None
        blocks.append(Block(index=i, text=text, kind="cell" if table else "paragraph", page=1, table=table))
    result = lint_document(Document(path="cv.pdf", format="pdf", blocks=blocks), Config(stage="issued"))
    assert result.recognition.end_mark.text.endswith("và phối")
    assert "BODY004" not in codes(result)


def test_parent_body_and_issuer_read_as_one_line(tmp_path: Path) -> None:
    """A signed PDF's reader joined "UBND TỈNH AN HÒA" and "SỞ TƯ PHÁP": the parent may be abbreviated."""
    text = (
        "UBND TỈNH AN HÒA SỞ TƯ PHÁP\nSố: 788/STP-HCBT\nV/v trình hồ sơ phê chuẩn kết quả đại hội\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 16 tháng 5 năm 2026\n"
        "Kính gửi: Ủy ban nhân dân tỉnh.\nSở Tư pháp trình hồ sơ phê chuẩn kết quả đại hội./.\n"
    )
    result = lint(tmp_path, text + TAIL.format(authority="", title="GIÁM ĐỐC", name="Lê Văn Tâm"))
    rec = result.recognition
    assert (rec.parent_body.text, rec.issuer.text) == ("UBND TỈNH AN HÒA", "SỞ TƯ PHÁP")
    assert "HDR005" not in codes(result)


def test_a_missing_signature_is_not_reported_on_a_pdf() -> None:
    """A signed PDF may draw its signature block as a picture the text layer does not carry."""
    from doclint.rulepack import load_pack

    formats = load_pack().rules["SIG001"].formats
    assert "pdf" not in formats and {"docx", "doc"} <= set(formats)


def test_a_size_only_a_fit_to_page_print_shrank_is_not_reported() -> None:
    """An A4 page printed "fit to page" onto Letter paper: every size is 0.94× the author's (the 13 pt
    Tiêu ngữ measures 12.2 pt). FMT001 reports the paper; a size finding would only restate it. On A4 the
    same measure is reported, and a size still wrong once unscaled is reported on Letter too."""
    from doclint.checks.style import size_ok
    from doclint.model import Document, LoadFacts, Section

    def pdf(width: float, height: float, scale: float | None = None) -> Document:
        return Document("x.pdf", "pdf", sections=[Section(page_width_mm=width, page_height_mm=height)],
                        facts=LoadFacts(print_scale=scale))  # fmt: skip

    letter, a4 = pdf(215.9, 279.4), pdf(210, 297)
    assert size_ok(12.18, 13, 14, letter) and not size_ok(12.18, 13, 14, a4)
    assert not size_ok(10.1, 12, 12, letter)  # 10.7 pt as written: still too small
    assert not size_ok(12.18, 13, 14, pdf(215.9, 279.4, scale=0.94))  # sizes already set back by the loader
    word = Document("x.docx", "docx", sections=[Section(page_width_mm=215.9, page_height_mm=279.4)])
    assert not size_ok(12.18, 13, 14, word)  # Word gives the author's sizes exactly
