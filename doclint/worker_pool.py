"""Worker processes with budgets enforced from outside the parser.

Every document doclint opens (``check``, ``inspect``, ``annotate``, ``citations``, ``refs add``, the web
server) is loaded and checked in a **worker process**:

- **memory**: the worker's address space is capped with ``RLIMIT_AS`` (a soft limit set before each
  task; default :data:`DEFAULT_MEMORY_MB`, config ``memory-limit`` in MB, env ``DOCLINT_MEMORY_MB``,
  ``0`` = no cap). Past it Python raises ``MemoryError``, which the worker reports as **DOC007**; on
  Linux the parent also reads each busy worker's resident size a few times a second and kills a worker
  that passes the budget (for allocators that ignore the limit).
- **time**: the *parent* kills the worker's whole process group (the worker and anything it started,
  such as LibreOffice) when a task runs past its budget (default 120 s, config ``timeout``, env
  ``DOCLINT_TIMEOUT``) — **DOC006**. The budget counts the worker's CPU time (read from ``/proc``: a
  busy shared machine does not make ordinary files time out), with the wall clock at ``WALL_FACTOR``
  times the budget as a backstop for a worker that waits without working; elsewhere the wall clock.
  No in-process alarm is involved, so a parser stuck in C code or in a ``finally`` clause cannot
  outlive its budget.
- a killed or crashed worker is replaced on demand, and its temporary folder (``TMPDIR`` of the worker)
  is removed by the parent; the other tasks go on. A worker that dies otherwise gives **DOC005**.

API (also in ``/work/notes/hostile/pool-api.md``)::

    budget = Budget(seconds=120.0, memory_mb=3072)      # or Budget.from_config(config)
    pool = WorkerPool(jobs=2, budget=budget, start="forkserver", background=True)
    fut = pool.submit(path, config, keep_document=False, budget=None, group=request_id)
    result = fut.result()      # a FileResult; error DOC001/DOC005/DOC006/DOC007, never an exception
    fut = pool.call(fn, *args, budget=None, group=None)  # any module-level function
    value = fut.result()       # or raises BudgetExceeded (kind "time"/"memory") / WorkerCrashed
    pool.cancel_group(request_id)
    pool.close()               # or use the pool as a context manager
    value = run_protected(fn, *args, budget=budget)   # one-shot: a forked child, ~ms to start

- ``background=True`` runs the pool in a dispatcher thread: ``submit``/``call``/``cancel_group``/
  ``close`` may be called from any thread (a web server wraps futures with ``asyncio.wrap_future``).
  Use ``start="forkserver"`` then (forking a threaded server is unsafe).
- ``background=False`` (the CLI): the caller drives the pool in its own thread with :meth:`run` or
  :meth:`as_completed`; no thread is started, so ``start="fork"`` is safe and costs a few ms.
- ``group``: queued tasks are taken round-robin across groups (fair queueing between requests).
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from doclint.errors import ConfigError, LoadError

if TYPE_CHECKING:
    from doclint.config import Config
    from doclint.results import FileResult

DEFAULT_TIMEOUT = 120.0
MAX_TIMEOUT = 7 * 24 * 3600.0
MIN_MEMORY_MB = 256
MAX_TASKS_PER_CHILD = 250
MAX_WORKER_RSS_MB = 1500  # a worker whose resident size passed this after a task is replaced
RSS_POLL_S = 0.25
# The time budget counts the CPU a document causes (Linux); the wall clock stops a worker that waits
# without working (or gets no CPU at all) at this many times the budget.
WALL_FACTOR = 3.0


def _default_memory_mb() -> int:
    """3 GiB of address space per worker, less on a small machine (a quarter of the RAM, at least
    1 GiB). On the 2-core, 24 GB machine two workers may use at most 6 GiB between them."""
    try:
        total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (AttributeError, OSError, ValueError):
        return 3072
    return int(max(1024, min(3072, total_mb // 4)))


DEFAULT_MEMORY_MB = _default_memory_mb()


# ------------------------------------------------------------------------------------------ budgets


class BudgetExceeded(Exception):
    """A task ran past its time (``kind="time"``, DOC006) or memory (``kind="memory"``, DOC007) budget."""

    def __init__(self, kind: str, limit: float) -> None:
        super().__init__(f"{kind} budget exceeded ({limit:g})")
        self.kind = kind
        self.limit = limit

    @property
    def code(self) -> str:
        return "DOC006" if self.kind == "time" else "DOC007"

    def __reduce__(self):
        return (type(self), (self.kind, self.limit))

    def load_error(self) -> LoadError:
        if self.kind == "time":
            return _timeout_error(self.limit)
        return _memory_error(int(self.limit))


class WorkerCrashed(Exception):
    """The worker died while running the task (exit status ``exitcode``; negative: killed by a signal)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"worker died (exit code {exitcode})")
        self.exitcode = exitcode

    def __reduce__(self):
        return (type(self), (self.exitcode,))

    def load_error(self) -> LoadError:
        return _crash_error(self.exitcode)


