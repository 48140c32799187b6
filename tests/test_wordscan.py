"""doclint.analysis.wordscan: a pattern searched without its leading look-behind gives what it gives with it."""

from __future__ import annotations

import random
import re

from doclint.analysis import wordscan

PATTERNS = [
    r"(?<![\w])(?P<w>Khoản|Điểm)\s+(?P<n>\d+[a-zđ]?|[a-zđ])(?![\w])",
    r"(?<!\w)(?:ab|a|b)",
    r"(?<!\w)(?:ab|a|b)",
    r"(?<![\w])(?:xã|phường|Xã)\s+\w+",
    r"(?<![\w/.-])([A-ZĐ][A-Za-zĐđ]*[A-ZĐ][A-Za-zĐđ]*)(?![\w/-])",
    r"(?<![.])(?:ab|b)",
]


def test_loose_only_for_a_leading_look_behind_over_the_whole_pattern() -> None:
    assert wordscan.loose(r"(?<!\w)(?:a|b)c") is not None
    assert wordscan.loose(r"(?<!\w)a|b") is None  # the look-behind governs "a" only
    assert wordscan.loose(r"(?<!\w)[|]a") is not None
    assert wordscan.loose(r"(?<!\w)[]|]a") is not None
    assert wordscan.loose(r"a(?<!\w)") is None
    assert wordscan.loose(r"(?<!\w)(?:a|b)c", re.IGNORECASE) is None  # not faster: see loose()
    assert wordscan.loose(r"(?<!\w)(?:a|b)c", re.VERBOSE) is None
    assert wordscan.loose(r"(?<![[:x])a") is None


def test_same_matches_as_the_exact_pattern() -> None:
    rng = random.Random(17)
    alphabet = [
        "a",
        "b",
        "x",
        " ",
        "/",
        ".",
        "-",
        "UB",
        "ND",
        "Đ",
        "Khoản",
        "Điểm",
        "3",
        "đ",
        "_",
        "xã",
        "Xã",
        "phường",
        "\n",
        "ab",
    ]
    for source in PATTERNS:
        for flags in (0, re.ASCII):
            exact, fast = wordscan.split(re.compile(source, flags))
            assert fast is not None
            for _ in range(300):
                text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
                want = [m.span() for m in exact.finditer(text)]
                assert [m.span() for m in wordscan.finditer(exact, fast, text)] == want, (source, text)
                first = exact.search(text)
                got = wordscan.search(exact, fast, text)
                assert (got and got.span()) == (first and first.span()), (source, text)
