"""Citations: every reference a document makes to another document, parsed and resolved.

The eyecite of Vietnamese public documents. A *mention* is one place in the text that refers to a
document: a number/symbol (``Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ về ...``),
a law cited by name (``Luật Tổ chức chính quyền địa phương``) or an anaphora (``Quyết định nêu trên``,
``Kế hoạch này``). Mentions of the same document are grouped into a :class:`CitedDocument`; the first
mention is the one NĐ 30 (Phụ lục I, mục II.6.b) requires to be complete.

Tables come from the rule pack: ``doc_types`` (state types, Điều 7 + Phụ lục III, and the normative
types), ``party_types`` (Party type abbreviations) and ``issuers`` (issuer codes and their names).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from doclint.analysis import analysis
from doclint.rulepack import RulePack

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.model import Block
    from doclint.recognise.components import Recognition

# ---------------------------------------------------------------------------------------------
# data


@dataclass(slots=True)
class CitedDate:
    day: int
    month: int
    year: int
    style: str  # "numeric" (31/3/2026) or "words" (31 tháng 3 năm 2026)
    text: str
    start: int
    end: int
    block: int | None = None  # when the date is in another block than the mention (a broken line)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def valid(self) -> bool:
        import datetime

        try:
            datetime.date(self.year, self.month, self.day)
        except ValueError:
            return False
        return True


@dataclass(slots=True)
class Mention:
    """One place where the text refers to a document. Offsets index ``Block.text``."""

    block: int
    start: int  # start of the whole mention (type word, or number when there is none)
    end: int  # end of the whole mention (trích yếu included)
    kind: str  # "number" | "name" (law by name) | "anaphora" | "self"
    family: str  # administrative | normative | party | law_by_name
    type_word: str | None = None  # as written: "Quyết định", "quyết định", "Bộ luật"
    type_start: int | None = None
    has_so: bool = False  # "số" written between the type word and the number
    number_raw: str | None = None  # as written: "534/QĐ-TTg"
    number_start: int | None = None
    number_end: int | None = None
    number: str | None = None  # "534", "66.7"
    year: str | None = None
    type_abbr: str | None = None  # "QĐ", "KL", "NĐ"
    issuer_code: str | None = None  # "TTg", "TW", "UBND", "QH"
    symbol: str | None = None  # normalised key part after the number: "QĐ-TTg", "2020/NĐ-CP"
    law_name: str | None = None  # "Tổ chức chính quyền địa phương"
    law_name_start: int | None = None
    law_year: str | None = None  # "Luật Đất đai năm 2024"
    date: CitedDate | None = None
    issuer_text: str | None = None  # "Thủ tướng Chính phủ"
    issuer_start: int | None = None
    trich_yeu: str | None = None
    trich_yeu_start: int | None = None
    zone: str = "body"  # title | can_cu | body | recipients | header | signature
    problems: list[str] = field(
        default_factory=list
    )  # spaces, party_slash, state_hyphen, missing_year, bad_char
    doc_id: int | None = None  # index into Citations.documents
    text: str = ""  # the mention's text
    nested: bool = False  # inside another citation's trích yếu (part of that document's title)
    tail_block: int | None = None  # the date/issuer/trích yếu continue in this (next) block

    @property
    def key(self) -> str | None:
        if self.kind == "number" and self.number:
            return f"{self.number}/{self.symbol}"
        if self.kind == "name" and self.law_name:
            return "law:" + law_key(self.type_word or "Luật", self.law_name)
        return None

    @property
    def is_full(self) -> bool:
        """Repeats what only the first mention should give: a date, an issuer or a trích yếu."""
        return bool(self.date or self.issuer_text or self.trich_yeu)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.iso() if self.date else None
        return {k: v for k, v in out.items() if v not in (None, [], "")}


@dataclass
class CitedDocument:
    key: str
    family: str
    type_name: str | None  # canonical type name: "Quyết định"
    number_symbol: str | None  # "534/QĐ-TTg"; None for laws cited by name
    law_name: str | None
    date: CitedDate | None
    issuer: str | None  # issuer text as first written, else the name of the issuer code
    trich_yeu: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def title(self) -> str:
        if self.number_symbol:
            return f"{self.type_name or ''} {self.number_symbol}".strip()
        return f"{self.type_name or 'Luật'} {self.law_name}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type_name,
            "number_symbol": self.number_symbol,
            "law_name": self.law_name,
            "date": self.date.iso() if self.date else None,
            "issuer": self.issuer,
            "trich_yeu": self.trich_yeu,
            "family": self.family,
            "mentions": [
                {
                    "block": m.block,
                    "start": m.start,
                    "end": m.end,
                    "kind": m.kind,
                    "zone": m.zone,
                    "text": m.text,
                }
                for m in self.mentions
            ],
        }


@dataclass
class Citations:
    documents: list[CitedDocument] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every mention, in text order
    tables: Tables | None = field(default=None, repr=False)

    def by_key(self, key: str) -> CitedDocument | None:
        for doc in self.documents:
            if doc.key == key:
                return doc
        return None

    def in_block(self, block: int) -> list[Mention]:
        return [m for m in self.mentions if m.block == block]


# ---------------------------------------------------------------------------------------------
# tables


@dataclass(frozen=True)
class Tables:
    # canonical type name (lower) -> set of abbreviations acceptable in a state/normative number
    state_abbr: dict[str, frozenset[str]]
    # Party abbreviation -> type names
    party_abbr: dict[str, tuple[str, ...]]
    # every type name we recognise before a number, canonical spelling
    type_names: tuple[str, ...]
    normative_names: frozenset[str]  # lower: nghị định, thông tư ...
    abbr_to_name: dict[str, str]  # state/normative abbreviation -> canonical type name
    issuers: dict[str, dict[str, Any]]

    @property
    def party_orgs(self) -> frozenset[str]:
        return frozenset(c for c, v in self.issuers.items() if v.get("party"))


# names recognised before a number beyond the tables (joint and generic forms)
_EXTRA_TYPES: dict[str, str] = {
    "Nghị quyết liên tịch": "NQLT",
    "Thông tư liên tịch": "TTLT",
    "Văn bản": "",
    "Công văn": "",
    "Kết luận": "KL",
    "Thông tri": "TT",
    "Thông báo kết luận": "TB",
    "Luật": "",
    "Bộ luật": "",
    "Pháp lệnh": "",
    "Hiến pháp": "",
    "Sắc lệnh": "SL",
    "Văn bản hợp nhất": "VBHN",
}


def build_tables(pack: RulePack | None = None, tables: dict[str, dict] | None = None) -> Tables:
    def table(name: str) -> dict:
        if tables is not None and name in tables:
            return tables[name]
        return pack.table(name) if pack is not None else {}

    doc_types = table("doc_types")
    state: dict[str, set[str]] = {}
    abbr_to_name: dict[str, str] = {}
    names: list[str] = []
    normative: set[str] = set()
    for entry in [*doc_types.get("type", []), *doc_types.get("normative", [])]:
        name, abbr = entry.get("name"), entry.get("abbr", "")
        if not name:
            continue
        names.append(name)
        state.setdefault(name.lower(), set())
        if abbr:
            state[name.lower()].add(abbr)
            abbr_to_name.setdefault(abbr, name)
    for entry in doc_types.get("normative", []):
        normative.add(entry["name"].lower())
    # documents issued under Thông tư 01/2011/TT-BNV keep their old codes (GN, TTh, UQ, NP) when cited
    for old, new in doc_types.get("obsolete", {}).items():
        for abbrs in state.values():
            if new in abbrs:
                abbrs.add(old)
                break
    for name, abbr in _EXTRA_TYPES.items():
        if name not in names:
            names.append(name)
        state.setdefault(name.lower(), set())
        if abbr:
            state[name.lower()].add(abbr)
            abbr_to_name.setdefault(abbr, name)
    normative.update({"thông tư liên tịch", "nghị quyết liên tịch", "luật", "bộ luật", "pháp lệnh"})
    party = {k: tuple(v) for k, v in table("party_types").get("types", {}).items()}
    for pnames in party.values():
        for pname in pnames:
            if pname not in names:
                names.append(pname)
    names.sort(key=len, reverse=True)
    return Tables(
        state_abbr={k: frozenset(v) for k, v in state.items()},
        party_abbr=party,
        type_names=tuple(names),
        normative_names=frozenset(normative),
        abbr_to_name=abbr_to_name,
        issuers=dict(table("issuers").get("codes", {})),
    )


# ---------------------------------------------------------------------------------------------
# patterns

_UP = "A-ZĐÀ-ỸÐ"  # upper-case letters that start a code (Latin-1/Vietnamese range, Đ)
_CODE = rf"[{_UP}][{_UP}a-zđ0-9]*(?:&[{_UP}][{_UP}a-zđ0-9]*)?"  # "CCHC&VTLT" is one unit code
_SEP_SL = r"[ \t]?/[ \t]?"  # tolerated spaces are reported (CIT001)
_SEP_HY = r"[ \t]?[-–][ \t]?"

# 30/2020/NĐ-CP, 55/2005/TTLT-BNV-VPCP, 66.7/2025/NQ-CP, 110/2023/QH15
NORMATIVE = re.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}}(?:\.\d{{1,3}})?){_SEP_SL}(?P<y>(?:19|20)\d\d){_SEP_SL}"
    rf"(?P<sym>{_CODE}(?:{_SEP_HY}{_CODE})*)(?![\w/])"
)
# 534/QĐ-TTg, 138/KH-UBND, 05/BNV-VP, 1234/UBND-VX
ADMIN = re.compile(rf"(?<![\w/.-])(?P<n>\d{{1,5}}){_SEP_SL}(?P<sym>{_CODE}(?:{_SEP_HY}{_CODE})+)(?![\w/])")
# 226-KL/TW, 36-HD/VPTW, 05-NQ/ĐU
PARTY = re.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}}){_SEP_HY}(?P<t>{_CODE}){_SEP_SL}(?P<org>{_CODE}(?:-{_CODE})*)(?:/[a-zđ]{{1,4}})?(?![\w/])"
)
# 30-2020-NĐ-CP: a normative number written with hyphens
HYPHEN_NORMATIVE = re.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}})-(?P<y>(?:19|20)\d\d)-(?P<sym>{_CODE}(?:-{_CODE})+)(?![\w/])"
)

# Linear time (issue 18): a run of spaces is matched once (possessive ``*+``: "\s*,?\s*" was quadratic
# on a long run of spaces after a citation). Patterns that are searched start only where a run of
# spaces starts (``(?<!\s)``), so that searching a long run is linear too (same matches: a match inside
# a run could always start at its beginning).
_LEAD = r"\s*+(?:,\s*+)?"
_DATE_NUM_BODY = (
    r"(?:được\s++)?(?:ban hành\s++|ký\s++)?(?:vào\s++)?ngày\s++(?P<d>\d{1,2})\s?(?P<s>[/.-])\s?(?P<m>\d{1,2})"
    r"\s?(?P=s)\s?(?P<y>\d{4})\b"
)
_DATE_WORDS_BODY = (
    r"(?:được\s++)?(?:ban hành\s++|ký\s++)?(?:vào\s++)?ngày\s++(?P<d>\d{1,2})\s++tháng\s++(?P<m>\d{1,2})"
    r"\s++năm\s++(?P<y>\d{4})\b"
)
_DATE_NUM = re.compile(_LEAD + _DATE_NUM_BODY, re.IGNORECASE)
_DATE_WORDS = re.compile(_LEAD + _DATE_WORDS_BODY, re.IGNORECASE)
_ISSUER_LEAD = re.compile(_LEAD + r"(?:của|do)\s++", re.IGNORECASE)
_SO = re.compile(r"(?<!\s)\s*+(?P<so>số|Số|SỐ)?\s*+:?\s*+$")
_SPACE_COMMA = re.compile(_LEAD)

# words that end an issuer name (lower case, as written)
_ISSUER_STOP = frozenset(
    [
        "về",
        "quy",
        "hướng",
        "sửa",
        "phê",
        "thực",
        "triển",
        "đã",
        "đến",
        "tại",
        "nhằm",
        "theo",
        "để",
        "với",
        "trong",
        "thì",
        "là",
        "được",
        "có",
        "ngày",
        "số",
        "hoặc",
        "cho",
        "trên",
        "từ",
        "khi",
        "nêu",
        "này",
        "đối",
        "gồm",
        "như",
        "kèm",
        "việc",
        "các",
        "những",
        "một",
        "đang",
        "sẽ",
        "phải",
        "cũng",
        "mà",
        "nhưng",
        "hiện",
        "giai",
        "năm",
        "tổ",
        "v/v",
        "bổ",
        "điều",
        "công",
        "thành",
        "giao",
        "kiện",
        "ban",
    ]
)
_COMPLETE_ISSUERS = frozenset(
    [
        "chính phủ",
        "quốc hội",
        "thủ tướng chính phủ",
        "bộ chính trị",
        "ban bí thư",
        "ủy ban thường vụ quốc hội",
        "ban chấp hành trung ương",
        "chủ tịch nước",
    ]
)
_TRICH_YEU_START = re.compile(
    r"(?:về|V/v|v/v|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt|thành lập|triển khai|công nhận|"
    r"kiện toàn|bổ sung|điều chỉnh|giao|phân bổ|hủy bỏ|bãi bỏ|bổ nhiệm|thông qua|chấn chỉnh|tăng cường)\b",
    re.IGNORECASE,
)
# Searched on a slice that starts at the trích yếu: a match starts only where a run of spaces starts and
# takes the run at once; the alternatives that needed a space before them look behind for it.
_TRICH_YEU_STOP = re.compile(
    r"(?<!\s)\s*+(?:;|\.(?=\s|$|\")|:|\(|\)|,\s++(?:phù hợp|đồng thời|trong đó|theo đó|nhằm|bảo đảm|đảm bảo|"
    r"gắn với|đề nghị|yêu cầu|cụ thể|UBND|Ủy ban|Uỷ ban|Sở|Bộ|các cơ quan|và|nay|tiếp tục|trên cơ sở|đề ra)\b|"
    r"(?<=\s)và các\b|(?<=\s)và\s++(?=\S++\s++\S++\s++số\b)|(?<=\s)(?:như sau|sau đây)\b|(?<=\s)thì\b|"
    r"(?:,\s++|(?<=\s))(?:đã\s++)?được\s++sửa\s++đổi|(?<=\s)hết hiệu lực\b|(?<=\s)có hiệu lực\b)",
)
_ANAPHORA_TAIL = re.compile(
    r"\s+(?P<a>này|nêu trên|nói trên|đã nêu|vừa nêu|trên đây|dẫn trên|kể trên|đã dẫn|đã nêu trên)\b"
)
_LAW_HEAD = re.compile(r"(?<![\w])(?P<t>Bộ luật|Bộ Luật|bộ luật|Luật|luật|Pháp lệnh|pháp lệnh)\s+")
_LAW_CONT_AFTER_COMMA = frozenset(["chống", "công", "viên", "bổ", "kiểm", "lâm", "hộ", "sửa"])
_LAW_COMMA_STOP = frozenset(
    [
        "các",
        "những",
        "nghị",
        "thông",
        "quyết",
        "và",
        "hoặc",
        "được",
        "theo",
        "trong",
        "đã",
        "có",
        "quy",
        "là",
        "nay",
        "thì",
        "khi",
        "tại",
        "để",
        "nhưng",
        "đồng",
        "cũng",
        "điều",
        "khoản",
        "điểm",
        "văn",
        "một",
        "hai",
        "cùng",
        "sẽ",
        "phải",
        "không",
        "trừ",
        "trường",
        "bao",
        "gồm",
        "như",
        "cụ",
        "với",
        "này",
        "đó",
        "luật",
        "bộ",
    ]
)
_LAW_STOP = frozenset(
    [
        "năm",
        "số",
        "ngày",
        "của",
        "do",
        "được",
        "đã",
        "và",
        "hoặc",
        "quy",
        "hiện",
        "có",
        "về",
        "tại",
        "theo",
        "để",
        "thì",
        "trong",
        "đối",
        "với",
        "các",
        "nêu",
        "này",
        "trên",
        "hướng",
        "sửa",
        "mới",
        "ban",
        "là",
        "cho",
        "khi",
        "nhằm",
        "gồm",
        "như",
        "thực",
        "triển",
        "sẽ",
        "phải",
        "cần",
        "mà",
        "nhưng",
        "đến",
        "vào",
        "ra",
        "không",
        "thuộc",
        "áp",
    ]
)


def normalise_symbol(text: str) -> str:
    """``QĐ - TTg`` → ``QĐ-TTg``; U+00D0 Ð → Đ; en dash → hyphen."""
    text = text.replace("Ð", "Đ").replace("–", "-")
    return re.sub(r"\s+", "", text)


def law_key(type_word: str, name: str) -> str:
    name = re.sub(r"\s+năm\s+\d{4}.*$", "", name)
    cleaned = re.sub(r"[^\w ]", "", name.lower())
    return f"{type_word.lower()} {cleaned}".strip()


# ---------------------------------------------------------------------------------------------
# extraction


@cache
def _type_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?<![\w])(?<!pháp )(?<!Pháp )(?P<t>{alts})(?P<lien>\s+liên tịch)?\s*$", re.IGNORECASE
    )


def _canonical_type(word: str, tables: Tables) -> str:
    low = word.lower()
    for name in tables.type_names:
        if name.lower() == low:
            return name
    return word[:1].upper() + word[1:].lower()


def _parse_date(text: str, pos: int) -> CitedDate | None:
    for pattern, style in ((_DATE_NUM, "numeric"), (_DATE_WORDS, "words")):
        m = pattern.match(text, pos)
        if m:
            start = m.start() + text[m.start() : m.end()].lower().index("ngày")
            return CitedDate(
                int(m["d"]), int(m["m"]), int(m["y"]), style, text[start : m.end()], start, m.end()
            )
    return None


def _parse_issuer(text: str, pos: int, tables: Tables) -> tuple[str, int, int] | None:
    lead = _ISSUER_LEAD.match(text, pos)
    if not lead:
        return None
    start = lead.end()
    end = start
    count = 0
    words = list(re.finditer(r"[^\s,;.:()“”\"]+|[,;.:()“”\"]", text[start : start + 400]))
    caps = _mostly_upper(text[start : start + 80])
    i = 0
    while i < len(words):
        w = words[i].group()
        low = w.lower()
        if caps:
            w = low  # an all-caps title: judge the words by their lower-case form
        if w in (";", ".", ":", "(", ")", "“", "”", '"'):
            break
        if w == ",":
            nxt = words[i + 1].group() if i + 1 < len(words) else ""
            # "Bộ Văn hóa, Thể thao và Du lịch": a capitalised continuation that is not a new citation
            if nxt[:1].isupper() and not _starts_type(text, start + words[i + 1].start(), tables) and count:
                i += 1
                continue
            break
        if w[:1].islower() and low in _ISSUER_STOP:
            if (
                (low == "ban" and not _next_is(words, i, "hành"))
                or (low == "công" and not _next_in(words, i, ("nhận", "bố", "khai")))
                or (low == "triển" and not _next_is(words, i, "khai"))
                or (
                    low in ("tổ", "thành", "giao", "điều", "bổ")
                    and not _next_in(words, i, ("chức", "lập", "nhiệm", "chỉnh", "sung"))
                )
            ):
                pass
            else:
                break
        if low == "và":
            nxt = words[i + 1].group() if i + 1 < len(words) else ""
            if not nxt[:1].isupper() or _starts_type(text, start + words[i + 1].start(), tables):
                break
        if w[:1].isupper() and count and _starts_type(text, start + words[i].start(), tables):
            break
        end = start + words[i].end()
        count += 1
        i += 1
        if count >= 14:
            break
        # a complete issuer name followed by a lower-case word ends here ("của Chính phủ cơ sở dữ liệu")
        nxt = words[i].group() if i < len(words) else ""
        if nxt[:1].islower() and not caps and text[start:end].lower() in _COMPLETE_ISSUERS:
            break
    if not count:
        return None
    return text[start:end], start, end


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _next_is(words: list, i: int, value: str) -> bool:
    return i + 1 < len(words) and words[i + 1].group().lower() == value


def _next_in(words: list, i: int, values: tuple[str, ...]) -> bool:
    return i + 1 < len(words) and words[i + 1].group().lower() in values


def _starts_type(text: str, pos: int, tables: Tables) -> bool:
    """A type word followed by "số"/a number starts at ``pos`` (a new citation)."""
    rest = text[pos : pos + 60]
    for name in tables.type_names:
        if rest.startswith(name) and re.match(r"\s+(?:số\b|\d)", rest[len(name) :]):
            return True
    return False


def _parse_trich_yeu(text: str, pos: int) -> tuple[str, int, int] | None:
    m = _SPACE_COMMA.match(text, pos)
    start = m.end() if m else pos
    if not _TRICH_YEU_START.match(text, start):
        return None
    limit = min(len(text), start + 1500)  # a trích yếu is a line, not a page
    stop = _TRICH_YEU_STOP.search(text[start:limit])  # a slice: the look-behind sees nothing before it
    end = start + stop.start() if stop else limit
    chunk = text[start:end].rstrip(" ,")
    words = chunk.split()
    if len(words) > 80:
        chunk = " ".join(words[:80])
    if len(chunk.split()) < 2:
        return None
    return chunk, start, start + len(chunk)


def _split_symbol(sym: str, tables: Tables) -> tuple[str | None, str | None]:
    """``QĐ-TTg`` → (QĐ, TTg); ``BNV-VP`` → (None, BNV); ``TTLT-BNV-VPCP`` → (TTLT, BNV)."""
    parts = sym.split("-")
    known = set(tables.abbr_to_name) | set(tables.party_abbr)
    first = parts[0]
    if first in known and first not in tables.issuers:
        return first, parts[1] if len(parts) > 1 else None
    if first in known and len(parts) > 1:
        return first, parts[1]
    return None, first


def _qh_code(sym: str) -> str | None:
    m = re.fullmatch(r"(UBTVQH|QH)\d{1,2}", sym)
    return m.group(1) if m else None


def extract_block(text: str, block: int, tables: Tables) -> list[Mention]:
    """Every number and law-name mention in one block's text (anaphora are resolved later)."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in (("normative", NORMATIVE), ("hyphen", HYPHEN_NORMATIVE), ("party", PARTY),
                          ("admin", ADMIN)):  # fmt: skip
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                found.append((m.start(), m.end(), kind, m))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f[0])
    for start, end, kind, m in found:
        mention = _number_mention(text, block, start, end, kind, m, tables)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(_law_names(text, block, tables, mentions))
    mentions.sort(key=lambda x: x.start)
    return mentions


