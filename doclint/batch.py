"""Finding the files to check and checking them: a process pool, the result cache, streaming, progress.

One file never stops the batch:

- every file gets exactly one :class:`~doclint.engine.FileResult`; a file that cannot be read has
  ``error`` set (DOC001...), a crash outside the rules becomes DOC005, a document that runs past the
  per-document timeout becomes DOC006 and its worker is killed and replaced;
- results come back in the order of ``files`` (``iter_files`` sorts each folder by path), whatever the
  number of jobs;
- with ``--format jsonl --output X`` each finished document is appended to X as one flushed JSON line,
  so Ctrl-C or a crash loses nothing already checked (the finished file is then rewritten in path
  order, atomically, by the CLI);
- results are cached per file (see :mod:`doclint.cache`), so a re-run on an unchanged folder only
  stats the files.

``--jobs 1`` (or a single file to check) runs in this process; the per-document timeout then uses
``SIGALRM`` where the platform has it. Otherwise workers are forked from a fork server that has the
loaders, checks and rule pack already imported (spawned on platforms without one), each worker is
given chunks of files, and is replaced after ``MAX_TASKS_PER_CHILD`` documents or once its peak memory
passes ``MAX_WORKER_RSS_MB``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint.config import Config, find_config, read_config, with_overrides
from doclint.errors import LoadError

if TYPE_CHECKING:
    from doclint.engine import FileResult

DEFAULT_TIMEOUT = 120.0  # seconds per document; config option ``timeout`` or env DOCLINT_TIMEOUT
MAX_TASKS_PER_CHILD = 250
MAX_WORKER_RSS_MB = 1500
INTERRUPTED_EXIT = 130
POOL_MIN_FILES = 8  # with the default job count, fewer files than this are checked in-process


def is_skipped_name(name: str) -> bool:
    """Hidden files and Office lock/temp files (``~$draft.docx``) are never documents."""
    return name.startswith((".", "~$", "~WRL")) or name.endswith(".tmp")


def _matches(path: Path, patterns: tuple[str, ...], root: Path | None = None) -> bool:
    """A glob matches the file name, the path as given, or the path relative to the folder walked
    (``*.pdf``, ``luu-tru/*``, ``*/2024/*`` all work)."""
    if not patterns:
        return False
    texts = {path.name, path.as_posix()}
    if root is not None:
        with contextlib.suppress(ValueError):
            texts.add(path.relative_to(root).as_posix())
    return any(fnmatch.fnmatch(text, p) for p in patterns for text in texts)


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    return _matches(path, patterns)


def _dir_excluded(folder: Path, root: Path, patterns: tuple[str, ...]) -> bool:
    """``--exclude luu-tru`` or ``luu-tru/`` prunes that folder without walking it."""
    if not patterns:
        return False
    dir_patterns = tuple(p.rstrip("/") for p in patterns)
    return _matches(folder, dir_patterns, root)


def iter_files(
    paths: list[Path],
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Iterator[Path]:
    """Files under ``paths`` (recursively), sorted by path within each folder given.

    Hidden entries and Office temp files are skipped. Symbolic links to folders are followed once: a
    folder already visited (same device and inode) is not entered again, so a link loop ends.
    """
    from doclint.load import supported_suffixes

    suffixes = supported_suffixes()
    seen: set[str] = set()
    for root in paths:
        if root.is_file() or not root.exists() or not root.is_dir():
            # a named file is checked whatever its name; a missing one reports DOC001
            key = str(root)
            if key not in seen:
                seen.add(key)
                yield root
            continue
        found: list[Path] = []
        visited: set[tuple[int, int]] = set()
        for folder, dirs, files in os.walk(root, followlinks=True):
            here = Path(folder)
            try:
                st = os.stat(folder)
            except OSError:
                dirs[:] = []
                continue
            ident = (st.st_dev, st.st_ino)
            if ident in visited:  # a symlink loop, or a second link to a folder already walked
                dirs[:] = []
                continue
            visited.add(ident)
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and not _dir_excluded(here / d, root, exclude)
            )
            for name in files:
                if is_skipped_name(name):
                    continue
                path = here / name
                if path.suffix.lower() not in suffixes:
                    continue
                if include and not _matches(path, include, root):
                    continue
                if _matches(path, exclude, root):
                    continue
                found.append(path)
        for path in sorted(found):
            if str(path) not in seen:
                seen.add(str(path))
                yield path


def config_for(path: Path, explicit: Config | None, overrides: dict, options: dict | None = None) -> Config:
    if explicit is not None:
        base = explicit
    else:
        found = find_config(path if path.exists() else Path.cwd())
        base = read_config(found) if found else Config()
    config = with_overrides(base, **overrides)
    if options:
        merged = dict(config.options)
        merged.update(options)
        config = with_overrides(config, options=tuple(sorted(merged.items())))
    return config


# ------------------------------------------------------------------------------------------ results


def error_result(path: str, config: Config, code: str, vi: str, en: str) -> FileResult:
    """A file the batch could not finish: a DOC-code error in place of its findings."""
    from doclint.engine import FileResult

    return FileResult(
        path=path,
        format=Path(path).suffix.lower().lstrip(".") or None,
        stage=config.stage,
        error=LoadError(code, vi, en),
    )


def timeout_result(path: str, config: Config, seconds: float) -> FileResult:
    return error_result(
        path,
        config,
        "DOC006",
        f"Quá thời gian: kiểm tra tệp này mất hơn {seconds:g} giây nên đã dừng; "
        "các tệp khác vẫn được kiểm tra. Hãy tách văn bản hoặc báo cho người phát triển.",
        f"Timed out: checking this file took more than {seconds:g} s and was stopped; "
        "the other files were still checked.",
    )


def crash_result(path: str, config: Config, exitcode: int | None) -> FileResult:
    how = f"mã thoát {exitcode}" if exitcode is not None else "không rõ lý do"
    how_en = f"exit code {exitcode}" if exitcode is not None else "unknown cause"
    return error_result(
        path,
        config,
        "DOC005",
        f"Lỗi nội bộ: tiến trình kiểm tra tệp này dừng đột ngột ({how}, có thể do thiếu bộ nhớ); "
        "các tệp khác vẫn được kiểm tra.",
        f"Internal error: the process checking this file died ({how_en}, possibly out of memory); "
        "the other files were still checked.",
    )


@dataclass
class BatchStats:
    """What a batch did; filled in when ``stats=`` is given (the benchmarks read it)."""

    files: int = 0
    cached: int = 0
    checked: int = 0
    timeouts: int = 0
    crashes: int = 0
    workers_started: int = 0
    jobs: int = 1
    worker_peak_rss_kb: list[int] = field(default_factory=list)
    worker_cpu_seconds: float = 0.0
    seconds: float = 0.0


# ------------------------------------------------------------------------------------------ progress


def _progress_wanted() -> bool:
    if os.environ.get("CI") or os.environ.get("DOCLINT_NO_PROGRESS"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _Progress:
    """A rich progress bar on stderr when it is a terminal (files done/total, rate, ETA); else nothing."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if total < 2 or not _progress_wanted():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("[bold]doclint[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("tệp"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("còn"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task("check", total=total, rate="")
        self.started = time.perf_counter()
        self.done = 0
        self.bar.start()

    def advance(self) -> None:
        if self.bar is None:
            return
        self.done += 1
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.bar.update(self.task, advance=1, rate=f"{self.done / elapsed:.1f} tệp/s")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


# ------------------------------------------------------------------------------------------ streaming


class _JsonlStream:
    """One JSON line per finished document, written and flushed as it completes."""

    def __init__(self, output: Path, lang: str) -> None:
        from doclint.report.jsonl import line

        self._line = line
        self.lang = lang
        output.parent.mkdir(parents=True, exist_ok=True)
        self.fh = output.open("w", encoding="utf-8", newline="\n")

    def write(self, result: FileResult) -> None:
        self.fh.write(self._line(result, self.lang))
        self.fh.flush()

    def close(self) -> None:
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
        except OSError:
            pass
        self.fh.close()


# ------------------------------------------------------------------------------------------ running


def _timeout_for(config: Config, timeout: float | None) -> float:
    if timeout is not None:
        return float(timeout)
    env = os.environ.get("DOCLINT_TIMEOUT")
    value = env if env else config.option("timeout", DEFAULT_TIMEOUT)
    try:
        return max(float(value), 0.001)
    except (TypeError, ValueError):
        return DEFAULT_TIMEOUT


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


class _Alarm:
    """Per-document timeout in this process: SIGALRM raises DocumentTimeout (Unix, main thread only)."""

    def __init__(self, seconds: float) -> None:
        import signal
        import threading

        self.seconds = seconds
        self.enabled = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.previous: Any = None

    def __enter__(self) -> _Alarm:
        if self.enabled:
            import signal

            from doclint.worker import DocumentTimeout

            def fire(signum, frame):  # pragma: no cover - timing dependent
                raise DocumentTimeout()

            self.previous = signal.signal(signal.SIGALRM, fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous or signal.SIG_DFL)


def _run_inline(todo, lint, keep_document, timeout, finish, stats) -> None:
    from doclint.worker import DocumentTimeout, check_one

    for index, path, config in todo:
        seconds = _timeout_for(config, timeout)
        try:
            with _Alarm(seconds):
                result = check_one(lint, path, config, keep_document)
        except DocumentTimeout:
            result = timeout_result(path, config, seconds)
            stats.timeouts += 1
        finish(index, result, cacheable=result.error is None or result.error.code == "DOC001")


def _mp_context():
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["doclint.worker", "doclint.worker_warm"])
        return ctx
    return mp.get_context("spawn")


@dataclass
class _Worker:
    proc: Any
    conn: Any
    chunk: deque = field(default_factory=deque)
    started: float = 0.0
    tasks: int = 0
    rss_kb: int = 0
    cpu: float = 0.0
    busy: bool = False  # from sending a chunk until its "idle" message is read
    ready: bool = False  # said hello: it started, so a death from now on is the document's doing
    results: int = 0


class _PoolUnavailable(Exception):
    """Workers die before checking anything (e.g. the main script cannot be re-imported)."""


class _Pool:
    def __init__(self, jobs, lint, keep_document, timeout, finish, stats) -> None:
        self.jobs = jobs
        self.lint = lint
        self.keep = keep_document
        self.timeout = timeout
        self.finish = finish
        self.stats = stats
        self.ctx = _mp_context()
        self.workers: list[_Worker] = []
        self.failed_starts = 0

    def _spawn(self) -> _Worker:
        if self.failed_starts >= 3:
            raise _PoolUnavailable()
        from doclint.worker import serve

        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=serve, args=(child, self.lint, self.keep), daemon=True)
        proc.start()
        child.close()
        self.stats.workers_started += 1
        worker = _Worker(proc=proc, conn=parent)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        if worker in self.workers:
            self.workers.remove(worker)
        if worker.rss_kb:
            self.stats.worker_peak_rss_kb.append(worker.rss_kb)
        self.stats.worker_cpu_seconds += worker.cpu
        try:
            if kill:
                worker.proc.kill()
            else:
                worker.conn.send(None)
        except (OSError, ValueError):
            pass
        worker.proc.join(timeout=5 if not kill else 2)
        if worker.proc.is_alive():
            worker.proc.kill()
            worker.proc.join(timeout=2)
        worker.conn.close()

    def shutdown(self, kill: bool = False) -> None:
        for worker in list(self.workers):
            self._retire(worker, kill=kill or worker.busy)

    def run(self, todo: list[tuple[int, str, Config]]) -> None:
        from multiprocessing.connection import wait

        chunk_size = max(1, min(16, len(todo) // (self.jobs * 6) or 1))
        pending: deque[list] = deque(todo[i : i + chunk_size] for i in range(0, len(todo), chunk_size))
        while pending or any(w.busy for w in self.workers):
            # give work to idle workers, starting workers as needed
            for worker in [w for w in self.workers if not w.busy]:
                if not pending:
                    break
                self._assign(worker, pending.popleft(), pending)
            while pending and len(self.workers) < self.jobs:
                self._assign(self._spawn(), pending.popleft(), pending)
            busy = [w for w in self.workers if w.busy]
            if not busy:
                continue
            now = time.monotonic()
            deadline = min((w.started + self._limit(w) for w in busy if w.chunk), default=now + 1.0)
            waits = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
            ready = wait(waits, timeout=max(0.0, min(deadline - now, 1.0)) + 0.01)
            for worker in busy:
                if worker.conn in ready or worker.proc.sentinel in ready:
                    self._drain(worker, pending)
            now = time.monotonic()
            for worker in [w for w in self.workers if w.chunk]:
                limit = self._limit(worker)
                if now - worker.started > limit:
                    self._drain(worker, pending)  # a result that arrived just now is not a timeout
                    if worker.chunk and time.monotonic() - worker.started > limit:
                        index, path, config = worker.chunk.popleft()
                        self.stats.timeouts += 1
                        self.finish(index, timeout_result(path, config, limit), cacheable=False)
                        self._requeue(worker, pending)
                        self._retire(worker, kill=True)

    def _limit(self, worker: _Worker) -> float:
        return _timeout_for(worker.chunk[0][2], self.timeout) if worker.chunk else 0.0

    def _assign(self, worker: _Worker, chunk: list, pending: deque) -> None:
        worker.chunk = deque(chunk)
        worker.busy = True
        worker.started = time.monotonic()
        try:
            worker.conn.send(chunk)
        except (OSError, ValueError):  # died before it could take work
            self._drain(worker, pending)

    def _requeue(self, worker: _Worker, pending: deque) -> None:
        rest = list(worker.chunk)
        worker.chunk = deque()
        if rest:
            pending.appendleft(rest)

    def _drain(self, worker: _Worker, pending: deque) -> None:
        """Read every message the worker has sent; handle its death if it died."""
        while True:
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            if message[0] == "ready":
                worker.ready = True
                self.failed_starts = 0
            elif message[0] == "done":
                _, index, result = message
                if worker.chunk and worker.chunk[0][0] == index:
                    worker.chunk.popleft()
                worker.tasks += 1
                worker.results += 1
                worker.started = time.monotonic()
                error = result.error
                self.finish(index, result, cacheable=error is None or error.code == "DOC001")
            elif message[0] == "idle":
                worker.rss_kb, worker.cpu = message[1], message[2]
                worker.chunk = deque()
                worker.busy = False
                if worker.tasks >= MAX_TASKS_PER_CHILD or worker.rss_kb > MAX_WORKER_RSS_MB * 1024:
                    self._retire(worker)
                return
        if not worker.proc.is_alive() and worker in self.workers:
            worker.proc.join(timeout=1)
            if not worker.ready:
                # died before it could start (e.g. the main script cannot be re-imported): retry the
                # chunk, and after a few such deaths in a row check the rest in this process
                self.failed_starts += 1
                self._requeue(worker, pending)
            elif worker.chunk:
                index, path, config = worker.chunk.popleft()
                self.stats.crashes += 1
                self.finish(index, crash_result(path, config, worker.proc.exitcode), cacheable=False)
                self._requeue(worker, pending)
            self._retire(worker, kill=True)


def check_paths(
    files: list[Path],
    explicit: Config | None,
    overrides: dict,
    keep_document: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    options: dict | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    stream_format: str | None = None,
    stream_output: Path | None = None,
    *,
    timeout: float | None = None,
    stats: BatchStats | None = None,
    lint: Callable[..., FileResult] | None = None,
) -> list[FileResult]:
    """Check ``files``; one result per file (minus those the config excludes), in the order given.

    ``timeout`` overrides the per-document limit; ``stats`` collects counters; ``lint`` replaces
    :func:`doclint.engine.lint_path` (a module-level function, so it can be sent to the workers).
    """
    started = time.perf_counter()
    stats = stats if stats is not None else BatchStats()
    entries: list[tuple[int, str, Config]] = []
    for path in files:
        config = config_for(path, explicit, overrides, options)
        if config.exclude and _excluded(path, config.exclude):
            continue
        entries.append((len(entries), str(path), config))
    stats.files = len(entries)
    if stream_output is not None:
        _refuse_output_over_input(stream_output, [Path(p) for _, p, _ in entries])
    results: list[FileResult | None] = [None] * len(entries)
    if not entries:
        return []

    lang = overrides.get("lang") or entries[0][2].lang
    cache = None
    if use_cache and not keep_document and not os.environ.get("DOCLINT_NO_CACHE"):
        from doclint.cache import open_cache

        cache = open_cache(entries[0][2])
    stream = _JsonlStream(stream_output, lang) if stream_format == "jsonl" and stream_output else None
    progress = _Progress(len(entries))
    keys: dict[int, str | None] = {}

    def finish(index: int, result: FileResult, cacheable: bool = False) -> None:
        results[index] = result
        if cache is not None and cacheable and keys.get(index):
            cache.put(keys[index], result)
        if stream is not None:
            stream.write(result)
        progress.advance()
        if on_result is not None:
            on_result(result)

    pool: _Pool | None = None
    interrupted = False
    previous_handler: Any = None
    try:
        todo: list[tuple[int, str, Config]] = []
        for index, path, config in entries:
            if cache is not None:
                key = cache.key_for(Path(path), config)
                keys[index] = key
                hit = cache.get(key, path) if key else None
                if hit is not None:
                    stats.cached += 1
                    finish(index, hit)
                    continue
            todo.append((index, path, config))
        stats.checked = len(todo)
        lint = lint or _default_lint()
        n_jobs = max(1, jobs if jobs is not None else default_jobs())
        n_jobs = min(n_jobs, len(todo)) if todo else 1
        if jobs is None and len(todo) < POOL_MIN_FILES:
            n_jobs = 1  # starting workers costs more than checking a handful of files here
        stats.jobs = n_jobs
        if n_jobs <= 1:
            _run_inline(todo, lint, keep_document, timeout, finish, stats)
        else:
            pool = _Pool(n_jobs, lint, keep_document, timeout, finish, stats)
            try:
                pool.run(todo)
            except _PoolUnavailable:
                pool.shutdown(kill=True)
                left = [item for item in todo if results[item[0]] is None]
                sys.stderr.write("doclint: không khởi động được tiến trình con; kiểm tra tuần tự.\n")
                _run_inline(left, lint, keep_document, timeout, finish, stats)
    except KeyboardInterrupt:
        interrupted = True
        previous_handler = _ignore_sigint()  # a second Ctrl-C must not cut the clean-up short
    finally:
        progress.stop()
        if pool is not None:
            pool.shutdown(kill=interrupted)
        if cache is not None:
            cache.close()
        if stream is not None:
            stream.close()
        stats.seconds = time.perf_counter() - started
    if not interrupted:
        for index, path, config in entries:  # never silently drop a file
            if results[index] is None:
                results[index] = crash_result(path, config, None)
    if interrupted:
        if previous_handler is not None:
            import signal

            signal.signal(signal.SIGINT, previous_handler)
        done = sum(r is not None for r in results)
        where = f"; kết quả đã ghi vào {stream_output}" if stream is not None else ""
        sys.stderr.write(f"doclint: đã dừng theo yêu cầu (Ctrl-C) sau {done}/{len(results)} tệp{where}.\n")
        raise SystemExit(INTERRUPTED_EXIT)
    return [r for r in results if r is not None]


def _ignore_sigint() -> Any:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        return signal.signal(signal.SIGINT, signal.SIG_IGN)
    return None


def _refuse_output_over_input(output: Path, inputs: list[Path]) -> None:
    """The report must never overwrite a document being checked."""
    from doclint.errors import ConfigError

    try:
        target = output.resolve()
    except OSError:
        return
    for path in inputs:
        try:
            same = path.resolve() == target or (output.exists() and os.path.samefile(path, output))
        except OSError:
            continue
        if same:
            raise ConfigError(
                f"tệp kết quả --output {output} trùng với một tệp đang được kiểm tra; "
                "hãy ghi kết quả ra tệp khác (doclint không bao giờ ghi đè tệp đầu vào)"
            )


def _default_lint() -> Callable[..., FileResult]:
    from doclint.engine import lint_path

    return lint_path
