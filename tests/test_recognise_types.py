"""Type recognition (issue 12, item 5): a title doclint does not know, or one that goes on past the type
name, must not make the document a công văn and bring the rules of another type with it (V/v, Kính gửi,
sections, signature). Each shape below is invented; the real documents that showed it are not copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_path
from doclint.testing import AdminDoc, Para, build_docx

HEADER = """ỦY BAN NHÂN DÂN
TỈNH AN HÒA
{number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Hòa, ngày 12 tháng 3 năm 2026
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
"""
# rules that belong to one type: raised on another type they are the cascade this file guards against
TYPE_SPECIFIC = ("TTL001", "TTL002", "TTL003", "TTL004", "RCPT004", "RCPT005", "SEC", "NUM005", "BODY005")


def lint_text(tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_path(path, Config(stage="issued"), keep_document=True)


def loud(result, prefixes=TYPE_SPECIFIC) -> list[str]:
    return [
        f"{f.code}: {f.vi}"
        for f in result.findings
        if f.severity in ("error", "warning") and f.code.startswith(prefixes)
    ]


def test_a_title_that_goes_on_past_the_type_name(tmp_path: Path) -> None:
    """QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ: the type is QĐ, the rest of the title is its trích yếu."""
    text = (
        HEADER.format(number="Số: 88/QĐ-UBND")
        + (
            "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ\n"
            "ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN HÒA\n"
            "Căn cứ Luật Đầu tư ngày 17 tháng 6 năm 2020;\n"
            "Xét đề nghị của Giám đốc Sở Tài chính.\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Chấp thuận chủ trương đầu tư dự án Khu dân cư Hòa Bình.\n"
            "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.\n"
        )
        + FOOTER.replace("- Như trên;", "- Như Điều 2;").replace(
            "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
        )
    )
    result = lint_text(tmp_path, text)
    rec = result.recognition
    assert result.doc_type == "QĐ" and result.family == "administrative"
    assert rec.doc_type_name.text == "QUYẾT ĐỊNH"
    assert rec.trich_yeu.text == "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ"
    assert rec.authority_line is not None and rec.enactment is not None
    assert loud(result, ("TTL", "NUM005")) == []


@pytest.mark.parametrize(
    "title,code",
    [
        ("BIÊN BẢN LÀM VIỆC", "BB"),
        ("GIẤY MỜI HỌP", "GM"),
        ("KẾ HOẠCH HÀNH ĐỘNG", "KH"),
        ("THÔNG BÁO (Lần 2)", "TB"),
    ],
)
def test_a_type_name_with_a_qualifier_is_that_type(tmp_path: Path, title: str, code: str) -> None:
    text = HEADER.format(number=f"Số: 12/{code}-UBND") + (
        f"{title}\nVề việc triển khai phòng, chống thiên tai năm 2026\n"
        "Ủy ban nhân dân tỉnh thông tin đến các cơ quan, đơn vị nội dung như sau./.\n"
    )
    result = lint_text(tmp_path, text + FOOTER)
    assert result.doc_type == code
    assert result.recognition.trich_yeu.text == "Về việc triển khai phòng, chống thiên tai năm 2026"
    assert not [f for f in result.findings if f.code in ("TTL001", "TTL003", "TTL004")]


def test_a_joint_guidance_keeps_its_type_from_title_and_symbol(tmp_path: Path) -> None:
    """HƯỚNG DẪN LIÊN NGÀNH with ký hiệu HDLN: a Hướng dẫn (HD + LN), its centred trích yếu read as such."""
    spec = AdminDoc(
        issuer=["SỞ Y TẾ - SỞ TÀI CHÍNH"],
        parent_body="ỦY BAN NHÂN DÂN TỈNH AN HÒA",
        number="Số: 05/HDLN-SYT-STC",
        place_date="An Hòa, ngày 20 tháng 4 năm 2026",
        title="HƯỚNG DẪN LIÊN NGÀNH",
        summary=["Thực hiện chế độ hỗ trợ đối với nhân viên y tế thôn, bản năm 2026"],
        body=[Para("I. PHẠM VI, ĐỐI TƯỢNG", bold=True), "1. Phạm vi: các xã, phường trên địa bàn tỉnh./."],
        recipients=["- Ủy ban nhân dân tỉnh;", "- Lưu: VT, SYT, STC."],
        signature=["KT. GIÁM ĐỐC SỞ Y TẾ", "PHÓ GIÁM ĐỐC"],
        signer="Phạm Thị Lan",
    )
    result = lint_path(build_docx(spec, tmp_path / "hdln.docx"), Config(stage="issued"), keep_document=True)
    rec = result.recognition
    assert result.doc_type == "HD"
    assert rec.parsed_number.type_abbr == "HD" and rec.parsed_number.type_qualifier == "LN"
    assert rec.trich_yeu.text.startswith("Thực hiện chế độ hỗ trợ")
    assert loud(result) == []


@pytest.mark.parametrize(
    "title,number,code",
    [
        ("GIẤY PHÉP XÂY DỰNG", "Số: 27/GP-SXD", "GP"),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ ĐẦU TƯ", "Mã số dự án: 4321987650", "GCN"),
        ("HỢP ĐỒNG LÀM VIỆC XÁC ĐỊNH THỜI HẠN", "Số: 130/HĐLV", "HĐLV"),
    ],
)
def test_a_licence_a_certificate_or_a_contract_is_a_sector_form(
    tmp_path: Path, title: str, number: str, code: str
) -> None:
    """Văn bản chuyên ngành (NĐ 30, Điều 3 khoản 2): said once, not read as a công văn."""
    text = HEADER.format(number=number) + (
        f"{title}\n1. Cấp cho: Công ty TNHH Bình Minh.\n2. Địa chỉ: số 15 đường Lê Lợi, tỉnh An Hòa.\n"
        "3. Có hiệu lực trong thời hạn 12 tháng kể từ ngày ký.\n"
    )
    result = lint_text(tmp_path, text + FOOTER.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "GIÁM ĐỐC"))
    assert result.doc_type == code and result.family == "other"
    assert [f.code for f in result.findings if f.severity in ("error", "warning")] == []
    assert [f.code for f in result.findings if f.code == "DOC003"] == ["DOC003"]


def test_the_type_code_of_the_symbol_is_evidence_without_a_title(tmp_path: Path) -> None:
    text = (
        HEADER.format(number="Số: 27/GP-SXD") + "Cấp cho Công ty TNHH Bình Minh được xây dựng nhà xưởng./.\n"
    )
    result = lint_text(tmp_path, text + FOOTER)
    assert result.doc_type == "GP" and result.family == "other"


def test_an_unknown_title_triggers_no_rule_meant_for_a_type(tmp_path: Path) -> None:
    """A long title doclint does not know, and a ký hiệu whose first group is no type code: neither a
    công văn (no V/v, no Kính gửi finding) nor any other type; TTL004 says the type is unknown."""
    text = HEADER.format(number="Số: 15/DS-UBND") + (
        "DANH SÁCH CÁN BỘ, CÔNG CHỨC ĐƯỢC CỬ ĐI ĐÀO TẠO NĂM 2026\n"
        "1. Ông Lê Văn Tâm, Chủ tịch Ủy ban nhân dân xã.\n2. Bà Đỗ Thị Mai, công chức Văn phòng./.\n"
    )
    result = lint_text(tmp_path, text + FOOTER.replace("- Như trên;", "- Phòng Nội vụ;"))
    assert result.doc_type is None
    assert loud(result) == []
    assert [f.severity for f in result.findings if f.code == "TTL004"] == ["info"]


def test_a_cong_van_stays_a_cong_van(tmp_path: Path) -> None:
    """The V/v line decides, even when the first line of the content is in capitals."""
    text = HEADER.format(number="Số: 215/UBND-VX\nV/v triển khai kế hoạch phòng, chống thiên tai") + (
        "Kính gửi: Các sở, ban, ngành tỉnh.\n"
        "BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2025\n"
        "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện./.\n"
    )
    result = lint_text(tmp_path, text + FOOTER)
    assert result.doc_type == "CV"
    assert result.recognition.doc_type_name is None


def test_a_bien_ban_signed_by_secretary_and_chair_in_flowing_text(tmp_path: Path) -> None:
    """Two signers without TM./KT. above the Nơi nhận label: both are signatures, none is missing."""
    text = (
        "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "BIÊN BẢN LÀM VIỆC\nVề việc kiểm tra tiến độ giải phóng mặt bằng\n"
        "Thời gian bắt đầu: 08 giờ 00 phút, ngày 15 tháng 4 năm 2026.\n"
        "Địa điểm: Trụ sở Ủy ban nhân dân xã Hòa Bình.\n"
        "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày./.\n"
        "THƯ KÝ\nĐỗ Thị Mai\nCHỦ TRÌ\nLê Văn Tâm\nNơi nhận:\n- Ban quản lý dự án;\n- Lưu: VT.\n"
    )
    result = lint_text(tmp_path, text)
    rec = result.recognition
    assert result.doc_type == "BB"
    assert [s.title.text for s in rec.signatures] == ["THƯ KÝ", "CHỦ TRÌ"]
    assert [s.name.text for s in rec.signatures] == ["Đỗ Thị Mai", "Lê Văn Tâm"]
    assert not [f for f in result.findings if f.code in ("SIG001", "SIG004", "DATE001", "TTL001")]


def test_header_facts_a_check_can_report(tmp_path: Path) -> None:
    """Recall (issue 12): a letter typed before the parent body ("DUBND TỈNH …") does not swallow the
    issuer; a number that is not an integer ("24.4/TTr-…") and a missing space in the date line
    ("tháng 01năm 2026") are parsed and kept as facts for the NUM and DATE rules."""
    text = (
        "DUBND TỈNH AN HÒA\nSỞ NỘI VỤ\nSố: 24.4/TTr-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 12 tháng 01năm 2026\nTỜ TRÌNH\n"
        "Về việc công nhận Ban vận động thành lập Hội\nKính gửi: Ủy ban nhân dân tỉnh.\n"
        "Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT, TCBC.\nGIÁM ĐỐC\nTrần Văn Bình\n"
    )
    rec = lint_text(tmp_path, text).recognition
    assert rec.parent_body.text == "DUBND TỈNH AN HÒA" and rec.parent_body.extra["stray_letter"] == "D"
    assert rec.issuer.text == "SỞ NỘI VỤ"
    assert rec.parsed_number.number == "24.4" and rec.parsed_number.type_abbr == "TTr"
    assert rec.parsed_date.glued == ["01năm"] and rec.parsed_date.month == "01"


def test_a_bien_ban_without_an_issuing_body_is_not_read_as_its_title(tmp_path: Path) -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBIÊN BẢN HỌP\n"
        "Về việc bầu Ban chấp hành nhiệm kỳ 2026 - 2031\n"
        "Thời gian bắt đầu: 08 giờ 00 phút, ngày 15 tháng 4 năm 2026.\nCuộc họp kết thúc lúc 10 giờ./.\n"
        "THƯ KÝ\nĐỗ Thị Mai\nCHỦ TRÌ\nLê Văn Tâm\n"
    )
    result = lint_text(tmp_path, text)
    assert result.doc_type == "BB" and result.recognition.issuer is None
    assert "HDR004" in {f.code for f in result.findings}


def test_header_and_footer_columns_typed_with_spaces_and_tabs(tmp_path: Path) -> None:
    """An old Word file that lays out its two columns with spaces and tabs instead of a table."""
    text = (
        "ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH AN HÒA                       Độc lập - Tự do - Hạnh phúc\n"
        "Số: 09/CT-UBND\t\t\tAn Hòa, ngày 15 tháng 4 năm 2026\n"
        "CHỈ THỊ\nVề việc đẩy mạnh cải cách hành chính\n"
        "Các sở, ngành thực hiện nghiêm các nhiệm vụ được giao./.\n"
        "Nơi nhận:\t\t\t\tTM. ỦY BAN NHÂN DÂN\n"
        "- Các sở, ngành;\t\t\t\tKT. CHỦ TỊCH\n"
        "- LĐVP, TH;\t\t\t\t\tPHÓ CHỦ TỊCH\n"
        "- Lưu: VT.\n"
        "                                              Trần Văn Bình\n"
    )
    rec = lint_text(tmp_path, text).recognition
    assert rec.quoc_hieu.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and rec.tieu_ngu is not None
    assert rec.issuer.text == "ỦY BAN NHÂN DÂN TỈNH AN HÒA"
    assert rec.number.text == "Số: 09/CT-UBND" and rec.parsed_date.day == "15"
    assert [c.text for c in rec.recipients] == ["- Các sở, ngành;", "- LĐVP, TH;", "- Lưu: VT."]
    assert [c.text for c in rec.signature.authority] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert rec.signature.title.text == "PHÓ CHỦ TỊCH" and rec.signature.name.text == "Trần Văn Bình"


def test_a_youth_union_document_follows_its_own_format(tmp_path: Path) -> None:
    """Đoàn TNCS Hồ Chí Minh writes its own heading where the Quốc hiệu goes: said once, not linted."""
    text = (
        "ĐOÀN TRƯỜNG THPT AN HÒA\nĐOÀN TNCS HỒ CHÍ MINH\nSố: 12-TTr/ĐTN\n"
        "An Hòa, ngày 17 tháng 11 năm 2025\nTỜ TRÌNH\nV/v hỗ trợ học sinh đi tham quan\n"
        "Kính gửi: Ban đại diện cha mẹ học sinh.\nĐoàn trường kính đề nghị xem xét hỗ trợ./.\n"
        "TM. BAN CHẤP HÀNH\nBÍ THƯ\nNguyễn Văn An\n"
    )
    result = lint_text(tmp_path, text)
    assert result.family == "other"
    assert [f.code for f in result.findings if f.severity in ("error", "warning")] == []
