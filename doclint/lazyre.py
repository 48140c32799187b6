"""Regular expressions compiled on first use, and compiled once per machine (issue 17: start-up).

Compiling a pattern costs Python's ``re`` about 0.1–0.5 ms (several ms for a character class with
Vietnamese letters beyond Latin-1 or a long alternation), and doclint has several hundred: compiled at
import time they were a third of a one-file check. Every pattern of the package is therefore written
as::

    from doclint import lazyre

    DATE_LINE = lazyre.compile(r"...", re.IGNORECASE)

and compiled the first time it is used, so only the patterns of the code that runs on a document (the
rules selected, the loader of its format) are ever compiled. After that first use the compiled
pattern's own methods are bound onto the object, so a call costs what it cost with ``re.compile``.
Patterns built at run time from a rule pack's data (word lists) use :func:`cached`.

What ``re`` compiles a pattern into (its parse, then its code) does not change between runs, so both
kinds keep that code in the user's cache folder (:mod:`doclint.datacache`, keyed by the Python
version and ``re``'s own version): a later run hands the stored code to ``re``'s engine, which checks
it before use, instead of parsing and compiling again. The resulting pattern is equal (``==``: same
text, flags and code) to what ``re.compile`` gives; when anything about this is not as expected the
pattern is simply compiled by ``re.compile``.

A :class:`LazyPattern` answers ``pattern``, ``flags`` and ``engine`` without compiling (the linear-time
audit of :mod:`doclint.regex_audit` reads them), and every other attribute of a compiled pattern
(``search``, ``finditer``, ``groupindex`` ...) by compiling.
"""

from __future__ import annotations

import re
import sys
import threading
from functools import lru_cache
from typing import Any

__all__ = ["LazyPattern", "cached", "compile", "save"]

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
                found = _compile(self.pattern, self.flags)
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
    whatever the size of ``re``'s own cache, and its code kept like a module-level pattern's. Not for
    text taken from a document (the stored codes would grow with every document)."""
    return _compile(pattern, int(flags))


# ------------------------------------------------------------------------------------ stored codes

MAX_STORED = 4000  # patterns whose code is kept (doclint has about 600; user packs add their own)
_LOCK = threading.Lock()
_state: dict[str, Any] = {"codes": None, "new": 0}


def _engine_version() -> str:
    import _sre

    return f"{sys.version}:{_sre.MAGIC}:{_sre.CODESIZE}:{sys.maxunicode}"


def _codes() -> dict[str, list]:
    codes = _state["codes"]
    if codes is None:
        from doclint import datacache

        kept = datacache.load("recode", (), _engine_version())
        codes = kept if isinstance(kept, dict) else {}
        _state["codes"] = codes
    return codes


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the stored code when there is one."""
    import _sre

    key = f"{flags}:{pattern}"
    with _LOCK:
        codes = _codes()
        entry = codes.get(key)
    if entry is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
        except Exception:  # a damaged entry (the engine refuses code it did not make): compile anew
            with _LOCK:
                codes.pop(key, None)
    try:
        compiled, entry = _build(pattern, flags)
    except re.error:
        raise
    except Exception:  # re's internals are not what this module knows: the public way
        return re.compile(pattern, flags)
    with _LOCK:
        if len(codes) < MAX_STORED:
            codes[key] = entry
            _state["new"] += 1
    return compiled


def _build(pattern: str, flags: int) -> tuple[re.Pattern[str], list]:
    """What ``re._compiler.compile`` does, keeping the code it makes."""
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = list(_compiler._code(parsed, flags))
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags = flags | parsed.state.flags
    groups = parsed.state.groups - 1
    compiled = _sre.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    return compiled, [final_flags, code, groups, groupindex, indexgroup]


def save() -> None:
    """Store the codes compiled since the last save (merged with what another process stored
    meanwhile). Cheap when there is nothing new, as after the first runs on a machine."""
    if not _state["new"]:
        return
    from doclint import datacache

    with _LOCK:
        codes = dict(_state["codes"] or {})
        _state["new"] = 0
    kept = datacache.load("recode", (), _engine_version())
    if isinstance(kept, dict):
        for key, entry in kept.items():
            if len(codes) >= MAX_STORED:
                break
            codes.setdefault(key, entry)
    datacache.store("recode", (), codes, _engine_version())
