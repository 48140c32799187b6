"""Layout rules (FMT001–FMT011) and component styles on DOCX fixtures and on their PDF twins made by
LibreOffice: each rule fires on the wrong document and not on the right one, in both formats."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from layout_fixtures import build_all, soffice_convert

from doclint.config import Config, split_codes
from doclint.engine import lint_path
from doclint.load.doc import find_soffice

LAYOUT = "FMT,HDR006,DATE006,TTL005,SIG005,RCPT008"
# every FMT rule but FMT002 (landscape has its own fixture) and the component styles
WRONG_DOCX = {f"FMT{n:03d}" for n in range(1, 12)} - {"FMT002"} | {
    "HDR006",
    "DATE006",
    "TTL005",
    "SIG005",
    "RCPT008",
}
# PDF: top/bottom margins of the wrong document (25.4 mm) are inside the ±2 mm estimate tolerance; the
# alignment of a PDF paragraph is not judged (FMT006 runs on DOCX/DOC only: on the corpus PDFs the estimate
# was wrong 7 times out of 7)
WRONG_PDF = WRONG_DOCX - {"FMT006"}


def _soffice_or_skip() -> None:
    if find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) must be installed in CI: apt-get install libreoffice-writer")
        pytest.skip("LibreOffice (soffice) is not installed: PDF twins cannot be made")


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("layout"))


def _times_or_skip() -> None:
    """LibreOffice draws "Times New Roman" with what fontconfig offers; without Times New Roman or a
    metric twin (Liberation Serif, package fonts-liberation) the right PDF would not be in Times."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return
    found = subprocess.run(["fc-match", "Times New Roman"], capture_output=True, text=True).stdout
    if not any(name in found for name in ("Times", "Liberation Serif", "Tinos", "Nimbus Roman")):
        pytest.skip(f"no Times New Roman or metric twin installed (fc-match: {found.strip()})")


@pytest.fixture(scope="module")
def pdf_files(docx_files, tmp_path_factory) -> dict[str, Path]:
    _soffice_or_skip()
    _times_or_skip()
    names = list(docx_files)
    outs = soffice_convert([docx_files[n] for n in names], "pdf", tmp_path_factory.mktemp("layout-pdf"))
    return dict(zip(names, outs))


def _codes(path: Path) -> dict[str, list[str]]:
    result = lint_path(path, Config(select=split_codes(LAYOUT), preview=True))  # FMT007/FMT008 are preview
    assert result.error is None, result.error and result.error.vi
    assert result.family == "administrative"
    out: dict[str, list[str]] = {}
    for f in result.findings:
        out.setdefault(f.code, []).append(f.vi)
    return out


def test_right_docx_is_clean(docx_files) -> None:
    assert _codes(docx_files["right"]) == {}


def test_wrong_docx_fires_every_rule(docx_files) -> None:
    found = _codes(docx_files["wrong"])
    assert set(found) == WRONG_DOCX, set(found) ^ WRONG_DOCX
    # aggregated: one finding per problem, not one per paragraph or run
    assert len(found["FMT004"]) == 1 and "Arial" in found["FMT004"][0]
    assert len(found["FMT005"]) == 1 and found["FMT005"][0].startswith("12 đoạn")
    assert {m.split(" ")[1] for m in found["FMT003"]} == {"trên", "dưới", "trái", "phải"}
    assert any("chân trang" in m for m in found["FMT010"])
    assert any("trang thứ nhất" in m for m in found["FMT010"])
    assert any("Trang x/y" in m for m in found["FMT010"])


def test_landscape_docx_without_table(docx_files) -> None:
    assert set(_codes(docx_files["landscape"])) == {"FMT002"}


@pytest.mark.slow
def test_right_pdf_is_clean(pdf_files) -> None:
    assert _codes(pdf_files["right"]) == {}


@pytest.mark.slow
def test_wrong_pdf_fires_every_rule(pdf_files) -> None:
    found = _codes(pdf_files["wrong"])
    assert set(found) == WRONG_PDF, set(found) ^ WRONG_PDF
    font = found["FMT004"][0].split("phông ", 1)[1]
    assert len(found["FMT004"]) == 1 and font.startswith(("Arial", "LiberationSans"))  # or its stand-in
    assert "(trang 1–4)" in found["FMT005"][0]
    assert {m.split(" ")[1] for m in found["FMT003"]} == {"trái", "phải"}
    assert any("chân trang" in m for m in found["FMT010"])
    assert any("trang thứ nhất" in m for m in found["FMT010"])


@pytest.mark.slow
def test_landscape_pdf_without_table(pdf_files) -> None:
    assert set(_codes(pdf_files["landscape"])) == {"FMT002"}


@pytest.mark.slow
def test_pdf_measures_match_the_docx(pdf_files) -> None:
    """The PDF estimates of page setup and paragraph facts agree with what the DOCX says."""
    from doclint.load import load

    doc = load(pdf_files["right"])
    section = doc.sections[0]
    assert abs(section.page_width_mm - 210) < 1 and abs(section.page_height_mm - 297) < 1
    assert abs(section.margin_left_mm - 30) <= 2 and abs(section.margin_right_mm - 15) <= 2
    assert abs(section.margin_top_mm - 20) <= 2
    assert section.title_page
    number = next(h for h in section.headers if h.variant == "default")
    assert number.kind == "header" and number.alignment == "center" and number.has_page_field
    body = [b for b in doc.blocks if b.kind == "paragraph" and b.text[:2].rstrip(".").isdigit()]
    assert len(body) == 12  # twelve paragraphs, the ones cut by a page break joined again
    assert all(b.text.endswith(("./.", "bàn.")) for b in body)
    multi = [b for b in body if b.para.left_indent_mm is not None]
    assert multi and all(abs(b.para.first_line_indent_mm - 12.7) <= 1 for b in multi)
    assert all(b.para.alignment == "both" for b in multi)
    header_cells = [b for b in doc.blocks if b.table is not None and b.page == 1 and b.table.table == 0]
    assert {b.table.col for b in header_cells} == {0, 1}
    qh = next(b for b in header_cells if b.text.startswith("CỘNG HÒA"))
    assert qh.table.col == 1 and qh.dominant("bold") is True and abs(qh.dominant("size_pt") - 13) < 0.5
