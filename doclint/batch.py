"""Finding the files to check and checking them, one file never stopping the batch."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from doclint.config import Config, find_config, read_config, with_overrides
from doclint.engine import FileResult, lint_path
from doclint.load import supported_suffixes


def is_skipped_name(name: str) -> bool:
    """Hidden files and Office lock/temp files (``~$draft.docx``) are never documents."""
    return name.startswith((".", "~$", "~WRL")) or name.endswith(".tmp")


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p) for p in patterns)


def iter_files(
    paths: list[Path],
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Iterator[Path]:
    """Files under ``paths`` (recursively), sorted, without following directory symlinks."""
    suffixes = supported_suffixes()
    seen: set[str] = set()
    for root in paths:
        if root.is_file() or not root.exists():
            # a named file is checked whatever its name; a missing one reports DOC001
            key = str(root)
            if key not in seen:
                seen.add(key)
                yield root
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in files:
                if is_skipped_name(name):
                    continue
                path = Path(folder) / name
                if path.suffix.lower() not in suffixes:
                    continue
                if include and not any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path.as_posix(), p)
                                       for p in include):  # fmt: skip
                    continue
                if _excluded(path, exclude):
                    continue
                found.append(path)
        for path in sorted(found):
            if str(path) not in seen:
                seen.add(str(path))
                yield path


def config_for(path: Path, explicit: Config | None, overrides: dict, options: dict | None = None) -> Config:
    if explicit is not None:
        base = explicit
    else:
        found = find_config(path if path.exists() else Path.cwd())
        base = read_config(found) if found else Config()
    config = with_overrides(base, **overrides)
    if options:
        merged = dict(config.options)
        merged.update(options)
        config = with_overrides(config, options=tuple(sorted(merged.items())))
    return config


def check_paths(
    files: list[Path],
    explicit: Config | None,
    overrides: dict,
    keep_document: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    options: dict | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    stream_format: str | None = None,
    stream_output: Path | None = None,
) -> list[FileResult]:
    """Check ``files`` in order. (Process pool, cache and streaming: see the batch issue.)"""
    results: list[FileResult] = []
    for path in files:
        config = config_for(path, explicit, overrides, options)
        if config.exclude and _excluded(path, config.exclude):
            continue
        result = lint_path(path, config, keep_document=keep_document)
        results.append(result)
        if on_result:
            on_result(result)
    return results
