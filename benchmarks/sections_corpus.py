"""SEC findings on the real corpus: a table per document type and rule, then every finding, for review.

    .venv/bin/python benchmarks/sections_corpus.py [--corpus ../shared/corpus] [--formats docx,txt,pdf,doc]
        [--issued-only] [--markdown] [--deletions]

Issued documents are mostly correct: each SEC finding on them is either a real gap or a heading written in
a way the skeleton (rules/nd30/sections.toml) should accept. Formats whose loader is missing are skipped
with a note (the unreadable files are counted, not linted).

--deletions measures the other side: for every section a document has (a heading, a line, the
"QUYẾT ĐỊNH:" line), blank that paragraph out and check that SEC001 now names the section.
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
    return status.startswith("issued") or "numbered/issued" in status or "issued document" in status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    )
    parser.add_argument("--formats", default="docx,txt,pdf,doc")
    parser.add_argument("--issued-only", action="store_true", help="only documents the manifest calls issued")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--deletions", action="store_true", help="delete each found section, expect SEC001")
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
    table.append(
        [
            "all",
            str(sum(docs_per_type.values())),
            *(str(sum(per_type[k][c] for k in per_type)) for c in CODES),
        ]
    )
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
    if args.deletions:
        deletions(corpus, rows)


def deletions(corpus: Path, rows: list[dict[str, str]]) -> None:
    """Blank out each found section (a heading with everything under it up to the next heading of the
    same or a higher level; a line; the "QUYẾT ĐỊNH:" line); SEC001 must then name it."""
    import copy

    from doclint.context import Context
    from doclint.engine import lint_document
    from doclint.load import load
    from doclint.recognise import recognise
    from doclint.rulepack import load_pack

    pack = load_pack()
    config = Config(select=("SEC001",))
    tried = caught = 0
    misses: list[str] = []
    for row in rows:
        try:
            doc = load(corpus / row["local_file"])
        except Exception:
            continue
        rec = recognise(doc, pack)
        if rec.family != "administrative":
            continue
        result = Context(doc=doc, rec=rec, config=config, pack=pack).analysis("sections")
        if result.skeleton is None:
            continue
        body_end = rec.body_end if rec.body_end is not None else len(doc.blocks) - 1
        for hit in result.hits:
            spec = hit.spec
            if not hit.found or spec.where not in ("heading", "line", "enactment") or spec.severity == "off":
                continue
            blocks = [hit.block]
            if hit.heading is not None:
                following = result.headings[result.headings.index(hit.heading) + 1 :]
                nxt = next((h for h in following if h.rank <= hit.heading.rank), None)
                stop = nxt.block if nxt is not None else body_end + 1
                blocks = list(range(hit.block, stop))
            mutated = copy.deepcopy(doc)
            for index in blocks:
                mutated.blocks[index].text, mutated.blocks[index].runs = "", []
            found = lint_document(mutated, config, pack)
            tried += 1
            if any(spec.name_vi in f.vi for f in found.findings):
                caught += 1
            else:
                misses.append(f"{row['local_file'][:60]} {spec.key} ({hit.text[:50]})")
    print(f"\nDeleted sections caught by SEC001: {caught}/{tried}")
    for miss in misses:
        print(f"  still found elsewhere: {miss}")


if __name__ == "__main__":
    main()
