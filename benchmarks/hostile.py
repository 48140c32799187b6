"""Time and peak memory of every crafted hostile file (``doclint.testing_hostile``), one CLI run each,
then a folder holding them all checked twice (cold, then with the cache).

    python benchmarks/hostile.py [--timeout 120] [--only NAME...] [--folder-only]

Peak memory is the largest resident size among the CLI process and the workers it waited for
(``wait4`` rusage), so it includes the worker that loaded the document.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from doclint.testing_hostile import CRAFTED, build


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.communicate()  # reads the pipes; the rusage is taken from wait4 below
    seconds = time.perf_counter() - started
    _, status, usage = os.wait4(proc.pid, 0) if proc.returncode is None else (0, proc.returncode, None)
    rss = usage.ru_maxrss if usage is not None else _children_maxrss()
    code = proc.returncode if proc.returncode is not None else os.waitstatus_to_exitcode(status)
    return seconds, rss, code, out.decode("utf-8", "replace") + err.decode("utf-8", "replace")


def _children_maxrss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def codes_of(output: str) -> str:
    try:
        data = json.loads(output[: output.rindex("}") + 1])
    except ValueError:
        return "?"
    codes = []
    for f in data.get("files", []):
        if f.get("error"):
            codes.append(f["error"]["code"])
        else:
            codes.append(f"{len(f.get('findings', []))} findings")
    return ", ".join(codes)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", default="120")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--folder-only", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "DOCLINT_TIMEOUT": args.timeout, "DOCLINT_NO_PROGRESS": "1"}
    doclint = [sys.executable, "-m", "doclint"]
    with tempfile.TemporaryDirectory(prefix="doclint-hostile-") as tmp:
        folder = Path(tmp) / "crafted"
        folder.mkdir()
        names = args.only or list(CRAFTED)
        paths = [build(name, folder) for name in names]
        print("| file | size | result | wall s | peak RSS MiB |\n|---|---|---|---|---|")
        if not args.folder_only:
            for path in paths:
                # a fresh peak per file: each measured in its own python that waits for the CLI
                probe = (
                    "import os,resource,subprocess,sys,time;t=time.perf_counter();"
                    "p=subprocess.run(sys.argv[1:],capture_output=True);"
                    "print(time.perf_counter()-t,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
                    "p.returncode);sys.stdout.write(p.stdout.decode('utf-8','replace'))"
                )
                cmd = [sys.executable, "-c", probe, *doclint, "check", str(path), "--no-cache", "-f", "json"]
                proc = subprocess.run(cmd, capture_output=True, env=env, text=True)
                head, _, rest = proc.stdout.partition("\n")
                seconds, rss, _code = head.split()
                size = path.stat().st_size
                print(f"| {path.name} | {size / 1024:.1f} KB | {codes_of(rest)} | {float(seconds):.2f} | "
                      f"{int(rss) / 1024:.0f} |", flush=True)  # fmt: skip
        cache = Path(tmp) / "cache"
        env_cache = {**env, "DOCLINT_CACHE_DIR": str(cache)}
        for label in ("cold", "warm"):
            seconds, rss, code, out = run([*doclint, "check", str(folder), "-f", "json"], env_cache)
            print(f"| folder of {len(paths)} ({label}) | | {codes_of(out)} (exit {code}) | {seconds:.2f} | "
                  f"{rss / 1024:.0f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
