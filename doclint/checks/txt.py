"""TXT rules: the Vietnamese text itself (Unicode form, legacy encodings, spelling, spacing).

The codes share one analysis of the text, computed once per document (:func:`text_analysis`): the
legacy-encoded passages (reported once by TXT002 and kept away from the other rules, which would flag
every word of them), the remaining paragraphs and their words. A mainly legacy-encoded document gets
TXT002 only until it is converted. The lexicon is loaded on the first word rule only (see
:mod:`doclint.vn.lexicon`).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from doclint import lazyre
from doclint.analysis.tokens import Run, Tok, Tokens, Words
from doclint.checks import check
from doclint.checks.common import finding
from doclint.findings import Finding, Location
from doclint.fix import build as fx
from doclint.model import Block

if TYPE_CHECKING:
    from doclint.context import Context

MAX_PER_KIND = 5  # findings of one kind per document before they are summarised
MAX_WORD_FINDINGS = 25  # findings of a word rule (TXT003, TXT006, TXT007) before they are summarised
_CODEISH_BEFORE = set("/_-.@\\&#0123456789")
_CODEISH_AFTER = set("/_-@\\&#0123456789")
_VN_MARKED = set("ăâêôơưđ")


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def _has_vn_marks(word: str) -> bool:
    from doclint.vn.syllable import split_tone

    for ch in word.lower():
        base, tone = split_tone(ch)
        if tone or base in _VN_MARKED:
            return True
    return False


def _codeish(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    after2 = text[end + 1] if end + 1 < len(text) else ""
    if before in _CODEISH_BEFORE or after in _CODEISH_AFTER:
        return True
    return after in ".:" and after2.isalnum()


# ----------------------------------------------------------------------------------------- analysis


@dataclass(slots=True, eq=False, repr=False)
class TextAnalysis:
    """What the TXT rules share, computed once per document."""

    legacy: dict[int, tuple[str, str, str]]  # block -> (encoding, original passage, converted passage)
    legacy_document: bool  # at least half the text is legacy-encoded: TXT002 alone says it all
    blocks: list[Block]  # the non-empty paragraphs that are not legacy-encoded
    shared: Tokens = field(repr=False)  # the document's words, tokenised once for every rule
    _words: list[Words] | None = field(default=None, repr=False)
    _word_blocks: list[Words] | None = field(default=None, repr=False)
    _invalid: frozenset[str] = field(default=frozenset(), repr=False)

    def words(self) -> list[Words]:
        """The words of each of :attr:`blocks`, in document order."""
        if self._words is None:
            self._words = list(map(self.shared.of, self.blocks))
        return self._words

    def word_count(self) -> int:
        return sum(map(len, self.words()))

    def word_blocks(self) -> list[Words]:
        """The words of the blocks that have some, for the word rules; empty unless the text is mainly
        Vietnamese."""
        if self._word_blocks is None:
            self._word_blocks, self._invalid = _word_blocks(self.words())
        return self._word_blocks

    def invalid_keys(self) -> frozenset[str]:
        """The keys of the words of :meth:`word_blocks` that are not Vietnamese syllables."""
        self.word_blocks()
        return self._invalid


def text_analysis(ctx: Context) -> TextAnalysis:
    return ctx.cached("txt", _analyse)


def _analyse(ctx: Context) -> TextAnalysis:
    legacy_blocks = _legacy_blocks(ctx)
    legacy_document = False
    if legacy_blocks:
        letters = sum(len(b.text) for b in ctx.doc.blocks if b.text.strip())
        legacy_letters = sum(len(ctx.doc.blocks[i].text) for i in legacy_blocks)
        legacy_document = legacy_letters >= 0.5 * letters
    blocks = [b for b in ctx.doc.blocks if b.index not in legacy_blocks and b.text.strip()]
    return TextAnalysis(legacy_blocks, legacy_document, blocks, ctx.tokens)


def _word_blocks(words: list[Words]) -> tuple[list[Words], frozenset[str]]:
    """The blocks with words of a mainly Vietnamese text, and the keys of its words that are no
    syllable."""
    from doclint.vn.syllable import parse

    # each distinct word parsed once: a document repeats its words
    counts = Counter(itertools.chain.from_iterable(w.keys for w in words))
    total = counts.total()
    if not total:
        return [], frozenset()
    invalid = frozenset(key for key in counts if parse(key) is None)
    valid = total - sum(counts[key] for key in invalid)
    if valid < 0.6 * total:
        return [], frozenset()  # not (mainly) Vietnamese text
    return [w for w in words if w.texts], invalid


def _capped(code: str, found: Iterator[Finding]) -> Iterator[Finding]:
    """The first :data:`MAX_WORD_FINDINGS` findings, then one that counts the rest."""
    n = 0
    for f in found:
        n += 1
        if n <= MAX_WORD_FINDINGS:
            yield f
    if n > MAX_WORD_FINDINGS:
        more = n - MAX_WORD_FINDINGS
        yield finding(
            code,
            f"Còn {more} lỗi cùng loại khác không liệt kê ở đây.",
            f"{more} more finding(s) of this kind not listed here.",
        )


# ----------------------------------------------------------------------------------------- TXT001
@check("TXT001")
def text_not_nfc(ctx) -> Iterator[Finding]:
    n = ctx.doc.facts.non_nfc_blocks
    where = ctx.doc.facts.non_nfc_where
    if n:
        first = where[0] if where and where[0] < len(ctx.doc.blocks) else None
        yield finding(
            "TXT001",
            f"Văn bản có {n} đoạn không ở dạng Unicode dựng sẵn (NFC): chữ bị tách thành chữ cái và dấu "
            "rời (NFD hoặc tổ hợp nửa chừng), dễ sai khi tìm kiếm, sắp xếp, so sánh.",
            f"{n} paragraph(s) are not in Unicode NFC: letters are stored as base letter plus separate "
            "marks (NFD or half-composed), which breaks search, sorting and comparison.",
            suggestion="Chuyển toàn bộ văn bản sang Unicode dựng sẵn (NFC), ví dụ bằng Unikey Toolkit.",
            where=Location(block=first),
            excerpt=ctx.doc.blocks[first].text[:80] if first is not None else None,
            fix=fx.safe(
                [fx.normalise(ctx.doc.blocks[i]) for i in sorted(set(where)) if i < len(ctx.doc.blocks)],
                vi="Chuyển sang Unicode dựng sẵn (NFC)",
                en="Convert to Unicode NFC",
            ),
        )


# ----------------------------------------------------------------------------------------- TXT002
def _legacy_blocks(ctx) -> dict[int, tuple[str, str, str]]:
    """block index -> (encoding, original passage, converted passage) for legacy-encoded text."""
    from doclint.vn import legacy

    found: dict[int, tuple[str, str, str]] = {}
    encodings: dict[str | None, str | None] = {}  # font -> encoding: a document uses a few fonts
    for block in ctx.doc.blocks:
        text = block.text
        if not text.strip():
            continue
        segments: list[tuple[str, str, str]] = []
        for run in block.runs:
            font = run.fmt.font_hansi or run.fmt.font
            enc = encodings.get(font, "")
            if enc == "":
                enc = encodings[font] = legacy.font_encoding(font)
            if not enc:
                continue
            piece = text[run.start : run.end]
            if not legacy._SUSPECT.search(piece):
                continue
            segments.append((enc, piece, legacy.convert(piece, enc, legacy.is_caps_font(font))))
        if segments:
            enc = max({s[0] for s in segments}, key=lambda e: sum(len(s[1]) for s in segments if s[0] == e))
            orig = "".join(s[1] for s in segments)
            conv = "".join(s[2] for s in segments)
            before, _ = legacy._valid_share(orig)
            after, total = legacy._valid_share(conv)
            if after > before or total == 0:
                found[block.index] = (enc, orig, conv)
                continue
        guess = legacy.detect(text)
        if guess:
            found[block.index] = (guess[0], text, guess[1])
    return found


@check("TXT002")
def legacy_encoding(ctx) -> Iterator[Finding]:
    from doclint.vn.legacy import ENCODING_NAMES

    legacy_blocks = text_analysis(ctx).legacy
    if not legacy_blocks:
        return
    first = min(legacy_blocks)
    _, orig, conv = legacy_blocks[first]
    encs = {v[0] for v in legacy_blocks.values()}
    name_vi = " và ".join(ENCODING_NAMES[e][0] for e in sorted(encs))
    name_en = " and ".join(ENCODING_NAMES[e][1] for e in sorted(encs))
    fonts = ", ".join(ctx.doc.facts.legacy_fonts)
    font_vi = f" (phông {fonts})" if fonts else ""
    font_en = f" (fonts {fonts})" if fonts else ""
    n = len(legacy_blocks)
    short_o = orig.strip()[:120]
    short_c = conv.strip()[:120]
    yield finding(
        "TXT002",
        f"Văn bản dùng bảng mã cũ {name_vi}{font_vi} ở {n} đoạn, không phải Unicode theo TCVN 6909:2001. "
        f"Ngoài máy có phông này, chữ hiện thành “{short_o}”; đọc đúng là “{short_c}”. "
        "Các lỗi chính tả trong những đoạn này không được kiểm tra cho đến khi chuyển mã.",
        f"The text uses the legacy {name_en} encoding{font_en} in {n} paragraph(s), not Unicode "
        f"(TCVN 6909:2001). Without the font it reads “{short_o}”; converted it reads “{short_c}”. "
        "Spelling is not checked in these paragraphs until they are converted.",
        where=Location(block=first),
        excerpt=short_o,
        suggestion=short_c,
        fix=fx.safe(
            _legacy_fix(ctx, legacy_blocks),
            vi="Chuyển sang Unicode, phông Times New Roman",
            en="Convert to Unicode, font Times New Roman",
        ),
    )


def _legacy_fix(ctx, legacy_blocks: dict[int, tuple[str, str, str]]) -> list:
    """Every run in a TCVN3/VNI font converted to Unicode and set in Times New Roman, in the whole
    document; a paragraph recognised as legacy text without such a font is converted as a whole."""
    from doclint.vn import legacy

    edits: list = []
    for block in ctx.doc.blocks:
        fonted = False
        for run in block.runs:
            font = run.fmt.font_hansi or run.fmt.font
            enc = legacy.font_encoding(font)
            if not enc or run.start >= run.end:
                continue
            fonted = True
            piece = block.text[run.start : run.end]
            converted = legacy.convert(piece, enc, legacy.is_caps_font(font))
            edits.append(fx.replace_span(block, run.start, run.end, converted))
            edits.append(fx.run_format(block, run.start, run.end, font=fx.TIMES))
        if not fonted and block.index in legacy_blocks:
            edits.append(fx.replace_span(block, 0, len(block.text), legacy_blocks[block.index][2]))
    return edits


# ----------------------------------------------------------------------------------------- TXT008
@check("TXT008")
def confusable_character(ctx) -> Iterator[Finding]:
    from doclint.vn.chars import find

    analysis = text_analysis(ctx)
    if analysis.legacy_document:
        return
    skip = analysis.legacy

    kinds = {
        "eth": ("chữ “Ð” (U+00D0, chữ Eth của tiếng Iceland) thay cho “Đ” (U+0110)",
                "“Ð” (U+00D0, Icelandic Eth) instead of “Đ” (U+0110)"),
        "zero-width": ("ký tự vô hình (độ rộng bằng 0) trong chữ", "an invisible zero-width character"),
        "nbsp": ("dấu cách không ngắt (NBSP) chen giữa một chữ", "a no-break space splitting a word"),
        "mixed-script": ("chữ trộn ký tự Kirin/Hy Lạp trông giống chữ Latinh",
                         "a word mixing Cyrillic/Greek look-alikes with Latin letters"),
    }  # fmt: skip
    count: dict[str, int] = {}
    rest: dict[str, list] = {}  # the places past MAX_PER_KIND: fixed with the summary finding
    for block in ctx.doc.blocks:
        if block.index in skip:
            continue
        for c in find(block.text):
            count[c.kind] = count.get(c.kind, 0) + 1
            if count[c.kind] > MAX_PER_KIND:
                rest.setdefault(c.kind, []).append(_confusable_edit(block, c))
                continue
            vi, en = kinds[c.kind]
            text = block.text
            # the word around the character, as it should read
            a = c.start
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            b = c.end
            while b < len(text) and not text[b].isspace():
                b += 1
            word = text[a:b]
            fixed = text[a : c.start] + c.replacement + text[c.end : b]
            shown = word.encode("unicode_escape").decode() if c.kind != "eth" else word
            yield finding(
                "TXT008",
                f"Ký tự dễ nhầm: {vi} ở “{shown}”.",
                f"Confusable character: {en} in “{shown}”.",
                where=Location(block=block.index, start=c.start, end=c.end),
                excerpt=_excerpt(text, c.start, c.end),
                suggestion=fixed,
                fix=fx.safe(_confusable_edit(block, c), vi=f"Sửa thành “{fixed}”", en=f"Write “{fixed}”"),
            )
    for kind, n in count.items():
        if n > MAX_PER_KIND:
            vi, en = kinds[kind]
            yield finding(
                "TXT008",
                f"Còn {n - MAX_PER_KIND} chỗ khác có {vi}; hãy thay tất cả.",
                f"{n - MAX_PER_KIND} more place(s) with {en}; replace them all.",
                fix=fx.safe(rest.get(kind, []), vi="Thay tất cả", en="Replace them all"),
            )


def _confusable_edit(block: Block, c) -> list:
    """The look-alike replaced; a mixed-script word only when every look-alike has a Latin twin."""
    from doclint.vn.chars import _GREEK_CYRILLIC

    if c.kind == "mixed-script" and _GREEK_CYRILLIC.search(c.replacement):
        return []
    return fx.replace(block, c.start, c.end, c.replacement)


# ----------------------------------------------------------------------------------------- TXT004
_SPACING = [
    ("double-space", lazyre.compile(r"(?<=[^\W\d_]|[,.;:)]) {2,}(?=[^\W\d_])"),
     "hai dấu cách liền nhau", "two or more spaces in a row", " "),
    ("space-before", lazyre.compile(r"(?<=[^\W_]) +([,;:!?)]|\.(?![./]))(?=\s|$)"),
     "dấu cách trước dấu câu", "a space before punctuation", None),
    ("no-space-after", lazyre.compile(r"(?<=[^\W\d_])([,;])(?=[^\W\d_])"),
     "thiếu dấu cách sau dấu câu", "no space after punctuation", None),
    ("space-in-bracket", lazyre.compile(r"\( +(?=\S)|(?<=\S) +\)"),
     "dấu cách ngay sau “(” hoặc trước “)”", "a space just inside a bracket", None),
    ("doubled-punct", lazyre.compile(r"(?<![.v])([,;:])\s*\.{3}|,\s*,|;\s*;|,\s*[.;](?![./])|;\s*[,.](?![./])|(?<![.\w])\.\.(?![./])"),
     "dấu câu thừa hoặc chồng nhau", "doubled or redundant punctuation", None),
]  # fmt: skip


# a cheap test that a paragraph may have any of the problems above: "  ", " ,", ",a", ", .", "( ", ".."
# (every branch starts with its own literal character, which lets the regex engine skip to the
# places where one stands instead of trying every branch at every character)
_SPACING_ANY = lazyre.compile(r" [ ,;:!?).]|,(?:[^\W\d_]|\s*[.,;])|;(?:[^\W\d_]|\s*[.,;])|:\s*[.,;]|\( |\.\.")


def _spacing_fix(kind: str, s: str) -> str:
    if kind == "double-space":
        return " "
    if kind == "space-before":
        return s.strip()
    if kind == "no-space-after":
        return s + " "
    if kind == "space-in-bracket":
        return s.strip()
    if kind == "doubled-punct":
        if "..." in s:
            return "..."
        return s.strip()[0]
    return s


def _spacing_certain(kind: str, text: str, a: int, b: int) -> bool:
    """Two spaces between words are a typing slip; spaces that line up columns (a tab, or three spaces
    somewhere in the paragraph: "CHI NHÁNH      Độc lập - Tự do") are layout, not a fix doclint can make."""
    if "   " in text[a:b]:
        # a column of spaces in a form ("18         ;", "Họ và tên:      Chức vụ") is layout; a gap inside
        # a sentence of prose, before a word in lower case ("tác theo         kế hoạch", a line break
        # turned into spaces), is not
        before, after = text[a - 1 : a], text[b : b + 1]
        return (
            kind == "double-space"
            and len(text) >= 60
            and "\t" not in text
            and (before.isalnum() or before in ",)")
            and after.isalpha()
            and after.islower()
        )
    if kind == "doubled-punct":
        # ", ..." and ":..." mark a list left open or a blank of a form to fill in: not a slip to remove
        return "..." not in text[a:b] and "…" not in text[a:b]
    if kind != "double-space":
        return True
    return b - a == 2 and "\t" not in text and "   " not in text


def _disjoint(edits: list) -> list:
    """The edits that do not overlap an earlier one (two kinds of spacing problem on the same spaces:
    the other is fixed in the next pass)."""
    kept: list = []
    for edit in [e for group in edits for e in group]:
        if not any(edit.overlaps(k) for k in kept):
            kept.append(edit)
    return kept


def _word_bounds(text: str, a: int, b: int, words: int = 2) -> tuple[int, int]:
    """Widen [a, b) to take in ``words`` words on each side."""
    x = a
    for _ in range(words):
        while x > 0 and text[x - 1].isspace():
            x -= 1
        while x > 0 and not text[x - 1].isspace():
            x -= 1
    y = b
    for _ in range(words):
        while y < len(text) and text[y].isspace():
            y += 1
        while y < len(text) and not text[y].isspace():
            y += 1
    return x, y


@check("TXT004")
def spacing_punctuation(ctx) -> Iterator[Finding]:
    analysis = text_analysis(ctx)
    if analysis.legacy_document:
        return
    blocks = analysis.blocks
    count: dict[str, int] = {}
    rest: dict[str, list] = {}  # the places past MAX_PER_KIND: fixed with the summary finding
    pdf = ctx.doc.format == "pdf"  # a PDF text layer has its own spacing: only punctuation is checked
    for block in blocks:
        text = block.text
        if block.kind in ("header", "footer") or block.table is not None:
            continue  # header cells and forms align with spaces on purpose
        if len(text) < 30 or not _SPACING_ANY.search(text):
            continue  # short, or none of the problems below (most paragraphs)
        if re.search(r"\b(ngày|tháng|năm)\s{2,}|Số:\s{2,}|\.{4,}|…{2,}|_{3,}", text) or text.count("…") >= 3:
            continue  # date lines and forms with blanks to fill
        for kind, rx, vi, en, _ in _SPACING:
            if pdf and kind in ("double-space", "space-before", "space-in-bracket"):
                continue
            for m in rx.finditer(text):
                count[kind] = count.get(kind, 0) + 1
                a, b = m.start(), m.end()
                fixed = _spacing_fix(kind, m.group())
                certain = _spacing_certain(kind, text, a, b)
                if count[kind] > MAX_PER_KIND:
                    rest.setdefault(kind, []).append(fx.replace(block, a, b, fixed) if certain else [])
                    continue
                x, y = _word_bounds(text, a, b)
                before = text[x:y]
                after = text[x:a] + fixed + text[b:y]
                yield finding(
                    "TXT004",
                    f"Lỗi khoảng cách/dấu câu: {vi} ở “{before}”; nên viết “{after}”.",
                    f"Spacing/punctuation: {en} in “{before}”; write “{after}”.",
                    where=Location(block=block.index, start=a, end=b),
                    excerpt=_excerpt(text, a, b),
                    suggestion=after,
                    fix=fx.safe(fx.replace(block, a, b, fixed), vi=f"Viết “{after}”", en=f"Write “{after}”")
                    if certain
                    else None,
                )
    for kind, n in count.items():
        if n > MAX_PER_KIND:
            vi, en = next((v, e) for k, _, v, e, _ in _SPACING if k == kind)
            yield finding(
                "TXT004",
                f"Còn {n - MAX_PER_KIND} chỗ khác có {vi}.",
                f"{n - MAX_PER_KIND} more place(s) with {en}.",
                fix=fx.safe(_disjoint(rest.get(kind, [])), vi="Sửa tất cả", en="Fix them all"),
            )


# ----------------------------------------------------------------------------------------- words


def _word_blocks_of(ctx) -> list[Words]:
    analysis = text_analysis(ctx)
    return [] if analysis.legacy_document else analysis.word_blocks()


def _doubled_runs(blocks: list[Words]) -> Iterator[tuple[Words, list[str], list[Tok]]]:
    """(block's words, a run's keys, the run's words) for the runs with a word written twice in a row."""
    for words in blocks:
        keys = words.keys
        if not any(map(operator.eq, keys, keys[1:])):
            continue  # no word written twice in a row (nearly every paragraph), tested in C
        for a, b in words.runs():
            run_keys = keys[a:b]
            if any(map(operator.eq, run_keys, run_keys[1:])):
                yield words, run_keys, words.toks(a, b)


@check("TXT003")
def doubled_word(ctx) -> Iterator[Finding]:
    if _unproofread(ctx) is not None:
        return  # TXT006 says it once for the whole text
    yield from _capped("TXT003", _doubled_words(ctx))


def _doubled_words(ctx) -> Iterator[Finding]:
    from doclint.vn import lexicon as lexmod
    from doclint.vn import wordctx
    from doclint.vn.syllable import parse

    blocks = _word_blocks_of(ctx)
    if not blocks:
        return
    lex = lexmod.get()
    pdf = ctx.doc.format == "pdf"
    tables = {b.index for b in ctx.doc.blocks if b.table is not None}
    terms: set[tuple[str, ...]] | None = None  # worked out at the first doubled word
    surnames = frozenset(
        n.lower()
        for n in ctx.table("capitalisation").get("admin_units", {}).get("surnames", [])
        if " " not in n
    )
    for block_words, keys, run in _doubled_runs(blocks):
        bidx, text = block_words.block, block_words.text
        if terms is None:
            terms = wordctx.defined_terms((w.text for w in blocks), lexmod.syl_key)
        words = [t.text for t in run]
        for k, (x, y) in enumerate(itertools.pairwise(run)):
            if x.key != y.key or (parse(x.key) is None and x.text.isupper()):
                continue
            if pdf and bidx in tables:
                continue  # a PDF table row: the cells of a header row are read side by side
            if wordctx.doubled_is_fine(words, keys, k, lex.has, surnames):
                continue  # a name, two words sharing a syllable, a title and a unit, luật | Luật sư
            if k and wordctx.ends_defined_term(keys, k, terms):
                continue  # “chủ trì thuê | thuê tổ chức”: a term the document defines, then the same verb
            prev = run[k - 1].key if k else None
            nxt = run[k + 2].key if k + 2 < len(run) else None
            after = text[y.end : y.end + 3].lstrip()
            number = after[:1].isdigit()  # tháng tháng 11, số số 126: never a reduplication
            left_word = bool(prev) and lex.has(f"{prev} {x.key}")
            right_word = bool(nxt) and lex.has(f"{y.key} {nxt}")
            if lex.has(f"{x.key} {y.key}") and not left_word and not number:
                continue  # ngày ngày, người người: a reduplicated word
            if left_word and right_word:
                continue  # hành vi | vi phạm: two words that share a syllable
            if left_word and nxt is None and after[:1] in (";", ",", ".", ":", ")") and not number:
                continue  # trưởng đoàn thư ký | ký; the verb closes the clause
            if x.text[:1].isupper() and nxt and lex.has(f"{y.key} {nxt}") and y.text[:1].isupper():
                continue  # Luật Luật sư: a title followed by a name that starts with the same word
            if y.text[:1].isupper() and not x.text[:1].isupper():
                continue  # Đại hội Hội: the second is a name
            a, b = x.start, y.end
            yield finding(
                "TXT003",
                f"Từ lặp: “{text[a:b]}” — cùng một từ viết hai lần liền nhau.",
                f"Doubled word: “{text[a:b]}” — the same word twice in a row.",
                Location(block=bidx, start=a, end=b),
                excerpt=_excerpt(text, a, b),
                suggestion=x.text,
                fix=_doubled_fix(ctx.doc.blocks[bidx], x, y, left_word),
            )


def _doubled_fix(block: Block, x: Tok, y: Tok, left_word: bool):
    """The second word dropped. Certain for a stutter between two words one space apart ("giao giao");
    likely only when the first closes a word ("chuyên môn môn học") or both are capitalised (a name:
    "Huỳnh Huỳnh Như"); never across a tab or a column of spaces."""
    if block.text[x.end : y.start] != " ":
        return None
    build = fx.unsafe if left_word or x.text[:1].isupper() else fx.safe
    return build(
        fx.delete(block, x.end, y.end), vi=f"Bỏ chữ “{y.text}” thứ hai", en=f"Drop the second “{y.text}”"
    )


@check("TXT006")
def invalid_syllable(ctx) -> Iterator[Finding]:
    summary = _unproofread(ctx)
    if summary is not None:
        yield summary
        return
    yield from _capped("TXT006", iter(_spelling(ctx)[0]))


UNPROOFREAD_MIN = 20  # spelling findings (TXT006 + TXT007) in one text that make it an unproofread text …
UNPROOFREAD_RATE = 300  # … when there is at least one in this many words


def _spelling(ctx) -> tuple[list[Finding], list[Finding]]:
    """All TXT006 and TXT007 findings of the text, uncapped, computed once."""
    return ctx.cached("txt_spelling", lambda c: (list(_invalid_syllables(c)), list(_real_word_errors(c))))


def _unproofread(ctx) -> Finding | None:
    """One TXT006 for a text full of misspellings (a scan converted by OCR and never proofread), instead of
    fifty findings; None for an ordinary text."""
    return ctx.cached("txt_unproofread", _unproofread_finding)


def _unproofread_finding(ctx) -> Finding | None:
    if not ctx.config.is_selected("TXT006", ctx.doc.path):
        return None  # the summary is a TXT006 finding: without TXT006 the other rules report as usual
    found006, found007 = _spelling(ctx)
    spelling = found006 + found007
    n = len(spelling)
    words = text_analysis(ctx).word_count()
    if n < UNPROOFREAD_MIN or n * UNPROOFREAD_RATE < words:
        return None
    spelling.sort(key=lambda f: (f.location.block, f.location.start))
    blocks = ctx.doc.blocks
    sample = ", ".join(
        f"“{blocks[f.location.block].text[f.location.start : f.location.end]}”" for f in spelling[:5]
    )
    first = spelling[0]
    return finding(
        "TXT006",
        f"Văn bản có {n} chữ sai chính tả hoặc nhận dạng sai (ví dụ {sample}) — nhiều như vậy thường là văn bản "
        "chuyển từ ảnh quét (OCR) chưa được soát lại; cần soát lỗi toàn văn trước khi ban hành.",
        f"The text has {n} misspelt or misrecognised words (e.g. {sample}) — typical of a text converted from a "
        "scan (OCR) and never proofread; proofread the whole text before issuing it.",
        Location(block=first.location.block, start=first.location.start, end=first.location.end),
        excerpt=first.excerpt,
    )


def _invalid_places(blocks: list[Words], invalid: frozenset[str]) -> Iterator[tuple[Words, Run, list[int]]]:
    """(block's words, a run's words, where in the run) for the words that are no syllable (their keys
    are ``invalid``) and may be reported: not a word of four letters or more that
    :func:`_worth_checking` rules out wherever it stands (UBND, HĐND: it is no fragment :func:`_joined`
    can join either, those have three letters at most)."""
    for words in blocks:
        if invalid.isdisjoint(words.keys):
            continue  # every word a syllable (most paragraphs): tested in C
        texts = words.texts
        for a, b in words.runs():
            if invalid.isdisjoint(words.keys[a:b]):
                continue
            where = [
                i - a
                for i in range(a, b)
                if words.keys[i] in invalid and (len(texts[i]) <= 3 or _worth_word(texts[i]))
            ]
            if where:
                yield words, words.run(a, b), where


def _invalid_syllables(ctx) -> Iterator[Finding]:
    from doclint.vn import lexicon as lexmod
    from doclint.vn import spell
    from doclint.vn.syllable import match_case, split_tone

    blocks = _word_blocks_of(ctx)
    if not blocks:
        return
    from doclint.vn import wordctx

    lex = lexmod.get()  # loaded here, as the shared pass did, so that spell finds it ready
    pdf = ctx.doc.format == "pdf"
    invalid = text_analysis(ctx).invalid_keys()
    for block_words, run, where in _invalid_places(blocks, invalid):
        bidx, text = block_words.block, block_words.text
        for k in where:
            t = run[k]
            if lex.is_loanword(t.text) or wordctx.touches_symbol(text, t.start, t.end):
                continue  # panô, axit, ôxy, ĐẮK; pH=7, CO₂, m²
            left = run[k - 1].key if k else None
            right = run[k + 1].key if k + 1 < len(run) else None
            joined = None if pdf else _joined(text, run, k)
            if joined:
                sugg = [joined]
            else:
                if not _worth_checking(text, t):
                    continue
                if not _has_vn_marks(t.text) and not any(
                    _has_vn_marks(n.text) for n in run[max(0, k - 1) : k + 2] if n is not t
                ):
                    continue  # an unaccented word among unaccented words: foreign (You tube)
                if pdf and _has_vn_marks(t.text) and spell.split(t.key):
                    continue  # “Đềán” in a PDF: a space the text layer lost, not the author's
                sugg = spell.suggest(t.key, left, right)
                if not sugg and _has_vn_marks(t.text):
                    sugg = spell.split(t.key)
                if not sugg:
                    continue  # nothing near it: a loan word or a name (kilôgam)
                if not any(split_tone(c)[0] in "aăâeêioôơuưy" for c in t.key) and not _in_word(
                    sugg[0], left, right
                ):
                    continue  # no vowel and no word around the correction: an abbreviation
                if _in_name(run, k) and not _tone_fix_in_word(t.key, sugg[0], left, right):
                    continue
            end = run[k + 1].end if joined else t.end
            word = text[t.start : end]
            shown = ", ".join(f"“{match_case(s, t.text)}”" for s in sugg)
            fixed = sugg[0] if joined else match_case(sugg[0], t.text)
            yield finding(
                "TXT006",
                f"“{word}” không phải là một âm tiết tiếng Việt viết đúng chính tả; có thể là {shown}.",
                f"“{word}” is not a well-formed Vietnamese syllable; perhaps {shown}.",
                Location(block=bidx, start=t.start, end=end),
                excerpt=_excerpt(text, t.start, end),
                suggestion=match_case(sugg[0], t.text),
                # a misspelling is corrected only when there is one candidate, and a person confirms it
                fix=fx.unsafe(
                    fx.replace(ctx.doc.blocks[bidx], t.start, end, fixed),
                    vi=f"Sửa thành “{fixed}”",
                    en=f"Write “{fixed}”",
                )
                if len(sugg) == 1
                else None,
            )


@check("TXT007")
def real_word_error(ctx) -> Iterator[Finding]:
    if _unproofread(ctx) is not None:
        return  # TXT006 says it once for the whole text
    yield from _capped("TXT007", iter(_spelling(ctx)[1]))


def _real_word_errors(ctx) -> Iterator[Finding]:
    from doclint.vn import lexicon as lexmod
    from doclint.vn import spell
    from doclint.vn.syllable import match_case

    blocks = _word_blocks_of(ctx)
    if not blocks:
        return
    from doclint.vn import wordctx

    lexmod.get()
    reported: set[tuple[str, str]] = set()
    for block_words, first, end, pairs in _spell_runs(blocks):
        caps = _Caps(block_words.texts[first:end])
        hits = spell.real_word_errors(block_words.keys[first:end], caps, pairs)
        if not hits:
            continue  # most runs
        bidx, text = block_words.block, block_words.text
        run = block_words.run(first, end)
        quotes = wordctx.quoted_spans(text) if "“" in text or '"' in text else []
        for hit in hits:
            span = run[hit.index : hit.index + hit.length]
            if any(_codeish(text, t.start, t.end) for t in span):
                continue
            if quotes and wordctx.inside(quotes, span[0].start):
                continue  # quoted wording: a slogan, a title, another text's words
            if (hit.wrong, hit.right) in reported:
                continue  # one finding per pair per document
            reported.add((hit.wrong, hit.right))
            a, b = span[0].start, span[-1].end
            right_words = hit.right.split(" ")
            fixed = " ".join(match_case(w, t.text) for w, t in zip(right_words, span))
            yield finding(
                "TXT007",
                f"Có thể viết sai chính tả: “{text[a:b]}” — có lẽ là “{fixed}”.",
                f"Probable misspelling: “{text[a:b]}” — probably “{fixed}”.",
                Location(block=bidx, start=a, end=b),
                excerpt=_excerpt(text, a, b),
                suggestion=fixed,
                fix=fx.unsafe(
                    fx.replace(ctx.doc.blocks[bidx], a, b, fixed),
                    vi=f"Sửa thành “{fixed}”",
                    en=f"Write “{fixed}”",
                ),
            )


def _spell_runs(blocks: list[Words]) -> Iterator[tuple[Words, int, int, list[int]]]:
    """(block's words, a run's first word and end, the pairs to look at in the run) for the runs in
    which :func:`~doclint.vn.spell.real_word_errors` could find something: a pair it would look a
    correction up for, or the first word of a curated phrase (one pass over the document's keys, not a
    call per run: most runs have neither)."""
    from doclint.vn import spell

    runs: list[list[str]] = []  # the keys of each run
    where: list[tuple[int, int, int]] = []  # each run's block and first word and end in the block
    for p, words in enumerate(blocks):
        bounds = words.bounds
        if len(bounds) == 2:  # one run: most paragraphs
            runs.append(words.keys)
            where.append((p, 0, bounds[1]))
        else:
            for a, b in itertools.pairwise(bounds):
                runs.append(words.keys[a:b])
                where.append((p, a, b))
    pairs, curated = spell.places_to_check(runs)
    todo: dict[int, list[int]] = {}  # run -> its pairs, by the run's first word
    for r, j in pairs:
        todo.setdefault(r, []).append(j)
    if curated:
        for r, keys in enumerate(runs):
            if not curated.isdisjoint(keys):
                todo.setdefault(r, [])
    for r in sorted(todo):
        p, a, b = where[r]
        yield blocks[p], a, b, todo[r]


class _Caps:
    """Whether each word of a run is capitalised (not all capitals), worked out only for the words
    :func:`~doclint.vn.spell.real_word_errors` asks about: those of the few pairs that are no word."""

    __slots__ = ("_texts",)

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts  # the run's words as written

    def __getitem__(self, i: int) -> bool:
        text = self._texts[i]
        return text[:1].isupper() and not text.isupper()

    def __len__(self) -> int:
        return len(self._texts)


def _in_word(cand: str, left: str | None, right: str | None) -> bool:
    from doclint.vn import lexicon as lexmod

    lex = lexmod.get()
    return bool((left and lex.is_word(f"{left} {cand}")) or (right and lex.is_word(f"{cand} {right}")))


def _in_name(run: Sequence[Tok], k: int) -> bool:
    """A capitalised word next to another capitalised word: part of a name (Đắk Nông, Hồ Đức Phớc)."""
    if not run[k].text[:1].isupper() or run[k].text.isupper():
        return False  # lower case, or a heading in capitals
    left = k > 0 and run[k - 1].text[:1].isupper()
    right = k + 1 < len(run) and run[k + 1].text[:1].isupper()
    return left or right or k > 0  # a capital inside a sentence marks a name too


def _tone_fix_in_word(key: str, cand: str, left: str | None, right: str | None) -> bool:
    """In a name, only report a missing/misplaced tone that makes a known word (Viêt Nam → Việt Nam)."""
    from doclint.vn import lexicon as lexmod
    from doclint.vn.syllable import strip_marks

    if strip_marks(key) != strip_marks(cand):
        return False
    lex = lexmod.get()
    return bool((left and lex.has(f"{left} {cand}")) or (right and lex.has(f"{cand} {right}")))


def _joined(text: str, run: Sequence[Tok], k: int) -> str | None:
    """“ph úc” → “phúc”: an invalid fragment (of three letters at most: :func:`_invalid_places` relies
    on it) that makes a word with the next fragment."""
    from doclint.vn.syllable import is_valid

    if k + 1 >= len(run):
        return None
    t, u = run[k], run[k + 1]
    if _codeish(text, t.start, t.end) and text[t.start - 1 : t.start] != " ":
        return None
    if len(t.text) > 1 and t.text.isupper() and not u.text.isupper():
        return None  # an abbreviation before a name (“TH An Thạnh”: Trường tiểu học An Thạnh)
    if u.start - t.end != 1 or (is_valid(u.text) and len(u.text) > 2):
        return None
    whole = t.text + u.text
    return whole if is_valid(whole) and len(t.text) <= 3 else None


def _worth_checking(text: str, t: Tok) -> bool:
    """Skip codes, abbreviations, acronyms, foreign words and names; keep what looks Vietnamese."""
    return not _codeish(text, t.start, t.end) and _worth_word(t.text)


@lru_cache(maxsize=4096)
def _worth_word(w: str) -> bool:
    """What :func:`_worth_checking` says of the word itself, wherever it stands (a document repeats its
    acronyms and foreign words)."""
    from doclint.vn.syllable import BASE_LETTERS, split_tone

    for ch in w.lower():
        base, _ = split_tone(ch)
        if base not in BASE_LETTERS:
            return False  # a letter Vietnamese does not use: é in café is fine, ñ ü ç ß are not
    if any(c in "fjwz" for c in w.lower()):
        return False
    if len(w) > 8 or len(w) < 2:
        return False  # single letters are outline labels (a), b)...) or initials
    marked = _has_vn_marks(w)
    has_vowel = any(split_tone(c)[0] in "aăâeêioôơuưy" for c in w.lower())
    if w.isupper() and len(w) > 1:
        # acronyms (UBND, HĐND, BCĐ) have no vowel marks; a capitalised word with tone marks is a word
        return marked and has_vowel and any(split_tone(c)[1] for c in w)
    if not w.islower() and not w[0].isupper():
        return False  # mixed case: iPhone, VNeID
    if w[0].isupper() and not w[1:].islower() and len(w) > 1:
        return False
    if not has_vowel:
        # km, kg, đc: units and abbreviations; a lower-case word that lost its vowel (tch, dn) is kept,
        # and the caller asks for a correction that makes a word with a neighbour
        return w.islower() and w not in UNITS
    if not marked:
        return not w[0].isupper() and w.lower() not in FOREIGN and _looks_vietnamese(w)
    return True


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


UNITS = _set("km kg cm mm ml mg kw kwh mw gb mb kb tb ms hz khz mhz ghz đc đ/c ng tr th ts ths pgs gs bs ks")
FOREIGN = set(
    [
        "mini",
        "online",
        "offline",
        "internet",
        "website",
        "web",
        "email",
        "e-mail",
        "video",
        "camera",
        "logo",
        "file",
        "smartphone",
        "wifi",
        "app",
        "zalo",
        "facebook",
        "youtube",
        "tiktok",
        "google",
        "fanpage",
        "blog",
        "marketing",
        "startup",
        "server",
        "cloud",
        "data",
        "big",
        "robot",
        "taxi",
        "radio",
        "video",
        "clip",
        "album",
        "show",
        "game",
        "test",
        "download",
        "upload",
        "password",
        "pin",
        "sim",
        "code",
        "qr",
        "hotline",
        "covid",
        "vaccine",
        "virus",
        "gen",
        "ozon",
        "oxy",
        "ok",
        "visa",
        "container",
        "bus",
        "kit",
        "tour",
        "hotel",
        "resort",
        "spa",
        "golf",
    ]
)


_FOREIGN_CLUSTER = lazyre.compile(
    r"(?:bl|br|cl|cr|dr|fl|fr|gl|gr|pl|pr|sc|sk|sl|sm|sn|sp|st|sw|tw|wh|wr|ck|sh|ll|ss|ee|oo[^n]|tt|pp|mm|rr|"
    r"[bdfklrsvxz]$|(?<!n)g$|ti[oa]|tion|ing$|er$|or$|al$|ic$|ly$|ed$|es$)"
)


def _looks_vietnamese(w: str) -> bool:
    """A lower-case ASCII word that is not a syllable: a Vietnamese typo or a foreign word?"""
    return not _FOREIGN_CLUSTER.search(w)


# ----------------------------------------------------------------------------------------- TXT005
def _places_of(blocks: list[Words], wanted: set[str]) -> list[tuple[int, int, int, str]]:
    """(block, start, end, text) of every word written as one of ``wanted``, in document order."""
    out: list[tuple[int, int, int, str]] = []
    for words in blocks if wanted else ():
        if wanted.isdisjoint(words.texts):
            continue
        texts, starts, ends = words.texts, words.starts, words.ends
        # the places of those words, picked in C
        for i in itertools.compress(range(len(texts)), map(wanted.__contains__, texts)):
            out.append((words.block, starts[i], ends[i], texts[i]))
    return out


@check("TXT005")
def tone_placement(ctx) -> Iterator[Finding]:
    """Without a house style: the same syllable written both ways (hoà and hòa) in one document.
    With ``tone-style``: every syllable placed the other way. One finding per document."""
    from doclint.vn.syllable import normalise_tone, parse

    analysis = text_analysis(ctx)
    if analysis.legacy_document:
        return
    blocks = analysis.words()

    # each distinct word parsed once: (placement, new form) of those placed one way only
    counts = Counter(itertools.chain.from_iterable(w.texts for w in blocks))
    placed: dict[str, tuple[str, str]] = {}
    for word in counts:
        syl = parse(word)
        if syl is not None and syl.placement:
            placed[word] = (syl.placement, syl.render("new"))
    forms: dict[str, set[str]] = {}
    for placement, new_form in placed.values():
        forms.setdefault(new_form, set()).add(placement)
    style = ctx.option("tone-style")
    ex = {"old": "hòa, thủy, khỏe", "new": "hoà, thuỷ, khoẻ"}
    name_vi = {"old": "kiểu cũ", "new": "kiểu mới"}
    if style in ("old", "new"):
        wrong = "old" if style == "new" else "new"
        places = _places_of(blocks, {w for w, (p, _) in placed.items() if p == wrong})
        if not places:
            return
        target = style
        reason_vi = f"quy ước của cơ quan (tone-style) là đặt dấu {name_vi[style]} ({ex[style]})"
        reason_en = f"the house style (tone-style) places tone marks the {style} way ({ex[style]})"
    else:
        both = {k for k, v in forms.items() if len(v) == 2}
        if not both:
            return  # each syllable written one way (most documents): no place is looked up
        # keep the placement the document uses more often for these syllables
        n_old = sum(counts[w] for w, (p, form) in placed.items() if p == "old" and form in both)
        n_new = sum(counts[w] for w, (p, form) in placed.items() if p == "new" and form in both)
        wrong = "old" if n_old < n_new else "new"
        target = "new" if wrong == "old" else "old"
        places = _places_of(blocks, {w for w, (p, form) in placed.items() if p == wrong and form in both})
        pairs = sorted(
            {(normalise_tone(w.lower(), "new"), normalise_tone(w.lower(), "old")) for *_, w in places}
        )
        shown = ", ".join(f"{a}/{b}" for a, b in pairs[:4])
        reason_vi = f"cùng một chữ được viết theo cả hai cách đặt dấu ({shown})"
        reason_en = f"the same word is written with both tone placements ({shown})"
    words = sorted({w for *_, w in places})
    edits = [fx.replace(ctx.doc.blocks[pb], ps, pe, normalise_tone(pw, target)) for pb, ps, pe, pw in places]
    # the house style is certain; the document's own majority is only likely
    build = fx.safe if style in ("old", "new") else fx.unsafe
    b, s, e, w = places[0]
    sample = ", ".join(f"“{x}” → “{normalise_tone(x, target)}”" for x in words[:6])
    yield finding(
        "TXT005",
        f"Đặt dấu thanh không thống nhất: {reason_vi}. Nên viết thống nhất {name_vi[target]} "
        f"({len(places)} chỗ): {sample}.",
        f"Inconsistent tone-mark placement: {reason_en}. Use the {target} style throughout "
        f"({len(places)} place(s)): {sample}.",
        where=Location(block=b, start=s, end=e),
        excerpt=w,
        suggestion=normalise_tone(w, target),
        fix=build(edits, vi=f"Đặt dấu {name_vi[target]} ({len(places)} chỗ)", en=f"The {target} placement"),
    )
