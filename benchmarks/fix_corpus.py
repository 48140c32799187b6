"""``doclint fix`` over the shared corpus: does every fixed copy open, print and check clean?

For every DOCX of ``../shared/corpus/docx``, every ``.doc`` of ``../shared/corpus/doc`` (converted by
LibreOffice, as the fixer does) and every DOCX of ``samples/``:

1. the input is checked (the findings *before*) and fixed with the default policy (safe fixes of stable
   rules, tracked changes) into a scratch folder; the input's bytes are compared before and after;
2. the fixed copy must open with python-docx and convert to PDF with LibreOffice headless;
3. every change is accepted — by doclint's own XML accept and by LibreOffice
   (``.uno:AcceptAllTrackedChanges``, through ``benchmarks/lo_accept.py`` run by the system Python) —
   and each accepted copy is checked: a finding a fix was applied to must be gone, and any finding
   that was not there before is listed (*new*);
4. the fixed copy is fixed again: nothing may change.

Findings are matched before/after as ``doclint.fix.compare`` says (code and paragraph, or the message
without numbers; places for rules that sum up the rest).
Prints a table per rule (findings fixed / findings on the corpus) and the share of error and warning
findings a drafter clears in one step; ``--json FILE`` keeps every number.

    .venv/bin/python benchmarks/fix_corpus.py [--limit N] [--slice 0:40] [--no-lo] [--unsafe] [--json out.json]
    .venv/bin/python benchmarks/fix_corpus.py --merge a.json b.json c.json   # the table of runs in slices
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def files(limit: int | None, part: str | None = None) -> list[Path]:
    """Every input, or a slice ``START:STOP`` of them (the machine is shared: run the corpus in parts)."""
    out = sorted((CORPUS / "docx").glob("*.docx")) + sorted((CORPUS / "doc").glob("*.doc"))
    out += sorted((ROOT / "samples").glob("*.docx"))
    if part:
        start, _, stop = part.partition(":")
        out = out[int(start or 0) : int(stop) if stop else None]
    return out[:limit] if limit else out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lint(path: Path, shown: Path, config):
    from doclint.fix.run import _lint

    return _lint(path, shown, config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--slice", help="START:STOP of the sorted inputs (docx, doc, samples)")
    parser.add_argument("--no-lo", action="store_true", help="skip LibreOffice (PDF and its accept)")
    parser.add_argument("--unsafe", action="store_true", help="apply unsafe fixes too")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--keep", type=Path, help="keep the copies in this folder (and reuse it with --lo-only)"
    )
    parser.add_argument(
        "--lo-only", action="store_true", help="only the LibreOffice checks, on --keep's copies"
    )
    parser.add_argument("--merge", type=Path, nargs="+", help="only print the table of these --json files")
    args = parser.parse_args(argv)
    if args.merge:
        return merge(args.merge)

    import docx

    from doclint.config import Config
    from doclint.fix import FixOptions, fix_path
    from doclint.fix.compare import compare, key
    from doclint.fix.docx import accept_all

    config = Config()
    options = FixOptions(unsafe=args.unsafe, date="2026-01-01T00:00:00Z")
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="doclint-fixbench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    if args.lo_only:
        saved = json.loads(args.json.read_text()) if args.json and args.json.exists() else {"rows": []}
        problems: list[str] = []
        lo_checks(scratch, saved["rows"], problems, config)
        print(f"problems: {len(problems)}")
        for line in problems:
            print("  " + line)
        if args.json:
            saved["lo_problems"] = problems
            args.json.write_text(json.dumps(saved, ensure_ascii=False, indent=1))
        return 1 if problems else 0
    per_rule_before: Counter[str] = Counter()
    per_rule_fixed: Counter[str] = Counter()
    per_rule_applied: Counter[str] = Counter()
    severities_before: Counter[str] = Counter()
    severities_fixed: Counter[str] = Counter()
    rows: list[dict] = []
    problems: list[str] = []

    def save() -> None:
        """The measurements so far, as JSON (``--merge`` reads several of these)."""
        state = {"rows": rows, "problems": problems, "before": per_rule_before, "fixed": per_rule_fixed,
                 "applied": per_rule_applied, "severities_before": severities_before,
                 "severities_fixed": severities_fixed}  # fmt: skip
        args.json.write_text(json.dumps(state, ensure_ascii=False, indent=1))

    started = time.monotonic()
    inputs = files(args.limit, args.slice)
    for n, src in enumerate(inputs, 1):
        row: dict = {"file": src.name}
        rows.append(row)
        before_hash = digest(src)
        out = scratch / f"{n:03d}.docx"
        t0 = time.monotonic()
        try:
            report = fix_path(src, out, config, options)
        except Exception as exc:
            problems.append(f"{src.name}: fix failed: {exc!r}")
            row["error"] = repr(exc)
            continue
        row["seconds"] = round(time.monotonic() - t0, 2)
        row["applied"] = report.count
        row["passes"] = report.passes
        row["skipped"] = [(f.code, why) for f, _, why in report.skipped]
        if digest(src) != before_hash:
            problems.append(f"{src.name}: THE INPUT CHANGED")
        # the findings before, on the same DOCX the fixer worked on (a .doc converted)
        base = scratch / f"{n:03d}.orig.docx"
        if src.suffix.lower() == ".doc":
            from doclint.load.doc import convert_to_docx, find_soffice

            tmp = scratch / f"conv{n:03d}"
            tmp.mkdir()
            shutil.copyfile(src, tmp / "input.doc")
            shutil.move(convert_to_docx(tmp / "input.doc", tmp, find_soffice()), base)
        else:
            shutil.copyfile(src, base)
        before = lint(base, src, config)
        if before.error is not None:
            problems.append(f"{src.name}: unreadable: {before.error.code}")
            continue
        for f in before.findings:
            per_rule_before[f.code] += 1
            severities_before[f.severity or "info"] += 1
        for f, _fix in report.applied:
            per_rule_applied[f.code] += 1
        try:
            docx.Document(str(out))
        except Exception as exc:
            problems.append(f"{src.name}: python-docx cannot open the copy: {exc!r}")
        accepted = scratch / f"{n:03d}.accepted.docx"
        accept_all(out, accepted)
        after = lint(accepted, src, config)
        tracked = lint(out, src, config)  # the copy itself reads as if accepted
        diff = compare(before.findings, after.findings, (f for f, _ in report.applied))
        for f in diff.cleared:
            per_rule_fixed[f.code] += 1
            severities_fixed[f.severity or "info"] += 1
        row["fixed_but_still_reported"] = diff.still
        row["new"] = diff.new
        row["revealed"] = diff.revealed  # a TCVN3/VNI document read for the first time once converted
        row["places_left"] = diff.places_left  # summed-up rules fixed in part (places a fix was not sure of)
        if Counter(map(key, tracked.findings)) != Counter(map(key, after.findings)):
            problems.append(f"{src.name}: the tracked copy and the accepted copy check differently")
        again = fix_path(out, scratch / f"{n:03d}.again.docx", config, options)
        row["refix_applied"] = again.count
        if again.count:
            problems.append(f"{src.name}: fixing the fixed copy applied {again.count}: {again.by_rule()}")
        row["after_findings"] = len(after.findings)
        row["before_findings"] = len(before.findings)
        print(f"[{n}/{len(inputs)}] {src.name[:60]:60s} fixes {report.count:3d} "
              f"findings {len(before.findings):3d}→{len(after.findings):3d} new {len(row['new'])}", flush=True)  # fmt: skip
        if args.json:  # kept as it goes: a long run that stops keeps what it measured
            save()
    if not args.no_lo:
        lo_checks(scratch, rows, problems, config)
    elapsed = time.monotonic() - started
    print_table(per_rule_before, per_rule_fixed, per_rule_applied, severities_before, severities_fixed)
    print(f"\n{len(inputs)} files in {elapsed:.0f} s; problems: {len(problems)}")
    for line in problems:
        print("  " + line)
    for r in rows:
        if r.get("fixed_but_still_reported"):
            print(f"  fixed but still reported: {r['file'][:50]}: {r['fixed_but_still_reported']}")
        if r.get("places_left"):
            print(f"  places left (not certain): {r['file'][:50]}: {r['places_left']}")
        for item in r.get("revealed", []):
            print(f"  revealed by TXT002 (unreadable before): {r['file'][:50]}: {item}")
    new_total = sum(len(r.get("new", [])) for r in rows)
    print(f"new findings after accepting: {new_total}")
    for r in rows:
        for item in r.get("new", []):
            print(f"  {r['file'][:50]}: {item}")
    if args.json:
        save()
    if args.keep is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if problems else 0


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess | None:
    """Run ``cmd`` in its own process group; None when it took longer than ``timeout`` (the group is
    killed: a LibreOffice that hangs on one document must not stop the run)."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _to_pdf(path: Path, outdir: Path, timeout: float = 180) -> bool:
    profile = outdir / f"profile-{path.stem}"
    done = _run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(outdir), str(path)], timeout)  # fmt: skip
    shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / f"{path.stem}.pdf"
    return done is not None and pdf.exists() and pdf.stat().st_size > 500


