"""Document analyses computed once, on demand, and shared by every check (citations, abbreviations...).

An analysis is a function ``Context -> value`` registered under a name; ``ctx.analysis(name)``
computes it the first time a check asks and caches it on the context.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doclint.context import Context

_ANALYSES: dict[str, Callable[[Context], Any]] = {}
# name -> module that registers it, so that only what a check needs is imported
_MODULES: dict[str, str] = {}


def analysis(name: str) -> Callable[[Callable[[Context], Any]], Callable[[Context], Any]]:
    def register(fn: Callable[[Context], Any]) -> Callable[[Context], Any]:
        _ANALYSES[name] = fn
        return fn

    return register


def provider(name: str) -> Callable[[Context], Any]:
    if name not in _ANALYSES:
        module = _MODULES.get(name, f"doclint.analysis.{name}")
        importlib.import_module(module)
    return _ANALYSES[name]
