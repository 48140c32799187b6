"""Abbreviations in Vietnamese administrative text: where one is defined, and where one needs no definition.

Pure functions on text, used by the ABBR rules (:mod:`doclint.checks.abbr`):

- :func:`paren_definitions`: “Thành phố Hồ Chí Minh (TP.HCM)”, “Giáo dục nghề nghiệp - Giáo dục thường
  xuyên (GDNN - GDTX)”, “Bộ Thông tin và Truyền thông (Bộ TTTT)”, “(Báo cáo ĐTM)”: a bracket of at most
  four words holding abbreviations whose letters are the initials of the words just before it;
- :func:`header_initials`: “SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH” makes GD, ĐT, GDĐT, TP, HCM,
  TPHCM known to the reader (any run of words of the header, “và” skipped);
- :func:`exempt`: the places where a capitalised token is not an abbreviation to define — a title before
  a name (“TS. Nguyễn Văn A”), a code after “Mã” (“Mã HS 8471”), a place in an address or a list of
  places (“P. Tam Hòa, TP. Biên Hòa”, “– TP. Hồ Chí Minh”), a company's name (“Công ty Cổ phần Giáo dục
  KDI”), a hashtag, a CamelCase name (“MobileMoney”).
"""

from __future__ import annotations

import re
import unicodedata

from doclint import lazyre

ABBR = r"[A-ZĐ][A-Za-zĐđ0-9]*[A-ZĐ][A-Za-zĐđ0-9]*"
_ABBR_TOKEN = lazyre.compile(r"(?<![\w])" + ABBR + r"(?![\w])")
_PAREN = lazyre.compile(r"\(([^()]{2,120})\)")
# “(sau đây gọi tắt là …)”, “(sau đây gọi tắt tiếng Việt là …)”, “(viết tắt: …)”
_LEAD = lazyre.compile(
    r"^\s*+(?:sau đây\s++)?(?:được\s++)?(?:(?:gọi|viết)\s*+)?(?:(?:chung|tắt)\s++)*+(?:tiếng Việt\s++)?"
    r"(?:là\s*+|:\s*+)?[\"“]?",
    re.IGNORECASE,
)
_SKIP_WORDS = frozenset(["và", "của", "các", "về", "với", "tại", "cho"])
_WORD = lazyre.compile(r"[^\W\d_]+")


def plain(token: str) -> str:
    """Upper case without marks, Đ as D: the letters an abbreviation is compared by."""
    out = unicodedata.normalize("NFD", token.upper().replace("Đ", "D"))
    return "".join(c for c in out if not unicodedata.combining(c) and c.isalpha())


def _subsequence(letters: str, initials: str) -> bool:
    it = iter(initials)
    return all(c in it for c in letters)


def spells(abbr: str, words: list[str]) -> bool:
    """Do the letters of ``abbr`` follow the initials of the last ``words`` (as a subsequence, a few
    extra words allowed)? ``ĐHQG-HCM`` ← Đại học Quốc gia Thành phố Hồ Chí Minh."""
    letters = plain(abbr)
    if len(letters) < 2:
        return False
    initials = "".join(plain(w[:1]) for w in words if w.lower() not in _SKIP_WORDS)
    for start in range(len(initials)):
        tail = initials[start:]
        if tail[:1] == letters[0] and len(tail) <= len(letters) + 3 and _subsequence(letters, tail):
            return True
    return False


def paren_definitions(text: str) -> list[tuple[str, int, int, str, bool]]:
    """(abbreviation, start, end, expansion, compound) for each abbreviation defined in a bracket of
    ``text``; ``compound`` when the bracket defines several (“(GDNN - GDTX)”), where a part may repeat
    an abbreviation defined before without defining it again."""
    out: list[tuple[str, int, int, str, bool]] = []
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        declared = lead_is_definition(inner)
        lead = _LEAD.match(inner)
        body_start = m.start(1) + (lead.end() if lead else 0)
        body = text[body_start : m.end(1)]
        if declared:
            body = re.split(r"[,;]", body)[0]  # “… là Chỉ số CCHC, tiếng Anh là PAR INDEX”
        body = body.rstrip('"” ')
        if not body or any(ch.isdigit() for ch in body) or re.search(r"[,;]", body):
            continue
        if len([w for w in body.split() if w not in ("-", "–", "&")]) > 4:
            continue
        window = _WORD.findall(text[max(0, m.start() - 200) : m.start()])
        before = window[-16:]
        tokens = list(_ABBR_TOKEN.finditer(body))
        if not tokens:
            continue
        head = body[: tokens[0].start()].split()  # “(Bộ TTTT)”, “(Báo cáo ĐTM)”: the head noun restated
        lowered = [
            w.lower() for w in window
        ]  # a long name: “Hệ thống giám sát ... Chính phủ số (Hệ thống EMC)”
        restated = bool(head) and all(w.lower() in lowered for w in head)
        joined = "".join(t.group() for t in tokens)
        ok_all = declared or restated or spells(joined, before)
        for t in tokens:
            abbr = t.group()
            if not (ok_all or spells(abbr, before)):
                continue
            start = body_start + t.start()
            out.append((abbr, start, start + len(abbr), " ".join(before), len(tokens) > 1))
    return out


