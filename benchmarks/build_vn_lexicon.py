"""Build the lexicon data under rules/vn/ (run by hand; the outputs are committed).

    python benchmarks/build_vn_lexicon.py words PATH/TO/underthesea/corpus/data
        → rules/vn/words.txt.gz from Viet11K/22K/39K/74K.txt that the underthesea wheel ships (Apache-2.0)
    python benchmarks/build_vn_lexicon.py bigrams ../shared/corpus/text
        → rules/vn/bigrams.tsv.gz: syllable-pair counts from the TRAINING half of the issued texts only
          (files whose three-digit number is odd); benchmarks/txt_eval.py measures on the other half.

words.txt.gz: one entry a line, "key<TAB>flags": key is the lower-case word with its syllables
separated by one space and tone marks in the new placement (hoà, thuý); flags: "c" common (in the
22K list), "n" written with a capital in the source (a name), "h" written with hyphens (a loan word).
"""

from __future__ import annotations

import gzip
import itertools
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from doclint.vn.lexicon import key_of, syllables_of  # noqa: E402


def is_training(name: str) -> bool:
    m = re.match(r"(\d+)_", name)
    return bool(m) and int(m.group(1)) % 2 == 1


def build_words(src: Path) -> None:
    entries: dict[str, set[str]] = {}
    for name in ("Viet74K.txt", "Viet39K.txt", "Viet22K.txt", "Viet11K.txt"):
        common = name in ("Viet22K.txt", "Viet11K.txt")
        for line in (src / name).read_text(encoding="utf-8").splitlines():
            word = unicodedata.normalize("NFC", line.strip())
            if not word:
                continue
            key = key_of(word)
            if not key:
                continue
            flags = entries.setdefault(key, set())
            if common:
                flags.add("c")
            if word[0].isupper():
                flags.add("n")
            else:
                flags.add("l")
            if "-" in word:
                flags.add("h")
    out = ROOT / "rules" / "vn" / "words.txt.gz"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for key in sorted(entries):
            flags = entries[key]
            f = "".join(sorted(x for x in flags if x in "ch"))
            if "n" in flags and "l" not in flags:
                f += "n"
            fh.write(f"{key}\t{f}\n")
    print(out, len(entries), out.stat().st_size)


def build_bigrams(corpus: Path) -> None:
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    files = sorted(p for p in corpus.glob("*.txt") if is_training(p.name))
    for path in files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
        for line in text.splitlines():
            for run in syllables_of(line):
                keys = [key_of(s) for s in run]
                uni.update(keys)
                bi.update(itertools.pairwise(keys))
    out = ROOT / "rules" / "vn" / "bigrams.tsv.gz"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"# syllable bigrams from {len(files)} training texts (odd-numbered files of corpus/text)\n")
        for (a, b), n in sorted(bi.items()):
            if n >= 1:
                fh.write(f"{a} {b}\t{n}\n")
        for a, n in sorted(uni.items()):
            fh.write(f"{a}\t{n}\n")
    print(out, len(bi), len(uni), out.stat().st_size, [p.name for p in files][:3], len(files))


if __name__ == "__main__":
    what, path = sys.argv[1], Path(sys.argv[2])
    {"words": build_words, "bigrams": build_bigrams}[what](path)
