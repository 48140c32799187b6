"""Run doclint over the real corpus and print what it found: recognition rates against MANIFEST.tsv,
findings per rule (how many documents each rule fires on) and findings per document.

    .venv/bin/python benchmarks/corpus_report.py [--corpus ../shared/corpus] [--select CODES] [--docs]

Issued documents are mostly correct, so every finding here is a candidate false positive to look at.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from doclint.config import Config, split_codes
from doclint.engine import lint_path
from doclint.evaluation import MANIFEST_FORMATS, load_manifest, score_recognition, split_untrusted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    )
    parser.add_argument("--select", default="")
    parser.add_argument("--docs", action="store_true", help="also list findings per document")
    parser.add_argument("--formats", default=",".join(MANIFEST_FORMATS))
    args = parser.parse_args()
    corpus = Path(args.corpus)
    rows = [
        r
        for r in load_manifest(corpus)
        if Path(r["local_file"]).suffix.lstrip(".") in args.formats.split(",")
    ]
    config = Config(select=split_codes(args.select))
    per_rule: collections.Counter[str] = collections.Counter()
    docs_per_rule: dict[str, set[str]] = collections.defaultdict(set)
    per_doc: list[tuple[str, str, collections.Counter[str]]] = []
    started = time.perf_counter()
    results = []
    for row in rows:
        result = lint_path(corpus / row["local_file"], config, keep_document=True)
        results.append((row, result))
        counts = collections.Counter(f.code for f in result.findings)
        per_rule.update(counts)
        for code in counts:
            docs_per_rule[code].add(row["local_file"])
        per_doc.append(
            (row["local_file"], result.family or (result.error.code if result.error else "?"), counts)
        )
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} documents in {elapsed:.1f} s\n")
    trusted, left = split_untrusted(results)
    print("Recognition against MANIFEST.tsv")
    if left:
        print(f"  ({len(left)} files without a text layer to read are counted apart:")
        for path, why in left:
            print(f"      {why:6s} {path}")
        print("  )")
    for name, (hits, total, misses) in score_recognition(trusted).items():
        rate = hits / total if total else 1.0
        print(f"  {name:22s} {hits:3d}/{total:3d} = {rate:6.1%}")
        for miss in misses:
            print(f"      miss: {miss}")
    issued = {
        row["local_file"]
        for row, result in results
        if result.family == "administrative" and "draft" not in row["status_guess"]
    }
    admin = {row["local_file"] for row, result in results if result.family == "administrative"}
    print(f"\nFindings per rule: documents hit (of {len(rows)}), of them administrative (of {len(admin)}),")
    print(f"non-draft administrative (of {len(issued)}), and findings")
    for code, count in sorted(per_rule.items(), key=lambda kv: (-len(docs_per_rule[kv[0]]), kv[0])):
        docs = docs_per_rule[code]
        print(
            f"  {code:8s} {len(docs):3d} docs {len(docs & admin):3d} admin {len(docs & issued):3d} non-draft"
            f" {count:5d} findings"
        )
    if args.docs:
        print("\nFindings per document")
        for path, family, counts in per_doc:
            summary = ", ".join(f"{c}×{n}" for c, n in sorted(counts.items())) or "—"
            print(f"  {path[:60]:60s} {family:14s} {summary}")


if __name__ == "__main__":
    main()
