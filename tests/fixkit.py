"""Small invented documents for the fix tests, one per fixable rule, and helpers to read the tracked
changes a fix wrote (no corpus excerpt: every text here is made up)."""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from doclint.testing import AdminDoc, Para, build_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LONG = (
    "Các phòng, ban chuyên môn triển khai thực hiện nhiệm vụ được giao theo đúng quy định của pháp luật và "
    "hướng dẫn của cơ quan cấp trên, bảo đảm tiến độ, chất lượng và hiệu quả"
)


def xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def parts(path: Path, prefix: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            n: etree.fromstring(archive.read(n))
            for n in archive.namelist()
            if n.startswith(prefix) and n.endswith(".xml")
        }


def texts(root: etree._Element, xpath: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.xpath(xpath, namespaces=NS)]


def body(*paragraphs: str | Para) -> list[str | Para]:
    return list(paragraphs)


def _post(path: Path, change: Callable) -> Path:
    """Re-open a built DOCX with python-docx, let ``change(document)`` alter it, save."""
    import docx

    document = docx.Document(str(path))
    change(document)
    document.save(str(path))
    return path


def _body_paragraphs(document):
    return [p for p in document.paragraphs if len(p.text) > 80]


def _legacy(path: Path) -> Path:
    """A plan whose header is Unicode and whose body was typed in TCVN3 (.VnTime), as an old template
    pasted into a new one often is."""
    from docx.oxml.ns import qn

    from doclint.vn.legacy import TCVN3

    back = {v: k for k, v in TCVN3.items()}
    lines = [
        "Các cơ quan được giao nhiệm vụ thực hiện nghiêm túc kế hoạch này, báo cáo kết quả đúng hạn.",
        "Số liệu năm 2026 được tổng hợp đầy đủ, chính xác, gửi về Ủy ban nhân dân xã trước ngày 15 hằng tháng.",
    ]

    def change(document) -> None:
        for p in document.paragraphs:
            if p.text in lines:
                for run in p.runs:
                    run.text = "".join(back.get(c, c) for c in run.text)
                    run.font.name = ".VnTime"
                    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
                        run._element.rPr.rFonts.set(qn(slot), ".VnTime")

    return _post(build_docx(_spec(body=[*lines, LONG + "."]), path), change)


def _colour(document) -> None:
    from docx.shared import RGBColor

    for p in _body_paragraphs(document):
        for run in p.runs:
            run.font.color.rgb = RGBColor(0x00, 0x00, 0xFF)


def _spacing(before: float | None = None, line: float | None = None):
    from docx.shared import Pt

    def change(document) -> None:
        for p in _body_paragraphs(document):
            if before is not None:
                p.paragraph_format.space_before = Pt(before)
            if line is not None:
                p.paragraph_format.line_spacing = line

    return change


CAN_CU = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015,",
    "Căn cứ Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã về việc ban hành quy chế",
    "Ủy ban nhân dân xã ban hành Kế hoạch thực hiện như sau:",
]


def _spec(end_mark: bool = True, **changes) -> AdminDoc:
    """An AdminDoc whose content ends with "./." (unless ``end_mark`` is False), so that only the seeded
    defect has a fix."""
    body = list(changes.pop("body", [LONG + "."] * 3))
    last = body[-1] if body else None
    if end_mark and isinstance(last, str) and last.endswith(".") and not last.endswith("./."):
        body[-1] = last + "/."
    elif end_mark and isinstance(last, Para) and last.text.endswith(".") and not last.text.endswith("./."):
        body[-1] = Para(last.text + "/.", **{k: v for k, v in vars(last).items() if k != "text"})
    return AdminDoc(body=body, **changes)


# the house style makes TXT005 certain (without it the document's majority is only likely)
OPTIONS: dict[str, tuple] = {"TXT005": (("tone-style", "old"),)}

