"""Evaluate the TXT spelling rules on the issued corpus: false positives and recall on injected typos.

    python benchmarks/txt_eval.py [--corpus ../shared/corpus] [--seed 1234] [--per-doc 40] [--show-fp]

1. False positives: every TXT003/TXT006/TXT007 finding on the untouched issued texts (corpus/text and
   corpus/docx) counts as a false positive (they are issued documents; read them with --show-fp). Reported
   per 1,000 words, separately for the held-out texts and for the texts the bigram counts were derived
   from (odd-numbered files of corpus/text, see benchmarks/build_vn_lexicon.py): only held-out numbers are
   an honest measure.
2. Recall: in up to --per-doc paragraphs of each held-out document one realistic typo is injected at a known
   place (fixed seed): tone changed, diacritic dropped, s/x, ch/tr, d/gi/r, l/n, doubled word, letter
   inserted/deleted. The typo is caught when a TXT003/006/007 finding overlaps it. A typo that yields a valid
   syllable is a real-word error (TXT007's job), one that does not is a non-word (TXT006's job).
3. Timing: lexicon load, and the TXT rules on a ~20-page document built from the corpus.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from doclint.config import Config  # noqa: E402
from doclint.engine import lint_document  # noqa: E402
from doclint.load import load  # noqa: E402
from doclint.model import Block, Document  # noqa: E402
from doclint.vn.syllable import parse, render, strip_marks  # noqa: E402

SPELL = ("TXT003", "TXT006", "TXT007")
CONFIG = Config(select=("TXT",))
WORD = re.compile(r"[^\W\d_]+")
LETTERS = "abcdeghiklmnopqrstuvxyđăâêôơư"


def find_corpus(start: Path) -> Path | None:
    for parent in [start, *start.parents]:
        cand = parent / "shared" / "corpus"
        if cand.is_dir():
            return cand
    return None


def is_training(path: Path) -> bool:
    m = re.match(r"(\d+)_", path.name)
    return path.parent.name == "text" and bool(m) and int(m.group(1)) % 2 == 1


# --------------------------------------------------------------------------- typo generators
def _re_tone(base: str, tone: int) -> str:
    return render(base, tone)


def typo_tone(word: str, rng: random.Random) -> str | None:
    syl = parse(word)
    if syl is None:
        return None
    tones = [t for t in range(6) if t != syl.tone]
    return _re_tone(syl.base, rng.choice(tones))


def typo_drop(word: str, rng: random.Random) -> str | None:
    syl = parse(word)
    if syl is None:
        return None
    options = []
    if syl.tone:
        options.append(syl.base)  # tone dropped
    for i, ch in enumerate(syl.base):
        plain = strip_marks(ch)
        if plain != ch:
            options.append(_re_tone(syl.base[:i] + plain + syl.base[i + 1 :], syl.tone))
    return rng.choice(options) if options else None


def _swap(pairs):
    def fn(word: str, rng: random.Random) -> str | None:
        syl = parse(word)
        if syl is None:
            return None
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                if syl.onset == x:
                    return _re_tone(y + syl.rhyme, syl.tone)
        return None

    return fn


def typo_insert(word: str, rng: random.Random) -> str | None:
    i = rng.randrange(len(word) + 1)
    return word[:i] + rng.choice(LETTERS) + word[i:]


def typo_delete(word: str, rng: random.Random) -> str | None:
    if len(word) < 3:
        return None
    i = rng.randrange(len(word))
    return word[:i] + word[i + 1 :]


KINDS = {
    "tone": typo_tone,
    "diacritic-dropped": typo_drop,
    "s/x": _swap([("s", "x")]),
    "ch/tr": _swap([("ch", "tr")]),
    "d/gi/r": _swap([("d", "gi"), ("gi", "r"), ("r", "d")]),
    "l/n": _swap([("l", "n")]),
    "letter-inserted": typo_insert,
    "letter-deleted": typo_delete,
    "doubled-word": None,
}


# --------------------------------------------------------------------------- helpers
def spell_findings(doc: Document) -> list:
    res = lint_document(doc, CONFIG)
    return [f for f in res.findings if f.code in SPELL and f.location.block is not None]


def word_count(doc: Document) -> int:
    return sum(len(WORD.findall(b.text)) for b in doc.blocks)


def inject(doc: Document, rng: random.Random, per_doc: int) -> list[tuple[int, int, int, str, str, str]]:
    """Modify up to per_doc blocks in place; return (block, start, end, kind, before, after)."""
    out = []
    candidates = [b for b in doc.blocks if len(WORD.findall(b.text)) >= 6 and b.table is None]
    rng.shuffle(candidates)
    for block in candidates[:per_doc]:
        text = block.text
        words = [
            m
            for m in WORD.finditer(text)
            if m.group().islower() and parse(m.group()) is not None and len(m.group()) >= 2
            and m.start() > 0 and text[m.start() - 1] == " " and m.end() < len(text) and text[m.end()] == " "
        ]  # fmt: skip
        kind = rng.choice(list(KINDS))
        if kind not in ("doubled-word", "letter-inserted", "letter-deleted"):
            # the typo must apply to the word: s/x needs a word starting with s or x
            words = [m for m in words if KINDS[kind](m.group(), random.Random(0))]
        if not words:
            continue
        m = rng.choice(words)
        word = m.group()
        if kind == "doubled-word":
            new_text = text[: m.end()] + " " + word + text[m.end() :]
            span = (m.start(), m.end() + 1 + len(word))
            after = f"{word} {word}"
        else:
            after = KINDS[kind](word, rng)
            if not after or after == word:
                continue
            new_text = text[: m.start()] + after + text[m.end() :]
            span = (m.start(), m.start() + len(after))
        block.text = new_text
        block.runs = []
        out.append((block.index, span[0], span[1], kind, word, after))
    return out


def caught(findings, block: int, start: int, end: int) -> bool:
    for f in findings:
        loc = f.location
        if loc.block == block and loc.start is not None and loc.start < end and loc.end > start:
            return True
    return False


def twenty_pages(docs: list[Document]) -> Document:
    blocks: list[Block] = []
    words = 0
    for d in docs:
        for b in d.blocks:
            blocks.append(Block(index=len(blocks), text=b.text))
            words += len(WORD.findall(b.text))
            if words >= 10_000:  # ~500 words a page in 13-14 pt Times
                return Document(path="20pages.txt", format="txt", blocks=blocks)
    return Document(path="20pages.txt", format="txt", blocks=blocks)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--per-doc", type=int, default=40)
    ap.add_argument("--show-fp", action="store_true")
    ap.add_argument("--show-miss", default="")
    args = ap.parse_args()
    corpus = args.corpus or find_corpus(ROOT)
    if corpus is None or not corpus.is_dir():
        print("corpus not found; pass --corpus", file=sys.stderr)
        return 2

    t0, c0 = time.perf_counter(), time.process_time()
    from doclint.vn import lexicon

    lexicon.get()
    load_ms = (time.perf_counter() - t0) * 1000
    load_cpu = (time.process_time() - c0) * 1000

    paths = sorted((corpus / "text").glob("*.txt")) + sorted((corpus / "docx").glob("*.docx"))
    fp = {"held-out": [0, 0, 0], "training": [0, 0, 0]}  # findings, words, docs
    fp_list = []
    held_docs: list[Path] = []
    for path in paths:
        try:
            doc = load(path)
        except Exception as exc:  # unreadable corpus file: not ours to judge
            print(f"skip {path.name}: {exc}", file=sys.stderr)
            continue
        part = "training" if is_training(path) else "held-out"
        found = spell_findings(doc)
        fp[part][0] += len(found)
        fp[part][1] += word_count(doc)
        fp[part][2] += 1
        if part == "held-out":
            held_docs.append(path)
        for f in found:
            fp_list.append((part, path.name, f.code, f.excerpt, f.suggestion))

    rng = random.Random(args.seed)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    klass: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for path in held_docs:
        doc = load(path)
        injected = inject(doc, rng, args.per_doc)
        found = spell_findings(doc)
        for block, start, end, kind, before, after in injected:
            hit = caught(found, block, start, end)
            cls = "doubled word" if kind == "doubled-word" else (
                "real-word (valid syllable)" if parse(after) is not None else "non-word (invalid syllable)")  # fmt: skip
            stats[kind][0] += hit
            stats[kind][1] += 1
            klass[cls][0] += hit
            klass[cls][1] += 1
            if not hit and (args.show_miss == kind or args.show_miss == "all"):
                misses.append((kind, before, after, doc.blocks[block].text[max(0, start - 30) : end + 30]))

    # timing on ~20 pages
    docs = [load(p) for p in held_docs if p.suffix == ".txt"]
    big = twenty_pages(docs)
    from doclint.checks import load_all
    from doclint.context import Context
    from doclint.recognise.components import Recognition
    from doclint.rulepack import load_pack

    txt_checks = [fn for code, fn in load_all() if code.startswith("TXT")]

    def text_rules(ctx):  # the eight TXT checks, sharing the text analysis cached on ctx
        for fn in txt_checks:
            yield from fn(ctx)

    list(text_rules(Context(doc=big, rec=Recognition(), config=CONFIG, pack=load_pack())))  # warm caches
    runs, cpu = [], []
    for _ in range(5):
        ctx = Context(doc=big, rec=Recognition(), config=CONFIG, pack=load_pack())
        t1, c1 = time.perf_counter(), time.process_time()
        list(text_rules(ctx))
        runs.append((time.perf_counter() - t1) * 1000)
        cpu.append((time.process_time() - c1) * 1000)
    rules_ms = sorted(runs)[len(runs) // 2]
    rules_cpu = sorted(cpu)[len(cpu) // 2]
    from doclint.vn import spell, syllable

    spell.variants.cache_clear()
    spell.edits1.cache_clear()
    spell._pair_memo.cache_clear()
    spell._VERDICTS[:] = [None, {}]  # the per-process pair verdicts too
    syllable.parse.cache_clear()
    syllable.analyse.cache_clear()
    lexicon.syl_key.cache_clear()
    ctx = Context(doc=big, rec=Recognition(), config=CONFIG, pack=load_pack())
    t2, c2 = time.perf_counter(), time.process_time()
    list(text_rules(ctx))
    cold_ms = (time.perf_counter() - t2) * 1000
    cold_cpu = (time.process_time() - c2) * 1000

    print("## False positives on untouched issued texts (TXT003/TXT006/TXT007)\n")
    print("| part | docs | words | findings | per 1,000 words |")
    print("|---|---:|---:|---:|---:|")
    for part, (n, w, d) in fp.items():
        print(f"| {part} | {d} | {w} | {n} | {1000 * n / max(w, 1):.2f} |")
    print(f"\n## Recall on injected typos (held-out docs, seed {args.seed})\n")
    print("| kind | caught | injected | recall |")
    print("|---|---:|---:|---:|")
    for kind in KINDS:
        c, n = stats[kind]
        print(f"| {kind} | {c} | {n} | {100 * c / max(n, 1):.0f}% |")
    print("\n| class | caught | injected | recall |")
    print("|---|---:|---:|---:|")
    for cls in sorted(klass):
        c, n = klass[cls]
        print(f"| {cls} | {c} | {n} | {100 * c / max(n, 1):.0f}% |")
    words = sum(len(WORD.findall(b.text)) for b in big.blocks)
    print("\n## Timing\n")
    print(f"- machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"- lexicon load: {load_ms:.0f} ms wall, {load_cpu:.0f} ms CPU")
    print(
        f"- TXT rules on {words} words (~20 pages), lexicon loaded, warm caches (median of 5): "
        f"{rules_ms:.0f} ms wall, {rules_cpu:.0f} ms CPU"
    )
    print(
        f"- same, syllable caches cleared (first document of a run): {cold_ms:.0f} ms wall, {cold_cpu:.0f} ms CPU"
    )
    if args.show_fp:
        print("\n## False-positive findings\n")
        for part, name, code, excerpt, sugg in fp_list:
            print(f"- [{part}] {name[:40]} {code}: {excerpt!r} → {sugg!r}")
    for kind, before, after, ctxt in misses:
        print(f"MISS {kind}: {before} → {after}: {ctxt!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
