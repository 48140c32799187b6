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


def _run(corpus: Path, suffixes: tuple[str, ...]):
    rows = [r for r in load_manifest(corpus) if Path(r["local_file"]).suffix in suffixes]
    return [(row, lint_path(corpus / row["local_file"], Config(), keep_document=True)) for row in rows]


@pytest.fixture(scope="module")
def results(corpus: Path):
    return _run(corpus, (".docx", ".txt"))


@pytest.fixture(scope="module")
def pdf_doc_results(corpus: Path):
    import shutil

    suffixes = (".pdf", ".doc") if shutil.which("soffice") or shutil.which("libreoffice") else (".pdf",)
    return _run(corpus, suffixes)


# PDFs with no text layer to read, counted apart from the rates: scans (DOC002; three carry only the
# e-signature stamp or the number added at signing) and scans with an OCR layer (DOC008, layout not checked)
UNTRUSTED_PDF = {
    "264": "scan", "268": "scan", "271": "scan", "278": "scan", "283": "scan", "296": "scan",
    "284": "ocr", "285": "ocr", "311": "ocr", "318": "ocr", "322": "ocr", "323": "ocr",
}  # fmt: skip

# every miss left on the PDFs and .doc files that have a text layer, with its reason
EXPLAINED_MISSES = {
    "so_ky_hieu": {
        "117": "manifest guess '/BNV-CCHC' misses the number 12094 stamped at signing, which doclint reads",
        "140": "consolidated text (VBHN): its number goes with the authentication at the end; normative, DOC003",
        "306": "annex: its number 2061/QĐ-UBND is only in the e-signature box; the body reads 'số: /QĐ-UBND'",
    },
    "doc_type": {
        "140": "consolidated text (VBHN) of a law: normative, recognised as such (DOC003), no VBHN type",
        "317": "title 'THÔNG BÁO (Lần 2)': the qualifier after the type name is not accepted by type recognition",
    },
    "place_date": {
        "299": "village submission (.doc) with no place and date line at all",
    },
    "recipients": {
        "254": "joint plan of 19 pages ending with annex lists: no Nơi nhận in the text layer",
        "255": "Đoàn trường's Tờ trình to a parents' association: it has no Nơi nhận",
        "286": "pre-NĐ 30 notice (.doc, 2014) that has no Nơi nhận",
        "289": "(.doc) Nơi nhận and signature typed on the same lines, columns made of tabs and spaces",
        "299": "village submission (.doc): no Nơi nhận",
    },
    "signature": {
        "289": "(.doc) signature typed right of the Nơi nhận with tabs and spaces on the same lines",
        "299": "village submission (.doc): the signature is two words in text boxes, no name",
    },
}


@pytest.mark.slow
def test_recognition_rates_on_pdf_and_doc(pdf_doc_results) -> None:
    """Issue 4 and 12: recognition works on PDFs (and converted .doc) as on DOCX. Files without a text layer
    to read are counted apart; every miss left is explained above."""
    from doclint.evaluation import split_untrusted

    trusted, untrusted = split_untrusted(pdf_doc_results)
    found = {Path(path).name[:3]: why for path, why in untrusted}
    assert found == UNTRUSTED_PDF
    for name, (hits, total, misses) in score_recognition(trusted).items():
        assert total > 0, name
        assert hits / total >= 0.95, f"{name}: {hits}/{total}; misses: {misses}"
        unexplained = [
            m for m in misses if Path(m.split(":")[0]).name[:3] not in EXPLAINED_MISSES.get(name, {})
        ]
        assert not unexplained, f"{name}: misses without a reason: {unexplained}"


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


def _labelled_precision(code: str, pairs) -> tuple[float | None, int]:
    """The labelled precision of one rule's findings on these documents: each finding matched to its label
    in benchmarks/labels/ (on the documents measured there, issued and final), and how many were matched.
    A finding with no label is tests/test_precision.py's business (every finding labelled at its stage)."""
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("precision_bench", root / "benchmarks" / "precision.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    stages = bench.load_documents(bench.LABELS_DIR)
    labels, _ = bench.load_labels(bench.LABELS_DIR)
    items = []
    for row, result in pairs:
        stage = stages.get(row["local_file"], {}).get("stage")
        if stage not in bench.MEASURED_STAGES:
            continue
        blocks = result.document.blocks if result.document is not None else []
        for f in result.findings:
            if f.code != code or f.severity not in bench.COUNTED:
                continue
            loc = f.location
            text = blocks[loc.block].text if loc.block is not None and 0 <= loc.block < len(blocks) else None
            anchor = bench.anchor_of(f.vi, f.excerpt, text, loc.start, loc.end)
            items.append(
                bench.Item(row["local_file"], stage, result.format, {"code": code, "anchor": anchor})
            )
    bench.match(items, [lab for lab in labels if lab.code == code])
    judged = [i.verdict for i in items if i.verdict != "unlabelled"]
    return (judged.count("true") / len(judged) if judged else None), len(judged)


def test_findings_on_issued_documents_are_rare(results) -> None:
    """Per rule, the share of non-draft administrative documents it fires on: at most a fifth, each one a
    candidate false positive. A rule over that share is judged by its labels instead (benchmarks/labels/,
    read against the documents): at least 95% of its findings here true, the bar of a stable rule. HDR003 is such a rule: the Tiêu ngữ typed with en dashes ("Độc lập – Tự do – Hạnh phúc"; PL I
    II.1.b wants hyphens) is a real and common habit — on about a quarter of these Word files (11 of 39
    when this was written), every one labelled true and read twice — so the share says nothing about the
    rule's precision; the labels do (27 of 28 true on the measured corpus)."""
    # drafts ("du thao") are expected to carry defects; pre-issue and issued texts should not
    admin = [
        (row, r) for row, r in results if r.family == "administrative" and "draft" not in row["status_guess"]
    ]
    assert len(admin) >= 15
    docs_per_rule: collections.Counter[str] = collections.Counter()
    for _row, result in admin:
        # information is advice (never counted as a finding to act on, nor in the labelled precision)
        docs_per_rule.update({f.code for f in result.findings if f.severity in ("error", "warning")})
    blank_fields = {"NUM004", "DATE003", "SIG004"}  # pre-issue Word texts are unnumbered and unsigned
    # undefined abbreviations (CCHC, TTHC, MTTQ, even "UBDN") are a real and common habit of these texts;
    # every one of these findings was read and is true (closing note of the citations issue)
    # FMT003 reads w:pgMar exactly; the drafts of this office really use 15–18 mm top/bottom and
    # 25–28 mm left margins (looked at one by one): true deviations from NĐ 30, not measuring errors
    allowance = {"ABBR001": 0.3, "FMT003": 0.35}
    low = []
    for code, count in sorted(docs_per_rule.items()):
        if code in blank_fields or count / len(admin) <= allowance.get(code, 0.2):
            continue
        precision, judged = _labelled_precision(code, admin)
        if precision is None or precision < 0.95:
            low.append(
                f"{code} fires on {count} of {len(admin)} documents; labelled precision {precision} over {judged}"
            )
    assert low == []
