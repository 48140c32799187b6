"""``doclint fix`` on a few real drafts of the shared corpus (the whole corpus is
``benchmarks/fix_corpus.py``): the input's bytes are unchanged, the copy opens with python-docx, accepting
every change clears the findings that were fixed and reports nothing new, fixing the copy again changes
nothing.

The drafts are chosen for what they exercise and kept small (the test suite stays cheap): the header
lines, recipients and căn cứ of a hospital decision with 53 fixes (301), tab-typed indents and headings
over two passes (307), the missing "số" in citations that the title repeats (339), a page number in a
framed footer paragraph moved to the header (072)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_path
from doclint.fix import FixOptions, fix_path
from doclint.fix.compare import compare
from doclint.fix.docx import accept_all

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

DRAFTS = ["072_", "301_", "307_", "339_"]


@pytest.mark.parametrize("prefix", DRAFTS)
def test_a_real_draft_round_trips(corpus: Path, tmp_path: Path, prefix: str):
    import docx

    (src,) = sorted((corpus / "docx").glob(f"{prefix}*.docx"))
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    config = Config()
    options = FixOptions(date="2026-01-01T00:00:00Z")
    out = tmp_path / "fixed.docx"
    report = fix_path(src, out, config, options)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest, "the input is never written"
    assert report.count > 0
    docx.Document(str(out))
    before = lint_path(src, config).findings
    accepted = tmp_path / "accepted.docx"
    accept_all(out, accepted)
    diff = compare(before, lint_path(accepted, config).findings, (f for f, _ in report.applied))
    assert diff.new == [], "accepting the fixes reports nothing new"
    assert diff.still == [], "a finding whose fix was applied is gone"
    assert diff.cleared
    again = fix_path(out, tmp_path / "again.docx", config, options)
    assert again.count == 0, f"fixing the fixed copy applied {again.by_rule()}"
