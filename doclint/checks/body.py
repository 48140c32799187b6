"""BODY: căn cứ punctuation, outline numbering, appendices, the "./." end mark (NĐ 30, Phụ lục I, II.6, III.1)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint import lazyre
from doclint.checks import check
from doclint.checks.common import finding
from doclint.findings import Finding, Location
from doclint.fix import build as fx
from doclint.recognise.components import OutlineItem
from doclint.recognise.title import ENACTMENT

# the Vietnamese order of point letters (NĐ 30, Điều 4 khoản 2 runs a b c d đ e g)
POINT_LETTERS = [*"abcd", "đ", *"eghiklmnopqrstuvxy"]
RANK = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3, "dieu": 4, "roman": 5, "arabic": 6, "letter": 7}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(label: str) -> int:
    total = 0
    for i, ch in enumerate(label):
        value = ROMAN.get(ch, 0)
        if i + 1 < len(label) and ROMAN.get(label[i + 1], 0) > value:
            total -= value
        else:
            total += value
    return total


@check("BODY001")
def can_cu_punctuation(ctx) -> Iterator[Finding]:
    lines = ctx.rec.can_cu
    if not lines or ctx.rec.doc_type == "CV":
        return  # in a công văn "Căn cứ …" opens an ordinary sentence, not a legal-basis line
    followed_by_marker = ctx.rec.enactment is not None
    # a căn cứ wrapped over several lines is one căn cứ: its punctuation is at the end of its last line
    ends = [
        comp
        for i, comp in enumerate(lines)
        if i + 1 == len(lines) or lines[i + 1].extra.get("kind") != "continued"
    ]
    for i, comp in enumerate(ends):
        text = comp.text.rstrip()
        is_last = i == len(ends) - 1
        end = text[-1:] if text else ""
        if not is_last:
            if end == ";":
                continue
            expected = ";"
        elif followed_by_marker:
            if end == ".":
                continue
            expected = "."
        else:
            # a plan's căn cứ lines run into the enacting sentence: ";" and "." are both in use; in a
            # report, a notice or a tờ trình the opening "Căn cứ …, … như sau:" introduces the content
            if end in (";", ".", ":"):
                continue
            expected = "."
        fixed = text.rstrip(",.;: ") + expected
        where = "dòng căn cứ cuối cùng" if is_last else "dòng căn cứ"
        yield finding(
            "BODY001",
            f"Cuối {where} phải là dấu “{expected}”"
            + (f", không phải “{end}”." if end in ",.;:" and end else "."),
            f"The {'last ' if is_last else ''}legal-basis line must end with “{expected}”.",
            comp,
            "can_cu",
            suggestion=fixed,
            start=max(len(text) - 1, 0),
            end=len(text),
            # a line ending in ":" introduces a list ("…, gồm:"): not a slip doclint can correct
            fix=fx.safe(
                fx.component(ctx.doc, comp, fixed + comp.text[len(text) :]),
                vi=f"Kết thúc bằng “{expected}”",
                en=f"End with “{expected}”",
            )
            if end != ":"
            else None,
        )


def _value(item: OutlineItem) -> int | None:
    if item.kind in ("roman",) or (item.kind in ("phan", "chuong") and re.fullmatch(r"[IVXLC]+", item.label)):
        return roman_value(item.label)
    if item.kind == "letter":
        return POINT_LETTERS.index(item.label) + 1 if item.label in POINT_LETTERS else None
    if item.label.isdigit():
        return int(item.label)
    return None


@check("BODY002")
def outline_numbering(ctx) -> Iterator[Finding]:
    last: dict[str, OutlineItem] = {}
    for item in ctx.rec.outline:
        if item.kind == "dash" or _closes_quotation(ctx.doc.blocks[item.block].text):
            continue  # "5. … hưởng 100% lương”.": the last item of a quoted provision is the quoted text's
        rank = RANK[item.kind]
        for kind in [k for k, r in RANK.items() if r > rank]:
            last.pop(kind, None)
        if item.kind == "dieu" and item.separator != ".":
            sep = item.separator or "(không có dấu)"
            yield _outline_finding(
                item,
                f"Sau số điều phải là dấu chấm: “Điều {item.label}.”, không phải “{sep}”.",
                f"An article number is followed by a full stop: “Điều {item.label}.”.",
                suggestion=f"Điều {item.label}. {item.title}".strip(),
            )
        if item.kind == "letter":
            if item.label in ("f", "j", "w", "z"):
                yield _outline_finding(
                    item,
                    f"Điểm “{item.label})” không thuộc bảng chữ cái tiếng Việt; thứ tự là a), b), c), d), đ), e), g)…",
                    f"Point “{item.label})” is not a Vietnamese letter; the order is a), b), c), d), đ), e), g)….",
                )
            if item.separator != ")":
                yield _outline_finding(
                    item,
                    f"Điểm đánh bằng chữ cái và dấu ngoặc đơn: “{item.label})”, không phải “{item.label}{item.separator}”.",
                    f"Points are numbered with a letter and a closing bracket: “{item.label})”.",
                    suggestion=f"{item.label}) {item.title}",
                )
        value = _value(item)
        previous = last.get(item.kind)
        if previous is not None and _interrupted(ctx, previous, item):
            previous = None  # a table, a lettered heading or another decision between: a new list
        if value is not None and previous is not None:
            prev_value = _value(previous)
            if prev_value is not None and value != prev_value + 1:
                if value == prev_value:
                    vi = f"Số thứ tự “{item.label}” bị lặp lại (mục trước cũng là “{previous.label}”)."
                    en = f"The number “{item.label}” is repeated."
                elif value > prev_value + 1:
                    expected = _label_for(item.kind, prev_value + 1)
                    if value == prev_value + 2 and _label_inline(ctx, previous, item, expected):
                        last[item.kind] = item
                        continue  # "… sau đây. c. Hủy bỏ …": the item is there, run into the line above
                    vi = f"Đánh số nhảy cóc: sau “{previous.label}” là “{item.label}”, thiếu “{expected}”."
                    en = f"Numbering skips: “{item.label}” follows “{previous.label}”; “{expected}” is missing."
                else:
                    vi = f"Đánh số không theo thứ tự: “{item.label}” sau “{previous.label}”."
                    en = f"Out-of-order numbering: “{item.label}” after “{previous.label}”."
                yield _outline_finding(item, vi, en)
        last[item.kind] = item


# "A. …", "B. PHƯƠNG ÁN …": a lettered heading above the numbered items starts their list again
LETTER_HEADING = lazyre.compile(r"^[A-ZĐ]\s*+[.)]\s++\S")
ENACTING = lazyre.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ)\s*+:")


def _interrupted(ctx, previous: OutlineItem, item: OutlineItem) -> bool:
    """Between two items of the same kind: a table (its rows carry numbers the outline does not read),
    a lettered heading, or the enacting line of a second decision in the same file."""
    blocks = ctx.doc.blocks
    for index in range(previous.block + 1, min(item.block, len(blocks))):
        block = blocks[index]
        if block.table is not None or LETTER_HEADING.match(block.text) or ENACTING.match(block.text):
            return True
        if block.text.rstrip().endswith(QUOTE_CLOSERS):
            return True  # a quotation closes between them: one of the two numbers is the quoted text's
    return False


QUOTE_CLOSERS = ("”", "”.", "”;", "”,", "”./.")


def _closes_quotation(text: str) -> bool:
    """The line ends a quotation it did not open."""
    return text.rstrip().endswith(QUOTE_CLOSERS) and text.count("”") > text.count("“")


def _label_inline(ctx, previous: OutlineItem, item: OutlineItem, expected: str) -> bool:
    """The skipped label stands inside the text between the two items, before a capital: the item exists
    but runs into the line above ("- Lịch thi cá nhân c. Thời gian …": a PDF layer that lost the break)."""
    label = re.compile(rf"(?<=\s){re.escape(expected)}[.)]\s{{1,8}}(\S)")
    blocks = ctx.doc.blocks
    for index in range(previous.block, min(item.block, len(blocks))):
        text = blocks[index].text
        start = previous.start + len(previous.label) + 1 if index == previous.block else 0
        for match in label.finditer(text, start):
            if match.group(1).isupper() or match.group(1).isdigit():
                return True
    return False


def _label_for(kind: str, value: int) -> str:
    if kind == "letter":
        return POINT_LETTERS[value - 1] if 0 < value <= len(POINT_LETTERS) else "?"
    if kind == "roman":
        from doclint.load.numbering import to_roman

        return to_roman(value)
    return str(value)


def _outline_finding(item: OutlineItem, vi: str, en: str, suggestion: str | None = None) -> Finding:
    return finding(
        "BODY002",
        vi,
        en,
        Location(block=item.block, start=item.start, end=item.end, component="outline"),
        excerpt=f"{item.label}{item.separator} {item.title}"[:120] if item.kind != "dieu" else None,
        suggestion=suggestion,
    )


# a mention of another document's appendix is not a reference to this one's
OTHER_DOCS_APPENDIX = lazyre.compile(
    r"phụ lục[^.;]{0,40}(ban hành )?kèm theo (nghị định|quyết định|thông tư|nghị quyết|văn bản|công văn|kế hoạch)\s+số",
    re.IGNORECASE,
)


@check("BODY003")
def appendix_reference(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    refs = [r for r in rec.appendix_refs if not OTHER_DOCS_APPENDIX.search(r.text)]
    # an issued document's annex usually travels as a separate file of the e-office system: that this file
    # lacks it says nothing; before signing (draft, final) the drafter must attach it
    if refs and not rec.appendices and ctx.stage != "issued":
        yield finding(
            "BODY003",
            "Nội dung nhắc đến phụ lục kèm theo nhưng văn bản không có phụ lục.",
            "The text announces an appendix, but none is attached.",
            refs[0],
            "appendices",
        )
    if rec.appendices and not refs:
        mentions = any(
            re.search(r"\bphụ lục\b|\bphụ biểu\b", ctx.doc.blocks[b].text, re.IGNORECASE)
            for b in rec.body_range()
        )
        if not mentions:
            yield finding(
                "BODY003",
                f"Văn bản có {rec.appendices[0].text} nhưng nội dung không dẫn chiếu đến phụ lục.",
                f"The document has {rec.appendices[0].text}, but the text never refers to it.",
                rec.appendices[0],
                "appendices",
            )


CLOSING = lazyre.compile(r"^(?:Xin\s++)?[Tt]rân trọng(?:\s++cảm ơn)?\s*+[!.]?$")


def _ends_with_table(block) -> bool:
    """The last line of the content is a cell of a real table (more than one cell), not a layout frame."""
    pos = block.table
    return pos is not None and (pos.n_rows > 1 or pos.n_cols > 1)


def _mark_just_after(ctx, block: int) -> bool:
    """A line ending with "./." among the next few lines, before the Nơi nhận label and the signature."""
    rec = ctx.rec
    stops = [c.block for c in (rec.recipients_label, *(rec.signature.authority if rec.signature else ()))
             if c is not None]  # fmt: skip
    if rec.signature is not None and rec.signature.title is not None:
        stops.append(rec.signature.title.block)
    limit = min([block + 4, len(ctx.doc.blocks), *(b for b in stops if b > block)])
    return any(ctx.doc.blocks[i].text.rstrip().endswith("./.") for i in range(block + 1, limit))


@check("BODY004")
def end_mark(ctx) -> Iterator[Finding]:
    mark = ctx.rec.end_mark
    if mark is None or ctx.rec.signature is None:
        return
    text = mark.text.rstrip()
    if mark.extra.get("has_mark") or ENACTMENT.match(text):
        return
    if text.endswith(("./.", "/.")):
        return
    if _ends_with_table(ctx.doc.blocks[mark.block]):
        # the content ends with a table (a schedule, a hand-over list): "./." is a convention of the
        # templates' closing sentence, not required after a final table (the lead's settlement)
        return
    if _mark_just_after(ctx, mark.block):
        # "… được biết và phối" ⏎ "hợp triển khai." ⏎ "Trân trọng./.": the last lines were read into the
        # footer's columns (a signed PDF), the content does end with the mark
        return
    if CLOSING.match(text) and mark.block > 0:
        # "… tổng hợp./." then "Trân trọng!": the content did end with the mark, a courtesy line follows
        before = ctx.doc.blocks[mark.block - 1].text.rstrip()
        if before.endswith(("./.", "/.")):
            return
    yield finding(
        "BODY004",
        "Phần nội dung chưa kết thúc bằng dấu “./.”.",
        "The content does not end with “./.”.",
        mark,
        "content",
        suggestion=text.rstrip(".") + "./.",
        start=max(len(text) - 1, 0),
        end=len(text),
        # after a word, a number, a bracket or a full stop; "Trân trọng!" or a line ending in ":" is left
        fix=fx.safe(
            fx.component(ctx.doc, mark, text.rstrip(".") + "./." + mark.text[len(text) :]),
            vi="Thêm dấu “./.”",
            en="Add “./.”",
        )
        if text[-1:].isalnum() or text[-1:] in ".)”\"'"
        else None,
    )
