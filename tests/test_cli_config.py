"""Typos are refused, not ignored: config keys, option values, codes in --select/--ignore and in the config
(exit 2, file and line, a suggestion); and the command line speaks Vietnamese unless --lang en."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from doclint.config import read_config
from doclint.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
QD = ROOT / "samples" / "loi-quyet-dinh.docx"


def doclint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DOCLINT_NO_PROGRESS": "1", "COLUMNS": "120", "TERMINAL_WIDTH": "120"}
    env.pop("DOCLINT_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "doclint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def config_error(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "doclint.toml"
    path.write_text(text, encoding="utf-8")
    read_config.cache_clear()
    with pytest.raises(ConfigError) as err:
        read_config(path)
    read_config.cache_clear()
    return err.value


@pytest.mark.parametrize(
    "text,line,words",
    [
        ('stage = "final"\nseletc = ["NUM"]\n', 2, ["seletc", "select"]),
        ("[options]\nred001-containmnet = 0.3\n", 2, ["red001-containmnet", "red001-containment"]),
        ('citation-completeness = "strct"\n', 1, ["strct", "strict"]),
        ('red003-share = "high"\n', 1, ["red003-share", "float"]),
        ('select = ["NUMBER", "HDR"]\n', 1, ["NUMBER", "NUM"]),
        ('ignore = "XYZ"\n', 1, ["XYZ"]),
        ('[severity]\nNUM03 = "info"\n', 2, ["NUM03"]),
        ('[severity]\nNUM003 = "eror"\n', 2, ["eror", "error"]),
        ('[per-file-ignores]\n"*.docx" = ["SIGN"]\n', 2, ["SIGN", "SIG"]),
        ('stage = "finale"\n', 1, ["finale", "final"]),
        ("tone-style = 3\n", 1, ["tone-style"]),
    ],
)
def test_config_typos_are_refused_with_line_and_suggestion(tmp_path: Path, text, line, words) -> None:
    err = config_error(tmp_path, text)
    assert f"doclint.toml:{line}:" in err.vi and f"doclint.toml:{line}:" in err.en
    for word in words:
        assert word in err.vi, err.vi


def test_valid_config_is_read(tmp_path: Path) -> None:
    path = tmp_path / "doclint.toml"
    path.write_text(
        'select = ["NUM", "HDR001"]\nignore = "NUM005"\ntone-style = "new"\nred003-min-items = 8\n'
        '[options]\nred001-containment = 0.7\n[severity]\nNUM = "info"\n[per-file-ignores]\n"*.txt" = ["HDR"]\n',
        encoding="utf-8",
    )
    read_config.cache_clear()
    config = read_config(path)
    assert config.select == ("NUM", "HDR001") and config.ignore == ("NUM005",)
    assert config.option("tone-style") == "new" and config.option("red001-containment") == 0.7


def test_select_typo_on_the_command_line_is_refused() -> None:
    """Before: `--select NUMBER,XYZ` reported “no findings” and exit 0 on a document with 25."""
    proc = doclint("check", str(QD), "--select", "NUMBER,XYZ")
    assert proc.returncode == 2
    assert "NUMBER" in proc.stderr and "“NUM”" in proc.stderr
    proc = doclint("check", str(QD), "--ignore", "HDR9", "--lang", "en")
    assert proc.returncode == 2 and "no rule has the code or prefix “HDR9”" in proc.stderr


@pytest.mark.parametrize("command", ["check", "fix", "annotate", "baseline"])
def test_every_command_refuses_a_wrong_stage_in_one_wording(command: str) -> None:
    """Before: fix, annotate and baseline had their own messages (annotate and baseline said the stage was
    "draft or final", leaving out issued) and spoke Vietnamese under --lang en."""
    proc = doclint(command, str(QD), "--stage", "isued")
    assert proc.returncode == 2
    assert "--stage phải là draft, final hoặc issued, không phải 'isued'" in proc.stderr
    assert "issued" in proc.stderr.split("không phải")[1]  # "did you mean"
    proc = doclint(command, str(QD), "--stage", "isued", "--lang", "en")
    if command != "baseline":  # baseline has no --lang of its own
        assert proc.returncode == 2 and "--stage must be draft, final or issued, not 'isued'" in proc.stderr


def test_config_typo_fails_the_check_command(tmp_path: Path) -> None:
    (tmp_path / "doclint.toml").write_text('seletc = ["NUM"]\n', encoding="utf-8")
    target = tmp_path / "qd.docx"
    target.write_bytes(QD.read_bytes())
    proc = doclint("check", str(target))
    assert proc.returncode == 2
    assert "doclint.toml:1" in proc.stderr and "“select”" in proc.stderr


def test_usage_errors_and_help_in_vietnamese_by_default() -> None:
    proc = doclint("chek", str(QD))
    assert proc.returncode == 2
    assert "Không có lệnh 'chek'" in proc.stderr and "'check'" in proc.stderr
    assert "No such" not in proc.stderr and "Did you mean" not in proc.stderr
    proc = doclint("check", "--selct", "NUM", str(QD))
    assert (
        proc.returncode == 2 and "Không có tùy chọn '--selct'" in proc.stderr and "'--select'" in proc.stderr
    )
    help_vi = doclint("check", "--help").stdout
    assert "Cách dùng" in help_vi and "Tùy chọn" in help_vi and "Chỉ chạy các mã" in help_vi
    assert "Usage" not in help_vi and "Show this message" not in help_vi


def test_usage_errors_and_help_in_english_with_lang_en() -> None:
    proc = doclint("--lang", "en", "chek", str(QD))
    assert proc.returncode == 2 and "No such command 'chek'" in proc.stderr and "'check'" in proc.stderr
    help_en = doclint("check", "--help", "--lang", "en").stdout
    assert "Usage" in help_en and "Run only these codes" in help_en
    assert "Chỉ chạy" not in help_en


def test_every_help_text_has_its_english() -> None:
    import typer

    from doclint import cli, cli_i18n

    cli._register_plugins()
    missing = cli_i18n.missing_english(typer.main.get_command(cli.app))
    assert missing == [], "add these to doclint/cli_i18n.py HELP_EN: " + "; ".join(missing)


def test_an_edited_config_is_read_again_even_with_the_same_size_and_time(tmp_path: Path) -> None:
    """The parsed config is kept in the cache folder (issue 17): keyed by its text, never stale."""
    path = tmp_path / "doclint.toml"
    for stage in ("final", "draft"):  # same length: same size, and the same modification time below
        path.write_text(f'stage = "{stage}"\n', encoding="utf-8")
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
        read_config.cache_clear()
        assert read_config(path).stage == stage
    read_config.cache_clear()
