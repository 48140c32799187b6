"""Labelled precision of doclint on the real corpus: the ecosystem check of issue 12.

    .venv/bin/python benchmarks/precision.py [--jobs 2] [--family HDR,NUM003] [--docs 057,pdf/3]
    .venv/bin/python benchmarks/precision.py --brief             # the tables only
    .venv/bin/python benchmarks/precision.py --diff main         # findings gained and lost against main
    .venv/bin/python benchmarks/precision.py --json out.json     # machine-readable (``-``: stdout)

Every corpus document runs at its stage from ``benchmarks/labels/documents.tsv`` (``issued`` or
``final``; ``draft`` documents only with ``--drafts``, ``skip`` never). Only errors and warnings count.
Each finding is matched to a label of ``benchmarks/labels/<FAMILY>.tsv`` by (document, code, anchor)
as a multiset: two equal findings need two labels. See ``benchmarks/labels/README.md``.

Printed: precision per stage, format, family and rule; findings per document; every finding that has
no label yet, as a line to paste into the family's TSV with the context to judge it; labels that no
longer match anything. A result is cached per (code state, document, stage) under
``~/.cache/doclint-precision`` (``$PRECISION_CACHE``), so a re-run on an unchanged tree is fast; the
code state is the git tree of ``doclint/``, ``rules/`` and ``pyproject.toml`` plus a hash of their
uncommitted changes.
``--diff REF`` checks REF out in a temporary worktree, runs it there in a subprocess (cached the same
way) and prints the findings gained and lost, with their labels where known.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
LABELS_DIR = ROOT / "benchmarks" / "labels"
DOCUMENTS_TSV = "documents.tsv"

DOC_STAGES = ("issued", "final", "draft", "skip")
MEASURED_STAGES = ("issued", "final")
VERDICTS = ("true", "false", "unsure")
PENDING = ("", "?")  # a pasted line not judged yet: claims the finding, counts as unlabelled
LABEL_COLUMNS = ("document", "code", "anchor", "verdict", "reason", "reader")
DOCUMENT_COLUMNS = ("document", "stage", "note")
REVIEW_DIR = "review"  # the second reading: labels/review/<FAMILY>.tsv, one row per label read again
REVIEW_COLUMNS = (*LABEL_COLUMNS, "first")  # first: the first reader's verdict the row was written against
# a label whose reader names the lead ("precision+lead") is settled: its verdict counts whatever the review says
SETTLER = "lead"
COUNTED = ("error", "warning")

ANCHOR_MAX = 80  # characters of the normalised anchor
SHORT_ANCHOR = 4  # a span shorter than this takes some of its block around it
ANCHOR_WINDOW = 12
LOOSE_MIN = 8  # a loose match needs the shorter anchor to have at least this many characters
CONTEXT_CHARS = 220
CACHE_VERSION = "1"
TIMEOUT_S = 300
NO_REFS_DB = "/nonexistent/doclint-precision/refs.sqlite3"  # RED002: no reference library, same everywhere

FAMILIES = (
    "HDR", "NUM", "DATE", "TTL", "BODY", "SIG", "RCPT", "FMT",
    "CIT", "ABBR", "CAP", "TXT", "RED", "SEC", "DOC",
)  # fmt: skip


# --------------------------------------------------------------------------------------------- anchors

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def normalise(text: str) -> str:
    """NFC, case-folded, every space and invisible character removed, at most ANCHOR_MAX characters."""
    text = unicodedata.normalize("NFC", text or "")
    text = unicodedata.normalize("NFC", text.casefold())
    return _INVISIBLE.sub("", text)[:ANCHOR_MAX]


def anchor_of(message: str, excerpt: str | None, block_text: str | None, start: int | None,
              end: int | None) -> str:  # fmt: skip
    """The text a finding is anchored to: the words of its span, else its excerpt, else its message
    (prefixed ``~``). A very short span ("," or "x") takes a few characters of its block on each side."""
    if block_text is not None and start is not None and end is not None and end > start:
        span = block_text[start:end]
        if len(normalise(span)) >= SHORT_ANCHOR:
            return normalise(span)
        lo, hi = max(0, start - ANCHOR_WINDOW), min(len(block_text), end + ANCHOR_WINDOW)
        return normalise(block_text[lo:hi])
    if excerpt and excerpt.strip():
        return normalise(excerpt)
    return "~" + normalise(message)


def family_of(code: str) -> str:
    return re.sub(r"\d+$", "", code)


# --------------------------------------------------------------------------------------------- labels


@dataclass
class Review:
    """A second reader's verdict on one label (a row of labels/review/<FAMILY>.tsv)."""

    document: str
    code: str
    anchor: str
    verdict: str
    reason: str
    reader: str
    first: str  # the first reader's verdict when the row was written
    source: str  # review/file:line


