"""Terminal output: verdict per document, errors first, grouping, the exact words marked, wrapping at
80 and 120 columns with hanging indents, no colour without meaning, --quiet, --format concise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from doclint.config import Config
from doclint.engine import lint_path
from doclint.report import ReportOptions
from doclint.report.text import groups, render_text, split_messages, window

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def results():
    return [
        lint_path(SAMPLES / name, Config(preview=True))  # preview rules too: RED003's long message wraps
        for name in ("ke-hoach-226-xa-lien-minh.docx", "loi-quyet-dinh.docx")
    ]


@pytest.mark.parametrize("width", [80, 120])
def test_wraps_at_the_width_with_hanging_indents(results, width):
    out = render_text(results, ReportOptions(width=width))
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    # a wrapped message goes on under its first word, not at column 0
    for i, line in enumerate(lines[1:], 1):
        if line and not line.startswith(" ") and lines[i - 1].startswith("  "):
            assert line.startswith(("Tổng", "samples", "ke-hoach", "loi-")), line
    # the long RED003 message wraps under its own start
    head = next(i for i, ln in enumerate(lines) if "cảnh báo RED003" in ln)
    indent = lines[head].index("Văn bản")
    assert lines[head + 1].startswith(" " * indent) and lines[head + 1][indent] != " "


@pytest.mark.parametrize("width", [80, 120])
def test_marks_the_exact_words(results, width):
    lines = render_text(results, ReportOptions(width=width)).splitlines()
    for words in ("chuyên đổi số", "Các Các", "31/4/2026"):  # HĐND: a known abbreviation since fix-lex
        i = next(i for i, ln in enumerate(lines) if "│" in ln and words in ln)
        text, carets = lines[i], lines[i + 1]
        start = text.index(words)
        assert carets[start : start + len(words)] == "^" * len(words), (words, text, carets)
        assert carets[:start].strip() == "│" and carets[start + len(words) :].strip() == ""


def test_verdict_first_errors_first_and_groups(results):
    out = render_text(results, ReportOptions(width=100))
    kh, qd = out.split("loi-quyet-dinh.docx")
    assert "ke-hoach-226-xa-lien-minh.docx — Kế hoạch · văn bản hành chính" in kh
    assert "! Cần sửa: không có lỗi; xem lại 16 cảnh báo, trước hết TXT007 ×5" in kh
    assert qd.lstrip(" —").startswith("Quyết định · văn bản hành chính")
    assert "✘ Không đạt: sửa 14 lỗi trước khi trình ký" in qd
    # errors before warnings before suggestions
    sev = [m.group(1) for m in re.finditer(r"^  (lỗi|cảnh báo|gợi ý) [A-Z]+\d+", qd, re.M)]
    order = {"lỗi": 0, "cảnh báo": 1, "gợi ý": 2}
    assert sev == sorted(sev, key=order.__getitem__) and sev[0] == "lỗi"
    # ten RED004 findings are one entry: the shared advice once, each place with its phrase
    assert kh.count("gợi ý RED004") == 1 and "gợi ý RED004 ×10" in kh
    assert kh.count("Thay bằng việc cụ thể") == 1
    assert "mục I.1, điểm a: Cụm từ hình thức “quán triệt sâu sắc” (2 lần)" in kh
    assert "và 4 chỗ khác: mục II.1, gạch đầu dòng thứ 2; mục II.2, đoạn 1" in kh
    # places a person finds in Word, never "đoạn 163"
    assert "đoạn 13" not in kh and "đề mục III.2" in kh and "Số, ký hiệu" in kh
    assert "administrative" not in out and "KH ·" not in out
    assert (
        out.rstrip().splitlines()[-1] == "Tổng: 2 tệp (1 không đạt, 1 cần sửa); 14 lỗi, 27 cảnh báo, 18 gợi ý"
    )


def test_colour_only_where_it_means_something(results):
    out = render_text(results, ReportOptions(width=120, color=True))
    assert "\x1b[" in out
    for line in out.splitlines():
        if "│" in line and "^" not in line:
            # document text: plain, except the marked words
            plain = ANSI.sub("", line)
            coloured = re.findall(r"\x1b\[[0-9;]*m([^\x1b]+)\x1b\[0m", line)
            assert all(c in plain for c in coloured)
            assert len(coloured) <= 3  # the bar, the marked words; never every number
    msg = next(ln for ln in out.splitlines() if "Ngày “31/4/2026” không có thật" in ln)
    assert "\x1b" not in msg.split("Ngày", 1)[1]  # numbers in a message are not highlighted
    assert "\x1b" not in render_text(results, ReportOptions(width=120))


def test_quiet_shows_errors_only(results):
    out = render_text(results, ReportOptions(width=100, quiet=True))
    assert "cảnh báo TXT007" not in out and "gợi ý" not in out.split("Tổng:")[0].replace("gợi ý để", "")
    assert "ke-hoach-226" not in out  # no error there: not listed
    assert "lỗi NUM003" in out and "chỉ hiện lỗi (--quiet)" in out


def test_window_keeps_the_words_in_view():
    text = "a" * 300 + " tạo sự chuyển biến rõ rệt " + "b" * 300
    start = text.index("tạo")
    line, a, b = window(text, start, start + len("tạo sự chuyển biến rõ rệt"), 60)
    assert cell_len(line) <= 60 and line[a:b] == "tạo sự chuyển biến rõ rệt"
    line, a, b = window("x" * 10, 2, 4, 60)
    assert (line, a, b) == ("x" * 10, 2, 4)


def test_shared_advice_is_said_once():
    shared, own = split_messages(
        ["Cụm “a” (2 lần); cả văn bản có 3. Thay đi.", "Cụm “b”; cả văn bản có 3. Thay đi."]
    )
    assert shared == "Cả văn bản có 3. Thay đi." and own == ["Cụm “a” (2 lần)", "Cụm “b”"]
    assert split_messages(["x.", "x."]) == ("x.", ["", ""])


def test_identical_findings_are_one_item(results):
    from copy import deepcopy

    f = deepcopy(results[1].findings[0])
    (_sev, _code, items), *_ = groups([f, deepcopy(f)])
    assert len(items) == 1 and items[0][1] == 2


def test_cli_concise_quiet_and_statistics(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out = run_cli("check", SAMPLES / "loi-quyet-dinh.docx", "--format", "concise", "--quiet")
    assert code == 1
    lines = out.strip().splitlines()
    assert re.match(r"^.*loi-quyet-dinh\.docx:-:1: HDR005 \[lỗi\] Tên cơ quan", lines[0])
    assert all("[lỗi]" in ln for ln in lines[:-1]) and lines[-1].startswith("Tổng:")
    _, out = run_cli("check", SAMPLES / "loi-quyet-dinh.docx")
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    _, out = run_cli("check", SAMPLES, "--statistics", "--fail-on", "never")
    assert "│" not in out and "[lỗi]" in out and out.strip().splitlines()[-1].startswith("Tổng:")


def test_show_basis(run_cli) -> None:
    _, out = run_cli("check", SAMPLES / "loi-quyet-dinh.docx", "--select", "NUM003", "--show-basis")
    assert "căn cứ: NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.3.c" in out
