"""The citation engine on hand-written snippets and on the seed plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.analysis.citations import build_tables, extract, extract_block
from doclint.model import Block
from doclint.rulepack import load_pack


def shared_dir() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared"
        if (candidate / "seeds").is_dir():
            return candidate
    return None


SHARED = shared_dir()
SEED = SHARED / "seeds" / "000_89dcc62694a11fe1.txt" if SHARED else None
needs_seed = pytest.mark.skipif(SEED is None or not SEED.is_file(), reason="shared/seeds absent")


@pytest.fixture(scope="module")
def tables():
    return build_tables(load_pack())


def one(text: str, tables):
    found = [m for m in extract_block(text, 0, tables) if m.kind == "number"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "number", "year", "abbr", "issuer", "family"),
    [
        ("Quyết định số 534/QĐ-TTg", "534", None, "QĐ", "TTg", "administrative"),
        ("Kế hoạch số 138/KH-UBND", "138", None, "KH", "UBND", "administrative"),
        ("Công văn số 05/BNV-VP", "5", None, None, "BNV", "administrative"),
        ("Nghị định số 30/2020/NĐ-CP", "30", "2020", "NĐ", "CP", "normative"),
        ("Thông tư số 01/2011/TT-BNV", "1", "2011", "TT", "BNV", "normative"),
        ("Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP", "55", "2005", "TTLT", "BNV", "normative"),
        ("Nghị quyết số 110/2023/QH15", "110", "2023", None, "QH", "normative"),
        ("Nghị quyết số 351/2017/UBTVQH14", "351", "2017", None, "UBTVQH", "normative"),
        ("Nghị quyết số 66.7/2025/NQ-CP", "66.7", "2025", "NQ", "CP", "normative"),
        ("Kết luận số 226-KL/TW", "226", None, "KL", "TW", "party"),
        ("Hướng dẫn số 36-HD/VPTW", "36", None, "HD", "VPTW", "party"),
    ],
)
def test_number_forms(tables, text, number, year, abbr, issuer, family):
    m = one(text, tables)
    assert (m.number, m.year, m.type_abbr, m.issuer_code, m.family) == (number, year, abbr, issuer, family)
    assert m.has_so
    assert m.number_raw == text.split("số ")[1]


def test_full_citation_parts(tables):
    text = (
        "Thực hiện Quyết định số 534/QĐ-TTg ngày 31 tháng 3 năm 2026 của Thủ tướng Chính phủ về việc "
        "ban hành Kế hoạch thực hiện Kết luận; các cơ quan triển khai."
    )
    m = one(text, tables)
    assert m.type_word == "Quyết định"
    assert (m.date.day, m.date.month, m.date.year, m.date.style) == (31, 3, 2026, "words")
    assert m.issuer_text == "Thủ tướng Chính phủ"
    assert m.trich_yeu == "về việc ban hành Kế hoạch thực hiện Kết luận"
    assert text[m.start : m.end] == m.text


def test_numeric_date_and_party_comma(tables):
    m = one("theo Kết luận số 226-KL/TW, ngày 11/12/2025 của Ban Bí thư.", tables)
    assert m.date.iso() == "2025-12-11" and m.date.style == "numeric"
    assert m.issuer_text == "Ban Bí thư"


def test_malformed_numbers(tables):
    assert "party_slash" in one("Kết luận số 226/KL-TW", tables).problems
    assert "spaces" in one("Quyết định số 534 /QĐ-TTg", tables).problems
    assert "missing_year" in one("Nghị định số 30/NĐ-CP", tables).problems
    assert "state_hyphen" in one("Nghị định số 30-2020-NĐ-CP", tables).problems


def test_law_by_name(tables):
    ms = extract_block(
        "theo quy định của Luật Tổ chức chính quyền địa phương, Bộ luật Lao động năm 2019.", 0, tables
    )
    names = [(m.type_word, m.law_name, m.law_year) for m in ms if m.kind == "name"]
    assert names == [("Luật", "Tổ chức chính quyền địa phương", None), ("Bộ luật", "Lao động", "2019")]


def test_law_name_with_comma(tables):
    ms = extract_block("Căn cứ Luật Cán bộ, công chức và Luật Viên chức;", 0, tables)
    assert [m.law_name for m in ms] == ["Cán bộ, công chức", "Viên chức"]


def test_not_numbers(tables):
    for text in ("hội nghị không quá 1/2 ngày", "giai đoạn 2021 - 2030", "đạt 95% trở lên", "COVID-19"):
        assert extract_block(text, 0, tables) == []


def test_anaphora_resolves_unique(tables):
    blocks = [
        Block(0, "Thực hiện Quyết định số 12/QĐ-UBND ngày 01/02/2026 của UBND tỉnh về việc giao chỉ tiêu."),
        Block(1, "Các đơn vị thực hiện Quyết định nêu trên."),
    ]
    res = extract(blocks, tables)
    assert len(res.documents) == 1
    assert [m.kind for m in res.documents[0].mentions] == ["number", "anaphora"]


@needs_seed
def test_seed_documents(tables):
    from doclint.load import load

    doc = load(SEED)
    res = extract(doc.blocks, tables)
    table = {d.number_symbol or d.law_name: d for d in res.documents}
    expected = {
        "534/QĐ-TTg": ("Quyết định", "2026-03-31", "Thủ tướng Chính phủ"),
        "226-KL/TW": ("Kết luận", "2025-12-11", "Ban Bí thư"),
        "138/KH-UBND": ("Kế hoạch", "2026-04-25", "UBND tỉnh Ninh Bình"),
        "76/NQ-CP": ("Nghị quyết", None, "Chính phủ"),
        "05/CT-UBND": ("Chỉ thị", "2026-03-13", "UBND tỉnh"),
        "178-QĐ/TW": ("Quy định", "2024-06-27", "Bộ Chính trị"),
        "110/2023/QH15": ("Nghị quyết", "2023-11-29", "Quốc hội"),
        "126/NQ-CP": ("Nghị quyết", "2023-08-14", "Chính phủ"),
        "09/2019/NĐ-CP": ("Nghị định", "2019-01-24", "Chính phủ"),
        "42/2022/NĐ-CP": ("Nghị định", "2022-06-24", "Chính phủ"),
    }
    assert len(res.documents) == 11
    for number, (type_name, date, issuer) in expected.items():
        d = table[number]
        assert d.type_name == type_name, number
        assert (d.date.iso() if d.date else None) == date, number
        assert d.issuer == issuer, number
    law = [d for d in res.documents if d.family == "law_by_name"]
    assert len(law) == 1 and law[0].type_name == "Luật"
    assert law[0].law_name.lower() == "tổ chức chính quyền địa phương"
    assert table["226-KL/TW"].family == "party"
    assert table["09/2019/NĐ-CP"].family == "normative"
    assert len(table["226-KL/TW"].mentions) >= 15


@needs_seed
def test_citations_command_json_and_text():
    import json

    from doclint.commands.citations import run

    data = json.loads(run(SEED, "json"))
    assert len(data["documents"]) == 11
    first = data["documents"][0]
    assert first["number_symbol"] == "534/QĐ-TTg" and first["date"] == "2026-03-31"
    assert all("block" in m and "start" in m for m in first["mentions"])
    text = run(SEED, "text")
    assert "11 văn bản được viện dẫn" in text and "Kết luận số 226-KL/TW" in text
    assert "Luật Tổ chức Chính quyền địa phương" in text
    assert "cited documents" in run(SEED, "text", "en")


def test_own_number_is_a_self_reference(tables):
    from doclint.recognise.components import Component, Recognition

    rec = Recognition(number=Component("Số: 42/2025/QĐ-TTg", 0))
    blocks = [
        Block(0, "Số: 42/2025/QĐ-TTg"),
        Block(1, "(Kèm theo Quyết định số 42/2025/QĐ-TTg ngày 12/11/2025)"),
    ]
    res = extract(blocks, tables, rec)
    assert res.documents == []
    assert [m.kind for m in res.mentions] == ["self"]


def test_citation_broken_over_two_lines(tables):
    blocks = [
        Block(0, "Căn cứ Nghị định số 78/2025/NĐ-CP"),
        Block(1, "ngày 01 tháng 4 năm 2025 của Chính phủ quy định chi tiết một số điều;"),
    ]
    m = extract(blocks, tables).documents[0].first
    assert m.date.iso() == "2025-04-01" and m.date.block == 1
    assert m.issuer_text == "Chính phủ" and m.tail_block == 1


def test_nested_title_is_marked(tables):
    res = extract(
        [Block(0, "Căn cứ Nghị định số 187/2025/NĐ-CP ngày 01/7/2025 của Chính phủ sửa đổi, bổ sung một số điều "
                  "của Nghị định số 78/2025/NĐ-CP ngày 01/4/2025 của Chính phủ quy định chi tiết;")],
        tables,
    )  # fmt: skip
    assert [m.nested for m in res.mentions] == [False, True]


def test_issuer_in_caps_title_and_before_the_number(tables):
    m = one("THÔNG TƯ SỐ 15/2014/TT-BTNMT NGÀY 24 THÁNG 3 NĂM 2014 CỦA BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI "
            "TRƯỜNG QUY ĐỊNH VIỆC XÂY DỰNG", tables)  # fmt: skip
    assert m.issuer_text == "BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    m = one("Xét đề nghị của Bộ Tài chính tại Tờ trình số 1002/TTr-BTC ngày 26 tháng 12 năm 2025;", tables)
    assert m.issuer_text == "Bộ Tài chính"


def test_law_names_bounds(tables):
    def names(text):
        return [m.law_name for m in extract_block(text, 0, tables) if m.kind == "name"]

    assert names("theo Điều 61 Luật Ban hành văn bản quy phạm pháp luật thực hiện") == [
        "Ban hành văn bản quy phạm pháp luật"
    ]
    assert names("theo Luật An toàn, vệ sinh lao động về chế độ") == ["An toàn, vệ sinh lao động"]
    assert names("theo quy định của pháp luật Việt Nam và điều ước quốc tế") == []
    assert names("hoạt động theo Luật Doanh nghiệp không thuộc đối tượng") == ["Doanh nghiệp"]


def test_this_document_or_the_cited_one(tables):
    blocks = [
        Block(0, "Thực hiện Kế hoạch số 138/KH-UBND ngày 25/4/2026 của UBND tỉnh về việc triển khai."),
        Block(1, "Các đơn vị triển khai Kế hoạch này."),
    ]
    res = extract(blocks, tables, own_type="QUYẾT ĐỊNH")
    assert [m.kind for m in res.documents[0].mentions] == ["number", "anaphora"]
    res = extract(blocks, tables, own_type="KẾ HOẠCH")
    assert [m.kind for m in res.mentions] == ["number", "self"]


def test_extraction_is_linear_on_a_long_document(tables):
    """Four times the lines cost about four times the work (a ratio of CPU times within one run, with a
    generous bound for a shared machine; no wall-clock threshold)."""
    import time

    def lines(n: int) -> list[Block]:
        return [
            Block(i, f"Thực hiện Quyết định số {i}/QĐ-UBND ngày 01/02/2026 của UBND tỉnh về việc giao chỉ tiêu; "
                  f"Kết luận số {i}-KL/TW và Luật Đất đai, Quyết định nêu trên.")
            for i in range(n)
        ]  # fmt: skip

    def cost(blocks: list[Block]) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            res = extract(blocks, tables)
            best = min(best, time.process_time() - started)
        return best, res

    small, _ = cost(lines(300))
    large, res = cost(lines(1200))
    assert len(res.documents) == 2401
    assert (large + 0.01) / (small + 0.01) < 9


def test_cli_citations(run_cli, seed_path):
    if not seed_path.is_file():
        pytest.skip("shared/seeds absent")
    code, out = run_cli("citations", seed_path)
    assert code == 0 and "11 văn bản được viện dẫn" in out
    code, out = run_cli("citations", seed_path, "--format", "json")
    import json

    assert code == 0 and len(json.loads(out)["documents"]) == 11
    code, _ = run_cli("citations", seed_path, "--format", "xml")
    assert code == 2


# ----------------------------------------------------------------------------- shapes of real citations
# (issue 12, item 5; benchmarks/labels/CIT.tsv): invented examples of the shapes the corpus showed


def test_date_and_issuer_stated_before_the_citation(tables):
    m = one(
        "Ngày 18/12/2025, Cục Văn thư và Lưu trữ nhà nước có Văn bản số 1234/VTLTNN-NVTW gửi các bộ.", tables
    )
    assert (m.date.iso(), m.issuer_text, m.date_before) == (
        "2025-12-18",
        "Cục Văn thư và Lưu trữ nhà nước",
        True,
    )
    m = one(
        "Để chuẩn bị, ngày 02 tháng 3 năm 2026, Sở Tư pháp đã ban hành Kế hoạch số 9/KH-STP về việc rà soát.",
        tables,
    )
    assert (m.date.iso(), m.issuer_text, m.trich_yeu) == ("2026-03-02", "Sở Tư pháp", "về việc rà soát")
    # the day a letter was received is not its date
    assert (
        one("Ngày 02/3/2026 Ban nhận được công văn số 15/CV-ABC của Công ty về việc gia hạn.", tables).date
        is None
    )


def test_type_with_a_qualifier_or_a_subject_before_the_number(tables):
    m = one("Căn cứ Báo cáo thẩm định số 45/BC-STP ngày 02/3/2026 của Sở Tư pháp về dự thảo Quy chế;", tables)
    assert (m.type_word, m.issuer_text) == ("Báo cáo", "Sở Tư pháp")
    m = one(
        "Căn cứ Giấy phép sử dụng vật liệu nổ công nghiệp số 17/GP-BCT ngày 05/3/2026 của Bộ Công Thương;",
        tables,
    )
    assert m.type_word == "Giấy phép"
    m = one("theo Hướng dẫn về công tác thi học kỳ II năm học 2025-2026 số 12/HD-ĐT ngày 10/3/2026.", tables)
    assert (m.type_word, m.trich_yeu) == ("Hướng dẫn", "về công tác thi học kỳ II năm học 2025-2026")
    assert one("theo Chương trình hành động số 03-CTrHĐ/HU ngày 05/01/2026 của Huyện ủy.", tables).type_word
    # a type word that the number's abbreviation contradicts does not govern it
    assert one("Quyết định giao nhiệm vụ cho Sở số 12/KH-UBND ngày 01/3/2026.", tables).type_word is None


def test_enumerations_share_their_type(tables):
    found = [
        m
        for m in extract_block(
            "Căn cứ các Nghị định của Chính phủ: số 11/2026/NĐ-CP ngày 05/01/2026 quy định chi tiết Luật Nhà ở và "
            "Luật Đất đai; số 12/2026/NĐ-CP ngày 06/01/2026 quy định về xây dựng;",
            0,
            tables,
        )
        if m.kind == "number"
    ]
    assert [(m.type_word, m.issuer_text) for m in found] == [("Nghị định", "Chính phủ")] * 2
    found = [
        m
        for m in extract_block(
            "Công văn số 101/SNV-VP ngày 02/3/2026; số 102/SNV-VP ngày 03/3/2026 và số 103/SNV-VP ngày 04/3/2026 "
            "của Sở Nội vụ",
            0,
            tables,
        )
        if m.kind == "number"
    ]
    assert [m.type_word for m in found] == ["Công văn"] * 3 and [m.enumerated for m in found] == [
        False,
        True,
        True,
    ]


def test_issuer_names_that_run_into_the_subject(tables):
    m = one(
        "Căn cứ Nghị định số 20/2026/NĐ-CP ngày 01/02/2026 của Chính phủ Quy định chi tiết Luật Thủ đô;",
        tables,
    )
    assert (m.issuer_text, m.trich_yeu[:9]) == ("Chính phủ", "Quy định ")
    assert one(
        "Căn cứ Kế hoạch số 7/KH-UBND ngày 02/01/2026 của UBND TP.HCM về triển khai Đề án;", tables
    ).issuer_text == ("UBND TP.HCM")
    m = one(
        "chấp hành Quyết định số 9/2020/QĐ-UBND ngày 29/10/2020 của UBND tỉnh vào kế hoạch kiểm tra hằng năm.",
        tables,
    )
    assert m.issuer_text == "UBND tỉnh"
    m = one(
        "Thực hiện Kế hoạch số 5/KH-BGDĐT của Bộ Giáo dục và Đào tạo (GDĐT) ngày 05/02/2026 về việc khảo sát;",
        tables,
    )
    assert (m.date.iso(), m.trich_yeu) == ("2026-02-05", "về việc khảo sát")
    # "quy định:" introduces a quoted provision; it is not a trích yếu
    assert one("b) Khoản 4 Điều 19 Nghị định số 126/2024/NĐ-CP quy định:", tables).trich_yeu is None


def test_footnote_mark_and_footnote(tables):
    blocks = [
        Block(0, "Căn cứ Nghị định số 45/2025/NĐ-CP1, Sở Nội vụ báo cáo như sau:"),
        Block(1, "1. Về thẩm quyền"),
        Block(2, "1 Nghị định số 45/2025/NĐ-CP ngày 01/3/2025 của Chính phủ quy định về hội.", kind="footer"),
    ]
    doc = extract(blocks, tables).documents[0]
    m = doc.first
    assert (m.number_raw, m.footnote, m.date.iso(), m.issuer_text) == (
        "45/2025/NĐ-CP",
        "1",
        "2025-03-01",
        "Chính phủ",
    )
    assert m.trich_yeu == "quy định về hội"


def test_quotations_are_marked(tables):
    text = (
        "Công văn số 7/BNV-TCPCP quy định: “Thực hiện theo Điều 31 Nghị định số 126/NĐ-CP ngày 08/10/2024”."
    )
    found = [m for m in extract([Block(0, text)], tables).mentions if m.kind == "number"]
    assert [m.quoted for m in found] == [False, True]


def test_several_numbered_documents_in_one_file(tables):
    def decision(person: str) -> list[str]:
        return ["BỆNH VIỆN ĐA KHOA TỈNH X", "Số:      /QĐ-BV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "QUYẾT ĐỊNH", "Về việc chấm dứt hợp đồng lao động",
                "Căn cứ Quyết định số 47/QĐ-SYT ngày 23/4/2015 của Giám đốc Sở Y tế về Quy chế tổ chức của Bệnh viện;",
                f"Điều 1. Cho ông {person} nghỉ việc.", "GIÁM ĐỐC"]  # fmt: skip

    texts = decision("A") + decision("B")
    result = extract([Block(i, t) for i, t in enumerate(texts)], tables)
    assert [m.segment for m in result.mentions] == [0, 1]
    assert len(result.documents) == 2  # each decision cites on its own


def test_a_can_cu_section_inside_the_content(tables):
    texts = ["Tình hình năm 2025 theo Nghị quyết số 6-NQ/TU ngày 26/3/2021 của Tỉnh ủy về chuyển đổi số.",
             "I. CĂN CỨ LẬP KẾ HOẠCH",
             "- Nghị quyết số 6-NQ/TU ngày 26/3/2021 của Tỉnh ủy về chuyển đổi số giai đoạn 2021-2025.",
             "II. MỤC TIÊU"]  # fmt: skip
    mentions = extract([Block(i, t) for i, t in enumerate(texts)], tables).mentions
    assert [m.zone for m in mentions if m.kind == "number"] == ["body", "can_cu"]


def test_pdf_lines_read_as_blocks(tables):
    texts = ["- Các đồng chí thành viên Ban Chỉ đạo (Theo Quyết định",
             "số 23/QĐ-TTg ngày 20 tháng 10 năm 2025 của Thủ tướng Chính phủ);",
             "Căn cứ Thông tư số 13/2024/TT-BGDĐT ngày 30 tháng 10 năm 2024 của",
             "Bộ trưởng Bộ Giáo dục và Đào tạo quy định tiêu chuẩn xét thăng hạng;"]  # fmt: skip
    first, second = [m for m in extract([Block(i, t) for i, t in enumerate(texts)], tables).mentions]
    assert (first.type_word, first.has_so) == ("Quyết định", True)
    assert (second.issuer_text, second.trich_yeu, second.tail_block) == (
        "Bộ trưởng Bộ Giáo dục và Đào tạo",
        "quy định tiêu chuẩn xét thăng hạng",
        3,
    )


def test_citation_phrases_are_checked():
    from doclint.errors import ConfigError

    with pytest.raises(ConfigError):
        build_tables(tables={"citation_phrases": {"issuance_verbs": ["Ban hành"]}})
    with pytest.raises(ConfigError):
        build_tables(tables={"citation_phrases": {"issuer_synonyms": ["tỉnh ủy"]}})
    with pytest.raises(ConfigError):
        build_tables(tables={"citation_phrases": {"unknown": []}})


def test_defined_short_forms(tables):
    texts = [
        "Tạo chuyển biến theo Nghị quyết số 6-NQ/TU ngày 26/3/2021 của Tỉnh ủy về chuyển đổi số (Nghị quyết "
        "6-NQ/TU); đồng thời thúc đẩy sử dụng nền tảng số.",
        "Thực hiện các chỉ tiêu tại Nghị quyết 6-NQ/TU và sử dụng các nền tảng số.",
        "Căn cứ Quyết định số 8/QĐ-UBND ngày 21/8/2025 của Chủ tịch UBND tỉnh về thí điểm (gọi tắt là Quyết định "
        "số 8/QĐ-UBND); trong đó giao nhiệm vụ.",
    ]
    mentions = [
        m for m in extract([Block(i, t) for i, t in enumerate(texts)], tables).mentions if m.kind == "number"
    ]
    assert [m.short_form for m in mentions] == [False, True, True, False, True]


def test_subject_and_issuer_of_an_approval_before_the_number(tables):
    m = one(
        "Căn cứ Quy hoạch phát triển giao thông tỉnh X đến năm 2030 đã được Thủ tướng Chính phủ phê duyệt "
        "tại Quyết định số 51/QĐ-TTg ngày 31/3/2024;",
        tables,
    )
    assert (m.issuer_text, m.trich_yeu) == (
        "Thủ tướng Chính phủ",
        "Quy hoạch phát triển giao thông tỉnh X đến năm 2030",
    )


def test_whose_plan_is_not_an_issuer_and_a_draft_names_what_it_replaces(tables):
    m = one("Xây dựng kế hoạch thực hiện Quyết định số 78/QĐ-UBND của cơ quan, đơn vị, địa phương.", tables)
    assert m.issuer_text is None
    assert one(
        "Đề nghị góp ý dự thảo Nghị định thay thế Nghị định số 7/2013/NĐ-CP, gửi về Sở.", tables
    ).nested
    assert one("Để Nghị định thay thế Nghị định 7/2013/NĐ-CP đi vào thực tiễn, đề nghị góp ý.", tables).nested


def test_addressees_of_a_cong_dien_and_an_issuer_name_over_two_lines(tables):
    texts = ["VĂN PHÒNG CHÍNH PHỦ điện:", "- Các đồng chí thành viên Ban Chỉ đạo (Theo Quyết định",
             "số 23/QĐ-TTg ngày 20/10/2025 của Thủ tướng Chính phủ);", "Thực hiện ý kiến chỉ đạo của Thủ tướng.",
             "Căn cứ Kế hoạch số 29/KH-THPT ngày 14/11/2025 của Trường THPT",
             "Phước Bửu về truyền thông Cuộc thi khởi nghiệp năm học 2025-2026;"]  # fmt: skip
    first, second = [m for m in extract([Block(i, t) for i, t in enumerate(texts)], tables).mentions]
    assert first.zone == "recipients"
    assert (second.issuer_text, second.trich_yeu) == (
        "Trường THPT Phước Bửu",
        "về truyền thông Cuộc thi khởi nghiệp năm học 2025-2026",
    )


def test_legacy_encoded_text_and_a_header_read_across_columns(tables):
    tcvn3 = "- Th«ng b¸o sè 01/2011/TB-THC ngµy 05/12/2011 cña Toµ hµnh chÝnh tØnh B¾c Giang;"
    assert extract([Block(0, tcvn3)], tables).mentions == []
    m = one(
        "V/v phúc đáp Văn bản số 886/STTTT-VP của Sở TTTT tỉnh X CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập",
        tables,
    )
    assert m.issuer_text == "Sở TTTT tỉnh X"


def test_tasks_given_by_a_decision_are_not_its_subject(tables):
    m = one(
        "Trên cơ sở các nhiệm vụ được Chủ tịch UBND tỉnh giao tại Quyết định số 87/QĐ-UBND, Sở đã triển khai.",
        tables,
    )
    assert m.trich_yeu is None
