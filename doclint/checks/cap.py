"""CAP001–CAP005: capitalisation (NĐ 30/2020/NĐ-CP, Phụ lục II; rules-catalogue §7).

Every finding carries the corrected text as its suggestion. Sentence starts and all-caps text
(headings, the header) are never capitalisation errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from doclint import lazyre
from doclint.analysis import wordscan
from doclint.checks import check
from doclint.checks.common import finding
from doclint.context import Context
from doclint.findings import Finding, Location
from doclint.fix import build as fx
from doclint.model import Block

SKIP_ZONES = ("header", "signature", "luu", "appendix")
_BULLET = lazyre.compile(r"^(?:[-+•*–]|[a-zđ][).]|\d+(?:\.\d+)*[.)]?|[IVXLC]+[.)]|Điều\s+\d+[.:]?)$")


def at_sentence_start(text: str, pos: int) -> bool:
    window = max(0, pos - 40)  # bounded: a long paragraph must not make this quadratic
    before = text[window:pos].rstrip()
    if not before:
        return not text[:window].strip()
    if before[-1] in ".!?:;…\"“'‘(":
        return True
    return window == 0 and bool(_BULLET.match(before))


@lru_cache(maxsize=8192)
def _all_caps(text: str) -> bool:
    # the letter counts run in C (filter/map): this is asked for every block by each CAP check
    letters = sum(map(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, filter(str.isalpha, text))) / letters > 0.8


@lru_cache(maxsize=4096)  # the same names are folded again and again, in one document and the next
def _fold(text: str) -> str:
    """Case-insensitive key that also ignores the tone placement variants Ủy/Uỷ, Hòa/Hoà."""
    low = text.lower()
    for a, b in (
        ("uỷ", "ủy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("uý", "úy"),
    ):
        low = low.replace(a, b)
    return low


def _blocks(ctx: Context) -> list[Block]:
    """The blocks whose capitals the CAP checks judge: found once per document for all of them."""
    return ctx.cached("cap.blocks", _judged_blocks)


def _judged_blocks(ctx: Context) -> list[Block]:
    if ctx.rec.family == "party":
        return []  # Party documents follow the Party's own rules (Hướng dẫn 36-HD/VPTW)
    zones = ctx.zones
    return [
        block
        for block in ctx.doc.blocks
        if block.kind not in ("header", "footer")
        and zones[block.index] not in SKIP_ZONES
        and not _all_caps(block.text)
    ]


def _quoted(text: str, pos: int) -> bool:
    """Inside quoted wording (“…”): a quotation of another text, not the author's capitalisation."""
    from doclint.vn.wordctx import inside, quoted_spans

    return ("“" in text or '"' in text) and inside(quoted_spans(text), pos)


def _cell_start(block, text: str, pos: int) -> bool:
    """A table row read as one line: a capital after a row number starts a cell (“… 97 Đặc khu Phú Quý”)."""
    return block.table is not None and bool(re.search(r"(?:^|\s)\d+\s*$", text[max(0, pos - 12) : pos]))


def _inside_name(text: str, start: int, heads: tuple[str, ...]) -> bool:
    """“Viện Nghiên cứu Luật Kinh doanh”, “Khoa Luật Kinh tế”: the type word names a field of law inside the
    name of a body (a head of ``document_names.field_heads`` followed by a name, a few words before)."""
    before = text[max(0, start - 60) : start]
    for head in heads:
        i = before.rfind(head)
        if i < 0 or (i and before[i - 1].isalpha()):
            continue
        between = before[i + len(head) :]
        if not between[:1].isspace() or not between.strip()[:1].isupper():
            continue  # “Hội đồng …” is not “Hội Luật gia”: the head is followed by a name
        if len(between.split()) <= 3 and not re.search(
            r"[,;:.()“”\"]|\b(?:của|theo|về|tại|thi hành|hướng dẫn|và)\b", between
        ):
            return True
    return False


def _cap_finding(
    code: str, vi: str, en: str, block: int, start: int, end: int, written: str, fixed: str, safe: bool = True
) -> Finding:
    build = fx.safe if safe else fx.unsafe
    return finding(
        code,
        vi,
        en,
        Location(block=block, start=start, end=end, component="capitalisation"),
        excerpt=written,
        suggestion=fixed,
        fix=build(fx.rewrite(block, start, written, fixed), vi=f"Viết “{fixed}”", en=f"Write “{fixed}”"),
    )


