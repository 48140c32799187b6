"""PDF text layers that cannot be trusted (issue 12, item 3): each shape is built in code — glyphs mapped to
look-alike letters, a font with no Unicode map ("(cid:N)"), letters dropped by the map, an OCR layer drawn
invisibly over a page image — and must give one DOC008 and no other error or warning, on both engines. A
clean layer and the legacy substitutions (ƣ for ư) give none."""

from __future__ import annotations

from pathlib import Path

import pdf_crafted as pc
import pytest

from doclint.config import Config
from doclint.engine import lint_path
from doclint.load.pdf import load_pdf

ENGINES = ("pdfium", "pdfplumber")

LOOKALIKES = {"S": "6", "Ở": "Ӣ", "T": "7", "H": "+", "Ư": "Ѭ", "Ơ": "Ѫ", "N": "1", "G": "*", "Ủ": "Ц",
              "Y": "У", "B": "Б", "Â": "Д", "C": "С"}  # fmt: skip
BROKEN = {
    "lookalike": ({"remap": LOOKALIKES}, "broken"),
    "cid": ({"cid": True}, "broken"),
    "dropped": ({"remap": {"N": "", "n": "", "h": ""}}, "broken"),
    "ocr": ({"invisible": True, "font_name": "GlyphLessFont", "scan": True}, "ocr"),
}


def _check(path: Path, engine: str):
    return lint_path(path, Config(options=(("pdf-engine", engine),)), keep_document=True)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_untrusted_layer_gives_one_doc008_and_nothing_else(tmp_path: Path, case: str, engine: str) -> None:
    kwargs, verdict = BROKEN[case]
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(pc.text_layer_pdf(**kwargs))
    result = _check(path, engine)
    assert result.document is not None
    assert result.document.facts.text_layer == verdict
    loud = [(f.code, f.severity) for f in result.findings if f.severity in ("error", "warning")]
    assert loud == [("DOC008", "warning")]
    message = result.findings[0].vi
    assert ("lớp chữ nhận dạng (OCR)" in message) == (verdict == "ocr")


@pytest.mark.parametrize("engine", ENGINES)
def test_clean_layer_is_trusted(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "clean.pdf"
    path.write_bytes(pc.text_layer_pdf())
    result = _check(path, engine)
    assert result.document.facts.text_layer == "ok"
    assert "DOC008" not in {f.code for f in result.findings}
    assert result.recognition.quoc_hieu is not None  # the other rules ran on it


@pytest.mark.parametrize("engine", ENGINES)
def test_legacy_glyph_substitutions_are_normalised(tmp_path: Path, engine: str) -> None:
    """Some Vietnamese PDF fonts map ư to ƣ (U+01A3, Latin oi) and Ư to Ƣ: read as ư/Ư, not as a broken layer."""
    path = tmp_path / "legacy.pdf"
    path.write_bytes(pc.text_layer_pdf(remap={"ư": "ƣ", "Ư": "Ƣ"}))
    doc = load_pdf(path, engine)
    text = "\n".join(b.text for b in doc.blocks)
    assert "vướng mắc" in text and "ƣ" not in text
    assert doc.facts.text_layer == "ok"
    assert doc.facts.text_layer_detail["legacy_glyphs"] > 0


def test_doc008_rule_runs_where_every_other_rule_is_skipped() -> None:
    from doclint.rulepack import load_pack

    pack = load_pack(())
    assert pack.rules["DOC008"].needs == []
    assert all(meta.needs for code, meta in pack.rules.items() if code != "DOC008")
