"""The outline's cheap pre-test never refuses a line that its patterns match (issue 17: start-up)."""

from __future__ import annotations

from doclint.recognise import outline


def test_may_be_item_is_implied_by_any_item() -> None:
    tails = ["", " ", ". Tiêu đề", ") a", "/ b", " - Nội dung", "1. x", ".2 Mục", " I. x", "x"]
    heads = [chr(c) for c in range(0x3000)] + list(outline._ITEM_WORDS) + ["Phầ", "Tiểu", "Điề", "٣", "１"]
    for head in heads:
        for tail in tails:
            text = head + tail
            if outline._ANY_ITEM.match(text) is not None:
                assert outline._may_be_item(text), text


def test_prose_lines_are_refused_first() -> None:
    assert not outline._may_be_item("Thực hiện chế độ báo cáo")
    assert not outline._may_be_item("Báo cáo gửi về Sở Nội vụ")
    assert outline._may_be_item("Điều 3. Hiệu lực")
    assert outline._may_be_item("٣. Arabic-Indic digit")


def test_placeholder_and_stray_letter_pretests() -> None:
    from doclint.recognise import patterns

    for text in ["....", " … ", "\t", "[Họ và tên]", "HỌ TÊN", "ho ten", "[ho ten]", "Nguyễn Văn A", ""]:
        assert bool(patterns.PLACEHOLDER_NAME.match(text)) == bool(patterns.placeholder_name(text)), text