def _phrase_regex(names: list[str]) -> lazyre.LazyPattern:
    """The names, longest first, compiled on first use (a hundred names cost ``re`` ~5 ms)."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = [re.escape(w) for w in name.split()]
        parts.append(r"\s+".join(words))
    return lazyre.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


def _plain(c: str) -> bool:
    """A letter whose ``re.IGNORECASE`` equals are exactly those with the same ``str.lower()`` (ASCII and
    Vietnamese letters; not ı, ſ, İ, Greek …, which ``re`` also folds onto others)."""
    return (
        c.isascii()
        or ("\u00c0" <= c <= "\u01b0" and c not in "\u0130\u0131\u017f")
        or "\u1ea0" <= c <= "\u1ef9"
    )


def _head_groups(names: list[str]) -> dict[str, lazyre.LazyPattern]:
    """The names' pattern split by leading word (lower case), each part compiled on first use: a name only
    matches where a whole word equal to its leading word stands, so a document compiles only the parts
    of the leading words it holds (issue 17: start-up). Empty (use the whole pattern) when a first word
    holds a letter that ``re`` folds onto another one."""
    by_head: dict[str, list[str]] = {}
    for name in names:
        first = name.split()[0]
        if not all(_plain(c) for c in first):
            return {}
        by_head.setdefault(re.match(r"\w+", first).group().lower(), []).append(name)  # type: ignore[union-attr]
    return {head: _phrase_regex(group) for head, group in by_head.items()}


def _variants(name: str) -> list[str]:
    alt = name.replace("Ủy", "Uỷ").replace("ủy", "uỷ").replace("òa", "oà").replace("óa", "oá")
    return [name, alt] if alt != name else [name]


# --- CAP001 administrative units -------------------------------------------------------------


@check("CAP001")
def capitalisation_admin_unit(ctx: Context) -> Iterator[Finding]:
    table = ctx.table("capitalisation").get("admin_units", {})
    generic = table.get("generic", [])
    not_place = tuple(table.get("not_place", []))
    keep = tuple(table.get("keep_capital", [])) + tuple(table.get("surnames", []))
    if not generic:
        return
    alts = "|".join(re.escape(g) for g in sorted(generic, key=len, reverse=True))
    upper = lazyre.cached(rf"(?<![\w])(?P<g>{alts})\s+(?P<name>\w+(?:\s+\w+){{0,3}})")
    lower_alts = "|".join(re.escape(g.lower()) for g in generic if g.lower() in ("quận", "phường"))
    lower_num = lazyre.cached(rf"(?<![\w])(?P<g>{lower_alts})\s+(?P<n>\d+)(?![\w/.,])")
    upper_scan, lower_scan = wordscan.split(upper), wordscan.split(lower_num)  # once, not once per block
    for block in _blocks(ctx):
        text = block.text
        for m in wordscan.finditer(*upper_scan, text):
            # the proper name: the capitalised words that follow the generic noun
            words = []
            for w in m["name"].split():
                if not w[:1].isupper():
                    break
                words.append(w)
            if not words:
                continue
            name = " ".join(words)
            if at_sentence_start(text, m.start()) or name.startswith(not_place) or name.startswith(keep):
                continue
            if _quoted(text, m.start()) or _cell_start(block, text, m.start()):
                continue
            if m["g"] == "Thành phố" and name.startswith("Hồ Chí Minh"):
                continue
            if name.isupper() and len(name) > 1:
                continue  # "Tỉnh ĐOÀN", an all-caps name
            fixed_g = m["g"].lower()
            end = m.start("name") + len(name)
            yield _cap_finding(
                "CAP001",
                f"Danh từ chung chỉ đơn vị hành chính viết thường trước tên riêng: “{m['g']} {name}” → "
                f"“{fixed_g} {name}”.",
                f"The generic noun of an administrative unit is lower case before a proper name: "
                f"“{m['g']} {name}” → “{fixed_g} {name}”.",
                block.index,
                m.start(),
                end,
                text[m.start() : end],
                f"{fixed_g} {name}",
            )
        for m in wordscan.finditer(*lower_scan, text):
            if _quoted(text, m.start()):
                continue
            fixed = m["g"][0].upper() + m["g"][1:]
            yield _cap_finding(
                "CAP001",
                f"Đơn vị hành chính gọi bằng số viết hoa cả danh từ chung: “{m.group()}” → “{fixed} {m['n']}”.",
                f"An administrative unit named by a number capitalises the generic noun: “{m.group()}” → "
                f"“{fixed} {m['n']}”.",
                block.index,
                m.start(),
                m.end(),
                m.group(),
                f"{fixed} {m['n']}",
            )


# --- CAP002 bodies, CAP005 special names -----------------------------------------------------


# the pattern of all names, and its parts by leading word (see :func:`_head_groups`)
_Phrases = tuple[lazyre.LazyPattern, dict[str, lazyre.LazyPattern]]


@lru_cache(maxsize=16)
def _canon(
    names: tuple[str, ...],
) -> tuple[dict[str, str], dict[str, list[str]], _Phrases, re.Pattern[str] | None]:
    """Folded form → name, each name's variants, the pattern of them all and the pattern of their first
    words (see :func:`_phrase_matches`): built once per list."""
    canon: dict[str, str] = {}
    for name in names:
        for v in _variants(name):
            canon[_fold(" ".join(v.split()))] = name
    variants = {name: _variants(name) for name in names}
    every = [v for n in names for v in _variants(n)]
    heads = {re.match(r"\w+", v.split()[0]) if v.split() else None for v in every}
    first = None
    groups: dict[str, lazyre.LazyPattern] = {}
    if None not in heads:
        words = sorted({re.escape(h.group()) for h in heads})  # type: ignore[union-attr]
        first = _heads_pattern(words, re.IGNORECASE)
        groups = _head_groups(every)
    return canon, variants, (_phrase_regex(every), groups), first


@lru_cache(maxsize=16)
def _lower_heads(first: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    r"""``first`` (whole words, ignoring case) as lower-case words matched with case, for a lower-cased
    text (:mod:`wordscan` then skips to the letters that start them). Same places: for the letters of
    :func:`_head_groups` ``re`` ignoring case equals ``str.lower()`` (on a text without ı, ſ, İ), and
    ``\w`` is the same before and after ``str.lower()`` wherever that keeps the length (checked on every
    code point)."""
    words = first.pattern.removeprefix(_HEADS_OPEN).removesuffix(_HEADS_CLOSE).split("|")
    return wordscan.split(_heads_pattern(sorted({w.lower() for w in words})))


# the pattern of the names' leading words, as whole words: built by _canon, read back by _lower_heads
_HEADS_OPEN, _HEADS_CLOSE = r"(?<![\w])(?:", r")(?![\w])"


def _heads_pattern(words: list[str], flags: int = 0) -> re.Pattern[str]:
    return lazyre.cached(_HEADS_OPEN + "|".join(words) + _HEADS_CLOSE, flags)


def _phrase_matches(phrases: _Phrases, first: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where a word that starts one of the names stands: a name
    matches at a whole word equal to the leading word of its first word, so these are the only places a
    match can start, and scanning for a dozen words is cheaper than for a hundred names at each letter."""
    pattern, groups = phrases
    if first is None:
        yield from pattern.finditer(text)
        return
    end = 0
    # groups: every leading word holds only _plain letters, which re ignoring case matches exactly where
    # str.lower() equals them, except on ı and ſ (re takes them for i and s) and İ (two letters lower)
    low = text.lower() if groups and "ı" not in text and "ſ" not in text else None
    if low is not None and len(low) == len(text):  # the same places (see _lower_heads)
        words = wordscan.finditer(*_lower_heads(first), low)
    else:
        words = first.finditer(text)
    for word in words:
        part = groups.get(word.group().lower(), pattern)
        if word.start() >= end and (m := part.match(text, word.start())):
            yield m
            end = m.end()


