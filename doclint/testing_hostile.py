"""Crafted hostile files, built in code (issue 18, ``reliability-probe.md``): each one is a few lines
and a few KB, and cost unbounded time or memory before the guards. Used by the tests, by
``benchmarks/hostile.py`` (time and peak memory of each) and by ``benchmarks/fuzz.py``.

``build_all(folder)`` writes every one of them and returns their paths.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from doclint.load.pdfbytes import pdf_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V_NS = "urn:schemas-microsoft-com:vml"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
HEAD = [
    "ỦY BAN NHÂN DÂN",
    "XÃ LIÊN MINH",
    "Số: 12/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Liên Minh, ngày 05 tháng 5 năm 2026",
    "KẾ HOẠCH",
    "Triển khai nhiệm vụ năm 2026",
]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, ppr: str = "", inner: str = "") -> str:
    run = f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}{inner}</w:p>"


def docx_bytes(
    body: str, parts: dict[str, str] | None = None, rels: dict[str, tuple[str, str]] | None = None
) -> bytes:
    """A minimal DOCX: ``body`` (inner XML of w:body), extra parts under ``word/`` and relationships
    ``{rId: (type suffix, target)}`` of the main part."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}"><w:body>{body}</w:body></w:document>'
    )
    rel_xml = "".join(
        f'<Relationship Id="{rid}" Type="{DOC_REL}/{kind}" Target="{target}"/>'
        for rid, (kind, target) in (rels or {}).items()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/document.xml", document)
        zf.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}'
            "</Relationships>",
        )
        for name, xml in (parts or {}).items():
            zf.writestr(f"word/{name}", xml)
    return buffer.getvalue()


def _head() -> str:
    return "".join(para(t) for t in HEAD)


