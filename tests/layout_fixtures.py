"""DOCX fixtures for the layout rules, built with python-docx, and their PDF twins made by LibreOffice.

``right`` follows NĐ 30 (A4, 20/20/30/15 mm, Times New Roman 14, justified, 1.27 cm indent, 6 pt
spacing, single lines, page number at the top centre from page 2). ``wrong`` breaks every FMT rule
but FMT002 at once (Letter, Word's 2.54 cm margins, Arial 12, left-aligned, no indent, no spacing,
double spacing, "Trang x/y" in the footer on every page, red text, and the component styles);
``landscape`` is ``right`` turned sideways with no table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from doclint.load.doc import find_soffice
from doclint.testing import AdminDoc, Para, add_field, build_docx

SENTENCE = (
    "Ủy ban nhân dân xã triển khai thực hiện nhiệm vụ cải cách hành chính, bảo đảm đúng tiến độ, "
    "chất lượng và hiệu quả, gắn với trách nhiệm của người đứng đầu cơ quan, đơn vị trên địa bàn. "
)
BODY = [
    f"{i}. " + (SENTENCE * 3).rstrip() for i in range(1, 13)
]  # twelve long paragraphs: two pages and more


def right_spec(**changes) -> AdminDoc:
    spec = AdminDoc(
        title="KẾ HOẠCH",
        summary=["Triển khai công tác cải cách hành chính năm 2026"],
        body=[*BODY[:-1], BODY[-1].rstrip() + "/."],
        recipients=["- Như trên;", "- UBND huyện;", "- Lưu: VT."],
    )
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def _all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def make_wrong(path: Path) -> Path:
    spec = right_spec(
        page=(215.9, 279.4),
        margins=(25.4, 25.4, 25.4, 25.4),
        font="Arial",
        body_size=12,
        page_number=None,
        body=[Para(text, size=12, align="left", indent_cm=None) for text in BODY],
    )
    build_docx(spec, path)
    doc = open_docx(str(path))
    section = doc.sections[0]
    section.different_first_page_header_footer = False
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Trang ")
    add_field(footer, "PAGE", "1")
    footer.add_run("/")
    add_field(footer, "NUMPAGES", "3")
    for p in _all_paragraphs(doc):
        text = p.text
        if text.startswith(("1.", "2.")) or text[:2].isdigit() or text[:1].isdigit():
            p.paragraph_format.space_before = Pt(0)
            p.paragraph_format.line_spacing = 2.0
        runs = p.runs
        if text.startswith("3."):
            for r in runs:
                r.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
        if text.startswith("CỘNG HÒA"):
            for r in runs:
                r.font.bold = False
                r.font.size = Pt(14)
        elif text.startswith("Liên Minh, ngày"):
            for r in runs:
                r.font.italic = False
        elif text.startswith("Nơi nhận"):
            for r in runs:
                r.font.bold = False
                r.font.italic = False
                r.font.size = Pt(14)
        elif text.startswith("- "):
            for r in runs:
                r.font.size = Pt(14)
        elif text in ("CHỦ TỊCH",) or text == "KẾ HOẠCH":
            for r in runs:
                r.font.bold = False
    doc.save(str(path))
    return path


def build_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "right": build_docx(right_spec(), folder / "right.docx"),
        "wrong": make_wrong(folder / "wrong.docx"),
        "landscape": build_docx(right_spec(landscape=True), folder / "landscape.docx"),
    }


def soffice_convert(files: list[Path], target: str, outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert files with LibreOffice in one call (private profile); return the outputs."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) not found")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="doclint-test-lo-"))
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=timeout,
            env={**os.environ, "HOME": str(profile)},
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    suffix = "." + target.split(":")[0]
    return [outdir / (f.stem + suffix) for f in files]
