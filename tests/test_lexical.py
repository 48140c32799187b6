"""Precision of the TXT, ABBR and CAP rules on shapes seen in real documents (issue 12), on invented text."""

from __future__ import annotations

from doclint.vn.acronyms import exempt, header_initials, paren_definitions, plain

TITLES = frozenset(["TS", "ThS", "PGS", "BS"])
CODES = frozenset(["Mã", "mã", "mã số"])


def defined(text: str) -> list[str]:
    return [d[0] for d in paren_definitions(text)]


def why(text: str, token: str) -> str | None:
    i = text.index(token)
    return exempt(text, i, i + len(token), TITLES, CODES)


def test_definitions_in_brackets_of_every_shape():
    assert defined("Sở phối hợp với Báo Tin tức Thành phố Cần Thơ (TP.CT) tổ chức") == ["TP", "CT"]
    assert defined("trung tâm Kỹ thuật - Dịch vụ việc làm (KT - DVVL) của tỉnh") == ["KT", "DVVL"]
    assert defined("Học viện Nông nghiệp Việt Nam (HVNN-VN) cử cán bộ") == ["HVNN", "VN"]
    assert defined("Ban Quản lý - Điều hành dự án (QL&ĐHDA) có trách nhiệm") == ["QL", "ĐHDA"]
    # the head noun restated with the abbreviation: (Bộ …), (Cục …), (Báo cáo …)
    assert defined("gửi Bộ Khoa học và Công nghệ (Bộ KHCN) trước") == ["KHCN"]
    assert defined("nộp Báo cáo kết quả kiểm toán năng lượng (Báo cáo KTNL) về Sở") == ["KTNL"]
    assert defined("văn bản của Cục Quản lý thị trường (Cục QLTT) tỉnh") == ["QLTT"]
    assert defined("(sau đây gọi tắt tiếng Việt là Bộ chỉ số HLXH, tiếng Anh là SAT INDEX)") == ["HLXH"]
    # not definitions: a count, a remark, a list
    assert defined("khối 10 (312 HS), mời thêm (cựu HS tiêu biểu) và danh mục TTHC (tên TTHC, mã TTHC)") == []


def test_header_initials_any_run_of_words():
    known = header_initials(["SỞ VĂN HÓA VÀ THỂ THAO THÀNH PHỐ CẦN THƠ"])
    for abbr in ("VH", "TT", "VHTT", "TP", "CT", "TPCT"):
        assert plain(abbr) in known, abbr
    assert plain("GDĐT") not in known


def test_places_titles_codes_companies_need_no_definition():
    assert why("Địa chỉ: số 10, đường Lê Lợi, P. An Hòa, TP. Rạch Giá, tỉnh Kiên Giang", "TP")
    assert why("tổ chức tại Nhà văn hóa Thanh niên – TP. HCM.", "HCM")
    assert why("Lô B2, KCN Tân Thuận, phường Tân Thuận", "KCN")
    assert why("- ThS. Trần Văn Bình, giảng viên", "ThS")
    assert why("- PGS.TS. Lê Văn Cường, Trưởng khoa", "PGS")
    assert why("hàng hóa thuộc Mã HS 8471 được miễn", "HS")
    assert why("Đơn vị nhận: Công ty Cổ phần Phần mềm ABC", "ABC")
    assert why("Theo dõi #ThanhNienTinhNguyen trên mạng xã hội", "ThanhNienTinhNguyen")
    assert why("dịch vụ ví điện tử QuickPay đã được triển khai", "QuickPay")
    # ordinary uses are not exempt
    assert why("Các trường THPT và TTGDTX báo cáo về Sở", "TTGDTX") is None
    assert why("đội ngũ GV nhiệt tình", "GV") is None


