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

Every document is checked in a worker process of :class:`doclint.worker_pool.WorkerPool`, under a
budget enforced from outside (memory cap in the worker, the parent killing it past the timeout: DOC007,
DOC006). ``--jobs 1``, a single file or a handful of files use one worker forked from this process
(a few ms, no pool start-up); larger batches use workers forked from a fork server that has the
loaders, checks and rule pack already imported. A worker is replaced after a kill, after
``MAX_TASKS_PER_CHILD`` documents or once its peak memory passes ``MAX_WORKER_RSS_MB``. Only where no
worker can be started at all does a file run in this process (with ``SIGALRM`` as its timeout).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint.config import Config, find_config, read_config, with_overrides
from doclint.errors import LoadError
from doclint.worker_pool import (
    DEFAULT_TIMEOUT,
    BatchStats,
    Budget,
    PoolUnavailable,
    WorkerPool,
    default_jobs,
)

if TYPE_CHECKING:
    from doclint.engine import FileResult

__all__ = ["DEFAULT_TIMEOUT", "BatchStats", "Budget", "check_paths", "default_jobs", "iter_files"]
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
        try:
            is_folder = root.is_dir()
        except OSError:  # e.g. a file inside a folder that cannot be searched: DOC001 for it
            is_folder = False
        if not is_folder:
            # a named file is checked whatever its name; a missing one reports DOC001
            key = str(root)
            if key not in seen:
                seen.add(key)
                yield root
            continue
        found: list[Path] = []
        visited: set[tuple[int, int]] = set()
        unreadable: list[str] = []

        def note(error: OSError, unreadable=unreadable) -> None:
            if error.filename:  # a subfolder that cannot be read: an entry (DOC001), never silently dropped
                unreadable.append(error.filename)

        for folder, dirs, files in os.walk(root, followlinks=True, onerror=note):
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
        found += [Path(os.fsdecode(p)) for p in unreadable]
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
    from doclint.worker_pool import error_result as make

    return make(path, config, LoadError(code, vi, en))


def timeout_result(path: str, config: Config, seconds: float) -> FileResult:
    from doclint.worker_pool import _timeout_error
    from doclint.worker_pool import error_result as make

    return make(path, config, _timeout_error(seconds))


def crash_result(path: str, config: Config, exitcode: int | None) -> FileResult:
    from doclint.worker_pool import _crash_error
    from doclint.worker_pool import error_result as make

    return make(path, config, _crash_error(exitcode))


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
    """A rich progress bar on stderr when it is a terminal (files done/total, rate, time left, the file just
    checked, in the user's language); else nothing. An office watching a batch of thousands wants to see
    that it moves and where it is."""

    def __init__(self, total: int, lang: str = "vi", console: Any = None) -> None:
        self.bar = None
        if total < 2 or not _progress_wanted():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("[bold]doclint[/]"),
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            TextColumn("files" if lang == "en" else "tệp"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("left" if lang == "en" else "còn"),
            TimeRemainingColumn(),
            TextColumn("[dim]{task.fields[current]}[/]", markup=True),
            console=console or Console(stderr=True),
            transient=True,
            auto_refresh=False,  # no refresh thread: workers may be forked from this process
        )
        self.unit = "files/s" if lang == "en" else "tệp/s"
        self.task = self.bar.add_task("check", total=total, rate="", current="")
        self.started = time.perf_counter()
        self.done = 0
        self.bar.start()

    def advance(self, path: str = "") -> None:
        if self.bar is None:
            return
        self.done += 1
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        name = Path(path).name if path else ""
        if len(name) > 28:
            name = name[:12] + "…" + name[-15:]
        from rich.markup import escape

        current = escape(name)
        self.bar.update(self.task, advance=1, rate=f"{self.done / elapsed:.1f} {self.unit}", current=current)
        self.bar.refresh()

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
        from dataclasses import replace

        from doclint.safeio import display_path

        shown = display_path(result.path)
        if shown != result.path:  # a name that is not UTF-8: shown with U+FFFD, never a crash
            result = replace(result, path=shown)
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


