"""The reference library: higher-level documents (Kết luận, Quyết định, Kế hoạch of the level above...)
that a checked document should implement, not copy (RED002).

A library is an SQLite database (standard library ``sqlite3``). Each stored document keeps what
recognition found (number/symbol, type, date, issuer, trích yếu) and, for each content paragraph
(``đoạn``, numbered from 1), its text and its set of normalised word 3-shingles. Each sentence of a
paragraph also gets a MinHash signature (48 hash functions) cut into 16 bands of 3 rows; the band
keys go into an inverted index (table ``bands``), so that a lookup touches only the paragraphs that
share a band with the checked text (locality-sensitive hashing: a sentence pair with Jaccard 0.5 is a
candidate with probability 0.88, one with 0.2 with 0.12). Candidates are then verified exactly on
their shingle sets.

Where the library lives: ``--refs-db`` / config option ``refs-db``, else
``$XDG_DATA_HOME/doclint/refs.sqlite3`` (``~/.local/share/doclint/refs.sqlite3``). ``check --refs DIR``
(config option ``refs-dir``) builds a library of a folder in memory for one run, without storing it.
Checking never creates or writes a database.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from random import Random
from typing import TYPE_CHECKING, Any

from doclint import lazyre
from doclint.analysis.shingles import Shingles, shingles_of

if TYPE_CHECKING:
    from doclint.config import Config
    from doclint.model import Document
    from doclint.recognise.components import Recognition

SCHEMA_VERSION = 1
NUM_PERM = 48
BANDS = 16
ROWS = NUM_PERM // BANDS
_M64 = (1 << 64) - 1
_rng = Random(20250226)
# multiply-shift hash functions: odd 64-bit multipliers, deterministic across runs and machines
_MULT = [_rng.getrandbits(64) | 1 for _ in range(NUM_PERM)]
_ADD = [_rng.getrandbits(64) for _ in range(NUM_PERM)]
MAX_POSTINGS = 400  # a band key shared by more sentences than this is boilerplate, not evidence

TYPE_NAMES = {
    "KL": "Kết luận", "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "KH": "Kế hoạch",
    "CTr": "Chương trình", "TB": "Thông báo", "HD": "Hướng dẫn", "CV": "Công văn", "CĐ": "Công điện",
    "NĐ": "Nghị định", "TT": "Thông tư", "QC": "Quy chế", "QyĐ": "Quy định", "BC": "Báo cáo",
    "TTr": "Tờ trình", "PA": "Phương án", "ĐA": "Đề án", "QH": "Luật", "LUAT": "Luật", "BLUAT": "Bộ luật",
}  # fmt: skip


def same_issuer_key(issuer: str | None) -> str | None:
    """Issuer names compared loosely: "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" = "UBND tỉnh Lâm Đồng"."""
    if not issuer:
        return None
    from doclint.analysis.shingles import normalise

    return " ".join(re.findall(r"\w+", normalise(issuer))) or None


def text_hash(doc: Document) -> str:
    """The hash of a document's text: how a checked document recognises itself in the library."""
    import hashlib  # (OpenSSL: loaded when a library is used, issue 17)

    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def default_db_path() -> Path:
    from doclint.datacache import default_refs_db

    return default_refs_db()


# ---------------------------------------------------------------- number/symbol keys

_SYMBOL = lazyre.compile(
    r"(?<![\w/])(\d{1,5}(?:[/\-]\d{4})?[/\-](?:[A-ZĐ][A-Za-zĐđ&]*)(?:[\-/][A-ZĐ][A-Za-zĐđ0-9&]*)*)(?![\w/])"
)


def number_key(number: str | None) -> str | None:
    """A comparable key of a number/symbol: "Số: 05/CT-UBND" and "5/CT-UBND" give the same key."""
    if not number:
        return None
    text = unicodedata.normalize("NFC", number).replace("Ð", "Đ").replace("đ", "Đ")
    text = re.sub(r"^\s*+(số|so)\s*+:?\s*+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+", "", text).upper()
    text = re.sub(r"^0+(\d)", r"\1", text)
    return text or None


