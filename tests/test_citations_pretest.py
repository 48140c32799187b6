"""The citation date and footnote pre-tests never refuse what the patterns match (issue 17: start-up)."""

from __future__ import annotations

from doclint.analysis import citations as c


def test_date_pretest() -> None:
    for text in [
        ", ngày 05/3/2020",
        " NGÀY 5 tháng 3 năm 2020",
        " được ban hành NgÀy 1-2-2020",
        " ký ngày 7.7.2021",
    ]:
        assert c._DATE_NUM.match(text, 0) or c._DATE_WORDS.match(text, 0), text
        assert c._parse_date(text, 0) is not None, text
    assert c._parse_date(" của Chính phủ quy định", 0) is None


def test_footnote_pretest_matches_where_the_pattern_does() -> None:
    for text in ["30/2020/NĐ-CP1", "30/2020/NĐ-CP12\n", "x-ab1\n", "x-ab", "a/b٣", "1/QĐ-UBND", "5/KH-a12 "]:
        found = c._FOOTNOTE_MARK.search(text, 0, len(text)) is not None
        last = text[-1:]
        assert not found or last.isdecimal() or (last == "\n" and text[-2:-1].isdecimal()), text


def test_trich_yeu_pretest() -> None:
    words = c._TRICH_YEU_START.pattern.split("(?:")[1].split(")")[0].split("|")
    for word in words:
        for text in (word, word.upper(), word.capitalize(), " " + word):
            assert bool(c._TRICH_YEU_START.match(text)) == bool(c._trich_yeu_start(text)), text
    assert c._TRICH_YEU_START.match("ſửa đổi") and c._trich_yeu_start("ſửa đổi")
