"""Citation extraction and CIT/ABBR/CAP findings over the shared corpus (text/ and docx/).

    python benchmarks/citations_corpus.py count            # citations extracted per folder
    python benchmarks/citations_corpus.py sample [N] [SEED] # a random sample of mentions with context
    python benchmarks/citations_corpus.py rules            # per-rule counts of CIT/ABBR/CAP findings
    python benchmarks/citations_corpus.py coverage         # number-shaped strings the extractor missed

Finds ``shared/corpus`` by walking up from this file. Nothing is written.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path


def corpus_dir() -> Path:
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared" / "corpus"
    raise SystemExit("shared/corpus not found")


def files() -> list[Path]:
    root = corpus_dir()
    return sorted((root / "text").glob("*.txt")) + sorted((root / "docx").glob("*.docx"))


def analyse(path: Path):
    from doclint.config import Config
    from doclint.context import Context
    from doclint.load import load
    from doclint.recognise import recognise
    from doclint.rulepack import load_pack

    doc = load(str(path))
    pack = load_pack()
    rec = recognise(doc, pack)
    ctx = Context(doc=doc, rec=rec, config=Config(stage="final"), pack=pack)
    return doc, rec, ctx


def count() -> None:
    totals: Counter[str] = Counter()
    for path in files():
        try:
            _doc, _rec, ctx = analyse(path)
        except Exception as exc:  # report and go on
            print(f"{path.name}: {exc}")
            continue
        cits = ctx.analysis("citations")
        folder = path.parent.name
        for m in cits.mentions:
            totals[(folder, m.kind)] += 1
        totals[(folder, "documents")] += len(cits.documents)
    for key, n in sorted(totals.items()):
        print(f"{key[0]:6} {key[1]:10} {n}")


def sample(n: int = 50, seed: int = 20260531) -> None:
    mentions = []
    for path in files():
        try:
            doc, _rec, ctx = analyse(path)
        except Exception:
            continue
        for m in ctx.analysis("citations").mentions:
            if m.kind in ("number", "name"):
                mentions.append((path.name, doc.blocks[m.block].text, m))
    rng = random.Random(seed)
    picked = rng.sample(mentions, min(n, len(mentions)))
    print(f"{len(mentions)} number/name mentions; sample of {len(picked)} (seed {seed})")
    for i, (name, text, m) in enumerate(picked, 1):
        ctx_start = max(0, m.start - 40)
        print(f"\n#{i} {name} block {m.block} [{m.kind}/{m.family}] zone={m.zone}")
        print(f"   context: …{text[ctx_start : m.end + 40]}…")
        print(f"   type={m.type_word!r} so={m.has_so} number={m.number_raw!r} law={m.law_name!r}")
        print(f"   date={m.date.iso() if m.date else None} issuer={m.issuer_text!r}")
        print(f"   trich_yeu={m.trich_yeu!r}")


def rules() -> None:
    from doclint.engine import run_checks

    per_rule: Counter[str] = Counter()
    per_file: dict[str, Counter[str]] = {}
    for path in files():
        try:
            _doc, rec, ctx = analyse(path)
        except Exception as exc:
            print(f"{path.name}: {exc}")
            continue
        for f in run_checks(ctx):
            if f.code.startswith(("CIT", "ABBR", "CAP")) or f.code == "DOC005":
                per_rule[f.code] += 1
                per_file.setdefault(path.name, Counter())[f.code] += 1
                if "-v" in sys.argv:
                    print(
                        f"{path.name} {rec.family} {f.code} b{f.location.block}: {f.excerpt!r} -> {f.suggestion!r}"
                    )
    print("per rule:", dict(sorted(per_rule.items())))
    print("files with findings:", len(per_file), "of", len(files()))


def coverage() -> None:
    """Every number-shaped string (outside the document's own "Số:" line) should be a mention."""
    import re

    loose = re.compile(
        r"(?<![\w/])\d{1,5}(?:\.\d+)?\s?[/-]\s?(?:(?:19|20)\d\d\s?/\s?)?[A-ZĐ][A-Za-zĐđ]*"
        r"(?:\s?[-/]\s?[A-ZĐ0-9][A-Za-zĐđ0-9]*)+"
    )
    total = found = 0
    for path in files():
        doc, _rec, ctx = analyse(path)
        starts = {
            (m.block, m.number_start)
            for m in ctx.analysis("citations").mentions
            if m.number_start is not None
        }
        for block in doc.blocks:
            for m in loose.finditer(block.text):
                if re.search(r"(?:^|[;,]\s*)Số\s*:?\s*$", block.text[: m.start()]):
                    continue
                total += 1
                if (block.index, m.start()) in starts:
                    found += 1
                else:
                    print(
                        f"missed: {path.name} b{block.index}: {block.text[max(0, m.start() - 40) : m.end() + 10]!r}"
                    )
    print(f"{found} of {total} number-shaped strings extracted")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "count"
    if cmd == "sample":
        args = [a for a in sys.argv[2:] if not a.startswith("-")]
        sample(int(args[0]) if args else 50, int(args[1]) if len(args) > 1 else 20260531)
    elif cmd == "rules":
        rules()
    elif cmd == "coverage":
        coverage()
    else:
        count()
