"""Guards at the cause (issue 18): each crafted file of the reliability probe, built in code, is read in
bounded time and memory by the loader itself — the worker budgets are the second line, not the first."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from doclint.load import load
from doclint.load.docx import MAX_STYLE_DEPTH, MAX_TEXTBOX_DEPTH, Package
from doclint.load.numbering import MAX_LABEL, format_number, to_letter
from doclint.load.text import MAX_BLOCK_CHARS, MAX_MARKS
from doclint.testing_hostile import (
    combining_marks_txt,
    docx_bytes,
    glue_ngay_nam_txt,
    glue_short_lines_txt,
    num_ilvl_3e8,
    num_letter_1e11,
    num_lvltext_long,
    num_roman_1e9,
    para,
    sections_header,
    single_line_txt,
    style_chain,
    textbox_nest,
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _labels(doc) -> list[str]:
    return [b.para.numbering_label for b in doc.blocks if b.para and b.para.numbering_label]


# ------------------------------------------------------------------------------ numbering


def test_numbering_start_is_clamped(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "letter.docx", num_letter_1e11()))
    labels = _labels(doc)
    assert len(labels) == 20 and max(len(x) for x in labels) <= MAX_LABEL + 1
    doc = load(_write(tmp_path, "roman.docx", num_roman_1e9()))
    assert max(len(x) for x in _labels(doc)) <= MAX_LABEL


def test_numbering_level_past_nine_is_ignored(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "ilvl.docx", num_ilvl_3e8()))
    assert _labels(doc) == []
    assert len(doc.blocks) >= 20


def test_level_text_is_capped(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "lvltext.docx", num_lvltext_long()))
    assert max(len(x) for x in _labels(doc)) <= 256 * 3


def test_format_number_bounds() -> None:
    assert len(to_letter(10**11)) == MAX_LABEL
    assert format_number(10**9, "upperRoman") == str(10**9)
    assert format_number(4, "upperRoman") == "IV"
    assert to_letter(28) == "bb"


@pytest.mark.parametrize("value", ["NaN", "0x10", "3.4e38", "inf", "²", "-", ""])
def test_bad_numbers_do_not_refuse_the_document(tmp_path: Path, value: str) -> None:
    """One bad attribute is ignored (as elsewhere in the loader), not a DOC001 for the whole file."""
    levels = (
        f'<w:lvl w:ilvl="{value}"><w:start w:val="{value}"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="0"><w:start w:val="1"/><w:lvlText w:val="%1."/></w:lvl>'
    )
    numbering = (
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
        f'<w:lvlOverride w:ilvl="{value}"><w:startOverride w:val="{value}"/></w:lvlOverride></w:num></w:numbering>'
    )
    body = para("Một", f'<w:numPr><w:ilvl w:val="{value}"/><w:numId w:val="1"/></w:numPr>') + para(
        "Hai", '<w:spacing w:line="inf"/><w:ind w:left="1e400"/>'
    )
    body += f'<w:p><w:r><w:rPr><w:sz w:val="{value}"/></w:rPr><w:t>Ba</w:t></w:r></w:p>'
    body += f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr>{para("Bốn")}</w:tc></w:tr></w:tbl>'
    data = docx_bytes(body, {"numbering.xml": numbering}, {"rIdN": ("numbering", "numbering.xml")})
    doc = load(_write(tmp_path, "bad.docx", data))
    assert [b.text for b in doc.blocks] == ["Một", "Hai", "Ba", "Bốn"]


# ------------------------------------------------------------------------------ text boxes, styles, headers


@pytest.mark.parametrize("depth", [4, 16, 24])
def test_nested_text_boxes_read_each_paragraph_once(tmp_path: Path, depth: int) -> None:
    doc = load(_write(tmp_path, f"box{depth}.docx", textbox_nest(depth)))
    inner = [b for b in doc.blocks if b.text.startswith("Đoạn trong cùng")]
    boxes = [b for b in doc.blocks if b.text.startswith("Hộp ")]
    if depth <= MAX_TEXTBOX_DEPTH:
        assert len(inner) == 1 and len(boxes) == depth
    else:
        assert inner == [] and len(boxes) == MAX_TEXTBOX_DEPTH + 1
        assert any("lồng nhau" in w for w in doc.facts.warnings)


def test_style_chain_depth_and_cycle(tmp_path: Path) -> None:
    from doclint.load.docx import DocxReader, Package
    from doclint.load.guard import open_zip

    path = _write(tmp_path, "chain.docx", style_chain(5_000, 50))
    archive = open_zip(path)
    reader = DocxReader(Package(archive), path)
    assert len(reader.styles.chain("s4999")) == MAX_STYLE_DEPTH
    archive.close()
    doc = load(path)
    assert len(doc.blocks) >= 50
    cyclic = load(_write(tmp_path, "cycle.docx", style_chain(300, 20, cycle=True)))
    assert len(cyclic.blocks) >= 20


def test_header_part_parsed_once(tmp_path: Path, monkeypatch) -> None:
    calls: list[str] = []
    original = Package.xml

    def counting(self, name):
        calls.append(name)
        return original(self, name)

    monkeypatch.setattr(Package, "xml", counting)
    doc = load(_write(tmp_path, "sections.docx", sections_header(sections=300, header_kb=50)))
    assert calls.count("word/header1.xml") == 1
    assert len(doc.sections) == 300 and all(s.headers and s.headers[0].text for s in doc.sections)


# ------------------------------------------------------------------------------ plain text


def test_glued_lines_stay_bounded(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "glue.txt", glue_ngay_nam_txt(4_000)))
    assert max(len(b.text) for b in doc.blocks) <= MAX_BLOCK_CHARS
    doc = load(_write(tmp_path, "short.txt", glue_short_lines_txt(30_000)))
    assert max(len(b.text) for b in doc.blocks) <= MAX_BLOCK_CHARS


def test_one_huge_line_is_cut_at_spaces(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "line.txt", single_line_txt(1.0)))
    body = [b.text for b in doc.blocks if b.text.startswith("nội dung")]
    assert len(body) > 40 and max(len(t) for t in body) <= MAX_BLOCK_CHARS
    assert all(t.endswith("dung") for t in body[:-1])  # cut between words


def test_combining_marks_are_bounded(tmp_path: Path) -> None:
    doc = load(_write(tmp_path, "marks.txt", combining_marks_txt(20_000)))
    assert max(len(b.text) for b in doc.blocks) <= 40 + MAX_MARKS


def test_glue_still_joins_a_broken_date() -> None:
    from doclint.load.text import load_text

    path = Path(__file__).parent / "data" / "_glue.txt"
    try:
        path.write_text("Hà Nội, ngày 05 tháng 3 năm\n2026\nvà tiếp\n", encoding="utf-8")
        doc = load_text(path)
    finally:
        path.unlink(missing_ok=True)
    assert doc.blocks[0].text.startswith("Hà Nội, ngày 05 tháng 3 năm 2026")


def test_zip_names_are_what_the_builders_write(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.docx", textbox_nest(2))
    with zipfile.ZipFile(path) as zf:
        assert "word/document.xml" in zf.namelist()
