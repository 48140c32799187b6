"""Rule engine: metadata as data, selection, severity overrides, stage, crash isolation, config files."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint import checks
from doclint.checks import check, registered_codes
from doclint.config import Config, ConfigError, find_config, read_config
from doclint.engine import lint_path
from doclint.rulepack import RulePack, load_pack

ROOT = Path(__file__).resolve().parents[1]
QD = ROOT / "samples" / "loi-quyet-dinh.docx"


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


def test_every_check_has_metadata_and_every_rule_a_check() -> None:
    pack = load_pack()
    implemented = registered_codes()
    assert implemented - set(pack.rules) == set(), "checks without metadata"
    engine_only = {
        "DOC001",
        "DOC002",
        "DOC004",
        "DOC005",
        "DOC006",
        "DOC007",
    }  # produced by loaders / the engine
    missing = {c for c in set(pack.rules) - implemented - engine_only}
    assert missing == set(), "rules without a check"


def test_metadata_is_complete() -> None:
    for meta in load_pack().rules.values():
        assert meta.title_vi and meta.title_en and meta.basis and meta.why, meta.code
        assert meta.name == meta.name.lower() and " " not in meta.name, meta.code
        assert meta.code[:-3] == meta.family, meta.code


def test_select_by_prefix_and_ignore_by_code() -> None:
    only_num = codes(lint_path(QD, Config(select=("NUM",))))
    assert only_num == {"NUM002", "NUM003", "NUM005"}
    without = codes(lint_path(QD, Config(select=("NUM",), ignore=("NUM003",))))
    assert without == {"NUM002", "NUM005"}


def test_severity_override_exact_beats_prefix() -> None:
    config = Config(select=("NUM", "RCPT"), severity=(("NUM", "info"), ("NUM005", "warning")))
    found = {f.code: f.severity for f in lint_path(QD, config).findings}
    assert found["NUM002"] == "info" and found["NUM005"] == "warning"
    assert found["RCPT003"] == "error"


def test_crashing_check_becomes_a_finding_and_others_run(monkeypatch) -> None:
    def boom(ctx):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(checks, "_CHECKS", [*checks.load_all(), ("HDR001", boom)])
    result = lint_path(QD, Config(select=("HDR", "NUM")))
    found = codes(result)
    assert "DOC005" in found
    assert {"NUM002", "HDR002"} <= found
    crash = next(f for f in result.findings if f.code == "DOC005")
    assert "boom" in crash.vi and crash.severity == "error"


def test_config_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "doclint.toml").write_text('ignore = ["NUM"]\nstage = "final"\n[severity]\nHDR002 = "info"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    target = deep / "qd.docx"
    target.write_bytes(QD.read_bytes())
    found = find_config(target)
    assert found == tmp_path / "doclint.toml"
    config = read_config(found)
    assert config.stage == "final" and config.ignore == ("NUM",)
    result = lint_path(target, config)
    assert not any(f.code.startswith("NUM") for f in result.findings)
    assert {f.code: f.severity for f in result.findings}["HDR002"] == "info"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n[tool.doclint]\nselect = ["SIG"]\n')
    assert read_config(find_config(tmp_path)).select == ("SIG",)


def test_cli_respects_config_and_overrides(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "qd.docx"
    target.write_bytes(QD.read_bytes())
    (tmp_path / "doclint.toml").write_text('select = ["SIG"]\n')
    _code, out = run_cli("check", target)
    assert "SIG002" in out and "NUM002" not in out
    _code, out = run_cli("check", target, "--select", "NUM003")
    assert "NUM003" in out and "SIG002" not in out


def test_bad_option_is_a_usage_error(run_cli) -> None:
    code, _out = run_cli("check", QD, "--stage", "published")
    assert code == 2


def test_fail_on(run_cli) -> None:
    assert run_cli("check", QD, "--fail-on", "never")[0] == 0
    assert run_cli("check", QD)[0] == 1


def test_user_pack_adds_a_rule_table(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    pack_dir.mkdir()
    (pack_dir / "recipients.toml").write_text('[groups]\n"cac don vi truc thuoc" = ["Phòng"]\n')
    pack = load_pack((str(pack_dir),))
    assert "cac don vi truc thuoc" in pack.table("recipients")["groups"]
    assert "cac phong" in pack.table("recipients")["groups"]  # built-in kept


def test_rules_and_explain(run_cli) -> None:
    code, out = run_cli("rules")
    assert code == 0 and "NUM003" in out and "number-leading-zero" in out
    code, out = run_cli("explain", "NUM003")
    assert code == 0 and "Phụ lục I" in out and "Số: 05/KH-UBND" in out
    code, out = run_cli("explain", "NUM003", "--lang", "en")
    assert "Legal basis" in out
    assert run_cli("explain", "XYZ999")[0] == 2


def test_english_messages(run_cli) -> None:
    _code, out = run_cli("check", QD, "--lang", "en", "--select", "NUM003")
    assert "A number below 10 takes a leading zero" in out


@pytest.mark.parametrize("stage,expected", [("draft", "info"), ("final", "error"), ("issued", "error")])
def test_stage(stage: str, expected: str) -> None:
    sample = ROOT / "samples" / "ke-hoach-226-xa-lien-minh.docx"
    found = {f.code: f.severity for f in lint_path(sample, Config(stage=stage)).findings}
    assert found["SIG004"] == expected


def test_registering_a_check_is_a_plain_function() -> None:
    @check("TEST999")
    def dummy(ctx):
        return []

    assert "TEST999" in registered_codes()
    checks._CHECKS[:] = [c for c in checks._CHECKS if c[1] is not dummy]


def test_stage_issued_from_the_command_line_and_the_config(run_cli, tmp_path: Path) -> None:
    code, out = run_cli("check", QD, "--stage", "issued", "--select", "NUM004", "--format", "json")
    assert code != 2, out
    (tmp_path / "doclint.toml").write_text('stage = "issued"\n')
    assert read_config(tmp_path / "doclint.toml").stage == "issued"


def test_stage_severity_is_validated(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules-x.toml").write_text(
        '[[rule]]\ncode = "XYZ001"\nname = "x"\nfamily = "DOC"\nseverity = "error"\ntitle_vi = "x"\n'
        'title_en = "x"\nbasis = "x"\nstage_severity = { signed = "info" }\n'
    )
    with pytest.raises(ConfigError):
        RulePack().add_folder(pack)
