"""What runs inside a batch worker process.

On Linux the batch pool forks its workers from a *fork server* that imported this module first, so
every worker starts with the loaders, the checks and the built-in rule pack already in memory
(starting a worker costs a fork, not a fresh interpreter importing lxml and the checks).
"""

from __future__ import annotations

import contextlib
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
    except (KeyboardInterrupt, SystemExit, DocumentTimeout):
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


def serve(conn, lint: Callable[..., FileResult], keep_document: bool) -> None:
    """The worker loop: receive a chunk of (index, path, config), send one result per file, then
    ("idle", peak RSS, CPU seconds so far). ``None`` ends the worker. Ctrl-C is the parent's business, not ours."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        conn.send(("ready",))
        while True:
            try:
                chunk = conn.recv()
            except EOFError:
                return
            if chunk is None:
                return
            for index, path, config in chunk:
                result = check_one(lint, path, config, keep_document)
                try:
                    conn.send(("done", index, result))
                except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
                    # a Document that cannot cross the process boundary: send the findings without it
                    result.document = None
                    result.recognition = None
                    conn.send(("done", index, result))
            conn.send(("idle", peak_rss_kb(), cpu_seconds()))
    except (BrokenPipeError, EOFError, OSError):  # the parent went away
        return


# Built in the fork server, inherited by every worker forked from it.
with contextlib.suppress(Exception):  # a broken pack is reported by the parent, not here
    warm()