@dataclass
class Label:
    document: str
    code: str
    anchor: str
    verdict: str
    reason: str
    reader: str
    source: str  # file:line
    review: Review | None = None

    @property
    def judged(self) -> bool:
        return self.verdict in VERDICTS

    @property
    def settled(self) -> bool:
        return SETTLER in self.reader.split("+")

    @property
    def disputed(self) -> bool:
        """The second reader's verdict differs and the lead has not settled it yet."""
        return (
            self.review is not None
            and self.judged
            and self.review.verdict != self.verdict
            and not self.settled
        )

    @property
    def counted(self) -> str:
        """The verdict the tables count: a disputed label is ``unsure`` until the lead settles it."""
        return "unsure" if self.disputed else self.verdict


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV with a header line; blank lines and lines starting with '#' are skipped."""
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in columns if c not in header]
                if missing:
                    raise SystemExit(f"{path}: header lacks {', '.join(missing)}")
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append((lineno, {h: cells[i].strip() for i, h in enumerate(header)}))
    return rows


def load_documents(labels_dir: Path) -> dict[str, dict[str, str]]:
    path = labels_dir / DOCUMENTS_TSV
    out: dict[str, dict[str, str]] = {}
    for lineno, row in read_tsv(path, DOCUMENT_COLUMNS):
        if row["stage"] not in DOC_STAGES:
            raise SystemExit(f"{path}:{lineno}: stage {row['stage']!r} is not one of {', '.join(DOC_STAGES)}")
        out[row["document"]] = row
    return out


def load_labels(labels_dir: Path) -> tuple[list[Label], list[str]]:
    """Every label of every family file, and the problems found in them."""
    labels: list[Label] = []
    problems: list[str] = []
    for path in sorted(labels_dir.glob("*.tsv")):
        if path.name == DOCUMENTS_TSV:
            continue
        for lineno, row in read_tsv(path, LABEL_COLUMNS):
            where = f"{path.name}:{lineno}"
            verdict = row["verdict"].lower()
            if verdict not in VERDICTS and verdict not in PENDING:
                problems.append(f"{where}: verdict {row['verdict']!r} is not true/false/unsure")
                continue
            if family_of(row["code"]) != path.stem:
                problems.append(f"{where}: {row['code']} belongs in {family_of(row['code'])}.tsv")
            anchor = row["anchor"]
            if anchor != (("~" + normalise(anchor[1:])) if anchor.startswith("~") else normalise(anchor)):
                problems.append(f"{where}: anchor is not normalised (use the line precision.py prints)")
            labels.append(
                Label(row["document"], row["code"], anchor, verdict, row["reason"], row["reader"], where)
            )
    return labels, problems


def load_reviews(labels_dir: Path) -> tuple[list[Review], list[str]]:
    """The second reader's rows (``labels/review/<FAMILY>.tsv``) and the problems found in them."""
    reviews: list[Review] = []
    problems: list[str] = []
    directory = labels_dir / REVIEW_DIR
    if not directory.is_dir():
        return reviews, problems
    for path in sorted(directory.glob("*.tsv")):
        for lineno, row in read_tsv(path, REVIEW_COLUMNS):
            where = f"{REVIEW_DIR}/{path.name}:{lineno}"
            verdict, first = row["verdict"].lower(), row["first"].lower()
            if verdict not in VERDICTS or first not in VERDICTS:
                problems.append(f"{where}: verdict and first must be true/false/unsure")
                continue
            if family_of(row["code"]) != path.stem:
                problems.append(
                    f"{where}: {row['code']} belongs in {REVIEW_DIR}/{family_of(row['code'])}.tsv"
                )
            anchor = row["anchor"]
            if anchor != (("~" + normalise(anchor[1:])) if anchor.startswith("~") else normalise(anchor)):
                problems.append(f"{where}: anchor is not normalised (copy it from the label)")
            reviews.append(
                Review(
                    row["document"], row["code"], anchor, verdict, row["reason"], row["reader"], first, where
                )
            )
    return reviews, problems


def attach_reviews(labels: list[Label], reviews: list[Review]) -> list[Review]:
    """Give each label the second reading written for it (same document, code and anchor; a row whose
    ``first`` is the label's verdict before one that is not); returns the rows that match no label."""
    by_key: dict[tuple[str, str, str], list[Label]] = collections.defaultdict(list)
    for label in labels:
        by_key[(label.document, label.code, label.anchor)].append(label)
    pending = list(reviews)
    for same_first in (True, False):
        unmatched: list[Review] = []
        for review in pending:
            free = [
                lab
                for lab in by_key.get((review.document, review.code, review.anchor), [])
                if lab.review is None
            ]
            pick = next((lab for lab in free if not same_first or lab.verdict == review.first), None)
            if pick is None:
                unmatched.append(review)
            else:
                pick.review = review
        pending = unmatched
    return pending


