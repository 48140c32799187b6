"""The seed plan (a commune's Kế hoạch): its real defects are found, its correct parts are left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_path

ROOT = Path(__file__).resolve().parents[1]
SEED_DOCX = ROOT / "samples" / "ke-hoach-226-xa-lien-minh.docx"


def codes(result) -> dict[str, str]:
    return {f.code: f.severity for f in result.findings}


@pytest.fixture(params=["text", "docx"])
def seed_file(request, seed_path: Path) -> Path:
    return seed_path if request.param == "text" else SEED_DOCX


def test_blank_number_and_day_are_info_in_a_draft(seed_file: Path) -> None:
    found = codes(lint_path(seed_file, Config(stage="draft")))
    assert found["NUM004"] == "info"
    assert found["DATE003"] == "info"


def test_blank_number_and_day_are_info_in_the_text_submitted_for_signing(seed_file: Path) -> None:
    """Bản trình ký: the records office gives the number and the day after signing (Điều 15.2)."""
    found = codes(lint_path(seed_file, Config(stage="final")))
    assert found["NUM004"] == "info"
    assert found["DATE003"] == "info"


def test_blank_number_and_day_are_errors_once_issued(seed_file: Path) -> None:
    found = codes(lint_path(seed_file, Config(stage="issued")))
    assert found["NUM004"] == "error"
    assert found["DATE003"] == "error"


def test_no_false_alarm_on_recipients_luu_and_signature(seed_file: Path) -> None:
    result = lint_path(seed_file, Config(stage="final"))
    rec = lint_path(seed_file, Config(), keep_document=True).recognition
    assert rec.luu is not None and rec.luu.text == "- Lưu: VT, VHXH."
    assert len(rec.recipients) == 8
    assert rec.signature.authority[0].text == "TM. ỦY BAN NHÂN DÂN"
    assert rec.signature.title.text == "CHỦ TỊCH"
    bad = [f for f in result.findings if f.code.startswith(("RCPT", "SIG002", "SIG003", "SIG001"))]
    assert bad == []


def test_seed_components_recognised(seed_path: Path) -> None:
    result = lint_path(seed_path, Config(), keep_document=True)
    rec = result.recognition
    assert result.family == "administrative" and result.doc_type == "KH"
    assert rec.parsed_number.symbol == "KH-UBND" and rec.parsed_number.number is None
    assert rec.parsed_date.place == "Liên Minh" and rec.parsed_date.month == "5"
    assert rec.trich_yeu.text.startswith("Triển khai thực hiện Quyết định số 534/QĐ-TTg")
    assert rec.signature.name.text == "Trần Duy Năng"


def test_announced_appendix_that_is_not_attached(seed_path: Path) -> None:
    found = [f for f in lint_path(seed_path, Config()).findings if f.code == "BODY003"]
    assert len(found) == 1 and "phụ lục" in found[0].excerpt.lower()


def test_seed_check_json_via_cli(run_cli, seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, _ = run_cli("check", seed_path, "--format", "json", "--output", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0  # only info and warnings in a draft: nothing reaches --fail-on error
    assert data["schema"] == 1 and data["files"][0]["doc_type"] == "KH"
    code, _ = run_cli("check", seed_path, "--stage", "final", "--format", "json", "--output", out)
    assert code == 0  # submitted for signing: number and day still blank by design
    code, _ = run_cli("check", seed_path, "--stage", "issued", "--format", "json", "--output", out)
    assert code == 1


def test_inspect_json_shape(run_cli, seed_path: Path) -> None:
    code, out = run_cli("inspect", SEED_DOCX, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {"path", "format", "family", "doc_type", "stage", "components"} <= set(data)
    comps = data["components"]
    for key in ("quoc_hieu", "tieu_ngu", "parent_body", "issuer", "number", "place_date", "doc_type_name",
                "trich_yeu", "kinh_gui", "can_cu", "signature", "recipients", "appendices"):  # fmt: skip
        assert key in comps, key
    assert comps["parent_body"] is None and comps["kinh_gui"] is None
    assert comps["quoc_hieu"]["text"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert comps["number"]["location"]["block"] >= 0
    assert comps["signature"]["authority"] == ["TM. ỦY BAN NHÂN DÂN"]
    assert comps["signature"]["title"] == "CHỦ TỊCH" and comps["signature"]["name"] is None
    assert comps["recipients"][-1]["text"] == "- Lưu: VT, VHXH."
    assert data["stage"] == "draft" and data["family"] == "administrative" and data["doc_type"] == "KH"
