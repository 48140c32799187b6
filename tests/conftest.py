"""Shared fixtures: where the shared corpus and seed are, a CLI runner, fixture builders."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def find_shared() -> Path | None:
    """``shared/`` sits beside the repository root (../shared); walk up in case of a worktree."""
    env = os.environ.get("DOCLINT_SHARED")
    if env:
        return Path(env)
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared"
        if (candidate / "corpus" / "MANIFEST.tsv").is_file():
            return candidate
        candidate = parent.parent / "shared"
        if (candidate / "corpus" / "MANIFEST.tsv").is_file():
            return candidate
    return None


SHARED = find_shared()
SEED = SHARED / "seeds" / "000_89dcc62694a11fe1.txt" if SHARED else None


@pytest.fixture(scope="session")
def shared() -> Path:
    if SHARED is None:
        pytest.skip("../shared (corpus and seed) is not present")
    return SHARED


@pytest.fixture(scope="session")
def corpus(shared: Path) -> Path:
    return shared / "corpus"


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "seeds" / "000_89dcc62694a11fe1.txt"


@pytest.fixture
def run_cli():
    """Run the CLI in-process; returns (exit_code, stdout)."""
    from typer.testing import CliRunner

    from doclint.cli import _register_plugins, app

    _register_plugins()
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, [str(a) for a in args])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.output

    return run


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch) -> None:
    """Every test gets its own result cache: the suite never reads or writes the user's cache."""
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("DOCLINT_NO_PROGRESS", "1")


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@contextmanager
def cpu_bounded(seconds: float):
    """Fail when the block uses more than ``seconds`` of CPU (this process and the children it waited
    for). CPU time, not wall-clock time: a busy machine does not fail the test, a quadratic algorithm does.
    Give a wide margin; the figures themselves belong in benchmarks/."""
    start = _cpu_seconds()
    yield
    used = _cpu_seconds() - start
    assert used < seconds, f"{used:.2f} s of CPU time, budget {seconds} s"