# --------------------------------------------------------------------------------------------- running


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def code_state(root: Path) -> str:
    """The state of ``root``'s code and rules: the git tree hashes of ``doclint/``, ``rules/`` and
    ``pyproject.toml`` (a commit that changes only labels or docs keeps the cache), plus a hash of their
    uncommitted changes."""
    paths = ("doclint", "rules", "pyproject.toml")
    trees = "".join(git(root, "rev-parse", f"HEAD:{p}") for p in paths)
    head = hashlib.sha256(trees.encode()).hexdigest()[:20]
    status = git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths)
    if not status:
        return head
    digest = hashlib.sha256(
        subprocess.run(
            ["git", "-C", str(root), "diff", "HEAD", "--binary", "--", *paths],
            capture_output=True,
            check=True,
        ).stdout
    )
    for line in status.splitlines():
        if line.startswith("??"):
            name = line[3:].strip()
            digest.update(name.encode())
            with contextlib.suppress(OSError):
                digest.update((root / name).read_bytes())
    return f"{head}+{digest.hexdigest()[:12]}"


def cache_dir() -> Path:
    base = os.environ.get("PRECISION_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "doclint-precision"


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def cache_path(state: str, corpus: Path, document: str, stage: str, preview: bool) -> Path:
    key = f"{CACHE_VERSION}|{document}|{stage}|{preview}|{file_digest(corpus / document)}"
    name = hashlib.sha256(key.encode()).hexdigest()[:24] + ".json"
    return cache_dir() / state / name


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # pragma: no cover - only on a hung document
    raise _Timeout


def lint_one(task: tuple[str, str, str, bool]) -> dict:
    """Run doclint (whichever ``doclint`` is first on sys.path) on one document at one stage."""
    corpus, document, stage, preview = task
    import dataclasses

    from doclint import config as config_mod
    from doclint.engine import lint_path

    engine_stage = stage if stage in getattr(config_mod, "STAGES", ()) else "final"
    if stage == "draft":
        engine_stage = "draft"
    kwargs: dict = {"stage": engine_stage, "options": (("refs-db", NO_REFS_DB),)}
    names = {f.name for f in dataclasses.fields(config_mod.Config)}
    if preview and "preview" in names:
        kwargs["preview"] = True
    started = time.process_time()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT_S)
    try:
        result = lint_path(Path(corpus) / document, config_mod.Config(**kwargs), keep_document=True)
    except _Timeout:
        return {"document": document, "stage": stage, "error": "TIMEOUT", "findings": []}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    blocks = result.document.blocks if result.document is not None else []
    findings = []
    for f in result.findings:
        loc = f.location
        text = blocks[loc.block].text if loc.block is not None and 0 <= loc.block < len(blocks) else None
        findings.append(
            {
                "code": f.code,
                "severity": f.severity,
                "message": f.vi,
                "excerpt": f.excerpt,
                "block": loc.block,
                "start": loc.start,
                "end": loc.end,
                "page": loc.page,
                "anchor": anchor_of(f.vi, f.excerpt, text, loc.start, loc.end),
                "context": _context(text, loc.start, loc.end),
            }
        )
    return {
        "document": document,
        "stage": stage,
        "engine_stage": engine_stage,
        "format": result.format,
        "family": result.family,
        "doc_type": result.doc_type,
        "error": result.error.code if result.error else None,
        "cpu_s": round(time.process_time() - started, 2),
        "findings": findings,
    }


