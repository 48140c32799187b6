"""The second reading of the labels (issue 12): a label the second reader disagrees with counts as unsure
until the lead settles it, and ``precision.py --review`` lists the disagreements."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEADER = "document\tcode\tanchor\tverdict\treason\treader"


@pytest.fixture(scope="module")
def precision():
    spec = importlib.util.spec_from_file_location("precision_review", ROOT / "benchmarks" / "precision.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _labels(tmp_path: Path, family: str, rows: list[str], review: list[str]) -> Path:
    labels = tmp_path / "labels"
    (labels / "review").mkdir(parents=True)
    (labels / f"{family}.tsv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    (labels / "review" / f"{family}.tsv").write_text(
        "\n".join([HEADER + "\tfirst", *review]) + "\n", encoding="utf-8"
    )
    return labels


def test_a_disputed_label_counts_as_unsure_until_the_lead_settles_it(precision, tmp_path: Path) -> None:
    labels_dir = _labels(
        tmp_path,
        "BODY",
        [
            "a.docx\tBODY004\ttrântrọng!\ttrue\tno ./.\tprecision",  # disputed
            "b.docx\tBODY004\ttrântrọng!\ttrue\tno ./.\tprecision",  # the second reader agrees
            "c.docx\tBODY004\ttrântrọng!\tfalse\t[legit] ./. before\tprecision+lead",  # settled by the lead
            "d.docx\tBODY004\ttrântrọng!\tfalse\t[legit]\tprecision",  # never read twice
        ],
        [
            "a.docx\tBODY004\ttrântrọng!\tfalse\t[legit] ./. on the line before\treview\ttrue",
            "b.docx\tBODY004\ttrântrọng!\ttrue\tagree\treview\ttrue",
            "c.docx\tBODY004\ttrântrọng!\ttrue\tdisagree\treview\ttrue",
            "e.docx\tBODY004\ttrântrọng!\tfalse\tthe label is gone\treview\ttrue",
        ],
    )
    labels, problems = precision.load_labels(labels_dir)
    reviews, review_problems = precision.load_reviews(labels_dir)
    assert problems == [] and review_problems == []
    stale = precision.attach_reviews(labels, reviews)
    counted = {lab.document: lab.counted for lab in labels}
    assert counted == {"a.docx": "unsure", "b.docx": "true", "c.docx": "false", "d.docx": "false"}
    assert [r.document for r in stale] == ["e.docx"]

    report = precision.review_report(labels_dir, (), "", as_json=True)
    assert [d["document"] for d in report["disputed"]] == ["a.docx"]
    assert report["disputed"][0]["first"] == "true" and report["disputed"][0]["second"] == "false"
    assert report["families"]["BODY"]["read twice"] == 3
    assert report["families"]["BODY"]["false not read twice"] == 1


def test_equal_labels_take_the_review_written_for_their_verdict(precision, tmp_path: Path) -> None:
    """Two findings with the same anchor, labelled differently: each review row goes to the label whose
    verdict it was written against."""
    labels_dir = _labels(
        tmp_path,
        "HDR",
        [
            "a.doc\tHDR006\tđộclập-tựdo-hạnhphúc\tfalse\t[legit] hyphens regular\tprecision",
            "a.doc\tHDR006\tđộclập-tựdo-hạnhphúc\ttrue\t12 pt\tprecision",
        ],
        ["a.doc\tHDR006\tđộclập-tựdo-hạnhphúc\ttrue\tagree\treview\ttrue"],
    )
    labels, _ = precision.load_labels(labels_dir)
    reviews, _ = precision.load_reviews(labels_dir)
    assert precision.attach_reviews(labels, reviews) == []
    assert [(lab.verdict, lab.review is not None, lab.counted) for lab in labels] == [
        ("false", False, "false"),
        ("true", True, "true"),
    ]


def test_review_option_runs_nothing_and_prints_json(precision, tmp_path: Path, capsys) -> None:
    labels_dir = _labels(
        tmp_path,
        "NUM",
        ["a.docx\tNUM001\t~x\ttrue\tno number\tprecision"],
        ["a.docx\tNUM001\t~x\tfalse\t[scope] staff report\treview\ttrue"],
    )
    assert precision.main(["--review", "--labels", str(labels_dir), "--json", "-"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["disputed"][0]["second_reason"] == "[scope] staff report"


def test_review_files_in_the_repository_are_well_formed(precision) -> None:
    _, problems = precision.load_reviews(precision.LABELS_DIR)
    assert problems == []