def cited_numbers(text: str) -> list[str]:
    """Number/symbols written in ``text`` ("09/2019/NĐ-CP", "226-KL/TW", "534/QĐ-TTg"), in order."""
    return [m.group(1) for m in _SYMBOL.finditer(unicodedata.normalize("NFC", text))]


# ---------------------------------------------------------------- MinHash


def minhash(shingles: Iterable[int]) -> list[int]:
    hs = list(shingles)
    return [min([((h * a) + b) & _M64 for h in hs]) for a, b in zip(_MULT, _ADD)]


_MIX = [_rng.getrandbits(64) | 1 for _ in range(ROWS)]
_M56 = (1 << 56) - 1


def band_keys(signature: Sequence[int]) -> list[int]:
    """One 63-bit key per band: the band number in the top bits, a mix of its rows below."""
    keys = []
    for band in range(BANDS):
        mixed = 0
        for row, mult in zip(signature[band * ROWS : (band + 1) * ROWS], _MIX):
            mixed = ((mixed ^ row) * mult) & _M64
        keys.append((band << 56) | (mixed >> 8))
    return keys


def _pack(values: Iterable[int]) -> bytes:
    return array("q", sorted(values)).tobytes()


_UNPACKED: dict[bytes, frozenset[int]] = {}


def _unpack(blob: bytes) -> frozenset[int]:
    """The shingle set of a stored paragraph; identical paragraphs share one set object."""
    if not isinstance(blob, bytes) or len(blob) % 8:
        return frozenset()  # a corrupt row (NULL, text, odd length): the paragraph is left out
    found = _UNPACKED.get(blob)
    if found is None:
        arr = array("q")
        arr.frombytes(blob)
        found = frozenset(arr)
        if len(_UNPACKED) > 200_000:
            _UNPACKED.clear()
        _UNPACKED[blob] = found
    return found


# ---------------------------------------------------------------- metadata


@dataclass(slots=True)
class RefDoc:
    id: int
    path: str
    sha256: str
    number: str | None
    key: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None
    title: str | None
    added: str
    n_paras: int
    text_sha: str | None = None
    parent: str | None = None  # the issuer's superior body ("UBND TỈNH LÂM ĐỒNG" above "SỞ NỘI VỤ")

    @property
    def label(self) -> str:
        """How a message names it: "Kết luận số 226-KL/TW", else its title, else the file name."""
        type_name = TYPE_NAMES.get(self.doc_type or "", self.doc_type)
        if self.number and any(c.isdigit() for c in self.number.split("/")[0]):
            return f"{type_name} số {self.number}" if type_name else f"văn bản số {self.number}"
        if self.title:
            short = self.title if len(self.title) <= 80 else self.title[:79].rstrip() + "…"
            return f"{type_name} “{short}”" if type_name else f"“{short}”"
        return Path(self.path).name


@dataclass(slots=True)
class RefPara:
    doc_id: int
    idx: int  # 1-based "đoạn" number among the document's content paragraphs
    text: str
    shingles: frozenset[int] | set[int]
    text_id: int = 0


