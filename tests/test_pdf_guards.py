"""Hostile PDFs (issue 18, item 2, the PDF part): each crafted file is built in code (tests/pdf_crafted.py)
and must give its DOC code from both engines without the process budgets — the decompression bomb and the
glyph floods are refused from the file's bytes before a PDF library inflates or lays out anything, and a
reference cycle in a page attribute or the annotations never hangs the check, nor its closing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdf_crafted as pc
import pytest

from doclint.errors import LoadError
from doclint.load import pdf_guard
from doclint.load.pdf import load_pdf

ENGINES = ("pdfium", "pdfplumber")
ROOT = Path(__file__).resolve().parents[1]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


def test_flate_bomb_is_refused_from_the_bytes() -> None:
    """A 400 MB content stream (a few hundred KB on disk): refused once the stream cap is passed,
    with only that much ever inflated (the scan keeps nothing of a stream it refuses)."""
    data = pc.flate_bomb(400)
    assert len(data) < 1_000_000
    with pytest.raises(LoadError) as err:
        pdf_guard.scan(data)
    assert err.value.code == "DOC001" and "bom" in err.value.vi


@pytest.mark.parametrize("engine", ENGINES)
def test_flate_bomb(tmp_path: Path, engine: str) -> None:
    with pytest.raises(LoadError) as err:
        load_pdf(_write(tmp_path, "bomb", pc.flate_bomb(400)), engine)
    assert err.value.code == "DOC001"


@pytest.mark.parametrize("engine", ENGINES)
def test_two_million_glyphs_on_one_page(tmp_path: Path, engine: str) -> None:
    path = _write(tmp_path, "glyphs", pc.glyph_flood(2_000_000))
    assert path.stat().st_size < 20_000
    with pytest.raises(LoadError) as err:
        load_pdf(path, engine)
    assert err.value.code == "DOC001" and "ký tự" in err.value.vi


@pytest.mark.parametrize("engine", ENGINES)
def test_a_form_drawn_two_thousand_times(tmp_path: Path, engine: str) -> None:
    """No stream is large, the page is: 2,000 draws of a 1,000-glyph form."""
    with pytest.raises(LoadError) as err:
        load_pdf(_write(tmp_path, "forms", pc.form_flood()), engine)
    assert err.value.code == "DOC001"


def test_glyphs_under_the_caps_are_read(tmp_path: Path) -> None:
    """The caps leave ordinary pages alone: 20,000 glyphs on a page load."""
    doc = load_pdf(_write(tmp_path, "dense", pc.glyph_flood(20_000, per_show=100)))
    assert doc.blocks


def _run_isolated(path: Path, engine: str) -> str:
    """Load in a child process (a hang must fail the test, not stop the suite)."""
    code = (
        "import sys; from doclint.load.pdf import load_pdf; from doclint.errors import LoadError\n"
        "try:\n    load_pdf(sys.argv[1], sys.argv[2]); print('loaded')\n"
        "except LoadError as e:\n    print(e.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), engine], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("shape", ["mediabox_cycle", "annots_cycle", "parent_cycle"])
def test_reference_cycles_end(tmp_path: Path, shape: str, engine: str) -> None:
    """PDFium resolves cycles itself (a cyclic /MediaBox gives the default size, a cyclic /Annots no
    annotation); the pdfplumber engine refuses them with DOC001 before pdfminer loops on them."""
    outcome = _run_isolated(_write(tmp_path, shape, getattr(pc, shape)()), engine)
    if engine == "pdfplumber" or shape == "parent_cycle":
        assert outcome == "DOC001"
    else:
        assert outcome in ("loaded", "DOC001")


def test_closing_never_builds_pages() -> None:
    """pdfplumber's own close() iterates ``pdf.pages`` and so re-enters whatever loop stopped the read;
    the engine closes the pages already built and the file, nothing else."""
    from doclint.load.pdf_plumber import _close

    class Stream:
        closed = False

        def close(self) -> None:
            self.closed = True

    class Pdf:
        stream_is_external = False

        def __init__(self) -> None:
            self.stream = Stream()

        @property
        def pages(self):
            raise AssertionError("close() must not build pages")

    pdf = Pdf()
    _close(pdf)
    assert pdf.stream.closed


def test_a_large_legitimate_stream_counts_all_its_input() -> None:
    """A content stream inflating past the ratio floor at a modest ratio, followed by the rest of the
    file, is measured on its whole compressed length (an undercount would refuse it as a bomb)."""
    import random
    import zlib

    rng = random.Random(1)
    words = [bytes(rng.choice(b"abcdefghij") for _ in range(6)) for _ in range(300)]
    raw = b" ".join(rng.choice(words) for _ in range(1_400_000))
    assert len(raw) > pdf_guard.RATIO_FLOOR
    packed = zlib.compress(raw, 9)
    data = b"xx" + packed + bytes(rng.getrandbits(8) for _ in range(700_000))
    _, inflated, consumed = pdf_guard._inflate(data, 2, 10**9, False)
    assert inflated == len(raw)
    assert consumed == len(packed)