def _canonical_matches(ctx: Context, names: list[str], code: str) -> Iterator[Finding]:
    if not names:
        return
    canon, variants, pattern, first = _canon(tuple(names))
    accepted = {" ".join(a.split()) for a in ctx.table("capitalisation").get("accepted", {}).get("names", [])}
    # one finding per wrong form, with a count: the same misspelt name 50 times is one thing to fix
    seen: dict[tuple[str, str], list] = {}
    for block in _blocks(ctx):
        text = block.text
        for m in _phrase_matches(pattern, first, text):
            written = m.group()
            if code == "CAP002" and written[0].islower():
                continue  # "cán bộ tài chính": the words, not the body's name
            norm = " ".join(written.split())
            right = canon.get(_fold(norm))
            if right is None or _all_caps(written):
                continue
            if norm in variants[right] or norm in accepted:
                continue
            if _quoted(text, m.start()):
                continue
            start_ok = at_sentence_start(text, m.start())
            # at a sentence start only the first letter may differ
            if start_ok and written[1:] in [v[1:] for v in variants[right]]:
                continue
            fixed = right if not start_ok else right[0].upper() + right[1:]
            if code == "CAP002":
                vi = f"Tên cơ quan, tổ chức viết hoa chưa đúng: “{written}” → “{fixed}”."
                en = f"Name of a body capitalised wrongly: “{written}” → “{fixed}”."
            else:
                vi = f"Viết hoa chưa đúng: “{written}” → “{fixed}”."
                en = f"Wrong capitalisation: “{written}” → “{fixed}”."
            key2 = (" ".join(written.split()), fixed)
            if key2 in seen:
                seen[key2][1] += 1
                seen[key2][2].extend(fx.rewrite(block.index, m.start(), written, fixed))
                continue
            # "Sở Nông nghiệp và Môi Trường" is a name capitalised wrongly; "Sở xây dựng" with every later
            # word in lower case may be a sentence (the Department builds…): only a likely fix
            named = any(c.isupper() for c in written[1:])
            found = _cap_finding(code, vi, en, block.index, m.start(), m.end(), written, fixed, safe=named)
            seen[key2] = [found, 0, []]
    for found, more, others in seen.values():
        if more:
            found.vi += f" (cùng lỗi này còn {more} lần khác trong văn bản)"
            found.en += f" (the same {more} more time(s) in the document)"
            if found.fix is not None:  # one fix for every occurrence the count names
                found.fix.edits = (*found.fix.edits, *others)
        yield found


