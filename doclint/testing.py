"""Build realistic administrative DOCX files with python-docx: the two-column header table, the body,
the Nơi nhận / signature table, page setup and a PAGE field in the header.

Used by the samples, the tests and the benchmarks, so that every fixture is made in code and says
exactly which defect it carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass
class Para:
    text: str
    bold: bool = False
    italic: bool = False
    size: float = 14
    align: str = "both"
    indent_cm: float | None = 1.27
    font: str | None = None
    color: str | None = None  # "FF0000"; None: automatic
    space_before: float = 6  # pt
    line_spacing: float = 1.0  # lines


@dataclass
class AdminDoc:
    """Everything a typical NĐ 30 document has; each field can be changed to seed a defect."""

    parent_body: str | None = None
    issuer: list[str] = field(default_factory=lambda: ["ỦY BAN NHÂN DÂN", "XÃ LIÊN MINH"])
    number: str = "Số:      /KH-UBND"
    vv: str | None = None
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tieu_ngu: str = "Độc lập - Tự do - Hạnh phúc"
    place_date: str = "Liên Minh, ngày      tháng 5 năm 2026"
    title: str | None = "KẾ HOẠCH"
    summary: list[str] = field(default_factory=list)
    authority_line: str | None = None
    kinh_gui: list[str] = field(default_factory=list)
    body: list[Para | str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=lambda: ["- Như trên;", "- Lưu: VT."])
    signature: list[str] = field(default_factory=lambda: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
    signer: str | None = "Nguyễn Văn An"
    appendix: list[Para | str] = field(default_factory=list)
    # page setup (mm) and typography
    page: tuple[float, float] = (210, 297)
    landscape: bool = False
    margins: tuple[float, float, float, float] = (20, 20, 30, 15)  # top, bottom, left, right
    font: str = "Times New Roman"
    body_size: float = 14
    page_number: str | None = "header"  # "header", "footer", or None
    number_first_page: bool = False
    # per component, Para attributes that differ from the NĐ 30 style (to seed a style defect):
    # quoc_hieu, tieu_ngu, issuer, parent_body, number, place_date, title, summary, body, recipients_label,
    # recipients, signature, signer — e.g. {"quoc_hieu": {"bold": False}}
    style: dict[str, dict] = field(default_factory=dict)


def _font(run, name: str, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def _para(container, para: Para, default_font: str) -> None:
    p = container.add_paragraph()
    p.alignment = ALIGN[para.align]
    fmt = p.paragraph_format
    fmt.space_before = Pt(para.space_before)
    fmt.space_after = Pt(0)
    fmt.line_spacing = para.line_spacing
    if para.indent_cm is not None and para.align == "both":
        fmt.first_line_indent = Cm(para.indent_cm)
    for i, line in enumerate(para.text.split("\n")):
        if i:
            p.add_run().add_break()
        run = p.add_run(line)
        _font(run, para.font or default_font, para.size, para.bold, para.italic)
        if para.color:
            run.font.color.rgb = RGBColor.from_string(para.color)


def _cell_lines(cell, lines: list[Para], default_font: str) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for line in lines:
        _para(cell, line, default_font)


def _no_borders(table) -> None:
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def add_field(paragraph, instr: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES…) as Word writes it: begin, instruction, separate, result, end."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, f" {instr} "),
        ("separate", None),
        (None, shown),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == f" {instr} ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)


def build_docx(spec: AdminDoc, path: Path) -> Path:
    def styled(part: str, para: Para) -> Para:
        return replace(para, **spec.style.get(part, {}))

    doc = new_document()
    section = doc.sections[0]
    width, height = spec.page
    if spec.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = max(width, height), min(width, height)
    section.page_width, section.page_height = Mm(width), Mm(height)
    top, bottom, left, right = spec.margins
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    style = doc.styles["Normal"]
    style.font.name = spec.font
    style.font.size = Pt(spec.body_size)

    if spec.page_number:
        section.different_first_page_header_footer = not spec.number_first_page
        target = section.header if spec.page_number == "header" else section.footer
        p = target.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_field(p, "PAGE", "2")

    # header table: issuing body + number (left), Quốc hiệu + Tiêu ngữ + date (right)
    header = doc.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    left: list[Para] = []
    if spec.parent_body:
        left.append(styled("parent_body", Para(spec.parent_body, size=13, align="center")))
    left += [styled("issuer", Para(line, bold=True, size=13, align="center")) for line in spec.issuer]
    right = (
        [styled("quoc_hieu", Para(spec.quoc_hieu, bold=True, size=13, align="center"))]
        if spec.quoc_hieu
        else []
    )
    if spec.tieu_ngu:
        right.append(styled("tieu_ngu", Para(spec.tieu_ngu, bold=True, size=14, align="center")))
    _cell_lines(header.cell(0, 0), left or [Para("", align="center")], spec.font)
    _cell_lines(header.cell(0, 1), right or [Para("", align="center")], spec.font)
    num_lines = (
        [styled("number", Para(spec.number, size=13, align="center"))]
        if spec.number
        else [Para("", align="center")]
    )
    if spec.vv:
        num_lines.append(Para(spec.vv, size=12, align="center"))
    _cell_lines(header.cell(1, 0), num_lines, spec.font)
    date = (
        [styled("place_date", Para(spec.place_date, italic=True, size=14, align="center"))]
        if spec.place_date
        else []
    )
    _cell_lines(header.cell(1, 1), date or [Para("", align="center")], spec.font)

    if spec.title:
        _para(doc, styled("title", Para(spec.title, bold=True, size=14, align="center")), spec.font)
    for line in spec.summary:
        _para(doc, styled("summary", Para(line, bold=True, size=14, align="center")), spec.font)
    if spec.authority_line:
        _para(doc, Para(spec.authority_line, bold=True, size=14, align="center"), spec.font)
    if spec.kinh_gui:
        first, *rest = spec.kinh_gui
        _para(doc, Para(f"Kính gửi: {first}", align="center", indent_cm=None), spec.font)
        for line in rest:
            _para(doc, Para(line, align="center", indent_cm=None), spec.font)
    for item in spec.body:
        para = item if isinstance(item, Para) else styled("body", Para(item, size=spec.body_size))
        _para(doc, para, spec.font)

    # footer table: Nơi nhận (left), signature (right)
    footer = doc.add_table(rows=1, cols=2)
    _no_borders(footer)
    left_lines = [
        styled(
            "recipients_label",
            Para("Nơi nhận:", bold=True, italic=True, size=12, align="left", indent_cm=None),
        )
    ]
    left_lines += [
        styled("recipients", Para(r, size=11, align="left", indent_cm=None)) for r in spec.recipients
    ]
    sig = [styled("signature", Para(line, bold=True, size=14, align="center")) for line in spec.signature]
    sig += [Para("", align="center")] * 3
    if spec.signer:
        sig.append(styled("signer", Para(spec.signer, bold=True, size=14, align="center")))
    _cell_lines(footer.cell(0, 0), left_lines if spec.recipients else [Para("", align="left")], spec.font)
    _cell_lines(footer.cell(0, 1), sig, spec.font)
    for item in spec.appendix:
        para = item if isinstance(item, Para) else Para(item, size=spec.body_size)
        _para(doc, para, spec.font)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def seed_blocks(text: str) -> dict[str, object]:
    """Split the seed plan's text into the parts of an AdminDoc (title, summary, body, recipients...)."""
    lines = [ln.strip().replace("**", "") for ln in text.splitlines() if ln.strip()]
    out: dict[str, object] = {}
    i = 0
    while i < len(lines) and lines[i] != "KẾ HOẠCH":
        if lines[i].startswith("Số"):
            out["number"] = lines[i]
        elif "ngày" in lines[i]:
            out["place_date"] = lines[i]
        i += 1
    out["title"] = lines[i]
    out["summary"] = [lines[i + 1]]
    body_end = lines.index("Nơi nhận:")
    body: list[str] = []
    for line in lines[i + 2 : body_end]:
        if body and line[:1].islower() and not re.match(r"^[a-zđ][).]\s", line):
            body[-1] = f"{body[-1]} {line}"
        else:
            body.append(line)
    out["body"] = body
    rest = lines[body_end + 1 :]
    out["recipients"] = [ln for ln in rest if ln.startswith("-")]
    tail = [ln for ln in rest if not ln.startswith("-")]
    out["signature"] = [ln for ln in tail if ln.isupper() or ln.startswith("TM.")]
    names = [ln for ln in tail if not (ln.isupper() or ln.startswith("TM."))]
    out["signer"] = names[-1] if names else None
    return out


