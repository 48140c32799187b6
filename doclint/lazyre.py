"""Regular expressions compiled on first use (issue 17: start-up).

Compiling a pattern costs Python's ``re`` about 0.1–0.5 ms (several ms for a character class with
Vietnamese letters beyond Latin-1 or a long alternation), and doclint has several hundred: compiled at
import time they were a third of a one-file check. Every pattern of the package is therefore written
as::

    from doclint import lazyre

    DATE_LINE = lazyre.compile(r"...", re.IGNORECASE)

and compiled the first time it is used, so only the patterns of the code that runs on a document (the
rules selected, the loader of its format) are ever compiled. After that first use the compiled
pattern's own methods are bound onto the object, so a call costs what it cost with ``re.compile``.
Patterns built at run time from a rule pack's data (word lists) use :func:`cached`: compiled once per
process, whatever the size of ``re``'s own cache.

A :class:`LazyPattern` answers ``pattern``, ``flags`` and ``engine`` without compiling (the linear-time
audit of :mod:`doclint.regex_audit` reads them), and every other attribute of a compiled pattern
(``search``, ``finditer``, ``groupindex`` ...) by compiling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["LazyPattern", "cached", "compile"]

# what a compiled pattern offers, bound onto the LazyPattern at the first use of any of them
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """``re.compile(pattern, flags)`` (or ``regex.compile`` with ``engine="regex"``), compiled on first use."""

    def __init__(self, pattern: str, flags: int = 0, engine: str = "re") -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self.engine = engine

    def compiled(self) -> Any:
        """The compiled pattern (compiling it now if this is the first use)."""
        found = self.__dict__.get("_compiled")
        if found is None:
            if self.engine == "regex":
                import regex

                found = regex.compile(self.pattern, self.flags)
            else:
                found = re.compile(self.pattern, self.flags)
            for name in _BOUND:
                self.__dict__[name] = getattr(found, name)
            self.__dict__["_compiled"] = found
        return found

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not have yet
        if name.startswith("__") or name in ("pattern", "flags", "engine", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple:
        return (LazyPattern, (self.pattern, self.flags, self.engine))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags, self.engine) == (other.pattern, other.flags, other.engine)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags, self.engine))

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self.flags})"


def compile(pattern: str, flags: int = 0, engine: str = "re") -> LazyPattern:
    """A pattern compiled the first time it is used (module-level patterns)."""
    return LazyPattern(pattern, flags, engine)


@lru_cache(maxsize=4096)
def cached(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern built at run time from data (a rule pack's word list), compiled once per process
    whatever the size of ``re``'s own cache (512 patterns)."""
    return re.compile(pattern, flags)
