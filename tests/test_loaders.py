"""DOCX and text loaders: effective formatting, tables, text boxes, sections, headers, NFC."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

from docx import Document as new_document
from docx.shared import Pt

from doclint.load import load
from doclint.testing import AdminDoc, build_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_style_resolution_and_sections(tmp_path: Path) -> None:
    spec = AdminDoc(body=["Nội dung chính của kế hoạch./."], margins=(20, 20, 30, 15))
    doc = load(build_docx(spec, tmp_path / "a.docx"))
    section = doc.sections[0]
    assert round(section.page_width_mm) == 210 and round(section.page_height_mm) == 297
    assert round(section.margin_left_mm) == 30 and round(section.margin_right_mm) == 15
    assert section.title_page is True
    page_header = next(h for h in section.headers if h.kind == "header" and h.variant == "default")
    assert page_header.has_page_field and page_header.alignment == "center"
    qh = next(b for b in doc.blocks if b.text.startswith("CỘNG HÒA"))
    assert qh.table is not None and qh.table.col == 1
    fmt = qh.runs[0].fmt
    assert fmt.bold is True and fmt.size_pt == 13 and fmt.font == "Times New Roman"
    body = next(b for b in doc.blocks if b.text.startswith("Nội dung"))
    assert body.para.alignment == "both" and abs(body.para.first_line_indent_mm - 12.7) < 0.1


def test_inherited_formatting_from_styles(tmp_path: Path) -> None:
    document = new_document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    heading = document.styles.add_style("TieuDe", 1)
    heading.base_style = style
    heading.font.bold = True
    document.add_paragraph("Thường")
    document.add_paragraph("Đậm theo kiểu", style="TieuDe")
    path = tmp_path / "s.docx"
    document.save(str(path))
    doc = load(path)
    plain, bold = doc.blocks
    assert plain.runs[0].fmt.font == "Arial" and plain.runs[0].fmt.size_pt == 11
    assert bold.runs[0].fmt.bold is True and bold.runs[0].fmt.font == "Arial"


def _docx_with_body(path: Path, body_xml: str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "word/document.xml",
            f'<w:document {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            f"<w:body>{body_xml}</w:body></w:document>",
        )
    return path


def test_text_box_read_once_without_fallback(tmp_path: Path) -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent>"
    xml = (
        "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    doc = load(_docx_with_body(tmp_path / "tb.docx", xml))
    texts = [b.text for b in doc.blocks]
    assert texts.count("Trong hộp") == 1
    assert [b.kind for b in doc.blocks] == ["paragraph", "textbox"]
    assert doc.facts.has_text_boxes


def test_fields_deleted_text_and_breaks(tmp_path: Path) -> None:
    xml = (
        "<w:p><w:r><w:t>A</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>"
        "<w:r><w:br/><w:t>B</w:t></w:r></w:p>"
    )
    doc = load(_docx_with_body(tmp_path / "f.docx", xml))
    assert doc.blocks[0].text == "A7\nB"


def test_non_nfc_is_normalised_and_recorded(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Kế hoạch")
    xml = f"<w:p><w:r><w:t>{decomposed}</w:t></w:r></w:p>"
    doc = load(_docx_with_body(tmp_path / "nfd.docx", xml))
    assert doc.blocks[0].text == "Kế hoạch"
    assert doc.facts.non_nfc_blocks == 1


def test_text_loader_joins_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "Số: \n77/2025/TT-BNNMT\nHà Nội, ngày \n29 \ntháng \n12\n năm 202\n5\n"
        "Không ban hành văn bản để chỉ đạo\n\ntrong văn bản của cấp trên.\na) Một điểm\n",
        encoding="utf-8",
    )
    texts = [b.text for b in load(path).blocks]
    assert texts[0] == "Số: 77/2025/TT-BNNMT"
    assert texts[1] == "Hà Nội, ngày 29 tháng 12 năm 2025"
    assert texts[2] == "Không ban hành văn bản để chỉ đạo trong văn bản của cấp trên."
    assert texts[3] == "a) Một điểm"


def test_text_loader_legacy_encodings(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Kính gửi: Sở Nội vụ".encode("utf-16"))
    assert load(path).blocks[0].text == "Kính gửi: Sở Nội vụ"
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", "Quyết định"), encoding="utf-8")
    doc = load(nfd)
    assert doc.blocks[0].text == "Quyết định" and doc.facts.non_nfc_blocks == 1


def test_word_list_numbering_labels(tmp_path: Path) -> None:
    numbering = (
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )

    def para(text: str, level: int) -> str:
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r></w:p>")  # fmt: skip

    path = tmp_path / "num.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="n" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'numbering" Target="numbering.xml"/></Relationships>',
        )
        zf.writestr("word/numbering.xml", numbering)
        body = para("Mục đích", 0) + para("Một", 1) + para("Hai", 1) + para("Tổ chức", 0) + para("Ba", 1)
        zf.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    labels = [b.para.numbering_label for b in load(path).blocks]
    assert labels == ["I.", "a)", "b)", "II.", "a)"]


def test_run_and_paragraph_properties_read_as_find_would(tmp_path: Path) -> None:
    """The one-pass readers take the first child of each tag wherever it sits, and key the format
    caches on what they read: the ascii and cs font slots stay distinct, child order does not matter."""
    xml = (
        # a second w:b and a second w:rFonts are ignored; w:cs is not the ascii font
        '<w:p><w:r><w:rPr><w:b w:val="0"/><w:rFonts w:cs="Arial"/><w:b/><w:rFonts w:ascii="Tahoma"/></w:rPr>'
        "<w:t>A</w:t></w:r>"
        # the same properties in another order and with unread children: one shared format
        '<w:r><w:rPr><w:lang w:val="vi-VN"/><w:rFonts w:cs="Arial"/><w:b w:val="0"/></w:rPr><w:t>B</w:t></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="26"/><w:u/></w:rPr><w:t>C</w:t></w:r></w:p>'
        # the bottom border of the second w:pBdr; the first w:ilvl; w:jc read once
        '<w:p><w:pPr><w:pBdr><w:top w:val="single"/></w:pBdr><w:pBdr><w:bottom w:val="single"/></w:pBdr>'
        '<w:jc w:val="center"/><w:jc w:val="right"/><w:ind w:hanging="0" w:firstLine="567"/></w:pPr>'
        "<w:r><w:t>D</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pBdr><w:bottom w:val="nil"/></w:pBdr></w:pPr><w:r><w:t>E</w:t></w:r></w:p>'
    )
    doc = load(_docx_with_body(tmp_path / "props.docx", xml))
    a, b, c = (run.fmt for run in doc.blocks[0].runs)
    assert a.bold is False and a.font is None and b == a
    assert b is a  # one cache entry: the same properties read
    assert c.font == "Arial" and c.size_pt == 13 and c.underline is True and c is not a
    d, e = doc.blocks[1].para, doc.blocks[2].para
    assert d.has_bottom_border and d.alignment == "center" and abs(d.first_line_indent_mm - 10.0) < 0.01
    assert not e.has_bottom_border


def test_soft_hyphen_depends_on_the_run_font(tmp_path: Path) -> None:
    """A w:softHyphen is the letter "ư" in a TCVN3 run, whichever side of the w:rPr it sits, and
    nothing in a Unicode run (a run with only that makes no text)."""
    xml = (
        '<w:p><w:r><w:t>A</w:t><w:softHyphen/><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr><w:t>B</w:t><w:softHyphen/><w:t>C</w:t></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr><w:softHyphen/></w:r></w:p>'
    )
    block = load(_docx_with_body(tmp_path / "soft.docx", xml)).blocks[0]
    assert block.text == "A\u00adBC"
    assert [(run.start, run.end) for run in block.runs] == [(0, 2), (2, 4)]
