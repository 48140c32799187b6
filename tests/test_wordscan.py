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


def test_cap_name_heads_found_in_lower_case_where_ignoring_case_finds_them() -> None:
    """The capitalisation checks of bodies' and special names look for the names' leading words in the
    lower-cased text, with case: the same places as the words ignoring case in the text, also next to ı,
    ſ and İ (which ``re`` and ``str.lower()`` treat apart)."""
    from doclint.checks import cap
    from doclint.config import Config
    from doclint.rulepack import load_pack

    table = load_pack(Config().packs).table("capitalisation")
    rng = random.Random(30)
    pieces = [
        "Ủy",
        "ủY",
        "ỦY",
        "ban",
        "BAN",
        "Sở",
        "SỞ",
        "ſở",
        "Thành",
        "thınh",
        "İ",
        " ",
        ",",
        "x",
        "Bộ",
        "1",
    ]
    for key in ("bodies", "special"):
        _, _, phrases, first = cap._canon(tuple(table[key]["names"]))
        pattern, groups = phrases
        assert first is not None and groups
        for _ in range(300):
            text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 10)))
            want = []
            end = 0
            for word in first.finditer(text):  # what _phrase_matches did before
                part = groups.get(word.group().lower(), pattern)
                if word.start() >= end and (m := part.match(text, word.start())):
                    want.append(m.span())
                    end = m.end()
            assert [m.span() for m in cap._phrase_matches(phrases, first, text)] == want, text
            low = text.lower()
            if "ı" not in text and "ſ" not in text and len(low) == len(text):
                heads = [m.span() for m in wordscan.finditer(*cap._lower_heads(first), low)]
                assert heads == [m.span() for m in first.finditer(text)], text
