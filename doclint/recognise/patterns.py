"""Patterns for the fixed parts of a document (NĐ 30, Phụ lục I). Tolerant on purpose: recognition must
find a malformed component so that a rule can say what is wrong with it."""

from __future__ import annotations

import re

from doclint import lazyre
from doclint.recognise.lines import fold

QUOC_HIEU_FOLD = "cong hoa xa hoi chu nghia viet nam"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PARTY_HEADER_FOLD = "dang cong san viet nam"

# "Số: 05/KH-UBND", "Số 12/KH-UBND", "Số:    /KH-UBND", "Số: 36-HD/VPTW", "Số: 40/2025/QĐ-TTg"
NUMBER_LINE = lazyre.compile(
    r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Lệnh|Nghị quyết)\s+)?[Ss]ố\s*+(?P<colon>[:.]?)\s*+(?P<body>.*)$"
)
NUMBER_BODY = lazyre.compile(
    r"^(?P<num>[0-9OoIl]*+(?:\.\d++)?)?\s*+(?P<sep>[/\-–])\s*+"
    r"(?:(?P<year>(?:19|20)\d{2})\s*+/\s*+)?(?P<symbol>\S(?:.*\S)?)\s*+$"
)
PARTY_NUMBER = lazyre.compile(
    r"^(?P<num>\d*)\s*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]*)\s*/\s*(?P<org>[A-ZĐ][A-ZĐ0-9\-]*)$"
)

# "Liên Minh, ngày tháng 5 năm 2026", "Hà Nội, ngày 05 tháng 01 năm 2020", "TP. HCM ngày 5/3/2026"
# Linear time (issue 18): every run of spaces is matched once (possessive ``*+``), and a day, month or
# year is a run of ``[\d.…_]`` pieces separated by spaces, so no two quantifiers share the spaces.
_DATE_PIECES = r"(?:[\d.…_]++(?: ++[\d.…_]++)*+)?"
DATE_LINE = lazyre.compile(
    rf"^(?P<place>[^\d,]{{2,60}}?)\s*+(?P<comma>,?)\s*+ng[àa]y\s*+(?P<day>{_DATE_PIECES})\s*+"
    rf"(?:th|t|h)[áa]n?g\s*+(?P<month>{_DATE_PIECES})\s*+n[ăa]m\s*+(?P<year>{_DATE_PIECES})\s*+\.?$",
    re.IGNORECASE,
)
DATE_SLASH_LINE = lazyre.compile(
    r"^(?P<place>[^\d,]{2,60}?)\s*+(?P<comma>,?)\s*+ng[àa]y\s*+(?P<day>\d{1,2})\s*+[/.\-]\s*+"
    r"(?P<month>\d{1,2})\s*+[/.\-]\s*+(?P<year>\d{4})\s*+\.?$",
    re.IGNORECASE,
)

VV_LINE = lazyre.compile(r"^(?:V/v|V/V|v/v|Về việc)\b[:.]?\s*+(?P<text>.*)$")
KINH_GUI = lazyre.compile(r"^K[íi]nh\s++g[ửu]i\s*+(?P<colon>:?)\s*+(?P<rest>.*)$", re.IGNORECASE)
NOI_NHAN = lazyre.compile(r"^N[ơo]i\s++nh[ậa]n\s*+(?P<colon>:?)\s*+(?P<rest>.*)$", re.IGNORECASE)
LUU = lazyre.compile(r"^[-–—+•]?\s*+L[ưu]u\s*+(?P<colon>:?)\s*+(?P<rest>.*)$", re.IGNORECASE)
CAN_CU = lazyre.compile(r"^(?P<kind>Căn cứ|Theo đề nghị|Xét đề nghị|Xét|Thực hiện|Theo)\b", re.IGNORECASE)
PREAMBLE_START = lazyre.compile(r"^(Căn cứ|Theo đề nghị|Xét đề nghị|Xét)\b")