# ------------------------------------------------------------------------------ rule examples as tests
# A rule's example_bad and example_good are put into a template document that is otherwise clean, and
# linted with only that rule selected: the bad one must fire, the good one must not.

_HEADER = {
    "issuer": "ỦY BAN NHÂN DÂN\nXÃ LIÊN MINH",
    "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "tieu_ngu": "Độc lập - Tự do - Hạnh phúc",
    "place_date": "Liên Minh, ngày 05 tháng 5 năm 2026",
    "kinh_gui": "",
    "can_cu": "",
    "appendix": "",
    "signature": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An",
}
# slot -> text of a clean document of each type; "body" holds {example} where a body example goes
EXAMPLE_TEMPLATES: dict[str, dict[str, str]] = {
    "KH": {
        **_HEADER,
        "number": "Số: 05/KH-UBND",
        "title": "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026",
        "content": "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức của cán bộ, công chức về cải cách hành chính.\n"
        "II. NỘI DUNG\nTổ chức tuyên truyền trên hệ thống loa truyền thanh của xã.\n{example}\n"
        "III. TỔ CHỨC THỰC HIỆN\n{end}",
        "end": "Giao Văn phòng Ủy ban nhân dân xã chủ trì, phối hợp với các đơn vị thực hiện Kế hoạch này "
        "trước ngày 30 tháng 6 năm 2026./.",
        "recipients": "Nơi nhận:\n- Ủy ban nhân dân tỉnh;\n- Văn phòng Ủy ban nhân dân xã;\n- Lưu: VT, VP.",
    },
    "CV": {
        **_HEADER,
        "number": "Số: 12/UBND-VP\nV/v tuyên truyền cải cách hành chính",
        "title": "",
        "kinh_gui": "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng.",
        "content": "Ủy ban nhân dân xã Liên Minh báo cáo kết quả tuyên truyền cải cách hành chính năm 2026 như "
        "sau.\n{example}\n{end}",
        "end": "Ủy ban nhân dân xã Liên Minh kính gửi Sở Nội vụ để xem xét, chỉ đạo./.",
        "recipients": "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.",
    },
    "QĐ": {
        **_HEADER,
        "number": "Số: 15/QĐ-UBND",
        "title": "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác cải cách hành chính\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LIÊN MINH",
        "can_cu": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
        "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân xã.\nQUYẾT ĐỊNH:",
        "content": "Điều 1. Thành lập Tổ công tác cải cách hành chính của xã.\n{example}\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n{end}",
        "end": "Điều 3. Chánh Văn phòng Ủy ban nhân dân xã và các thành viên Tổ công tác chịu trách nhiệm "
        "thi hành Quyết định này./.",
        "recipients": "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, VP.",
        "signature": "CHỦ TỊCH\nNguyễn Văn An",
    },
}
_ORDER = ("issuer", "number", "quoc_hieu", "tieu_ngu", "place_date", "title", "kinh_gui", "can_cu", "content",
          "recipients", "signature", "appendix")  # fmt: skip


