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
import itertools
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from doclint import lazyre
from doclint.analysis import analysis, wordscan
from doclint.rulepack import RulePack

if TYPE_CHECKING:
    from doclint.context import Context
    from doclint.model import Block
    from doclint.recognise.components import Recognition

# ---------------------------------------------------------------------------------------------
# data


@dataclass(slots=True, eq=False, repr=False)
class CitedDate:
    """A date written in a citation, parsed, with its place in the block."""

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


@dataclass(slots=True, eq=False, repr=False)
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
    quoted: bool = False  # inside quotation marks: a provision or a passage of another text, quoted
    date_before: bool = False  # the date (and issuer) are stated before it: "Ngày 23/12/2025, Sở X có ..."
    enumerated: bool = False  # a later item of "Công văn số 1/...; số 2/..." (type shared with the first)
    footnote: str | None = None  # the footnote mark glued to the number ("126/2024/NĐ-CP1")
    segment: int = 0  # which document of the file (a file may hold several numbered documents)
    short_form: bool = False  # the short name the document defines for it, "(Nghị quyết 06-NQ/TU)", or a use

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


@dataclass(eq=False, repr=False)
class CitedDocument:
    """A document the text cites, gathered from its mentions."""

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


@dataclass(eq=False, repr=False)
class Citations:
    """Every cited document and every mention of one, in text order."""

    documents: list[CitedDocument] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every mention, in text order
    tables: Tables | None = field(default=None, repr=False)
    segments: list[int] = field(default_factory=list, repr=False)  # document of the file, per block

    def by_key(self, key: str) -> CitedDocument | None:
        for doc in self.documents:
            if doc.key == key:
                return doc
        return None

    def in_block(self, block: int) -> list[Mention]:
        return [m for m in self.mentions if m.block == block]


# ---------------------------------------------------------------------------------------------
# tables


@dataclass(frozen=True, eq=False, repr=False)
class Tables:
    """The citation tables of the rule pack, prepared once for matching."""

    # canonical type name (lower) -> set of abbreviations acceptable in a state/normative number
    state_abbr: dict[str, frozenset[str]]
    # Party abbreviation -> type names
    party_abbr: dict[str, tuple[str, ...]]
    # every type name we recognise before a number, canonical spelling
    type_names: tuple[str, ...]
    normative_names: frozenset[str]  # lower: nghị định, thông tư ...
    abbr_to_name: dict[str, str]  # state/normative abbreviation -> canonical type name
    issuers: dict[str, dict[str, Any]]
    # rules/nd30/citation_phrases.toml
    issuance_verbs: tuple[str, ...] = ()
    issuer_stop_words: frozenset[str] = frozenset()  # one or two lower-case words
    issuer_synonyms: tuple[frozenset[str], ...] = ()
    not_issuers: tuple[str, ...] = ()
    approval_verbs: tuple[str, ...] = ()

    @cached_property
    def party_orgs(self) -> frozenset[str]:
        return frozenset(c for c, v in self.issuers.items() if v.get("party"))

    @cached_property
    def type_by_lower(self) -> dict[str, str]:
        """Lower-case type name → the first type name that lowers to it (its canonical spelling)."""
        out: dict[str, str] = {}
        for name in self.type_names:
            out.setdefault(name.lower(), name)
        return out

    @cached_property
    def qualifiable_types(self) -> tuple[tuple[str, str], ...]:
        """(name, its lower case and a space) of the types a qualifier may follow (see _qualified_type)."""
        never = ("văn bản", "luật", "bộ luật", "pháp lệnh", "hiến pháp")
        return tuple((n, n.lower() + " ") for n in self.type_names if n.lower() not in never)

    @cached_property
    def not_issuer_heads(self) -> tuple[str, ...]:
        """What a text that names no issuer starts with: a phrase of ``not_issuers`` and a space or a comma."""
        return tuple(w + sep for w in self.not_issuers for sep in (" ", ","))


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
    phrases = _phrases(table("citation_phrases"))
    for name, abbr in phrases["cited_types"].items():
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
        issuance_verbs=tuple(sorted(phrases["issuance_verbs"], key=len, reverse=True)),
        issuer_stop_words=frozenset(phrases["issuer_stop_words"]),
        issuer_synonyms=tuple(
            frozenset(fold_issuer(n) for n in group) for group in phrases["issuer_synonyms"]
        ),
        not_issuers=tuple(phrases["not_issuers"]),
        approval_verbs=tuple(sorted(phrases["approval_verbs"], key=len, reverse=True)),
    )


_PHRASE_KEYS = {
    "issuance_verbs": "list",
    "issuer_stop_words": "list",
    "issuer_synonyms": "groups",
    "cited_types": "names",
    "not_issuers": "list",
    "approval_verbs": "list",
}


def _phrases(data: dict[str, Any]) -> dict[str, Any]:
    """The lists of rules/nd30/citation_phrases.toml, checked: lists of non-empty lower-case strings
    (issuer_synonyms: a list of such lists)."""
    from doclint.errors import ConfigError

    out: dict[str, Any] = {}
    for key, shape in _PHRASE_KEYS.items():
        if shape == "names":  # type name as written before a number -> its abbreviation ("" if none)
            value = data.get(key, {})
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in value.items()
            ):
                raise ConfigError(f"citation_phrases.toml: “{key}” phải là bảng tên loại = chữ viết tắt")
            out[key] = value
            continue
        value = data.get(key, [])
        items = value if shape == "list" else [x for group in value if isinstance(group, list) for x in group]
        ok = isinstance(value, list) and (shape == "list" or all(isinstance(g, list) and g for g in value))
        ok = ok and all(isinstance(x, str) and x.strip() and x == x.lower() for x in items)
        if not ok:
            raise ConfigError(f"citation_phrases.toml: “{key}” phải là danh sách cụm từ viết thường")
        out[key] = value
    unknown = set(data) - set(_PHRASE_KEYS)
    if unknown:
        raise ConfigError(f"citation_phrases.toml: khóa không xác định {sorted(unknown)}")
    return out