@check("CAP002")
def capitalisation_body_name(ctx: Context) -> Iterator[Finding]:
    yield from _canonical_matches(
        ctx, ctx.table("capitalisation").get("bodies", {}).get("names", []), "CAP002"
    )


@check("CAP005")
def capitalisation_special_words(ctx: Context) -> Iterator[Finding]:
    yield from _canonical_matches(
        ctx, ctx.table("capitalisation").get("special", {}).get("names", []), "CAP005"
    )


# --- CAP003 cited documents ------------------------------------------------------------------


def _fix_name(name: str, proper: list[str]) -> str:
    """First syllable capitalised, the rest lower case except proper names."""
    words = name.split(" ")
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        if i == 0:
            out.append(w[:1].upper() + w[1:] if w[:1].islower() and w.lower() not in ("sửa",) else w)
            i += 1
            continue
        rest = " ".join(words[i:])
        hit = next(
            (
                p
                for p in proper
                if _fold(rest).startswith(_fold(p)) and (len(rest) == len(p) or not rest[len(p)].isalpha())
            ),
            None,
        )
        if hit:
            # a proper name keeps the capitals it is written with (never add capitals)
            n = len(hit.split())
            out.extend(words[i : i + n])
            i += n
            continue
        out.append(w[:1].lower() + w[1:] if w[:1].isupper() and not w.isupper() else w)
        i += 1
    return " ".join(out)


# type words capitalised when they name a cited document ("hợp đồng số", "giấy mời số" are left alone)
_DOC_TYPES_CAP = frozenset(
    [
        "luật",
        "bộ luật",
        "pháp lệnh",
        "nghị định",
        "nghị quyết",
        "quyết định",
        "chỉ thị",
        "thông tư",
        "thông tư liên tịch",
        "kết luận",
        "kế hoạch",
        "công văn",
        "thông báo",
        "hướng dẫn",
        "quy định",
        "chương trình",
        "đề án",
        "quy chế",
        "công điện",
        "tờ trình",
        "báo cáo",
    ]
)


