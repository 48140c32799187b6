"""CSV (Excel-friendly) and --statistics."""

from __future__ import annotations

import csv
import io

import pytest
import reportkit as kit

from doclint.engine import FileResult
from doclint.errors import LoadError
from doclint.findings import Finding, Location
from doclint.report import csv as csv_report
from doclint.report.statistics import counts, statistics

needs_seed = pytest.mark.skipif(kit.seed_text_path() is None, reason="seed plan not found (shared/seeds)")


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@needs_seed
def test_one_row_per_finding_with_bom(tmp_path):
    seed = kit.result_for(kit.seed_text_path())
    broken = FileResult(path=str(tmp_path / "hỏng.docx"), format="docx",
                        error=LoadError("DOC001", "Tệp DOCX bị hỏng.", "Broken DOCX."))  # fmt: skip
    table = read(csv_report.render([seed, broken], kit.config(), "vi", None))
    assert table[0][:4] == ["Tệp", "Loại văn bản", "Mã", "Mức độ"]
    assert len(table) == 1 + len(seed.findings) + 1
    misspelt = next(r for r in table if r[2] == "TXT010")
    assert misspelt[3] == "Cảnh báo" and misspelt[7] == "chuyên đổi số" and misspelt[8] == "chuyển đổi số"
    assert misspelt[5] == str(next(f for f in seed.findings if f.code == "TXT010").location.block + 1)
    assert table[-1][2] == "DOC001" and table[-1][6] == "Tệp DOCX bị hỏng."
    assert b"\r\n" in csv_report.render([seed], kit.config(), "en", None)


def test_formula_injection_is_neutralised():
    f = Finding("TXT010", '=HYPERLINK("x")', "x", location=Location(block=0), excerpt="+1+1", suggestion="-5")
    f.severity = "warning"
    table = read(csv_report.render([FileResult(path="a.txt", findings=[f])], None, "vi", None))
    assert table[1][6] == '\'=HYPERLINK("x")' and table[1][7] == "'+1+1" and table[1][8] == "-5"


@needs_seed
def test_statistics_like_ruff():
    seed = kit.result_for(kit.seed_text_path())
    rows = counts([seed, seed])
    assert rows[0][0] == "TXT010" and rows[0][1] == 2 * sum(f.code == "TXT010" for f in seed.findings)
    text = statistics([seed], "vi", kit.config())
    first = text.splitlines()[0].split()
    assert first[:5] == ["3", "TXT010", "[cảnh", "báo]", "(1"]
    assert "Lỗi chính tả thường gặp" in text
    assert statistics([FileResult(path="x.txt")]) == ""
