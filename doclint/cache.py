"""The result cache: one SQLite file, results per document keyed by what decides them.

Key = sha256 of the file's bytes + its suffix (it picks the loader) + the effective configuration
(:meth:`Config.key`) + a fingerprint of the rule packs (every ``*.toml``) + the tool version and a
fingerprint of the installed code + the state of any option that names a file or folder (``refs-dir``)
+ the path when the configuration has ``per-file-ignores``. Change any of those and the entry is simply
never asked for again.

A re-run on an unchanged folder does not even read the files: a second table remembers each path's
(size, mtime, ctime, inode) → sha256, so a hit costs one ``stat`` and two indexed look-ups.

Safety: the cache is only ever a cache. WAL mode and a busy timeout let concurrent runs share it; a
locked database skips caching for that call; a corrupt or foreign file is deleted and rebuilt; if even
that fails the run goes on without a cache. Entries are JSON, never pickle (a cache file must not be
able to run code). Location: ``DOCLINT_CACHE_DIR``, else the ``cache-dir`` config option, else
``$XDG_CACHE_HOME/doclint`` or ``~/.cache/doclint`` (``%LOCALAPPDATA%\\doclint\\cache`` on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from doclint import __version__
from doclint.datacache import cache_dir, default_dir  # noqa: F401  (here since the first version)

if TYPE_CHECKING:
    from doclint.config import Config
    from doclint.results import FileResult

DB_NAME = "results-v1.sqlite3"
SCHEMA = 1
MAX_HASHED_BYTES = 200 * 1024 * 1024  # larger files are refused by the loaders anyway
COMMIT_EVERY = 200
MAX_AGE_DAYS = 60


# ------------------------------------------------------------------------------------ fingerprints


@cache
def code_fingerprint() -> str:
    """The tool version plus (name, size, mtime) of every module: editing the code empties the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(root).as_posix()}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@cache
def pack_fingerprint(extra_folders: tuple[str, ...]) -> str:
    from doclint.rulepack import builtin_rules_dir

    digest = hashlib.sha256()
    folders = [builtin_rules_dir() / "nd30", *map(Path, extra_folders)]
    for folder in folders:
        digest.update(f"[{folder}]".encode())
        for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
            try:
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            except OSError:
                continue
    return digest.hexdigest()


def _path_state(value: str) -> str:
    """For an option naming a file or folder: what is there (names, sizes, mtimes), bounded."""
    path = Path(value)
    try:
        if path.is_file():
            st = path.stat()
            return f"{st.st_size}:{st.st_mtime_ns}"
        if path.is_dir():
            digest = hashlib.sha256()
            for count, item in enumerate(sorted(path.rglob("*"))):
                if count > 20_000:
                    break
                st = item.stat()
                digest.update(f"{item}:{st.st_size}:{st.st_mtime_ns}\n".encode())
            return digest.hexdigest()
    except OSError:
        return "?"
    return "-"


def options_fingerprint(config: Config) -> str:
    parts = []
    for key, value in config.options:
        if isinstance(value, str) and ("/" in value or os.sep in value) and len(value) < 4096:
            parts.append(f"{key}={_path_state(value)}")
    return ";".join(parts)


# ------------------------------------------------------------------------------------ encoding


