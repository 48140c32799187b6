"""Terminal output: grouped by file, code, severity, location, message, excerpt, suggestion, totals."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_text_output_groups_and_totals(run_cli, tmp_path: Path) -> None:
    code, out = run_cli("check", ROOT / "samples" / "loi-quyet-dinh.docx", ROOT / "samples" / "cong-van-hop-le.docx",
                        "--select", "NUM,DATE")  # fmt: skip
    lines = out.splitlines()
    assert code == 1
    first = next(i for i, ln in enumerate(lines) if ln.endswith("cong-van-hop-le.docx CV · administrative"))
    second = next(i for i, ln in enumerate(lines) if "loi-quyet-dinh.docx" in ln)
    assert first != second
    assert "không có phát hiện" in lines[first + 1]
    num3 = next(ln for ln in lines if "NUM003" in ln)
    assert "lỗi" in num3 and "đoạn 4" in num3
    assert any("│ Số 5/QyĐ-UBND" in ln for ln in lines)
    assert any("→ sửa thành: Số: 05/QĐ-UBND" in ln or "→ sửa thành: Số: 05/QyĐ-UBND" in ln for ln in lines)
    assert lines[-1].startswith("Tổng: 2 tệp")


def test_statistics(run_cli) -> None:
    _, out = run_cli("check", ROOT / "samples", "--select", "NUM", "--statistics", "--fail-on", "never")
    assert "NUM002" in out and "number-malformed" in out


def test_show_basis(run_cli) -> None:
    _, out = run_cli("check", ROOT / "samples" / "loi-quyet-dinh.docx", "--select", "NUM003", "--show-basis")
    assert "căn cứ: NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.3.c" in out
