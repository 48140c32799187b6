"""Data files parsed once and kept, as JSON, in the user's cache folder (issue 17: start-up).

Parsing the rule pack's TOML (or the lexicon's sources) on every start of doclint costs more than
reading the same data back as JSON. An entry is keyed by the tool version and the name, size and
modification time of every source file it was parsed from, so editing a source (or upgrading doclint)
simply makes a new entry; JSON, never pickle or marshal, so that a cache file can never run code; any
problem reading or writing one just means parsing the sources, as without a cache.

The folder is ``DOCLINT_CACHE_DIR``, else the config's ``cache-dir``, else the platform's user cache
folder (``~/.cache/doclint``); the result cache (:mod:`doclint.cache`) lives there too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doclint.config import Config

SCHEMA = 1


def default_dir() -> Path:
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "doclint" / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "doclint"


def default_refs_db() -> Path:
    """The reference library's default file (``doclint refs``); here, not in :mod:`doclint.refs`, so
    that a check can ask whether it exists without importing the library code and sqlite3."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "doclint" / "refs.sqlite3"


def refs_library_may_exist(config: Config) -> bool:
    """The config names a reference library (``refs-dir``, ``refs-db``) or the default one exists.
    When not, :func:`doclint.refs.libraries_for` finds none and reports nothing: a check can skip the
    library code (and sqlite3) altogether (issue 17: start-up)."""
    return bool(config.option("refs-dir") or config.option("refs-db")) or default_refs_db().is_file()


def cache_dir(config: Config | None = None) -> Path:
    env = os.environ.get("DOCLINT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if config is not None:
        option = config.option("cache-dir")
        if option:
            folder = Path(str(option)).expanduser()
            if not folder.is_absolute() and config.source:
                folder = Path(config.source).parent / folder
            return folder
    return default_dir()


def _key(kind: str, sources: Iterable[Path], extra: str) -> str | None:
    """The text an entry is valid for: kind, tool version, ``extra``, and every source's name, size and
    modification time (None: a source cannot be stat'ed)."""
    from doclint import __version__

    parts = [f"{SCHEMA}", __version__, kind, extra]
    try:
        for path in sources:
            st = path.stat()
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    return "\x1f".join(parts)


def entry_path(kind: str, key: str) -> Path:
    """Where the entry for ``key`` lives. The key itself is stored in the entry and compared when it
    is read, so the file name only has to spread the entries, not to be collision-free."""
    import zlib

    raw = key.encode("utf-8", "surrogatepass")
    return cache_dir() / f"{kind}-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


def load(kind: str, sources: Iterable[Path], extra: str = "") -> Any | None:
    """The data stored for these sources, or None (no entry yet, or an entry that cannot be read)."""
    import json

    try:
        key = _key(kind, sources, extra)
        if key is None:
            return None
        path = entry_path(kind, key)
        if not path.is_file():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        return entry.get("data")
    except (OSError, ValueError):
        return None


def store(kind: str, sources: Iterable[Path], data: Any, extra: str = "") -> None:
    """Keep ``data`` (plain JSON data) for these sources; written atomically, silently skipped on any
    problem (a read-only home, data JSON cannot hold)."""
    import json
    import tempfile

    try:
        key = _key(kind, sources, extra)
        if key is None:
            return
        path = entry_path(kind, key)
        text = json.dumps(
            {"key": key, "data": data}, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, TypeError):
        return


def clear(folder: Path, kinds: Iterable[str]) -> None:
    for kind in kinds:
        for path in folder.glob(f"{kind}-*.json"):
            path.unlink(missing_ok=True)