def _context(text: str | None, start: int | None, end: int | None) -> str | None:
    if text is None:
        return None
    if start is None or end is None:
        return text[:CONTEXT_CHARS]
    lo = max(0, start - CONTEXT_CHARS // 2)
    hi = min(len(text), end + CONTEXT_CHARS // 2)
    return (
        ("…" if lo else "") + text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]
        + ("…" if hi < len(text) else "")
    )  # fmt: skip


def run_documents(corpus: Path, tasks: list[tuple[str, str]], state: str, jobs: int, preview: bool,
                  use_cache: bool, progress: bool) -> dict[str, dict]:  # fmt: skip
    """document -> result, from the cache where possible, else by running doclint (``jobs`` processes)."""
    results: dict[str, dict] = {}
    todo: list[tuple[str, str, str, bool]] = []
    for document, stage in tasks:
        cached = cache_path(state, corpus, document, stage, preview)
        if use_cache and cached.is_file():
            try:
                results[document] = json.loads(cached.read_text(encoding="utf-8"))
                continue
            except (OSError, ValueError):
                pass
        todo.append((str(corpus), document, stage, preview))
    # the biggest files first, so that the last worker does not start a 2 MB PDF alone
    todo.sort(key=lambda t: -(corpus / t[1]).stat().st_size)

    def store(result: dict) -> None:
        results[result["document"]] = result
        if result.get("error") == "TIMEOUT":
            return
        path = cache_path(state, corpus, result["document"], result["stage"], preview)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    started = time.time()
    if jobs <= 1 or len(todo) <= 1:
        for i, task in enumerate(todo, 1):
            store(lint_one(task))
            _progress(progress, i, len(todo), task[1], started)
    else:
        ctx = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = {pool.submit(lint_one, task): task for task in todo}
            for i, future in enumerate(concurrent.futures.as_completed(futures), 1):
                task = futures[future]
                try:
                    store(future.result())
                except Exception as exc:  # a crashed worker: report it as the document's error
                    results[task[1]] = {"document": task[1], "stage": task[2], "error": f"CRASH {exc!r}",
                                        "findings": []}  # fmt: skip
                _progress(progress, i, len(todo), task[1], started)
    if progress and todo:
        print(file=sys.stderr)
    return results


def _progress(enabled: bool, i: int, n: int, document: str, started: float) -> None:
    if enabled:
        print(f"\r[{i}/{n}] {time.time() - started:5.0f} s  {document[:70]:70s}", end="", file=sys.stderr)


def run_at_ref(ref: str, args: argparse.Namespace, tasks: list[tuple[str, str]]) -> dict[str, dict]:
    """Run another commit's doclint over the same documents, in a temporary worktree and a subprocess."""
    commit = git(ROOT, "rev-parse", "--verify", f"{ref}^{{commit}}")
    tmp = Path(tempfile.mkdtemp(prefix="precision-ref-"))
    worktree = tmp / "tree"
    git(ROOT, "worktree", "add", "--detach", str(worktree), commit)
    try:
        spec = tmp / "tasks.json"
        out = tmp / "results.json"
        spec.write_text(json.dumps(tasks), encoding="utf-8")
        cmd = [sys.executable, str(HERE), "--code-root", str(worktree), "--raw-tasks", str(spec),
               "--raw-out", str(out), "--corpus", str(args.corpus), "--jobs", str(args.jobs)]  # fmt: skip
        if args.preview:
            cmd.append("--preview")
        if args.no_cache:
            cmd.append("--no-cache")
        env = dict(os.environ, PYTHONPATH=str(worktree))
        subprocess.run(cmd, check=True, env=env)
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        git(ROOT, "worktree", "remove", "--force", str(worktree))
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------------- matching


@dataclass
class Item:
    """One counted finding (error or warning) of one document, with its label once matched."""

    document: str
    stage: str
    format: str
    finding: dict
    label: Label | None = None
    loose: bool = False

    @property
    def code(self) -> str:
        return self.finding["code"]

    @property
    def family(self) -> str:
        return family_of(self.code)

    @property
    def anchor(self) -> str:
        return self.finding["anchor"]

    @property
    def verdict(self) -> str:
        """true / false / unsure, or 'unlabelled' (no label, or a pasted line not judged yet); a label the
        second reader disagrees with counts as unsure until the lead settles it."""
        if self.label is None or not self.label.judged:
            return "unlabelled"
        return self.label.counted


def _loosely_equal(a: str, b: str) -> bool:
    if a.startswith("~") or b.startswith("~"):
        return False
    short, long_ = sorted((a, b), key=len)
    return len(short) >= LOOSE_MIN and short in long_


def match(items: list[Item], labels: list[Label]) -> list[Label]:
    """Pair findings with labels (exact anchors first, then one anchor containing the other);
    returns the labels left over (stale)."""
    by_key: dict[tuple[str, str], list[Label]] = collections.defaultdict(list)
    for label in labels:
        by_key[(label.document, label.code)].append(label)
    groups: dict[tuple[str, str], list[Item]] = collections.defaultdict(list)
    for item in items:
        groups[(item.document, item.code)].append(item)
    for key, group in groups.items():
        free = by_key.get(key, [])
        for item in group:
            for i, label in enumerate(free):
                if label.anchor == item.anchor:
                    item.label = free.pop(i)
                    break
        for item in group:
            if item.label is not None:
                continue
            for i, label in enumerate(free):
                if _loosely_equal(label.anchor, item.anchor):
                    item.label = free.pop(i)
                    item.loose = True
                    break
    used = {id(item.label) for item in items if item.label is not None}
    return [label for label in labels if id(label) not in used]


# --------------------------------------------------------------------------------------------- report


@dataclass
class Tally:
    true: int = 0
    false: int = 0
    unsure: int = 0
    unlabelled: int = 0
    documents: set[str] = field(default_factory=set)

    def add(self, item: Item) -> None:
        setattr(self, item.verdict, getattr(self, item.verdict) + 1)
        self.documents.add(item.document)

    @property
    def findings(self) -> int:
        return self.true + self.false + self.unsure + self.unlabelled

    @property
    def judged(self) -> int:
        return self.true + self.false + self.unsure

    @property
    def precision(self) -> float | None:
        """True findings over judged ones; an unsure label counts against until it is resolved."""
        return self.true / self.judged if self.judged else None

    def as_dict(self) -> dict:
        return {
            "findings": self.findings,
            "documents": len(self.documents),
            "true": self.true,
            "false": self.false,
            "unsure": self.unsure,
            "unlabelled": self.unlabelled,
            "precision": None if self.precision is None else round(self.precision, 4),
        }


def tallies(items: list[Item], key) -> dict[str, Tally]:
    out: dict[str, Tally] = collections.defaultdict(Tally)
    for item in items:
        out[key(item)].add(item)
    return dict(sorted(out.items()))


def precision_tables(items: list[Item]) -> dict[str, dict[str, Tally]]:
    return {
        "all": tallies(items, lambda i: "all"),
        "stage": tallies(items, lambda i: i.stage),
        "format": tallies(items, lambda i: i.format),
        "family": tallies(items, lambda i: i.family),
        "family_stage": tallies(items, lambda i: f"{i.family}/{i.stage}"),
        "rule": tallies(items, lambda i: i.code),
    }


def print_table(title: str, table: dict[str, Tally]) -> None:
    print(f"\n{title}")
    print(f"  {'':14s} {'findings':>8s} {'docs':>5s} {'true':>5s} {'false':>5s} {'unsure':>6s} "
          f"{'unlab.':>6s} {'precision':>9s}")  # fmt: skip
    for name, t in table.items():
        p = "—" if t.precision is None else f"{t.precision:.1%}"
        print(f"  {name:14s} {t.findings:8d} {len(t.documents):5d} {t.true:5d} {t.false:5d} {t.unsure:6d} "
              f"{t.unlabelled:6d} {p:>9s}")  # fmt: skip


STABLE_PRECISION = 0.95  # issue 12: a rule is stable at >= 95% labelled precision ...
STABLE_MIN_JUDGED = 10  # ... over at least 10 labelled findings


def maturity_proposal(rules: dict[str, Tally], as_json: bool) -> dict[str, dict]:
    """Per rule: its maturity now, and the one its labels support (stable: >= 95% over >= 10 judged;
    fewer than 10 judged keeps a stable rule stable when none is false, else preview)."""
    from doclint.rulepack import load_pack

    pack = load_pack()
    out: dict[str, dict] = {}
    for code, t in rules.items():
        meta = pack.rules.get(code)
        now = meta.maturity if meta is not None else "?"
        p = t.precision
        if t.judged >= STABLE_MIN_JUDGED:
            proposed = "stable" if p is not None and p >= STABLE_PRECISION else "preview"
        else:
            proposed = "stable" if t.false + t.unsure == 0 else "preview"
        reason = (
            f"labelled precision {p:.0%} over {t.judged} findings ({t.false} false, {t.unsure} unsure)"
            if p is not None
            else "no labelled finding yet"
        )
        out[code] = {"now": now, "proposed": proposed, "reason": reason, "unlabelled": t.unlabelled}
    if not as_json:
        print("\nMaturity from the labels (stable: >= 95% over >= 10 judged findings)")
        for code, row in out.items():
            change = "" if row["now"] == row["proposed"] else f"  <- {row['now']}"
            print(f"  {code:8s} {row['proposed']:8s} {row['reason']}{change}"
                  + (f"; {row['unlabelled']} unlabelled" if row["unlabelled"] else ""))  # fmt: skip
    return out


def paste_line(item: Item) -> str:
    return "\t".join((item.document, item.code, item.anchor, "?", "", ""))


def print_unlabelled(items: list[Item]) -> None:
    todo = [i for i in items if i.verdict == "unlabelled"]
    print(f"\nFindings without a label: {len(todo)}")
    by_family: dict[str, list[Item]] = collections.defaultdict(list)
    for item in todo:
        by_family[item.family].append(item)
    for fam in sorted(by_family):
        print(f"\n## {fam} → benchmarks/labels/{fam}.tsv ({len(by_family[fam])})")
        for item in by_family[fam]:
            f = item.finding
            where = f"block {f['block']}" if f.get("block") is not None else "document"
            if f.get("page"):
                where += f", page {f['page']}"
            print(f"# {item.document} [{item.stage}] {item.code} {f['severity']} ({where}): {f['message']}")
            if f.get("excerpt"):
                print(f"#   excerpt: {_one_line(f['excerpt'])}")
            if f.get("context") and f.get("context") != f.get("excerpt"):
                print(f"#   block:   {_one_line(f['context'])}")
            print(paste_line(item))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:400]


