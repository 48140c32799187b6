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
