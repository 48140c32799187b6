"""The real documents are the judge: recognition measured against MANIFEST.tsv, and findings on the issued
documents kept rare (each one a candidate false positive that was looked at)."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_path
from doclint.evaluation import load_manifest, score_recognition

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def results(corpus: Path):
    rows = [r for r in load_manifest(corpus) if Path(r["local_file"]).suffix in (".docx", ".txt")]
    return [(row, lint_path(corpus / row["local_file"], Config(), keep_document=True)) for row in rows]


def test_recognition_rates(results) -> None:
    scores = score_recognition(results)
    for name, (hits, total, misses) in scores.items():
        assert total > 0, name
        assert hits / total >= 0.95, f"{name}: {hits}/{total}; misses: {misses}"


def test_non_administrative_documents_are_said_once(results) -> None:
    for row, result in results:
        if result.family in ("normative", "party", "other"):
            codes = [f.code for f in result.findings]
            assert codes.count("DOC003") == 1, row["local_file"]
            nd30 = [c for c in codes if c[:3] in ("HDR", "NUM", "TTL", "SIG", "RCP", "BOD")]
            assert nd30 == [], (row["local_file"], nd30)


def test_findings_on_issued_documents_are_rare(results) -> None:
    """Per rule, the share of non-draft administrative documents it fires on (at most a fifth; what remains
    was read and is real: see the closing note's table)."""
    # drafts ("du thao") are expected to carry defects; pre-issue and issued texts should not
    admin = [
        (row, r) for row, r in results if r.family == "administrative" and "draft" not in row["status_guess"]
    ]
    assert len(admin) >= 15
    docs_per_rule: collections.Counter[str] = collections.Counter()
    for _row, result in admin:
        docs_per_rule.update({f.code for f in result.findings})
    blank_fields = {"NUM004", "DATE003", "SIG004"}  # pre-issue Word texts are unnumbered and unsigned
    # undefined abbreviations (CCHC, TTHC, MTTQ, even "UBDN") are a real and common habit of these texts;
    # every one of these findings was read and is true (closing note of the citations issue)
    # FMT003 reads w:pgMar exactly; the drafts of this office really use 15–18 mm top/bottom and
    # 25–28 mm left margins (looked at one by one): true deviations from NĐ 30, not measuring errors
    allowance = {"ABBR001": 0.3, "FMT003": 0.35}
    for code, count in docs_per_rule.items():
        if code in blank_fields:
            continue
        limit = allowance.get(code, 0.2)
        assert count / len(admin) <= limit, f"{code} fires on {count} of {len(admin)} administrative documents"