def _number_mention(text: str, block: int, start: int, end: int, kind: str, m: re.Match[str],
                    tables: Tables) -> Mention | None:  # fmt: skip
    raw = text[start:end]
    problems: list[str] = []
    if re.search(r"\s", raw):
        problems.append("spaces")
    if "Ð" in raw:
        problems.append("bad_char")
    number = m["n"]
    year: str | None = None
    type_abbr: str | None = None
    issuer: str | None = None
    family = "administrative"
    if kind in ("normative", "hyphen"):
        year = m["y"]
        sym = normalise_symbol(m["sym"])
        family = "normative"
        qh = _qh_code(sym)
        if qh:
            issuer = qh
        else:
            type_abbr, issuer = _split_symbol(sym, tables)
            if type_abbr is None and "-" in sym:
                type_abbr, issuer = sym.split("-")[0], sym.split("-")[1]
        symbol = f"{year}/{sym}"
        if kind == "hyphen":
            problems.append("state_hyphen")
    elif kind == "party":
        t, org = normalise_symbol(m["t"]), normalise_symbol(m["org"])
        sym = f"{t}/{org}"
        symbol = sym
        family = "party"
        type_abbr, issuer = t, org
        if org not in tables.party_orgs and org.split("-")[0] not in tables.party_orgs:
            # 534-QĐ/TTg: a state number written the Party way
            if org in tables.issuers:
                problems.append("state_hyphen")
                family = "administrative"
            elif t not in tables.party_abbr:
                return None  # not a document number
    else:
        sym = normalise_symbol(m["sym"])
        parts = sym.split("-")
        symbol = sym
        type_abbr, issuer = _split_symbol(sym, tables)
        # 226/KL-TW: a Party number written the state way
        if len(parts) == 2 and parts[1] in tables.party_orgs and parts[0] in tables.party_abbr:
            problems.append("party_slash")
            family = "party"
        if type_abbr is None and issuer not in tables.issuers and not _looks_like_code(parts):
            return None
    # the type word (and "số") before the number
    before = text[max(0, start - 60) : start]
    if (
        re.search(r"(?:^|[;,]\s*+)Số\s*+:?\s*+$", text[:start])
        if start < 40
        else re.search(r"[;,]\s*+Số\s*+:?\s*+$", text[start - 40 : start])
    ):
        return None  # the document's own "Số: 30/2020/NĐ-CP" (or a list of example numbers), not a citation
    so = _SO.search(before)
    has_so = bool(so and so["so"])
    head_end = start - len(so.group()) if so else start
    tm = _type_regex(tables.type_names).search(text[max(0, head_end - 50) : head_end])
    type_word = type_start = None
    if tm:
        type_word = tm["t"] + (tm["lien"] or "")
        type_start = max(0, head_end - 50) + tm.start()
    # a bare "123/UBND-VX" is a number only in context ("Công văn số", "văn bản số")
    if (
        type_word is None
        and not has_so
        and type_abbr is None
        and family == "administrative"
        and not re.search(r"(?:văn bản|công văn|CV)\s*$", before, re.IGNORECASE)
    ):
        return None
    if (
        type_word
        and year is None
        and family == "administrative"
        and type_word.lower()
        in (
            "nghị định",
            "thông tư",
            "thông tư liên tịch",
        )
    ):
        problems.append("missing_year")
    issuer_before = None
    if type_start is not None:
        ib = re.search(
            r"đề nghị của\s+([^,;.()]{3,80}?)\s+tại\s*$", text[max(0, type_start - 100) : type_start]
        )
        if ib:
            issuer_before = (ib.group(1), max(0, type_start - 100) + ib.start(1))
    mention = Mention(
        block=block,
        start=type_start if type_start is not None else start,
        end=end,
        kind="number",
        family=family,
        type_word=type_word,
        type_start=type_start,
        has_so=has_so,
        number_raw=raw,
        number_start=start,
        number_end=end,
        number=number.lstrip("0") or "0",
        year=year,
        type_abbr=type_abbr,
        issuer_code=issuer,
        symbol=symbol,
        problems=problems,
    )
    _parse_tail(text, mention, tables)
    if mention.issuer_text is None and issuer_before:
        mention.issuer_text, mention.issuer_start = issuer_before  # "của Bộ Tài chính tại Tờ trình số ..."
    return mention


