"""``doclint check FILE… [options]`` without Typer or Click (issue 17: start-up).

Importing Typer and Click and building the command tree cost a one-file check about 40 ms, a sixth of
its start-up. The options of ``check`` are declared once, as data (:mod:`doclint.cli_check`); Typer builds
the command from that declaration, and :func:`parse` reads the same declaration to parse the usual
command lines itself. It accepts only what it parses exactly as Click does — long and short option
names as declared, ``--name=value``, flags without a value, repeated options, integers written with
digits, paths Click would accept — and answers None for anything else (``--help``, a misspelled option,
a missing or odd value, ``--``, grouped short options, Windows, where Click expands wildcards), which
Typer then parses with its usual help and messages. ``tests/test_cli_fast.py`` checks that both give
the command the same values.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doclint.cli_check import Param


def main() -> None:
    """The ``doclint`` command: ``check`` run from here when :func:`parse` takes its command line, every
    other command line handed to the Typer app (:func:`doclint.cli.main`).

    The garbage collector is paused while ``check`` starts: the imports, the config and the rule pack
    make objects that live as long as the process, and the collector only walked them again and again.
    :func:`doclint.cli_check.check` freezes them and resumes it before the first document (the
    :mod:`gc` module's recipe before a fork: the worker's collections then skip them too)."""
    gc.disable()
    values = parse(sys.argv[1:])
    if values is None:
        gc.enable()
        from doclint.cli import main as typer_main

        typer_main()
        return
    from doclint import cli_check, cli_i18n

    cli_i18n.set_language(cli_i18n.argv_lang(sys.argv[1:]))
    with cli_check.one_line_errors():
        run(values)


def parse(argv: Sequence[str]) -> dict[str, Any] | None:
    """The values of ``check`` for ``argv`` (the words after ``doclint``), or None: let Typer parse it."""
    if os.name == "nt" or len(argv) < 2 or argv[0] != "check" or os.environ.get("_DOCLINT_COMPLETE"):
        return None  # Click expands wildcards on Windows; a shell asking for completions
    from doclint.cli_check import ARGUMENT, OPTIONS

    names: dict[str, Param] = {flag: p for p in OPTIONS for flag in p.flags}
    values: dict[str, Any] = {p.name: p.default for p in OPTIONS}
    paths: list[str] = []
    words = list(argv[1:])
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word[:1] != "-" or word == "-":
            paths.append(word)
            continue
        name, eq, given = word.partition("=") if word.startswith("--") else (word, "", "")
        param = names.get(name)
        if param is None:
            return None  # --help, --, -qf, a typo: Typer's parser and messages
        if param.kind == "flag":
            if eq:
                return None  # "--quiet=1": Click's error
            values[param.name] = True
            continue
        if not eq:
            if i >= len(words):
                return None  # no value: Click's error
            given = words[i]
            i += 1
        value = _value(param, given)
        if value is None:
            return None
        if param.kind == "strs":
            values[param.name] = [*(values[param.name] or ()), value]
        else:
            values[param.name] = value
    if not paths or any(_refused_path(p) for p in paths):
        return None
    values[ARGUMENT.name] = [Path(p) for p in paths]
    return values


def _value(param: Param, given: str) -> Any:
    """The value of one option as Click converts it, or None where Click might refuse it."""
    if given.startswith("-"):
        return None  # Click takes it as the value; rare enough to leave to it
    if param.kind == "int":
        return int(given) if given.isascii() and given.isdigit() else None
    if param.kind == "path":
        return None if _refused_path(given) else Path(given)
    return given


def _refused_path(given: str) -> bool:
    """What Click's ``Path(readable=True)`` refuses, or might: an empty name, a file it cannot read."""
    if not given:
        return True
    try:
        os.stat(given)
    except (OSError, ValueError):
        return False  # a missing file: Click passes it on (DOC001 later)
    return not os.access(given, os.R_OK)


def run(values: dict[str, Any]) -> None:
    """Run ``check`` as Typer's standalone mode would: the exit status from SystemExit, Ctrl-C is status
    130 in silence, a broken pipe status 1 in silence (nothing in ``check`` reads stdin: no EOFError)."""
    import errno

    from doclint import cli_check

    try:
        cli_check.check(**values)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _PipeClosed(sys.stdout)
        sys.stderr = _PipeClosed(sys.stderr)
        raise SystemExit(1) from None


class _PipeClosed:
    """A stream whose reader went away: flushing it at exit says nothing (as Click's PacifyFlushWrapper)."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        import errno

        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
