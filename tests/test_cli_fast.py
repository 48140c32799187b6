"""``doclint check`` parsed without Typer (issue 17) gives the command exactly what Typer gives it."""

from __future__ import annotations

import inspect
import random
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from doclint import cli, cli_check, cli_fast

REPO = Path(__file__).resolve().parents[1]
SAMPLE = str(REPO / "samples" / "cong-van-hop-le.docx")


def typer_values(words: list[str]) -> dict | None:
    """What Typer passes to ``check`` for ``doclint check <words>`` (None: Typer refuses them)."""
    seen: dict = {}

    def check(**values) -> None:  # the name Typer gives the command
        seen.update(values)

    app = typer.Typer()
    app.command()(cli.typer_command(check, cli_check.ARGUMENT, cli_check.OPTIONS))
    result = CliRunner().invoke(app, words)
    return seen if result.exit_code == 0 else None


def test_the_command_function_takes_exactly_the_declared_parameters() -> None:
    declared = [cli_check.ARGUMENT.name, *(p.name for p in cli_check.OPTIONS)]
    assert list(inspect.signature(cli_check.check).parameters) == declared


@pytest.mark.parametrize(
    "words",
    [
        [SAMPLE],
        [SAMPLE, "--no-cache"],
        [SAMPLE, SAMPLE, "-f", "json", "-o", "out.json", "-q", "-j", "2"],
        ["--format=sarif", SAMPLE, "--output=r.sarif", "--stage", "final", "--fail-on", "never"],
        [SAMPLE, "--select", "HDR", "--select=NUM,DATE", "--ignore", "TXT", "--preview", "--statistics"],
        [
            SAMPLE,
            "--include",
            "*.docx",
            "--exclude",
            "nháp/*",
            "--lang",
            "en",
            "--show-basis",
            "--csv-sep",
            ";",
        ],
        [
            SAMPLE,
            "--config",
            "samples/doclint.toml",
            "--baseline",
            "b.json",
            "--annotate",
            "out",
            "--refs",
            "r",
        ],
        [SAMPLE, "--refs-db", "x.sqlite3", "--jobs=1", "-q", "-q", "--format", "text", "--format", "json"],
        ["samples", "--csv-sep", "tab", "--stage", "nháp"],
    ],
)
def test_fast_parse_gives_what_typer_gives(words: list[str]) -> None:
    fast = cli_fast.parse(["check", *words])
    assert fast is not None
    assert fast == typer_values(words)


@pytest.mark.parametrize(
    "words",
    [
        [],  # no file: Typer's "Missing argument"
        [SAMPLE, "--help"],
        [SAMPLE, "--formt", "json"],  # a typo: Typer's "did you mean"
        [SAMPLE, "--format"],  # no value
        [SAMPLE, "--jobs", "x"],
        [SAMPLE, "--jobs", "٣"],  # a digit Click's int() would take: left to Click
        [SAMPLE, "--quiet=1"],
        [SAMPLE, "-qfjson"],
        ["--", SAMPLE],
        [SAMPLE, "--format", "-q"],  # Click takes "-q" as the format
        [SAMPLE, "--output", ""],
        [""],
    ],
)
def test_what_the_fast_parser_leaves_to_typer(words: list[str]) -> None:
    assert cli_fast.parse(["check", *words]) is None


def test_random_command_lines_parse_alike() -> None:
    """Whatever the fast parser accepts, Typer accepts with the same values."""
    tokens = [SAMPLE, "samples", "-", "x.docx", "-f", "json", "--format=html", "-o", "r.html", "-q", "--quiet",
              "--select", "HDR", "--ignore=TXT", "--stage", "draft", "--fail-on", "info", "--lang", "vi",
              "--preview", "--config", "c.toml", "--include", "*.pdf", "--exclude", "a", "--statistics",
              "--show-basis", "-j", "3", "--jobs", "x", "--no-cache", "--annotate", "d", "--refs", "r",
              "--refs-db", "db", "--csv-sep", ";", "--baseline", "b", "--nope", "-x", "--", "--jobs=2"]  # fmt: skip
    rng = random.Random(17)
    accepted = 0
    for _ in range(150):
        words = rng.choices(tokens, k=rng.randint(1, 9))
        fast = cli_fast.parse(["check", *words])
        if fast is not None:
            accepted += 1
            assert fast == typer_values(words), words
    assert accepted > 20


def test_a_usual_check_does_not_import_typer() -> None:
    code = (
        "import sys\n"
        "from doclint import cli_fast\n"
        f"sys.argv = ['doclint', 'check', {SAMPLE!r}, '--no-cache', '-q']\n"
        "try:\n"
        "    cli_fast.main()\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code, 'typer' in sys.modules, 'click' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert proc.stdout.splitlines()[-1] == "exit 0 False False", proc.stderr
