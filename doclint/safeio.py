"""Small safety helpers shared by the CLI, the reports and the config readers (issue 18).

- :func:`display_path`: a file name as it can be shown and written in any format. Names that are not
  UTF-8 (what unzipping a Windows archive gives) reach Python as surrogate escapes
  (``surrogateescape``); they are kept as they are for opening the file, and shown with U+FFFD.
- :func:`escape_controls`: text for a terminal, with escape sequences and other control characters
  made visible (``\\x1b``), so a document or a file name cannot clear the screen or plant a link.
- :func:`read_regular_file`: a configuration or rule-pack file, read only if it is a regular file of
  bounded size (a FIFO, a device or a link to ``/dev/zero`` is refused with a ConfigError).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from doclint.errors import ConfigError

MAX_CONFIG_BYTES = 1024 * 1024  # a doclint.toml or a rule-pack table: a few KB in practice
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls except tab and line feed, DEL, C1 controls, line/paragraph separators, bidi overrides
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` with undecodable bytes shown as U+FFFD (always encodable as UTF-8)."""
    text = os.fspath(path)
    if not _SURROGATE.search(text):
        return text
    return os.fsencode(text).decode("utf-8", "replace") if os.name != "nt" else _SURROGATE.sub("\ufffd", text)


def escape_controls(text: str) -> str:
    """Control characters as visible escapes (``\\x1b``, ``\\u202e``); tabs and line feeds kept."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def read_regular_file(path: str | os.PathLike[str], limit: int = MAX_CONFIG_BYTES) -> str:
    """The UTF-8 text of ``path`` if it is a regular file of at most ``limit`` bytes, else a ConfigError."""
    shown = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ConfigError(f"không đọc được {shown}: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{shown} không phải là một tệp thường (FIFO, thiết bị...): từ chối đọc")
        if info.st_size > limit:
            raise ConfigError(f"{shown} quá lớn ({info.st_size} byte, tối đa {limit})")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ConfigError(f"{shown} quá lớn (tối đa {limit} byte)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown}: không phải văn bản UTF-8 ({exc.reason} ở byte {exc.start})") from exc


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False
