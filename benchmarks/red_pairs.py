"""RED002 precision and recall on the corpus's draft → issued chains.

MANIFEST.tsv notes "near-identical text to X" for versions of one document (draft, pre-issue Word
text, signed PDF). For each such ordered pair (A, B) whose files doclint can read:
- positive trial: the library holds A only; checking B must report RED002 as a near-total copy;
- negative trial: the library holds one unrelated document U (the next readable corpus file that is in
  no chain with B and comes from another folder); checking B must report no RED002 at all;
- "whole corpus" trial: the library holds every readable corpus file outside B's chain; RED002
  findings on B there are counted too (passages shared by unrelated documents of one office).

Run: python benchmarks/red_pairs.py [CORPUS_DIR]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from doclint.config import Config
from doclint.engine import lint_document
from doclint.errors import LoadError
from doclint.load import load
from doclint.recognise import recognise
from doclint.refs import RefLibrary, with_refs
from doclint.rulepack import load_pack


def find_corpus() -> Path | None:
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "corpus" / "MANIFEST.tsv").is_file():
            return folder / "shared" / "corpus"
    return None


def read_manifest(corpus: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    related: dict[str, set[str]] = {}
    folder_of: dict[str, str] = {}
    for line in (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 9:
            continue
        name, notes = cols[0], cols[8]
        related.setdefault(name, set()).update(re.findall(r"near-identical text to (\S+)", notes))
        folder_of[name] = cols[2].rsplit("/", 1)[0]
    return related, folder_of


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else find_corpus()
    if corpus is None or not corpus.is_dir():
        print("corpus not found")
        return 1
    related, folder_of = read_manifest(corpus)
    pack = load_pack()
    docs = {}
    for name in sorted(related):
        try:
            doc = load(corpus / name)
        except LoadError:
            continue
        docs[name] = (doc, recognise(doc, pack))
    chain = {n: {n} | related.get(n, set()) for n in docs}
    applies = {n for n, (_, rec) in docs.items() if rec.family in ("administrative", "party")}
    every = [(a, b) for b in docs for a in sorted(related.get(b, ())) if a in docs]
    same_text = [(a, b) for a, b in every if docs[a][0].text == docs[b][0].text]
    # RED applies to administrative and Party documents; a version with the very same text is the same
    # document (the checked text finds itself in the library and is not its own copy)
    pairs = [(a, b) for a, b in every if b in applies and (a, b) not in same_text]
    print(f"ordered pairs: {len(every)}; not administrative/Party (RED skipped): "
          f"{sum(1 for _, b in every if b not in applies)}; identical text: {len(same_text)}")  # fmt: skip
    unreadable = sum(1 for b in related for a in related[b] if a not in docs or b not in docs)
    print(f"readable files: {len(docs)}; ordered near-identical pairs readable: {len(pairs)} "
          f"(pairs with an unreadable side skipped: {unreadable})")  # fmt: skip
    base = Config(select=("RED002",))
    tp = fn = fp_one = fp_all = neg_trials = 0
    names = sorted(docs)
    times = []
    with tempfile.TemporaryDirectory() as tmp:

        def library(members: list[str], tag: str) -> Path:
            path = Path(tmp) / f"{tag}.sqlite3"
            if not path.exists():
                lib = RefLibrary(path)
                for m in members:
                    lib.add_document(*docs[m])
                lib.close()
            return path

        for a, b in pairs:
            doc_b = docs[b][0]
            cfg = with_refs(base, refs_db=library([a], f"pos-{names.index(a)}"))
            t = time.perf_counter()
            found = lint_document(doc_b, cfg, pack).findings
            times.append(time.perf_counter() - t)
            near_total = [f for f in found if "gần như toàn bộ" in f.vi]
            if near_total:
                tp += 1
            else:
                fn += 1
                print(f"  MISS  {b} with {a} in the library: {[f.vi[:90] for f in found][:2]}")
        for b in sorted({b for _, b in pairs}):  # negatives: the checked documents of the positives
            doc_b = docs[b][0]
            start = names.index(b)
            unrelated = next(
                (n for n in names[start + 1 :] + names[:start]
                 if n not in chain[b] and not (chain[n] & chain[b]) and folder_of.get(n) != folder_of.get(b)),
                None,
            )  # fmt: skip
            if unrelated is None:
                continue
            neg_trials += 1
            cfg = with_refs(base, refs_db=library([unrelated], f"neg-{names.index(unrelated)}"))
            found = lint_document(doc_b, cfg, pack).findings
            if found:
                fp_one += 1
                print(f"  FALSE {b} with unrelated {unrelated}: {found[0].vi[:100]}")
            others = [n for n in names if n not in chain[b] and not (chain[n] & chain[b])]
            cfg = with_refs(base, refs_db=library(others, f"all-{names.index(b)}"))
            found = lint_document(doc_b, replace(cfg), pack).findings
            if found:
                fp_all += 1
                print(f"  whole-corpus library, {b}: {len(found)} RED002: {found[0].vi[:110]}")
    precision = tp / (tp + fp_one) if tp + fp_one else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"positive trials {tp + fn}: near-total copy reported {tp}, missed {fn}")
    print(f"negative trials {neg_trials} (one unrelated document): any RED002 reported {fp_one}")
    print(f"whole-corpus library (all unrelated documents): files with any RED002 {fp_all} of {neg_trials}")
    print(f"RED002 document level: precision {precision:.2f}, recall {recall:.2f}")
    if times:
        print(
            f"check time per document (library of one): median {sorted(times)[len(times) // 2] * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
