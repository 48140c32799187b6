"""Check registry: one rule code, one check function.

Each rule family has its own module (``doclint/checks/<family>.py``, e.g. ``num.py`` for NUM) and each
code one function in it, named after the rule's TOML ``name`` and registered with ``@check("NUM003")``.
Work that several codes of a family share (the word analysis of TXT, the definitions of ABBR) is a helper
cached on the :class:`~doclint.context.Context`, never one function reporting several codes.

The family modules are imported on demand by :func:`load_all`; helper modules (``common``, ``style``)
hold no checks.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.findings import Finding

CheckFn = Callable[["Context"], Iterable["Finding"]]

# one module per rule family, in reading order of a document
FAMILY_MODULES = (
    "doc", "hdr", "num", "date", "ttl", "body", "sig", "rcpt", "fmt",
    "cit", "abbr", "cap", "txt", "red", "sec",
)  # fmt: skip

_CHECKS: list[tuple[str, CheckFn]] = []
_LOADED = False


def check(code: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the check that reports the rule ``code`` (one code per function)."""
    if not isinstance(code, str):
        raise TypeError("@check takes one rule code")

    def register(fn: CheckFn) -> CheckFn:
        _CHECKS.append((code, fn))
        return fn

    return register


def load_all() -> list[tuple[str, CheckFn]]:
    """(code, check) for every registered check, importing the family modules the first time."""
    global _LOADED
    if not _LOADED:
        for module in FAMILY_MODULES:
            importlib.import_module(f"{__name__}.{module}")
        _LOADED = True
    return list(_CHECKS)


def registered_codes() -> set[str]:
    return {code for code, _ in load_all()}


def check_for(code: str) -> CheckFn | None:
    """The function that reports ``code`` (None for the codes the loaders and the engine report)."""
    return next((fn for c, fn in load_all() if c == code), None)