class PoolUnavailable(Exception):
    """Workers die before they can start (e.g. the main script cannot be re-imported)."""


def _number(value: Any, name: str, source: str | None) -> float:
    where = f"{source}: " if source else ""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConfigError(f"{where}{name} phải là một số, không phải {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{where}{name} phải là một số, không phải {value!r}") from None
    if not math.isfinite(number):
        raise ConfigError(f"{where}{name} phải là một số hữu hạn, không phải {value!r}")
    return number


@dataclass(frozen=True)
class Budget:
    """What one task may cost: wall-clock seconds and MB of address space (0 = no memory cap)."""

    seconds: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_config(
        cls, config: Config | None = None, timeout: float | None = None, memory_mb: int | None = None
    ) -> Budget:
        """Explicit values, else the environment, else the config options ``timeout`` and
        ``memory-limit``, else the defaults. A bad value is a ConfigError (one line, exit 2)."""
        source = getattr(config, "source", None)
        if timeout is None:
            env = os.environ.get("DOCLINT_TIMEOUT")
            raw, src = (env, "DOCLINT_TIMEOUT") if env else (_option(config, "timeout"), source)
            if raw is not None:
                seconds = _number(raw, "timeout", src)
                if not 0 < seconds <= MAX_TIMEOUT:
                    raise ConfigError(
                        f"{src + ': ' if src else ''}timeout phải lớn hơn 0 và không quá {MAX_TIMEOUT:g} giây, "
                        f"không phải {raw!r}"
                    )
            else:
                seconds = DEFAULT_TIMEOUT
        else:
            seconds = _number(timeout, "timeout", None)
            if not 0 < seconds <= MAX_TIMEOUT:
                raise ConfigError(f"timeout phải lớn hơn 0 và không quá {MAX_TIMEOUT:g} giây")
        if memory_mb is None:
            env = os.environ.get("DOCLINT_MEMORY_MB")
            raw, src = (env, "DOCLINT_MEMORY_MB") if env else (_option(config, "memory-limit"), source)
            memory_mb = DEFAULT_MEMORY_MB if raw is None else _memory(raw, src)
        else:
            memory_mb = _memory(memory_mb, None)
        return cls(seconds=seconds, memory_mb=memory_mb)


def _option(config: Config | None, name: str) -> Any:
    return config.option(name) if config is not None else None


def _memory(raw: Any, source: str | None) -> int:
    value = _number(raw, "memory-limit", source)
    if value != 0 and not MIN_MEMORY_MB <= value <= 2**20:
        raise ConfigError(
            f"{source + ': ' if source else ''}memory-limit (MB) phải là 0 (không giới hạn) hoặc từ "
            f"{MIN_MEMORY_MB} đến {2**20}, không phải {raw!r}"
        )
    return int(value)