def print_documents(results: list[dict], items: list[Item]) -> None:
    per_doc: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    falses: collections.Counter[str] = collections.Counter()
    for item in items:
        per_doc[item.document][item.code] += 1
        if item.verdict in ("false", "unsure"):
            falses[item.document] += 1
    print("\nFindings per document (errors and warnings; '!' = false or unsure)")
    for r in results:
        counts = per_doc.get(r["document"], collections.Counter())
        what = r.get("error") or f"{r.get('family') or '?'}/{r.get('doc_type') or '?'}"
        summary = ", ".join(f"{c}×{n}" if n > 1 else c for c, n in sorted(counts.items())) or "—"
        bad = f" !{falses[r['document']]}" if falses[r["document"]] else ""
        print(
            f"  {r['document'][:60]:60s} {r['stage']:6s} {what:22s} {sum(counts.values()):3d}{bad}  {summary}"
        )


def collect_items(results: list[dict]) -> list[Item]:
    items: list[Item] = []
    for r in results:
        fmt = r.get("format") or Path(r["document"]).suffix.lstrip(".")
        for f in r.get("findings", []):
            if f["severity"] in COUNTED:
                items.append(Item(r["document"], r["stage"], fmt, f))
    return items


def select_code(code: str, families: tuple[str, ...]) -> bool:
    return not families or any(code.startswith(p) for p in families)