def encode(result: FileResult) -> str:
    error = result.error
    return json.dumps(
        {
            "format": result.format,
            "family": result.family,
            "doc_type": result.doc_type,
            "stage": result.stage,
            "error": [error.code, error.vi, error.en] if error else None,
            "findings": [asdict(f) for f in result.findings],
            "issuer": result.issuer,
            "suppressed": [asdict(f) for f in result.suppressed],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


_LOCATION_INTS = ("block", "start", "end", "page", "related_block")
_FINDING_STRS = ("code", "vi", "en", "name", "basis", "family")


class BadRow(ValueError):
    """A cache row that is valid JSON but not a result this version wrote: dropped and recomputed."""


def _want(ok: bool) -> None:
    if not ok:
        raise BadRow()


def decode(data: str, path: str) -> FileResult:
    """A cached result, every field checked (a row is only ever a cache: a wrong type is a miss)."""
    from doclint.config import STAGES
    from doclint.errors import LoadError
    from doclint.findings import SEVERITY_RANK, Finding, Location
    from doclint.results import FileResult

    raw = json.loads(data)
    _want(isinstance(raw, dict) and isinstance(raw.get("findings"), list))
    for key in ("format", "family", "doc_type", "issuer"):
        _want(raw.get(key) is None or isinstance(raw[key], str))
    _want(raw.get("stage") in STAGES)
    _want(isinstance(raw.get("suppressed", []), list))

    def finding(item: object) -> Finding:
        _want(isinstance(item, dict) and isinstance(item.get("location"), dict))
        item = dict(item)  # type: ignore[arg-type]
        loc = item.pop("location")
        _want(set(loc) <= set(Location.__slots__))
        for key in _LOCATION_INTS:
            value = loc.get(key)
            _want(value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0))
        _want(loc.get("component") is None or isinstance(loc["component"], str))
        _want(set(item) <= set(Finding.__slots__) - {"location"})
        for key in _FINDING_STRS:
            _want(isinstance(item.get(key, ""), str))
        for key in ("excerpt", "suggestion"):
            _want(item.get(key) is None or isinstance(item[key], str))
        _want(item.get("severity") is None or item["severity"] in SEVERITY_RANK)
        return Finding(location=Location(**loc), **item)

    findings = [finding(item) for item in raw["findings"]]
    error = raw.get("error")
    if error is not None:
        _want(isinstance(error, list) and len(error) == 3 and all(isinstance(x, str) for x in error))
        error = LoadError(*error)
    return FileResult(
        path=path,
        format=raw.get("format"),
        family=raw.get("family"),
        doc_type=raw.get("doc_type"),
        stage=raw["stage"],
        error=error,
        findings=findings,
        issuer=raw.get("issuer"),
        suppressed=[finding(item) for item in raw.get("suppressed", [])],
    )


# ------------------------------------------------------------------------------------ the database


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.db: sqlite3.Connection | None = None
        self.pending = 0
        self.hits = 0
        self.misses = 0
        self._open(rebuild_on_error=True)

    # -- opening, rebuilding
    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, data TEXT NOT NULL, created REAL)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
            "ctime_ns INTEGER, ino INTEGER, sha TEXT)"
        )
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != str(SCHEMA):
            raise sqlite3.DatabaseError("cache schema mismatch")
        db.execute("SELECT count(*) FROM results WHERE key = ''").fetchone()
        return db

    def _open(self, rebuild_on_error: bool) -> None:
        try:
            self.db = self._connect()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                self.db = None  # another run is rebuilding or vacuuming it: go on without
                return
            self._rebuild(exc) if rebuild_on_error else self._disable(exc)
        except (sqlite3.DatabaseError, OSError) as exc:
            self._rebuild(exc) if rebuild_on_error else self._disable(exc)

    def _rebuild(self, reason: Exception) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._open(rebuild_on_error=False)
        if self.db is not None:
            sys.stderr.write(f"doclint: bộ nhớ đệm hỏng nên đã được tạo lại ({self.path}: {reason}).\n")

    def _disable(self, reason: Exception) -> None:
        self.db = None
        sys.stderr.write(f"doclint: không dùng được bộ nhớ đệm {self.path} ({reason}); chạy không có nó.\n")

    def _guard(self, exc: sqlite3.Error) -> None:
        """A failure during use: corruption rebuilds (once), anything else disables the cache quietly."""
        if isinstance(exc, sqlite3.OperationalError):
            return  # locked for longer than the busy timeout, disk full...: skip this one
        self._rebuild(exc)

    # -- look-ups
    def digest(self, path: Path) -> str | None:
        """sha256 of the file's bytes, from the stat table when the file has not changed."""
        try:
            st = path.stat()
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_HASHED_BYTES or st.st_size == 0:
            return None
        absolute = str(path.absolute())
        state = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if self.db is not None:
            try:
                row = self.db.execute(
                    "SELECT size, mtime_ns, ctime_ns, ino, sha FROM files WHERE path = ?", (absolute,)
                ).fetchone()
            except sqlite3.Error as exc:
                self._guard(exc)
                row = None
            if row is not None and tuple(row[:4]) == state:
                return row[4]
        try:
            with path.open("rb") as fh:
                sha = hashlib.file_digest(fh, "sha256").hexdigest()
        except (OSError, ValueError):
            return None
        # a file changed within the mtime resolution could be stale: do not remember very recent ones
        if self.db is not None and time.time_ns() - st.st_mtime_ns > 2_000_000_000:
            self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", (absolute, *state, sha))
        return sha

    def key_for(self, path: Path, config: Config) -> str | None:
        if self.db is None:
            return None
        sha = self.digest(path)
        if sha is None:
            return None
        parts = [
            sha,
            path.suffix.lower(),
            config.key(),
            pack_fingerprint(tuple(config.packs)),
            code_fingerprint(),
            options_fingerprint(config),
            str(path) if config.per_file_ignores else "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str, path: str) -> FileResult | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._guard(exc)
            return None
        if row is None:
            self.misses += 1
            return None
        try:
            result = decode(row[0], path)
        except Exception:  # wrong JSON, wrong types, another version's row: dropped and recomputed
            self.misses += 1
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("DELETE FROM results WHERE key = ?", (key,))
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if self.db is None:
            return
        try:
            data = encode(result)
        except (TypeError, ValueError):
            return
        self._write("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, data, time.time()))

    def _write(self, sql: str, params: tuple) -> None:
        if self.db is None:
            return
        try:
            if self.pending == 0:
                self.db.execute("BEGIN")
            self.db.execute(sql, params)
            self.pending += 1
            if self.pending >= COMMIT_EVERY:
                self.commit()
        except sqlite3.Error as exc:
            self._rollback()
            self._guard(exc)

    def _rollback(self) -> None:
        self.pending = 0
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def commit(self) -> None:
        if self.db is None or self.pending == 0:
            return
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            self._guard(exc)
        self.pending = 0

    def prune(self) -> None:
        if self.db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("DELETE FROM results WHERE created < ?", (time.time() - MAX_AGE_DAYS * 86400,))

    def close(self) -> None:
        if self.db is None:
            return
        self.commit()
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self.db = None

    # -- the ``doclint cache`` command
    def info(self) -> dict:
        counts = {"results": 0, "files": 0}
        if self.db is not None:
            try:
                for table in counts:
                    counts[table] = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.Error:
                pass
        size = sum(
            Path(f"{self.path}{s}").stat().st_size
            for s in ("", "-wal", "-shm")
            if Path(f"{self.path}{s}").exists()
        )
        return {"path": str(self.path), "bytes": size, **counts}


def open_cache(config: Config | None = None) -> ResultCache:
    cache_obj = ResultCache(cache_dir(config))
    if cache_obj.db is not None and int(time.time()) % 50 == 0:  # now and then, drop old entries
        cache_obj.prune()
    return cache_obj


def clear(config: Config | None = None) -> Path:
    folder = cache_dir(config)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{folder / DB_NAME}{suffix}").unlink(missing_ok=True)
    if folder.is_dir():
        for path in folder.glob("lexicon-*"):  # the parsed Vietnamese lexicon (doclint.vn.lexicon_cache)
            path.unlink(missing_ok=True)
        from doclint.datacache import clear as clear_data

        clear_data(folder, ("rulepack", "config"))  # the parsed rule packs and config files
    return folder