def test_doubled_words_that_are_not_typos():
    from doclint.vn.lexicon import get, syl_key
    from doclint.vn.wordctx import doubled_is_fine

    lex = get()
    surnames = frozenset(["nguyễn", "trần", "huỳnh", "lê"])

    def fine(text: str, k: int) -> bool:
        words = text.split()
        return doubled_is_fine(words, [syl_key(w) for w in words], k, lex.has, surnames)

    assert fine("Lê Thị Mơ Mơ", 2)  # a given name
    assert fine("Trần Trần Bảo", 0)  # a family name doubled by a given name that starts with it
    assert fine("biện pháp thi hành luật luật sư", 4)  # luật | Luật sư
    assert fine("tổ chức sinh hoạt chuyên môn môn Toán", 5)  # chuyên môn | môn Toán
    assert fine("KT. TRƯỞNG PHÒNG PHÒNG TỔ CHỨC", 2)  # title | name of the unit
    # typos are still typos
    assert not fine("Các Các đơn vị", 0)
    assert not fine("được sửa đổi bởi Luật Luật Thủ đô mới", 4)
    assert not fine("đề nghị của của Sở", 2)


def test_defined_term_and_symbols():
    from doclint.vn.lexicon import syl_key
    from doclint.vn.wordctx import defined_terms, ends_defined_term, touches_symbol

    terms = defined_terms(["Đơn vị được giao dự toán (sau đây gọi là bên đặt hàng) ký hợp đồng."], syl_key)
    keys = [syl_key(w) for w in ["sau", "khi", "phê", "duyệt", "bên", "đặt", "hàng", "hàng", "hóa"]]
    assert ends_defined_term(keys, 6, terms)
    assert touches_symbol("dung dịch pH=7,5", 10, 12)
    assert touches_symbol("khí CO₂ thải ra", 4, 7)
    assert not touches_symbol("người tốt việc tốt", 0, 5)


def test_labels_identity_lines_and_school_names():
    assert why("Số TK: 0123.4567.890 tại ngân hàng", "TK")
    assert why("Cấp ngày 12/3/2021 tại Cục CSQLHC về TTXH", "CSQLHC")
    assert why("đội tuyển Trường THCS Nguyễn Du đạt giải", "THCS")
    assert why("các trường THCS trên địa bàn", "THCS") is None


# --- the rules on invented documents --------------------------------------------------------------
def lint(*paragraphs: str, select: tuple[str, ...] = ("TXT", "ABBR", "CAP"), fmt: str = "txt"):
    from doclint.config import Config
    from doclint.engine import lint_document
    from doclint.model import Block, Document

    doc = Document(
        path=f"t.{fmt}", format=fmt, blocks=[Block(index=i, text=p) for i, p in enumerate(paragraphs)]
    )
    return lint_document(doc, Config(select=select, preview=True)).findings  # ABBR001/002 are preview


def codes_of(findings, code):
    return [f for f in findings if f.code == code]


def test_txt003_names_shared_syllables_and_defined_terms():
    found = lint(
        "Danh sách: Nguyễn Thị Mơ Mơ, Trần Trần Bảo Ngọc.",
        "Tổ chức sinh hoạt chuyên môn môn Toán theo cụm trường.",
        "Đơn vị sử dụng ngân sách (sau đây gọi là bên thuê) ký hợp đồng; bên thuê thuê đơn vị tư vấn lập hồ sơ.",
        "Căn cứ Nghị định quy định chi tiết thi hành luật luật sư;",
        "KT. TRƯỞNG PHÒNG\tPHÒNG TỔ CHỨC",
        select=("TXT",),
    )
    assert codes_of(found, "TXT003") == []
    found = lint("Báo cáo gửi về về Sở trước ngày 15.", select=("TXT",))
    assert [f.suggestion for f in codes_of(found, "TXT003")] == ["về"]


def test_txt006_loanwords_symbols_place_names_and_pdf_spaces():
    found = lint(
        "Treo panô, áp phích tại trụ sở; bón supe lân và phân amoni; khí ôxy, dung dịch axit.",
        "Nồng độ CO₂ và pH=7 được đo hằng ngày.",
        "II. TỈNH ĐẮK NÔNG VÀ TỈNH ĐẮK LẮK",
        "Trường TH An Phú 2 tổ chức hội thi.",
        select=("TXT",),
    )
    assert codes_of(found, "TXT006") == []
    # in a PDF a word glued to the next one is a space the text layer lost
    assert (
        codes_of(
            lint(
                "Tiếp nhận văn bản đến, phát hành văn bản đitheo quy định hiện hành.",
                select=("TXT",),
                fmt="pdf",
            ),
            "TXT006",
        )
        == []
    )
    # a real misspelling is still found
    assert [
        f.suggestion
        for f in codes_of(lint("Các nghành chức năng phối hợp thực hiện.", select=("TXT",)), "TXT006")
    ] == ["ngành"]


