"""Time and peak memory of every crafted hostile file (``doclint.testing_hostile``), one CLI run each,
then a folder holding them all checked twice (cold, then with the cache).

    python benchmarks/hostile.py [--timeout 120] [--only NAME...] [--folder-only]

Peak memory is the largest resident size among the CLI process and the workers it waited for
(``RUSAGE_CHILDREN``), so it includes the worker that loaded the document; CPU is their user + system time.
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


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, float, int, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    usage = _children()
    return (
        seconds,
        usage.ru_maxrss,
        usage.ru_utime + usage.ru_stime,
        proc.returncode,
        (out.decode("utf-8", "replace") + err.decode("utf-8", "replace")),
    )


def _children():
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN)


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
        print("| file | size | result | wall s | CPU s | peak RSS MiB |\n|---|---|---|---|---|---|")
        if not args.folder_only:
            for path in paths:
                # a fresh peak per file: each measured in its own python that waits for the CLI
                probe = (
                    "import os,resource,subprocess,sys,time;t=time.perf_counter();"
                    "p=subprocess.run(sys.argv[1:],capture_output=True);"
                    "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
                    "print(time.perf_counter()-t,u.ru_maxrss,u.ru_utime+u.ru_stime);"
                    "sys.stdout.write(p.stdout.decode('utf-8','replace'))"
                )
                cmd = [sys.executable, "-c", probe, *doclint, "check", str(path), "--no-cache", "-f", "json"]
                proc = subprocess.run(cmd, capture_output=True, env=env, text=True)
                head, _, rest = proc.stdout.partition("\n")
                seconds, rss, cpu = head.split()
                size = path.stat().st_size
                print(f"| {path.name} | {size / 1024:.1f} KB | {codes_of(rest)} | {float(seconds):.2f} | "
                      f"{float(cpu):.2f} | {int(rss) / 1024:.0f} |", flush=True)  # fmt: skip
        cache = Path(tmp) / "cache"
        env_cache = {**env, "DOCLINT_CACHE_DIR": str(cache)}
        for label in ("cold", "warm"):
            before = _children()
            seconds, rss, cpu, code, out = run([*doclint, "check", str(folder), "-f", "json"], env_cache)
            cpu -= before.ru_utime + before.ru_stime
            print(f"| folder of {len(paths)} ({label}) | | {codes_of(out)} (exit {code}) | {seconds:.2f} | "
                  f"{cpu:.2f} | {rss / 1024:.0f} (largest process) |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