def example_text(meta, which: str) -> str:
    """The plain-text document that carries ``meta``'s bad or good example (``which``)."""
    example = meta.example_bad if which == "bad" else meta.example_good
    slots = dict(EXAMPLE_TEMPLATES[meta.example_type])
    slot = meta.example_in
    if slot == "body":
        slots["content"] = slots["content"].replace("{example}", example)
    else:
        slots["content"] = slots["content"].replace("{example}\n", "")
        slots[slot] = example
    slots["content"] = slots["content"].replace("{end}", slots.pop("end"))
    lines: list[str] = []
    for name in _ORDER:
        for line in slots[name].split("\n"):
            if line.strip() and not (line.startswith("(") and line.endswith(")")):
                lines.append(line)  # a line wholly in brackets describes what is absent
    return "\n".join(lines) + "\n"


# the DOCX every style and layout example starts from: the KH template above, as Word would write it
def example_admin_doc(**changes) -> AdminDoc:
    base = dict(
        issuer=["ỦY BAN NHÂN DÂN", "XÃ LIÊN MINH"],
        number="Số: 05/KH-UBND",
        place_date="Liên Minh, ngày 05 tháng 5 năm 2026",
        title="KẾ HOẠCH",
        summary=["Tuyên truyền cải cách hành chính năm 2026"],
        body=[
            Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True, indent_cm=1.27),
            "Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính, góp phần xây dựng "
            "nền hành chính phục vụ, chuyên nghiệp, hiện đại trên địa bàn xã.",
            Para("II. NỘI DUNG", bold=True, indent_cm=1.27),
            "Tổ chức tuyên truyền trên hệ thống loa truyền thanh của xã và trang thông tin điện tử của Ủy ban "
            "nhân dân xã, mỗi tháng ít nhất hai lần trong năm 2026.",
            Para("III. TỔ CHỨC THỰC HIỆN", bold=True, indent_cm=1.27),
            "Giao Văn phòng Ủy ban nhân dân xã chủ trì, phối hợp với các đơn vị thực hiện Kế hoạch này trước "
            "ngày 30 tháng 6 năm 2026./.",
        ],
        recipients=["- Ủy ban nhân dân tỉnh;", "- Văn phòng Ủy ban nhân dân xã;", "- Lưu: VT, VP."],
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer="Nguyễn Văn An",
        margins=(20, 20, 30, 15),
    )
    return AdminDoc(**{**base, **changes})


def example_path(meta, which: str, folder: Path) -> Path:
    """Write the document carrying ``meta``'s bad or good example into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    if meta.example_docx:
        path = folder / f"{meta.code}-{which}.docx"
        return build_docx(example_admin_doc(**meta.example_docx.get(which, {})), path)
    path = folder / f"{meta.code}-{which}.txt"
    path.write_text(example_text(meta, which), encoding="utf-8")
    return path


def lint_example(meta, which: str, folder: Path) -> list:
    """The findings of ``meta``'s rule alone on the document carrying its bad or good example."""
    from doclint.config import Config
    from doclint.engine import lint_path

    path = example_path(meta, which, folder)
    result = lint_path(path, Config(select=(meta.code,), stage=meta.example_stage))
    return [f for f in result.findings if f.code == meta.code]