def fold_issuer(name: str) -> str:
    """Lower case, the "ủy" spelling, single spaces: how issuer names are compared."""
    low = " ".join(name.lower().split())
    return low.replace("uỷ", "ủy").replace("hoá", "hóa").replace("ủy ban nhân dân", "ubnd")


# ---------------------------------------------------------------------------------------------
# patterns

# A code starts with an upper-case letter (A-Z or the Latin-1/Vietnamese range À-Ỹ, which holds Đ, Ð and
# đ) and goes on with those, a-z and digits: written as "not a-z0-9, then one or more of them all" so
# that ``re`` compiles the costly À-Ỹ class (~0.3 ms each) twice per code instead of four times (same
# matches as ``[A-ZĐÀ-ỸÐ][A-ZĐÀ-ỸÐa-zđ0-9]*``). "CCHC&VTLT" is one unit code.
_CODE_CHAR = "[A-ZÀ-Ỹa-z0-9]"
_CODE = rf"(?![a-z0-9]){_CODE_CHAR}+(?:&(?![a-z0-9]){_CODE_CHAR}+)?"
_SEP_SL = r"[ \t]?/[ \t]?"  # tolerated spaces are reported (CIT001)
_SEP_HY = r"[ \t]?[-–][ \t]?"

# 30/2020/NĐ-CP, 55/2005/TTLT-BNV-VPCP, 66.7/2025/NQ-CP, 110/2023/QH15
NORMATIVE = lazyre.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}}(?:\.\d{{1,3}})?){_SEP_SL}(?P<y>(?:19|20)\d\d){_SEP_SL}"
    rf"(?P<sym>{_CODE}(?:{_SEP_HY}{_CODE})*)(?![\w/])"
)
# 534/QĐ-TTg, 138/KH-UBND, 05/BNV-VP, 1234/UBND-VX
ADMIN = lazyre.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}}){_SEP_SL}(?P<sym>{_CODE}(?:{_SEP_HY}{_CODE})+)(?![\w/])"
)
# 226-KL/TW, 36-HD/VPTW, 05-NQ/ĐU
PARTY = lazyre.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}}){_SEP_HY}(?P<t>{_CODE}){_SEP_SL}(?P<org>{_CODE}(?:-{_CODE})*)(?:/[a-zđ]{{1,4}})?(?![\w/])"
)
# 30-2020-NĐ-CP: a normative number written with hyphens
HYPHEN_NORMATIVE = lazyre.compile(
    rf"(?<![\w/.-])(?P<n>\d{{1,5}})-(?P<y>(?:19|20)\d\d)-(?P<sym>{_CODE}(?:-{_CODE})+)(?![\w/])"
)
# What each number pattern needs (a digit, then its separators) in a cheap pattern: each ``_CODE``
# class spanning À-Ỹ costs ``re`` ~0.3 ms to compile, so a block (or a whole document) without it
# neither searches nor compiles the full pattern (issue 17: start-up). Each is implied by its
# pattern: a code never holds a space, a tab or "/".
_NEEDS = {
    "normative": lazyre.compile(r"\d[ \t]?/[ \t]?(?:19|20)\d\d[ \t]?/"),
    "hyphen": lazyre.compile(r"\d-(?:19|20)\d\d-"),
    "party": lazyre.compile(r"\d[ \t]?[-–]"),
    "admin": lazyre.compile(r"\d[ \t]?/"),
}

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
_DATE_NUM = lazyre.compile(_LEAD + _DATE_NUM_BODY, re.IGNORECASE)
_DATE_WORDS = lazyre.compile(_LEAD + _DATE_WORDS_BODY, re.IGNORECASE)
_ISSUER_LEAD = lazyre.compile(_LEAD + r"(?:của|do)\s++", re.IGNORECASE)
_SO = lazyre.compile(r"(?<!\s)\s*+(?P<so>số|Số|SỐ)?\s*+:?\s*+$")
_SPACE_COMMA = lazyre.compile(_LEAD)
# a short parenthesis (an abbreviation being defined) between the parts of a citation: " (GDĐT)"
_SHORT_PAREN = lazyre.compile(r"\s*+\([^()\n]{1,20}\)")

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
_TRICH_YEU_START = lazyre.compile(
    r"(?:về|V/v|v/v|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt|thành lập|triển khai|công nhận|"
    r"kiện toàn|bổ sung|điều chỉnh|giao|phân bổ|hủy bỏ|bãi bỏ|bổ nhiệm|thông qua|chấn chỉnh|tăng cường)\b",
    re.IGNORECASE,
)
# the first letters of _TRICH_YEU_START's words, lower-cased (“ſ” folds to s, the Kelvin sign lowers to
# k): an exact pre-test that spares most documents compiling it (issue 17: start-up)
_TRICH_YEU_FIRST = frozenset("vqhbsptckđgſ")


def _trich_yeu_start(text: str, pos: int = 0) -> re.Match[str] | None:
    return _TRICH_YEU_START.match(text, pos) if text[pos : pos + 1].lower() in _TRICH_YEU_FIRST else None


