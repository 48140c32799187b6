"""What runs inside a batch worker process.

On Linux the batch pool forks its workers from a *fork server* that imported this module first, so
every worker starts with the loaders, the checks and the built-in rule pack already in memory
(starting a worker costs a fork, not a fresh interpreter importing lxml and the checks).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from pathlib import Path

from doclint.config import Config
from doclint.engine import FileResult
from doclint.errors import LoadError


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
    return check_one(lint, path, config, keep_document)


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
    if isinstance(value, FileResult):
        value.document = None
        value.recognition = None
    return value


def serve(conn, tmpdir: str | None = None) -> None:
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
    if tmpdir:
        import tempfile

        os.environ["TMPDIR"] = tmpdir
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


# Built in the fork server, inherited by every worker forked from it.
with contextlib.suppress(Exception):  # a broken pack is reported by the parent, not here
    warm()