def lo_checks(scratch: Path, rows: list[dict], problems: list[str], config) -> None:
    """PDF export of every fixed copy, and LibreOffice's own Accept All, checked like ours. A copy that
    does not convert is compared with its original: a document LibreOffice cannot open either (it hangs
    on it) is listed apart, it says nothing about the fix."""
    from doclint.fix.compare import key

    copies = sorted(p for p in scratch.glob("[0-9][0-9][0-9].docx"))
    pdf_dir = scratch / "pdf"
    pdf_dir.mkdir(exist_ok=True)
    system_python = "/usr/bin/python3"
    for copy in copies:
        row = rows[int(copy.stem) - 1] if int(copy.stem) - 1 < len(rows) else {}
        if _to_pdf(copy, pdf_dir):
            row["pdf"] = "ok"
        elif _to_pdf(scratch / f"{copy.stem}.orig.docx", pdf_dir):
            row["pdf"] = "FAILED"
            problems.append(
                f"{copy.name} ({row.get('file')}): LibreOffice converts the original but not the fixed copy"
            )
        else:
            row["pdf"] = "original fails too"
            print(
                f"  {copy.name} ({row.get('file')}): LibreOffice cannot convert the original either",
                flush=True,
            )
            continue
        lo = scratch / f"{copy.stem}.lo.docx"
        done = _run([system_python, str(ROOT / "benchmarks" / "lo_accept.py"), str(copy), str(lo)], 300)
        if done is None or not lo.exists():
            problems.append(
                f"{copy.name}: LibreOffice's Accept All failed ({'timeout' if done is None else done.stdout})"
            )
            continue
        ours = scratch / f"{copy.stem}.accepted.docx"
        a = Counter(map(key, lint(lo, copy, config).findings))
        b = Counter(map(key, lint(ours, copy, config).findings))
        row["lo_accept"] = "same" if a == b else "differs"
        if a != b:
            # LibreOffice's own round trip (open, save) changes some documents: list numbering it
            # recomputes, a line spacing it rounds. The same difference on the original, opened and
            # saved by LibreOffice without any change, is LibreOffice's, not the fix's.
            orig = scratch / f"{copy.stem}.orig.docx"
            lo_orig = scratch / f"{copy.stem}.orig.lo.docx"
            _run([system_python, str(ROOT / "benchmarks" / "lo_accept.py"), str(orig), str(lo_orig)], 300)
            if lo_orig.exists():
                c = Counter(map(key, lint(lo_orig, copy, config).findings))
                d = Counter(map(key, lint(orig, copy, config).findings))
                if (a - b) <= (c - d) and (b - a) <= (d - c):
                    row["lo_accept"] = "same but for LibreOffice's own round trip"
            if row["lo_accept"] == "differs":
                extra = [str(k) for k in ((a - b) + (b - a))][:4]
                problems.append(
                    f"{copy.name}: LibreOffice's accept checks differently from doclint's: {extra}"
                )
            else:
                print(f"  {copy.name}: LibreOffice's round trip of the original differs the same way: "
                      f"{[str(k) for k in ((a - b) + (b - a))][:4]}", flush=True)  # fmt: skip
        print(f"  LibreOffice {copy.name}: pdf {row['pdf']}, accept {row['lo_accept']}", flush=True)