_TYPE_LINE = lazyre.compile(
    r"^(KẾT LUẬN|NGHỊ QUYẾT|QUYẾT ĐỊNH|CHỈ THỊ|KẾ HOẠCH|CHƯƠNG TRÌNH|THÔNG BÁO|HƯỚNG DẪN|CÔNG ĐIỆN|"
    r"NGHỊ ĐỊNH|THÔNG TƯ|QUY CHẾ|QUY ĐỊNH|BÁO CÁO|TỜ TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN|LUẬT|CÔNG VĂN)\b"
)
_TYPE_CODE = {
    "KẾT LUẬN": "KL", "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "KẾ HOẠCH": "KH",
    "CHƯƠNG TRÌNH": "CTr", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD", "CÔNG ĐIỆN": "CĐ", "NGHỊ ĐỊNH": "NĐ",
    "THÔNG TƯ": "TT", "QUY CHẾ": "QC", "QUY ĐỊNH": "QyĐ", "BÁO CÁO": "BC", "TỜ TRÌNH": "TTr",
    "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA", "LUẬT": "QH", "CÔNG VĂN": "CV",
}  # fmt: skip
_NUMBER_LINE = lazyre.compile(r"^\s*+(?:Số|SỐ)\s*+:?\s*+([0-9][^\s,;]*|/[^\s,;]+)")
_DATE = lazyre.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def describe(doc: Document, rec: Recognition | None) -> dict[str, Any]:
    """Number, type, date, issuer and title: from recognition, else from the first lines."""
    out: dict[str, Any] = {"number": None, "doc_type": None, "date": None, "issuer": None, "title": None,
                           "parent": None}  # fmt: skip
    if rec is not None:
        if rec.parsed_number is not None:
            pn = rec.parsed_number
            out["number"] = (
                f"{pn.number}/{pn.year + '/' if pn.year else ''}{pn.symbol}" if pn.number else None
            )
            if pn.party_style and pn.number:
                out["number"] = pn.raw.split(" ", 1)[-1].lstrip(": ").strip()
        elif rec.number is not None:
            out["number"] = rec.number.text
        out["doc_type"] = rec.doc_type
        if rec.parsed_date is not None and rec.parsed_date.year:
            d = rec.parsed_date
            out["date"] = "/".join(x for x in (d.day, d.month, d.year) if x)
        if rec.issuer is not None:
            out["issuer"] = " ".join(rec.issuer.text.split())
        if rec.parent_body is not None:
            out["parent"] = " ".join(rec.parent_body.text.split())
        if rec.trich_yeu is not None:
            out["title"] = " ".join(rec.trich_yeu.text.split())
    head = [b.text.strip() for b in doc.body_blocks()[:25] if b.text.strip()]
    for i, line in enumerate(head):
        if out["number"] is None and (m := _NUMBER_LINE.match(line)):
            out["number"] = m.group(1)
        if out["date"] is None and (m := _DATE.search(line)) and i < 12:
            out["date"] = f"{int(m[1])}/{int(m[2])}/{m[3]}"
        if out["doc_type"] is None and line.isupper() and (m := _TYPE_LINE.match(line)):
            out["doc_type"] = _TYPE_CODE[m.group(1)]
            if out["title"] is None and i + 1 < len(head) and not head[i + 1].isupper():
                out["title"] = head[i + 1]
    if out["number"] and out["number"].startswith("/"):
        out["number"] = None  # a draft's blank number
    if out["doc_type"] is None and out["number"]:
        m = re.search(r"[/\-]([A-ZĐ][A-Za-zĐđ]*)", out["number"])
        if m and m.group(1) in TYPE_NAMES:
            out["doc_type"] = m.group(1)
    return out


# ---------------------------------------------------------------- the library

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, path TEXT, sha256 TEXT UNIQUE, number TEXT, num_key TEXT, doc_type TEXT,
    date TEXT, issuer TEXT, title TEXT, added TEXT, n_paras INTEGER, text_sha TEXT, parent TEXT);
CREATE INDEX IF NOT EXISTS docs_key ON docs(num_key);
-- each distinct paragraph content once: its shingle set; the band index points here
CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, digest TEXT UNIQUE, shingles BLOB);
CREATE TABLE IF NOT EXISTS paras (
    doc_id INTEGER, idx INTEGER, block INTEGER, text TEXT, text_id INTEGER, PRIMARY KEY (doc_id, idx));
