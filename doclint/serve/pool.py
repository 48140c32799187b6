"""The server's adapter to the worker processes. Two implementations behind one small interface
(``start()``, ``stop()``, ``submit(owner, [(path, config)...]) -> [Future]``, ``cancel(owner)``,
``jobs``, ``queued``, ``running``, ``in_flight``), chosen by :func:`make_pool`:

* :class:`BudgetPool` — ``doclint.worker_pool.WorkerPool`` (hard per-document budgets: memory limit
  in the worker, the parent kills a worker past its time; fair queueing by group), used as soon as
  it is installed;
* :class:`BatchPool` — until then: the batch's workers, described below.

``DOCLINT_SERVE_POOL=batch`` or ``=budget`` forces one.

BatchPool: long-lived workers, one document at a time each, fed from a
:class:`~doclint.serve.fairqueue.FairQueue`.

It speaks the protocol of :func:`doclint.worker.serve` (a chunk of ``(index, path, config)`` in,
``("done", index, result)`` and ``("idle", rss, cpu)`` out), starts workers from the batch's fork
server (loaders, checks and rule pack already imported), and keeps the batch's guarantees for each
document: the per-document timeout (the worker is killed and replaced, the document gets DOC006), a
worker that dies gets DOC005, a worker is replaced after ``MAX_TASKS_PER_CHILD`` documents or once
it passes ``MAX_WORKER_RSS_MB``. Only this module knows how the pool works: when the batch's pool
gains its own long-lived API, this is the one file to change.
"""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from doclint import batch
from doclint.config import Config
from doclint.serve.fairqueue import FairQueue


@dataclass
class Job:
    owner: Any
    path: str
    config: Config
    future: Future = field(default_factory=Future)