def lead_is_definition(inner: str) -> bool:
    """The bracket says it is a definition (“sau đây gọi tắt là”, “viết tắt là”)."""
    return bool(re.match(r"\s*(?:sau đây|gọi tắt|viết tắt|gọi chung)", inner, re.IGNORECASE))


def header_initials(lines: list[str]) -> set[str]:
    """Abbreviations a reader learns from the header: the initials of every run of two or more words
    of a header line (“và” and dashes skipped), as plain letters (compare with :func:`plain`)."""
    out: set[str] = set()
    for line in lines:
        words = [w for w in _WORD.findall(line) if w.lower() not in ("và",)]
        initials = [plain(w[:1]) for w in words]
        for i in range(len(initials)):
            for j in range(i + 2, min(len(initials), i + 12) + 1):
                out.add("".join(initials[i:j]))
    return out


_TITLE_AFTER = lazyre.compile(r"^\.?\s*(?:[A-ZĐ][A-Za-zĐđ0-9]*\.\s*)*[A-ZĐ]")
_PLACE_ABBR = frozenset(["TP", "Tp", "TX", "TT", "KCN", "KĐT", "KCX", "KDC", "KKT", "CCN", "LK"])
_ADDRESS_BEFORE = lazyre.compile(
    r"(?:địa chỉ|trụ sở|tại|số|đường|phường|xã)\b[^.;:]{0,80}$|[,–-]\s*$", re.IGNORECASE
)
_COMPANY = lazyre.compile(
    r"(?:Công ty|Công Ty|Tổng công ty|Tập đoàn|Ngân hàng|Hãng|nhãn hàng|thương hiệu)\b(?P<rest>[^,;:()\n]{0,60})$"
)
_CAMEL = lazyre.compile(r"[A-ZĐ][a-zđ]{3,}")
# the word right after / right before a token (one space or a hyphen between)
_NEXT_WORD = lazyre.compile(r"\s?[-–]?\s?([\w&]++)")
_PREV_WORD = lazyre.compile(r"([\w&]++)\s?[-–]?\s?$")


def exempt(
    text: str,
    start: int,
    end: int,
    titles: frozenset[str],
    code_words: frozenset[str],
    names: frozenset[str] = frozenset(),
) -> str | None:
    """Why the token ``text[start:end]`` needs no definition here, or None."""
    token = text[start:end]
    before = text[max(0, start - 120) : start]
    after = text[end : end + 40]
    if before[-1:] in ("#", "@"):
        return "hashtag"
    if after[:1] == "@" or re.search(r"[A-Za-z]\.$", before):
        return "e-mail or web address"  # “DinNK@vnisa.org”, “www.ABC.vn”
    if names and (_NEXT_WORD.match(after) or ["", ""])[1] in names:
        return "part of a company or product name"  # “TTKD VNPT”, “FPT IS”, “MISA SME”
    if names and (_PREV_WORD.search(before) or ["", ""])[1] in names:
        return "part of a company or product name"
    if token in ("TP", "Tp") and re.match(r"^\.\s?[A-ZĐ][a-zà-ỹđ]", after):
        return "place"  # “TP. Hồ Chí Minh”, “TP.Vinh”: thành phố before its name
    if _CAMEL.search(token) or (token[:1].isupper() and len(_CAMEL.findall(token)) >= 1 and len(token) > 6):
        return "camel-case name"
    if token in titles and _TITLE_AFTER.match(after):
        return "title before a name"
    stripped = before.rstrip()
    for w in code_words:
        if stripped.endswith(w) and (len(stripped) == len(w) or not stripped[-len(w) - 1].isalpha()):
            return "code"
    if token in _PLACE_ABBR and re.match(r"^\.?\s*[A-ZĐ0-9]", after) and _ADDRESS_BEFORE.search(before):
        return "place in an address"
    # the rest of a place written “TP. HCM”, “TP.HCM”
    if re.search(r"\b(?:TP|Tp)\.\s*$", before):
        return "place in an address"
    if re.match(r"^\s*:\s*[\d+(]", after):
        return "label of a number"  # “Số TK: 1903…”, “MST: 0312…”, “SĐT: 0912…”
    if re.search(r"\bcấp ngày\b[^.;]{0,60}$", before, re.IGNORECASE):
        return "identity paper details"  # “Cấp ngày 08/9/2022 tại Cục CSQLHC về TTXH”
    if re.search(r"\b(?:Trường|trường)\s+$", before) and re.match(r"^\s+(?:[A-ZĐ][^\s]*|\d)", after):
        return "school's name"  # “Trường THPT Lê Quý Đôn”: the school's level inside its proper name
    m = _COMPANY.search(before)
    if m and len(m["rest"].split()) <= 6:
        return "company name"
    return None
