"""DATE: địa danh và thời gian ban hành and its type style (NĐ 30, Phụ lục I, II.4), and impossible dates anywhere."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from doclint import lazyre
from doclint.analysis import wordscan
from doclint.checks import check
from doclint.checks.common import finding
from doclint.checks.style import fmt_pt, size_ok, span_style
from doclint.findings import Finding, Location
from doclint.fix import build as fx

ABBREVIATED_PLACE = lazyre.compile(
    r"\b(TP|Tp|tp|T\.P|TX|Tx|TT|Q|H|X|P)\s*\.|\bT\.?P\.?\s*HCM\b|\bHCM\b|\bTPHCM\b|\bTP\b"
)
PLACE_EXPANSIONS = {
    "TP. HCM": "Thành phố Hồ Chí Minh",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TPHCM": "Thành phố Hồ Chí Minh",
    "TP HCM": "Thành phố Hồ Chí Minh",
    "Tp. Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP. Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "Tp.Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP.Hồ Chí Minh": "Thành phố Hồ Chí Minh",
}


@check("DATE001")
def place_date_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.place_date is None and ctx.rec.doc_type != "BB":
        yield finding(
            "DATE001",
            "Thiếu dòng địa danh và ngày tháng năm ban hành (ví dụ “Hà Nội, ngày 05 tháng 3 năm 2026”).",
            "The place and date line is missing (e.g. “Hà Nội, ngày 05 tháng 3 năm 2026”).",
            name="place_date",
        )


def _fmt_day(day: str) -> str:
    return f"{int(day):02d}" if day.isdigit() else day


def _fmt_month(month: str) -> str:
    if not month.isdigit():
        return month
    value = int(month)
    return f"{value:02d}" if value in (1, 2) else str(value)


@check("DATE002")
def date_format(ctx) -> Iterator[Finding]:
    comp = ctx.rec.place_date
    parsed = ctx.rec.parsed_date
    if comp is None or parsed is None:
        return
    text = comp.text
    problems_vi: list[str] = []
    problems_en: list[str] = []
    slash = "/" in text.split("ngày", 1)[-1]
    if slash:
        problems_vi.append("ngày tháng năm phải viết đầy đủ “ngày … tháng … năm …”, không dùng dấu gạch chéo")
        problems_en.append("write the date out as “ngày … tháng … năm …”, not with slashes")
    words = re.findall(
        r"[^\W\d_]+", text.split(",", 1)[-1] if parsed.comma else text[len(parsed.place or "") :]
    )
    misspelt = [w for w in words if w.lower() not in ("ngày", "tháng", "năm")]
    if misspelt and not slash:
        problems_vi.append(f"sai chữ “{misspelt[0]}” (phải là “ngày … tháng … năm …”)")
        problems_en.append(f"misspelt word “{misspelt[0]}” (it reads “ngày … tháng … năm …”)")
    if not parsed.comma:
        problems_vi.append("thiếu dấu phẩy sau địa danh")
        problems_en.append("no comma after the place name")
    day, month, year = parsed.day, parsed.month, parsed.year
    # what the e-office stamped into a signed PDF is its format, not the author's: judged as typed only
    typed_day = None if "day" in parsed.stamped else day
    typed_month = None if "month" in parsed.stamped else month
    if typed_day and typed_day.isdigit() and day != _fmt_day(day) and not slash:
        problems_vi.append(f"ngày nhỏ hơn 10 phải có số 0 phía trước (“{_fmt_day(day)}”)")
        problems_en.append(f"a day below 10 takes a leading zero (“{_fmt_day(day)}”)")
    if typed_month and typed_month.isdigit() and month != _fmt_month(month) and not slash:
        if int(month) in (1, 2):
            problems_vi.append(f"tháng 1, 2 phải có số 0 phía trước (“{_fmt_month(month)}”)")
            problems_en.append(f"months 1 and 2 take a leading zero (“{_fmt_month(month)}”)")
        else:
            problems_vi.append(f"tháng từ 3 đến 12 không có số 0 phía trước (“{_fmt_month(month)}”)")
            problems_en.append(f"months 3 to 12 take no leading zero (“{_fmt_month(month)}”)")
    if year and not re.fullmatch(r"\d{4}", year):
        problems_vi.append("năm phải ghi đủ bốn chữ số")
        problems_en.append("the year needs four digits")
    if problems_vi:
        place = parsed.place or "…"
        suggestion = (
            f"{place}, ngày {_fmt_day(day) if day else '   '} tháng {_fmt_month(month) if month else '   '} "
            f"năm {year or '    '}"
        )
        fixed = _fixed_date_line(text)
        yield finding(
            "DATE002",
            "Địa danh, ngày tháng sai hình thức: " + "; ".join(problems_vi) + ".",
            "Malformed place and date: " + "; ".join(problems_en) + ".",
            comp,
            "place_date",
            suggestion=suggestion,
            fix=fx.safe(
                fx.component(ctx.doc, comp, fixed), vi=f"Viết lại thành “{fixed}”", en=f"Write “{fixed}”"
            )
            if fixed
            else None,
        )


_PIECE = r"(?:[\d.…_]++(?: ++[\d.…_]++)*+)?"
# the date line with each word and number in a group, so that a fix rewrites only what is wrong
_DATE_PARTS = lazyre.compile(
    rf"^(?P<place>[^\d,]{{2,60}}?)(?P<gap>\s*+)(?P<comma>,?)\s*+(?P<w1>ng[àa]y)(?P<s1>\s*+)(?P<day>{_PIECE})"
    rf"(?P<s2>\s*+)(?P<w2>(?:th|t|h)[áa]n?g)(?P<s3>\s*+)(?P<month>{_PIECE})(?P<s4>\s*+)(?P<w3>n[ăa]m)(?P<s5>\s*+)"
    rf"(?P<year>{_PIECE})(?P<tail>\s*+\.?)$",
    re.IGNORECASE,
)
_DATE_SLASH_PARTS = lazyre.compile(
    r"^(?P<place>[^\d,]{2,60}?)(?P<gap>\s*+)(?P<comma>,?)\s*+(?P<w1>ng[àa]y)\s*+(?P<day>\d{1,2})\s*+[/.\-]\s*+"
    r"(?P<month>\d{1,2})\s*+[/.\-]\s*+(?P<year>\d{4})(?P<tail>\s*+\.?)$",
    re.IGNORECASE,
)


def _fixed_date_line(text: str) -> str | None:
    """The place and date line written the NĐ 30 way, each part kept as typed when it is right (a blank
    day or month of a draft stays blank); None when the year itself is wrong (not a fix doclint can know)."""
    slash = _DATE_SLASH_PARTS.match(text)
    m = slash or _DATE_PARTS.match(text)
    if m is None:
        return None
    year = m["year"].strip()
    if year and not re.fullmatch(r"\d{4}", year):
        return None
    place = m["place"].rstrip()
    word = m["w1"] if m["w1"].lower() == "ngày" else "ngày"
    if slash:
        return f"{place}, {word} {_fmt_day(m['day'])} tháng {_fmt_month(m['month'])} năm {year}{m['tail']}"
    day = _fmt_day(m["day"]) if m["day"].isdigit() else m["day"]
    month = _fmt_month(m["month"]) if m["month"].isdigit() else m["month"]
    w2 = m["w2"] if m["w2"].lower() == "tháng" else "tháng"
    w3 = m["w3"] if m["w3"].lower() == "năm" else "năm"
    # a blank day or month keeps the spaces typed for it (they are all on one side of the empty group)
    s1, s2 = m["s1"] or " ", m["s2"] or (" " if day else "")
    s3, s4 = m["s3"] or " ", m["s4"] or (" " if month else "")
    return f"{place}, {word}{s1}{day}{s2}{w2}{s3}{month}{s4}{w3}{m['s5'] or ' '}{year}{m['tail']}"


@check("DATE003")
def date_blank(ctx) -> Iterator[Finding]:
    comp = ctx.rec.place_date
    parsed = ctx.rec.parsed_date
    if comp is None or parsed is None:
        return
    day, month = parsed.day, parsed.month
    if day is None or month is None:
        missing_vi = " và ".join(p for p, v in (("ngày", day), ("tháng", month)) if v is None)
        missing_en = " and ".join(p for p, v in (("day", day), ("month", month)) if v is None)
        yield finding(
            "DATE003",
            f"Chưa ghi {missing_vi} ban hành (ghi khi văn bản được ký).",
            f"The {missing_en} of issue is blank (filled in when the document is signed).",
            comp,
            "place_date",
        )


@check("DATE005")
def place_abbreviated(ctx) -> Iterator[Finding]:
    comp = ctx.rec.place_date
    parsed = ctx.rec.parsed_date
    if comp is None or parsed is None:
        return
    if parsed.place and ABBREVIATED_PLACE.search(parsed.place):
        fixed = PLACE_EXPANSIONS.get(parsed.place.strip())
        yield finding(
            "DATE005",
            f"Địa danh “{parsed.place}” bị viết tắt; phải ghi tên chính thức, đầy đủ của đơn vị hành chính.",
            f"The place “{parsed.place}” is abbreviated; write the official full name.",
            comp,
            "place_date",
            suggestion=comp.text.replace(parsed.place, fixed) if fixed else None,
        )


@check("DATE006")
def place_date_style(ctx) -> Iterator[Finding]:
    doc, comp = ctx.doc, ctx.rec.place_date
    if comp is None:
        return
    _bold, italic, size, _caps = span_style(doc, comp)
    if italic is False:
        yield finding("DATE006", "Dòng địa danh, ngày tháng không in nghiêng.",
                      "The place and date line is not italic.", comp, "place_date",
                      suggestion="In nghiêng dòng địa danh, ngày tháng")  # fmt: skip
    if not size_ok(size, 13, 14, doc):
        yield finding("DATE006", f"Dòng địa danh, ngày tháng cỡ chữ {fmt_pt(size)} pt, quy định 13–14 pt.",
                      f"The place and date line is {size:g} pt; required 13–14 pt.", comp, "place_date",
                      suggestion="Cỡ chữ 14 pt")  # fmt: skip


NUMERIC_DATE = lazyre.compile(r"(?<![\d/.\-])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/]|-[A-ZĐ])")
WORDED_DATE = lazyre.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.IGNORECASE)


def valid_date(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return day <= calendar.monthrange(year, month)[1]


@check("DATE004")
def impossible_date(ctx) -> Iterator[Finding]:
    numeric = wordscan.split(NUMERIC_DATE)
    for block in ctx.doc.blocks:
        text = block.text
        slash, month_word = "/" in text, "tháng" in text
        if not slash and not month_word:
            continue
        # each pattern only where it can match: a numeric date has its "/", a worded one its "tháng" in
        # some case (every letter re takes for one of "tháng" ignoring case lowers to it)
        numeric_dates = wordscan.finditer(*numeric, text) if slash else ()
        worded = month_word or "tháng" in text.lower()
        for found in (numeric_dates, WORDED_DATE.finditer(text) if worded else ()):
            for match in found:
                day, month = int(match.group(1)), int(match.group(2))
                year = int(match.group(3)) if match.group(3) else None
                if valid_date(day, month, year):
                    continue
                shown = match.group(0)
                yield finding(
                    "DATE004",
                    f"Ngày “{shown}” không có thật (tháng {month}"
                    + (f" năm {year}" if year else "")
                    + f" không có ngày {day}).",
                    f"“{shown}” is not a real date.",
                    Location(block=block.index, start=match.start(), end=match.end()),
                    excerpt=shown,
                )