def diff_report(current: list[Item], other: list[Item], ref: str, as_json: bool) -> dict:
    def key(i: Item) -> tuple[str, str, str]:
        return (i.document, i.code, i.anchor)

    a = collections.Counter(key(i) for i in current)
    b = collections.Counter(key(i) for i in other)
    gained_keys = a - b
    lost_keys = b - a

    def pick(items: list[Item], keys: collections.Counter) -> list[Item]:
        left = collections.Counter(keys)
        out = []
        for item in items:
            if left[key(item)] > 0:
                left[key(item)] -= 1
                out.append(item)
        return out

    gained, lost = pick(current, gained_keys), pick(other, lost_keys)
    report = {
        "ref": ref,
        "gained": [_item_json(i) for i in gained],
        "lost": [_item_json(i) for i in lost],
    }
    if as_json:
        return report
    for title, group in ((f"Gained against {ref}", gained), (f"Lost against {ref}", lost)):
        verdicts = collections.Counter(i.verdict for i in group)
        summary = ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) or "none"
        print(f"\n{title}: {len(group)} ({summary})")
        for item in group:
            f = item.finding
            print(f"  {item.verdict:10s} {item.document[:50]:50s} {item.code:8s} {f['severity']:7s} "
                  f"{_one_line(f.get('excerpt') or f['message'])[:90]}")  # fmt: skip
    return report


def _item_json(item: Item) -> dict:
    f = item.finding
    return {
        "document": item.document,
        "stage": item.stage,
        "format": item.format,
        "code": item.code,
        "severity": f["severity"],
        "anchor": item.anchor,
        "message": f["message"],
        "excerpt": f.get("excerpt"),
        "block": f.get("block"),
        "verdict": item.verdict,
        "reason": item.label.reason if item.label else None,
        "second": item.label.review.verdict if item.label and item.label.review else None,
        "second_reason": item.label.review.reason if item.label and item.label.review else None,
        "loose": item.loose,
    }


def review_report(labels_dir: Path, families: tuple[str, ...], docs: str, as_json: bool) -> dict:
    """The second reading, from the label files alone (nothing is run): per family how many labels were
    read twice and how many readings differ; every open disagreement with both readings; review rows
    that match no label any more."""
    labels, problems = load_labels(labels_dir)
    reviews, review_problems = load_reviews(labels_dir)
    stale = attach_reviews(labels, reviews)
    wanted = [w.strip() for w in docs.split(",") if w.strip()]

    def keep(document: str, code: str) -> bool:
        return select_code(code, families) and (not wanted or any(w in document for w in wanted))

    labels = [lab for lab in labels if lab.judged and keep(lab.document, lab.code)]
    stale = [r for r in stale if keep(r.document, r.code)]
    per_family: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for lab in labels:
        c = per_family[family_of(lab.code)]
        c["labels"] += 1
        c[lab.verdict] += 1
        if lab.review is None:
            c["false not read twice" if lab.verdict == "false" else "not read twice"] += 1
            continue
        c["read twice"] += 1
        if lab.review.verdict == lab.verdict:
            c["agree"] += 1
        elif lab.disputed:
            c["disputed"] += 1
        else:
            c["settled"] += 1
    disputed = [lab for lab in labels if lab.disputed]
    report = {
        "families": {fam: dict(c) for fam, c in sorted(per_family.items())},
        "disputed": [
            {
                "document": lab.document, "code": lab.code, "anchor": lab.anchor,
                "first": lab.verdict, "first_reason": lab.reason, "first_reader": lab.reader, "label": lab.source,
                "second": lab.review.verdict, "second_reason": lab.review.reason, "review": lab.review.source,
            }
            for lab in disputed
        ],
        "stale_reviews": [vars(r) for r in stale],
        "problems": problems + review_problems,
    }  # fmt: skip
    if as_json:
        return report
    print("Second reading (labels/review/): labels read twice and how the readings compare")
    print(f"  {'family':8s} {'labels':>6s} {'false':>5s} {'unsure':>6s} {'read 2x':>7s} {'agree':>5s} "
          f"{'disputed':>8s} {'settled':>7s} {'false not read 2x':>17s}")  # fmt: skip
    for fam, c in sorted(per_family.items()):
        print(f"  {fam:8s} {c['labels']:6d} {c['false']:5d} {c['unsure']:6d} {c['read twice']:7d} {c['agree']:5d} "
              f"{c['disputed']:8d} {c['settled']:7d} {c['false not read twice']:17d}")  # fmt: skip
    print(f"\nDisagreements the lead has not settled: {len(disputed)} (each counts as unsure)")
    for lab in disputed:
        print(f"\n  {lab.document} {lab.code} {lab.anchor}")
        print(f"    first  ({lab.reader}, {lab.source}): {lab.verdict} — {lab.reason}")
        print(
            f"    second ({lab.review.reader}, {lab.review.source}): {lab.review.verdict} — {lab.review.reason}"
        )
    if disputed:
        print(
            f"\n  To settle one: put the final verdict and reason in the family file and add '+{SETTLER}' to its reader."
        )
    if stale:
        print(
            f"\nReview rows that match no label (family file not merged yet, label removed or re-anchored): {len(stale)}"
        )
        for r in stale:
            print(f"  {r.source}: {r.document} {r.code} {r.anchor} (first {r.first}, second {r.verdict})")
    for problem in report["problems"]:
        print(f"label problem: {problem}")
    return report