def _timeout_error(seconds: float) -> LoadError:
    return LoadError(
        "DOC006",
        f"Quá thời gian: kiểm tra tệp này cần hơn {seconds:g} giây xử lý nên đã dừng; "
        "các tệp khác vẫn được kiểm tra. Hãy tách văn bản hoặc báo cho người phát triển.",
        f"Timed out: checking this file needed more than {seconds:g} s of processing and was stopped; "
        "the other files were still checked.",
    )


def _memory_error(memory_mb: int) -> LoadError:
    return LoadError(
        "DOC007",
        f"Vượt giới hạn bộ nhớ: đọc và kiểm tra tệp này cần hơn {memory_mb} MB nên đã dừng; "
        "các tệp khác vẫn được kiểm tra. Tệp có thể hỏng hoặc được tạo để gây hại "
        "(tùy chọn memory-limit trong doclint.toml).",
        f"Memory limit exceeded: reading and checking this file needed more than {memory_mb} MB and was "
        "stopped; the other files were still checked. The file may be broken or crafted "
        "(option memory-limit in doclint.toml).",
    )


def _crash_error(exitcode: int | None) -> LoadError:
    how = f"mã thoát {exitcode}" if exitcode is not None else "không rõ lý do"
    how_en = f"exit code {exitcode}" if exitcode is not None else "unknown cause"
    return LoadError(
        "DOC005",
        f"Lỗi nội bộ: tiến trình kiểm tra tệp này dừng đột ngột ({how}); các tệp khác vẫn được kiểm tra.",
        f"Internal error: the process checking this file died ({how_en}); the other files were still checked.",
    )


# ------------------------------------------------------------------------------------------ stats


@dataclass(eq=False)
class BatchStats:
    """What a batch (or a pool) did; filled in when ``stats=`` is given (the benchmarks read it)."""

    files: int = 0
    cached: int = 0
    checked: int = 0
    timeouts: int = 0
    memory_kills: int = 0
    crashes: int = 0
    workers_started: int = 0
    jobs: int = 1
    worker_peak_rss_kb: list[int] = field(default_factory=list)
    timeout_cpu_seconds: list[float] = field(default_factory=list)  # CPU a worker had used when killed
    worker_cpu_seconds: float = 0.0
    seconds: float = 0.0


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):
        return max(os.cpu_count() or 1, 1)