# code -> builder(path) of a small document that has the rule's defect (and a fix for it)
# fmt: off
FIXTURES: dict[str, Callable[[Path], Path]] = {
    "HDR002": lambda p: build_docx(_spec(quoc_hieu="Cộng hòa xã hội chủ nghĩa Việt Nam"), p),
    "HDR003": lambda p: build_docx(_spec(tieu_ngu="Độc lập – Tự do – Hạnh phúc"), p),
    "NUM002": lambda p: build_docx(_spec(number="số 12 / KH/UBND"), p),
    "NUM003": lambda p: build_docx(_spec(number="Số: 5/KH-UBND"), p),
    "DATE002": lambda p: build_docx(_spec(place_date="Liên Minh ngày 5/3/2026"), p),
    "TXT001": lambda p: build_docx(_spec(body=[unicodedata.normalize("NFD", LONG + "."), LONG + "."]), p),
    "TXT002": _legacy,
    "TXT003": lambda p: build_docx(
        _spec(body=["Các đơn vị gửi gửi báo cáo kết quả thực hiện đúng hạn.", LONG + "."]), p
    ),
    "TXT004": lambda p: build_docx(
        _spec(body=["Thực hiện kế hoạch của Ủy ban nhân dân tỉnh , các đơn vị triển khai.", LONG + "."]), p
    ),
    "TXT005": lambda p: build_docx(
        _spec(body=["Hòa giải ở cơ sở, hoà giải viên và hòa giải thành là nhiệm vụ.", LONG + "."]), p
    ),
    "TXT006": lambda p: build_docx(
        _spec(body=["Các đơn vị tổ chức thực hiện nghiêm túc, hiệu quả kế hoạch nàyy.", LONG + "."]), p
    ),
    "TXT007": lambda p: build_docx(
        _spec(body=["Các đơn vị sử lý dứt điểm các vướng mắc phát sinh.", LONG + "."]), p
    ),
    "TXT008": lambda p: build_docx(
        _spec(body=["Ðồng thời các đơn vị thực hiện tốt công tác tuyên truyền.", LONG + "."]), p
    ),
    "CIT003": lambda p: build_docx(
        _spec(
            body=[
                "Thực hiện Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã, các đơn vị triển khai.",
                "Theo Quyết định 15/QĐ-UBND, các đơn vị báo cáo kết quả thực hiện.",
                LONG + ".",
            ]
        ),
        p,
    ),
    "CIT005": lambda p: build_docx(
        _spec(
            body=[
                "Thực hiện Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã về việc ban hành quy chế "
                "làm việc, các đơn vị triển khai.",
                "Theo Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân xã về việc ban hành quy chế làm "
                "việc, các đơn vị báo cáo.",
                LONG + ".",
            ]
        ),
        p,
    ),
    "CAP001": lambda p: build_docx(
        _spec(body=["Các đơn vị báo cáo kết quả về Quận Cầu Giấy trước ngày 30 tháng 6.", LONG + "."]), p
    ),
    "CAP002": lambda p: build_docx(
        _spec(body=["Các đơn vị gửi báo cáo về Sở Nông nghiệp và Môi Trường để tổng hợp.", LONG + "."]), p
    ),
    "CAP003": lambda p: build_docx(
        _spec(
            body=["Các đơn vị thực hiện theo quyết định số 12/QĐ-UBND của Ủy ban nhân dân xã.", LONG + "."]
        ),
        p,
    ),
    "CAP004": lambda p: build_docx(
        _spec(
            body=["Giao Văn phòng theo dõi việc thực hiện quy định tại điều 3 Quy chế làm việc.", LONG + "."]
        ),
        p,
    ),
    "CAP005": lambda p: build_docx(
        _spec(body=["Các đơn vị đóng trên địa bàn thành phố Hồ Chí Minh thực hiện.", LONG + "."]), p
    ),
    "RCPT002": lambda p: build_docx(_spec(recipients=["Như trên", "+ UBND huyện,", "- Lưu: VT."]), p),
    "BODY001": lambda p: build_docx(_spec(body=[*CAN_CU, LONG + "./."]), p),
    "BODY004": lambda p: build_docx(_spec(body=[LONG + ".", LONG], end_mark=False), p),
    "FMT001": lambda p: build_docx(_spec(page=(215.9, 279.4)), p),
    "FMT002": lambda p: build_docx(_spec(landscape=True), p),
    "FMT003": lambda p: build_docx(_spec(margins=(25, 25, 25, 25)), p),
    "FMT004": lambda p: build_docx(_spec(font="Arial"), p),
    "FMT005": lambda p: build_docx(_spec(body_size=12), p),
    "FMT006": lambda p: build_docx(_spec(body=[Para(LONG + ".", align="left", indent_cm=None)] * 3), p),
    "FMT007": lambda p: build_docx(
        _spec(body=[Para("\t" + LONG + ".", indent_cm=None), Para(LONG + ".", indent_cm=0)]), p
    ),
    "FMT008": lambda p: _post(build_docx(_spec(), p), _spacing(before=0)),
    "FMT009": lambda p: _post(build_docx(_spec(), p), _spacing(line=2.0)),
    "FMT010": lambda p: build_docx(_spec(body=[LONG + "."] * 40, page_number=None), p),
    "FMT011": lambda p: _post(build_docx(_spec(), p), _colour),
}
# fmt: on