def test_txt007_quotes_and_one_finding_per_pair():
    found = lint("Hội thi với chủ đề “Sáng mãi niềm tin”.", select=("TXT",))
    assert codes_of(found, "TXT007") == []
    found = lint(
        "Sở Thông tin va Truyền thông chủ trì.",
        "Giao Sở Thông tin va Truyền thông theo dõi.",
        select=("TXT",),
    )
    assert len(codes_of(found, "TXT007")) == 1


def test_unproofread_text_gets_one_finding():
    bad = [
        "Các cơ quan tồ chức thực hiện chể độ làm việc, thòi gian nghỉ và họp tác với nhau.",
        "Giảng viên tham gia nghiên cửu khoa học, hướng dẫn thục hành và thỉ nghiệm.",
        "Báo cáo đăng ở kỷ yếu hội thảo quốc tể, tạp chí khoa học trong nứơc.",
        "Thời gian tham gia huân luyện, diễn tập được quy đổi; Tống số giờ không vượt quá.",
        "Căn cứ quỵ định về nhiệm vụ, Can cứ Quyết định thành lập, Vê việc giao nhiệm vụ.",
        "Nội đung công việc và kế hoạc thực hiện, trách nhiêm của các đơn vị.",
        "Tổ chức thực hiện các nhiệm vu, quyền hạn theo quy đinh của pháp luật.",
        "Phòng Đào tạọ chủ trì, phối họp với các khoa xây dựng chương trính đào tạo.",
        "Giảng viên đươc hưởng nguyên lương và phụ câp theo quy định hiện hành.",
    ]
    found = lint(*bad, select=("TXT",))
    spelling = [f for f in found if f.code in ("TXT006", "TXT007", "TXT003")]
    assert len(spelling) == 1 and "OCR" in spelling[0].vi


def test_abbr_definitions_and_exemptions_in_a_document():
    found = lint(
        "Sở phối hợp với Đài Phát thanh và Truyền hình Thành phố Cần Thơ (TP.CT) và trung tâm Giáo dục nghề nghiệp"
        " - Giáo dục thường xuyên (GDNN - GDTX) tổ chức hội nghị.",
        "Mời TS. Lê Văn An, ThS Trần Thị Bình; địa chỉ: số 5, đường Hòa Bình, P. An Hòa, TP. Rạch Giá.",
        "Hàng hóa thuộc Mã HS 8471; liên hệ SĐT: 0912345678; đơn vị: Công ty Cổ phần Giải pháp XYZ.",
        "UBND tỉnh và HĐND tỉnh chỉ đạo; người dân dùng CCCD gắn chip; Trường THPT Lê Lợi tham gia.",
        "GDNN - GDTX và TP.CT phối hợp; học sinh các trường THCS tham gia.",
        select=("ABBR",),
    )
    assert [f.excerpt for f in codes_of(found, "ABBR001")] == ["THCS"]
    assert codes_of(found, "ABBR002") == []


def test_cap_quotes_fields_of_law_and_table_cells():
    found = lint(
        "Công văn hướng dẫn nêu: “thực hiện theo Khoản 2 Điều 5 Nghị định số 10/2024/NĐ-CP”.",
        "Giảng viên Viện Nghiên cứu Luật Kinh Doanh tham dự hội thảo.",
        select=("CAP",),
    )
    assert found == []
    found = lint("Căn cứ Luật Tổ chức Chính quyền địa phương ngày 16 tháng 6 năm 2025;", select=("CAP",))
    assert [f.suggestion for f in found] == ["Luật Tổ chức chính quyền địa phương"]


def test_abbr_keeps_off_legacy_encoded_text():
    found = lint(
        "Qu¶n lý c¸c KCN tØnh B¾c Giang vµ UBKT huyÖn ®· kiÓm tra c¸c hé d©n.", select=("ABBR", "TXT")
    )
    assert codes_of(found, "ABBR001") == []
