"""Each sample produces exactly the findings samples/expected.toml (and samples/README.md) promise."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EXPECTED = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
# the foundation families; rules of later families (TXT, CIT, FMT...) are checked by their own tests
FOUNDATION = ("HDR", "NUM", "DATE", "TTL", "SIG", "RCPT", "BODY", "DOC")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_findings(name: str) -> None:
    result = lint_path(SAMPLES / name, Config(select=FOUNDATION))
    assert result.error is None
    found = {f.code for f in result.findings}
    assert found == set(EXPECTED[name]["codes"]), name


def test_samples_are_in_sync_with_their_builder(tmp_path: Path) -> None:
    """The committed DOCX files are what samples/make_samples.py builds (same recognised text)."""
    import subprocess
    import sys

    from conftest import SEED

    if SEED is None or not SEED.exists():
        pytest.skip("seed not present")
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)  # fmt: skip
    from doclint.load import load

    for name in EXPECTED:
        fresh = [b.text for b in load(tmp_path / name).blocks]
        kept = [b.text for b in load(SAMPLES / name).blocks]
        assert fresh == kept, name
