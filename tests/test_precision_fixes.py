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
