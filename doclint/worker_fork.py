"""A worker forked from this process without importing :mod:`multiprocessing` (issue 17: start-up).

The pool forks its one worker for a command-line check (``--jobs 1``, a single file: the ``fork`` start
method). Importing ``multiprocessing`` for that one ``fork()`` (its contexts, reduction, connection and
utilities: pickle, socket, selectors, subprocess…) cost a one-file check about 10 ms. These are the few
parts of ``multiprocessing.Process``, ``Pipe`` and ``connection.wait`` the pool uses, for that start
method only (a fork server or spawned workers still come from ``multiprocessing``). Nothing about the
budgets changes: the worker runs the same :func:`doclint.worker.serve`, which caps its memory and dies
with its parent, and the parent measures and kills it as before.
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable, Iterable
from typing import Any

_HEADER = 8  # bytes of a message's length, before the pickled message
_started = 0


class Connection:
    """One end of a duplex pipe carrying pickled messages (what the pool and the worker use of
    ``multiprocessing.connection.Connection``: send, recv, poll, fileno, close)."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._r: int | None = read_fd
        self._w: int | None = write_fd

    def _fds(self) -> tuple[int, int]:
        if self._r is None or self._w is None:
            raise OSError("handle is closed")
        return self._r, self._w

    def fileno(self) -> int:
        return self._fds()[0]

    def send(self, obj: Any) -> None:
        """Pickle ``obj`` first (a value that cannot be pickled raises before anything is written)."""
        data = pickle.dumps(obj)
        view = memoryview(len(data).to_bytes(_HEADER, "big") + data)
        write_fd = self._fds()[1]
        while view:
            view = view[os.write(write_fd, view) :]

    def recv(self) -> Any:
        """The next message; EOFError when the other end is closed."""
        size = int.from_bytes(self._read(_HEADER), "big")
        return pickle.loads(self._read(size))

    def _read(self, size: int) -> bytes:
        read_fd = self._fds()[0]
        chunks = []
        while size:
            chunk = os.read(read_fd, min(size, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def poll(self, timeout: float = 0.0) -> bool:
        """Whether a message (or the end of the pipe) can be read now."""
        return bool(wait([self], timeout))

    def close(self) -> None:
        for fd in (self._r, self._w):
            if fd is not None:
                os.close(fd)
        self._r = self._w = None


def Pipe() -> tuple[Connection, Connection]:  # (named as multiprocessing.Pipe)
    """Two connected ends: (the parent's, the child's)."""
    down_r, down_w = os.pipe()  # parent -> child
    up_r, up_w = os.pipe()  # child -> parent
    return Connection(up_r, down_w), Connection(down_r, up_w)


def wait(objects: Iterable[Any], timeout: float | None = None) -> list[Any]:
    """Those of ``objects`` (connections or file descriptors) that can be read, or have been closed,
    within ``timeout`` seconds (as ``multiprocessing.connection.wait``)."""
    poller = select.poll()
    by_fd: dict[int, list[Any]] = {}
    for obj in objects:
        fd = obj if isinstance(obj, int) else obj.fileno()
        if fd not in by_fd:
            poller.register(fd, select.POLLIN)
        by_fd.setdefault(fd, []).append(obj)
    ms = None if timeout is None else max(0, math.ceil(timeout * 1000))
    ready: list[Any] = []
    for fd, _event in poller.poll(ms):
        ready += by_fd.get(fd, ())
    return ready


class Process:
    """``target(*args)`` in a forked child (what the pool uses of ``multiprocessing.Process``: start,
    pid, sentinel, is_alive, join, exitcode, kill). The child closes ``inherited`` (the parent's end of
    its connection), reads /dev/null as stdin, and exits with ``os._exit`` as multiprocessing's does."""

    def __init__(self, target: Callable[..., Any], args: tuple, inherited: Connection | None = None) -> None:
        self._target, self._args, self._inherited = target, args, inherited
        self.pid: int | None = None
        self.sentinel: int | None = None
        self._returncode: int | None = None

    def start(self) -> None:
        global _started
        _started += 1
        name = f"ForkProcess-{_started}"
        ready_r, ready_w = os.pipe()  # the sentinel: readable once the child has exited
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
            code = 1
            try:
                os.close(ready_r)
                code = self._child(name)
            finally:
                os._exit(code)
        os.close(ready_w)
        self.pid, self.sentinel = pid, ready_r

    def _child(self, name: str) -> int:  # pragma: no cover - runs in the child
        if self._inherited is not None:  # the parent's end: closed, the child sees its parent go away
            self._inherited.close()
        _stdin_from_devnull()
        try:
            self._target(*self._args)
            code = 0
        except SystemExit as exc:
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                sys.stderr.write(f"{exc.code}\n")
                code = 1
        except BaseException:
            import traceback

            sys.stderr.write(f"Process {name}:\n")
            traceback.print_exc()
            code = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.flush()
        return code

    @property
    def exitcode(self) -> int | None:
        """None while it runs; its exit status, or minus the signal that killed it."""
        if self._returncode is None and self.pid is not None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if pid == self.pid:
                self._returncode = os.waitstatus_to_exitcode(status)
        return self._returncode

    def is_alive(self) -> bool:
        return self.pid is not None and self.exitcode is None

    def join(self, timeout: float | None = None) -> None:
        """Wait for the child to exit (at most ``timeout`` seconds) and reap it."""
        if self.pid is None or self._returncode is not None:
            return
        if timeout is not None and self.sentinel is not None and not wait([self.sentinel], timeout):
            return
        try:  # the sentinel closes as the child exits, a moment before it can be reaped: wait for that
            pid, status = os.waitpid(self.pid, 0 if timeout != 0 else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == self.pid:
            self._returncode = os.waitstatus_to_exitcode(status)

    def __del__(self) -> None:
        if self.sentinel is not None:  # (multiprocessing closes it when its process object goes)
            with contextlib.suppress(OSError):
                os.close(self.sentinel)
            self.sentinel = None

    def kill(self) -> None:
        if self.pid is not None and self.exitcode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def _stdin_from_devnull() -> None:  # pragma: no cover - runs in the child
    """As multiprocessing's child: its stdin is /dev/null (the terminal belongs to the parent)."""
    if sys.stdin is None:
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stdin.close()
    try:
        fd = os.open(os.devnull, os.O_RDONLY)
        try:
            sys.stdin = open(fd, encoding="utf-8", closefd=False)  # noqa: SIM115  (for the process' life)
        except BaseException:
            os.close(fd)
            raise
    except (OSError, ValueError):
        pass
