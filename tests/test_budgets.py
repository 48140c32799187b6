"""Budgets enforced from outside the parser (issue 18): a memory cap in every worker, the parent killing
a worker (and its process group) past the timeout, the worker replaced, the batch going on. The pool's
API is the one the web server uses (submit from threads, fair groups, call, cancel)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from batch_helpers import boom, die, grow, hungry_lint, leaving_lint, sleepy

from doclint.batch import BatchStats, check_paths, iter_files
from doclint.errors import ConfigError
from doclint.worker_pool import (
    Budget,
    BudgetExceeded,
    WorkerCrashed,
    WorkerPool,
    run_protected,
)

TEXT = "ỦY BAN NHÂN DÂN\nXÃ A\nSố: {n}/KH-UBND\nKẾ HOẠCH\nTriển khai nhiệm vụ\nNơi nhận:\n- Lưu: VT.\n"


def _folder(tmp_path: Path, names: list[str]) -> list[Path]:
    for name in names:
        (tmp_path / name).write_text(TEXT.format(n=1), encoding="utf-8")
    return list(iter_files([tmp_path]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_memory_budget_gives_doc007_and_batch_goes_on(tmp_path: Path, monkeypatch, jobs: int) -> None:
    monkeypatch.setenv("DOCLINT_MEMORY_MB", "600")
    files = _folder(tmp_path, ["a.txt", "b-an.txt", "c.txt"])
    stats = BatchStats()
    results = check_paths(files, None, {}, jobs=jobs, use_cache=False, lint=hungry_lint, stats=stats)
    assert [r.error.code if r.error else None for r in results] == [None, "DOC007", None]
    assert "600 MB" in results[1].error.vi and "memory" in results[1].error.en.lower()
    assert max(stats.worker_peak_rss_kb or [0]) < 600 * 1024


def test_single_file_timeout_kills_the_worker(tmp_path: Path) -> None:
    """The single-file path (one forked worker) is killed by the parent: no alarm, no hang."""
    files = _folder(tmp_path, ["treo.txt"])
    (result,) = check_paths(files, None, {}, use_cache=False, timeout=1.0, lint=leaving_lint)
    # DOC006 (not the ordinary result the worker would give after its 300 s sleep): it was killed
    assert result.error.code == "DOC006"
    pid, folder = (tmp_path / "treo.pid").read_text(encoding="utf-8").split()
    # the converter the worker started died with it, and its temporary folder is gone
    for _ in range(50):
        if not _alive(int(pid)):
            break
        time.sleep(0.1)
    assert not _alive(int(pid))
    assert not Path(folder).exists()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_budget_from_config_refuses_bad_values(monkeypatch) -> None:
    from doclint.config import Config

    monkeypatch.delenv("DOCLINT_TIMEOUT", raising=False)
    monkeypatch.delenv("DOCLINT_MEMORY_MB", raising=False)
    for bad in (float("nan"), float("inf"), 1e308, -1, 0, "x", True, [1]):
        with pytest.raises(ConfigError):
            Budget.from_config(Config(options=(("timeout", bad),)))
    for bad in (-5, 10, "lots", float("nan")):
        with pytest.raises(ConfigError):
            Budget.from_config(Config(options=(("memory-limit", bad),)))
    budget = Budget.from_config(Config(options=(("memory-limit", 0), ("timeout", "30"))))
    assert budget == Budget(seconds=30.0, memory_mb=0)
    monkeypatch.setenv("DOCLINT_TIMEOUT", "nan")
    with pytest.raises(ConfigError):
        Budget.from_config(Config())


@pytest.mark.parametrize("value", ["nan", "inf", "-1", '"x"', "1e308"])
def test_bad_timeout_in_config_is_one_line_exit_2(run_cli, tmp_path: Path, value: str) -> None:
    (tmp_path / "doclint.toml").write_text(f"timeout = {value}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    code, output = run_cli("check", str(tmp_path / "a.txt"), "--no-cache")
    assert code == 2
    assert "Traceback" not in output and "timeout" in output


# ------------------------------------------------------------------------------ the pool API (serve)


def test_call_budgets_and_errors() -> None:
    with WorkerPool(jobs=1, budget=Budget(seconds=1.0, memory_mb=500), start="fork", warm=False) as pool:
        fast = pool.call(sleepy, 0.01)
        slow = pool.call(sleepy, 30)
        big = pool.call(grow, 2000)
        bad = pool.call(boom)
        dead = pool.call(die)
        after = pool.call(sleepy, 0.02)
        futures = [fast, slow, big, bad, dead, after]
        assert len(list(pool.as_completed(futures))) == 6
        assert fast.result() == 0.01 and after.result() == 0.02
        with pytest.raises(BudgetExceeded) as slow_exc:
            slow.result()
        assert slow_exc.value.kind == "time" and slow_exc.value.code == "DOC006"
        with pytest.raises(BudgetExceeded) as big_exc:
            big.result()
        assert big_exc.value.kind == "memory" and big_exc.value.code == "DOC007"
        with pytest.raises(ValueError, match="boom"):
            bad.result()
        with pytest.raises(WorkerCrashed) as dead_exc:
            dead.result()
        assert dead_exc.value.exitcode == 7
        assert pool.stats.timeouts == 1 and pool.stats.workers_started >= 3


def test_background_pool_serves_others_while_one_hangs(tmp_path: Path) -> None:
    """What serve needs: a hostile request hangs one worker; other requests, submitted from other
    threads, are answered meanwhile; the hostile one gets DOC006 at its budget."""
    files = _folder(tmp_path, ["a.txt", "b.txt", "c.txt"])
    with WorkerPool(jobs=2, budget=Budget(seconds=4.0), start="forkserver", background=True) as pool:
        hostile = pool.call(sleepy, 60, group="hostile")
        answers: dict[str, float] = {}

        def client(path: Path) -> None:
            started = time.monotonic()
            result = pool.submit(str(path), _config(), group=path.name).result(timeout=60)
            assert result.error is None
            answers[path.name] = time.monotonic() - started

        threads = [threading.Thread(target=client, args=(p,)) for p in files]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        assert sorted(answers) == ["a.txt", "b.txt", "c.txt"]
        assert not hostile.done()  # still within its budget while the others were answered
        with pytest.raises(BudgetExceeded):
            hostile.result(timeout=30)


def test_groups_are_served_round_robin() -> None:
    with WorkerPool(jobs=1, start="fork", warm=False) as pool:
        order: list[str] = []
        big = [pool.call(sleepy, 0, group="big") for _ in range(5)]
        small = pool.call(sleepy, 0, group="small")
        for future in big:
            future.add_done_callback(lambda f: order.append("big"))
        small.add_done_callback(lambda f: order.append("small"))
        list(pool.as_completed([*big, small]))
    assert order.index("small") <= 1


def test_cancel_group_kills_its_running_task() -> None:
    with WorkerPool(jobs=1, budget=Budget(seconds=60), start="forkserver", background=True) as pool:
        running = pool.call(sleepy, 60, group="gone")
        queued = pool.call(sleepy, 0, group="gone")
        for _ in range(100):
            if running.running():
                break
            time.sleep(0.05)
        pool.cancel_group("gone")
        assert queued.cancelled()
        assert running.done()
        assert pool.call(sleepy, 0.01).result(timeout=30) == 0.01


def test_run_protected() -> None:
    assert run_protected(sleepy, 0) == 0
    with pytest.raises(BudgetExceeded):
        run_protected(sleepy, 30, budget=Budget(seconds=0.5))
    with pytest.raises(BudgetExceeded):
        run_protected(grow, 3000, budget=Budget(memory_mb=400))
    assert os.getpid() > 0


def _config():
    from doclint.config import Config

    return Config()


def test_hanging_doc_conversion_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    """A LibreOffice that hangs: DOC006 for each .doc, and no converter process or temporary folder
    is left once the batch is done (they run in their own process group, killed with the worker)."""
    import tempfile

    fake = tmp_path / "soffice"
    marker = tmp_path / "started"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $$ $! >> {marker}\nsleep 300\n", encoding="ascii")
    fake.chmod(0o755)
    monkeypatch.setenv("DOCLINT_SOFFICE", str(fake))
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(4):
        (docs / f"cu-{n}.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    private = tmp_path / "tmp"  # the machine's /tmp is shared: watch a folder of our own
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    results = check_paths(list(iter_files([docs])), None, {}, jobs=2, use_cache=False, timeout=3)
    assert [r.error.code for r in results] == ["DOC006"] * 4
    pids = [int(p) for p in marker.read_text(encoding="ascii").split()]
    assert len(pids) == 8  # each converter and the child it started
    time.sleep(0.5)
    assert [p for p in pids if _alive(p)] == []
    assert [n for n in os.listdir(private) if not n.startswith("pymp-")] == []  # pymp-: multiprocessing's own