CREATE INDEX IF NOT EXISTS paras_text ON paras(text_id);
CREATE TABLE IF NOT EXISTS bands (key INTEGER, text_id INTEGER);
CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
"""


class RefLibrary:
    def __init__(self, path: str | Path = ":memory:", readonly: bool = False) -> None:
        self.path = str(path)
        if readonly and self.path != ":memory:":
            self.db = sqlite3.connect(f"file:{Path(self.path).resolve()}?mode=ro", uri=True)
        else:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            self.db.executescript(_SCHEMA)
            for key, value in (("schema", SCHEMA_VERSION), ("num_perm", NUM_PERM), ("bands", BANDS)):
                self.db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, str(value)))
            self.db.commit()
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != str(SCHEMA_VERSION) or meta.get("num_perm") != str(NUM_PERM):
            raise sqlite3.DatabaseError(
                f"thư viện {self.path} được tạo bởi phiên bản doclint khác; hãy tạo lại (doclint refs add)"
            )
        self._para_cache: dict[int, list[RefPara]] = {}
        self._text_cache: dict[int, frozenset[int]] = {}
        self._words_cache: dict[int, set[str]] = {}

    def close(self) -> None:
        self.db.close()

    # -- writing
    def add_document(
        self, doc: Document, rec: Recognition | None = None, sha256: str | None = None
    ) -> RefDoc:
        """Store ``doc`` (replacing an earlier copy of the same file)."""
        info = describe(doc, rec)
        sh = shingles_of(doc, rec)
        text_sha = text_hash(doc)
        return self.add_shingles(doc.path, sha256 or text_sha, info, sh, text_sha)

    def _text_id(self, para) -> int:
        """The id of a paragraph content, stored (with its band keys) the first time it is seen."""
        blob = _pack(para.shingles)
        import hashlib

        digest = hashlib.blake2b(blob, digest_size=16).hexdigest()
        row = self.db.execute("SELECT id FROM texts WHERE digest = ?", (digest,)).fetchone()
        if row:
            return row[0]
        cur = self.db.execute("INSERT INTO texts (digest, shingles) VALUES (?, ?)", (digest, blob))
        text_id = cur.lastrowid
        assert text_id is not None
        keys: set[int] = set()
        for unit in para.units:
            keys.update(band_keys(minhash(unit.shingles)))
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", ((k, text_id) for k in keys))
        return text_id

    def add_shingles(
        self, path: str, sha256: str, info: dict[str, Any], sh: Shingles, text_sha: str | None = None
    ) -> RefDoc:
        cur = self.db.cursor()
        old = cur.execute("SELECT id FROM docs WHERE sha256 = ?", (sha256,)).fetchone()
        if old:
            self._delete(old[0])
        cur.execute(
            "INSERT INTO docs (path, sha256, number, num_key, doc_type, date, issuer, title, added, n_paras,"
            " text_sha, parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path,
                sha256,
                info.get("number"),
                number_key(info.get("number")),
                info.get("doc_type"),
                info.get("date"),
                info.get("issuer"),
                info.get("title"),
                datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
                len(sh.paragraphs),
                text_sha,
                info.get("parent"),
            ),
        )
        doc_id = cur.lastrowid
        assert doc_id is not None
        rows = [
            (doc_id, idx, para.block, para.text, self._text_id(para))
            for idx, para in enumerate(sh.paragraphs, start=1)
        ]
        cur.executemany("INSERT INTO paras VALUES (?, ?, ?, ?, ?)", rows)
        self.db.commit()
        self._para_cache.pop(doc_id, None)
        return self.get(doc_id)  # type: ignore[return-value]

    def add_path(self, path: str | Path, pack=None) -> RefDoc:
        """Load, recognise and store a file. Raises LoadError for an unreadable file."""
        from doclint.load import load
        from doclint.recognise import recognise
        from doclint.rulepack import load_pack

        path = Path(path)
        doc = load(path)
        rec = recognise(doc, pack or load_pack())
        import hashlib

        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.add_document(doc, rec, sha)

    def add_path_guarded(self, path: str | Path) -> RefDoc:
        """:meth:`add_path` with the loading and recognising in a worker under the document budget
        (DOC006/DOC007 as a LoadError); only storing runs here."""
        from doclint.worker_pool import budget_for_path, run_guarded

        doc, rec, sha = run_guarded(prepare, str(path), budget=budget_for_path(path))
        return self.add_document(doc, rec, sha)

    def _delete(self, doc_id: int) -> None:
        self.db.execute("DELETE FROM paras WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
        # contents no other document uses any more
        orphans = [r[0] for r in self.db.execute(
            "SELECT id FROM texts WHERE id NOT IN (SELECT text_id FROM paras)")]  # fmt: skip
        for chunk in _chunks(orphans, 500):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM bands WHERE text_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM texts WHERE id IN ({marks})", chunk)
        self._para_cache.pop(doc_id, None)

    def remove(self, ident: str) -> list[RefDoc]:
        """Remove by id, by number/symbol, or by file path. Returns what was removed."""
        targets: list[RefDoc] = []
        if ident.isdigit():
            doc = self.get(int(ident))
            targets = [doc] if doc else []
        if not targets:
            key = number_key(ident)
            targets = [d for d in self.documents() if (key and d.key == key) or d.path == ident]
        for doc in targets:
            self._delete(doc.id)
        self.db.commit()
        return targets

    # -- reading
    def _row(self, row: tuple) -> RefDoc:
        return RefDoc(*row)

    _COLUMNS = (
        "id, path, sha256, number, num_key, doc_type, date, issuer, title, added, n_paras, text_sha, parent"
    )

    def documents(self) -> list[RefDoc]:
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM docs ORDER BY id").fetchall()
        return [self._row(r) for r in rows]

    def get(self, doc_id: int) -> RefDoc | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return self._row(row) if row else None

    def get_many(self, ids: Iterable[int]) -> dict[int, RefDoc]:
        out: dict[int, RefDoc] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {self._COLUMNS} FROM docs WHERE id IN ({marks})", chunk):
                out[row[0]] = self._row(row)
        return out

    def by_keys(self, keys: Iterable[str]) -> list[RefDoc]:
        keys = sorted({k for k in keys if k})
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM docs WHERE num_key IN ({marks}) ORDER BY id", keys
        ).fetchall()
        return [self._row(r) for r in rows]

    def by_sha(self, sha256: str) -> RefDoc | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM docs WHERE sha256 = ?", (sha256,)).fetchone()
        return self._row(row) if row else None

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def paragraphs(self, doc_id: int) -> list[RefPara]:
        if doc_id not in self._para_cache:
            rows = self.db.execute(
                "SELECT p.idx, p.text, p.text_id, t.shingles FROM paras p JOIN texts t ON t.id = p.text_id"
                " WHERE p.doc_id = ? ORDER BY p.idx",
                (doc_id,),
            ).fetchall()
            self._para_cache[doc_id] = [
                RefPara(doc_id, i, t, self._set(tid, s), tid) for i, t, tid, s in rows
            ]
        return self._para_cache[doc_id]

    def _set(self, text_id: int, blob: bytes) -> frozenset[int]:
        found = self._text_cache.get(text_id)
        if found is None:
            found = self._text_cache[text_id] = _unpack(blob)
        return found

    def text_shingles(self, text_ids: Iterable[int]) -> dict[int, frozenset[int]]:
        out: dict[int, frozenset[int]] = {}
        todo = []
        for tid in set(text_ids):
            if tid in self._text_cache:
                out[tid] = self._text_cache[tid]
            else:
                todo.append(tid)
        for chunk in _chunks(sorted(todo), 900):
            marks = ",".join("?" * len(chunk))
            for tid, blob in self.db.execute(f"SELECT id, shingles FROM texts WHERE id IN ({marks})", chunk):
                out[tid] = self._set(tid, blob)
        return out

    def words(self, text_id: int) -> set[str]:
        """The normalised words of a stored paragraph content (cached)."""
        found = self._words_cache.get(text_id)
        if found is None:
            from doclint.analysis.shingles import tokens

            row = self.db.execute("SELECT text FROM paras WHERE text_id = ? LIMIT 1", (text_id,)).fetchone()
            found = self._words_cache[text_id] = set(tokens(row[0] if row else ""))
        return found

    def places(self, text_ids: Iterable[int]) -> dict[int, list[tuple[int, int, str]]]:
        """Where each content occurs: text id -> [(doc_id, đoạn, text)]."""
        out: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for chunk in _chunks(sorted(set(text_ids)), 900):
            marks = ",".join("?" * len(chunk))
            for tid, doc_id, idx, text in self.db.execute(
                f"SELECT text_id, doc_id, idx, text FROM paras WHERE text_id IN ({marks})", chunk
            ):
                out[tid].append((doc_id, idx, text))
        return out

    def candidates(self, keys: Iterable[int]) -> dict[int, list[int]]:
        """Band key -> the paragraph contents (text ids) that have it; keys shared too widely are dropped."""
        found: dict[int, list[int]] = defaultdict(list)
        for chunk in _chunks(sorted(set(keys)), 900):
            marks = ",".join("?" * len(chunk))
            for key, text_id in self.db.execute(
                f"SELECT key, text_id FROM bands WHERE key IN ({marks})", chunk
            ):
                found[key].append(text_id)
        return {k: v for k, v in found.items() if len(v) <= MAX_POSTINGS}


def prepare(path: str) -> tuple[Document, Recognition, str]:
    """Load and recognise a file for the library (run in a worker by :meth:`RefLibrary.add_path_guarded`)."""
    from doclint.load import load
    from doclint.recognise import recognise
    from doclint.rulepack import load_pack

    doc = load(path)
    rec = recognise(doc, load_pack())
    import hashlib

    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return doc, rec, sha


def _chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------- matching (RED002)


@dataclass(slots=True)
class Match:
    block: int  # the checked paragraph
    ref: RefDoc | None
    ref_idx: int  # "đoạn" of the reference document
    ratio: float  # share of the checked paragraph's (or span's) shingles found in the reference
    shared: int
    cited: bool = False  # the checked document cites this reference
    start: int | None = None  # the copied sentences, when only part of the paragraph is copied
    end: int | None = None


PARTIAL_MIN_SHARED = 12  # a copied sentence inside an original paragraph needs more evidence
_DIGIT = lazyre.compile(r"\d")


def _has_digits(words: Iterable[str]) -> bool:
    return any(_DIGIT.search(w) for w in words)


def _own_numbers(words: Iterable[str], ref_words: set[str]) -> bool:
    """The passage states numbers of its own (dates, quantities, document numbers): it reuses a
    template with its own facts rather than copying the reference."""
    return any(_DIGIT.search(w) and w not in ref_words for w in words)


def _match(
    p, ref_para: RefPara, shared: frozenset[int], threshold: float, min_shared: int, lib: RefLibrary
) -> Match | None:
    """The whole paragraph when most of it is in ``ref_para``; else the run of its sentences that is."""

    def ref_words_of() -> set[str]:
        from doclint.analysis.shingles import tokens

        text = lib.db.execute(
            "SELECT text FROM paras WHERE text_id = ? LIMIT 1", (ref_para.text_id,)
        ).fetchone()
        return set(tokens(text[0] if text else ""))

    ratio = len(shared) / len(p.shingles)
    if ratio >= threshold and len(shared) >= min_shared:
        if ratio >= 0.9 or not _has_digits(p.words) or not _own_numbers(p.words, ref_words_of()):
            return Match(p.block, None, 0, ratio, len(shared))
        return None
    hits = [u for u in p.units if len(u.shingles & ref_para.shingles) >= threshold * len(u.shingles)]
    if not hits:
        return None
    mine = set().union(*(u.shingles for u in hits))
    found = mine & ref_para.shingles
    if len(found) < max(min_shared, PARTIAL_MIN_SHARED):
        return None
    ratio = len(found) / len(mine)
    words = [w for u in hits for w in u.words]
    if ratio < 0.9 and _has_digits(words) and _own_numbers(words, ref_words_of()):
        return None
    return Match(p.block, None, 0, ratio, len(found), start=hits[0].start, end=hits[-1].end)


@dataclass(slots=True)
class DocMatch:
    """A library document that shares at least half of the checked document's content."""

    ref: RefDoc
    coverage: float  # share of the checked document's content shingles found in this reference
    matches: list[Match]


