"""RED002 speed: a reference library of 1,000 documents built from the corpus (repeated), then the time
RED002 adds to checking one document.

Each readable corpus file is loaded, recognised and stored once; the library is then filled to
--size documents by copying those rows under new ids (as if the office had stored 1,000 documents of
the same kinds; paragraph contents are stored once, so the copies share them as real duplicates
would). Each checked document (the corpus's administrative and Party files, and the seed draft) is
then checked with RED002 alone, against the library and against no library; the difference is what
the library costs. The pure lookup (MinHash, band index, verification) is timed as well.

Run: python benchmarks/red_library.py [--size 1000] [--checked 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from doclint.analysis.shingles import shingles_of
from doclint.config import Config
from doclint.engine import lint_document
from doclint.errors import LoadError
from doclint.load import load
from doclint.recognise import recognise
from doclint.refs import RefLibrary, match_document, text_hash, with_refs
from doclint.rulepack import load_pack


def find_shared() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "corpus").is_dir():
            return folder / "shared"
    return None


def fill(lib: RefLibrary, size: int) -> None:
    """Copy the stored documents under new ids until the library holds ``size`` documents. A copy is
    another document (its own file, text and number), with the same paragraphs."""
    db = lib.db
    originals = [row[0] for row in db.execute("SELECT id FROM docs ORDER BY id")]
    n = len(originals)
    copy = 0
    while n < size:
        src = originals[copy % len(originals)]
        copy += 1
        cur = db.execute(
            "INSERT INTO docs (path, sha256, number, num_key, doc_type, date, issuer, title, added, n_paras,"
            " text_sha, parent) SELECT path || '#' || ?, sha256 || '#' || ?, number, num_key || '#' || ?, doc_type,"
            " date, issuer, title, added, n_paras, text_sha || '#' || ?, parent FROM docs WHERE id = ?",
            (copy, copy, copy, copy, src),
        )
        new = cur.lastrowid
        db.execute(
            "INSERT INTO paras SELECT ?, idx, block, text, text_id FROM paras WHERE doc_id = ?", (new, src)
        )
        n += 1
    db.commit()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--checked", type=int, default=40)
    args = ap.parse_args()
    shared = find_shared()
    if shared is None:
        print("corpus not found")
        return 1
    pack = load_pack()
    files = sorted(
        p for p in (shared / "corpus").rglob("*") if p.suffix.lower() in (".docx", ".txt", ".pdf", ".doc")
    )
    docs = []
    for path in files:
        try:
            doc = load(path)
        except LoadError:
            continue
        docs.append((doc, recognise(doc, pack)))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "refs.sqlite3"
        t0 = time.perf_counter()
        lib = RefLibrary(db_path)
        for doc, rec in docs:
            lib.add_document(doc, rec)
        t_add = time.perf_counter() - t0
        fill(lib, args.size)
        paras = lib.db.execute("SELECT COUNT(*) FROM paras").fetchone()[0]
        texts = lib.db.execute("SELECT COUNT(*) FROM texts").fetchone()[0]
        bands = lib.db.execute("SELECT COUNT(*) FROM bands").fetchone()[0]
        lib.close()
        print(f"corpus files stored: {len(docs)} in {t_add:.1f} s ({t_add / len(docs) * 1000:.0f} ms each, "
              "load excluded)")  # fmt: skip
        print(f"library: {args.size} documents, {paras} paragraphs ({texts} distinct), {bands} band keys, "
              f"{db_path.stat().st_size / 1e6:.0f} MB")  # fmt: skip

        checked = [d for d in docs if d[1].family in ("administrative", "party")][: args.checked]
        seed = shared / "seeds" / "000_89dcc62694a11fe1.txt"
        if seed.is_file():
            sdoc = load(seed)
            checked.append((sdoc, recognise(sdoc, pack)))
        base = Config(select=("RED002",))
        with_lib = with_refs(base, refs_db=db_path)
        without = with_refs(base, refs_db=Path(tmp) / "none.sqlite3")
        lint_document(checked[0][0], with_lib, pack)  # open the database once, as a batch run does
        added, lookup, n_findings = [], [], 0
        ro = RefLibrary(db_path, readonly=True)
        for doc, rec in checked:
            t = time.perf_counter()
            res = lint_document(doc, with_lib, pack)
            t_with = time.perf_counter() - t
            t = time.perf_counter()
            lint_document(doc, replace(without), pack)
            t_without = time.perf_counter() - t
            added.append(t_with - t_without)
            n_findings += len(res.findings)
            sh = shingles_of(doc, rec)
            t = time.perf_counter()
            match_document(ro, sh, exclude_text=text_hash(doc))
            lookup.append(time.perf_counter() - t)

        def ms(xs: list[float]) -> str:
            return (f"median {statistics.median(xs) * 1000:.0f} ms, mean {statistics.mean(xs) * 1000:.0f} ms, "
                    f"max {max(xs) * 1000:.0f} ms")  # fmt: skip

        print(f"checked documents: {len(checked)} (RED002 findings: {n_findings})")
        print(f"time RED002 adds per document (check with library − without): {ms(added)}")
        print(f"library lookup alone (MinHash + band index + verification): {ms(lookup)}")
        ok = statistics.mean(added) < 0.2
        print("under 200 ms per document:", "yes" if ok else "NO")
        ro.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
