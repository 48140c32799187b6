"""The batch runner: file discovery, the process pool (order, timeout, crash, recycling), JSON Lines
streaming and Ctrl-C, and the result cache."""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import crashing_lint, hanging_lint, raising_lint
from conftest import cpu_bounded

from doclint import batch, worker_pool
from doclint.batch import BatchStats, check_paths, iter_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TEXT = (
    "ỦY BAN NHÂN DÂN\nXÃ LIÊN MINH\nSố: 12/TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nLiên Minh, ngày 05 tháng 5 năm 2026\nTHÔNG BÁO\n"
    "Về việc lịch tiếp công dân\nỦy ban nhân dân xã thông báo lịch tiếp công dân tháng {n}.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
)


def make_folder(root: Path, copies: int = 2) -> Path:
    """Samples (DOCX) in two sub-folders, text drafts, and a few broken files."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        sub = root / f"nam-{2024 + i}"
        sub.mkdir(exist_ok=True)
        for sample in sorted(SAMPLES.glob("*.docx")):
            (sub / sample.name).write_bytes(sample.read_bytes())
        for n in range(3):
            (sub / f"thong-bao-{n}.txt").write_text(TEXT.format(n=n + i), encoding="utf-8")
    (root / "rong.docx").write_bytes(b"")
    (root / "anh.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    return root


def summary(results) -> list[tuple]:
    return [
        (r.path, r.error.code if r.error else None, [(f.code, f.location.block, f.vi) for f in r.findings])
        for r in results
    ]


# ------------------------------------------------------------------------------ discovery


def test_iter_files_skips_hidden_temp_and_filters(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "~$a.docx").write_bytes(b"x")
    (tmp_path / ".an.docx").write_bytes(b"x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text("x")
    (tmp_path / "luu-tru").mkdir()
    (tmp_path / "luu-tru" / "c.docx").write_bytes(b"x")
    (tmp_path / "d.txt").write_text("x")
    (tmp_path / "e.png").write_bytes(b"x")
    found = {p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])}
    assert found == {"a.docx", "d.txt", "luu-tru/c.docx"}
    assert {p.name for p in iter_files([tmp_path], exclude=("luu-tru",))} == {"a.docx", "d.txt"}
    assert {p.name for p in iter_files([tmp_path], exclude=("luu-tru/*",))} == {"a.docx", "d.txt"}
    assert {p.name for p in iter_files([tmp_path], include=("*.docx",))} == {"a.docx", "c.docx"}


def test_symlink_loop_ends(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "x.txt").write_text("Số: 1/TB-UBND", encoding="utf-8")
    (folder / "b" / "vong").symlink_to(folder, target_is_directory=True)  # a -> b -> vong -> a
    (folder / "tu-tro").symlink_to(folder / "tu-tro")  # a link to itself
    with cpu_bounded(5):
        files = list(iter_files([folder]))
    assert [p.name for p in files] == ["x.txt"]


def test_order_is_sorted_by_path(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lo", copies=1)
    files = list(iter_files([folder]))
    assert files == sorted(files)


# ------------------------------------------------------------------------------ the pool


def test_results_are_picklable_without_document(tmp_path: Path) -> None:
    files = sorted(SAMPLES.glob("*.docx"))[:1]
    (result,) = check_paths(files, None, {}, jobs=1, use_cache=False)
    assert result.document is None and result.recognition is None
    again = pickle.loads(pickle.dumps(result))
    assert summary([again]) == summary([result])
    broken = check_paths([tmp_path / "missing.docx"], None, {}, jobs=1, use_cache=False)[0]
    assert pickle.loads(pickle.dumps(broken)).error.code == "DOC001"


@pytest.mark.slow
def test_same_results_jobs_1_and_2(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lo", copies=2)
    files = list(iter_files([folder]))
    serial = check_paths(files, None, {}, jobs=1, use_cache=False)
    stats = BatchStats()
    parallel = check_paths(files, None, {}, jobs=2, use_cache=False, stats=stats)
    assert stats.workers_started >= 2
    assert len(serial) == len(files)
    assert summary(serial) == summary(parallel)
    assert [r.path for r in parallel] == [str(p) for p in files]
    codes = {Path(r.path).name: r.error.code for r in parallel if r.error}
    assert codes == {"rong.docx": "DOC001", "anh.docx": "DOC001"}


def test_keep_document_crosses_the_pool(tmp_path: Path) -> None:
    files = sorted(SAMPLES.glob("*.docx"))[:2]
    results = check_paths(files, None, {}, jobs=2, use_cache=False, keep_document=True)
    assert all(r.document is not None and r.document.blocks for r in results)


@pytest.mark.parametrize("jobs", [1, 2])
def test_timeout_gives_doc006_and_batch_goes_on(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "a-treo.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    for n in range(3):
        (tmp_path / f"b-{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    files = list(iter_files([tmp_path]))
    stats = BatchStats()
    results = check_paths(  # returns at all: the hanging file was stopped (the timeout works)
        files, None, {}, jobs=jobs, use_cache=False, timeout=1.5, lint=hanging_lint, stats=stats
    )
    assert [Path(r.path).name for r in results] == ["a-treo.txt", "b-0.txt", "b-1.txt", "b-2.txt"]
    assert results[0].error.code == "DOC006"
    assert "Quá thời gian" in results[0].error.vi and "1.5" in results[0].error.vi
    assert all(r.error is None for r in results[1:])
    assert stats.timeouts == 1


def test_timeout_result_is_not_cached(tmp_path: Path) -> None:
    (tmp_path / "treo.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    files = [tmp_path / "treo.txt"]
    stats = BatchStats()
    check_paths(files, None, {}, jobs=1, timeout=0.5, lint=hanging_lint, stats=stats)
    stats = BatchStats()
    (result,) = check_paths(files, None, {}, jobs=1, stats=stats)
    assert stats.cached == 0 and result.error is None


def test_worker_crash_gives_doc005_and_batch_goes_on(tmp_path: Path) -> None:
    for name in ("a.txt", "b-sap.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(TEXT.format(n=1), encoding="utf-8")
    files = list(iter_files([tmp_path]))
    stats = BatchStats()
    results = check_paths(files, None, {}, jobs=2, use_cache=False, lint=crashing_lint, stats=stats)
    assert [Path(r.path).name for r in results] == ["a.txt", "b-sap.txt", "c.txt", "d.txt"]
    assert results[1].error.code == "DOC005" and "mã thoát 3" in results[1].error.vi
    assert [r.error for r in results if r is not results[1]] == [None] * 3
    assert stats.crashes == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_exception_outside_rules_is_doc005(tmp_path: Path, jobs: int) -> None:
    for name in ("a.txt", "b-loi.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT.format(n=1), encoding="utf-8")
    results = check_paths(
        list(iter_files([tmp_path])), None, {}, jobs=jobs, use_cache=False, lint=raising_lint
    )
    assert [r.error.code if r.error else None for r in results] == [None, "DOC005", None]
    assert "recogniser bug" in results[1].error.vi


def test_workers_are_recycled(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(worker_pool, "MAX_TASKS_PER_CHILD", 2)
    for n in range(8):
        (tmp_path / f"t{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    stats = BatchStats()
    results = check_paths(list(iter_files([tmp_path])), None, {}, jobs=2, use_cache=False, stats=stats)
    assert len(results) == 8 and all(r.error is None for r in results)
    assert stats.workers_started >= 3
    assert stats.worker_peak_rss_kb and max(stats.worker_peak_rss_kb) > 0


def test_config_exclude_applies(tmp_path: Path) -> None:
    (tmp_path / "doclint.toml").write_text('exclude = ["*-cu.txt"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    (tmp_path / "b-cu.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    results = check_paths(list(iter_files([tmp_path])), None, {}, jobs=1, use_cache=False)
    assert [Path(r.path).name for r in results] == ["a.txt"]


# ------------------------------------------------------------------------------ JSON Lines


def test_jsonl_format(run_cli, tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lo", copies=1)
    out = tmp_path / "r.jsonl"
    code, _ = run_cli("check", folder, "--format", "jsonl", "--output", out, "--jobs", "1")
    assert code == 2  # two unreadable files
    lines = out.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["path"] for e in entries] == [str(p) for p in iter_files([folder])]
    assert {e["error"]["code"] for e in entries if e["error"]} == {"DOC001"}


def test_jsonl_streams_while_checking(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"t{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    seen: list[int] = []

    def on_result(result) -> None:  # the line is on disk before the next document starts
        seen.append(len(out.read_text(encoding="utf-8").splitlines()))

    check_paths(
        list(iter_files([tmp_path])),
        None,
        {},
        jobs=1,
        use_cache=False,
        on_result=on_result,
        stream_format="jsonl",
        stream_output=out,
    )
    assert seen == [1, 2, 3]


@pytest.mark.slow
def test_sigint_leaves_valid_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "lo"
    folder.mkdir()
    docs = sorted(SAMPLES.glob("*.docx"))
    for n in range(80):
        source = docs[n % len(docs)]
        (folder / f"{n:03d}-{source.name}").write_bytes(source.read_bytes())
    out = tmp_path / "r.jsonl"
    env = {**os.environ, "DOCLINT_NO_PROGRESS": "1", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "doclint", "check", str(folder), "--format", "jsonl"]
    proc = subprocess.Popen(
        [*cmd, "--output", str(out), "--jobs", "2", "--no-cache"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and len(out.read_bytes().splitlines()) >= 3:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    assert "Ctrl-C" in err.decode()
    lines = out.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]  # every line parses
    paths = [e["path"] for e in entries]
    assert 3 <= len(paths) < 80
    assert len(set(paths)) == len(paths)
    assert all(e["error"] is None for e in entries)


# ------------------------------------------------------------------------------ the cache


def test_cache_hit_on_rerun(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lo", copies=1)
    files = list(iter_files([folder]))
    first = BatchStats()
    cold = check_paths(files, None, {}, jobs=1, stats=first)
    assert first.cached == 0
    second = BatchStats()
    warm = check_paths(files, None, {}, jobs=1, stats=second)
    assert second.cached == len(files) - 1 and second.checked == 1  # an empty file is not worth caching
    assert summary(warm) == summary(cold)
    # another configuration is another key
    third = BatchStats()
    check_paths(files, None, {"select": ("HDR",)}, jobs=1, stats=third)
    assert third.cached == 0


def test_cache_follows_content_not_path(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(TEXT.format(n=1), encoding="utf-8")
    check_paths([a], None, {}, jobs=1)
    b = tmp_path / "b.txt"
    b.write_bytes(a.read_bytes())
    stats = BatchStats()
    (result,) = check_paths([b], None, {}, jobs=1, stats=stats)
    assert stats.cached == 1 and result.path == str(b)
    a.write_text(TEXT.format(n=2), encoding="utf-8")
    stats = BatchStats()
    check_paths([a], None, {}, jobs=1, stats=stats)
    assert stats.cached == 0


def test_corrupt_cache_is_rebuilt(tmp_path: Path, capsys) -> None:
    from doclint.cache import DB_NAME, cache_dir

    a = tmp_path / "a.txt"
    a.write_text(TEXT.format(n=1), encoding="utf-8")
    db = cache_dir() / DB_NAME
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    (result,) = check_paths([a], None, {}, jobs=1)
    assert result.error is None
    assert "tạo lại" in capsys.readouterr().err
    stats = BatchStats()
    check_paths([a], None, {}, jobs=1, stats=stats)
    assert stats.cached == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_cache_shared_by_concurrent_runs(tmp_path: Path) -> None:
    folder = tmp_path / "lo"
    folder.mkdir()
    for n in range(12):
        (folder / f"t{n:02d}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "doclint", "check", str(folder), "--format", "json", "--jobs", "1"]
    procs = [subprocess.Popen([*cmd, "-o", str(tmp_path / f"r{i}.json")], env=env) for i in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [p.returncode for p in procs]
    reports = [json.loads((tmp_path / f"r{i}.json").read_text(encoding="utf-8")) for i in range(3)]
    assert reports[0]["files"] == reports[1]["files"] == reports[2]["files"]
    stats = BatchStats()
    check_paths(list(iter_files([folder])), None, {}, jobs=1, stats=stats)
    assert stats.cached == 12


def test_no_cache_and_cache_commands(run_cli, tmp_path: Path) -> None:
    from doclint.cache import DB_NAME, cache_dir

    a = tmp_path / "a.txt"
    a.write_text(TEXT.format(n=1), encoding="utf-8")
    run_cli("check", a, "--no-cache", "--format", "json", "-o", tmp_path / "r.json")
    assert not (cache_dir() / DB_NAME).exists()
    run_cli("check", a, "--format", "json", "-o", tmp_path / "r.json")
    code, out = run_cli("cache", "info")
    assert code == 0 and "Kết quả đã lưu: 1" in out and str(cache_dir()) in out
    code, out = run_cli("cache", "clear")
    assert code == 0 and not (cache_dir() / DB_NAME).exists()


def test_cache_location(monkeypatch, tmp_path: Path) -> None:
    from doclint.cache import cache_dir, default_dir
    from doclint.config import Config

    monkeypatch.delenv("DOCLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "doclint"
    config = Config(options=(("cache-dir", "dem"),), source=str(tmp_path / "doclint.toml"))
    assert cache_dir(config) == tmp_path / "dem"
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir(config) == tmp_path / "env"


@pytest.mark.slow
@pytest.mark.corpus
def test_mixed_corpus_hostile_generated_same_for_any_job_count(corpus: Path, tmp_path: Path) -> None:
    """The real corpus (a sample of each format), the hostile files and generated drafts in one folder:
    one entry per file, DOC001 for every hostile file, identical results with 1 and 2 jobs."""
    from test_hostile_inputs import external_entity_docx, many_parts_zip

    folder = make_folder(tmp_path / "lo", copies=3)
    for suffix, count in ((".docx", 8), (".txt", 8), (".pdf", 3), (".doc", 1), (".md", 1)):
        for source in sorted(corpus.rglob(f"*{suffix}"))[:count]:
            target = folder / "corpus" / source.parent.name / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    hostile = folder / "hostile"
    hostile.mkdir()
    external_entity_docx(hostile / "xxe.docx", padding=5000)
    many_parts_zip(hostile / "nhieu-phan.docx", count=10_000)
    (hostile / "cut.docx").write_bytes((SAMPLES / "cong-van-hop-le.docx").read_bytes()[:3000])
    (hostile / "vong").symlink_to(folder, target_is_directory=True)
    files = list(iter_files([folder]))
    serial = check_paths(files, None, {}, jobs=1, use_cache=False)
    parallel = check_paths(files, None, {}, jobs=2, use_cache=False)
    assert len(serial) == len(parallel) == len(files) == len({r.path for r in parallel})
    assert summary(serial) == summary(parallel)
    codes = {Path(r.path).name: r.error.code for r in parallel if "/lo/hostile/" in r.path}
    assert codes == {"xxe.docx": "DOC001", "nhieu-phan.docx": "DOC001", "cut.docx": "DOC001"}
    assert not [r for r in parallel if r.error and r.error.code in ("DOC005", "DOC006")]


def test_progress_only_on_a_terminal(monkeypatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("DOCLINT_NO_PROGRESS")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys, "stderr", Tty())
    assert batch._progress_wanted()
    monkeypatch.setenv("CI", "true")
    assert not batch._progress_wanted()
    monkeypatch.delenv("CI")
    with open(os.devnull, "w") as pipe:  # a pipe or a file
        monkeypatch.setattr(sys, "stderr", pipe)
        assert not batch._progress_wanted()
        assert batch._Progress(10).bar is None


def test_include_exclude_on_the_command_line(run_cli, tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lo", copies=2)
    out = tmp_path / "r.json"
    run_cli("check", folder, "--format", "json", "-o", out, "--include", "*.txt", "--exclude", "nam-2025")
    names = sorted(os.path.relpath(f["path"], folder) for f in json.loads(out.read_text("utf-8"))["files"])
    assert names == [f"nam-2024/thong-bao-{n}.txt" for n in range(3)]


def test_lexicon_cache_round_trip_and_corruption(monkeypatch, tmp_path: Path) -> None:
    from doclint import cache
    from doclint.vn import lexicon

    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path / "c"))
    source = lexicon._load_source(lexicon.data_dir())
    assert lexicon.load() == source  # parsed from the sources, then stored
    (stored,) = (tmp_path / "c").glob("lexicon-*")
    lazy = lexicon.load()  # read back from the cache: each lookup decodes only its own bucket
    for name in ("words", "syllables", "bigrams", "unigrams"):
        table, expected = getattr(lazy, name), getattr(source, name)
        for key in [*list(expected)[::997], "không có từ này", "\udcff"]:
            assert table.get(key) == expected.get(key) and (key in table) == (key in expected), (name, key)
    assert lazy == source
    assert lexicon.load() == source  # read back from the cache
    stored.write_text('{"broken', encoding="utf-8")
    assert lexicon.load() == source  # a broken cache file is ignored
    cache.clear()
    assert not list((tmp_path / "c").glob("lexicon-*"))


def test_progress_names_the_file_just_checked_in_the_users_language(monkeypatch) -> None:
    """An office watching a long batch sees that it moves and where it is, in its language."""
    import io

    from rich.console import Console

    monkeypatch.setattr(batch, "_progress_wanted", lambda: True)
    for lang, unit in (("vi", "tệp/s"), ("en", "files/s")):
        screen = io.StringIO()
        progress = batch._Progress(3, lang, Console(file=screen, force_terminal=True, width=120))
        progress.advance("/kho/2026/QD-15-cong-nhan-ket-qua-dai-hoi-hiep-hoi.docx")
        progress.stop()
        shown = screen.getvalue()
        assert unit in shown and "QD-15-cong-n…i-hiep-hoi.docx" in shown