def print_table(before, fixed, applied, sev_before, sev_fixed) -> None:
    """A Markdown table: every rule that fixes (its TOML says so), and any other rule whose findings
    went away once the fixes were accepted (a side effect, e.g. a size fixed with the font)."""
    from doclint.rulepack import load_pack

    pack = load_pack()
    print("\n| rule | fix | maturity | fixes applied | findings cleared | findings on the corpus |")
    print("|---|---|---|---:|---:|---:|")
    for code in sorted(set(before) | set(applied) | {c for c, m in pack.rules.items() if m.fix != "none"}):
        meta = pack.rules.get(code)
        kind = meta.fix if meta else "?"
        if kind == "none" and not fixed[code] and not applied[code]:
            continue
        maturity = meta.maturity if meta else "?"
        label = code if kind != "none" else f"{code} (side effect)"
        print(f"| {label} | {kind} | {maturity} | {applied[code]} | {fixed[code]} | {before[code]} |")
    ew_before = sev_before["error"] + sev_before["warning"]
    ew_fixed = sev_fixed["error"] + sev_fixed["warning"]
    share = 100 * ew_fixed / ew_before if ew_before else 0
    print(f"\nerror+warning findings cleared in one step: {ew_fixed} / {ew_before} = {share:.1f} %")
    print(f"all findings cleared: {sum(fixed.values())} / {sum(before.values())}")


