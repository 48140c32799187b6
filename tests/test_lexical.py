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
