"""PDF speed: doclint's full check (PDFium engine) against plain pdfplumber ``extract_words`` on the same file.

Usage: python benchmarks/pdf_load.py [FOLDER_OR_FILES...] [--repeat N] [--engine pdfium|pdfplumber]
(default: ../shared/corpus/pdf)

Both sides run in this process on every file, alternating which goes first, best of ``--repeat``
runs per file, in CPU time (the machine is shared: wall time measures the neighbours). Columns:
pdfplumber ``extract_words`` over every page; doclint's PDF load alone; the full check (load,
recognition, every rule); the ratio full/pdfplumber. The medians over the files are printed last
(target: full check at most 0.2 × pdfplumber, issue 17). Files doclint refuses (scans: DOC002) are
listed but left out of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pdfplumber

from doclint.config import Config
from doclint.engine import lint_document
from doclint.errors import LoadError
from doclint.load.pdf import load_pdf
from doclint.rulepack import load_pack


def find_corpus() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus" / "pdf"
        if candidate.is_dir():
            return candidate
    return None


def plain(path: Path) -> int:
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            page.flush_cache()
    return n


def cpu(fn, *args) -> tuple[float, object]:
    start = time.process_time()
    out = fn(*args)
    return time.process_time() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--engine", default="pdfium")
    args = parser.parse_args()
    files: list[Path] = []
    roots = [Path(p) for p in args.paths] or [r for r in [find_corpus()] if r]
    for root in roots:
        files.extend(sorted(root.glob("*.pdf")) if root.is_dir() else [root])
    if not files:
        print("no PDF files (corpus not found)", file=sys.stderr)
        return 2
    config = Config()
    pack = load_pack(config.packs)

    def load(path: Path):
        try:
            return load_pdf(path, args.engine)
        except LoadError as err:
            return err

    def full(path: Path):
        doc = load(path)
        if isinstance(doc, LoadError):
            return doc
        return lint_document(doc, config, pack)

    full(files[0])  # imports, compiled patterns, lexicons: paid once per process
    rows = []
    print(
        f"{'pdfplumber':>10s} {'load':>8s} {'full':>8s} {'full/plb':>8s}  file (CPU seconds, best of {args.repeat})"
    )
    for i, path in enumerate(files):
        best = {"plain": float("inf"), "load": float("inf"), "full": float("inf")}
        refused = None
        for r in range(args.repeat):
            order = ("plain", "load", "full") if (i + r) % 2 == 0 else ("full", "load", "plain")
            for name in order:
                fn = {"plain": plain, "load": load, "full": full}[name]
                t, out = cpu(fn, path)
                best[name] = min(best[name], t)
                if isinstance(out, LoadError):
                    refused = out.code
        ratio = best["full"] / best["plain"] if best["plain"] > 0 else float("nan")
        note = f"  [{refused}]" if refused else ""
        print(
            f"{best['plain']:10.3f} {best['load']:8.3f} {best['full']:8.3f} {ratio:8.2f}x  {path.name[:60]}{note}",
            flush=True,
        )
        if not refused:
            rows.append((best["plain"], best["load"], best["full"], ratio))
    if not rows:
        return 1
    med = [statistics.median(r[k] for r in rows) for k in range(4)]
    ratios = sorted(r[3] for r in rows)
    p90 = ratios[min(len(ratios) - 1, int(0.9 * len(ratios)))]
    total = sum(r[2] for r in rows) / sum(r[0] for r in rows)
    print(
        f"\nfiles: {len(rows)} checked ({len(files) - len(rows)} refused)   medians: pdfplumber {med[0]:.3f}s  "
        f"load {med[1]:.3f}s  full {med[2]:.3f}s\nfull check / pdfplumber extract_words: median {med[3]:.2f}x, "
        f"p90 {p90:.2f}x, totals {total:.2f}x (target: median <= 0.2x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
