"""Normalised word shingles of a document's content, for near-duplicate detection (RED001, RED002).

Text is normalised so that light edits do not hide a repetition: NFC, lower case, the old and new
tone placements unified ("uỷ" = "ủy"), dates written one way ("ngày 24 tháng 01 năm 2019" =
"24/01/2019" → "24/1/2019"), "Ủy ban nhân dân" = "UBND", punctuation dropped, numbers and
number/symbols ("09/2019/NĐ-CP", "10%") kept as tokens. List markers ("a)", "-", "2.") are dropped.

The unit of comparison is the sentence (a paragraph split at ". ! ? ;"); paragraphs are the unit of
report. Only content paragraphs take part: the body range recognition found (``ctx.rec``), without
headings, short lines (fewer than ``MIN_TOKENS`` words), the preamble (căn cứ, "Thực hiện ...")
and the closing formula ("Trên đây là ..."), the Nơi nhận, the signature and the page headers.
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from doclint import lazyre
from doclint.analysis import analysis

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.model import Block, Document

SHINGLE_K = 3
MIN_TOKENS = 8  # a sentence shorter than this is boilerplate or a heading, not a passage

# old-style tone placement → new style (what NĐ 30 era documents mostly use); both occur in the corpus
_TONE = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip
_TONE_RE = lazyre.compile("|".join(_TONE))
_PHRASES = [  # (the literal the pattern needs, the pattern, its replacement)
    ("uỷ ban nhân dân", lazyre.compile(r"\buỷ ban nhân dân\b"), "ubnd"),
    ("hội đồng nhân dân", lazyre.compile(r"\bhội đồng nhân dân\b"), "hđnd"),
    ("nghị định", lazyre.compile(r"\bnghị định\b"), "nghị_định"),
]
_DATE_WORDS = lazyre.compile(r"\b(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b")
# "\b(\d{1,2})[/.-]...": the first digit comes before the boundary test so that the engine skips to digits
_DATE_NUM = lazyre.compile(r"(\d(?<!\w\d)\d?)[/.\-](\d{1,2})[/.\-](\d{4})\b")
_DIGIT = lazyre.compile(r"\d")
# a token: a number/symbol ("09/2019/nđ-cp", "226-kl/tw", "1,5", "95%") or a word
_TOKEN = lazyre.compile(r"§?\d[\w/.,\-]*%?|\w+(?:[/\-]\w+)*", re.UNICODE)
_MARKER = lazyre.compile(r"^\s*(?:[-–—+•*]|[a-zđ][).]|\d+(?:\.\d+)*[.)]|[IVXLC]+[.)])\s+")
_SENTENCE_END = lazyre.compile(r"(?<=[.!?;:])\s+(?=\S)")
# a citation "Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ" collapses to one token
# "§09/2019/nđ-cp": two passages that only cite the same documents are not duplicates
_CIT_TYPES = (
    "nghị_định|quyết định|kết luận|kế hoạch|chỉ thị|thông tư|nghị quyết|quy định|công văn|hướng dẫn|"
    "chương trình|thông báo|công điện|luật|pháp lệnh|văn bản"
)
_ISSUERS = (
    "thủ tướng chính phủ|chính phủ|ban bí thư|bộ chính trị|ban chấp hành trung ương(?: đảng)?|quốc hội|"
    "uỷ ban thường vụ quốc hội|văn phòng chính phủ|(?:ubnd|hđnd|tỉnh uỷ|huyện uỷ|đảng uỷ)"
    "(?: (?:tỉnh|thành phố|huyện|xã|phường|thị xã))?(?: [a-zà-ỹđ]+){0,2}?|bộ [a-zà-ỹđ]+(?: [a-zà-ỹđ]+)?"
)
_CITATION = lazyre.compile(
    rf"\b(?:{_CIT_TYPES})\s+(?:số\s+)?(\d[\w/.\-]*[\w])"
    rf"(?:\s*+(?:,\s*+)?ngày\s+\d{{1,2}}/\d{{1,2}}/\d{{4}})?(?:\s+(?:của\s+)?(?:{_ISSUERS})\b)?"
)

_DOC_TYPES = (
    "kế hoạch|quyết định|chỉ thị|công văn|nghị quyết|nghị định|kết luận|thông báo|chương trình|"
    "hướng dẫn|văn bản|thông tư|luật|công điện|quy định|chỉ đạo|ý kiến"
)
_ALWAYS_SKIP = lazyre.compile(r"^(trên đây là|nơi nhận)\b", re.IGNORECASE)
# the opening: căn cứ, "Thực hiện Kế hoạch số 138/KH-UBND ...", "Theo đề nghị của ..."
_OPENING = lazyre.compile(
    rf"^(căn cứ|theo đề nghị|xét đề nghị|(thực hiện|triển khai|tiếp theo)\s+(?:{_DOC_TYPES})\b)",
    re.IGNORECASE,
)
_STOP_AT = lazyre.compile(r"^(nơi nhận|tm\.|kt\.|tl\.|tuq\.|t/m|k/t)\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Each rewrite runs only when its literal is in the text: a plain substring test is far cheaper
    than a scan of a pattern that starts with a word boundary (the engine tries it at every position)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _TONE_RE.sub(lambda m: _TONE[m.group(0)], text)
    digits = _DIGIT.search(text) is not None  # dates and citations need one; the rewrites keep them
    if digits and "tháng" in text:
        text = _DATE_WORDS.sub(lambda m: f"{int(m[1])}/{int(m[2])}/{m[3]}", text)
    if digits:
        text = _DATE_NUM.sub(lambda m: f"{int(m[1])}/{int(m[2])}/{m[3]}", text)
    for literal, pattern, repl in _PHRASES:
        if literal in text:
            text = pattern.sub(repl, text)
    return _CITATION.sub(lambda m: f"§{m[1]}", text) if digits else text


def tokens(text: str) -> list[str]:
    """The normalised words of ``text`` (list marker dropped)."""
    return _words(_MARKER.sub("", text, count=1))


def _words(text: str) -> list[str]:
    """The normalised words of ``text``, a list marker included."""
    return [t.rstrip(".,-") or t for t in _TOKEN.findall(normalise(text))]


def paragraph_words(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[list[str]]]:
    """``tokens(text)`` and the ``tokens`` of each sentence of ``spans`` (``sentences(text)``), each
    piece of text tokenised once.

    The paragraph's words are its sentences' words one after the other: sentences are separated by
    white space after ". ! ? ; :", no token holds white space, and no rewrite of ``normalise`` matches
    across such a gap (each pattern's white space follows a letter, a digit or a comma) or sees
    anything but "not a word character" at a sentence's edge. Only list markers differ: the
    paragraph drops its own (which may be the whole first sentence, "a." before "Nội dung ..."),
    and keeps those that open a later sentence."""
    per = [tokens(text[s:e]) for s, e in spans]
    if len(spans) == 1 and spans[0] == (0, len(text)):
        return per[0], per
    marker = _MARKER.match(text)
    words: list[str] = []
    for i, ((s, e), w) in enumerate(zip(spans, per)):
        if i == 0:
            if marker is None or marker.end() < e:
                words.extend(w)  # the sentence drops the same marker as the paragraph, or none
            continue  # else the sentence is the paragraph's marker
        piece = text[s:e]
        words.extend(_words(piece) if _MARKER.match(piece) else w)
    return words, per


def stable_hash(value: str) -> int:
    """A 63-bit hash that is the same in every process (Python's ``hash`` is salted): two CRCs side by
    side, computed in C — blake2b was a third of RED's time on a 20-page document."""
    data = value.encode("utf-8")
    return (zlib.crc32(data) << 31) ^ zlib.crc32(data, 0x9E3779B9)


def shingle_hashes(words: Sequence[str], k: int = SHINGLE_K) -> set[int]:
    if len(words) < k:
        return {stable_hash(" ".join(words))} if words else set()
    # stable_hash of each window, in C: the UTF-8 of "a b c" is the words' UTF-8 joined by a space
    crc = zlib.crc32
    encoded = list(map(str.encode, words))
    data = list(map(b" ".join, zip(*(encoded[i:] for i in range(k)))))
    high = map(operator.lshift, map(crc, data), itertools.repeat(31))
    return set(map(operator.xor, high, map(crc, data, itertools.repeat(0x9E3779B9))))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


@dataclass(slots=True, eq=False, repr=False)
class Unit:
    """One sentence of a content paragraph."""

    block: int
    start: int
    end: int
    words: list[str]
    shingles: set[int]
    position: int = 0  # which sentence of its paragraph (0, 1, ...)
    section: int = -1  # the heading block it falls under (-1: none), see ``sections``
    label: str = ""  # the entity it is stated for: "Hội Làm vườn tỉnh X: <sentence>" (lower case)
    quoted: bool = False  # inside quotation marks, or the provision quoted after "như sau:"
    segment: int = 0  # which numbered document of the file (citations.document_segments)
    fragment: bool = False  # a clause that starts inside a sentence, in lower case ("...; phê duyệt ...")
    form_field: bool = (
        False  # the sentence is a "label: value" line ("+ Cơ quan chủ trì: Các sở, ban, ngành.")
    )


@dataclass(slots=True, eq=False, repr=False)
class Paragraph:
    """A paragraph's words and word shingles, split into units."""

    block: int
    text: str
    words: list[str]
    units: list[Unit] = field(default_factory=list)
    known_shingles: set[int] | None = field(default=None, repr=False, compare=False)

    @property
    def shingles(self) -> set[int]:
        """Worked out on first use: RED001 compares sentences, only RED002 and the library read these."""
        if self.known_shingles is None:
            self.known_shingles = shingle_hashes(self.words)
        return self.known_shingles


@dataclass(slots=True, eq=False, repr=False)
class Shingles:
    """The shingled paragraphs of a document (and which are table cells)."""

    paragraphs: list[Paragraph]
    cells: list[int] = field(default_factory=list)  # blocks of ``paragraphs`` that are table cells

    @property
    def units(self) -> list[Unit]:
        return [u for p in self.paragraphs for u in p.units]

    def paragraph(self, block: int) -> Paragraph | None:
        for p in self.paragraphs:
            if p.block == block:
                return p
        return None


_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_NOT_UPPER = bytes(c for c in range(128) if not ord("A") <= c <= ord("Z"))


def _mostly_lower(text: str) -> bool:
    """True when the text surely has no more than 80 % capitals among its letters, decided in C: its
    ASCII small letters are letters that are not capitals, and every character that is neither one of
    them nor an ASCII character other than A-Z is at most a capital. Body text passes; the exact count
    is left for the rest."""
    data = text.encode("utf-8", "surrogatepass")  # every non-ASCII character: bytes >= 0x80
    lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    not_upper = len(data) - len(data.translate(None, _ASCII_NOT_UPPER))
    return len(text) - not_upper <= 4 * lower


@lru_cache(maxsize=4096)  # asked for the body's blocks twice (content_blocks, then _Structure)
def _is_heading(text: str) -> bool:
    if not _mostly_lower(text):
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            return True  # "I. MỤC ĐÍCH, YÊU CẦU", "KẾ HOẠCH"
    closing = text.rstrip()
    unclosed = not closing.endswith((".", ";", ":", ",", "!", "?"))
    if unclosed and not _MARKER.match(text) and len(text.split()) <= 12:
        return True  # a short unnumbered line without closing punctuation: a heading or a label
    if closing.endswith((".", ";", ":", ",")):
        return False
    return bool(re.match(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s+\S.{0,250}$", text))


def content_blocks(doc: Document, rec=None) -> list[Block]:
    """The paragraphs whose text can be a passage: the body without headings, preamble, closing."""
    blocks = doc.blocks
    rng = rec.body_range() if rec is not None else range(0)
    if len(rng):
        candidates = [blocks[i] for i in rng if 0 <= i < len(blocks)]
        skip: set[int] = set()
        for comp in getattr(rec, "can_cu", []) or []:
            skip.add(comp.block)
    else:
        candidates = _fallback_body(doc)
        skip = set()
    out = []
    seen_heading = False
    for b in candidates:
        if b.kind in ("header", "footer") or b.index in skip:
            continue
        text = b.text.strip()
        if not text:
            continue
        if _is_heading(text):
            seen_heading = True
            continue
        bare = _MARKER.sub("", text, count=1)
        if _ALWAYS_SKIP.match(bare) or (not seen_heading and _OPENING.match(bare)):
            continue
        out.append(b)
    return out


def _fallback_body(doc: Document) -> list[Block]:
    """Without recognition: from after the title (the first capitalised type name near the top) up to
    the Nơi nhận or the signature."""
    flow = doc.body_blocks()
    start = 0
    for i, b in enumerate(flow[:15]):
        text = b.text.strip()
        if text and text.isupper() and len(text) < 40 and not text.startswith(("CỘNG HÒA", "CỘNG HOÀ")):
            start = i + 2  # the type name, then the trích yếu
            if start < len(flow) and flow[start - 1].text.strip().startswith(("V/v", "Về việc")):
                start = i + 1
    out = []
    for b in flow[start:]:
        if _STOP_AT.match(b.text.strip()):
            break
        out.append(b)
    return out


def build(blocks: Iterable[Block], min_tokens: int = MIN_TOKENS, doc: Document | None = None) -> Shingles:
    """The units of ``blocks``; with the whole ``doc``, each unit also knows its section, the entity it is
    stated for, whether it is quoted and which document of the file it belongs to."""
    paragraphs: list[Paragraph] = []
    kept: list[Block] = []
    structure = _Structure(doc) if doc is not None else None
    for b in blocks:
        spans = sentences(b.text)
        words, per_sentence = paragraph_words(b.text, spans)
        if len(words) < min_tokens:
            continue
        kept.append(b)
        para = Paragraph(block=b.index, text=b.text, words=words)
        for (s, e), w in zip(spans, per_sentence):
            if w is words:  # the whole paragraph is one sentence
                para.units.append(Unit(b.index, s, e, words, para.shingles))
            elif len(w) >= min_tokens:
                para.units.append(Unit(b.index, s, e, w, shingle_hashes(w), position=len(para.units)))
        if not para.units:  # a paragraph of short sentences is still one passage
            para.units.append(Unit(b.index, 0, len(b.text), words, para.shingles))
        if structure is not None:
            structure.annotate(b, para.units)
        paragraphs.append(para)
    return Shingles(paragraphs, [p.block for p, b in zip(paragraphs, kept) if b.table is not None])


def shingles_of(doc: Document, rec=None) -> Shingles:
    return build(content_blocks(doc, rec), doc=doc)


# "Hội Cựu giáo chức tỉnh X: Không có khả năng ...", "Các trường trung học phổ thông tại Phụ lục I: ...":
# a short label naming whom the sentence is about (at most ten words, no verb-ending punctuation)
_LABEL = lazyre.compile(
    r"^\s*+(?:[-–+•*]\s*+|[a-zđ][).]\s*+|\d+(?:\.\d+)*[.)]\s*+)?(?P<label>[^:;.!?]{2,90}?)\s*+:\s*+\S"
)
# "Đối với tên loại công văn, ...", "Riêng Trường X, ...": the whole paragraph is stated for one entity
_FOR_LABEL = lazyre.compile(
    r"^\s*+(?:[-–+•*]\s*+|[a-zđ][).]\s*+|\d+(?:\.\d+)*[.)]\s*+)?(?:Đối với|Riêng đối với|Riêng)\s++"
    r"(?P<label>[^,:;.!?]{2,90}?)\s*+[,:]"
)
# a provision quoted after its announcement ("... quy định như sau:" then the quoted text)
_ANNOUNCES_QUOTE = lazyre.compile(r"(?:như sau|sau đây|quy định|nêu rõ)\s*+:\s*+[“\"]?\s*+$", re.IGNORECASE)


class _Structure:
    """Where each content block sits: under which heading, in which document of the file, quoted or not."""

    def __init__(self, doc: Document) -> None:
        from doclint.analysis.citations import document_segments

        self.blocks = doc.blocks
        self.segments = document_segments(doc.blocks)
        self.heading_of: list[int] = []
        current = -1
        for b in doc.blocks:
            if _is_section_heading(b.text.strip()):
                current = b.index
            self.heading_of.append(current)

    def annotate(self, block: Block, units: list[Unit]) -> None:
        from doclint.analysis.citations import quote_spans

        text = block.text
        section = self.heading_of[block.index] if block.index < len(self.heading_of) else -1
        segment = self.segments[block.index] if block.index < len(self.segments) else 0
        label = _LABEL.match(text)
        whole = _FOR_LABEL.match(text)
        quotes = quote_spans(text)
        prev = self.blocks[block.index - 1].text if block.index else ""
        # the pattern ends in ":" and an optional quotation mark: no need to scan a paragraph without them
        announces = prev.rstrip().endswith((":", "“", '"')) and bool(_ANNOUNCES_QUOTE.search(prev))
        announced = announces or text.lstrip().startswith(("“", '"'))
        for u in units:
            u.section, u.segment = section, segment
            piece = text[u.start : u.end].lstrip()
            u.fragment = u.start > 0 and bool(piece) and piece[0].islower()
            if whole:
                u.label = " ".join(whole["label"].lower().split())
            elif label and u.start >= label.end("label"):
                u.label = " ".join(label["label"].lower().split())
            elif label and u.end > label.end("label"):
                u.form_field = True
            inside = any(a <= u.start and u.end <= b + 1 for a, b in quotes)
            u.quoted = inside or announced


def _is_section_heading(text: str) -> bool:
    """A heading that opens a section: the content's headings, and short numbered or lettered titles
    ("4.4. Sở Nội vụ", "b) Nhiệm vụ", "a) Đối với tập thể:")."""
    if not text:
        return False
    if _is_heading(text):
        return True
    short = len(text.split()) <= 10
    return short and bool(_MARKER.match(text)) and not text.rstrip().endswith((".", ";", ","))


@analysis("shingles")
def shingles_analysis(ctx: Context) -> Shingles:
    return shingles_of(ctx.doc, ctx.rec)


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller set found in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def real_repeats(
    pairs: list[tuple[Unit, Unit, float]], paragraphs: list[Paragraph] | None = None
) -> list[tuple[Unit, Unit, float]]:
    """The pairs of near-identical sentences that are a passage written twice (RED001), not a structure
    that states the same thing for another purpose. Measured on the corpus's labelled findings
    (benchmarks/labels/RED.tsv): the same sentence stated for two inspected bodies, two groups, two
    indices, a target and then the task, a month's result and next month's task, a request restating its
    grounds; quoted provisions; several decisions in one file. Kept:

    - a repeat of two or more consecutive sentences, in order (a copied paragraph), wherever it is;
    - a single sentence repeated under the same heading (two items of one list that say the same thing),
      when neither is stated for a named entity ("Hội X: ..."), the later one is not a clause inside
      another sentence ("...; phê duyệt Điều lệ ...") and they are not both the same field of a form
      ("+ Cơ quan chủ trì: Các sở, ban, ngành." under each task).

    Never: two documents of one file, or a sentence inside quotation marks or a quoted provision."""
    candidates = [
        (a, b, score) for a, b, score in pairs if a.segment == b.segment and not (a.quoted or b.quoted)
    ]
    matched: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for a, b, _ in candidates:
        matched[(a.block, b.block)].add((a.position, b.position))

    def one_list(a: Unit, b: Unit) -> bool:
        return (
            a.section == b.section
            and not (a.label or b.label)
            and not b.fragment
            and not (a.form_field and b.form_field)  # each task's "Cơ quan chủ trì: ..." line
        )

    def copied_paragraph(a: Unit, b: Unit) -> bool:
        """Two consecutive sentences repeated in order, and every sentence of the shorter paragraph."""
        same = matched[(a.block, b.block)]
        if not any((a.position + d, b.position + d) in same for d in (-1, 1)):
            return False
        side = 0 if sizes.get(a.block, 0) <= sizes.get(b.block, 0) else 1
        shorter = (a.block, b.block)[side]
        return {pair[side] for pair in same} >= set(range(sizes.get(shorter, 0)))

    sizes = {p.block: len(p.units) for p in paragraphs} if paragraphs else {}
    return [(a, b, score) for a, b, score in candidates if one_list(a, b) or copied_paragraph(a, b)]
