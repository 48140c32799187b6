"""ABBR001–ABBR002: abbreviations are written out in full, with the abbreviation in brackets, at first use.

An abbreviation is a token with at least two capitals that is not a Vietnamese syllable (``UBND``,
``HĐND``, ``CNTT``, ``TTr``); all-caps words of headings (``KẾ HOẠCH``) are syllables and are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from doclint import lazyre
from doclint.analysis import wordscan
from doclint.checks import check
from doclint.checks.common import finding
from doclint.context import Context
from doclint.findings import Finding, Location
from doclint.vn.acronyms import exempt, header_initials, paren_definitions, plain, spells

TOKEN = lazyre.compile(r"(?<![\w/.-])([A-ZĐ][A-Za-zĐđ]*[A-ZĐ][A-Za-zĐđ]*)(?![\w/-])")
_SYLLABLE = lazyre.compile(
    r"^(?:NGH|NG|GH|GI|KH|NH|PH|TH|TR|CH|QU|[BCDGHKLMNPRSTVX])?[AEIOUY]{1,3}(?:NG|NH|CH|[CMNPTIYOU])?$"
)
_ROMAN = lazyre.compile(r"^[IVXLCDM]+[A-D]?$")  # II, XIV, and list labels such as IB, IIB
_INLINE_DEF = lazyre.compile(
    r"(?:viết tắt|gọi tắt)\s*(?:là|:)\s*[\"“]?(?P<abbr>[A-ZĐ][A-Za-zĐđ0-9]*[A-ZĐ][A-Za-zĐđ0-9]*)"
)
# "NQ (nghị quyết)", "TP (thành phố)": the abbreviation first, the words in brackets
_DEF_AFTER = lazyre.compile(
    r"(?<![\w/])(?P<abbr>[A-ZĐ][A-Za-zĐđ]*[A-ZĐ][A-Za-zĐđ]*)(?![\w/])\s*\((?P<full>[^()]{3,60})\)"
)
# "Quyết định: QĐ", "Đảng uỷ quân sự: ĐUQS; riêng Quân uỷ Trung ương: QUTW"
_DEF_COLON = lazyre.compile(
    r"(?:^|[;,]\s*|[-*•]\s*)(?P<full>[^:;,()]{3,60}?):\s*(?P<abbr>[A-ZĐ][A-Za-zĐđ]*[A-ZĐ][A-Za-zĐđ]*)(?![\w/])\s*(?=[;,.]|$)"
)
_QUOTED = lazyre.compile(r"“[^”]*”|\"[^\"]*\"")
# "Ủy ban nhân dân (UBND)", "(sau đây gọi tắt là UBND)", "(viết tắt là CNTT)"
_DEF_PAREN = lazyre.compile(
    r"\(\s*+(?:sau đây\s++)?(?:được\s++)?(?:gọi|viết)?\s*+(?:tắt\s++)?(?:là\s*+)?[:]?\s*+[\"“]?"
    r"(?P<abbr>[A-ZĐ][A-Za-zĐđ0-9]*[A-ZĐ][A-Za-zĐđ0-9]*)[\"”]?\s*\)"
)
# "- UBND: Ủy ban nhân dân" / "UBND là Ủy ban nhân dân" (a list of abbreviations)
_DEF_LINE = lazyre.compile(
    r"^\s*(?:[-+•]\s*|\d+\.\s*)?(?P<abbr>[A-ZĐ][A-Za-zĐđ]*[A-ZĐ][A-Za-zĐđ]*)\s*(?::|là|-)\s+\S"
)
SKIP_ZONES = ("header", "recipients", "luu", "signature", "appendix")
# Exact pre-tests of the three patterns above (issue 17: start-up; each costs ``re`` ~0.4 ms to compile,
# and most documents define no abbreviation): an abbreviation is a run of letters (and digits in
# _DEF_PAREN) that starts with a capital [A-ZĐ] and holds another; ``\s`` is what str.strip() strips
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_ABBR_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ") | _CAPITALS
_ABBR_CHARS = _ABBR_LETTERS | frozenset("0123456789")


def _abbr_before(text: str, mark: str, chars: frozenset[str], quotes: str = "") -> bool:
    """Whether some ``mark`` of ``text`` follows, across blanks (and one of ``quotes``), a run of
    ``chars`` holding two capitals: the end of every match of _DEF_PAREN (“UBND)”, “"UBND" )”), the
    "(" of every match of _DEF_AFTER."""
    at = text.find(mark)
    while at >= 0:
        end = len(text[:at].rstrip())
        if quotes and text[end - 1 : end] in quotes and end > 0:
            end -= 1
        capitals, i = 0, end - 1
        while i >= 0 and text[i] in chars:
            capitals += text[i] in _CAPITALS
            i -= 1
        if capitals >= 2:
            return True
        at = text.find(mark, at + 1)
    return False


def _may_start_with_abbr(text: str) -> bool:
    """Necessary for _DEF_LINE: after the blanks and a bullet, a run of [A-Za-zĐđ] that starts with a
    capital and holds another (a numbered line “1. …” is left to the pattern)."""
    rest = text.lstrip()
    if rest[:1] in ("-", "+", "•"):
        rest = rest[1:].lstrip()
    elif rest[:1].isdecimal():
        return True
    if rest[:1] not in _CAPITALS:
        return False
    for c in rest[1:]:
        if c in _CAPITALS:
            return True
        if c not in _ABBR_LETTERS:
            return False
    return False


def _plain(token: str) -> str:
    out = unicodedata.normalize("NFD", token.upper().replace("Đ", "D"))
    return "".join(c for c in out if not unicodedata.combining(c))


def is_abbreviation(token: str) -> bool:
    if len(token) < 2 or _ROMAN.match(token):
        return False
    plain = _plain(token)
    if token.isupper() and _SYLLABLE.match(plain):
        return False  # a word of an all-caps heading
    if token.isupper() and len(token) >= 4 and sum(c in "AEIOUY" for c in plain) >= 2:
        return False  # an English word or a pronounceable international acronym (MINISTRY, KYOTO)
    return sum(1 for c in token if c.isupper()) >= 2


def _mostly_caps(text: str) -> bool:
    letters = sum(map(str.isalpha, text))  # counted in C: this runs on every block
    return letters >= 4 and sum(map(str.isupper, filter(str.isalpha, text))) / letters > 0.8


def _initials(words: list[str]) -> str:
    return "".join(_plain(w[0]) for w in words if w and w[0].isalpha())


def _expansion(text: str, end: int, abbr: str) -> str | None:
    """The words before ``end`` whose initials spell ``abbr`` (case-insensitive), if any."""
    letters = _plain("".join(c for c in abbr if c.isalpha()))
    words = re.findall(r"[\wĐđ]+", text[:end])
    for n in range(len(letters), max(0, len(letters) - 3), -1):
        if n and len(words) >= n and _initials(words[-n:]) == letters[:n] and n == len(letters):
            return " ".join(words[-n:])
    # "Trung tâm Phục vụ hành chính công (TTPVHCC)": allow a few short words ("và", "của") in between
    for n in range(len(letters) + 3, len(letters) - 1, -1):
        if len(words) >= n:
            cand = [w for w in words[-n:] if w.lower() not in ("và", "của", "các", "về")]
            if _initials(cand) == letters:
                return " ".join(words[-n:])
    return None


@dataclass(slots=True, eq=False, repr=False)
class Definition:
    """Where an abbreviation is defined, and the expansion given for it."""

    abbr: str
    block: int
    start: int
    end: int
    expansion: str | None


def definitions(ctx: Context, zones: list[str]) -> list[Definition]:
    out: list[Definition] = []
    seen_abbrs: set[str] = set()
    for block in ctx.doc.blocks:
        if block.kind in ("header", "footer") or zones[block.index] in SKIP_ZONES:
            continue
        text = block.text
        # each pattern below needs a bracket, a colon or “tắt”: most blocks have none of them
        bracket = "(" in text
        # brackets of every shape: (TP.HCM), (GDNN - GDTX), (ĐHQG-HCM), (Bộ TTTT), “gọi tắt tiếng Việt là …”
        for abbr, start, end, before, compound in paren_definitions(text) if bracket else ():
            if compound and abbr in seen_abbrs:
                continue  # “(GDNN - GDTX)” after “(GDTX)”: a part of a compound, not a second definition
            seen_abbrs.add(abbr)
            if is_abbreviation(abbr):
                expansion = _expansion(text, text.rfind("(", 0, start), abbr) or before
                out.append(Definition(abbr, block.index, start, end, expansion))
        for m in _DEF_PAREN.finditer(text) if bracket and _abbr_before(text, ")", _ABBR_CHARS, '"”') else ():
            abbr = m["abbr"]
            if not is_abbreviation(abbr):
                continue
            out.append(
                Definition(
                    abbr, block.index, m.start("abbr"), m.end("abbr"), _expansion(text, m.start(), abbr)
                )
            )
        for m in _DEF_AFTER.finditer(text) if bracket and _abbr_before(text, "(", _ABBR_LETTERS) else ():
            full = m["full"].strip()
            if m["abbr"] in full or re.search(r"[,;]", full) or not spells(m["abbr"], full.split()[:8]):
                continue  # “TTHC (tên TTHC, mã TTHC)” is a remark, not the words of the abbreviation
            if is_abbreviation(m["abbr"]) and _initials(full.split())[:1] == _plain(m["abbr"][0]):
                out.append(Definition(m["abbr"], block.index, m.start("abbr"), m.end("abbr"), full))
        for m in _DEF_COLON.finditer(text) if ":" in text else ():
            if is_abbreviation(m["abbr"]):
                out.append(
                    Definition(m["abbr"], block.index, m.start("abbr"), m.end("abbr"), m["full"].strip())
                )
        for m in _INLINE_DEF.finditer(text) if "tắt" in text else ():
            if is_abbreviation(m["abbr"]):
                out.append(Definition(m["abbr"], block.index, m.start("abbr"), m.end("abbr"), None))
        m = _DEF_LINE.match(text) if _may_start_with_abbr(text) else None
        if m and (not text[m.end() - 1].isalpha() or re.match(r"[A-ZĐ]{2}", text[m.end() - 1 : m.end() + 1])):
            m = None  # “TTHC: 1.013947)” is a code, “GDNN - GDTX phối hợp” a compound, not an explanation
        if m and is_abbreviation(m["abbr"]):
            rest = text[m.end("abbr") :].lstrip(" :-").removeprefix("là ").strip()
            out.append(
                Definition(m["abbr"], block.index, m.start("abbr"), m.end("abbr"), rest.rstrip(";.") or None)
            )
    # one place may match two patterns ("(sau đây viết tắt là CCHC)"): keep the first, in text order
    unique: dict[tuple[int, int], Definition] = {}
    for d in out:
        unique.setdefault((d.block, d.start), d)
    return sorted(unique.values(), key=lambda d: (d.block, d.start))


def _allowed(ctx: Context) -> set[str]:
    table = ctx.table("abbreviations")
    allowed = set()
    for key in ("marks", "international", "customary", "names", "allow"):
        allowed.update(table.get(key, []))
    allowed.update(ctx.option("abbreviations-allow"))
    return allowed


def _customary_spans(ctx: Context) -> dict[int, list[tuple[int, int]]]:
    """Places where abbreviations are customary: numbers of cited documents, V/v."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in ctx.citations.mentions:
        if m.number_start is not None:
            spans.setdefault(m.block, []).append((m.number_start, m.number_end))
    return spans


