"""A queue of documents that serves the requests in turn: a request with 20 files does not make
the one-file request behind it wait for all 20 — each free worker takes the next document of the
next request, round robin. Thread-safe (the pool's slots are threads); the server's event loop only
puts and drops."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from typing import Any


class FairQueue:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._owners: OrderedDict[Any, deque] = OrderedDict()
        self._closed = False
        self.queued = 0

    def put(self, owner: Any, items: list) -> None:
        with self._cond:
            self._owners.setdefault(owner, deque()).extend(items)
            self.queued += len(items)
            self._cond.notify(len(items))

    def get(self, timeout: float | None = None) -> Any | None:
        """The next item in round-robin order across owners; None when closed or on timeout."""
        with self._cond:
            while not self._owners and not self._closed:
                if not self._cond.wait(timeout):
                    return None
            if self._closed:
                return None
            owner, items = next(iter(self._owners.items()))
            item = items.popleft()
            self.queued -= 1
            del self._owners[owner]
            if items:
                self._owners[owner] = items  # to the back of the line
            return item

    def drop(self, owner: Any) -> list:
        """Remove what is still waiting for ``owner`` (its client went away)."""
        with self._cond:
            items = self._owners.pop(owner, None) or deque()
            self.queued -= len(items)
            return list(items)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
