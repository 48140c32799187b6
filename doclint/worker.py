"""What runs inside a worker process (see :mod:`doclint.worker_pool`).

This module is light on purpose: a single file is checked in a child forked from the CLI right away,
and the child imports the loaders and checks itself while the parent prepares the report. A batch's
fork server preloads :mod:`doclint.worker_warm` instead, which imports and builds everything once
(:func:`warm`), so every worker forked from it starts with the loaders, the checks and the built-in
rule pack already in memory.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint.config import Config
    from doclint.engine import FileResult


class DocumentTimeout(BaseException):
    """Raised by the in-process alarm when one document runs past the per-document timeout."""


def warm() -> None:
    """Import and build once what every document needs."""
    import doclint.load.docx
    import doclint.load.text  # noqa: F401
    from doclint.checks import load_all
    from doclint.rulepack import load_pack

    load_all()
    load_pack()


def check_one(lint: Callable[..., FileResult], path: str, config: Config, keep_document: bool) -> FileResult:
    """One file, never raising: a crash outside the rules (loader, recogniser) becomes DOC005."""
    from doclint.engine import FileResult
    from doclint.errors import LoadError

    try:
        result = lint(path, config, keep_document=keep_document)
    except (KeyboardInterrupt, SystemExit, DocumentTimeout, MemoryError):
        raise
    except BaseException as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        place = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
        fmt = Path(path).suffix.lower().lstrip(".") or None
        return FileResult(
            path=str(path),
            format=fmt,
            stage=config.stage,
            error=LoadError(
                "DOC005",
                f"Lỗi nội bộ khi kiểm tra tệp: {exc!r}{place}. Các tệp khác vẫn được kiểm tra.",
                f"Internal error while checking the file: {exc!r}{place}. The other files were still checked.",
            ),
        )
    if not keep_document:
        result.document = None
        result.recognition = None
    return result


def cpu_seconds() -> float:
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    except (ImportError, OSError):  # pragma: no cover - not on Unix
        return 0.0


def peak_rss_kb() -> int:
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    except (ImportError, OSError):  # pragma: no cover - not on Unix
        return 0


def lint_task(
    lint: Callable[..., FileResult] | None, path: str, config: Config, keep_document: bool
) -> FileResult:
    """One check in a pool worker (``lint`` None: :func:`doclint.engine.lint_path`)."""
    if lint is None:
        from doclint.engine import lint_path as lint
    library_logs(path)
    try:
        return check_one(lint, path, config, keep_document)
    finally:
        library_logs(None)


MAX_LOG_LINES = 3  # per file and library: "Data-loss while decompressing" can repeat a thousand times
_log_state: dict = {"path": None, "counts": {}}


class _FileLog(logging.Handler):
    """Warnings of the PDF libraries on stderr, each prefixed with the file they are about."""

    def emit(self, record: logging.LogRecord) -> None:
        path = _log_state["path"]
        key = record.name.split(".")[0]
        counts = _log_state["counts"]
        counts[key] = counts.get(key, 0) + 1
        if counts[key] > MAX_LOG_LINES:
            return
        from doclint.safeio import display_path, escape_controls

        where = display_path(path) if path else "doclint"
        more = " (các cảnh báo tiếp theo của tệp này được lược bỏ)" if counts[key] == MAX_LOG_LINES else ""
        try:
            message = " ".join(record.getMessage().split())[:300]
            sys.stderr.write(escape_controls(f"doclint: {where}: {key}: {message}{more}") + "\n")
        except Exception:  # a log line must never fail a check
            pass


_handler = _FileLog(logging.WARNING)


def library_logs(path: str | None) -> None:
    """Route the PDF libraries' log lines through :class:`_FileLog` for ``path`` (None: between files)."""
    _log_state["path"] = path
    _log_state["counts"] = {}
    for name in ("pdfminer", "pdfplumber", "pypdfium2", "PIL"):
        logger = logging.getLogger(name)
        if _handler not in logger.handlers:
            logger.addHandler(_handler)
            logger.propagate = False


def die_with_parent() -> None:
    """Linux: be killed when the parent dies (a killed CLI leaves no worker running a document)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return


def set_memory_limit(memory_mb: int) -> None:
    """Cap this process's address space (soft ``RLIMIT_AS``; 0 lifts the cap up to the hard limit)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Unix
        return
    with contextlib.suppress(ValueError, OSError, AttributeError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = memory_mb * 1024 * 1024 if memory_mb else hard
        if hard != resource.RLIM_INFINITY and (soft == resource.RLIM_INFINITY or soft > hard):
            soft = hard
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _strip(value: object) -> object:
    if hasattr(value, "document") and hasattr(value, "recognition"):
        value.document = None
        value.recognition = None
    return value


def serve(conn, tmpdir: str | None = None, env: dict[str, str] | None = None) -> None:
    """The worker loop: receive ``(task id, fn, args, memory MB)``, run it under the memory cap, send
    ``("done", id, status, value, peak RSS kB, CPU s)`` with status ok / error / memory; ``None`` ends
    the worker. The worker leads its own process group (the parent kills the group on a timeout, with
    any converter it started) and uses its own temporary folder (the parent removes it). Ctrl-C is the
    parent's business, not ours."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    with contextlib.suppress(AttributeError, OSError):
        os.setpgid(0, 0)
    die_with_parent()
    if env is not None:  # the parent's DOCLINT_* settings now (a fork server may be older than them)
        for key in [k for k in os.environ if k.startswith("DOCLINT_")]:
            del os.environ[key]
        os.environ.update(env)
    if tmpdir:
        import tempfile

        os.environ["TMPDIR"] = tmpdir
        os.environ["DOCLINT_WORKER_DIR"] = tmpdir  # converters note their process groups here
        tempfile.tempdir = tmpdir
    try:
        conn.send(("ready",))
        while True:
            try:
                message = conn.recv()
            except EOFError:
                return
            if message is None:
                return
            task_id, fn, args, memory_mb = message
            set_memory_limit(memory_mb)
            try:
                value, status = fn(*args), "ok"
            except MemoryError:
                value, status = None, "memory"
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:
                value, status = exc, "error"
            set_memory_limit(0)  # room to send the answer
            try:
                conn.send(("done", task_id, status, value, peak_rss_kb(), cpu_seconds()))
            except (pickle.PicklingError, TypeError, AttributeError, RecursionError, MemoryError):
                # a value that cannot cross the process boundary (e.g. a huge Document): without it
                value = _strip(value) if status == "ok" else RuntimeError(repr(value)[:500])
                conn.send(("done", task_id, status, value, peak_rss_kb(), cpu_seconds()))
            value = None
            if status == "memory":
                return  # a worker that ran out of memory is replaced
    except (BrokenPipeError, EOFError, OSError):  # the parent went away
        return