def merge(paths: list[Path]) -> int:
    """The table of several runs' ``--json`` files (the corpus run in slices)."""
    totals = {k: Counter() for k in ("before", "fixed", "applied", "severities_before", "severities_fixed")}
    rows, problems = [], []
    for path in paths:
        saved = json.loads(path.read_text())
        for k in totals:
            totals[k].update(saved.get(k, {}))
        rows += saved["rows"]
        problems += saved.get("problems", []) + saved.get("lo_problems", [])
    print_table(totals["before"], totals["fixed"], totals["applied"], totals["severities_before"],
                totals["severities_fixed"])  # fmt: skip
    lo = Counter(r.get("pdf", "not run") for r in rows)
    accept = Counter(r.get("lo_accept", "not run") for r in rows)
    print(
        f"\n{len(rows)} files; LibreOffice PDF: {dict(lo)}; LibreOffice accept vs doclint's: {dict(accept)}"
    )
    print(f"refixed with changes: {sum(1 for r in rows if r.get('refix_applied'))}; "
          f"new findings after accepting: {sum(len(r.get('new', [])) for r in rows)}; "
          f"fixed but still reported: {sum(len(r.get('fixed_but_still_reported', [])) for r in rows)}")  # fmt: skip
    for r in rows:
        for item in r.get("new", []):
            print(f"  new: {r['file'][:50]}: {item}")
        if r.get("places_left"):
            print(f"  places left (not certain): {r['file'][:50]}: {r['places_left']}")
        for item in r.get("revealed", []):
            print(f"  revealed by TXT002 (unreadable before): {r['file'][:50]}: {item}")
    print(f"problems: {len(problems)}")
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
