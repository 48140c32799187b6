"""RED rules: duplicates, copies of higher-level documents, relay plans, formalism, length signals."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.analysis.shingles import tokens
from doclint.config import Config
from doclint.engine import lint_path


def shared_dir() -> Path | None:
    """``shared/`` (corpus and seeds), found by walking up from this file."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared"
        if (candidate / "seeds").is_dir() or (candidate / "corpus").is_dir():
            return candidate
    return None


SHARED = shared_dir()
SEED = SHARED / "seeds" / "000_89dcc62694a11fe1.txt" if SHARED else None
needs_seed = pytest.mark.skipif(SEED is None or not SEED.is_file(), reason="seed draft not available")


def red(path: Path, config: Config | None = None, codes: tuple[str, ...] = ("RED",)):
    config = config or Config()
    from dataclasses import replace

    return lint_path(path, replace(config, select=codes), keep_document=True)


def test_normalisation_unifies_light_edits():
    a = tokens("Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ quy định")
    b = tokens("Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định")
    assert a == b
    assert tokens("Ủy ban nhân dân xã") == tokens("UBND xã") == tokens("Uỷ ban nhân dân xã")
    assert "95%" in tokens("đạt từ 95% trở lên")


@needs_seed
def test_red001_seed_finds_the_repeated_reporting_duty():
    result = red(SEED, codes=("RED001",))
    doc = result.document
    pairs = {(f.location.related_block, f.location.block) for f in result.findings}
    texts = [(doc.blocks[a].text, doc.blocks[b].text) for a, b in pairs]
    assert any("09/2019/NĐ-CP" in a and "09/2019/NĐ-CP" in b for a, b in texts)
    # the other two real repetitions of the seed, and nothing else
    assert any("95%" in a and "95%" in b for a, b in texts)
    assert any("Chịu trách nhiệm trực tiếp" in b for _, b in texts)
    assert len(result.findings) == 3


# A reference text for RED002 made only of what the seed itself states as the province's targets and
# rules (the meeting-time limits, the 10% and 95% targets), under the number of the provincial plan the
# seed says it implements. It is a test fixture, not the text of that plan.
PROVINCIAL_REFERENCE = """\
ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 138/KH-UBND
KẾ HOẠCH
Triển khai thực hiện Quyết định số 534/QĐ-TTg (trích các nội dung dùng để kiểm thử)
I. MỤC ĐÍCH, YÊU CẦU
Phấn đấu đạt được các chỉ tiêu định lượng cụ thể ngay trong năm 2026: số lượng hội nghị trực tuyến chiếm đa số trên tổng số hội nghị trong năm; tinh giản 10% số lượng hội nghị hằng năm; thực hiện xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên.
II. NHIỆM VỤ, GIẢI PHÁP
- Xây dựng kế hoạch tổ chức hội nghị hằng năm, bảo đảm chỉ tiêu giảm 10% số lượng hội nghị và tỷ lệ họp trực tuyến được nâng lên.
- Thực hiện nghiêm quy định về thời gian họp: hội nghị quán triệt không quá 1/2 ngày; hội nghị chuyên môn không quá 1 ngày; các hội nghị quan trọng cần thảo luận không quá 1,5 ngày. Đổi mới phương thức điều hành cuộc họp: không đọc lại báo cáo, dành thời gian chủ yếu để thảo luận và giải quyết vấn đề.
- Phấn đấu thực hiện việc xử lý thủ tục hành chính trên môi trường số và số hóa văn bản đạt từ 95% trở lên; tiếp tục đẩy mạnh phân cấp, phân quyền, phân định thẩm quyền.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


@needs_seed
def test_red002_seed_points_at_each_copied_passage(tmp_path):
    from doclint.refs import with_refs

    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "kh138.txt").write_text(PROVINCIAL_REFERENCE, encoding="utf-8")
    result = red(SEED, with_refs(Config(), refs_dir=refs), codes=("RED002",))
    doc = result.document
    copied = {f.location.block: f for f in result.findings}
    texts = {b: doc.blocks[b].text for b in copied}
    assert any("1/2 ngày" in t for t in texts.values())  # meeting-time limits
    assert any("giảm 10%" in t for t in texts.values())  # the 10% target
    assert any(t.startswith("- Phân đầu") and "95%" in t for t in texts.values())  # the 95% target
    assert any("Phấn đấu đạt được" in t for t in texts.values())  # the targets inside I.2.a
    assert len(copied) == 4
    for finding in result.findings:
        # the seed cites the plan, so the message names it, with the paragraph and the overlap ratio
        assert "Kế hoạch số 138/KH-UBND, đoạn" in finding.vi
        assert "trùng" in finding.vi and "%" in finding.vi
    # I.2.a copies only its last sentences: the finding points at them, not at the whole paragraph
    partial = next(f for f in result.findings if "Phấn đấu đạt được" in texts[f.location.block])
    assert partial.location.start and partial.location.start > 0
    assert partial.excerpt.startswith("Phấn đấu đạt được")


@needs_seed
def test_red002_nothing_without_library_or_with_unrelated_reference(tmp_path, monkeypatch):
    from doclint.refs import with_refs

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert red(SEED, codes=("RED002",)).findings == []
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "other.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 12/KH-UBND\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n"
        "I. NHIỆM VỤ\n- Rà soát, cập nhật phương án ứng phó với bão mạnh, siêu bão và lũ quét tại các xã "
        "ven sông; bố trí lực lượng, phương tiện cứu hộ tại chỗ trước mùa mưa bão.\n",
        encoding="utf-8",
    )
    assert red(SEED, with_refs(Config(), refs_dir=refs), codes=("RED002",)).findings == []
