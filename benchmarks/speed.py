"""Issue 17 side by side, in one run, on the corpus files: doclint against the libraries it reads with.

    .venv/bin/python benchmarks/speed.py [--corpus ../shared/corpus] [--runs 11] [--repeat 2] [--quick]
                                         [--skip startup,docx,pdf,batch]

1. Start-up: ``doclint check small.docx --no-cache`` against ``python -c "import docx;
   docx.Document(f)"``, run alternately ``--runs`` times each as a user runs them (new processes):
   median wall time and median CPU time (the process and its workers), and the ratios.
2. DOCX: doclint's full check (load, recognition, every rule) against python-docx opening the file and
   reading every paragraph and run (body and table cells), in this process, best of ``--repeat`` runs
   per file in CPU time, alternating which goes first: the ratio full/python-docx per file, its median
   and 90th percentile over the corpus DOCX (targets 2.5× and 4×).
3. PDF: doclint's full check against pdfplumber ``extract_words`` over every page, the same way: the
   median ratio over the corpus PDFs (target 0.2×); scans doclint refuses (DOC002) are left out.
4. Batch: the whole corpus folder through ``check_paths`` (the CLI's batch) with ``--jobs 1`` and
   ``--jobs 2``, each in a fresh process: documents per second (wall), CPU per document, the scaling
   (target ≥ 1.8×), what the machine itself gives a CPU-bound ``multiprocessing.Pool`` right now, the
   scaling the CPU times predict on an idle machine, and the peak memory of a worker.

CPU time where the machine is shared: with the load average above the number of cores, wall times
mostly measure the neighbours (the load is printed with each section). Before measuring, the
package's bytecode is compiled (``compileall``; an installed package has it, a checkout run with
``PYTHONDONTWRITEBYTECODE`` would not) and doclint's cache folder is warmed (the parsed rule pack,
lexicon and pattern codes, as after the first run on a machine); ``--no-cache`` is about results
only.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import hashlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from batch import machine_scaling, python_docx_baseline  # noqa: E402

SMALL = REPO / "samples" / "cong-van-hop-le.docx"


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu(fn, *args) -> tuple[float, object]:
    started = time.process_time()
    out = fn(*args)
    return time.process_time() - started, out


# ------------------------------------------------------------------------------ 1: start-up


def startup(runs: int) -> list[tuple[str, str]]:
    env = {**os.environ, "DOCLINT_NO_PROGRESS": "1"}
    commands = {
        "doclint": [sys.executable, "-m", "doclint", "check", str(SMALL), "--no-cache"],
        "docx": [sys.executable, "-c", "import sys, docx; docx.Document(sys.argv[1])", str(SMALL)],
        "python": [sys.executable, "-c", "pass"],
    }
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    subprocess.run(commands["doclint"], env=env, capture_output=True)  # warms the cache folder
    for i in range(runs):
        order = list(commands) if i % 2 == 0 else list(reversed(commands))
        for name in order:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(commands[name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls[name].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    wall = {k: statistics.median(v) for k, v in walls.items()}
    cpu_ = {k: statistics.median(v) for k, v in cpus.items()}
    return [
        ("start-up", f"{SMALL.name}, {runs} runs each, alternating; {load_text()}"),
        ("  python -c pass (the interpreter alone)", f"{wall['python']:.3f} s wall, {cpu_['python']:.3f} s CPU"),
        ("  python -c 'import docx; docx.Document(f)'", f"{wall['docx']:.3f} s wall, {cpu_['docx']:.3f} s CPU"),
        (
            "  doclint check small.docx --no-cache",
            f"{wall['doclint']:.3f} s wall, {cpu_['doclint']:.3f} s CPU (with its worker)",
        ),
        (
            "  ratio doclint / python-docx (target ≤ 2×, ≤ 0.4 s wall)",
            f"{wall['doclint'] / wall['docx']:.2f}× wall, {cpu_['doclint'] / cpu_['docx']:.2f}× CPU",
        ),
    ]  # fmt: skip


# ------------------------------------------------------------------------------ 2: DOCX


def docx_ratios(files: list[Path], repeat: int) -> tuple[list[tuple[str, str]], list[tuple]]:
    from doclint.config import Config
    from doclint.engine import lint_path

    config = Config()
    lint_path(files[0], config)  # imports, lexicon, patterns: paid once per process
    python_docx_baseline(files[0])
    per_file = []
    for i, path in enumerate(files):
        best = {"base": float("inf"), "full": float("inf")}
        for r in range(repeat):
            order = ("base", "full") if (i + r) % 2 == 0 else ("full", "base")
            for name in order:
                fn = python_docx_baseline if name == "base" else (lambda p: lint_path(p, config))
                try:
                    t, _ = cpu(fn, path)
                except Exception:  # python-docx cannot open it (doclint reports DOC001): not comparable
                    t = float("nan")
                best[name] = min(best[name], t)
        if best["base"] == best["base"] and best["base"] > 0:
            per_file.append((best["full"] / best["base"], best["base"], best["full"], path.name))
    ratios = [r[0] for r in per_file]
    worst = max(per_file)
    rows = [
        ("DOCX", f"{len(per_file)} corpus files, CPU, best of {repeat}; {load_text()}"),
        ("  python-docx reads every paragraph and run (median)", f"{statistics.median(r[1] for r in per_file) * 1000:.1f} ms"),
        ("  doclint full check (median)", f"{statistics.median(r[2] for r in per_file) * 1000:.1f} ms"),
        (
            "  ratio full / python-docx (target median ≤ 2.5×, p90 ≤ 4×)",
            f"median {statistics.median(ratios):.2f}×, p90 {pct(ratios, 0.9):.2f}×, "
            f"totals {sum(r[2] for r in per_file) / sum(r[1] for r in per_file):.2f}×",
        ),
        ("  worst", f"{worst[0]:.2f}× ({worst[2] * 1000:.0f} ms vs {worst[1] * 1000:.0f} ms) {worst[3][:50]}"),
    ]  # fmt: skip
    return rows, per_file


# ------------------------------------------------------------------------------ 3: PDF


def pdf_ratios(files: list[Path], repeat: int) -> tuple[list[tuple[str, str]], list[tuple]]:
    from pdf_load import plain

    from doclint.config import Config
    from doclint.engine import lint_path

    config = Config()
    lint_path(files[0], config)
    plain(files[0])
    per_file = []
    refused = 0
    for i, path in enumerate(files):
        best = {"plain": float("inf"), "full": float("inf")}
        code = None
        for r in range(repeat):
            order = ("plain", "full") if (i + r) % 2 == 0 else ("full", "plain")
            for name in order:
                if name == "plain":
                    t, _ = cpu(plain, path)
                else:
                    t, result = cpu(lint_path, path, config)
                    code = result.error.code if result.error else None
                best[name] = min(best[name], t)
        if code is not None:  # a scan (DOC002) or a file doclint cannot read
            refused += 1
            continue
        per_file.append((best["full"] / best["plain"], best["plain"], best["full"], path.name))
    ratios = [r[0] for r in per_file]
    rows = [
        ("PDF", f"{len(per_file)} corpus files ({refused} refused: scans), CPU, best of {repeat}; {load_text()}"),
        ("  pdfplumber extract_words, every page (median)", f"{statistics.median(r[1] for r in per_file) * 1000:.1f} ms"),
        ("  doclint full check (median)", f"{statistics.median(r[2] for r in per_file) * 1000:.1f} ms"),
        (
            "  ratio full / pdfplumber (target median ≤ 0.2×)",
            f"median {statistics.median(ratios):.3f}×, p90 {pct(ratios, 0.9):.3f}×, "
            f"totals {sum(r[2] for r in per_file) / sum(r[1] for r in per_file):.3f}×",
        ),
    ]  # fmt: skip
    return rows, per_file


# ------------------------------------------------------------------------------ 4: batch


def batch_child(corpus: str, jobs: int) -> None:
    """One batch over the corpus's document folders (docx, pdf, doc, text: not its README) in this
    (fresh) process; prints what it measured as JSON."""
    from doclint.batch import BatchStats, check_paths, iter_files

    os.environ["DOCLINT_NO_PROGRESS"] = "1"
    started = time.perf_counter()
    folders = [p for p in sorted(Path(corpus).iterdir()) if p.is_dir()]
    files = list(iter_files(folders))
    stats = BatchStats()
    results = check_paths(files, None, {}, jobs=jobs, use_cache=False, stats=stats)
    seconds = time.perf_counter() - started
    self_cpu = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    digest = json.dumps(
        [(r.path, r.error.code if r.error else None, [(f.code, f.location.block, f.vi) for f in r.findings])
         for r in results], ensure_ascii=False)  # fmt: skip
    print(json.dumps({
        "files": len(results), "seconds": seconds, "jobs": stats.jobs,
        "main_cpu": self_cpu.ru_utime + self_cpu.ru_stime,
        # workers forked from a fork server are not this process's children: their own count then
        "worker_cpu": max(children.ru_utime + children.ru_stime, stats.worker_cpu_seconds),
        "worker_rss_kb": max(stats.worker_peak_rss_kb, default=0),
        "workers": stats.workers_started, "timeouts": stats.timeouts, "load": os.getloadavg()[0],
        "digest": hashlib.sha256(digest.encode("utf-8", "surrogatepass")).hexdigest(),
    }))  # fmt: skip


def batch(corpus: Path) -> list[tuple[str, str]]:
    runs = {}
    for jobs in (1, 2):
        out = subprocess.run(
            [sys.executable, __file__, "--batch-child", str(corpus), "--jobs", str(jobs)],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        runs[jobs] = json.loads(out.strip().splitlines()[-1])
    control = machine_scaling(2)
    one, two = runs[1], runs[2]
    n = one["files"]

    def rate(run: dict) -> str:
        total = run["main_cpu"] + run["worker_cpu"]
        return (
            f"{n / run['seconds']:.2f} docs/s ({run['seconds']:.0f} s wall; CPU {total:.0f} s = "
            f"{total * 1000 / n:.0f} ms/doc; load {run['load']:.1f})"
        )

    idle = two["worker_cpu"] / (two["worker_cpu"] / 2 + two["main_cpu"])
    return [
        ("batch", f"the whole corpus folder, {n} files, no result cache; {load_text()}"),
        ("  --jobs 1", rate(one)),
        ("  --jobs 2", rate(two)),
        ("  scaling wall --jobs 1 / --jobs 2 (target ≥ 1.8×)", f"{one['seconds'] / two['seconds']:.2f}×"),
        ("  what the machine gives a CPU-bound multiprocessing.Pool now, 1 vs 2", f"{control:.2f}×"),
        ("  scaling on an idle machine, from the CPU times", f"{idle:.2f}×"),
        (
            "  peak memory per worker",
            f"{two['worker_rss_kb'] / 1024:.0f} MB with --jobs 2, {one['worker_rss_kb'] / 1024:.0f} MB with --jobs 1",
        ),
        ("  same findings with --jobs 1 and 2; timeouts", f"{'yes' if one['digest'] == two['digest'] else 'NO'}; "
                                                          f"{one['timeouts'] + two['timeouts']}"),
    ]  # fmt: skip


# ------------------------------------------------------------------------------ main


def print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=11, help="start-up runs of each command")
    parser.add_argument("--repeat", type=int, default=2, help="runs per file (the best counts)")
    parser.add_argument(
        "--quick", action="store_true", help="5 start-up runs, every 4th corpus file, no batch"
    )
    parser.add_argument("--skip", default="", help="comma-separated: startup,docx,pdf,batch")
    parser.add_argument("--per-file", help="write the DOCX and PDF per-file ratios here (TSV)")
    parser.add_argument("--batch-child")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.batch_child:
        batch_child(args.batch_child, args.jobs)
        return 0
    corpus = Path(args.corpus)
    if not (corpus / "MANIFEST.tsv").is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    skip = set(filter(None, args.skip.split(",")))
    if args.quick:
        skip.add("batch")
        args.runs = min(args.runs, 5)
    with contextlib.redirect_stdout(io.StringIO()):
        compileall.compile_dir(str(REPO / "doclint"), quiet=1)
    print(f"doclint issue 17 benchmarks — Python {sys.version.split()[0]}, {load_text()}")
    step = 4 if args.quick else 1
    docx_files = sorted((corpus / "docx").glob("*.docx"))[::step]
    pdf_files = sorted((corpus / "pdf").glob("*.pdf"))[::step]
    rows: list[tuple[str, str]] = []
    per_file: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="doclint-speed-"):
        if "startup" not in skip:
            rows += startup(args.runs)
            print_table(rows[-5:])
        if "docx" not in skip:
            got, files = docx_ratios(docx_files, args.repeat)
            rows += got
            per_file += [("docx", *f) for f in files]
            print_table(got)
        if "pdf" not in skip:
            got, files = pdf_ratios(pdf_files, args.repeat)
            rows += got
            per_file += [("pdf", *f) for f in files]
            print_table(got)
        if "batch" not in skip:
            got = batch(corpus)
            rows += got
            print_table(got)
    if args.per_file:
        with open(args.per_file, "w", encoding="utf-8") as fh:
            fh.write("kind\tratio\tbaseline_s\tdoclint_s\tfile\n")
            for kind, ratio, base, full, name in sorted(per_file, key=lambda r: (r[0], -r[1])):
                fh.write(f"{kind}\t{ratio:.3f}\t{base:.4f}\t{full:.4f}\t{name}\n")
    print("\n== side by side ==")
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
