"""The parsed lexicon kept in the user's cache folder, read a bucket at a time (issue 17: start-up).

A one-page document looks up a few hundred of the lexicon's 95,000 entries, while building its tables
whole (72,000 words decoded and hashed into a dict) cost every start of doclint about 40 ms. The cache
file therefore holds each table as hash buckets: an index of offsets, then each bucket's entries as
UTF-8 ``key<TAB>value<LF>`` lines. A lookup decodes only its own bucket; once a document has touched
1/:data:`WHOLE_AFTER` of a table's buckets, the table is built whole as a plain dict (a long document
looks most of the words up anyway), which then takes the lazy table's place in the lexicon.

Data, never code: the file is read as bytes, UTF-8 text and JSON (no pickle, no marshal). Its header
repeats the key it was written for (format, doclint version, and the name, size and modification time
of every source file) and a checksum of the tables, so a stale or damaged file is never used: any
problem reading it just means parsing the sources, as without a cache.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

FORMAT = "doclint-lexicon-buckets-1"
MAGIC = FORMAT.encode() + b"\n"
SOURCES = ("words.txt.gz", "bigrams.tsv.gz", "confusions.tsv", "terms.txt", "loanwords.txt")
# the tables a lexicon holds, and whether their values are counts (int) or flags (str)
TABLES = {"words": False, "syllables": True, "bigrams": True, "unigrams": True}
WHOLE_AFTER = 8


def cache_key(directory: Path) -> str | None:
    """What a cache file is valid for (None: a source cannot be stat'ed)."""
    from doclint import __version__

    parts = [FORMAT, __version__, sys.byteorder, str(directory)]
    try:
        for name in SOURCES:
            path = directory / name
            if path.exists():
                st = path.stat()
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    return "\x1f".join(parts)


def cache_file(key: str) -> Path:
    """Where the lexicon for ``key`` is kept (the name spreads entries; the key inside decides)."""
    from doclint.datacache import cache_dir

    raw = key.encode("utf-8", "surrogatepass")
    return cache_dir() / f"lexicon-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.bin"


def _bucket(key: str, mask: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & mask


def _parse(chunk: bytes | memoryview, counts: bool) -> dict[str, Any]:
    """``key<TAB>value<LF>`` lines → a dict (values as int for the count tables)."""
    parts = bytes(chunk).decode("utf-8", "surrogatepass").replace("\n", "\t").split("\t")
    parts.pop()  # after the last line's LF
    pairs = iter(parts)
    return dict(zip(pairs, map(int, pairs))) if counts else dict(zip(pairs, pairs))


class LazyTable(Mapping):
    """One table of the lexicon, read from the cache file as lookups need it (see the module doc)."""

    __slots__ = ("_buckets", "_count", "_counts", "_data", "_index", "_limit", "_mask", "_owner", "_whole")

    def __init__(self, data: memoryview, index: array, count: int, counts: bool) -> None:
        self._data = data
        self._index = index
        self._mask = len(index) - 2  # len(index) = buckets + 1, buckets a power of two
        self._count = count
        self._counts = counts
        self._buckets: dict[int, dict[str, Any]] = {}
        self._limit = max(1, (len(index) - 1) // WHOLE_AFTER)
        self._whole: dict[str, Any] | None = None
        self._owner: tuple[object, str] | None = None

    def attach(self, owner: object, name: str) -> None:
        """Once built whole, the plain dict replaces this table as ``owner.<name>``."""
        self._owner = (owner, name)

    def _holder(self, key: str) -> dict[str, Any]:
        """The dict that holds ``key`` if anything does: its bucket, or the whole table."""
        if self._whole is not None:
            return self._whole
        n = _bucket(key, self._mask)
        found = self._buckets.get(n)
        if found is None:
            if len(self._buckets) >= self._limit:
                return self.whole()
            found = self._buckets[n] = _parse(self._data[self._index[n] : self._index[n + 1]], self._counts)
        return found

    def whole(self) -> dict[str, Any]:
        """The whole table as a plain dict (a Counter for the syllable counts, as from the sources)."""
        if self._whole is None:
            table = _parse(self._data, self._counts)
            self._whole = Counter(table) if self._owner and self._owner[1] == "syllables" else table
            self._buckets.clear()
            if self._owner is not None:
                setattr(self._owner[0], self._owner[1], self._whole)
        return self._whole

    def get(self, key: str, default: Any = None) -> Any:
        return self._holder(key).get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self._holder(key)[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._holder(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return self._count

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyTable):
            other = other.whole()
        return isinstance(other, Mapping) and self.whole() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyTable({self._count} entries)"


def write(path: Path, key: str, lex: Any) -> None:
    """Store ``lex`` (a Lexicon built from the sources) for ``key``, atomically; ValueError when an
    entry holds a tab or a line break (the sources are then parsed on every start)."""
    import tempfile

    body = bytearray()
    tables: dict[str, dict[str, int]] = {}
    for name in TABLES:
        table = getattr(lex, name)
        size = 1 << max(4, (len(table) // 2).bit_length())  # one or two entries per bucket
        buckets: list[list[str]] = [[] for _ in range(size)]
        for k, v in table.items():
            value = str(v)
            if "\t" in k or "\n" in k or "\t" in value or "\n" in value:
                raise ValueError("a tab or a line break inside the lexicon")
            buckets[_bucket(k, size - 1)].append(f"{k}\t{value}\n")
        index = array("I", [0])
        chunks = []
        for entries in buckets:
            chunks.append("".join(entries).encode("utf-8", "surrogatepass"))
            index.append(index[-1] + len(chunks[-1]))
        tables[name] = {"count": len(table), "index": len(body), "buckets": size}
        body += index.tobytes()
        body += b"".join(chunks)
    header = json.dumps(
        {
            "key": key,
            "crc": zlib.crc32(body),
            "size": len(body),
            "tables": tables,
            "confusions": [list(c) for c in lex.confusions],
            "loanwords": sorted(lex.loanwords),
        },
        ensure_ascii=False,
    ).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".lexicon-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + len(header).to_bytes(8, "little") + header + body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: Path, key: str) -> dict[str, Any] | None:
    """The lazy tables, confusions and loanwords stored for ``key`` (None: no such file, another
    key, or a damaged file)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(MAGIC):
        return None
    start = len(MAGIC) + 8
    length = int.from_bytes(raw[len(MAGIC) : start], "little")
    try:
        header = json.loads(raw[start : start + length].decode("utf-8"))
    except ValueError:
        return None
    body = memoryview(raw)[start + length :]
    if (
        not isinstance(header, dict)
        or header.get("key") != key
        or header.get("size") != len(body)
        or header.get("crc") != zlib.crc32(body)
    ):
        return None
    out: dict[str, Any] = {}
    for name, counts in TABLES.items():
        spec = header["tables"][name]
        at, size = spec["index"], spec["buckets"]
        index = array("I")
        index.frombytes(body[at : at + 4 * (size + 1)])
        data = body[at + 4 * (size + 1) : at + 4 * (size + 1) + index[-1]]
        out[name] = LazyTable(data, index, spec["count"], counts)
    out["confusions"] = [(wrong, right) for wrong, right in header["confusions"]]
    out["loanwords"] = set(header["loanwords"])
    return out