# Searched on a slice that starts at the trích yếu: a match starts only where a run of spaces starts and
# takes the run at once; the alternatives that needed a space before them look behind for it.
_TRICH_YEU_STOP = lazyre.compile(
    r"(?<!\s)\s*+(?:;|\.(?=\s|$|\")|:|\(|\)|,\s++(?:phù hợp|đồng thời|trong đó|theo đó|nhằm|bảo đảm|đảm bảo|"
    r"gắn với|đề nghị|yêu cầu|cụ thể|UBND|Ủy ban|Uỷ ban|Sở|Bộ|các cơ quan|và|nay|tiếp tục|trên cơ sở|đề ra)\b|"
    r"(?<=\s)và các\b|(?<=\s)và\s++(?=\S++\s++\S++\s++số\b)|(?<=\s)(?:như sau|sau đây)\b|(?<=\s)thì\b|"
    r"(?:,\s++|(?<=\s))(?:đã\s++)?được\s++sửa\s++đổi|(?<=\s)hết hiệu lực\b|(?<=\s)có hiệu lực\b)",
)
_ANAPHORA_TAIL = lazyre.compile(
    r"\s+(?P<a>này|nêu trên|nói trên|đã nêu|vừa nêu|trên đây|dẫn trên|kể trên|đã dẫn|đã nêu trên)\b"
)
_ANAPHORA_WORDS = ("này", "trên", "nêu", "dẫn")  # every alternative of _ANAPHORA_TAIL holds one of them
_LAW_HEAD = lazyre.compile(r"(?<![\w])(?P<t>Bộ luật|Bộ Luật|bộ luật|Luật|luật|Pháp lệnh|pháp lệnh)\s+")
_LAW_HEAD_WORDS = ("uật", "háp lệnh")  # every alternative of _LAW_HEAD holds one of them
_DIGIT = lazyre.compile(r"\d")
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


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Some of ``words`` occurs in ``text`` (a loop: cheaper than ``any()`` over a generator, per block)."""
    for word in words:  # noqa: SIM110 (a loop: no generator per call)
        if word in text:
            return True
    return False


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
    return lazyre.cached(
        rf"(?<![\w])(?<!pháp )(?<!Pháp )(?P<t>{alts})(?P<lien>\s+liên tịch)?\s*$", re.IGNORECASE
    )


def _canonical_type(word: str, tables: Tables) -> str:
    name = tables.type_by_lower.get(word.lower())
    return name if name is not None else word[:1].upper() + word[1:].lower()


def _parse_date(text: str, pos: int) -> CitedDate | None:
    # both patterns need “ngày” (any case: only N/n, G/g, À/à, Y/y fold to those letters), an exact
    # pre-test that spares most documents compiling them (issue 17: start-up)
    if "ngày" not in text[pos:].lower():
        return None
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
    words = list(_ISSUER_WORD.finditer(text[start : start + 400]))
    caps = _mostly_upper(text[start : start + 80])
    head = text[start : start + 20].lower()
    if not caps and head.startswith(tables.not_issuer_heads):
        return None  # "của cơ quan, đơn vị, địa phương": whose plan, not an issuer
    i = 0
    while i < len(words):
        w = words[i].group()
        low = w.lower()
        if caps:
            w = low  # an all-caps title: judge the words by their lower-case form
        if w in (";", ".", ":", "(", ")", "“", "”", '"'):
            break
        if count and (w[:1].islower() or caps):
            pair = f"{low} {words[i + 1].group().lower()}" if i + 1 < len(words) else low
            if low in tables.issuer_stop_words or pair in tables.issuer_stop_words:
                break  # "của UBND tỉnh vào kế hoạch ...", "... tỉnh Đồng Tháp tiếp tục ủy quyền ..."
        if count and w[:1].isupper() and not caps and _capital_trich_yeu(words, i):
            break  # a trích yếu written with a capital: "của Chính phủ Quy định chi tiết ..."
        if count and _QUOC_HIEU_AT.match(text, start + words[i].start()):
            break  # a PDF header read across its columns: the Quốc hiệu is not part of the name
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


# a word of an issuer name; a dot inside a word ("TP.HCM", "TP.Hồ Chí Minh") does not end it
_ISSUER_WORD = lazyre.compile(r"(?:[^\s,;.:()“”\"]|\.(?=\w))+|[,;.:()“”\"]")
# trích yếu verbs of two words that a capital does not turn into a name ("Quy định", "Hướng dẫn")
_CAP_TRICH_YEU = frozenset(
    ["quy định", "hướng dẫn", "ban hành", "sửa đổi", "phê duyệt", "về việc", "v/v", "bãi bỏ", "bổ sung"]
)


def _capital_trich_yeu(words: list[re.Match[str]], i: int) -> bool:
    """A trích yếu verb written with a capital starts at word ``i`` ("Quy định chi tiết ...")."""
    first = words[i].group().lower()
    pair = first + (" " + words[i + 1].group().lower() if i + 1 < len(words) else "")
    return first == "v/v" or pair in _CAP_TRICH_YEU


def _mostly_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))  # counted in C
    return len(letters) >= 6 and sum(map(str.isupper, letters)) / len(letters) > 0.8


def _next_is(words: list, i: int, value: str) -> bool:
    return i + 1 < len(words) and words[i + 1].group().lower() == value


def _next_in(words: list, i: int, values: tuple[str, ...]) -> bool:
    return i + 1 < len(words) and words[i + 1].group().lower() in values


def _starts_type(text: str, pos: int, tables: Tables) -> bool:
    """A type word followed by "số"/a number starts at ``pos`` (a new citation)."""
    rest = text[pos : pos + 60]
    if not rest.startswith(tables.type_names):
        return False  # no type name here (one test in C instead of one per name)
    for name in tables.type_names:
        if rest.startswith(name) and re.match(r"\s+(?:số\b|\d)", rest[len(name) :]):
            return True
    return False


def _parse_trich_yeu(text: str, pos: int) -> tuple[str, int, int] | None:
    m = _SPACE_COMMA.match(text, pos)
    start = m.end() if m else pos
    head = _trich_yeu_start(text, start)
    if not head:
        return None
    limit = min(len(text), start + 1500)  # a trích yếu is a line, not a page
    stop = _TRICH_YEU_STOP.search(text[start:limit])  # a slice: the look-behind sees nothing before it
    end = start + stop.start() if stop else limit
    chunk = text[start:end].rstrip(" ,")
    words = chunk.split()
    if len(words) > 80:
        chunk = " ".join(words[:80])
    if len(chunk.split()) < 2 or len(chunk) <= head.end() - start + 1:
        return None  # the verb alone: "Khoản 4 Điều 19 Nghị định số 126/2024/NĐ-CP quy định: “...”"
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
    # each number pattern starts with a digit and needs its separator: a block without them is not
    # searched (most blocks); the separators are looked for first (cheaper than a digit)
    slash, hyphen = "/" in text, "-" in text
    if (slash or hyphen) and _DIGIT.search(text) is not None:
        for kind, pattern, separator in (("normative", NORMATIVE, slash), ("hyphen", HYPHEN_NORMATIVE, hyphen),
                                         ("party", PARTY, slash), ("admin", ADMIN, slash)):  # fmt: skip
            if not separator or _NEEDS[kind].search(text) is None:
                continue
            for m in pattern.finditer(text):
                if free(m.start(), m.end()):
                    found.append((m.start(), m.end(), kind, m))
                    taken.append((m.start(), m.end()))
        found.sort(key=lambda f: f[0])
    for start, end, kind, m in found:
        mention = _number_mention(text, block, start, end, kind, m, tables)
        if mention is not None:
            mentions.append(mention)
    _enumerations(text, mentions, tables)
    mentions.extend(_law_names(text, block, tables, mentions))
    mentions.sort(key=lambda x: x.start)
    return mentions


# "Công văn số 1/SNV ngày ...; số 2/SNV ngày ...": a later item shares the first item's type
_ENUM_GAP = lazyre.compile(r"(?:[,;]\s*+(?:và\s++|hoặc\s++)?|(?<=\s)(?:và|hoặc)\s++)số\s*+:?\s*+$")
# "Căn cứ các Nghị định của Chính phủ: số 178/2025/NĐ-CP ...; số 175/2024/NĐ-CP ...": a plural head
_ENUM_HEAD = lazyre.compile(
    r"\bcác\s++(?P<t>[A-ZĐ][\w ]{2,25}?)(?:\s++(?:của|do)\s++(?P<iss>[^,;:()]{2,60}?))?\s*+:\s*+số\s*+:?\s*+$"
)


def _enumerations(text: str, mentions: list[Mention], tables: Tables) -> None:
    if not mentions:
        return
    previous: Mention | None = None
    for m in sorted((x for x in mentions if x.kind == "number"), key=lambda x: x.start):
        if m.type_word is None and m.has_so and m.number_start is not None:
            head = _ENUM_HEAD.search(text, max(0, m.number_start - 120), m.number_start)
            if head and _canonical_type(head["t"], tables) in tables.type_names:
                m.type_word, m.enumerated = head["t"], True
                if m.issuer_text is None and head["iss"]:
                    m.issuer_text, m.issuer_start = head["iss"], head.start("iss")
            elif (
                previous is not None
                and previous.type_word
                and previous.number_end is not None
                and _ENUM_GAP.search(text, previous.number_end, m.number_start)
                and not re.search(r"\.\s", text[previous.number_end : m.number_start])
            ):
                m.type_word, m.enumerated = previous.type_word, True
                if m.issuer_text is None and previous.enumerated and previous.issuer_text:
                    m.issuer_text, m.issuer_start = previous.issuer_text, previous.issuer_start
        previous = m


def _number_mention(text: str, block: int, start: int, end: int, kind: str, m: re.Match[str],
                    tables: Tables) -> Mention | None:  # fmt: skip
    # _FOOTNOTE_MARK ends with a digit at ``end`` (``$``: or before a final line break there), an exact
    # pre-test that spares most documents compiling it (issue 17: start-up)
    last = text[end - 1 : end]
    footnote = (
        _FOOTNOTE_MARK.search(text, start, end)
        if last.isdecimal() or (last == "\n" and text[end - 2 : end - 1].isdecimal())
        else None
    )
    if footnote and not _footnote_mark(footnote, tables):
        footnote = None
    if footnote:
        end = footnote.start(2)  # "126/2024/NĐ-CP1": the footnote mark is not part of the symbol
        m = _rematch(m, text, start, end, kind)
        if m is None:
            return None
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
    qualified_ty: tuple[str, int] | None = None
    if tm:
        type_word = tm["t"] + (tm["lien"] or "")
        type_start = max(0, head_end - 50) + tm.start()
    elif has_so:
        # "Báo cáo thẩm định số ...", "Hướng dẫn về công tác thi ... số 64/HD-..."
        q = _qualified_type(text, head_end, type_abbr, family, tables)
        if q is not None:
            type_word, type_start, qualified_ty = q
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
    if footnote:
        mention.footnote = footnote.group(2)
    if qualified_ty is not None and _trich_yeu_start(qualified_ty[0]):
        mention.trich_yeu, mention.trich_yeu_start = qualified_ty
    _parse_tail(text, mention, tables)
    if mention.issuer_text is None and issuer_before:
        mention.issuer_text, mention.issuer_start = issuer_before  # "của Bộ Tài chính tại Tờ trình số ..."
    if mention.date is None:
        _date_before(text, mention, tables)
    _approved_before(text, mention, tables)
    if _DRAFT_NAME.search(text, max(0, mention.start - 80), mention.start):
        mention.nested = (
            True  # "dự thảo Nghị định thay thế Nghị định số 72/2013/NĐ-CP": part of a draft's name
        )
    return mention


# the name of a draft that replaces or amends a cited document names it as part of its own title
_DRAFT_NAME = lazyre.compile(
    r"(?:(?:dự thảo|Dự thảo)\s++[^;:()]{2,60}?|(?<!\S)(?:Nghị định|Thông tư|Quyết định|Nghị quyết|Luật))"
    r"\s++(?:thay thế|sửa đổi,?\s++bổ sung(?:\s++một số điều của)?)\s*+$"
)


@cache
def _approval_regex(verbs: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(v) for v in verbs)
    return re.compile(
        r"(?:^|(?<=[;:,]\s))\s*+(?:Căn cứ\s++(?:vào\s++)?)?(?P<ty>[^;:,()]{6,200}?)\s++(?:đã\s++)?được\s++"
        rf"(?P<iss>[^,;.()]{{2,60}}?)\s++(?:{alts})\s++(?:tại|theo)\s*+$"
    )


def _approved_before(text: str, mention: Mention, tables: Tables) -> None:
    """ "Quy hoạch ... đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 519/QĐ-TTg ngày ...": the
    subject and the issuer come before the number (verbs: citation_phrases.toml approval_verbs)."""
    if not tables.approval_verbs or (mention.trich_yeu and mention.issuer_text):
        return
    lo = max(0, mention.start - 260)
    window = text[lo : mention.start]
    if "được" not in window:
        return  # the pattern's one fixed word (most numbers are cited without an approval)
    hit = _approval_regex(tables.approval_verbs).search(window)
    if hit is None:
        return
    if mention.issuer_text is None:
        mention.issuer_text, mention.issuer_start = hit["iss"].strip(), lo + hit.start("iss")
    if mention.trich_yeu is None:
        mention.trich_yeu, mention.trich_yeu_start = hit["ty"].strip(), lo + hit.start("ty")


# a footnote mark glued to the issuer code of a number: "126/2024/NĐ-CP1" (CP is a code, CP1 is not)
_FOOTNOTE_MARK = lazyre.compile(r"(?<=[-/])([A-ZĐa-zđ]{1,8}+)(\d{1,2})$")


def _footnote_mark(hit: re.Match[str], tables: Tables) -> bool:
    code, whole = hit.group(1), hit.group(0)
    return code in tables.issuers and whole not in tables.issuers and not _qh_code(whole)


def _rematch(m: re.Match[str], text: str, start: int, end: int, kind: str) -> re.Match[str] | None:
    """The number's pattern matched again on the span without its footnote mark."""
    pattern = {"normative": NORMATIVE, "hyphen": HYPHEN_NORMATIVE, "party": PARTY, "admin": ADMIN}[kind]
    again = pattern.fullmatch(text[start:end])
    return again


