"""Outputs: the format follows the --output suffix, one line says where it went, the Excel workbook
(read back with openpyxl), the CSV separator, the baseline round trip, suppression by a reviewer's
Word comment, and the function API that `serve` uses."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from doclint.config import Config
from doclint.engine import lint_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
KH = SAMPLES / "ke-hoach-226-xa-lien-minh.docx"
QD = SAMPLES / "loi-quyet-dinh.docx"


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".html", lambda b: b.startswith(b"<!DOCTYPE html>")),
        (".json", lambda b: json.loads(b)["schema"] == 1),
        (".jsonl", lambda b: json.loads(b.splitlines()[0])["path"].endswith(".docx")),
        (".sarif", lambda b: json.loads(b)["version"] == "2.1.0"),
        (".csv", lambda b: b.startswith(b"\xef\xbb\xbf")),
        (".xlsx", lambda b: b.startswith(b"PK")),
    ],
)
def test_format_follows_the_output_suffix(run_cli, tmp_path, suffix, check):
    out = tmp_path / f"bao-cao{suffix}"
    code, text = run_cli("check", QD, "--output", out)
    assert code == 1 and check(out.read_bytes())
    said = [ln for ln in text.splitlines() if ln.startswith("doclint: đã ghi báo cáo")]
    assert len(said) == 1 and "bao-cao" in said[0] and "(1 tệp: 1 không đạt)" in said[0]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_explicit_format_wins_and_text_file(run_cli, tmp_path):
    out = tmp_path / "ket-qua.html"
    run_cli("check", QD, "--format", "json", "--output", out)
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["verdict"] == "fail"
    out = tmp_path / "ket-qua.txt"
    run_cli("check", QD, "--output", out)
    assert "✘ Không đạt" in out.read_text(encoding="utf-8") and "\x1b" not in out.read_text(encoding="utf-8")


def test_xlsx_read_back_with_openpyxl(tmp_path):
    from openpyxl import load_workbook

    from doclint.report import ReportOptions, render

    results = [lint_path(p, Config()) for p in (KH, QD)]
    data = render("xlsx", results, ReportOptions())
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Phát hiện", "Văn bản", "Theo quy tắc"]
    ws = wb["Phát hiện"]
    header = [c.value for c in ws[1]]
    assert header[:7] == [
        "Tệp",
        "Loại văn bản",
        "Cơ quan ban hành",
        "Kết quả văn bản",
        "Mã",
        "Mức độ",
        "Vị trí",
    ]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:N")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(r.findings) for r in results)
    num3 = next(r for r in rows if r[4] == "NUM003")
    assert num3[0] == "loi-quyet-dinh.docx" and num3[1] == "Quyết định" and num3[3] == "Không đạt"
    assert num3[5] == "Lỗi" and num3[6] == "Số, ký hiệu" and num3[11] == "Số: 05/QyĐ-UBND"
    docs = list(wb["Văn bản"].iter_rows(min_row=2, values_only=True))
    assert [d[3] for d in docs] == ["Cần sửa", "Không đạt"] and docs[1][4] == 14
    assert docs[1][8].startswith("Không đạt: sửa 14 lỗi")
    by_rule = {r[0]: r for r in wb["Theo quy tắc"].iter_rows(min_row=2, values_only=True)}
    assert by_rule["RED004"][3] == 10 and by_rule["RED004"][4] == 1


def test_xlsx_never_holds_a_formula():
    from openpyxl import load_workbook

    from doclint.engine import FileResult
    from doclint.findings import Finding, Location
    from doclint.report import ReportOptions, render

    f = Finding("TXT010", '=HYPERLINK("http://x")', "x", location=Location(block=0), excerpt="=1+1\x01")
    f.severity = "warning"
    wb = load_workbook(io.BytesIO(render("xlsx", [FileResult(path="a.txt", findings=[f])], ReportOptions())))
    row = next(wb["Phát hiện"].iter_rows(min_row=2))
    assert row[9].data_type == "s" and row[9].value == '=HYPERLINK("http://x")'
    assert row[10].value == "=1+1"


def test_csv_separator_and_excel_hint(run_cli, tmp_path):
    out = tmp_path / "kq.csv"
    _, text = run_cli("check", QD, "--output", out, "--csv-sep", ";")
    rows = list(csv.reader(io.StringIO(out.read_bytes()[3:].decode("utf-8")), delimiter=";"))
    assert rows[0][:3] == ["Tệp", "Loại văn bản", "Mã"] and rows[1][1] == "Quyết định"
    assert "--csv-sep" not in text  # asked for ';': no hint
    _, text = run_cli("check", QD, "--output", out)
    assert "--csv-sep ';'" in text and ".xlsx" in text
    code, text = run_cli("check", QD, "--output", out, "--csv-sep", "|")
    assert code == 2


def test_function_api_per_format():
    from doclint.report import MEDIA_TYPES, ReportOptions, available_formats, render

    results = [lint_path(QD, Config())]
    for name in available_formats():
        data = render(name, results, ReportOptions(lang="en"))
        assert isinstance(data, bytes if name == "xlsx" or name == "csv" else str), name
        assert name in MEDIA_TYPES
    assert "Fails" in render("html", results, ReportOptions(lang="en"))


def test_an_english_report_names_the_type_in_english():
    """A reader of --lang en sees "Decision", not the Vietnamese type name (names from doc_types.toml)."""
    from doclint.report import ReportOptions, render

    results = [lint_path(QD, Config())]
    english = render("text", results, ReportOptions(lang="en"))
    assert "Decision" in english and "Quyết định ·" not in english
    assert "Quyết định" in render("text", results, ReportOptions(lang="vi"))


# ---------------------------------------------------------------- baseline


def test_baseline_round_trip(run_cli, tmp_path, monkeypatch):
    import docx

    folder = tmp_path / "luu-tru"
    folder.mkdir()
    shutil.copy(KH, folder / "kh.docx")
    shutil.copy(QD, folder / "qd.docx")
    baseline = folder / "doclint-baseline.json"
    monkeypatch.chdir(tmp_path)
    code, text = run_cli("baseline", folder, "-o", baseline)
    assert code == 0 and "đã ghi baseline" in text
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"kh.docx", "qd.docx"}
    assert any(e["anchor"] == "chuyên đổi số" for e in data["findings"])
    # nothing new: nothing reported, exit 0
    code, text = run_cli("check", folder, "--baseline", baseline, "--format", "concise")
    assert code == 0 and "có trong baseline, không hiện" in text
    assert text.strip().splitlines() == [text.strip().splitlines()[-1]]
    # edit the plan: a paragraph added at the top and a new mistake; only the mistake is new
    document = docx.Document(str(folder / "kh.docx"))
    body = document.paragraphs
    added = body[12].insert_paragraph_before("Đoạn mới thêm vào để dịch mọi đoạn phía sau.")
    added._p.insert(0, copy.deepcopy(body[12]._p.pPr))  # formatted like its neighbour
    body[20].add_run(" Các Các đơn vị thực hiện.")
    document.save(str(folder / "kh.docx"))
    code, text = run_cli("check", folder, "--baseline", baseline, "--format", "concise")
    new = [ln for ln in text.splitlines() if ":" in ln and not ln.startswith("Tổng")]
    assert [ln.split(": ")[1].split()[0] for ln in new] == ["TXT003"], new
    # the folder moved with its baseline: still matched
    moved = tmp_path / "noi-khac"
    shutil.move(str(folder), moved)
    code, _ = run_cli("check", moved / "qd.docx", "--baseline", moved / "doclint-baseline.json")
    assert code == 0
    code, text = run_cli("check", moved, "--baseline", tmp_path / "khong-co.json")
    assert code == 2 and "baseline" in text


# ---------------------------------------------------------------- suppression by a Word comment


def _comment_on(src: Path, dst: Path, words: str, text: str, author: str = "Trần Thị B") -> None:
    import docx
    from docx.text.run import Run

    from doclint.annotate import map_blocks
    from doclint.load import load

    document = docx.Document(str(src))
    mapping, _ = map_blocks(document, src, load(src).blocks)
    for _index, entry in sorted(mapping.items()):
        i = entry.text.find(words)
        if i >= 0:
            entry.split_at(i)
            entry.split_at(i + len(words))
            runs = entry.covering(i, i + len(words))
            document.add_comment(
                [Run(runs[0], None), Run(runs[-1], None)], text=text, author=author, initials="TB"
            )
            break
    document.save(str(dst))


def test_a_reviewers_comment_suppresses_the_finding_there(tmp_path, run_cli):
    doc = tmp_path / "kh.docx"
    _comment_on(KH, doc, "chuyên đổi số", "doclint: bỏ qua TXT007 — thuật ngữ của đề án")
    result = lint_path(doc, Config())
    codes = [(f.code, f.anchor) for f in result.findings]
    assert ("TXT007", "chuyên đổi số") not in codes and ("TXT007", "chông chéo") in codes
    (sup,) = result.suppressed
    assert sup.code == "TXT007" and sup.anchor == "chuyên đổi số"
    assert sup.suppressed_by == {"author": "Trần Thị B", "reason": "thuật ngữ của đề án"}
    # listed apart in the reports
    _, text = run_cli("check", doc, "--select", "TXT007")
    assert "Đã bỏ qua theo chú thích trong văn bản (1): TXT007 mục I.1, điểm c (Trần Thị B" in text
    data = json.loads(run_cli("check", doc, "--format", "json")[1])
    assert data["files"][0]["suppressed"][0]["suppressed_by"]["author"] == "Trần Thị B"
    assert data["summary"]["suppressed"] == 1
    sarif = json.loads(run_cli("check", doc, "--format", "sarif")[1])
    assert sum(1 for r in sarif["runs"][0]["results"] if r.get("suppressions")) == 1


def test_comment_on_other_words_or_codes_does_not_suppress(tmp_path):
    doc = tmp_path / "kh.docx"
    _comment_on(KH, doc, "chuyên đổi số", "doclint: ignore CAP001, RED004")
    assert not lint_path(doc, Config()).suppressed
    _comment_on(KH, doc, "Các Các", "Xem lại đoạn này (doclint: bỏ qua TXT003)")  # not at the start
    assert not lint_path(doc, Config()).suppressed
    _comment_on(KH, doc, "Các Các", "doclint: bỏ qua TXT")  # a family prefix
    result = lint_path(doc, Config())
    assert [f.code for f in result.suppressed] == ["TXT003"]


def test_directive_forms():
    from doclint.suppress import directive

    assert directive("doclint: bỏ qua TXT007") == (["TXT007"], "")
    assert directive("Doclint: Bỏ qua txt007, CAP001 vì là tên riêng") == (
        ["TXT007", "CAP001"],
        "vì là tên riêng",
    )
    assert directive("doclint: ignore RED004 - accepted") == (["RED004"], "accepted")
    assert directive("doclint bỏ qua") is None and directive("bỏ qua TXT007") is None
    assert directive("doclint: bỏ qua TXT007 do ten rieng") == (["TXT007"], "do ten rieng")
    assert directive("doclint: bỏ qua TXT, CAP") == (["TXT", "CAP"], "")
