"""PDFium against the reference engine (issue 17, item 1): both engines run the whole check on every corpus
PDF, and what a user sees — the recognised components and the findings — is the same, or the difference is
listed with its reason in ``tests/data/pdf_engine_differences.tsv`` (file, field, reason). The comparison is
``benchmarks/pdf_engines.py``, which prints every difference for a person to read."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
LISTED = ROOT / "tests" / "data" / "pdf_engine_differences.tsv"


def _bench():
    spec = importlib.util.spec_from_file_location("pdf_engines_bench", ROOT / "benchmarks" / "pdf_engines.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _listed() -> dict[tuple[str, str], str]:
    with LISTED.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return {(r[0], r[1]): r[2] for r in rows[1:]}


def test_every_listed_difference_has_a_reason() -> None:
    for key, reason in _listed().items():
        assert len(reason) > 20, key


def test_engines_agree_on_the_corpus(corpus: Path) -> None:
    bench = _bench()
    files = sorted((corpus / "pdf").glob("*.pdf"))
    assert len(files) >= 80
    report = bench.compare(files)
    listed = _listed()
    unexplained = [
        f"{name}: {field}: pdfplumber {ref!r}, pdfium {ours!r}"
        for name, item in report.items()
        for field, ref, ours in item["differences"]
        if (name, field) not in listed and (name, "*") not in listed
    ]
    assert not unexplained, "differences without a reason:\n" + "\n".join(unexplained)
    same = sum(1 for item in report.values() if not item["differences"])
    assert same >= 0.6 * len(report)