# --------------------------------------------------------------------------------------------- main


def default_corpus() -> Path:
    env = os.environ.get("DOCLINT_SHARED")
    if env:
        return Path(env) / "corpus"
    for parent in [ROOT, *ROOT.parents]:
        for candidate in (parent / "shared" / "corpus", parent.parent / "shared" / "corpus"):
            if (candidate / "MANIFEST.tsv").is_file():
                return candidate
    return ROOT.parent / "shared" / "corpus"


def select_documents(documents: dict[str, dict[str, str]], args: argparse.Namespace) -> list[tuple[str, str]]:
    stages = set(MEASURED_STAGES) | ({"draft"} if args.drafts else set())
    if args.stage:
        stages &= set(args.stage.split(","))
    wanted = [p.strip() for p in (args.docs or "").split(",") if p.strip()]
    tasks = []
    for document, row in documents.items():
        if row["stage"] not in stages:
            continue
        if wanted and not any(w in document for w in wanted):
            continue
        tasks.append((document, row["stage"]))
    return tasks


@dataclass
class Measurement:
    results: list[dict]
    items: list[Item]
    stale: list[Label]
    problems: list[str]
    state: str
    stale_reviews: list[Review] = field(default_factory=list)


def rules_that_ran(preview: bool) -> set[str]:
    """The codes a run checks: a preview rule's labels are kept for ``--preview`` runs, not called stale."""
    from doclint.rulepack import load_pack

    return {code for code, meta in load_pack().rules.items() if preview or meta.maturity != "preview"}


