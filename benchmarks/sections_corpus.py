"""SEC findings on the real corpus: a table per document type and rule, then every finding, for review.

    .venv/bin/python benchmarks/sections_corpus.py [--corpus ../shared/corpus] [--formats docx,txt,pdf,doc]
        [--issued-only] [--markdown]

Issued documents are mostly correct: each SEC finding on them is either a real gap or a heading written in
a way the skeleton (rules/nd30/sections.toml) should accept. Formats whose loader is missing are skipped
with a note (the unreadable files are counted, not linted).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from doclint.config import Config
from doclint.engine import lint_path
from doclint.evaluation import load_manifest

CODES = ("SEC001", "SEC002", "SEC003", "SEC004", "SEC005")


def is_issued(row: dict[str, str]) -> bool:
    status = row.get("status_guess", "").lower()
    return "issued" in status or "numbered" in status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    )
    parser.add_argument("--formats", default="docx,txt,pdf,doc")
    parser.add_argument("--issued-only", action="store_true", help="only documents the manifest calls issued")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    formats = {f".{f.strip().lstrip('.')}" for f in args.formats.split(",")}
    rows = [r for r in load_manifest(corpus) if Path(r["local_file"]).suffix in formats]
    if args.issued_only:
        rows = [r for r in rows if is_issued(r)]
    config = Config(select=("SEC",))
    started = time.perf_counter()
    per_type: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    docs_per_type: collections.Counter[str] = collections.Counter()
    findings: list[tuple[str, str, str, str, str]] = []
    unreadable: collections.Counter[str] = collections.Counter()
    for row in rows:
        result = lint_path(corpus / row["local_file"], config)
        if result.error is not None:
            unreadable[Path(row["local_file"]).suffix] += 1
            continue
        if result.family != "administrative":
            continue  # SEC rules are NĐ 30 rules: normative, Party and other documents are left alone
        kind = result.doc_type or "?"
        docs_per_type[kind] += 1
        for f in result.findings:
            if f.code in CODES:
                per_type[kind][f.code] += 1
                findings.append((row["local_file"], kind, f.code, f.severity or "", f.vi))
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} documents in {elapsed:.1f} s; administrative ones by type: {dict(docs_per_type)}")
    if unreadable:
        print(f"unreadable (loader missing or file broken): {dict(unreadable)}")
    header = ["type", "docs", *CODES]
    table = [
        [kind, str(docs_per_type[kind]), *(str(per_type[kind][c] or "") for c in CODES)]
        for kind in sorted(docs_per_type)
    ]
    table.append(["all", str(sum(docs_per_type.values())), *(str(sum(per_type[k][c] for k in per_type)) for c in CODES)])
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for line in table:
            print("| " + " | ".join(line) + " |")
    else:
        for line in [header, *table]:
            print("  ".join(f"{cell:7s}" for cell in line))
    print("\nEvery finding:")
    for path, kind, code, severity, message in findings:
        print(f"  {path[:64]:64s} {kind:4s} {code} {severity:7s} {message}")


if __name__ == "__main__":
    main()