@check("CAP003")
def capitalisation_document_name(ctx: Context) -> Iterator[Finding]:
    if ctx.rec.family == "party":
        return
    cits = ctx.citations
    zones = ctx.zones
    names_table = ctx.table("capitalisation").get("document_names", {})
    proper = names_table.get("proper", [])
    field_heads = tuple(names_table.get("field_heads", []))
    caps: dict[int, bool] = {}
    for m in cits.mentions:
        if m.kind not in ("name", "number") or not m.type_word or zones[m.block] in SKIP_ZONES:
            continue
        text = ctx.doc.blocks[m.block].text
        if m.block not in caps:
            caps[m.block] = _all_caps(text)
        if caps[m.block]:
            continue
        tw = m.type_word
        start = m.type_start if m.type_start is not None else m.start
        if _quoted(text, start) or _inside_name(text, start, field_heads):
            continue
        # the type word: "Bộ Luật" → "Bộ luật", "quyết định số" → "Quyết định số"
        fixed_tw = tw
        low = tw.lower()
        if low == "bộ luật":
            fixed_tw = "Bộ luật"
        elif tw[:1].islower() and low in _DOC_TYPES_CAP and (m.kind == "name" or m.has_so):
            fixed_tw = tw[:1].upper() + tw[1:]
        elif tw[:1].isupper() and tw[1:] != tw[1:].lower() and not tw.isupper():
            fixed_tw = tw[:1] + tw[1:].lower()  # "Quyết Định"
        name = m.law_name
        fixed_name = _fix_name(name, proper) if name else None
        if fixed_tw == tw and fixed_name == name:
            continue
        if name and m.law_name_start is not None:
            end = m.law_name_start + len(name)
            written = text[start:end]
            fixed = fixed_tw + text[start + len(tw) : m.law_name_start] + (fixed_name or "")
        else:
            end = start + len(tw)
            written, fixed = tw, fixed_tw
        yield _cap_finding(
            "CAP003",
            f"Viết hoa tên văn bản được viện dẫn chưa đúng: “{written}” → “{fixed}” (viết hoa chữ cái đầu "
            "của tên loại và của âm tiết đầu tiên của tên văn bản).",
            f"Cited document's name capitalised wrongly: “{written}” → “{fixed}” (capitalise the type "
            "word and the first syllable of the name only).",
            m.block,
            start,
            end,
            written,
            fixed,
            safe=fixed_name == name,  # a type word is certain; a name's capitals may hide a proper name
        )


# --- CAP004 structural references -------------------------------------------------------------

_STRUCT_UPPER = lazyre.compile(r"(?<![\w])(?P<w>Khoản|Điểm)\s+(?P<n>\d+[a-zđ]?|[a-zđ])(?![\w])")
_STRUCT_LOWER = lazyre.compile(r"(?<![\w])(?P<w>điều|chương)\s+(?P<n>\d+[a-zđ]?|[IVXLC]+)(?![\w])")


@check("CAP004")
def capitalisation_structural_reference(ctx: Context) -> Iterator[Finding]:
    upper_scan, lower_scan = wordscan.split(_STRUCT_UPPER), wordscan.split(_STRUCT_LOWER)
    for block in _blocks(ctx):
        text = block.text
        for m in wordscan.finditer(*upper_scan, text):
            if at_sentence_start(text, m.start()) or _quoted(text, m.start()):
                continue
            # "Điểm a" needs a following khoản/Điều to be a reference, not a place name
            if (
                m["w"] == "Điểm"
                and not re.match(r"\s+(?:khoản|Khoản|Điều|của|tại)\b", text[m.end() :])
                and not re.search(r"\b(?:khoản|Khoản)\s+\d", text[m.end() : m.end() + 20])
            ):
                continue
            fixed = m["w"].lower() + text[m.end("w") : m.end()]
            yield _cap_finding(
                "CAP004",
                f"Khi viện dẫn, “khoản”, “điểm” viết thường: “{m.group()}” → “{fixed}”.",
                f"In references “khoản” and “điểm” are lower case: “{m.group()}” → “{fixed}”.",
                block.index,
                m.start(),
                m.end(),
                m.group(),
                fixed,
            )
        for m in wordscan.finditer(*lower_scan, text):
            if _quoted(text, m.start()):
                continue
            if re.search(r"\bcác\s*$", text[max(0, m.start() - 12) : m.start()]):
                continue  # "các điều 35, 36 và 37": a plural list is written in lower case
            if m["w"] == "chương" and not re.fullmatch(r"[IVXLC]+", m["n"]):
                continue
            if m["w"] == "điều" and not re.fullmatch(r"\d+[a-zđ]?", m["n"]):
                continue
            fixed = m["w"].capitalize() + text[m.end("w") : m.end()]
            yield _cap_finding(
                "CAP004",
                f"Khi viện dẫn, “Điều”, “Chương” viết hoa: “{m.group()}” → “{fixed}”.",
                f"In references “Điều” and “Chương” are capitalised: “{m.group()}” → “{fixed}”.",
                block.index,
                m.start(),
                m.end(),
                m.group(),
                fixed,
            )
