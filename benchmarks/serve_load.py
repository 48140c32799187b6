"""Load on ``doclint serve``, side by side with the batch CLI on the same files (a script, not a test).

    .venv/bin/python benchmarks/serve_load.py [--clients 1,2,4,8] [--seconds 60] [--files 65]
                                              [--jobs N] [--corpus ../shared/corpus]

Loopback only (the server is started here on 127.0.0.1 and a free port, and stopped at the end);
every loop is bounded in count (the file list × ``--passes``) and in time (``--seconds`` per level).

1. The batch CLI: ``doclint check FILES --format json --no-cache --jobs N`` on the corpus DOCX files,
   documents per second (wall clock of the command, start-up included).
2. The server, idle: one client posts one 5-page DOCX of the corpus (its ``docProps/app.xml`` says 5
   pages) 20 times, one after the other: p50 / p95 latency (target p95 ≤ 1 s); then 10 times as the
   page does (``/ui/check``: the check plus the view and every download).
3. The server under load: K clients (threads, one keep-alive connection each) share the same file list
   as the CLI and post each file once (``--passes``) through ``POST /api/v1/check``, as fast as they are
   answered, until the list or the time (``--seconds``, ≤ 60) is out: requests/s, p50/p95 latency, errors
   (any answer but 200, or a 200 with a DOC005/DOC006 entry), 429s, peak memory of the server and its
   workers (RSS summed over the process tree). At saturation the server must reach ≥ 80% of the CLI's
   documents/s.

The machine may be shared: the load average before each step is printed with the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pages(path: Path) -> int | None:
    try:
        with zipfile.ZipFile(path) as z:
            app = z.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    m = re.search(r"<Pages>(\d+)</Pages>", app)
    return int(m.group(1)) if m else None


def corpus_files(corpus: Path, count: int) -> list[Path]:
    files = sorted((corpus / "docx").glob("*.docx"))
    return files[:count]


def rss_tree_kb(pid: int) -> int:
    """RSS of a process and all its descendants (the server, the fork server, the workers)."""
    total = 0
    todo = [pid]
    seen = set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            status = Path(f"/proc/{p}/status").read_text()
            m = re.search(r"VmRSS:\s+(\d+)", status)
            total += int(m.group(1)) if m else 0
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            continue
    return total


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def run_cli(files: list[Path], jobs: int) -> tuple[float, int]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "doclint", "check", *map(str, files), "--format", "json", "--no-cache",
         "--jobs", str(jobs), "--fail-on", "never"],
        capture_output=True, text=True, cwd=tempfile.gettempdir(), env={**os.environ, "DOCLINT_NO_PROGRESS": "1"},
    )  # fmt: skip
    seconds = time.perf_counter() - started
    n = len(json.loads(out.stdout)["files"])
    return seconds, n


BUDGET_LOCK = threading.Lock()


def post_loop(
    url: str, blobs: list[tuple[str, bytes]], stop: threading.Event, budget: list[int], out: dict
) -> None:
    """Take the next file of the shared list (each file once per pass) and post it, until the list,
    the request budget or the time is out."""
    import httpx

    latencies, statuses, bad = [], {}, 0
    with httpx.Client(base_url=url, timeout=180) as client:
        while not stop.is_set():
            with BUDGET_LOCK:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
                i = budget[1]
                budget[1] += 1
            name, data = blobs[i % len(blobs)]
            started = time.perf_counter()
            try:
                r = client.post("/api/v1/check", files=[("files", (name, data))])
                status = r.status_code
                if status == 200:
                    error = r.json()["files"][0]["error"]
                    if error and error["code"] in ("DOC005", "DOC006", "DOC007"):
                        bad += 1
            except Exception:
                status = -1
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
    out.update(latencies=latencies, statuses=statuses, bad=bad)


def load_level(server, files: list[Path], clients: int, seconds: float, max_requests: int) -> dict:
    stop = threading.Event()
    blobs = [(p.name, p.read_bytes()) for p in files]
    budget = [max_requests, 0]  # requests left, next file
    outs = [{} for _ in range(clients)]
    peak = [0]

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_tree_kb(server.proc.pid))
            time.sleep(0.25)

    threads = [
        threading.Thread(target=post_loop, args=(server.url, blobs, stop, budget, outs[k]))
        for k in range(clients)
    ]
    sampler = threading.Thread(target=sample)
    started = time.perf_counter()
    sampler.start()
    for t in threads:
        t.start()
    deadline = started + seconds
    while time.perf_counter() < deadline and any(t.is_alive() for t in threads):
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    sampler.join()
    latencies = [x for o in outs for x in o["latencies"]]
    statuses: dict[int, int] = {}
    for o in outs:
        for k, v in o["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    ok = statuses.get(200, 0)
    return {
        "clients": clients,
        "requests": len(latencies),
        "ok": ok,
        "rps": ok / elapsed,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "errors": sum(v for k, v in statuses.items() if k not in (200, 429)) + sum(o["bad"] for o in outs),
        "busy": statuses.get(429, 0),
        "rss_mb": peak[0] / 1024,
        "seconds": elapsed,
    }


def main() -> None:
    import servekit

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", default="1,2,4,8")
    ap.add_argument("--seconds", type=float, default=60.0, help="time limit of each load level (≤ 60 s)")
    ap.add_argument("--passes", type=int, default=1, help="times each level posts the whole file list")
    ap.add_argument("--files", type=int, default=65)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--skip-cli", action="store_true")
    args = ap.parse_args()
    seconds = min(args.seconds, 60.0)
    files = corpus_files(args.corpus, args.files)
    if not files:
        sys.exit(f"no DOCX under {args.corpus}/docx")
    from doclint.batch import default_jobs

    jobs = args.jobs or default_jobs()
    every = sorted((args.corpus / "docx").glob("*.docx"))
    five = min((p for p in every if pages(p)), key=lambda p: (abs(pages(p) - 5), p.name))
    print(f"files: {len(files)} corpus DOCX; workers: {jobs}; 5-page DOCX: {five.name} ({pages(five)} pages)")

    cli_rate = None
    if not args.skip_cli:
        print(f"load average before the CLI run: {load_average()}")
        cli_seconds, n = run_cli(files, jobs)
        cli_rate = n / cli_seconds
        print(f"batch CLI: {n} documents in {cli_seconds:.1f} s = {cli_rate:.2f} documents/s")
    cli_after = None

    tmp = Path(tempfile.mkdtemp(prefix="serve-load-"))
    server = servekit.Server(tmp / "tmp", "--jobs", str(jobs), "--max-queue", "256")
    try:
        import httpx

        print(f"load average before the idle run: {load_average()}")
        latencies = []
        with httpx.Client(base_url=server.url, timeout=60) as client:
            data = five.read_bytes()
            client.post("/api/v1/check", files=[("files", (five.name, data))])  # first use
            for _ in range(20):
                started = time.perf_counter()
                r = client.post("/api/v1/check", files=[("files", (five.name, data))])
                latencies.append(time.perf_counter() - started)
                assert r.status_code == 200, r.text
            # the page's request: the same check plus the view and every download (HTML report, DOCX with
            # comments, CSV, XLSX) built in the worker
            home = client.get("/")
            csrf = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)
            page_latencies = []
            for _ in range(10):
                started = time.perf_counter()
                r = client.post(
                    "/ui/check", files=[("files", (five.name, data))], headers={"x-csrf-token": csrf}
                )
                page_latencies.append(time.perf_counter() - started)
                assert r.status_code == 200, r.text
        idle = (percentile(latencies, 0.5), percentile(latencies, 0.95))
        print(f"idle server, one {pages(five)}-page DOCX, 20 requests: p50 {idle[0]:.3f} s, p95 {idle[1]:.3f} s "
              f"(target p95 ≤ 1 s: {'met' if idle[1] <= 1 else 'NOT met'})")  # fmt: skip
        print(
            f"idle server, the page's request (check + view + downloads), 10 requests: "
            f"p50 {percentile(page_latencies, 0.5):.3f} s, p95 {percentile(page_latencies, 0.95):.3f} s"
        )
        rows = []
        for k in [int(x) for x in args.clients.split(",") if x.strip()]:
            print(f"load average before K={k}: {load_average()}", flush=True)
            rows.append(load_level(server, files, k, seconds, args.passes * len(files)))
        if cli_rate:
            print(f"load average before the second CLI run: {load_average()}")
            cli_seconds, n = run_cli(files, jobs)
            cli_after = n / cli_seconds
            print(f"batch CLI again: {n} documents in {cli_seconds:.1f} s = {cli_after:.2f} documents/s")
            cli_rate = (cli_rate + cli_after) / 2
        print()
        print(
            "| clients | requests | req/s (= docs/s) | vs CLI | p50 s | p95 s | errors | 429 | server RSS MB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            ratio = f"{100 * r['rps'] / cli_rate:.0f}%" if cli_rate else "—"
            print(f"| {r['clients']} | {r['requests']} | {r['rps']:.2f} | {ratio} | {r['p50']:.2f} | {r['p95']:.2f} | "
                  f"{r['errors']} | {r['busy']} | {r['rss_mb']:.0f} |")  # fmt: skip
        if cli_rate:
            best = max(r["rps"] for r in rows)
            print(f"\nbatch CLI (mean of the two runs): {cli_rate:.2f} documents/s; best server rate {best:.2f} req/s = "
                  f"{100 * best / cli_rate:.0f}% (target ≥ 80%)")  # fmt: skip
    finally:
        server.stop()
        leftovers = server.leftover_files()
        print(f"temporary files left by the server: {len(leftovers)}")
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