def cpu_seconds_of(pid: int) -> float:
    """User + system CPU time of a process (Linux ``/proc``; 0 where unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_kb(pid: int) -> int:
    """Resident size of a process (Linux ``/proc``; 0 where unknown)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * (os.sysconf("SC_PAGE_SIZE") // 1024)


# ------------------------------------------------------------------------------------------ the pool


@dataclass(eq=False, repr=False)
class _Task:
    """A call waiting for, or running in, a worker."""

    id: int
    fn: Callable[..., Any]
    args: tuple
    budget: Budget
    future: Future
    group: Any = None
    lint: tuple[str, Config] | None = None  # (path, config) for a check: failures become FileResults


@dataclass(eq=False, repr=False)
class _Worker:
    """A worker process, its pipe and folder, its current task and what it has used."""

    proc: Any
    conn: Any
    tmpdir: str
    task: _Task | None = None
    started: float = 0.0
    ready: bool = False
    tasks: int = 0
    rss_kb: int = 0
    polled_kb: int = 0
    polled_at: float = 0.0
    cpu: float = 0.0
    cpu_start: float = 0.0  # the worker's CPU seconds when its current task was sent


def _context(start: str, warm: bool):
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    if start == "auto":
        if "fork" in methods and threading.active_count() == 1:
            start = "fork"
        else:
            start = "forkserver" if "forkserver" in methods else "spawn"
    if start not in methods:
        start = "spawn"
    ctx = mp.get_context(start)
    if start == "forkserver":
        ctx.set_forkserver_preload(["doclint.worker", "doclint.worker_warm"] if warm else ["doclint.worker"])
    elif start == "fork" and warm:
        import doclint.worker_warm  # noqa: F401  (built once here, inherited by every forked worker)
    return ctx


class WorkerPool:
    """Worker processes that run tasks under a :class:`Budget` (see the module docstring)."""

    def __init__(
        self,
        jobs: int | None = None,
        budget: Budget | None = None,
        *,
        start: str = "auto",
        background: bool = False,
        lint: Callable[..., FileResult] | None = None,
        warm: bool = True,
        stats: BatchStats | None = None,
    ) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.budget = budget or Budget()
        self.lint = lint
        self.stats = stats if stats is not None else BatchStats()
        self.ctx = _context(start, warm)
        self.start_method = self.ctx.get_start_method()
        self._lock = threading.RLock()
        self._queues: dict[Any, deque[_Task]] = {}
        self._groups: deque[Any] = deque()
        self._workers: list[_Worker] = []
        self._failed_starts = 0
        self._ids = itertools.count()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._closed = False
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._serve_forever, name="doclint-pool", daemon=True)
            self._thread.start()

    # -- submitting
    def submit(
        self,
        path: str,
        config: Config,
        keep_document: bool = False,
        budget: Budget | None = None,
        group: Any = None,
    ) -> Future:
        """Check one file in a worker; the future's value is always a FileResult."""
        from doclint.worker import lint_task

        return self._put(lint_task, (self.lint, str(path), config, keep_document), budget, group,
                         lint=(str(path), config))  # fmt: skip

    def call(
        self, fn: Callable[..., Any], *args: Any, budget: Budget | None = None, group: Any = None
    ) -> Future:
        """Run ``fn(*args)`` in a worker; the future raises BudgetExceeded / WorkerCrashed / fn's error."""
        return self._put(fn, args, budget, group)

    def _put(self, fn, args, budget, group, lint=None) -> Future:
        future: Future = Future()
        task = _Task(next(self._ids), fn, tuple(args), budget or self.budget, future, group, lint)
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is closed")
            queue = self._queues.get(group)
            if queue is None:
                queue = self._queues[group] = deque()
                self._groups.append(group)
            queue.append(task)
        self._wake()
        return future

    def cancel_group(self, group: Any) -> None:
        """Cancel the queued tasks of ``group`` and kill the workers running its tasks."""
        with self._lock:
            for task in self._queues.pop(group, deque()):
                task.future.cancel()
            with contextlib.suppress(ValueError):
                self._groups.remove(group)
            for worker in list(self._workers):
                if worker.task is not None and worker.task.group == group:
                    task, worker.task = worker.task, None
                    self._retire(worker, kill=True)
                    if not task.future.done():
                        task.future.cancel() or task.future.set_exception(WorkerCrashed(None))
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")

    # -- driving
    def start(self) -> None:
        """Start workers for the queued tasks and hand them out, without waiting for anything."""
        with self._lock:
            self._assign()
            self._assign()  # a forked worker is ready at once: the second pass hands it its task

    def run(self) -> None:
        """Drive the pool in this thread until no task is queued or running."""
        while self._has_work():
            self._step(1.0)

    def as_completed(self, futures: Iterable[Future]) -> Iterator[Future]:
        """The futures in completion order, driving the pool in this thread (or waiting on the
        dispatcher thread when the pool runs in the background)."""
        pending = set(futures)
        done: deque[Future] = deque()
        for future in pending:
            future.add_done_callback(done.append)
        while pending:
            while done:
                future = done.popleft()
                if future in pending:
                    pending.discard(future)
                    yield future
            if not pending:
                return
            if self._thread is not None:
                import concurrent.futures

                concurrent.futures.wait(pending, timeout=1.0, return_when="FIRST_COMPLETED")
            else:
                self._step(1.0)

    def _serve_forever(self) -> None:
        while not self._closed:
            try:
                self._step(1.0)
            except PoolUnavailable:
                time.sleep(1.0)
                self._failed_starts = 0
            except Exception:  # pragma: no cover - the dispatcher must never die
                time.sleep(0.1)

    def _has_work(self) -> bool:
        with self._lock:
            return any(self._queues.values()) or any(w.task is not None for w in self._workers)

    def _next_task(self) -> _Task | None:
        while self._groups:
            group = self._groups[0]
            self._groups.rotate(-1)
            queue = self._queues.get(group)
            if not queue:
                self._queues.pop(group, None)
                with contextlib.suppress(ValueError):
                    self._groups.remove(group)
                continue
            task = queue.popleft()
            if not queue:
                self._queues.pop(group, None)
                with contextlib.suppress(ValueError):
                    self._groups.remove(group)
            if task.future.set_running_or_notify_cancel():
                return task
        return None

    def _assign(self) -> None:
        queued = sum(len(q) for q in self._queues.values())
        for worker in self._workers:
            if not queued:
                return
            if worker.ready and worker.task is None:
                task = self._next_task()
                if task is None:
                    return
                queued -= 1
                self._send(worker, task)
        starting = sum(not w.ready for w in self._workers)
        while queued > starting and len(self._workers) < self.jobs:
            self._spawn()
            starting += 1

    def _send(self, worker: _Worker, task: _Task) -> None:
        worker.task = task
        worker.started = time.monotonic()
        worker.cpu_start = cpu_seconds_of(worker.proc.pid) if worker.tasks else 0.0
        worker.polled_at = worker.started
        with contextlib.suppress(OSError, ValueError):  # died before taking it: _drain notices
            worker.conn.send((task.id, task.fn, task.args, task.budget.memory_mb))

    def _spawn(self) -> _Worker:
        if self._failed_starts >= 3:
            raise PoolUnavailable()
        from doclint.worker import serve

        tmpdir = tempfile.mkdtemp(prefix="doclint-w-")
        parent, child = self.ctx.Pipe(duplex=True)
        if self.start_method == "fork":
            for stream in (sys.stdout, sys.stderr):  # a forked child must not flush our buffers again
                with contextlib.suppress(Exception):
                    stream.flush()
            import gc

            gc.freeze()  # the child's collector then never touches (and copies) the objects it inherits
        env = {
            k: v for k, v in os.environ.items() if k.startswith("DOCLINT_")
        }  # as of now, not of the fork server
        proc = self.ctx.Process(target=serve, args=(child, tmpdir, env), daemon=True)
        proc.start()
        child.close()
        self.stats.workers_started += 1
        # a forked child runs at once (nothing to import before it can take work): no hello to wait for
        worker = _Worker(proc=proc, conn=parent, tmpdir=tmpdir, ready=self.start_method == "fork")
        self._workers.append(worker)
        return worker

    def _step(self, max_wait: float) -> None:
        from multiprocessing.connection import wait

        with self._lock:
            self._assign()
            workers = list(self._workers)
        now = time.monotonic()
        timeout = max_wait
        for worker in workers:
            if worker.task is not None:
                timeout = min(timeout, worker.started + worker.task.budget.seconds - now, RSS_POLL_S)
        waits: list[Any] = [self._wake_r]
        for worker in workers:
            waits += [worker.conn, worker.proc.sentinel]
        ready = wait(waits, timeout=max(0.0, timeout) + 0.005)
        if self._wake_r in ready:
            with contextlib.suppress(OSError):
                os.read(self._wake_r, 4096)
        with self._lock:
            for worker in workers:
                if worker in self._workers and (worker.conn in ready or worker.proc.sentinel in ready):
                    self._drain(worker)
            self._enforce()

    def _drain(self, worker: _Worker) -> None:
        """Read what the worker sent; handle its death if it died."""
        while worker in self._workers:
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            except Exception:  # a result that cannot be unpickled here
                message = None
            if message is None:
                task, worker.task = worker.task, None
                if task is not None:
                    self._resolve(task, "error", RuntimeError("unreadable result"))
                continue
            if message[0] == "ready":
                worker.ready = True
                self._failed_starts = 0
            elif message[0] == "done":
                _, task_id, status, value, peak_kb, cpu = message
                task = worker.task
                if task is None or task.id != task_id:
                    continue
                worker.task = None
                worker.tasks += 1
                worker.rss_kb = max(worker.rss_kb, peak_kb)
                worker.cpu = cpu
                self._resolve(task, status, value)
                if (
                    status == "memory"
                    or worker.tasks >= MAX_TASKS_PER_CHILD
                    or peak_kb > MAX_WORKER_RSS_MB * 1024
                ):
                    self._retire(worker)
        if worker in self._workers and not worker.proc.is_alive():
            worker.proc.join(timeout=1)
            task, worker.task = worker.task, None
            if task is not None:
                limit = task.budget.memory_mb
                near = limit and worker.polled_kb > limit * 1024 * 0.5
                exitcode = worker.proc.exitcode
                if near and (exitcode is None or exitcode < 0):
                    self.stats.memory_kills += 1
                    self._resolve(task, "memory", None)
                else:
                    self.stats.crashes += 1
                    self._resolve(task, "crash", exitcode)
            elif not worker.ready:
                self._failed_starts += 1
            self._retire(worker, kill=True)

    def _enforce(self) -> None:
        """Kill a worker past its budget. Time is CPU time where the platform tells it (a document is
        judged by the work it causes, not by how busy a shared machine is), with the wall clock at
        ``WALL_FACTOR`` times the budget as a backstop for a worker that waits without working;
        elsewhere the wall clock alone."""
        now = time.monotonic()
        linux = sys.platform.startswith("linux")
        for worker in list(self._workers):
            task = worker.task
            if task is None:
                continue
            limit = task.budget.seconds
            elapsed = now - worker.started
            over = elapsed > limit * (WALL_FACTOR if linux else 1)
            poll = linux and now - worker.polled_at >= RSS_POLL_S
            if not over and poll and elapsed > limit:
                over = cpu_seconds_of(worker.proc.pid) - worker.cpu_start > limit
            if over:
                self._drain(worker)  # a result that arrived just now is not a timeout
                if worker.task is task:
                    worker.task = None
                    self.stats.timeouts += 1
                    self.stats.timeout_cpu_seconds.append(
                        round(cpu_seconds_of(worker.proc.pid) - worker.cpu_start, 2)
                    )
                    self._retire(worker, kill=True)
                    self._resolve(task, "time", None)
            elif poll:
                worker.polled_at = now
                worker.polled_kb = max(worker.polled_kb, rss_kb(worker.proc.pid))
                mem = task.budget.memory_mb
                if mem and worker.polled_kb > mem * 1024:
                    worker.task = None
                    self.stats.memory_kills += 1
                    self._retire(worker, kill=True)
                    self._resolve(task, "memory", None)

    def _resolve(self, task: _Task, status: str, value: Any) -> None:
        if task.future.done():
            return
        if status == "ok":
            task.future.set_result(value)
            return
        if status == "error" and task.lint is None:
            task.future.set_exception(value if isinstance(value, BaseException) else RuntimeError(str(value)))
            return
        if status == "time":
            exc: Exception = BudgetExceeded("time", task.budget.seconds)
        elif status == "memory":
            exc = BudgetExceeded("memory", task.budget.memory_mb)
        elif status == "crash":
            exc = WorkerCrashed(value)
        else:
            exc = WorkerCrashed(None)
        if task.lint is None:
            task.future.set_exception(exc)
            return
        path, config = task.lint
        if status == "error":
            error = LoadError(
                "DOC005",
                f"Lỗi nội bộ khi kiểm tra tệp: {value!r}. Các tệp khác vẫn được kiểm tra.",
                f"Internal error while checking the file: {value!r}. The other files were still checked.",
            )
        else:
            error = exc.load_error()  # type: ignore[attr-defined]
        task.future.set_result(error_result(path, config, error))

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        if worker.rss_kb or worker.polled_kb:
            self.stats.worker_peak_rss_kb.append(max(worker.rss_kb, worker.polled_kb))
        self.stats.worker_cpu_seconds += worker.cpu
        proc = worker.proc
        if kill or worker.task is not None:
            _kill_group(proc)
        else:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
            proc.join(timeout=5)
            if proc.is_alive():
                _kill_group(proc)
        proc.join(timeout=2)
        if proc.is_alive():  # pragma: no cover - SIGKILL cannot be ignored
            proc.kill()
            proc.join(timeout=2)
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            if proc.pid:
                os.killpg(proc.pid, signal.SIGKILL)  # anything the worker started and left behind
        with contextlib.suppress(OSError):
            worker.conn.close()
        _kill_noted_groups(worker.tmpdir)
        shutil.rmtree(worker.tmpdir, ignore_errors=True)

    def close(self, kill: bool = False) -> None:
        with self._lock:
            self._closed = True
            for queue in self._queues.values():
                for task in queue:
                    task.future.cancel()
            self._queues.clear()
            self._groups.clear()
        self._wake()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        with self._lock:
            for worker in list(self._workers):
                task = worker.task
                self._retire(worker, kill=kill or task is not None)
                if task is not None and not task.future.done():
                    task.future.cancel() or task.future.set_exception(WorkerCrashed(None))
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(kill=exc[0] is not None)


