"""Cost of the process budget on the single-file path (issue 18 vs issue 17's 0.4 s target).

    python benchmarks/startup.py [FILE] [--runs 15]

1. In one process, after the imports a CLI run makes: the median cost of running a trivial function
   through ``run_protected`` (fork + pipe + result + kill), and of checking FILE in-process against
   checking it through ``run_protected`` (the difference is what the budget costs one file).
2. End to end: ``doclint check FILE --no-cache`` wall time, median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def noop() -> int:
    return 1


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "file", nargs="?", type=Path, default=HERE.parent / "samples" / "cong-van-hop-le.docx"
    )
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    import doclint.worker  # noqa: F401  (what the CLI parent imports before forking)
    from doclint.config import Config
    from doclint.engine import lint_path
    from doclint.worker_pool import run_protected

    config = Config()
    lint_path(args.file, config)  # warm: the first check builds lexicons etc.
    fork = median_time(lambda: run_protected(noop), args.runs)
    inline = median_time(lambda: lint_path(args.file, config), args.runs)
    guarded = median_time(lambda: run_protected(lint_path, str(args.file), config), args.runs)
    print(f"run_protected(noop): {fork * 1000:.1f} ms (fork, pipe, result, kill)")
    print(f"check in-process: {inline * 1000:.1f} ms; through run_protected: {guarded * 1000:.1f} ms "
          f"(+{(guarded - inline) * 1000:.1f} ms)")  # fmt: skip
    cli = [sys.executable, "-m", "doclint", "check", str(args.file), "--no-cache"]
    wall = median_time(lambda: subprocess.run(cli, capture_output=True), max(5, args.runs // 2))
    print(f"doclint check {args.file.name} --no-cache: {wall:.3f} s wall (median)")


if __name__ == "__main__":
    main()