class _Slot:
    """One worker process and the thread that feeds it."""

    def __init__(self, pool: BatchPool, number: int) -> None:
        self.pool = pool
        self.number = number
        self.proc: Any = None
        self.conn: Any = None
        self.tasks = 0
        self.rss_kb = 0
        self.failed_starts = 0
        self.thread = threading.Thread(target=self.loop, name=f"doclint-slot-{number}", daemon=True)

    # ------------------------------------------------------------------ process
    def spawn(self) -> None:
        from doclint.worker import serve

        parent, child = self.pool.ctx.Pipe(duplex=True)
        self.proc = self.pool.ctx.Process(target=serve, args=(child, self.pool.lint, False), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.tasks = 0
        self.pool.workers_started += 1

    def retire(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        proc, conn = self.proc, self.conn
        self.proc = self.conn = None
        with contextlib.suppress(OSError, ValueError):
            if kill:
                proc.kill()
            else:
                conn.send(None)
        proc.join(timeout=2 if kill else 5)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=2)
        with contextlib.suppress(OSError):
            conn.close()

    # ------------------------------------------------------------------ loop
    def loop(self) -> None:
        while True:
            job = self.pool.queue.get()
            if job is None:
                break
            if job.future.cancelled() or not job.future.set_running_or_notify_cancel():
                continue
            self.pool._running(+1)
            try:
                result = self.run(job)
            except BaseException as exc:  # never lose a document: the pool must answer every one
                result = batch.error_result(job.path, job.config, "DOC005",
                                            f"Lỗi nội bộ của máy chủ: {exc!r}.", f"Server error: {exc!r}.")  # fmt: skip
                self.retire(kill=True)
            finally:
                self.pool._running(-1)
            job.future.set_result(result)
        self.retire()

    def run(self, job: Job) -> Any:
        from multiprocessing.connection import wait

        limit = batch._timeout_for(job.config, self.pool.timeout)
        for _attempt in range(3):
            if self.proc is None:
                self.spawn()
            try:
                self.conn.send([(0, job.path, job.config)])
            except (OSError, ValueError):
                self.retire(kill=True)
                continue
            deadline = time.monotonic() + limit
            ready_seen = False
            result = None
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self.retire(kill=True)
                    self.pool.timeouts += 1
                    return batch.timeout_result(job.path, job.config, limit)
                got = wait([self.conn, self.proc.sentinel], timeout=remaining)
                if not got:
                    continue
                try:
                    if self.conn.poll():
                        message = self.conn.recv()
                    elif not self.proc.is_alive():
                        raise EOFError
                    else:
                        continue
                except (EOFError, OSError):
                    exitcode = self.proc.exitcode
                    self.retire(kill=True)
                    if not ready_seen and result is None:
                        break  # died before it started: try a fresh worker
                    self.pool.crashes += 1
                    return result or batch.crash_result(job.path, job.config, exitcode)
                kind = message[0]
                if kind == "ready":
                    ready_seen = True
                elif kind == "done":
                    result = message[2]
                    ready_seen = True
                elif kind == "idle":
                    self.tasks += 1
                    self.rss_kb = message[1]
                    self.pool.peak_rss_kb = max(self.pool.peak_rss_kb, self.rss_kb)
                    if (
                        self.tasks >= batch.MAX_TASKS_PER_CHILD
                        or self.rss_kb > batch.MAX_WORKER_RSS_MB * 1024
                    ):
                        self.retire()
                    return result if result is not None else batch.crash_result(job.path, job.config, None)
        return batch.error_result(
            job.path, job.config, "DOC005",
            "Lỗi nội bộ: không khởi động được tiến trình kiểm tra.", "Internal error: no worker process could start.",
        )  # fmt: skip


class BatchPool:
    """``submit(owner, [(path, config)...])`` → one future per file, checked in fair turn."""

    kind = "batch"

    def __init__(self, jobs: int, timeout: float | None = None, lint: Any = None) -> None:
        from doclint.serve.work import serve_lint

        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.lint = lint or serve_lint
        self.queue = FairQueue()
        self.ctx = batch._mp_context()
        with contextlib.suppress(AttributeError, ValueError):
            self.ctx.set_forkserver_preload(["doclint.worker", "doclint.worker_warm", "doclint.serve.work"])
        self.slots = [_Slot(self, n) for n in range(self.jobs)]
        self._lock = threading.Lock()
        self.running = 0
        self.workers_started = 0
        self.timeouts = 0
        self.crashes = 0
        self.peak_rss_kb = 0
        self.started = False

    def start(self, warm: bool = True) -> None:
        for slot in self.slots:
            if warm:
                slot.spawn()  # the first upload does not wait for a worker to start
            slot.thread.start()
        self.started = True

    def stop(self) -> None:
        self.queue.close()
        for slot in self.slots:
            slot.thread.join(timeout=10)
            slot.retire(kill=True)

    def _running(self, delta: int) -> None:
        with self._lock:
            self.running += delta

    @property
    def queued(self) -> int:
        return self.queue.queued

    @property
    def in_flight(self) -> int:
        return self.queue.queued + self.running

    def submit(self, owner: Any, items: list[tuple[str, Config]]) -> list[Future]:
        jobs = [Job(owner, path, config) for path, config in items]
        self.queue.put(owner, jobs)
        return [job.future for job in jobs]

    def cancel(self, owner: Any) -> None:
        for job in self.queue.drop(owner):
            job.future.cancel()


class BudgetPool:
    """The same interface over ``doclint.worker_pool.WorkerPool`` (see /work/notes/hostile/pool-api.md):
    each document runs under its budget (``--timeout`` or the config's ``timeout`` / ``memory-limit``),
    a request's files share one group, so the pool's round robin across groups is the fair queue and
    ``cancel_group`` drops (and stops) the work of a client that went away."""

    kind = "budget"

    def __init__(self, jobs: int, timeout: float | None = None, lint: Any = None) -> None:
        from doclint.serve.work import serve_lint
        from doclint.worker_pool import Budget, WorkerPool

        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._budget_cls = Budget
        self.pool = WorkerPool(self.jobs, start="forkserver", background=True, lint=lint or serve_lint)
        self._lock = threading.Lock()
        self._outstanding = 0
        self.started = False

    def start(self, warm: bool = True) -> None:
        self.started = True

    def stop(self) -> None:
        self.pool.close(kill=True)

    def _budget(self, config: Config) -> Any:
        return self._budget_cls.from_config(config, timeout=self.timeout)

    def _done(self, _future: Future) -> None:
        with self._lock:
            self._outstanding -= 1

    def submit(self, owner: Any, items: list[tuple[str, Config]]) -> list[Future]:
        futures = []
        for path, config in items:
            with self._lock:
                self._outstanding += 1
            future = self.pool.submit(path, config, budget=self._budget(config), group=owner)
            future.add_done_callback(self._done)
            futures.append(future)
        return futures

    def cancel(self, owner: Any) -> None:
        self.pool.cancel_group(owner)

    @property
    def in_flight(self) -> int:
        return self._outstanding

    @property
    def running(self) -> int:
        return min(self._outstanding, self.jobs)

    @property
    def queued(self) -> int:
        return self._outstanding - self.running

    @property
    def peak_rss_kb(self) -> int:
        return max(self.pool.stats.worker_peak_rss_kb or [0])


def make_pool(jobs: int, timeout: float | None = None) -> Any:
    import importlib.util
    import os

    wanted = os.environ.get("DOCLINT_SERVE_POOL", "")
    budget_available = importlib.util.find_spec("doclint.worker_pool") is not None
    if wanted == "budget" or (wanted != "batch" and budget_available):
        return BudgetPool(jobs, timeout)
    return BatchPool(jobs, timeout)