def _budget_for(config: Config, timeout: float | None) -> Budget:
    return Budget.from_config(config, timeout=timeout)


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
    """Only where no worker process can be started: this process, SIGALRM as the timeout."""
    from doclint.worker import DocumentTimeout, check_one
    from doclint.worker_pool import _memory_error, error_result

    for index, path, config in todo:
        budget = _budget_for(config, timeout)
        try:
            with _Alarm(budget.seconds):
                result = check_one(lint, path, config, keep_document)
        except DocumentTimeout:
            result = timeout_result(path, config, budget.seconds)
            stats.timeouts += 1
        except MemoryError:
            result = error_result(path, config, _memory_error(budget.memory_mb))
        finish(index, result, cacheable=result.error is None or result.error.code == "DOC001")


def _run_pool(todo, lint, keep_document, timeout, finish, stats, n_jobs, results, report_format=None) -> None:
    # One worker: forked from here. For one file it starts cold and imports the loaders and checks itself
    # while this process prepares the report; for several, this process warms up first, so that the
    # worker (and a replacement after a kill) starts with everything built. Several workers: forked from
    # a fork server that has everything built.
    start = "auto" if n_jobs == 1 else "forkserver"
    pool = WorkerPool(n_jobs, lint=lint, start=start, warm=n_jobs > 1 or len(todo) > 1, stats=stats)
    try:
        futures = {}
        for index, path, config in todo:
            future = pool.submit(path, config, keep_document, budget=_budget_for(config, timeout))
            futures[future] = index
        # what a worker's answer is made of, imported before the worker is forked: imported after, both
        # processes would each import it (issue 17: start-up)
        import doclint.results  # noqa: F401

        pool.start()  # the worker starts on its first document now; meanwhile, what the results need here
        _prepare_report(report_format)  # (not the engine, the loaders or the checks: the worker has them)

        for future in pool.as_completed(futures):
            if future.cancelled():
                continue
            result = future.result()
            error = result.error
            finish(futures[future], result, cacheable=error is None or error.code == "DOC001")
    except PoolUnavailable:
        pool.close(kill=True)
        left = [item for item in todo if results[item[0]] is None]
        sys.stderr.write("doclint: không khởi động được tiến trình con; kiểm tra tuần tự.\n")
        _run_inline(left, lint or _default_lint(), keep_document, timeout, finish, stats)
    except BaseException:
        pool.close(kill=True)
        raise
    else:
        pool.close()


def _prepare_report(report_format: str | None) -> None:
    """Import what turns the workers' answers into the report, while the first worker checks."""
    if report_format:
        import importlib

        with contextlib.suppress(ImportError):
            importlib.import_module(f"doclint.report.{report_format}")


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
        _budget_for(config, timeout)  # a bad timeout / memory-limit is a usage error before any work
        if config.packs:
            _check_packs(config.packs)
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
    progress = _Progress(len(entries), lang)
    keys: dict[int, str | None] = {}

    def finish(index: int, result: FileResult, cacheable: bool = False) -> None:
        results[index] = result
        if cache is not None and cacheable and keys.get(index):
            cache.put(keys[index], result)
        if stream is not None:
            stream.write(result)
        progress.advance(result.path)
        if on_result is not None:
            on_result(result)

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
        n_jobs = max(1, jobs if jobs is not None else default_jobs())
        n_jobs = min(n_jobs, len(todo)) if todo else 1
        if jobs is None and len(todo) < POOL_MIN_FILES:
            n_jobs = 1  # one worker forked from here: starting a fork server costs more than it saves
        stats.jobs = n_jobs
        if todo:
            _run_pool(todo, lint, keep_document, timeout, finish, stats, n_jobs, results, stream_format)
    except KeyboardInterrupt:
        interrupted = True
        previous_handler = _ignore_sigint()  # a second Ctrl-C must not cut the clean-up short
    finally:
        progress.stop()
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


def _check_packs(packs: tuple[str, ...]) -> None:
    """A user pack that cannot be read is a usage error (exit 2) before any document, not DOC005 on each."""
    from doclint.rulepack import load_pack

    load_pack(packs)


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
