"""Check registry: a check is a plain function registered under the rule codes it can report.

One function may report several codes (the Quốc hiệu check reports HDR001 and HDR002); the engine
runs it once when any of its codes is selected and drops the findings of unselected codes.
Modules in this package are imported on demand by :func:`load_all`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.findings import Finding

CheckFn = Callable[["Context"], Iterable["Finding"]]

_CHECKS: list[tuple[tuple[str, ...], CheckFn]] = []
_LOADED = False


def check(*codes: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check that reports ``codes``."""

    def register(fn: CheckFn) -> CheckFn:
        _CHECKS.append((codes, fn))
        return fn

    return register


def load_all() -> list[tuple[tuple[str, ...], CheckFn]]:
    global _LOADED
    if not _LOADED:
        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")
        _LOADED = True
    return list(_CHECKS)


def registered_codes() -> set[str]:
    return {code for codes, _ in load_all() for code in codes}
