"""The Vietnamese text layer (doclint/vn) and the TXT rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_document
from doclint.load import load
from doclint.model import Block, Document, LoadFacts
from doclint.vn import chars, legacy
from doclint.vn.syllable import normalise_text, normalise_tone, parse, placed


def shared_dir() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        cand = parent / "shared"
        if (cand / "corpus").is_dir() or (cand / "seeds").is_dir():
            return cand
    return None


SHARED = shared_dir()
SEED = SHARED / "seeds" / "000_89dcc62694a11fe1.txt" if SHARED else None


def txt(findings, code):
    return [f for f in findings if f.code == code]


def lint_text(*paragraphs: str, **options) -> list:
    doc = Document(
        path="t.txt", format="txt", blocks=[Block(index=i, text=p) for i, p in enumerate(paragraphs)]
    )
    cfg = Config(select=("TXT",), options=tuple(options.items()))
    return lint_document(doc, cfg).findings


# ------------------------------------------------------------------ syllable model
VALID = (
    "gì gìn giếng gia giữ giường quốc quý quyết của hòa hoà thủy thuỷ khuya người yêu uyên tiên lý kỹ "
    "ghi ghế nghĩa xoong thuở rượu ngoài khuỷu khuấy muối kìa quái quả quên quyển chồng chéo chuyển "
    "phấn đấu họp kinh Đà CỘNG HÒA oanh hoặc khoẻ khỏe ạ ở ích yết"
)


@pytest.mark.parametrize("word", VALID.split(" "))
def test_valid_syllables(word):
    assert parse(word) is not None


@pytest.mark.parametrize(
    "word, why",
    [
        ("nghành", "ngh only before i, e, ê"),
        ("ghan", "gh only before i, e, ê"),
        ("ngi", "ng not before i"),
        ("ke", None),  # valid: kẻ, ke
        ("coa", "c takes no glide (qua)"),
        ("trườg", "no such coda"),
        ("quyêt", "stop coda with no tone"),
        ("hoc", "stop coda with no tone"),
        ("hỏc", "stop coda takes only sắc or nặng"),
        ("tóan", "tone on the wrong vowel"),
        ("cuả", "tone on the wrong vowel"),
        ("tyên", "iê after an onset"),
        ("facebook", "not Vietnamese"),
        ("hóà", "two tone marks"),
    ],
)
def test_invalid_syllables(word, why):
    if why is None:
        assert parse(word) is not None
    else:
        assert parse(word) is None, why


def test_parts_and_tone():
    s = parse("Người")
    assert (s.onset, s.rhyme, s.tone, s.coda) == ("ng", "ươi", 1, "")
    s = parse("quyết")
    assert (s.onset, s.rhyme, s.tone, s.coda) == ("qu", "yêt", 2, "t")
    assert parse("giếng").onset == "gi"


def test_tone_placement_styles():
    assert parse("hoà").placement == "new"
    assert parse("hòa").placement == "old"
    assert parse("thuý").placement == "new"
    assert parse("thúy").placement == "old"
    assert parse("hoàn").placement is None  # with a coda both styles agree
    assert parse("quý").placement is None  # qu: the u belongs to the onset
    assert normalise_tone("hòa", "new") == "hoà"
    assert normalise_tone("Thuỷ", "old") == "Thủy"
    assert normalise_text("Cộng hòa, thủy lợi, khỏe", "new") == "Cộng hoà, thuỷ lợi, khoẻ"
    assert placed("tóan") == "toán" and placed("cuả") == "của"


# ------------------------------------------------------------------ unicode and legacy
def test_confusables():
    kinds = {c.kind for c in chars.find("Nghị định 30/2020/NÐ-CP, Việ\u200bt, Cộ\u00a0ng, Vіệt")}
    assert kinds == {"eth", "zero-width", "nbsp", "mixed-script"}
    assert chars.find("Điều\u00a05") == []  # a no-break space between words is fine


def test_legacy_conversion():
    assert (
        legacy.tcvn3_to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    )
    assert legacy.tcvn3_to_unicode("céng hoµ", caps=True) == "CỘNG HOÀ"
    assert (
        legacy.vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
        == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert legacy.vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert legacy.font_encoding(".VnTime") == "tcvn3" and legacy.font_encoding("VNI-Times") == "vni"
    assert legacy.font_encoding("Times New Roman") is None
    assert legacy.detect("Céng hoµ x· héi chñ nghÜa ViÖt Nam")[0] == "tcvn3"
    assert legacy.detect("Cộng hòa xã hội chủ nghĩa Việt Nam, café") is None


TCVN3_TEXT = [
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "QuyÕt ®Þnh vÒ viÖc thµnh lËp Héi ®ång thÈm ®Þnh cña tØnh",
    "C¸c c¬ quan, ®¬n vÞ cã tr¸ch nhiÖm thi hµnh QuyÕt ®Þnh nµy.",
]
VNI_TEXT = [
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc",
    "Quyeát ñònh veà vieäc thaønh laäp Hoäi ñoàng thaåm ñònh cuûa tænh",
    "Caùc cô quan, ñôn vò coù traùch nhieäm thi haønh Quyeát ñònh naøy.",
]


def _legacy_docx(tmp_path: Path, font: str, lines: list[str]) -> Path:
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    d = docx.Document()
    for line in lines:
        run = d.add_paragraph().add_run(line)
        run.font.name = font
        rfonts = run._element.rPr.rFonts
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attr), font)
    path = tmp_path / f"{font.strip('.')}.docx"
    d.save(path)
    return path


@pytest.mark.parametrize(
    "font, lines, reading",
    [
        (".VnTime", TCVN3_TEXT, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("VNI-Times", VNI_TEXT, "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ],
)
def test_legacy_docx_reported_once(tmp_path, font, lines, reading):
    doc = load(_legacy_docx(tmp_path, font, lines))
    findings = lint_document(doc, Config(select=("TXT",))).findings
    legacy_f = txt(findings, "TXT002")
    assert len(legacy_f) == 1
    assert reading in legacy_f[0].vi and reading in legacy_f[0].suggestion
    assert [f.code for f in findings if f.code != "TXT002"] == []


def test_tcvn3_soft_hyphen_is_u_horn(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    for line in TCVN3_TEXT:
        d.add_paragraph().add_run(line).font.name = ".VnTime"
    # Word keeps the TCVN3 byte 0xAD (ư) as a soft-hyphen element: "®" <w:softHyphen/> "îc" = "được"
    p = d.add_paragraph()
    run = p.add_run("C¸c ®")
    run.font.name = ".VnTime"
    run._element.append(OxmlElement("w:softHyphen"))
    tail = OxmlElement("w:t")
    tail.text = "îc giao nhiÖm vô thùc hiÖn."
    run._element.append(tail)
    rfonts = run._element.rPr.rFonts
    rfonts.set(qn("w:hAnsi"), ".VnTime")
    path = tmp_path / "sh.docx"
    d.save(path)
    doc = load(path)
    assert "C¸c ®\u00adîc" in doc.blocks[-1].text
    assert legacy.tcvn3_to_unicode(doc.blocks[-1].text) == "Các được giao nhiệm vụ thực hiện."


# ------------------------------------------------------------------ rules on text
def test_legacy_text_by_content_once_and_rest_still_checked():
    # a Unicode document with one pasted TCVN3 paragraph: one TXT002, no spelling noise from it,
    # and the Unicode paragraphs are still checked
    found = lint_text(
        "Các Các cơ quan thực hiện nghiêm túc kế hoạch này.",
        "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc việc "
        "thực hiện kế hoạch, tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.",
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam, ®éc lËp tù do h¹nh phóc, c¸c c¬ quan thùc hiÖn.",
    )
    assert sorted(f.code for f in found) == ["TXT002", "TXT003"]
    legacy_f = txt(found, "TXT002")[0]
    assert legacy_f.location.block == 2 and "Cộng hoà xã hội chủ nghĩa Việt Nam" in legacy_f.suggestion


def test_every_lexicon_syllable_round_trips():
    from doclint.vn import lexicon

    lex = lexicon.get()
    checked = 0
    for syl in lex.syllables:
        s = parse(syl)
        if s is None:
            continue
        checked += 1
        old, new = s.render("old"), s.render("new")
        assert parse(old) is not None and parse(new) is not None, syl
        assert (parse(old).base, parse(old).tone) == (s.base, s.tone) == (parse(new).base, parse(new).tone)
        assert normalise_tone(old, "new") == new
    assert checked > 6000


def test_lexicon_loaded_only_for_word_rules():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from doclint.config import Config\n"
        "from doclint.engine import lint_document\n"
        "from doclint.model import Block, Document\n"
        "doc = Document(path='t.txt', format='txt', blocks=[Block(index=0, text='Các  cơ quan , đơn vị.')])\n"
        "lint_document(doc, Config(select=('TXT004', 'TXT008')))\n"
        "print('doclint.vn.lexicon' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_doubled_word_and_reduplication():
    found = txt(lint_text("a) Các Các cơ quan, đơn vị nghiên cứu bổ sung tiêu chí."), "TXT003")
    assert len(found) == 1 and found[0].suggestion == "Các"
    ok = "Ngày ngày người người thi đua; xử lý hành vi vi phạm trong trường hợp hợp đồng hết hạn."
    assert txt(lint_text(ok), "TXT003") == []


def test_invalid_syllable_suggestions():
    found = txt(lint_text("Các nghành, các cấp cần quyêt định sớm việc xây trườg học mới cho xã."), "TXT006")
    assert [f.suggestion for f in found] == ["ngành", "quyết", "trường"]
    # codes, acronyms, units, foreign words and names are left alone
    clean = "Theo Kế hoạch số 138/KH-UBND của UBND tỉnh Đắk Lắk, họp online qua Zoom 2 km, HĐND xã Krông Nô."
    assert txt(lint_text(clean), "TXT006") == []


def test_no_findings_on_codes_names_links():
    found = lint_text(
        "Xem tại www.chinhphu.vn hoặc gửi thư tới vanthu@lamdong.gov.vn; đường dẫn https://dichvucong.gov.vn/p/home.",
        "Sở Tài chính tỉnh Gia Lai; bà Nguyễn Thị Hồng Nhung; hệ thống VNeID, iPhone, Wi-Fi, COVID-19, Km113+800.",
    )
    assert found == []
    # a heading in capitals is checked like any text
    found = txt(lint_text("KẾ HOẠCH PHÁT TRIỂN NGHÀNH GIÁO DỤC"), "TXT006")
    assert [f.suggestion for f in found] == ["NGÀNH"]


def test_real_word_general_mechanism(monkeypatch):
    from doclint.vn import lexicon

    lex = lexicon.get()
    monkeypatch.setattr(lex, "confusions", [])  # the general mechanism alone, without the curated list
    found = txt(lint_text("Khắc phục tình trạng chông chéo, bảo đảm kin phí và bồi dưởng cán bộ."), "TXT007")
    assert [f.suggestion for f in found] == ["chồng chéo", "kinh phí", "bồi dưỡng"]


def test_tone_style():
    # the same word both ways: reported once, towards the placement used more often
    mixed = "Cộng hòa xã hội chủ nghĩa Việt Nam; hòa giải, hoà nhập và thỏa thuận."
    found = txt(lint_text(mixed), "TXT005")
    assert len(found) == 1 and found[0].suggestion == "hòa" and "hoà/hòa" in found[0].vi
    # different words placed differently are tolerated (NĐ 30 itself writes CỘNG HÒA and thoả)
    assert txt(lint_text("Cộng hòa và thoả thuận."), "TXT005") == []
    # a house style is enforced when configured
    found = txt(lint_text("Cộng hòa và hòa giải.", **{"tone-style": "new"}), "TXT005")
    assert len(found) == 1 and found[0].suggestion == "hoà"


def test_spacing():
    found = txt(
        lint_text("Trên trang mạng xã hội Facebook,... và hệ thống loa , của thôn,xóm ( nếu có)  đầy đủ."),
        "TXT004",
    )
    assert len(found) == 5


def test_nfc_and_confusable_rules():
    doc = Document(
        path="t.txt",
        format="txt",
        blocks=[Block(index=0, text="Căn cứ Nghị định số 30/2020/NÐ-CP của Chính phủ về công tác văn thư.")],
        facts=LoadFacts(non_nfc_blocks=2),
    )
    found = lint_document(doc, Config(select=("TXT",))).findings
    assert len(txt(found, "TXT001")) == 1 and "2" in txt(found, "TXT001")[0].vi
    assert [f.suggestion for f in txt(found, "TXT008")] == ["30/2020/NĐ-CP"]


# ------------------------------------------------------------------ the seed plan
@pytest.mark.skipif(SEED is None or not SEED.exists(), reason="shared/seeds not available")
def test_seed_plan_six_errors():
    doc = load(SEED)
    found = lint_document(doc, Config(select=("TXT",))).findings
    got = {
        (f.code, doc.blocks[f.location.block].text[f.location.start : f.location.end], f.suggestion)
        for f in found
    }
    expected = {
        ("TXT007", "chuyên đổi số", "chuyển đổi số"),
        ("TXT007", "chông chéo", "chồng chéo"),
        ("TXT007", "chòng chéo", "chồng chéo"),
        ("TXT007", "Phân đầu", "Phấn đấu"),
        ("TXT007", "hợp trực tuyến", "họp trực tuyến"),
        ("TXT003", "Các Các", "Các"),
    }
    assert expected <= got
    spelling = [f for f in found if f.code in ("TXT003", "TXT006", "TXT007")]
    assert len(spelling) == len(expected), [(f.code, f.excerpt) for f in spelling]


# ------------------------------------------------------------------ TXT007 precision (issue 12)
def test_real_word_errors_not_across_word_boundaries():
    # two words side by side are not one misspelt pair: neo đậu | tránh trú, khâu nối | dùng trong,
    # cô | sở hữu; both tủ điện and tụ điện are real terms
    clean = lint_text(
        "Các tàu cá neo đậu tránh trú bão tại cảng trước 17 giờ.",
        "Bệnh viện mua sắm dụng cụ khâu nối dùng trong phẫu thuật tim.",
        "Lắp đặt tủ điện tại trụ sở mới của xã.",
        "Nữ ca sĩ được mời giao lưu; cô sở hữu giọng hát riêng.",
    )
    assert txt(clean, "TXT007") == []


def test_real_word_errors_leave_names_at_the_start_of_a_cell():
    # a name that opens a table cell has no left neighbour to support a correction (Phan → Phân)
    found = lint_text("Phan Văn Hai", "La Thị Mai", "Đinh Văn Tú", "Trường Đại học Việt – Hàn về việc thi")
    assert txt(found, "TXT007") == []
    # while a misspelling inside a sentence is still found from both neighbours
    found = lint_text("Đề nghị Thủ tướng Chinh phủ xem xét; các xã trển địa bàn tỉnh thực hiện.")
    assert [f.suggestion for f in txt(found, "TXT007")] == ["Chính", "trên"]


def test_term_and_loanword_lists_are_valid():
    import unicodedata

    from doclint.vn.lexicon import data_dir, read_list

    terms = read_list(data_dir() / "terms.txt")
    loans = read_list(data_dir() / "loanwords.txt")
    for entries in (terms, loans):
        assert entries and len(entries) == len(set(entries))
        for e in entries:
            assert e == unicodedata.normalize("NFC", e) and e == e.lower(), e
    for t in terms:
        assert " " in t and all(parse(s) is not None for s in t.split(" ")), t
    for w in loans:
        assert " " not in w and parse(w) is None, w


def test_real_word_error_inside_a_name():
    # “Đào tào” in the name of a body: the lower-case syllable the official texts never use, one mark away
    # from a pair they use all the time (đào tạo) — while a person's name is left alone
    found = lint_text("Sở Giáo dục và Đào tào tỉnh tổ chức hội nghị.")
    assert [f.suggestion for f in txt(found, "TXT007")] == ["Đào tạo"]
    assert txt(lint_text("Ông Đinh Công Tráng, bà Lê Thị Thảo, ông Nguyễn Văn Hoà tham dự."), "TXT007") == []


def test_strip_marks_and_symbols_next_to_a_word():
    from doclint.vn.syllable import strip_marks
    from doclint.vn.wordctx import touches_symbol

    assert strip_marks("Đường hoà thuận") == "Duong hoa thuan"
    assert strip_marks("Tie\u0302\u0301ng") == "Tieng"  # decomposed marks too
    assert strip_marks("") == ""
    assert touches_symbol("diện tích 5 m² đất", 12, 14)  # a letter-like digit inside the word
    assert not touches_symbol("người tốt", 0, 5)
