"""Rule maturity (issue 12): preview rules run only when asked for, and say why they are in preview."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from doclint.config import Config, ConfigError, read_config
from doclint.engine import lint_document
from doclint.load import load
from doclint.rulepack import RulePack, load_pack

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "ỦY BAN NHÂN DÂN\nXÃ LIÊN MINH\nSố: 5/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nLiên Minh, ngày 05 tháng 5 năm 2026\nKẾ HOẠCH\n"
    "Triển khai nhiệm vụ năm 2026\nỦy ban nhân dân xã triển khai nhiệm vụ năm 2026./.\n"
    "Nơi nhận:\n- Các thôn;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
)


@pytest.fixture
def pack_with_preview_num003() -> RulePack:
    base = load_pack()
    pack = RulePack(dict(base.rules), dict(base.tables), list(base.sources), dict(base.families))
    pack.rules["NUM003"] = dataclasses.replace(
        base.rules["NUM003"], maturity="preview", preview_reason="precision 80% over 12 labelled findings"
    )
    return pack


def codes(tmp_path: Path, pack: RulePack, config: Config) -> set[str]:
    path = tmp_path / "kh.txt"
    path.write_text(TEXT, encoding="utf-8")
    return {f.code for f in lint_document(load(path), config, pack).findings}


def test_a_preview_rule_runs_only_when_asked(tmp_path: Path, pack_with_preview_num003: RulePack) -> None:
    pack = pack_with_preview_num003
    assert "NUM003" in codes(tmp_path, load_pack(), Config())  # stable: runs by default
    assert "NUM003" not in codes(tmp_path, pack, Config())
    assert "NUM003" in codes(tmp_path, pack, Config(preview=True))
    assert "NUM003" in codes(tmp_path, pack, Config(select=("NUM003",)))  # its exact code
    assert "NUM003" not in codes(tmp_path, pack, Config(select=("NUM",)))  # a prefix is not enough


def test_preview_from_the_config_file_and_the_command_line(tmp_path: Path, run_cli) -> None:
    (tmp_path / "doclint.toml").write_text("preview = true\n")
    assert read_config(tmp_path / "doclint.toml").preview is True
    (tmp_path / "doclint.toml").write_text('preview = "yes"\n')
    read_config.cache_clear()
    with pytest.raises(ConfigError):
        read_config(tmp_path / "doclint.toml")
    path = tmp_path / "kh.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out = run_cli("check", path, "--preview", "--config", ROOT / "pyproject.toml", "--fail-on", "never")
    assert code == 0, out


def test_maturity_is_validated_and_preview_needs_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    rule = (
        '[[rule]]\ncode = "XYZ001"\nname = "x"\nfamily = "DOC"\nseverity = "error"\ntitle_vi = "x"\n'
        'title_en = "x"\nbasis = "x"\n'
    )
    for extra in ('maturity = "beta"\n', 'maturity = "preview"\n'):
        (folder / "rules-x.toml").write_text(rule + extra)
        with pytest.raises(ConfigError):
            RulePack().add_folder(folder)
    (folder / "rules-x.toml").write_text(rule + 'maturity = "preview"\npreview_reason = "đang đo"\n')
    pack = RulePack()
    pack.add_folder(folder)
    assert pack.rules["XYZ001"].maturity == "preview"


def test_rules_and_explain_show_maturity(run_cli, monkeypatch, pack_with_preview_num003) -> None:
    import doclint.rulepack

    code, out = run_cli("explain", "NUM003")
    assert code == 0 and "ổn định" in out
    monkeypatch.setattr(doclint.rulepack, "load_pack", lambda *a, **k: pack_with_preview_num003)
    code, out = run_cli("explain", "NUM003")
    assert "preview" in out and "precision 80% over 12 labelled findings" in out
    code, out = run_cli("rules")
    assert any(line.startswith("NUM003") and "preview" in line for line in out.splitlines())
