"""The server's adapter to the worker processes: ``doclint.worker_pool.WorkerPool`` behind the few
calls the server makes (``start()``, ``stop()``, ``submit(owner, [(path, config)...]) -> [Future]``,
``cancel(owner)``, ``jobs``, ``queued``, ``running``, ``in_flight``).

Each document runs in a worker under its budget (``--timeout`` or the config's ``timeout``, and
``memory-limit``): past its time the parent kills the worker's process group and the document gets
DOC006, past its memory DOC007, a crash DOC005; the worker is replaced and the other requests go on.
A request's files are one *group*: the pool takes queued tasks round robin across groups, so a request
with 20 files does not make the one-file request behind it wait for all 20, and ``cancel(owner)``
drops (and stops) the work of a client that went away. The worker runs
:func:`doclint.serve.work.serve_lint`, which also builds the page's downloads.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

from doclint.config import Config


class Pool:
    kind = "budget"

    def __init__(self, jobs: int, timeout: float | None = None, lint: Any = None) -> None:
        from doclint.serve.work import serve_lint
        from doclint.worker_pool import Budget, WorkerPool

        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._budget_cls = Budget
        # forkserver: the server has threads; "background": a dispatcher thread, submit() from the event loop
        self.pool = WorkerPool(self.jobs, start="forkserver", background=True, lint=lint or serve_lint)
        self._lock = threading.Lock()
        self._outstanding = 0
        self.started = False

    def start(self) -> None:
        """Start the workers now (the pool starts them on demand): the first upload does not wait."""
        from doclint.serve.work import ready

        for _ in range(self.jobs):
            self.pool.call(ready, group="warm-up")
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
