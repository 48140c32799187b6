"""The citation engine on hand-written snippets and on the seed plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cpu_bounded

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

    lines = [
        f"Thực hiện Quyết định số {i}/QĐ-UBND ngày 01/02/2026 của UBND tỉnh về việc giao chỉ tiêu; "
        f"Kết luận số {i}-KL/TW và Luật Đất đai, Quyết định nêu trên."
        for i in range(2000)
    ]
    with cpu_bounded(20):
        res = extract([Block(i, t) for i, t in enumerate(lines)], tables)
    assert len(res.documents) == 4001


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


def test_quick_tests_before_the_patterns_hold():
    """extract_block and _law_names skip a block without the characters their patterns need: every
    alternative of the law-name head holds one of the words tested first, and each number pattern
    starts with a digit and needs its separator."""
    import re

    from doclint.analysis import citations as c

    heads = re.search(r"\(\?P<t>([^)]*)\)", c._LAW_HEAD.pattern).group(1).split("|")
    assert heads and all(any(w in h for w in c._LAW_HEAD_WORDS) for h in heads)
    tables = build_tables(load_pack())
    text = "Luật Đất đai; Nghị định số 30/2020/NĐ-CP, Nghị định 30-2020-NĐ-CP, Kết luận 226-KL/TW, 534/QĐ-TTg"
    found = extract_block(text, 0, tables)
    assert len([m for m in found if m.kind == "number"]) == 4
    assert any(m.kind != "number" for m in found)  # the law's name


def test_anaphora_found_fast_as_the_exact_pattern():
    """_anaphora skips a block without any word of the anaphora tail, and scans with the pattern minus its
    look-behind: the matches must be those of the exact pattern, also when a type name is glued to a word."""
    import re

    from doclint.analysis import citations as c

    tails = re.search(r"\(\?P<a>([^)]*)\)", c._ANAPHORA_TAIL.pattern).group(1).split("|")
    assert tails and all(any(w in t for w in c._ANAPHORA_WORDS) for t in tails)
    exact, loose = c._anaphora_patterns(build_tables(load_pack()).type_names)
    for text in (
        "Kế hoạch này thay thế Quyết định nêu trên.",
        "XKế hoạch này; Quyết định này",  # glued: the exact pattern skips the first
        "Văn bảnKế hoạch này",
        "không có gì",
        "Kế hoạch\tnày và Thông tư đã dẫn",
    ):
        assert [m.span() for m in c._anaphora_matches(text, exact, loose)] == [
            m.span() for m in exact.finditer(text)
        ]


def test_legacy_encoded_blocks():
    from doclint.analysis.citations import legacy_encoded

    assert legacy_encoded("Th«ng b¸o sè 12 ngµy")
    assert not legacy_encoded("Thông báo số 12 ngày")
    assert not legacy_encoded("§ 3")  # one symbol is not an encoding