def _definitions(ctx: Context) -> list[Definition]:
    """Every place the document defines an abbreviation, computed once for ABBR001 and ABBR002."""
    return ctx.cached("abbr_definitions", lambda c: definitions(c, c.zones))


def _header_plain(ctx: Context) -> set[str]:
    """Initials of every run of words of the issuing and parent body's names, as plain letters."""
    lines = [
        line
        for comp in (ctx.rec.issuer, ctx.rec.parent_body)
        if comp is not None
        for line in comp.text.splitlines()
    ]
    return header_initials(lines)


def _all_allowed(ctx: Context) -> set[str]:
    """Abbreviations that need no definition: the pack's lists, the option, the header's initials."""
    return ctx.cached("abbr_allowed", lambda c: _allowed(c) | _header_initials(c))


@check("ABBR001")
def abbreviation_not_defined(ctx: Context) -> Iterator[Finding]:
    if ctx.rec.family == "party":
        return  # Party documents follow the Party's own rules (Hướng dẫn 36-HD/VPTW)
    from doclint.checks.txt import text_analysis

    legacy = text_analysis(ctx)
    if legacy.legacy_document:
        return  # a TCVN3/VNI text cannot be read until it is converted (TXT002 says so)
    zones = ctx.zones
    defs = _definitions(ctx)
    first_def: dict[str, Definition] = {}
    for d in defs:
        first_def.setdefault(d.abbr, d)
    allowed = _all_allowed(ctx)
    header_plain = _header_plain(ctx)
    table = ctx.table("abbreviations")
    titles = frozenset(table.get("titles", []))
    code_words = frozenset(table.get("code_words", []))
    names = frozenset(table.get("names", []))
    customary = _customary_spans(ctx)
    reported: set[str] = set()
    def_positions = {(d.block, d.start) for d in defs}
    token_scan = wordscan.split(TOKEN)
    for block in ctx.doc.blocks:
        if block.kind in ("header", "footer") or zones[block.index] in SKIP_ZONES:
            continue
        text = block.text
        if block.index in legacy.legacy:
            continue  # a legacy-encoded passage: its letters are not the words
        if block.table is not None and TOKEN.fullmatch(text.strip()):
            continue  # a table listing abbreviations, one per cell
        tokens = list(wordscan.finditer(*token_scan, text))
        if not tokens:
            continue  # no token shaped like an abbreviation (most blocks)
        if _mostly_caps(text):
            continue  # headings and template placeholders ("TÊN CQ, TC CHỦ QUẢN")
        quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
        for m in tokens:
            abbr = m.group(1)
            if any(a <= m.start() < b for a, b in quoted):
                continue  # quoted wording (an amendment replacing a phrase), not this text's own use
            if (
                m.start() == 0
                and block.index > 0
                and ctx.doc.blocks[block.index - 1].text.rstrip().endswith("-")
            ):
                continue  # the end of a number broken over two lines ("…/TT-" / "BNNPTNT")
            if abbr in reported or abbr in allowed or not is_abbreviation(abbr):
                continue
            if plain(abbr) in header_plain:
                continue  # initials of words the header prints (“Sở GD&ĐT” under “SỞ GIÁO DỤC VÀ ĐÀO TẠO”)
            if exempt(text, m.start(), m.end(), titles, code_words, names):
                continue  # a title, a code, a place in an address, a company's name, a hashtag
            if (block.index, m.start()) in def_positions:
                continue
            if any(a <= m.start() < b for a, b in customary.get(block.index, [])):
                continue
            if text[m.end() : m.end() + 1] == "/" or text[max(0, m.start() - 1) : m.start()] == "/":
                continue  # V/v, K/T
            d = first_def.get(abbr)
            if d is not None and (d.block, d.start) < (block.index, m.start()):
                continue
            reported.add(abbr)
            later = d is not None
            yield finding(
                "ABBR001",
                f"Chữ viết tắt “{abbr}” được dùng trước khi được giải thích"
                + (" (phần giải thích ở phía sau)" if later else "")
                + f"; lần dùng đầu tiên cần viết đầy đủ kèm chữ viết tắt trong ngoặc đơn, ví dụ “{_example(abbr, d)}”.",
                f"The abbreviation “{abbr}” is used before it is defined"
                + (" (the definition comes later)" if later else "")
                + f"; write it out in full with the abbreviation in brackets at first use, e.g. “{_example(abbr, d)}”.",
                Location(block=block.index, start=m.start(), end=m.end(), component="abbreviation"),
                excerpt=abbr,
                suggestion=_example(abbr, d) if (d and d.expansion) or abbr in _KNOWN else None,
            )


