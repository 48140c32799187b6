"""The abbreviation patterns' cheap pre-tests never refuse a text the patterns match (issue 17)."""

from __future__ import annotations

import random

from doclint.checks import abbr

_ALPHABET = [*'ABĐUNDTPaàbđlàu ()"“”:-+•1.;,/\t\u00a0', "là ", "UBND", "(sau đây gọi tắt là ", "Sở "]


def _texts(n: int) -> list[str]:
    rng = random.Random(17)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 14))) for _ in range(n)]


def test_pretests_are_implied_by_the_patterns() -> None:
    hits = [0, 0, 0]
    for text in _texts(60000):
        if abbr._DEF_PAREN.search(text):
            hits[0] += 1
            assert abbr._abbr_before(text, ")", abbr._ABBR_CHARS, '"”'), text
        if abbr._DEF_AFTER.search(text):
            hits[1] += 1
            assert abbr._abbr_before(text, "(", abbr._ABBR_LETTERS), text
        if abbr._DEF_LINE.match(text):
            hits[2] += 1
            assert abbr._may_start_with_abbr(text), text
    assert min(hits) > 50  # the random texts do reach every pattern


def test_prose_is_refused() -> None:
    text = "Báo cáo gửi về Sở Nội vụ (qua Văn phòng Sở) trước ngày 15."
    assert not abbr._abbr_before(text, ")", abbr._ABBR_CHARS, '"”') and not abbr._abbr_before(
        text, "(", abbr._ABBR_LETTERS
    )
    assert not abbr._may_start_with_abbr("Thực hiện chế độ báo cáo")
    assert abbr._may_start_with_abbr("- UBND: Ủy ban nhân dân")
    assert abbr._abbr_before("Ủy ban nhân dân (UBND)", ")", abbr._ABBR_CHARS, '"”')