def _abbr_fits(name: str, abbr: str | None, tables: Tables) -> bool:
    """The number's type abbreviation stands for the type ``name`` ("HD" for Hướng dẫn)."""
    if not abbr:
        return False
    low = name.lower()
    return abbr in tables.state_abbr.get(low, ()) or low in (
        n.lower() for n in tables.party_abbr.get(abbr, ())
    )


def _abbr_known(abbr: str | None, tables: Tables) -> bool:
    return bool(abbr) and (abbr in tables.abbr_to_name or abbr in tables.party_abbr)


# the head of a qualified citation must not cross a clause, a quotation or another number
_QUALIFIED_STOP = lazyre.compile(r"[;:()“”\"]|\.\s|\d/|\d-[A-ZĐ]")
_QUALIFIED_WINDOW = 160


def _qualified_type(text: str, head_end: int, abbr: str | None, family: str,
                    tables: Tables) -> tuple[str, int, tuple[str, int]] | None:  # fmt: skip
    """A type word separated from "số" by a qualifier or a subject: "Báo cáo thẩm định số 12/BC-HĐTĐ",
    "Kế hoạch hành động số 2358/KH-UBND", "Hướng dẫn về công tác thi ... số 64/HD-KT". Accepted when the
    number's abbreviation stands for that type (any words between, up to a clause), or when the words
    between are a short lower-case qualifier (at most six words) and the abbreviation says nothing else.
    Returns the type as written, where it starts, and the words between (a subject when they are one)."""
    lo = max(0, head_end - _QUALIFIED_WINDOW)
    window = text[lo:head_end]
    low = window.lower()
    cut = 0
    for stop in _QUALIFIED_STOP.finditer(window):
        cut = stop.end()
    candidates = []
    for name, key in tables.qualifiable_types:
        pos = low.rfind(key, cut)
        if pos >= 0 and not (pos > 0 and window[pos - 1].isalnum()):
            candidates.append((pos, len(name), name))
    for pos, _, name in sorted(candidates, reverse=True):  # the nearest type word first
        written = window[pos : pos + len(name)]
        between = window[pos + len(name) :].strip()
        if not between:
            continue
        fits = _abbr_fits(name, abbr, tables)
        short = (
            written[:1].isupper()
            and len(between.split()) <= 6
            and between == between.lower()
            and "," not in between
            and (fits or not _abbr_known(abbr, tables))
        )
        if (fits and len(between.split()) <= 30) or short:
            return written, lo + pos, (between, lo + window.index(between, pos + len(name)))
        return None  # the nearest type word does not govern this number: do not look further back
    return None