def _numbering(levels: str) -> str:
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def _numbered_doc(levels: str, ilvl: str = "0", paragraphs: int = 20) -> bytes:
    body = _head() + "".join(
        para(f"Nội dung mục {i}.", f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>')
        for i in range(paragraphs)
    )
    return docx_bytes(body, {"numbering.xml": _numbering(levels)}, {"rIdN": ("numbering", "numbering.xml")})


def num_letter_1e11() -> bytes:
    """List numbering starting at 100,000,000,000 in lowerLetter: a 3.8 G-character label."""
    return _numbered_doc(
        '<w:lvl w:ilvl="0"><w:start w:val="100000000000"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1)"/></w:lvl>'
    )


def num_roman_1e9() -> bytes:
    """upperRoman starting at 1,000,000,000: a million-character label per paragraph."""
    return _numbered_doc(
        '<w:lvl w:ilvl="0"><w:start w:val="1000000000"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
    )


def num_ilvl_3e8() -> bytes:
    """A list level of 300,000,000, defined and used: ``range(ilvl + 1)`` per paragraph."""
    return _numbered_doc(
        '<w:lvl w:ilvl="300000000"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%300000001."/></w:lvl>',
        ilvl="300000000",
    )


def num_lvltext_long() -> bytes:
    """A level text of 200,000 placeholders."""
    return _numbered_doc(
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{"%1" * 200_000}"/></w:lvl>'
    )


def textbox_nest(depth: int = 16) -> bytes:
    """Text boxes nested ``depth`` deep: the innermost paragraph was read 2^(depth-1) times."""
    inner = para("Đoạn trong cùng của hộp văn bản.")
    for level in range(depth):
        box = f"<w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict>"
        inner = f"<w:p><w:r><w:t>Hộp {level}</w:t></w:r><w:r>{box}</w:r></w:p>"
    return docx_bytes(_head() + inner)


def style_chain(length: int = 20_000, users: int = 2_000, cycle: bool = False) -> bytes:
    """A ``basedOn`` chain ``length`` long (or a cycle) used by ``users`` paragraphs."""
    styles = []
    for i in range(length):
        first = f'<w:basedOn w:val="s{length - 1}"/>' if cycle else ""
        based = f'<w:basedOn w:val="s{i - 1}"/>' if i else first
        styles.append(
            f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="S{i}"/>{based}'
            f'<w:rPr><w:sz w:val="{26 + i % 3}"/></w:rPr></w:style>'
        )
    xml = f'<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
    body = _head() + "".join(
        para(f"Nội dung {i}.", f'<w:pStyle w:val="s{length - 1}"/>') for i in range(users)
    )
    return docx_bytes(body, {"styles.xml": xml}, {"rIdS": ("styles", "styles.xml")})


def sections_header(sections: int = 5_000, header_kb: int = 500) -> bytes:
    """``sections`` section breaks pointing at one ~0.5 MB header: re-parsed per section."""
    line = para("Trang đầu " + "x" * 80)
    header = f'<w:hdr xmlns:w="{W_NS}">{line * (header_kb * 1024 // len(line))}</w:hdr>'
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>'
    body = _head() + "".join(para(f"Phần {i}.", sect) for i in range(sections))
    return docx_bytes(body, {"header1.xml": header}, {"rIdH": ("header", "header1.xml")})


def date_line_spaces(spaces: int = 4_000) -> bytes:
    """A header line "Hà Nội, ngày" + spaces + "!": the date-line pattern was cubic."""
    lines = [*HEAD[:5], "Hà Nội, ngày" + " " * spaces + "!", *HEAD[6:]]
    return docx_bytes("".join(para(t) for t in lines))


def citation_spaces_txt(spaces: int = 4_000, citations: int = 10) -> bytes:
    """Citations each followed by a long run of spaces: the date and issuer patterns were quadratic."""
    body = "".join(
        f"Căn cứ Nghị định số 30/2020/NĐ-CP{' ' * spaces}, của Chính phủ;\n" for _ in range(citations)
    )
    return ("\n".join(HEAD) + "\n" + body).encode("utf-8")


def trich_yeu_tabs_txt(tabs: int = 1_500) -> bytes:
    return ("\n".join(HEAD) + "\nCăn cứ Nghị định số 30/2020/NĐ-CP về" + "\t" * tabs + "x\n").encode("utf-8")


def glue_ngay_nam_txt(lines: int = 4_000) -> bytes:
    """Lines the text loader glues into one paragraph, ending in "năm 2026": was cubic."""
    return ("\n".join(HEAD) + "\n" + "xem ngày năm 2026\n" * lines).encode("utf-8")


def glue_short_lines_txt(lines: int = 100_000) -> bytes:
    return ("\n".join(HEAD) + "\n" + "a\n" * lines).encode("utf-8")


def single_line_txt(megabytes: float = 9.5) -> bytes:
    """One 9.5 MB line (1.34 GiB before the paragraph cap)."""
    word = "nội dung "
    return ("\n".join(HEAD) + "\n" + word * int(megabytes * 1024 * 1024 / len(word.encode()))).encode("utf-8")


def combining_marks_txt(marks: int = 300_000) -> bytes:
    """``a`` and 300,000 combining marks: NFC is quadratic on it inside CPython."""
    return ("\n".join(HEAD) + "\na" + "\u0301\u0323" * (marks // 2) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------------ PDF


def _pdf_page(extra: bytes, media: bytes = b"[0 0 595 842]") -> list[bytes]:
    content = b"BT /F1 12 Tf 72 770 Td (UY BAN NHAN DAN) Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media + b" /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + extra + b">>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf_mediabox_cycle() -> bytes:
    """The page's /MediaBox is 6 0 R, 6 is 7 0 R, 7 is 6 0 R (hung a single-file check forever)."""
    return pdf_bytes([*_pdf_page(b"", media=b"6 0 R"), b"7 0 R", b"6 0 R"])


def pdf_annots_cycle() -> bytes:
    return pdf_bytes([*_pdf_page(b"/Annots 6 0 R "), b"7 0 R", b"6 0 R"])


def pdf_many_glyphs(glyphs: int = 2_000_000) -> bytes:
    """One page drawing ``glyphs`` characters from a tiny deflated content stream."""
    import zlib

    content = b"BT /F1 1 Tf 10 10 Td " + b"(x) Tj " * glyphs + b"ET"
    packed = zlib.compress(content, 9)
    objects = _pdf_page(b"")
    objects[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    return pdf_bytes(objects)


# ------------------------------------------------------------------------------------------ all


CRAFTED: dict[str, Callable[[], bytes]] = {
    "docx-num-letter-1e11.docx": num_letter_1e11,
    "docx-num-roman-1e9.docx": num_roman_1e9,
    "docx-num-ilvl-3e8.docx": num_ilvl_3e8,
    "docx-num-lvltext-200k.docx": num_lvltext_long,
    "docx-textbox-nest16.docx": textbox_nest,
    "docx-textbox-nest24.docx": lambda: textbox_nest(24),
    "docx-style-chain.docx": style_chain,
    "docx-style-cycle.docx": lambda: style_chain(5_000, 500, cycle=True),
    "docx-sections-header.docx": sections_header,
    "docx-date-line-spaces.docx": date_line_spaces,
    "txt-citation-spaces.txt": citation_spaces_txt,
    "txt-trich-yeu-tabs.txt": trich_yeu_tabs_txt,
    "txt-glue-ngay-nam.txt": glue_ngay_nam_txt,
    "txt-glue-short-lines.txt": glue_short_lines_txt,
    "txt-single-line-9MB.txt": single_line_txt,
    "txt-combining-300k.txt": combining_marks_txt,
    "pdf-mediabox-cycle.pdf": pdf_mediabox_cycle,
    "pdf-annots-cycle.pdf": pdf_annots_cycle,
    "pdf-2M-glyphs.pdf": pdf_many_glyphs,
}


def build(name: str, folder: Path) -> Path:
    path = Path(folder) / name
    path.write_bytes(CRAFTED[name]())
    return path


def build_all(folder: Path) -> list[Path]:
    Path(folder).mkdir(parents=True, exist_ok=True)
    return [build(name, folder) for name in CRAFTED]