# signature authority prefixes: state forms and their usual misspellings (Party forms, colons)
AUTHORITY = lazyre.compile(
    r"^(?P<prefix>TM|KT|TL|TUQ|TƯQ|Q|T/M|K/T|T/L|T\.M|K\.T|T\.L|Q/)\s*+(?P<punct>[.:]?)"
    r"(?:(?<=\s)|\s++|(?<=[.:])(?=[A-ZĐ]))\s*+"  # "KT.HIỆU TRƯỞNG": no space after the dot
    r"(?P<rest>\S.*)$"
)
SIGNED_MARK = lazyre.compile(
    r"^[(\[]\s*+(đã ký|da ky|ký|ky|ký tên|ký, ghi rõ họ tên|ký, đóng dấu|ký và đóng dấu|chữ ký[^)\]]*+|"
    r"đã ký và đóng dấu|signed)[^)\]]*+[)\]]\.?$",
    re.IGNORECASE,
)
ACADEMIC = lazyre.compile(
    r"^(?P<title>GS\.?\s*TS|PGS\.?\s*TS|GS|PGS|TSKH|TS|ThS|Th\.S|KS|BS|CN|NCS|Ths|Dr|Prof)\.?\s+(?=[A-ZĐ])"
)
MILITARY_RANK = lazyre.compile(r"^(Đại|Thượng|Trung|Thiếu)\s+(tướng|tá|úy|uý)\s+(?=[A-ZĐ])")
PLACEHOLDER_NAME = lazyre.compile(r"^[._…\s]++$|^\[?(họ (và )?tên|ho ten)\]?$", re.IGNORECASE)

APPENDIX_HEAD = lazyre.compile(
    r"^(PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu)(\s+[IVXLC\d]+|\s*$|\s*:|\s*[-–]|\s+[A-ZĐ])"
)


# Exact pre-tests (issue 17: start-up): a line that cannot start a match never compiles the pattern
def signed_mark(text: str) -> re.Match[str] | None:
    """SIGNED_MARK.match(text): “(đã ký)”, “[signed]” (it starts with a bracket)."""
    return SIGNED_MARK.match(text) if text.startswith(("(", "[")) else None


def placeholder_name(text: str) -> re.Match[str] | None:
    """PLACEHOLDER_NAME.match(text): dots or blanks, “[Họ và tên]” (it starts with one of them, [ or h)."""
    first = text[:1]
    return PLACEHOLDER_NAME.match(text) if first in _PLACEHOLDER_FIRST or first.isspace() else None


_PLACEHOLDER_FIRST = frozenset("._…[hH")


def appendix_head(text: str) -> re.Match[str] | None:
    """APPENDIX_HEAD.match(text): “PHỤ LỤC I”, “Phụ biểu 2” (it starts with PHỤ or Phụ)."""
    return APPENDIX_HEAD.match(text) if text.startswith(("PHỤ ", "Phụ ")) else None


APPENDIX_REF = lazyre.compile(
    r"(có|kèm theo|theo|tại|tại các|xem)\s+(các\s+)?(phụ lục|phụ biểu)|(phụ lục|phụ biểu)\s+(chi tiết\s+)?"
    r"(kèm theo|đính kèm|gửi kèm)|\(có phụ lục",
    re.IGNORECASE,
)

END_MARK = "./."

TITLE_CASE_WORD = lazyre.compile(r"^[A-ZĐÀ-ỸẠ-Ỹ][a-zà-ỹđ]*$")


def is_quoc_hieu(text: str) -> bool:
    return fold(text).replace(" ", "") == QUOC_HIEU_FOLD.replace(" ", "")


def split_quoc_hieu(text: str) -> int | None:
    """Quốc hiệu and Tiêu ngữ flattened onto one line: the offset where the Tiêu ngữ starts."""
    match = re.match(r"^\s*C[ỘO]NG\s+H[ÒO]À?A?\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM\s+", text, re.IGNORECASE)
    if match and is_tieu_ngu(text[match.end() :]):
        return match.end()
    return None


def is_tieu_ngu(text: str) -> bool:
    folded = fold(text)
    return folded.startswith("doc lap") and "tu do" in folded and "hanh phuc" in folded and len(folded) < 45


def is_party_header(text: str) -> bool:
    return fold(text) == PARTY_HEADER_FOLD


def looks_like_name(text: str) -> bool:
    """A Vietnamese personal name: 2–6 capitalised words (an academic title may precede it)."""
    stripped = MILITARY_RANK.sub("", ACADEMIC.sub("", text.strip())).strip().rstrip(".")
    words = stripped.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(TITLE_CASE_WORD.match(w) for w in words)