def _issuance_head(tables: Tables) -> re.Pattern[str]:
    return _head_regex(tables.issuance_verbs)


@cache
def _head_regex(verbs: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(v) for v in verbs)
    return re.compile(
        r"(?:^|(?<=[\s,;(]))[Nn]gày\s++(?P<d>\d{1,2})\s?(?P<s>[/.-])\s?(?P<m>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4})"
        rf"\s*+,?\s*+(?P<iss>[^,;.()“”\d]{{2,90}}?)\s++(?:{alts})\s*+$"
        r"|(?:^|(?<=[\s,;(]))[Nn]gày\s++(?P<d2>\d{1,2})\s++tháng\s++(?P<m2>\d{1,2})\s++năm\s++(?P<y2>\d{4})"
        rf"\s*+,?\s*+(?P<iss2>[^,;.()“”\d]{{2,90}}?)\s++(?:{alts})\s*+$"
    )


def _date_before(text: str, mention: Mention, tables: Tables) -> None:
    """ "Ngày 23/12/2025, Sở Nội vụ có Công văn số 3732/SNV-CCHC ...": the date and the issuer of the
    cited document are stated at the head of the clause (the verbs: rules/nd30/citation_phrases.toml)."""
    if not tables.issuance_verbs:
        return
    lo = max(0, mention.start - 180)
    window = text[lo : mention.start]
    if "gày" not in window:
        return  # both alternatives of the pattern start with "[Nn]gày"
    hit = _issuance_head(tables).search(window)
    if hit is None:
        return
    words = hit["d"] is None
    day, month, year = (hit["d2"], hit["m2"], hit["y2"]) if words else (hit["d"], hit["m"], hit["y"])
    date_start = lo + hit.start()
    date_end = lo + (hit.end("y2") if words else hit.end("y"))
    mention.date = CitedDate(
        int(day), int(month), int(year), "words" if words else "numeric", text[date_start:date_end],
        date_start, date_end,
    )  # fmt: skip
    mention.date_before = True
    issuer = hit["iss2"] if words else hit["iss"]
    if mention.issuer_text is None and issuer and issuer.strip():
        mention.issuer_text = issuer.strip()
        mention.issuer_start = lo + (hit.start("iss2") if words else hit.start("iss"))


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
        # an abbreviation defined on the way: "... của Bộ Giáo dục và Đào tạo (GDĐT) ngày 05 tháng 02 ..."
        paren = _SHORT_PAREN.match(text, pos)
        if paren and (_parse_date(text, paren.end()) or _ISSUER_LEAD.match(text, paren.end())):
            pos = paren.end()
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


