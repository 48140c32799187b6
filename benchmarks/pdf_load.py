"""PDF extraction speed: doclint's load_pdf against plain pdfplumber ``extract_words`` on the same files.

Usage: python benchmarks/pdf_load.py [FOLDER_OR_FILES...]   (default: ../shared/corpus/pdf)

Both sides run in this process on every file, alternating which goes first, best of ``--repeat``
runs per file; the ratio of the totals is printed (target: at most 1.3).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pdfplumber

from doclint.errors import LoadError
from doclint.load.pdf import load_pdf


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


def ours(path: Path) -> int:
    try:
        return len(load_pdf(path).blocks)
    except LoadError:
        return 0


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    files: list[Path] = []
    roots = [Path(p) for p in args.paths] or [r for r in [find_corpus()] if r]
    for root in roots:
        files.extend(sorted(root.glob("*.pdf")) if root.is_dir() else [root])
    if not files:
        print("no PDF files (corpus not found)", file=sys.stderr)
        return 2
    total_plain = total_ours = 0.0
    for i, path in enumerate(files):
        best_plain = best_ours = float("inf")
        for r in range(args.repeat):
            order = (plain, ours) if (i + r) % 2 == 0 else (ours, plain)
            for fn in order:
                t = timed(fn, path)
                if fn is plain:
                    best_plain = min(best_plain, t)
                else:
                    best_ours = min(best_ours, t)
        total_plain += best_plain
        total_ours += best_ours
        print(f"{best_plain:7.3f}s {best_ours:7.3f}s {best_ours / best_plain:5.2f}x  {path.name[:60]}")
    print(
        f"files: {len(files)}  pdfplumber extract_words: {total_plain:.2f}s  doclint load_pdf: "
        f"{total_ours:.2f}s  ratio: {total_ours / total_plain:.2f}x (target <= 1.3x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