def _looks_like_code(parts: list[str]) -> bool:
    """``UBND-VX``, ``SNV-TCBC``: upper-case groups of a state ký hiệu."""
    return (
        all(re.fullmatch(r"[A-ZĐ][A-ZĐ0-9]*+(?:[a-z][A-ZĐ0-9]*+)?", p) for p in parts) and len(parts[0]) >= 2
    )


def _parse_tail(text: str, mention: Mention, tables: Tables) -> None:
    pos = mention.end
    # "Luật Tổ chức chính quyền địa phương số 77/2015/QH13" has its name before the number;
    # the date, issuer and trích yếu follow in any of the usual orders
    for _ in range(2):
        if mention.date is None:
            date = _parse_date(text, pos)
            if date:
                mention.date = date
                pos = date.end
                continue
        if mention.issuer_text is None:
            iss = _parse_issuer(text, pos, tables)
            if iss:
                mention.issuer_text, mention.issuer_start, pos = iss
                continue
    ty = _parse_trich_yeu(text, pos)
    if ty:
        mention.trich_yeu, mention.trich_yeu_start, pos = ty
    mention.end = pos
    mention.text = text[mention.start : mention.end]


def _law_names(text: str, block: int, tables: Tables, numbers: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    by_start = {n.number_start: n for n in numbers if n.number_start is not None}
    type_starts = {n.type_start for n in numbers if n.type_start is not None}
    for m in _LAW_HEAD.finditer(text):
        type_word = m["t"]
        if re.search(r"(?:pháp|dự)\s*$", text[max(0, m.start() - 6) : m.start()], re.IGNORECASE):
            continue  # "pháp luật Việt Nam", "dự luật": not a law's name
        pos = m.end()
        name_words: list[tuple[int, int]] = []
        words = list(re.finditer(r"[^\s,;.:()“”\"]+|[,;.:()“”\"]", text[pos : pos + 400]))
        i = 0
        while i < len(words):
            w = words[i].group()
            low = w.lower()
            if not name_words:
                # a name starts with a capital ("Luật Đất đai") or is an amending law ("Luật sửa đổi...")
                if not (w[:1].isupper() or low == "sửa") or w in ("số", "Số") or (w.isupper() and len(w) > 1):
                    break
                if _starts_type(text, pos + words[i].start(), tables):
                    break
            elif w == ",":
                nxt = words[i + 1].group() if i + 1 < len(words) else ""
                # "Luật Phòng, chống tham nhũng", "Luật An toàn, vệ sinh lao động", not "Luật Đất đai, các ..."
                if nxt.lower() in _LAW_CONT_AFTER_COMMA or (
                    nxt[:1].islower() and nxt not in _LAW_COMMA_STOP and len(name_words) <= 3
                ):
                    i += 1
                    continue
                break
            elif not w[:1].isalnum():
                break
            elif low in _LAW_STOP and w[:1].islower():
                if low == "và" and i + 1 < len(words) and words[i + 1].group()[:1].islower():
                    pass  # "Luật Bảo vệ và phát triển rừng"
                elif low == "quy" and _next_in(words, i, ("phạm", "chuẩn")):
                    pass  # "Luật Ban hành văn bản quy phạm pháp luật"
                elif low == "đối" and name_words:
                    pass
                else:
                    break
            elif w[:1].isupper() and name_words and _starts_type(text, pos + words[i].start(), tables):
                break
            name_words.append((pos + words[i].start(), pos + words[i].end()))
            i += 1
            if len(name_words) >= 14:
                break
        if not name_words:
            continue
        name_start, name_end = name_words[0][0], name_words[-1][1]
        name = text[name_start:name_end]
        if name.isupper() or name.lower() in ("này", "sư"):
            continue
        # attached to a following number: "Luật Đất đai số 31/2024/QH15"
        after = text[name_end : name_end + 8]
        attached = None
        for num_start in range(name_end, name_end + len(after) + 2):
            num = by_start.get(num_start)
            if num is not None and re.match(r"\s*(?:số\s*)?$", text[name_end:num_start]):
                attached = num
        if attached is not None:
            attached.law_name = name
            attached.law_name_start = name_start
            attached.type_word = type_word
            attached.type_start = m.start()
            attached.start = min(attached.start, m.start())
            attached.text = text[attached.start : attached.end]
            continue
        if m.start() in type_starts:
            continue  # "Luật số 77/2015/QH13"
        mention = Mention(
            block=block,
            start=m.start(),
            end=name_end,
            kind="name",
            family="law_by_name",
            type_word=type_word,
            type_start=m.start(),
            law_name=name,
            law_name_start=name_start,
        )
        ym = re.match(r"\s+năm\s+(\d{4})\b", text[name_end:])
        if ym:
            mention.law_year = ym.group(1)
            mention.end = name_end + ym.end()
        date = _parse_date(text, mention.end)
        clause = re.split(r"[;]", text[max(0, m.start() - 300) : m.start()])[-1]
        amended = re.search(r"sửa đổi,?\s*bổ sung[^;]*\b(?:của|tại)\b", clause, re.IGNORECASE)
        if date and not amended:  # "Luật sửa đổi ... của Luật X ngày ...": the date is the amending law's
            mention.date = date
            mention.end = date.end
        mention.text = text[mention.start : mention.end]
        out.append(mention)
    return out


# ---------------------------------------------------------------------------------------------
# resolution


def _continue_tail(mention: Mention, blocks: list[Block], tables: Tables) -> None:
    """A citation broken over two lines ("Căn cứ Nghị định số 78/2025/NĐ-CP" / "ngày 01 tháng 4 năm 2025
    của Chính phủ ..."): read the date, issuer and trích yếu from the next block."""
    if mention.kind != "number" or mention.date or mention.issuer_text or mention.trich_yeu:
        return
    text = blocks[mention.block].text
    nxt = mention.block + 1
    if text[mention.end :].strip() or nxt >= len(blocks):
        return
    following = blocks[nxt].text
    if not re.match(r"\s*(?:,\s*)?(?:ngày|của|về)\b", following):
        return
    probe = Mention(block=nxt, start=0, end=0, kind="number", family=mention.family)
    _parse_tail(following, probe, tables)
    if probe.date:
        probe.date.block = nxt
    mention.date, mention.issuer_text, mention.trich_yeu = probe.date, probe.issuer_text, probe.trich_yeu
    if probe.issuer_text or probe.trich_yeu or probe.date:
        mention.tail_block = nxt


def _own_keys(rec: Recognition | None, tables: Tables) -> set[str]:
    """Keys of the document's own number ("Số: 42/2025/QĐ-TTg"), to tell self-references from citations."""
    if rec is None or rec.number is None:
        return set()
    text = re.sub(r"^\s*+Số\s*+:?\s*+", "", rec.number.text)
    return {m.key for m in extract_block("Quyết định số " + text, 0, tables) if m.key}


def _type_name_for(mention: Mention, tables: Tables) -> str | None:
    if mention.type_word:
        return _canonical_type(mention.type_word, tables)
    if mention.family == "party" and mention.type_abbr:
        names = tables.party_abbr.get(mention.type_abbr, ())
        return names[0] if len(names) == 1 else None
    if mention.type_abbr:
        return tables.abbr_to_name.get(mention.type_abbr)
    return None


def extract(
    blocks: list[Block], tables: Tables, rec: Recognition | None = None, own_type: str | None = None
) -> Citations:
    from doclint.analysis.zones import block_zones

    result = Citations(tables=tables)
    zones = block_zones(blocks, rec)
    for block in blocks:
        if block.kind in ("header", "footer") or not block.text.strip():
            continue
        for mention in extract_block(block.text, block.index, tables):
            mention.zone = zones[block.index] if block.index < len(zones) else "body"
            result.mentions.append(mention)
            _continue_tail(mention, blocks, tables)
    own_keys = _own_keys(rec, tables)
    per_block: dict[int, list[Mention]] = {}
    for mention in result.mentions:
        per_block.setdefault(mention.block, []).append(mention)
        if mention.kind == "number" and mention.key in own_keys:
            mention.kind = "self"  # "(Kèm theo Quyết định số 42/2025/QĐ-TTg ...)": the document itself
            mention.family = "self"
    for same in per_block.values():
        same.sort(key=lambda x: x.start)
        starts = [x.start for x in same]
        for o in same:
            if o.trich_yeu_start is None:
                continue
            lo, hi = bisect.bisect_left(starts, o.trich_yeu_start), bisect.bisect_left(starts, o.end)
            for inner in same[lo:hi]:
                if inner is not o:
                    inner.nested = True
    _anaphora(blocks, tables, result, own_type, per_block)
    result.mentions.sort(key=lambda m: (m.block, m.start))
    by_key: dict[str, int] = {}
    ty_from_body: dict[int, bool] = {}
    for mention in result.mentions:
        key = mention.key
        if key is None:
            continue
        index = by_key.get(key)
        if index is None:
            index = by_key[key] = len(result.documents)
            result.documents.append(
                CitedDocument(
                    key=key,
                    family=mention.family,
                    type_name=_type_name_for(mention, tables),
                    number_symbol=_display_number(mention),
                    law_name=mention.law_name,
                    date=None,
                    issuer=None,
                    trich_yeu=None,
                )
            )
        doc = result.documents[index]
        mention.doc_id = index
        doc.mentions.append(mention)
        if doc.type_name is None:
            doc.type_name = _type_name_for(mention, tables)
        if doc.law_name is None and mention.law_name:
            doc.law_name = mention.law_name
        doc.date = doc.date or mention.date
        doc.issuer = doc.issuer or mention.issuer_text
        # the trích yếu as the content gives it, else as the document's own title gives it
        if mention.trich_yeu and (
            doc.trich_yeu is None or (not ty_from_body.get(index) and mention.zone != "title")
        ):
            doc.trich_yeu = mention.trich_yeu
            ty_from_body[index] = mention.zone != "title"
    for doc in result.documents:
        if doc.issuer is None:
            code = doc.first.issuer_code
            entry = tables.issuers.get(code or "")
            if entry and code not in ("UBND", "HĐND", "VP"):
                doc.issuer = entry.get("name")
    _resolve_anaphora(result)
    return result


def _display_number(m: Mention) -> str | None:
    if m.number is None:
        return None
    raw = m.number_raw or ""
    if not m.problems:
        return raw
    if m.family == "party" and m.type_abbr and m.issuer_code:
        return f"{raw.split('/')[0].split('-')[0].strip()}-{m.type_abbr}/{m.issuer_code}"
    return normalise_symbol(raw)


def _anaphora(
    blocks: list[Block],
    tables: Tables,
    result: Citations,
    own_type: str | None,
    per_block: dict[int, list[Mention]],
) -> None:
    pattern = re.compile(
        r"(?<![\w])(?P<t>" + "|".join(re.escape(n) for n in tables.type_names) + r")" + _ANAPHORA_TAIL.pattern
    )
    for block in blocks:
        if block.kind in ("header", "footer"):
            continue
        for m in pattern.finditer(block.text):
            if m["t"][:1].islower() and m["t"].lower() not in ("luật", "bộ luật"):
                continue  # "kế hoạch này" in running text is usually generic
            if any(x.start <= m.start() < x.end for x in per_block.get(block.index, ())):
                continue
            kind = "anaphora"
            if m["a"] == "này":
                # "Kế hoạch này" in a Kế hoạch is the document itself; in another type it may point back
                # to the one Kế hoạch cited before (resolved below, else taken as the document itself)
                own = (own_type or "").lower()
                kind = "self" if not own or own == m["t"].lower() else "this"
            result.mentions.append(
                Mention(
                    block=block.index,
                    start=m.start(),
                    end=m.end(),
                    kind=kind,
                    family="self" if kind == "self" else "",
                    type_word=m["t"],
                    type_start=m.start(),
                    text=m.group(),
                )
            )


def _resolve_anaphora(result: Citations) -> None:
    """ "Quyết định nêu trên" → the one Quyết định cited before it, when there is exactly one."""
    seen: dict[str, list[int]] = {}  # type name (lower) -> documents first cited so far
    touched: set[int] = set()
    for mention in result.mentions:  # in text order
        if mention.doc_id is not None and result.documents[mention.doc_id].first is mention:
            doc = result.documents[mention.doc_id]
            seen.setdefault((doc.type_name or "").lower(), []).append(mention.doc_id)
            continue
        if mention.kind not in ("anaphora", "this") or mention.doc_id is not None:
            continue
        candidates = seen.get((mention.type_word or "").lower(), [])
        if len(candidates) == 1:
            mention.doc_id = candidates[0]
            doc = result.documents[mention.doc_id]
            mention.family = doc.family
            doc.mentions.append(mention)
            touched.add(mention.doc_id)
        if mention.kind == "this":
            mention.kind = "anaphora" if mention.doc_id is not None else "self"
            mention.family = mention.family or "self"
    for index in touched:
        result.documents[index].mentions.sort(key=lambda m: (m.block, m.start))


_TABLES: dict[int, tuple[RulePack, Tables]] = {}


def tables_for(pack: RulePack) -> Tables:
    """The citation tables of a rule pack, built once per pack."""
    hit = _TABLES.get(id(pack))
    if hit is None or hit[0] is not pack:
        hit = (pack, build_tables(pack))
        _TABLES[id(pack)] = hit
    return hit[1]


@analysis("citations")
def citations(ctx: Context) -> Citations:
    tables = tables_for(ctx.pack)
    own = ctx.rec.doc_type_name.text if ctx.rec.doc_type_name is not None else None
    return extract(ctx.doc.blocks, tables, ctx.rec, own)