_LAW_WORD = lazyre.compile(r"[^\s,;.:()“”\"]+|[,;.:()“”\"]")
_LAW_WORDS_READ = 32


def _law_names(text: str, block: int, tables: Tables, numbers: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    if not _holds_any(text, _LAW_HEAD_WORDS):
        return out  # no head word: nothing for _LAW_HEAD to find (most blocks)
    by_start = {n.number_start: n for n in numbers if n.number_start is not None}
    type_starts = {n.type_start for n in numbers if n.type_start is not None}
    for m in _LAW_HEAD.finditer(text):
        type_word = m["t"]
        if re.search(r"(?:pháp|dự)\s*$", text[max(0, m.start() - 6) : m.start()], re.IGNORECASE):
            continue  # "pháp luật Việt Nam", "dự luật": not a law's name
        pos = m.end()
        name_words: list[tuple[int, int]] = []
        # 14 name words at most, each after at most one skipped comma, and one of look-ahead: the loop
        # below never reads past words[27] (a lazy prefix, not all the words of 400 characters)
        words = list(itertools.islice(_LAW_WORD.finditer(text[pos : pos + 400]), _LAW_WORDS_READ))
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
    """A citation broken over two lines or blocks ("Căn cứ Nghị định số 78/2025/NĐ-CP" / "ngày 01 tháng 4
    năm 2025 của Chính phủ ..."; a PDF read one printed line per block: "... ngày 30 tháng 10 năm 2024
    của" / "Bộ trưởng Bộ Giáo dục và Đào tạo quy định ..."): read what is missing from the next block."""
    if mention.kind != "number" or (mention.date and mention.issuer_text and mention.trich_yeu):
        return
    text = blocks[mention.block].text
    nxt = mention.block + 1
    trailing = _TRAILING_OF.fullmatch(text, mention.end)
    if trailing is None or nxt >= len(blocks) or blocks[nxt].kind in ("header", "footer"):
        return
    following = blocks[nxt].text
    prefix = "của " if trailing["of"] else ""
    first = following.lstrip()[:1]
    ends_with_issuer = (
        not prefix
        and mention.issuer_text is not None
        and mention.issuer_start is not None
        and not text[mention.issuer_start + len(mention.issuer_text) :].strip()
        and (
            first.isupper()
            # "... của Ủy" / "ban nhân dân tỉnh ...": a name cut after its first word at a printed line's end
            or (first.islower() and mention.issuer_text.split()[-1] in _NAME_OPENERS)
        )
    )
    if ends_with_issuer:  # "... của Trường THPT" / "Phước Bửu về truyền thông ...": the name goes on
        prefix = f"của {mention.issuer_text} "
    elif not prefix and not re.match(r"\s*+(?:,\s*+)?(?:ngày|của|về|do)\b", following):
        return
    probe = Mention(block=nxt, start=0, end=0, kind="number", family=mention.family)
    _parse_tail(prefix + following, probe, tables)
    if probe.trich_yeu is None and probe.issuer_text and mention.zone == "can_cu":
        _loose_trich_yeu(prefix + following, probe, len(prefix + following))
    if ends_with_issuer and probe.trich_yeu is None:
        return  # the next block is a new paragraph, not the rest of the name
    shift = len(prefix)
    found = False
    if probe.date and mention.date is None:
        probe.date.block = nxt
        probe.date.start -= shift
        probe.date.end -= shift
        mention.date, found = probe.date, True
    if probe.issuer_text and (mention.issuer_text is None or ends_with_issuer):
        found = found or mention.issuer_text is None
        mention.issuer_text = probe.issuer_text
    if probe.trich_yeu and mention.trich_yeu is None:
        mention.trich_yeu, found = probe.trich_yeu, True
    if found:
        mention.tail_block = nxt


# the first word of an organ's name that cannot end it ("Ủy" ban, "Văn" phòng, "Thủ" tướng, "Bộ" trưởng)
_NAME_OPENERS = frozenset(
    ("Ủy", "Uỷ", "Văn", "Hội", "Thủ", "Chính", "Quốc", "Tòa", "Toà", "Chủ", "Giám", "Bộ")
)

# what may follow a citation at the end of its block when its tail goes on in the next block
_TRAILING_OF = lazyre.compile(r"\s*+(?:,\s*+)?(?P<of>của|do)?\s*+")


def _type_from_previous_block(mention: Mention, blocks: list[Block], tables: Tables) -> None:
    """ "... (Theo Quyết định" / "số 2319/QĐ-TTg ngày ..." — a PDF line read as a block of its own: the type
    word (and "số") end the previous block."""
    if mention.type_word is not None or mention.number_start is None or mention.block == 0:
        return
    text = blocks[mention.block].text
    lead = text[: mention.number_start]
    if lead.strip() and not re.fullmatch(r"\s*+(?:số|Số)\s*+:?\s*+", lead):
        return
    prev = blocks[mention.block - 1]
    if prev.kind in ("header", "footer") or not prev.text.strip():
        return
    tail = prev.text.rstrip()[-60:]
    so = re.search(r"\s++(?:số|Số)\s*+:?$", tail)
    if so:
        tail = tail[: so.start()]
    tm = _type_regex(tables.type_names).search(tail)
    if tm:
        mention.type_word = tm["t"] + (tm["lien"] or "")
        mention.has_so = mention.has_so or bool(so)


def _loose_trich_yeu(text: str, mention: Mention, limit: int) -> None:
    """In a căn cứ line, what follows the issuer up to the end of the line is the trích yếu, whatever its
    first word ("... của Ủy ban nhân dân tỉnh Đồng Tháp tiếp tục ủy quyền tổ chức xét thăng hạng ...;")."""
    m = _LOOSE_TRICH_YEU.match(text, mention.end, limit)
    if m is None or not m["ty"][0].islower():
        return
    mention.trich_yeu, mention.trich_yeu_start = m["ty"].rstrip(" ,"), m.start("ty")
    mention.end = m.end("ty")
    mention.text = text[mention.start : mention.end]


_LOOSE_TRICH_YEU = lazyre.compile(r"\s*+,?\s*+(?P<ty>[^\W\d_][^;]{8,400})")


def _link_footnotes(mentions: list[Mention], blocks: list[Block], tables: Tables) -> None:
    """ "căn cứ Nghị định số 126/2024/NĐ-CP¹" with the footnote "¹ Nghị định số 126/2024/NĐ-CP ngày
    08/10/2024 của Chính phủ quy định ...": the footnote completes the citation."""
    for m in mentions:
        if m.footnote is None or (m.date and m.issuer_text and m.trich_yeu):
            continue
        mark = re.compile(rf"\s*+{m.footnote}\s++\S")
        for b in blocks[m.block + 1 : m.block + 60]:
            if not mark.match(b.text):
                continue
            same = [x for x in extract_block(b.text, b.index, tables) if x.key == m.key]
            if same:
                x = same[0]
                m.date = m.date or x.date
                if x.date is not None and m.date is x.date:
                    x.date.block = b.index
                m.issuer_text = m.issuer_text or x.issuer_text
                m.trich_yeu = m.trich_yeu or x.trich_yeu
                m.tail_block = b.index
            break


_QUOC_HIEU = lazyre.compile(
    r"^\s*+C[ỘO]NG H[ÒOÀ][AÀ] X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM", re.IGNORECASE
)
_QUOC_HIEU_AT = lazyre.compile(_QUOC_HIEU.pattern.lstrip("^"), re.IGNORECASE)
_NUMBER_LINE = lazyre.compile(r"^\s*+Số\s*+:", re.IGNORECASE)


def document_segments(blocks: list[Block]) -> list[int]:
    """Which document of the file each block belongs to. A Word file may hold several numbered documents
    one after the other (ten decisions, each with its header, number, căn cứ and signature): a new one
    starts where a Quốc hiệu comes again with a "Số:" line beside it. An appendix or an attached
    regulation (no number of its own) stays with its document."""
    out = [0] * len(blocks)
    seen_first = False
    starts: list[int] = []
    for i, b in enumerate(blocks):
        if not _QUOC_HIEU.match(b.text):
            continue
        if not seen_first:
            seen_first = True
            continue
        near = [
            j for j in range(max(0, i - 6), min(len(blocks), i + 7)) if _NUMBER_LINE.match(blocks[j].text)
        ]
        if not near:
            continue
        start = min(i, near[0])
        while (
            start > 0 and _mostly_upper(blocks[start - 1].text) and len(blocks[start - 1].text.split()) <= 12
        ):
            start -= 1  # the issuer's name above the number
        if not starts or start > starts[-1]:
            starts.append(start)
    seg = 0
    for i in range(len(blocks)):
        while seg < len(starts) and i >= starts[seg]:
            seg += 1
        out[i] = seg
    return out


# Vietnamese in an 8-bit legacy encoding (TCVN3/ABC, VNI) read as Latin-1: "Th«ng b¸o sè ... ngµy" —
# symbols that never occur in Unicode Vietnamese prose, several per line
_LEGACY = frozenset("«»¸µ¶·¹¨©®¬ª¼½¾§\xad")
_LEGACY_CHAR = lazyre.compile("[" + re.escape("".join(sorted(_LEGACY))) + "]")


def legacy_encoded(text: str) -> bool:
    """The block's text is Vietnamese in a legacy encoding read without conversion: its words cannot be
    trusted (a type word "Th«ng b¸o sè" is not recognised), so no citation is read from it."""
    if _LEGACY_CHAR.search(text) is None:
        return False  # nearly every block: no symbol at all (searched in C; isdisjoint made a str per char)
    hits = sum(1 for ch in text if ch in _LEGACY)
    return hits >= 3 and hits >= 0.02 * max(1, sum(ch.isalpha() for ch in text))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a block inside quotation marks (“...”, "..."); an opening mark that is not closed in
    the block runs to its end (a quoted provision of several paragraphs)."""
    spans: list[tuple[int, int]] = []
    if "“" not in text and "”" not in text and '"' not in text:
        return spans
    opened: int | None = None
    straight: int | None = None
    for m in re.finditer(r"[“”\"]", text):
        c = m.group()
        if c == "“" and opened is None:
            opened = m.end()
        elif c == "”" and opened is not None:
            spans.append((opened, m.start()))
            opened = None
        elif c == '"':
            if straight is None:
                straight = m.end()
            else:
                spans.append((straight, m.start()))
                straight = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


# a heading that opens a list of the document's bases inside the content: "I. CĂN CỨ LẬP KẾ HOẠCH",
# "1. Căn cứ pháp lý"; the items under it are căn cứ lines, not content citations
_CAN_CU_HEADING = lazyre.compile(r"^\s*+(?:[IVXLC]+|\d{1,2})[.)]\s++(?:CĂN CỨ|Căn cứ pháp lý)\b")
_SECTION_HEADING = lazyre.compile(r"^\s*+(?:[IVXLC]+|\d{1,2})[.)]\s++\S")
# the addressees of a công điện: "THỦ TƯỚNG CHÍNH PHỦ điện:" followed by dash items
_DIEN = lazyre.compile(r"^(?P<who>[^:;.]{3,80}?)\s++điện\s*+:\s*+$")
_ITEM = lazyre.compile(r"^\s*+[-–+•]\s*+\S")


def _refine_zones(zones: list[str], blocks: list[Block]) -> list[str]:
    zones = list(zones)
    i = 0
    while i < len(blocks):
        text = blocks[i].text
        dien = "điện" in text and _DIEN.match(text.strip())  # the pattern's one literal word, first
        dien = bool(dien) and _mostly_upper(dien["who"])
        heading = _CAN_CU_HEADING.match(text)
        if zones[i] in ("body", "header") and (heading or dien):
            label = "can_cu" if heading else "recipients"
            j = i + 1
            while j < len(blocks) and zones[j] == "body" and not blocks[j].text.strip():
                j += 1
            while (j < len(blocks) and zones[j] == "body" and _ITEM.match(blocks[j].text)) or (
                j < len(blocks)
                and label == "recipients"
                and zones[j] == "body"
                and _continues_item(blocks, j)
            ):
                zones[j] = label
                j += 1
            i = j
            continue
        i += 1
    return zones


def _continues_item(blocks: list[Block], j: int) -> bool:
    """A PDF line that continues the previous addressee item (it does not start a sentence)."""
    text = blocks[j].text.lstrip()
    return (bool(text) and not text[:1].isupper()) or bool(re.match(r"^\S+/", text))


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
    blocks: list[Block],
    tables: Tables,
    rec: Recognition | None = None,
    own_type: str | None = None,
    zones: list[str] | None = None,
) -> Citations:
    """Every citation of ``blocks``; ``zones``: their :func:`block_zones`, when the caller has them."""
    from doclint.analysis.zones import block_zones

    result = Citations(tables=tables)
    zones = _refine_zones(block_zones(blocks, rec) if zones is None else zones, blocks)
    segments = document_segments(blocks)
    result.segments = segments
    for block in blocks:
        if block.kind in ("header", "footer") or not block.text.strip() or legacy_encoded(block.text):
            continue
        found = extract_block(block.text, block.index, tables)
        quotes = quote_spans(block.text)
        for k, mention in enumerate(found):
            mention.zone = zones[block.index] if block.index < len(zones) else "body"
            mention.segment = segments[block.index] if block.index < len(segments) else 0
            anchor = mention.number_start if mention.number_start is not None else mention.start
            mention.quoted = any(a <= anchor < b for a, b in quotes)
            result.mentions.append(mention)
            if mention.kind != "number":
                continue
            _type_from_previous_block(mention, blocks, tables)
            _continue_tail(mention, blocks, tables)
            if (
                mention.zone == "can_cu"
                and mention.trich_yeu is None
                and (mention.date or mention.issuer_text)
            ):
                nxt = next((x.start for x in found[k + 1 :] if x.start >= mention.end), len(block.text))
                _loose_trich_yeu(block.text, mention, nxt)
    _link_footnotes(result.mentions, blocks, tables)
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
    by_key: dict[tuple[int, str], int] = {}
    ty_from_body: dict[int, bool] = {}
    for mention in result.mentions:
        key = mention.key
        if key is None:
            continue
        index = by_key.get((mention.segment, key))  # each document of the file cites on its own
        if index is None:
            index = by_key[(mention.segment, key)] = len(result.documents)
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
    for doc in result.documents:
        _short_forms(doc, blocks)
    return result


# a short name defined right after a full citation: "... về chuyển đổi số (Nghị quyết 06-NQ/TU)",
# "(gọi tắt là Quyết định số 787/QĐ-UBND)", "(sau đây viết tắt là Kế hoạch 12)"
_DEFINES = lazyre.compile(
    r"\s*+[,;]?\s*+\(\s*+(?:(?:sau đây\s++)?(?:gọi|viết)\s++tắt\s++là\s*+:?\s*+)?$", re.IGNORECASE
)


_CALLED = lazyre.compile(r"(?:gọi|viết)\s++tắt\s++là\s*+:?\s*+[“\"]?$", re.IGNORECASE)


def _short_forms(doc: CitedDocument, blocks: list[Block]) -> None:
    """Mark the short name a document defines for a cited document, and its later uses written alike."""
    numbered = [m for m in doc.mentions if m.kind == "number"]
    for (
        m
    ) in numbered:  # "(sau đây gọi tắt là Thông tư số 55/2015/TTLT-BTC-BKHCN)": the name the text gives it
        if _CALLED.search(blocks[m.block].text[max(0, m.start - 40) : m.start]):
            m.short_form = True
    defined: Mention | None = None
    for prev, m in itertools.pairwise(numbered):
        if (
            m.block == prev.block
            and prev.end <= m.start
            and _DEFINES.fullmatch(blocks[m.block].text, prev.end, m.start)
        ):
            defined = m
            m.short_form = True
            continue
        if defined is not None and (m.has_so, (m.type_word or "").lower()) == (
            defined.has_so, (defined.type_word or "").lower()
        ):  # fmt: skip
            m.short_form = True


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
    patterns = _anaphora_patterns(tables.type_names)
    for block in blocks:
        if block.kind in ("header", "footer"):
            continue
        for m in _anaphora_matches(block.text, *patterns):
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


@cache
def _anaphora_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The anaphora pattern, and the same without its leading look-behind (:mod:`wordscan`)."""
    alts = "|".join(re.escape(n) for n in names)
    return wordscan.split(lazyre.cached(r"(?<![\w])(?P<t>" + alts + r")" + _ANAPHORA_TAIL.pattern))


def _anaphora_matches(
    text: str, exact: re.Pattern[str], loose: re.Pattern[str] | None
) -> Iterator[re.Match[str]] | tuple[()]:
    """``exact.finditer(text)``."""
    if not _holds_any(text, _ANAPHORA_WORDS):
        return ()  # no anaphora word: nothing for the pattern to find (most blocks)
    return wordscan.finditer(exact, loose, text)


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
    return extract(ctx.doc.blocks, tables, ctx.rec, own, zones=ctx.zones)
