"""Fuzzing harness (issue 18): mutate real corpus DOCX/PDF files and check every mutant under the
worker budgets; report outcome counts, DOC005 causes grouped by traceback, timeouts, peak memory.

    nice python benchmarks/fuzz.py --cases 500 --seed 1 [--seconds 600] [--jobs 2] [--timeout 20]
        [--memory 3072] [--corpus ../shared/corpus] [--json out.json] [--keep DIR]

Mutations: byte flips (anywhere, or inside the largest deflate entry / PDF stream), truncations, zip
entry mutations (dropped, duplicated, method/CRC/size/flag bytes changed, main part renamed), XML
mutations (cut, character flips, bogus ``w:val`` values, duplicated/removed elements) and PDF object
mutations (numbers in /MediaBox, /Count, /Length; cross-reference garbage; tail cuts). Deterministic
for a seed. Runs niced, in chunks (one pool per chunk), so it can share a small machine.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
BOGUS = ["NaN", "-1", "-99999", "0", "1e309", "99999999999", "3.4e38", "²", "", "x" * 5000, "0x10", "inf",
         "300000000", "decimal", "bullet", "lowerLetter", "%1%2%3%4%5%6%7%8%9" * 50]  # fmt: skip


# ------------------------------------------------------------------------------------------ mutations


def flip(
    data: bytes, rnd: random.Random, count: int | None = None, lo: int = 0, hi: int | None = None
) -> bytes:
    buf = bytearray(data)
    hi = len(buf) if hi is None else hi
    for _ in range(count or rnd.randint(1, 16)):
        if hi > lo:
            buf[rnd.randrange(lo, hi)] = rnd.randrange(256)
    return bytes(buf)


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(1, max(2, len(data)))]


def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _rezip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, body in entries:
            name = info.filename if isinstance(info, zipfile.ZipInfo) else info
            zf.writestr(name, body)
    return out.getvalue()


def zip_mutation(data: bytes, rnd: random.Random) -> tuple[str, bytes]:
    entries = _entries(data)
    kind = rnd.choice(["drop", "dup", "rename-main", "header-bytes", "flip-entry"])
    if kind == "drop":
        entries.pop(rnd.randrange(len(entries)))
        return kind, _rezip(entries)
    if kind == "dup":
        entries.append(rnd.choice(entries))
        return kind, _rezip(entries)
    if kind == "rename-main":
        return kind, _rezip(
            [("word/styles.xml" if i.filename == "word/document.xml" else i, b) for i, b in entries]
        )
    if kind == "header-bytes":  # method, flags, CRC, sizes of one local or central header
        buf = bytearray(data)
        heads = [m.start() for m in re.finditer(rb"PK\x03\x04|PK\x01\x02", data)]
        at = rnd.choice(heads)
        field = rnd.choice([6, 8, 10, 14, 18, 22])
        for k in range(rnd.choice([1, 2, 4])):
            if at + field + k < len(buf):
                buf[at + field + k] = rnd.randrange(256)
        return kind, bytes(buf)
    info, _ = max(entries, key=lambda e: e[0].compress_size)  # flip inside the largest deflate data
    start = data.find(info.filename.encode()) + len(info.filename) + 10
    return kind, flip(data, rnd, lo=min(start, len(data) - 1), hi=min(start + info.compress_size, len(data)))


def xml_mutation(data: bytes, rnd: random.Random) -> tuple[str, bytes]:
    entries = _entries(data)
    xml_parts = [
        i
        for i, (info, _) in enumerate(entries)
        if info.filename.startswith("word/") and info.filename.endswith(".xml")
    ]
    index = rnd.choice(xml_parts)
    info, body = entries[index]
    text = body.decode("utf-8", "replace")
    kind = rnd.choice(["bogus-val", "bogus-val", "cut", "chars", "dup-element", "drop-element"])
    if kind == "bogus-val":
        vals = list(re.finditer(r'w:(val|ilvl|start|sz|w|h|line|left|gridSpan|numId)="[^"]*"', text))
        for m in rnd.sample(vals, min(len(vals), rnd.randint(1, 8))) if vals else []:
            text = text.replace(m.group(), f'w:{m.group(1)}="{rnd.choice(BOGUS)}"', 1)
    elif kind == "cut":
        text = text[: rnd.randrange(1, max(2, len(text)))]
    elif kind == "chars":
        chars = list(text)
        for _ in range(rnd.randint(1, 20)):
            if chars:
                chars[rnd.randrange(len(chars))] = rnd.choice('<>&"/= \x00\x1b\u202eabc1')
        text = "".join(chars)
    else:
        tags = list(re.finditer(r"<w:(p|r|tbl|tr|tc|lvl|style|sectPr)\b[^>]*>.*?</w:\1>", text, re.S))
        if tags:
            m = rnd.choice(tags)
            text = text.replace(
                m.group(), m.group() * (rnd.randint(2, 50) if kind == "dup-element" else 0), 1
            )
    entries[index] = (info, text.encode("utf-8", "surrogatepass"))
    return f"xml-{kind}:{info.filename.split('/')[-1]}", _rezip(entries)


def pdf_mutation(data: bytes, rnd: random.Random) -> tuple[str, bytes]:
    kind = rnd.choice(["numbers", "numbers", "xref", "tail", "stream-flip", "names"])
    if kind == "numbers":
        nums = list(
            re.finditer(
                rb"/(MediaBox|Count|Length|Rotate|Size|W|Kids|Parent|Font|Annots)\s*(\[[^\]]*\]|\d+( 0 R)?)",
                data,
            )
        )
        buf = data
        for m in rnd.sample(nums, min(len(nums), rnd.randint(1, 5))) if nums else []:
            repl = rnd.choice(
                [b"[0 0 0 0]", b"99999999", b"-1", b"1e30", b"[1 2 3]", b"7 0 R", b"()", b"0", b"[]"]
            )
            buf = buf.replace(m.group(), b"/" + m.group(1) + b" " + repl, 1)
        return "pdf-numbers", buf
    if kind == "xref":
        at = data.rfind(b"startxref")
        return "pdf-xref", data[: at + 10] + str(
            rnd.randrange(10**9)
        ).encode() + b"\n%%EOF\n" if at > 0 else flip(data, rnd)
    if kind == "tail":
        return "pdf-tail", data[: max(1, len(data) - rnd.randint(1, 4096))]
    if kind == "names":
        names = [b"/Root", b"/Type", b"/Page", b"/Pages", b"/FlateDecode", b"/Contents", b"/Resources"]
        name = rnd.choice(names)
        return "pdf-names", data.replace(
            name, rnd.choice([b"/Xoot", b"/LZWDecode", b"/Foo", name + name]), rnd.randint(1, 3)
        )
    streams = [(m.end(), data.find(b"endstream", m.end())) for m in re.finditer(rb"stream\r?\n", data)]
    streams = [(a, b) for a, b in streams if b > a]
    if not streams:
        return "pdf-flip", flip(data, rnd)
    lo, hi = max(streams, key=lambda s: s[1] - s[0])
    return "pdf-stream-flip", flip(data, rnd, lo=lo, hi=hi)


def mutate(path: Path, rnd: random.Random) -> tuple[str, bytes]:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    choice = rnd.random()
    if choice < 0.2:
        return "flip", flip(data, rnd)
    if choice < 0.3:
        return "truncate", truncate(data, rnd)
    if suffix == ".pdf":
        return pdf_mutation(data, rnd)
    try:
        return zip_mutation(data, rnd) if choice < 0.5 else xml_mutation(data, rnd)
    except (zipfile.BadZipFile, ValueError, IndexError):
        return "flip", flip(data, rnd)


# ------------------------------------------------------------------------------------------ running


def fuzz_lint(path, config, keep_document=False):
    """``lint_path`` that reports an exception outside the rules with its traceback (for grouping)."""
    from doclint.engine import FileResult, lint_path
    from doclint.errors import LoadError

    started = time.monotonic()
    try:
        result = lint_path(path, config, keep_document=keep_document)
        result.seconds = time.monotonic() - started  # read by the harness (survives pickling)
        return result
    except MemoryError:
        raise
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)[-3:]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
        message = f"{type(exc).__name__} at {where}"
        return FileResult(path=str(path), error=LoadError("DOC005", message, message))


def outcome(result) -> tuple[str, str | None]:
    if result.error is not None:
        code = result.error.code
        return code, result.error.vi if code == "DOC005" else None
    rule_crash = [f for f in result.findings if f.code == "DOC005"]
    if rule_crash:
        return "DOC005 (rule)", re.sub(r"\d+ (?=\()", "", rule_crash[0].vi)[:200]
    return "findings", None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--memory", type=int, default=0, help="MB per worker (0: the default budget)")
    parser.add_argument("--chunk", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--max-kb", type=int, default=0, help="only bases up to this size (0: all)")
    parser.add_argument("--pdf-share", type=float, default=0.4, help="share of PDF bases among the cases")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="copy the mutants with a DOC005 or a timeout here")
    args = parser.parse_args()

    from doclint.config import Config
    from doclint.worker_pool import Budget, WorkerPool

    bases = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in (".docx", ".pdf") and p.is_file())
    if args.max_kb:
        bases = [p for p in bases if p.stat().st_size <= args.max_kb * 1024]
    docx = [p for p in bases if p.suffix.lower() == ".docx"]
    pdf = [p for p in bases if p.suffix.lower() == ".pdf"]
    if not bases:
        sys.exit(f"no DOCX/PDF under {args.corpus}")
    budget = Budget.from_config(None, timeout=args.timeout, memory_mb=args.memory or None)
    rnd = random.Random(args.seed)
    counts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    crashes: dict[str, list[str]] = defaultdict(list)
    slowest: list[tuple[float, str, str]] = []
    peak_kb = 0
    timeout_cpu: list[float] = []
    started = time.monotonic()
    done = 0
    config = Config()
    with tempfile.TemporaryDirectory(prefix="doclint-fuzz-") as tmp:
        while done < args.cases and not (args.seconds and time.monotonic() - started > args.seconds):
            chunk = min(args.chunk, args.cases - done)
            cases = []
            for i in range(chunk):
                base = rnd.choice(pdf if pdf and (not docx or rnd.random() < args.pdf_share) else docx)
                kind, data = mutate(base, rnd)
                path = Path(tmp) / f"case-{done + i:05d}{base.suffix.lower()}"
                path.write_bytes(data)
                cases.append((path, kind, base.name))
            pool = WorkerPool(args.jobs, budget, start="fork", lint=fuzz_lint, warm=False)
            try:
                futures = {pool.submit(str(p), config): (p, kind, base) for p, kind, base in cases}
                for future in pool.as_completed(futures):
                    path, kind, base = futures[future]
                    result = future.result()  # the pool never raises for a document
                    code, detail = outcome(result)
                    counts[code] += 1
                    kinds[kind.split(":")[0]][code] += 1
                    elapsed = getattr(result, "seconds", None) or (
                        budget.seconds if code == "DOC006" else 0.0
                    )
                    slowest.append((elapsed, f"{kind} of {base}", code))
                    if detail:
                        crashes[detail].append(f"{kind} of {base}")
                    if args.keep and code in ("DOC005", "DOC005 (rule)", "DOC006", "DOC007"):
                        args.keep.mkdir(parents=True, exist_ok=True)
                        (args.keep / path.name).write_bytes(path.read_bytes())
            finally:
                pool.close()
            peak_kb = max([peak_kb, *pool.stats.worker_peak_rss_kb])
            timeout_cpu += pool.stats.timeout_cpu_seconds
            for path, _, _ in cases:
                path.unlink(missing_ok=True)
            done += chunk
            print(
                f"{done} cases, {time.monotonic() - started:.0f} s: {dict(counts)}",
                file=sys.stderr,
                flush=True,
            )
    slowest.sort(reverse=True)
    report = {
        "cases": done,
        "seconds": round(time.monotonic() - started, 1),
        "seed": args.seed,
        "timeout_s": budget.seconds,
        "memory_mb": budget.memory_mb,
        "outcomes": dict(counts),
        "by_mutation": {k: dict(v) for k, v in sorted(kinds.items())},
        "doc005_groups": {k: {"count": len(v), "examples": v[:3]} for k, v in crashes.items()},
        "peak_worker_rss_mib": round(peak_kb / 1024, 1),
        "timeouts_cpu_seconds": sorted(timeout_cpu),  # CPU the document had had when its worker was killed
        "bases": {"docx": len(docx), "pdf": len(pdf)},
        "slowest": [{"seconds": round(s, 2), "case": c, "outcome": o} for s, c, o in slowest[:5]],
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