def match_document(
    lib: RefLibrary,
    sh: Shingles,
    cited_keys: Iterable[str] = (),
    threshold: float = 0.6,
    min_shared: int = 8,
    exclude_text: str | None = None,
    issuer: str | None = None,
) -> tuple[list[Match], list[DocMatch]]:
    """The checked paragraphs that largely repeat a paragraph of a library document.

    Documents the checked text cites are compared exhaustively first; the others are reached through
    the band index. Each distinct stored paragraph content is verified once, then mapped to the
    documents that contain it. Each checked paragraph keeps its best match, a cited reference winning
    ties. A reference from the checked document's own ``issuer`` (or from a body under it) that the text
    does not cite is not a higher-level document: its paragraphs count towards a near-total copy (a
    draft, an earlier version) but are not reported one by one (one office's templates share formulas).
    """
    own_issuer = same_issuer_key(issuer)
    cited_docs = []
    seen_text: set[str | None] = {exclude_text} if exclude_text else set()
    for d in lib.by_keys(cited_keys):
        if d.text_sha not in seen_text or d.text_sha is None:
            seen_text.add(d.text_sha)
            cited_docs.append(d)
    cited_ids = {d.id for d in cited_docs}
    pairs: dict[int, set[int]] = defaultdict(set)  # checked block -> candidate contents (text ids)
    if cited_docs:  # every paragraph of a cited document that shares a shingle is a candidate
        postings: dict[int, set[int]] = defaultdict(set)
        for doc in cited_docs:
            for para in lib.paragraphs(doc.id):
                for h in para.shingles:
                    postings[h].add(para.text_id)
        for p in sh.paragraphs:
            for h in p.shingles:
                pairs[p.block].update(postings.get(h, ()))
    unit_keys: dict[int, set[int]] = {}
    for p in sh.paragraphs:
        keys: set[int] = set()
        for u in p.units:
            keys.update(band_keys(minhash(u.shingles)))
        unit_keys[p.block] = keys
    found = lib.candidates(k for keys in unit_keys.values() for k in keys)
    for block, keys in unit_keys.items():
        for k in keys:
            pairs[block].update(found.get(k, ()))
    sets = lib.text_shingles(t for cands in pairs.values() for t in cands)
    # verify each (checked paragraph, stored content) once
    verified: dict[int, list[tuple[int, frozenset[int], Match | None]]] = defaultdict(list)
    texts_with_overlap: set[int] = set()
    for p in sh.paragraphs:
        for tid in pairs.get(p.block, ()):
            ref_set = sets.get(tid)
            if ref_set is None:
                continue
            shared = frozenset(p.shingles & ref_set)
            if not shared:
                continue
            texts_with_overlap.add(tid)
            m = _match(p, RefPara(0, 0, "", ref_set, tid), shared, threshold, min_shared, lib)
            verified[p.block].append((tid, shared, m))
    places = lib.places(texts_with_overlap)
    docs = lib.get_many(d for pl in places.values() for d, _, _ in pl)
    # paragraphs whose document row is gone (a corrupt library): left out, never a crash
    places = {tid: [x for x in pl if x[0] in docs] for tid, pl in places.items()}
    issuer_ok = {
        doc_id: not (own_issuer and own_issuer in (same_issuer_key(d.issuer), same_issuer_key(d.parent)))
        for doc_id, d in docs.items()
    }
    skip_doc = {doc_id for doc_id, d in docs.items() if d.text_sha == exclude_text}
    matches: list[Match] = []
    per_doc_parts: dict[int, list[frozenset[int]]] = defaultdict(list)
    per_doc_first: dict[int, dict[int, tuple[Match, int]]] = defaultdict(dict)
    for p in sh.paragraphs:
        best: tuple | None = None
        for tid, shared, template in verified.get(p.block, ()):
            for doc_id, idx, _ in places.get(tid, ()):
                if doc_id in skip_doc:
                    continue
                per_doc_parts[doc_id].append(shared)
                if template is None:
                    continue
                per_doc_first[doc_id].setdefault(p.block, (template, idx))
                cited = doc_id in cited_ids
                if not cited and not issuer_ok[doc_id]:
                    continue  # the office's own earlier text, or a subordinate's: not a higher-level one
                rank = (cited, round(template.ratio, 2), -doc_id)
                if best is None or rank > best[0]:
                    best = (rank, template, doc_id, idx)
        if best is not None:
            _, template, doc_id, idx = best
            matches.append(replace(template, ref=docs[doc_id], ref_idx=idx, cited=doc_id in cited_ids))
    total = len(set().union(*(p.shingles for p in sh.paragraphs))) if sh.paragraphs else 0
    total = total or 1
    all_checked = frozenset().union(*(p.shingles for p in sh.paragraphs)) if sh.paragraphs else frozenset()
    doc_matches = []
    for doc_id, parts in per_doc_parts.items():
        if sum(len(x) for x in parts) < 0.3 * total:
            continue  # shares too little through its candidate paragraphs to be a near-total copy
        # exact: the share of the checked content found anywhere in that document
        theirs = frozenset().union(*(p.shingles for p in lib.paragraphs(doc_id)))
        coverage = len(all_checked & theirs) / total
        if coverage < 0.5:
            continue
        found = [
            replace(t, ref=docs[doc_id], ref_idx=idx, cited=doc_id in cited_ids)
            for t, idx in per_doc_first[doc_id].values()
        ]
        doc_matches.append(DocMatch(docs[doc_id], coverage, found))
    doc_matches.sort(key=lambda d: (-d.coverage, d.ref.id))
    return matches, doc_matches