def measure(corpus: Path | None = None, *, labels_dir: Path = LABELS_DIR, jobs: int = 1, families=(),
            docs: str = "", stage: str = "", drafts: bool = False, preview: bool = False,
            use_cache: bool = True, progress: bool = False) -> Measurement:  # fmt: skip
    """Run and match (the API the test uses)."""
    args = argparse.Namespace(docs=docs, stage=stage, drafts=drafts)
    corpus = corpus or default_corpus()
    documents = load_documents(labels_dir)
    tasks = select_documents(documents, args)
    state = code_state(ROOT)
    raw = run_documents(corpus, tasks, state, jobs, preview, use_cache, progress)
    results = [raw[d] for d, _ in tasks if d in raw]
    items = [i for i in collect_items(results) if select_code(i.code, tuple(families))]
    labels, problems = load_labels(labels_dir)
    reviews, review_problems = load_reviews(labels_dir)
    problems += review_problems
    stale_reviews = attach_reviews(labels, reviews)
    in_scope = {d for d, _ in tasks}
    ran = rules_that_ran(preview)
    scoped = [
        lab
        for lab in labels
        if lab.document in in_scope and select_code(lab.code, tuple(families)) and lab.code in ran
    ]
    stale = match(items, scoped)
    stale_reviews = [
        r
        for r in stale_reviews
        if r.document in in_scope and select_code(r.code, tuple(families)) and r.code in ran
    ]
    unknown = [lab.source for lab in labels if lab.document not in documents]
    problems += [f"{src}: document not in documents.tsv" for src in unknown]
    manifest = corpus / "MANIFEST.tsv"
    if manifest.is_file():
        listed = {row["local_file"] for _, row in read_tsv(manifest, ("local_file",))}
        problems += [f"documents.tsv lacks {d}" for d in sorted(listed - set(documents))]
        problems += [f"documents.tsv: {d} is not in the corpus" for d in sorted(set(documents) - listed)]
    return Measurement(results, items, stale, problems, state, stale_reviews)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--labels", type=Path, default=LABELS_DIR)
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="processes (default 1; the machine is shared)"
    )
    parser.add_argument("--family", default="", help="codes or prefixes: HDR,NUM003")
    parser.add_argument("--docs", default="", help="substrings of document paths: 057,pdf/3")
    parser.add_argument("--stage", default="", help="only these stages: issued,final,draft")
    parser.add_argument("--drafts", action="store_true", help="also run the drafts (listed, never counted)")
    parser.add_argument("--preview", action="store_true", help="run preview rules too")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--brief", action="store_true", help="tables only")
    parser.add_argument("--rules", action="store_true", help="with --brief: keep the per-rule table")
    parser.add_argument("--json", dest="json_out", default=None, help="write JSON here ('-': stdout)")
    parser.add_argument(
        "--maturity",
        action="store_true",
        help="propose stable/preview per rule from the labels (run with --preview)",
    )
    parser.add_argument("--diff", default=None, metavar="REF", help="findings gained and lost against REF")
    parser.add_argument(
        "--review",
        action="store_true",
        help="the second reading: per family counts and every disagreement not yet settled (runs nothing)",
    )
    # internal: run another tree's doclint for --diff
    parser.add_argument("--code-root", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--raw-tasks", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--raw-out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.corpus = args.corpus or default_corpus()
    progress = sys.stderr.isatty()

    if args.code_root is not None:  # the --diff child: another tree, raw results only
        sys.path.insert(0, str(args.code_root))
        import doclint

        if not Path(doclint.__file__).resolve().is_relative_to(args.code_root.resolve()):
            raise SystemExit(f"doclint imported from {doclint.__file__}, not from {args.code_root}")
        tasks = [tuple(t) for t in json.loads(args.raw_tasks.read_text(encoding="utf-8"))]
        state = code_state(args.code_root)
        raw = run_documents(args.corpus, tasks, state, args.jobs, args.preview, not args.no_cache, progress)
        args.raw_out.write_text(json.dumps([raw[d] for d, _ in tasks if d in raw], ensure_ascii=False))
        return 0

    sys.path.insert(0, str(ROOT))
    families = tuple(p.strip().upper() for p in args.family.split(",") if p.strip())
    if args.review:
        report = review_report(args.labels, families, args.docs, args.json_out == "-")
        if args.json_out:
            text = json.dumps(report, ensure_ascii=False, indent=1)
            if args.json_out == "-":
                print(text)
            else:
                Path(args.json_out).write_text(text, encoding="utf-8")
        return 0
    m = measure(args.corpus, labels_dir=args.labels, jobs=args.jobs, families=families, docs=args.docs,
                stage=args.stage, drafts=args.drafts, preview=args.preview, use_cache=not args.no_cache,
                progress=progress)  # fmt: skip
    measured = [i for i in m.items if i.stage in MEASURED_STAGES]
    tables = precision_tables(measured)
    as_json = args.json_out == "-"
    out: dict = {
        "state": m.state,
        "corpus": str(args.corpus),
        "documents": [
            {k: r.get(k) for k in ("document", "stage", "format", "family", "doc_type", "error", "cpu_s")}
            | {"findings": sum(1 for f in r.get("findings", []) if f["severity"] in COUNTED)}
            for r in m.results
        ],
        "precision": {name: {k: t.as_dict() for k, t in table.items()} for name, table in tables.items()},
        "findings": [_item_json(i) for i in m.items],
        "stale_labels": [{k: v for k, v in vars(lab).items() if k != "review"} for lab in m.stale],
        "stale_reviews": [vars(r) for r in m.stale_reviews],
        "label_problems": m.problems,
    }
    if not as_json:
        stages = collections.Counter(r["stage"] for r in m.results)
        errors = [r for r in m.results if r.get("error")]
        print(f"code {m.state[:20]}; {len(m.results)} documents ("
              + ", ".join(f"{s} {n}" for s, n in sorted(stages.items()))
              + f"), {len(errors)} unreadable; {len(measured)} errors and warnings counted")  # fmt: skip
        for name, title in (("stage", "Precision by stage"), ("format", "by format"), ("family", "by family"),
                            ("family_stage", "by family and stage"), ("rule", "by rule")):  # fmt: skip
            if name == "rule" and args.brief and not args.rules:
                continue
            print_table(title, tables[name])
        print_table("all measured", tables["all"])
        if not args.brief:
            print_documents(m.results, m.items)
            print_unlabelled(m.items)
        loose = [i for i in m.items if i.loose]
        if loose:
            print(f"\nLabels matched loosely (the anchor changed; update the label's anchor): {len(loose)}")
            for item in loose:
                print(f"  {item.label.source}: {item.label.anchor} → {item.anchor}")
        second = [i for i in measured if i.label is not None and i.label.review is not None]
        disputed = [i for i in second if i.label.disputed]
        print(f"\nSecond reading: {len(second)} of the measured findings' labels read twice, {len(disputed)} "
              "disputed (counted unsure until the lead settles them; --review lists them)")  # fmt: skip
        if m.stale_reviews:
            print(f"Review rows that match no label: {len(m.stale_reviews)} (--review lists them)")
        if m.stale:
            print(f"\nLabels that match no finding any more: {len(m.stale)}")
            for lab in m.stale:
                print(f"  {lab.source}: {lab.document} {lab.code} {lab.anchor} ({lab.verdict})")
        for problem in m.problems:
            print(f"label problem: {problem}")
    if args.maturity:
        out["maturity"] = maturity_proposal(tables["rule"], as_json)
    if args.diff:
        tasks = [(r["document"], r["stage"]) for r in m.results]
        other_raw = run_at_ref(args.diff, args, tasks)
        other = [i for i in collect_items(other_raw) if select_code(i.code, families)]
        labels, _ = load_labels(args.labels)
        match(other, [lab for lab in labels if lab.document in {d for d, _ in tasks}])
        out["diff"] = diff_report(m.items, other, args.diff, as_json)
    if args.json_out:
        text = json.dumps(out, ensure_ascii=False, indent=1)
        if as_json:
            print(text)
        else:
            Path(args.json_out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