def _kill_noted_groups(folder: str) -> None:
    """Kill the process groups a worker's converters noted in its folder (LibreOffice runs in a group
    of its own, so killing the worker's group does not reach it)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith("pgid-")]
    except OSError:
        return
    for name in names:
        with contextlib.suppress(ValueError, OSError):
            pgid = int(name[5:])
            if pgid > 1:
                os.killpg(pgid, signal.SIGKILL)


def _kill_group(proc: Any) -> None:
    """SIGKILL the worker's process group (the worker made itself its leader), else the worker."""
    pid = proc.pid
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError, AttributeError):
        with contextlib.suppress(Exception):
            proc.kill()


def error_result(path: str, config: Config, error: LoadError) -> FileResult:
    """A file the pool could not finish: a DOC-code error in place of its findings."""
    from pathlib import Path

    from doclint.results import FileResult

    return FileResult(
        path=path, format=Path(path).suffix.lower().lstrip(".") or None, stage=config.stage, error=error
    )


# ------------------------------------------------------------------------------------------ one-shot


def run_protected(fn: Callable[..., Any], *args: Any, budget: Budget | None = None) -> Any:
    """``fn(*args)`` in a child process under ``budget``: its value, or BudgetExceeded /
    WorkerCrashed / the exception ``fn`` raised. A forked child where the platform has ``fork`` and
    this process has no other thread (the CLI); otherwise a fork-server or spawned worker."""
    pool = WorkerPool(jobs=1, budget=budget or Budget.from_config(), start="auto", warm=False)
    try:
        future = pool.call(fn, *args)
        for _ in pool.as_completed([future]):
            pass
        return future.result()
    finally:
        pool.close(kill=True)


def run_guarded(fn: Callable[..., Any], *args: Any, budget: Budget | None = None) -> Any:
    """:func:`run_protected` for a command that reports a LoadError as ``path: CODE message``: a
    budget exceeded or a crash becomes the LoadError DOC006 / DOC007 / DOC005."""
    try:
        return run_protected(fn, *args, budget=budget)
    except (BudgetExceeded, WorkerCrashed) as exc:
        raise exc.load_error() from None


def budget_for_path(path: Any) -> Budget:
    """The budget of the nearest ``doclint.toml`` above ``path`` (or the defaults)."""
    from pathlib import Path

    from doclint.config import find_config, read_config

    try:
        start = Path(path)
        found = find_config(start if start.exists() else Path.cwd())
    except OSError:
        found = None
    return Budget.from_config(read_config(found) if found else None)