# ---------------------------------------------------------------- which library a check uses

_DIR_CACHE: dict[tuple, RefLibrary] = {}


def folder_library(folder: str | Path) -> RefLibrary:
    """An in-memory library of every readable document in ``folder`` (recursively), cached per run."""
    from doclint.errors import LoadError
    from doclint.load import supported_suffixes

    folder = Path(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in supported_suffixes())
    stamp = (str(folder.resolve()), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    if stamp not in _DIR_CACHE:
        lib = RefLibrary(":memory:")
        for path in files:
            try:
                lib.add_path(path)
            except LoadError:
                continue
        _DIR_CACHE.clear()  # one folder per run is the normal case; do not hold several in memory
        _DIR_CACHE[stamp] = lib
    return _DIR_CACHE[stamp]


_DB_CACHE: dict[str, RefLibrary] = {}


def libraries_for(config: Config, errors: list[str] | None = None) -> list[RefLibrary]:
    """The libraries a check compares against: the ad hoc folder (``refs-dir``) and the stored database
    (``refs-db``, else the default one when it exists). Never creates a database. A library that
    cannot be read is left out, with the reason appended to ``errors``."""
    out: list[RefLibrary] = []
    base = Path(config.source).parent if config.source else Path.cwd()
    folder = config.option("refs-dir")
    if folder:
        path = Path(folder) if Path(folder).is_absolute() else base / folder
        if path.is_dir():
            out.append(folder_library(path))
        elif errors is not None:
            errors.append(f"{path}: không phải thư mục")
    db = config.option("refs-db")
    db_path = (Path(db) if Path(db).is_absolute() else base / db) if db else default_db_path()
    if db and not db_path.is_file() and errors is not None:
        errors.append(f"{db_path}: không có tệp")
    if db_path.is_file():
        key = str(db_path.resolve())
        if key not in _DB_CACHE:
            try:
                _DB_CACHE[key] = RefLibrary(db_path, readonly=True)
            except sqlite3.Error as exc:
                if errors is not None:
                    errors.append(f"{db_path}: {exc}")
                return out
        out.append(_DB_CACHE[key])
    return out


def with_refs(
    config: Config, refs_dir: str | Path | None = None, refs_db: str | Path | None = None
) -> Config:
    """The config with ``check --refs DIR`` / ``--refs-db PATH`` applied (command line wins over the file).
    Paths are made absolute here, so that they do not depend on where the config file is."""
    options = dict(config.options)
    if refs_dir is not None:
        options["refs-dir"] = str(Path(refs_dir).resolve())
    if refs_db is not None:
        options["refs-db"] = str(Path(refs_db).resolve())
    return replace(config, options=tuple(sorted(options.items(), key=lambda kv: kv[0])))


def refs_fingerprint(config: Config) -> str:
    """What a result cache must add to its key: the libraries RED002 would read, and their state."""
    parts: list[str] = []
    base = Path(config.source).parent if config.source else Path.cwd()
    folder = config.option("refs-dir")
    if folder:
        path = Path(folder) if Path(folder).is_absolute() else base / folder
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file():
                    st = p.stat()
                    parts.append(f"{p}:{st.st_mtime_ns}:{st.st_size}")
    db = config.option("refs-db")
    db_path = (Path(db) if Path(db).is_absolute() else base / db) if db else default_db_path()
    if db_path.is_file():
        st = db_path.stat()
        parts.append(f"{db_path}:{st.st_mtime_ns}:{st.st_size}")
    import hashlib

    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
