"""The reference library: storage, lookup, the refs command, and RED002 on the corpus's draft chains."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.config import Config
from doclint.refs import RefLibrary, cited_numbers, libraries_for, number_key, with_refs


@pytest.fixture(autouse=True)
def _no_user_library(tmp_path, monkeypatch):
    """A library the user built with ``doclint refs add`` must not leak into these tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def corpus_dir() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "corpus"
        if (candidate / "MANIFEST.tsv").is_file():
            return candidate
    return None


CORPUS = corpus_dir()
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="corpus not available")

PLAN = """\
ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 138/KH-UBND
Ninh Bình, ngày 25 tháng 4 năm 2026
KẾ HOẠCH
Thử nghiệm thư viện văn bản tham chiếu
I. NHIỆM VỤ
- Xây dựng kế hoạch tổ chức hội nghị hằng năm, bảo đảm chỉ tiêu giảm 10% số lượng hội nghị và tỷ lệ họp trực tuyến được nâng lên.
- Thực hiện nghiêm quy định về thời gian họp: hội nghị quán triệt không quá 1/2 ngày; hội nghị chuyên môn không quá 1 ngày.
Nơi nhận:
- Lưu: VT.
"""


def test_number_keys_and_cited_numbers():
    assert number_key("Số: 05/CT-UBND") == number_key("5/CT-UBND")
    assert number_key("226-KL/TW") == "226-KL/TW"
    assert cited_numbers(
        "theo Quyết định số 534/QĐ-TTg và Kết luận số 226-KL/TW; Nghị định 09/2019/NĐ-CP"
    ) == [
        "534/QĐ-TTg",
        "226-KL/TW",
        "09/2019/NĐ-CP",
    ]


def test_library_add_lookup_remove(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    lib = RefLibrary(tmp_path / "refs.sqlite3")
    doc = lib.add_path(path)
    assert doc.number == "138/KH-UBND" and doc.doc_type == "KH" and doc.n_paras == 2
    assert doc.label == "Kế hoạch số 138/KH-UBND"
    lib.add_path(path)
    assert len(lib) == 1  # adding the same file again replaces it
    assert [d.number for d in lib.by_keys(["138/KH-UBND"])] == ["138/KH-UBND"]
    assert lib.remove("138/KH-UBND") and len(lib) == 0
    assert lib.db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0  # no orphan contents
    assert lib.db.execute("SELECT COUNT(*) FROM bands").fetchone()[0] == 0


def test_check_never_creates_a_database(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert libraries_for(Config()) == []
    assert libraries_for(with_refs(Config(), refs_db=tmp_path / "missing.sqlite3")) == []
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "missing.sqlite3").exists()


def test_refs_command_add_list_remove(tmp_path, monkeypatch):
    import typer

    from doclint.commands import refs as refs_command

    app = typer.Typer()
    refs_command.register(app)

    @app.callback()
    def _root() -> None:
        """doclint"""

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["refs", "add", str(tmp_path / "plan.txt")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "xdg" / "doclint" / "refs.sqlite3").is_file()
    listed = runner.invoke(app, ["refs", "list"])
    assert "Kế hoạch số 138/KH-UBND" in listed.output
    own = tmp_path / "own.sqlite3"
    assert (
        runner.invoke(app, ["refs", "add", "--refs-db", str(own), str(tmp_path / "plan.txt")]).exit_code == 0
    )
    assert "1 văn bản" in runner.invoke(app, ["refs", "list", "--refs-db", str(own)]).output
    removed = runner.invoke(app, ["refs", "remove", "138/KH-UBND"])
    assert removed.exit_code == 0 and "Đã xóa" in removed.output
    assert runner.invoke(app, ["refs", "remove", "999"]).exit_code == 1


DRAFT = "docx/016_vbai_KH_Du-thao-KH-CCHC-gd-2026-2030-17-3s.docx"
ISSUED = "docx/017_vbai_KH_Ke-hoach-CCHC-giai-doan-2026-2030.docx"
UNRELATED = "docx/026_vbai_KH_Du-thao-Ke-hoach-tuyen-truyen-CCHC-tinh-Lam-Dong-nam-20.docx"


@needs_corpus
@pytest.mark.corpus
def test_red002_draft_in_library_issued_version_is_a_near_total_copy(tmp_path):
    from doclint.engine import lint_path

    lib = RefLibrary(tmp_path / "refs.sqlite3")
    lib.add_path(CORPUS / DRAFT)
    lib.close()
    config = replace(with_refs(Config(), refs_db=tmp_path / "refs.sqlite3"), select=("RED002",))
    found = lint_path(CORPUS / ISSUED, config).findings
    assert len(found) == 1 and "gần như toàn bộ" in found[0].vi
    assert int(found[0].vi.split("(")[1].split("%")[0]) >= 90
    # the draft itself is not its own copy
    assert lint_path(CORPUS / DRAFT, config).findings == []


@needs_corpus
@pytest.mark.corpus
def test_red002_unrelated_document_in_library_reports_nothing(tmp_path):
    from doclint.engine import lint_path

    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / Path(UNRELATED).name).write_bytes((CORPUS / UNRELATED).read_bytes())
    config = replace(with_refs(Config(), refs_dir=refs), select=("RED002",))
    assert lint_path(CORPUS / ISSUED, config).findings == []


@needs_corpus
@pytest.mark.corpus
def test_red003_real_plans_with_task_tables_pass():
    from doclint.engine import lint_path

    plans = sorted((CORPUS / "docx").glob("*_KH_*.docx"))
    assert plans
    for plan in plans:
        assert lint_path(plan, Config(select=("RED003",))).findings == [], plan.name


def test_unreadable_library_is_said_once_not_a_crash(tmp_path):
    from doclint.engine import lint_document
    from doclint.model import Block, Document

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database")
    doc = Document(
        path=str(tmp_path / "x.txt"), format="txt", blocks=[Block(0, "KẾ HOẠCH"), Block(1, "Nội dung.")]
    )
    config = replace(with_refs(Config(), refs_db=bad), select=("RED002",))
    found = lint_document(doc, config).findings
    assert len(found) == 1 and found[0].severity == "info" and "Không đọc được" in found[0].vi


def test_red_rules_survive_empty_and_odd_documents():
    from doclint.engine import lint_document
    from doclint.model import Block, Document

    for blocks in ([], [Block(0, "")], [Block(0, "KẾ HOẠCH"), Block(1, "1/2 ngày; 95%; —; ;;;")]):
        doc = Document(path="x.txt", format="txt", blocks=blocks)
        codes = {f.code for f in lint_document(doc, Config(select=("RED",))).findings}
        assert "DOC005" not in codes