@check("ABBR002")
def abbreviation_defined_twice(ctx: Context) -> Iterator[Finding]:
    if ctx.rec.family == "party":
        return
    allowed = _all_allowed(ctx)
    seen: dict[str, Definition] = {}
    for d in _definitions(ctx):
        if d.abbr in allowed:
            continue
        prev = seen.get(d.abbr)
        if prev is None:
            seen[d.abbr] = d
            continue
        differs = prev.expansion and d.expansion and _norm(prev.expansion) != _norm(d.expansion)
        yield finding(
            "ABBR002",
            f"Chữ viết tắt “{d.abbr}” đã được giải thích ở trên"
            + (
                f" với nghĩa khác (“{prev.expansion}” và “{d.expansion}”)."
                if differs
                else "; chỉ giải thích một lần."
            ),
            f"The abbreviation “{d.abbr}” was already defined above"
            + (
                f" with another meaning (“{prev.expansion}” and “{d.expansion}”)."
                if differs
                else "; define it once."
            ),
            Location(
                block=d.block, start=d.start, end=d.end, component="abbreviation", related_block=prev.block
            ),
            excerpt=d.abbr,
        )


_KNOWN = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "CNTT": "công nghệ thông tin",
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "CBCCVC": "cán bộ, công chức, viên chức",
}


def _example(abbr: str, d: Definition | None) -> str:
    full = d.expansion if d and d.expansion else _KNOWN.get(abbr, "...")
    return f"{full} ({abbr})"


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("uỷ", "ủy").split())


def _header_initials(ctx: Context) -> set[str]:
    """Abbreviations the header spells out: "ỦY BAN NHÂN DÂN TỈNH ..." makes "UBND" known to the reader
    (NĐ 30, Phụ lục I, mục II.2.a lets the superior body's name itself be abbreviated there)."""
    out: set[str] = set()
    for comp in (ctx.rec.issuer, ctx.rec.parent_body):
        if comp is None:
            continue
        for line in comp.text.splitlines():
            words = re.findall(r"[\wĐđ]+", line)
            out.update(w for w in words if is_abbreviation(w))  # "UBND TỈNH LÂM ĐỒNG"
            initials = "".join(_plain(w[0]) for w in words)
            for k in range(2, len(words) + 1):
                out.add(initials[:k])
    return {a for a in out if a} | {a.replace("D", "Đ") for a in out}
