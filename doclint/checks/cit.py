"""CIT001–CIT011: how a document cites other documents (NĐ 30, Phụ lục I, mục II.6.b; rules-catalogue §9).

All rules read the shared ``citations`` analysis, so the text is parsed once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint import lazyre
from doclint.analysis.citations import Citations, CitedDocument, Mention, Tables, fold_issuer, tables_for
from doclint.checks import check
from doclint.checks.common import finding
from doclint.context import Context
from doclint.findings import Finding, Location
from doclint.fix import build as fx

_PROBLEM_VI = {
    "spaces": "có dấu cách bên trong số, ký hiệu",
    "party_slash": "số văn bản của Đảng viết theo kiểu văn bản nhà nước (phải là số-LOẠI/CƠ QUAN)",
    "state_hyphen": "số văn bản nhà nước viết bằng dấu gạch nối (phải dùng dấu gạch chéo giữa số, năm và ký hiệu)",
    "missing_year": "thiếu năm ban hành trong số của văn bản quy phạm pháp luật",
    "bad_char": "dùng ký tự Ð (U+00D0) thay cho chữ Đ",
}
_PROBLEM_EN = {
    "spaces": "contains spaces inside the number/symbol",
    "party_slash": "a Party number written the state way (must be NUMBER-TYPE/ORGAN)",
    "state_hyphen": "a state number written with hyphens (use slashes between number, year and symbol)",
    "missing_year": "a legal normative document's number without its year",
    "bad_char": "uses Ð (U+00D0) instead of Đ",
}
NO_BASIS_TYPES = {"kế hoạch": "Plan", "công văn": "Official letter", "thông báo": "Notice",
                  "tờ trình": "Submission", "báo cáo": "Report"}  # fmt: skip


def _loc(m: Mention, start: int | None = None, end: int | None = None, other: int | None = None) -> Location:
    return Location(
        block=m.block,
        start=m.start if start is None else start,
        end=m.end if end is None else end,
        component="citation",
        related_block=other,
    )


def _tables(ctx: Context) -> Tables:
    return tables_for(ctx.pack)


def _numbered(cits: Citations) -> Iterator[Mention]:
    return (m for m in cits.mentions if m.kind == "number")


def _own(m: Mention) -> bool:
    """A citation the author wrote: not inside quotation marks (a provision or a letter quoted)."""
    return not m.quoted


def _before_in_force(ctx: Context) -> bool:
    """The document is dated before the current citation rules took effect (option cit-in-force: TT 01/2011/TT-BNV,
    05/3/2011, whose citation rule NĐ 30/2020 repeats): the rules that encode them do not govern it (it followed
    the drafting rules of its time)."""
    own = _own_date(ctx) or _header_date(ctx)
    if own is None:
        return False
    try:
        year, month, day = (int(x) for x in str(ctx.option("cit-in-force")).split("-"))
    except ValueError:
        return False
    return (own[0], own[1], own[2] or 1) < (year, month, day)


def _fixed_number(m: Mention) -> str | None:
    raw = m.number_raw or ""
    if "party_slash" in m.problems and m.type_abbr and m.issuer_code:
        return f"{raw.split('/')[0].strip()}-{m.type_abbr}/{m.issuer_code}"
    if "state_hyphen" in m.problems:
        if m.year:
            return f"{raw.split('-')[0]}/{m.year}/{(m.symbol or '').split('/', 1)[-1]}"
        if m.type_abbr and m.issuer_code:
            return f"{raw.split('-')[0]}/{m.type_abbr}-{m.issuer_code}"
    if "spaces" in m.problems or "bad_char" in m.problems:
        return re.sub(r"\s+", "", raw).replace("Ð", "Đ")
    return None


@check("CIT001")
def citation_number_malformed(ctx: Context) -> Iterator[Finding]:
    for m in _numbered(ctx.citations):
        if not m.problems or not _own(m):
            continue  # a number inside a quotation is the quoted text's
        vi = "; ".join(_PROBLEM_VI[p] for p in m.problems)
        en = "; ".join(_PROBLEM_EN[p] for p in m.problems)
        yield finding(
            "CIT001",
            f"Số, ký hiệu văn bản được viện dẫn “{m.number_raw}” sai định dạng: {vi}.",
            f"Malformed number/symbol in a citation “{m.number_raw}”: {en}.",
            _loc(m, m.number_start, m.number_end),
            excerpt=m.number_raw,
            suggestion=_fixed_number(m),
        )


def _expected_names(m: Mention, tables: Tables) -> tuple[str, ...] | None:
    """Type names the abbreviation stands for, or None when it cannot be checked."""
    abbr = m.type_abbr
    if not abbr:
        return None
    if m.family == "party":
        return tables.party_abbr.get(abbr)
    names = tuple(n for n, abbrs in tables.state_abbr.items() if abbr in abbrs)
    return names or None


@check("CIT002")
def citation_type_mismatch(ctx: Context) -> Iterator[Finding]:
    tables = _tables(ctx)
    for m in _numbered(ctx.citations):
        if not m.type_word or m.type_word.lower() in ("văn bản", "công văn"):
            continue  # "Công văn" is used for any incoming letter ("Công văn số 01/BC-...")
        if m.short_form:
            continue  # the name the text itself gives it ("sau đây gọi tắt là Thông tư số .../TTLT-...")
        expected = _expected_names(m, tables)
        if not expected:
            continue
        word = m.type_word.lower()
        if word in {e.lower() for e in expected}:
            continue
        if word in ("thông báo kết luận",) and m.type_abbr == "TB":
            continue
        names = " hoặc ".join(expected)
        yield finding(
            "CIT002",
            f"Tên loại “{m.type_word}” không khớp với ký hiệu “{m.type_abbr}” trong số “{m.number_raw}” "
            f"({m.type_abbr} là {names}).",
            f"The type word “{m.type_word}” does not match the abbreviation “{m.type_abbr}” in "
            f"“{m.number_raw}” ({m.type_abbr} stands for {names}).",
            _loc(m, m.type_start, m.number_end),
            excerpt=ctx.doc.blocks[m.block].text[m.type_start : m.number_end]
            if m.type_start is not None
            else None,
        )


@check("CIT003")
def citation_missing_so(ctx: Context) -> Iterator[Finding]:
    if _before_in_force(ctx):
        return
    typed = [m for m in _numbered(ctx.citations) if m.type_word and m.zone != "recipients" and _own(m)]
    with_so = {m.segment for m in typed if m.has_so}  # the evidence is in the same document of the file
    # once the document defines a short name without "số" ("(Nghị quyết 06-NQ/TU)"), later citations written
    # the same way ("tại Chỉ thị 06/CT-BTTTT, Nghị quyết 06-NQ/TU") follow the style it chose
    styled = {m.segment: (m.block, m.start) for m in reversed(typed) if m.short_form and not m.has_so}
    for m in typed:
        if m.has_so or m.segment not in with_so or m.short_form:
            continue  # a short name the document defined itself ("(Nghị quyết 06-NQ/TU)") is its own style
        if m.segment in styled and styled[m.segment] < (m.block, m.start):
            continue
        block = ctx.doc.blocks[m.block]
        text = block.text
        written = (
            text[m.type_start : m.number_end] if m.type_start is not None else f"{m.type_word} {m.number_raw}"
        )
        gap = (
            text[m.type_start + len(m.type_word) : m.number_start]
            if m.number_start is not None and m.type_start is not None
            else ""
        )
        # only between the type word and the number, separated by spaces: "Quyết định 12/QĐ-UBND"
        certain = (
            m.number_start is not None
            and m.type_start is not None
            and gap.isspace()
            and text[m.type_start :].startswith(m.type_word)
        )
        yield finding(
            "CIT003",
            f"Thiếu chữ “số” trước số, ký hiệu: “{written}”; văn bản ở chỗ khác viết “{m.type_word} số ...”.",
            f"Missing “số” before the number: “{written}”, while the document elsewhere writes "
            f"“{m.type_word} số ...”.",
            _loc(m, m.type_start, m.number_end),
            excerpt=written,
            suggestion=f"{m.type_word} số {m.number_raw}",
            fix=fx.safe(fx.insert(block, m.number_start, "số "), vi="Thêm chữ “số”", en="Add “số”")
            if certain
            else None,
        )


def _reference_mention(doc: CitedDocument) -> Mention:
    """The mention NĐ 30 asks to be complete: the first one in the content (else the first at all).

    The document's own trích yếu and its căn cứ are components of their own: the content may
    cite in full once more. A mention inside another citation's trích yếu is part of that title.
    """
    for m in doc.mentions:
        if m.kind in ("number", "name") and m.zone == "body" and not m.nested:
            return m
    for m in doc.mentions:
        if m.kind in ("number", "name") and not m.nested:
            return m
    return doc.mentions[0]


# amending, repealing and transitional clauses and the enacting formula cite the document in full
_REPEAL = lazyre.compile(
    r"hết hiệu lực|bãi bỏ|thay thế|kèm theo|sửa đổi|bổ sung|tiếp tục thực hiện|"
    r"\bban hành (?:Nghị định|Quyết định|Thông tư|Nghị quyết)\b(?!\s++số)",
    re.IGNORECASE,
)


@check("CIT004")
def citation_first_incomplete(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    # basic: only a bare "type + number"; standard (default): type, number and date everywhere (the ký hiệu
    # already names the issuer), the trích yếu too in căn cứ lines (Phụ lục I, II.6.a); strict: all five parts
    # at every first citation, as Phụ lục I, II.6.b reads literally
    mode = ctx.option("citation-completeness")
    if _before_in_force(ctx):
        return
    for doc in cits.documents:
        m = _reference_mention(doc)
        if m.kind != "number" or m.nested or m.zone not in ("body", "can_cu", "title") or not _own(m):
            continue
        if ctx.doc.blocks[m.block].table is not None:
            continue  # a table cell (a danh mục, a list of tasks) names its documents, it does not cite them
        before = ctx.doc.blocks[m.block].text[max(0, m.start - 200) : m.start]
        if re.search(r"đề nghị", before, re.IGNORECASE) or re.search(
            r"sửa đổi,?\s*+bổ sung\s*+(?:bởi|tại|theo)?\s*+$", before, re.IGNORECASE
        ):
            continue  # "Theo đề nghị của ... tại Tờ trình số ..." (Mẫu 1.4), "được sửa đổi, bổ sung bởi ..."
        type_word = (m.type_word or "").lower()
        if type_word in ("luật", "bộ luật", "pháp lệnh", "hiến pháp"):
            continue  # laws and ordinances: type and name (CIT009 covers numbers in căn cứ)
        # already introduced in full before, inside the title or another citation's trích yếu
        earlier = [x for x in doc.mentions if (x.block, x.start) < (m.block, m.start) and x.kind == "number"]
        if any(x.date and x.issuer_text and (x.trich_yeu or not _wants_summary(mode, x)) for x in earlier):
            continue
        if m.issuer_code in ("QH", "UBTVQH") and type_word in ("",):
            continue
        missing_vi, missing_en = [], []
        if not m.type_word:
            missing_vi.append("tên loại")
            missing_en.append("type")
        if m.date is None:
            missing_vi.append("ngày ban hành")
            missing_en.append("date")
        if m.issuer_text is None and mode == "strict":
            missing_vi.append("cơ quan ban hành")
            missing_en.append("issuer")
        if mode == "basic" and (m.date is not None or m.issuer_text is not None):
            continue
        if m.trich_yeu is None and _wants_summary(mode, m):
            missing_vi.append("trích yếu nội dung")
            missing_en.append("subject (trích yếu)")
        if not missing_vi:
            continue
        yield finding(
            "CIT004",
            f"Lần viện dẫn đầu tiên “{m.text}” thiếu {', '.join(missing_vi)}. Lần đầu phải ghi đủ tên loại, "
            "số, ký hiệu, ngày ban hành, cơ quan ban hành và trích yếu.",
            f"The first citation “{m.text}” lacks the {', '.join(missing_en)}. The first citation must give "
            "type, number/symbol, date, issuer and subject.",
            _loc(m),
            excerpt=m.text,
        )


def _wants_summary(mode: str, m: Mention) -> bool:
    return mode == "strict" or (mode == "standard" and m.zone == "can_cu")


def _nested_in(m: Mention, others: list[Mention]) -> bool:
    return any(
        o is not m
        and o.block == m.block
        and o.trich_yeu_start is not None
        and o.trich_yeu_start <= m.start < o.end
        for o in others
    )


@check("CIT005")
def citation_repeated_in_full(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    flagged: dict[int, list[Mention]] = {}
    if _before_in_force(ctx):
        return
    for doc in cits.documents:
        first = _reference_mention(doc)
        if first.zone != "body":
            continue
        for m in doc.mentions:
            if m is first or m.kind != "number" or m.zone != "body" or m.nested or not _own(m):
                continue
            block = ctx.doc.blocks[m.block]
            previous = ctx.doc.blocks[m.block - 1].text if m.block else ""
            if (
                block.table is not None
                or _REPEAL.search(block.text)
                or _REPEAL.search(previous[-80:])
                or _mostly_caps(block.text)
            ):
                continue  # table rows stand alone; repeal clauses and appendix headings cite in full
            if (m.block, m.start) < (first.block, first.start):
                continue
            if not (m.date or m.trich_yeu):
                continue
            # "repeats the full citation": every part the first citation gave is given again
            if (first.date and not m.date) or (first.trich_yeu and not m.trich_yeu):
                continue
            if _nested_in(m, flagged.get(m.block, [])):
                continue
            flagged.setdefault(m.block, []).append(m)
            parts_vi = [p for p, v in (("ngày", m.date), ("cơ quan ban hành", m.issuer_text),
                                       ("trích yếu", m.trich_yeu)) if v]  # fmt: skip
            parts_en = [p for p, v in (("date", m.date), ("issuer", m.issuer_text),
                                       ("subject", m.trich_yeu)) if v]  # fmt: skip
            short = f"{m.type_word or doc.type_name or ''} {'số ' if m.has_so else ''}{m.number_raw}".strip()
            yield finding(
                "CIT005",
                f"Văn bản đã được viện dẫn đầy đủ ở trên; lần viện dẫn sau chỉ cần ghi tên loại và số, ký hiệu "
                f"(bỏ {', '.join(parts_vi)}).",
                f"This document was already cited in full; later citations give only the type and number "
                f"(drop the {', '.join(parts_en)}).",
                _loc(m, other=first.block),
                excerpt=m.text,
                suggestion=short,
                fix=_shortened(block, m),
            )


def _shortened(block, m: Mention):
    """The date, issuer and trích yếu after the number dropped (a person confirms: the sentence must
    still read); only when the whole mention sits in this paragraph."""
    if m.tail_block is not None or not m.type_word or m.number_end is None or m.end <= m.number_end:
        return None
    if block.text[m.start : m.end] != m.text and m.text:
        return None
    end = m.end
    if m.trich_yeu_start is not None:  # a trích yếu read to the end of the sentence: stop at its first comma
        stop = re.search(r"[,;.]", block.text[m.trich_yeu_start : m.end])
        end = m.trich_yeu_start + stop.start() if stop else end
    while end > m.number_end and block.text[end - 1] in " ,;.":
        end -= 1  # the sentence's own punctuation stays
    return fx.unsafe(
        fx.delete(block, m.number_end, end),
        vi="Chỉ ghi tên loại và số, ký hiệu",
        en="Keep only the type and number",
    )


def _mostly_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _acronym_of(short: str, long: str) -> bool:
    """``short`` writes ``long`` with an acronym: its other words are in ``long`` and each acronym spells
    the initials of consecutive words of ``long`` ("và", "&" skipped): "Sở TTTT Hải Dương" for "Sở Thông tin
    và Truyền thông tỉnh Hải Dương", "Bộ GDĐT" for "Bộ Giáo dục và Đào tạo"."""
    words = [w for w in re.findall(r"\w+", long) if w.lower() != "và"]
    initials = "".join(w[0].upper() for w in words)
    rest = long.lower()
    found = False
    for token in re.findall(r"\w+", short):
        if len(token) >= 2 and token.isupper() and token.upper() not in (w.upper() for w in words):
            if token.upper().replace("Đ", "D") not in initials.replace("Đ", "D"):
                return False
            found = True
        elif token.lower() not in rest:
            return False
    return found


def _same_issuer(a: str, b: str, tables: Tables | None = None) -> bool:
    a_raw, b_raw = a, b
    a, b = a.lower().replace("uỷ", "ủy"), b.lower().replace("uỷ", "ủy")
    a = a.replace("ủy ban nhân dân", "ubnd").replace("hội đồng nhân dân", "hđnd")
    b = b.replace("ủy ban nhân dân", "ubnd").replace("hội đồng nhân dân", "hđnd")
    if a in b or b in a:
        return True
    if _acronym_of(a_raw, b_raw) or _acronym_of(b_raw, a_raw):
        return True  # "Sở TTTT Hải Dương" = "Sở Thông tin và Truyền thông tỉnh Hải Dương"
    # one body under two names ("Tỉnh ủy" = "Ban chấp hành Đảng bộ tỉnh"): citation_phrases.toml
    fa, fb = fold_issuer(a), fold_issuer(b)
    return any(
        any(n in fa for n in group) and any(n in fb for n in group)
        for group in (tables.issuer_synonyms if tables else ())
    )


@check("CIT006")
def citation_inconsistent(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    tables = _tables(ctx)
    from doclint.analysis.citations import _canonical_type

    for doc in cits.documents:
        first_date = first_issuer = first_type = None
        for m in doc.mentions:
            if m.kind not in ("number", "name") or not _own(m):
                continue
            problems_vi, problems_en = [], []
            if m.date:
                if first_date is None:
                    first_date = m
                elif (m.date.day, m.date.month, m.date.year) != (
                    first_date.date.day, first_date.date.month, first_date.date.year  # type: ignore[union-attr]
                ):  # fmt: skip
                    problems_vi.append(f"ngày {m.date.text[5:]} khác ngày {first_date.date.text[5:]}")  # type: ignore[union-attr]
                    problems_en.append(f"date {m.date.iso()} differs from {first_date.date.iso()}")  # type: ignore[union-attr]
            if m.issuer_text:
                if first_issuer is None:
                    first_issuer = m
                elif not _same_issuer(m.issuer_text, first_issuer.issuer_text or "", tables):
                    problems_vi.append(f"cơ quan “{m.issuer_text}” khác “{first_issuer.issuer_text}”")
                    problems_en.append(f"issuer “{m.issuer_text}” differs from “{first_issuer.issuer_text}”")
            if m.type_word and m.type_word.lower() not in ("văn bản", "công văn") and not m.short_form:
                name = _canonical_type(m.type_word, tables)
                if first_type is None:
                    first_type = (m, name)
                elif name != first_type[1]:
                    problems_vi.append(f"tên loại “{name}” khác “{first_type[1]}”")
                    problems_en.append(f"type “{name}” differs from “{first_type[1]}”")
            if problems_vi:
                yield finding(
                    "CIT006",
                    f"Cùng văn bản {doc.number_symbol or doc.law_name} được viện dẫn không thống nhất: "
                    + "; ".join(problems_vi) + ".",
                    f"The same document {doc.number_symbol or doc.law_name} is cited inconsistently: "
                    + "; ".join(problems_en) + ".",
                    _loc(m, other=doc.first.block),
                    excerpt=m.text,
                )  # fmt: skip


def _own_date(ctx: Context) -> tuple[int, int, int | None] | None:
    pd = ctx.rec.parsed_date
    if pd is None or not pd.year or not pd.month:
        return None
    try:
        return int(pd.year), int(pd.month), int(pd.day) if pd.day else None
    except ValueError:
        return None


_HEADER_DATE = lazyre.compile(r"ngày\s*+(\d{1,2})\s*+tháng\s*+(\d{1,2})\s*+năm\s*+(\d{4})", re.IGNORECASE)


def _header_date(ctx: Context) -> tuple[int, int, int | None] | None:
    """The document's date read from its first lines when recognition did not find the place/date line
    (a PDF whose number and date columns were read as one line: "Số: 95/CV-CĐGD TP. Hồ Chí Minh, ngày 11
    tháng 5 năm 2017")."""
    for b in ctx.doc.blocks[:12]:
        m = _HEADER_DATE.search(b.text)
        if m:
            return int(m.group(3)), int(m.group(2)), int(m.group(1))
    return None


@check("CIT007")
def citation_date_impossible(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    own = _own_date(ctx)
    for m in cits.mentions:
        if m.date is None:
            continue
        d = m.date
        loc = _loc(m, d.start, d.end)
        if d.block is not None:
            loc.block = d.block
        if not d.valid():
            yield finding(
                "CIT007",
                f"Ngày của văn bản được viện dẫn không tồn tại: “{d.text}”.",
                f"The cited document's date does not exist: “{d.text}”.",
                loc,
                excerpt=d.text,
            )
            continue
        if own is not None:
            later = (d.year, d.month) > own[:2] or (
                own[2] is not None and (d.year, d.month, d.day) > (own[0], own[1], own[2])
            )
            if later:
                yield finding(
                    "CIT007",
                    f"Văn bản được viện dẫn mang ngày {d.text[5:]}, sau ngày ban hành của chính văn bản này.",
                    f"The cited document is dated {d.iso()}, after this document's own date.",
                    loc,
                    excerpt=d.text,
                )
                continue
        if m.kind == "number" and m.year and int(m.year) != d.year and m.issuer_code not in ("QH", "UBTVQH"):
            yield finding(
                "CIT007",
                f"Năm trong số “{m.number_raw}” ({m.year}) khác năm của ngày ban hành “{d.text}”.",
                f"The year in “{m.number_raw}” ({m.year}) differs from the year of the date “{d.text}”.",
                loc,
                excerpt=m.text,
            )
        elif (
            m.kind == "number"
            and m.year
            and m.issuer_code in ("QH", "UBTVQH")
            and abs(int(m.year) - d.year) > 0
        ):
            yield finding(
                "CIT007",
                f"Năm trong số “{m.number_raw}” ({m.year}) khác năm thông qua “{d.text}”.",
                f"The year in “{m.number_raw}” ({m.year}) differs from the year of adoption “{d.text}”.",
                loc,
                excerpt=m.text,
            )


def _accepts(entry: dict, text: str) -> bool:
    low = text.lower().replace("uỷ", "ủy").replace("hoá", "hóa")
    if any(r in low for r in entry.get("reject", [])):
        return False
    return any(a.replace("uỷ", "ủy") in low for a in entry.get("accept", []))


@check("CIT008")
def citation_issuer_mismatch(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    issuers = _tables(ctx).issuers
    for m in _numbered(cits):
        if not m.issuer_text or not m.issuer_code or m.issuer_code not in issuers:
            continue
        sym = (m.symbol or "").split("/")[-1]
        if m.family != "party" and sym.count("-") >= 2 and (m.type_abbr or "").endswith("LT"):
            continue  # joint documents name several issuers
        entry = issuers[m.issuer_code]
        if _accepts(entry, m.issuer_text):
            continue
        others = [c for c, e in issuers.items() if c != m.issuer_code and _accepts(e, m.issuer_text)]
        if not others:
            continue
        yield finding(
            "CIT008",
            f"Ký hiệu “{m.number_raw}” là của {entry['name']} nhưng cơ quan ban hành ghi là “{m.issuer_text}”.",
            f"The symbol “{m.number_raw}” belongs to {entry['name']} but the issuer is given as "
            f"“{m.issuer_text}”.",
            _loc(m, m.issuer_start, (m.issuer_start or 0) + len(m.issuer_text)),
            excerpt=m.text,
        )


def _is_can_cu(ctx: Context, m: Mention) -> bool:
    if m.zone != "can_cu":
        return False
    return ctx.doc.blocks[m.block].text.lstrip().startswith("Căn cứ")


# an amending law has no short name: its name is "Luật sửa đổi, bổ sung một số điều của Luật ..."
_AMENDING_BEFORE = lazyre.compile(r"sửa đổi,?\s*+bổ sung[^;]{0,40}?\s(?:tại|bởi|theo)\s*+$", re.IGNORECASE)
_AMENDING_AFTER = lazyre.compile(r"\s*+(?:ngày[^;,]{0,25}?\s)?sửa đổi,?\s*+bổ sung", re.IGNORECASE)


@check("CIT009")
def citation_law_number_in_can_cu(ctx: Context) -> Iterator[Finding]:
    if _before_in_force(ctx):
        return
    for m in _numbered(ctx.citations):
        if not _is_can_cu(ctx, m):
            continue
        if (m.type_word or "").lower() not in ("luật", "bộ luật", "pháp lệnh"):
            continue
        text = ctx.doc.blocks[m.block].text
        clause = re.split(r"[;]", text[: m.start])[-1]
        if _AMENDING_BEFORE.search(clause) or _AMENDING_AFTER.match(text, m.number_end or m.end):
            continue  # an amending law is cited by its number: "... được sửa đổi, bổ sung tại Luật số 57/2024/QH15"
        name = f"{m.type_word} {m.law_name}" if m.law_name else m.type_word
        yield finding(
            "CIT009",
            f"Căn cứ viện dẫn {m.type_word} kèm số “{m.number_raw}”; với luật, pháp lệnh chỉ ghi tên loại và "
            "tên (ví dụ “Căn cứ Luật Tổ chức chính quyền địa phương”).",
            f"The căn cứ cites a {'law' if 'luật' in (m.type_word or '').lower() else 'ordinance'} with its "
            f"number “{m.number_raw}”; for laws and ordinances give only the type and the name.",
            _loc(m),
            excerpt=m.text,
            suggestion=name if m.law_name else None,
        )


@check("CIT010")
def citation_date_style_mixed(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    dated = [m for m in cits.mentions if m.date is not None]
    numeric = [m for m in dated if m.date.style == "numeric"]  # type: ignore[union-attr]
    words = [m for m in dated if m.date.style == "words"]  # type: ignore[union-attr]
    if not numeric or not words:
        return
    minority, majority = (numeric, words) if len(numeric) <= len(words) else (words, numeric)
    m = minority[0]
    style_vi = {"numeric": "ngày 31/3/2026", "words": "ngày 31 tháng 3 năm 2026"}
    yield finding(
        "CIT010",
        f"Ngày của văn bản được viện dẫn được viết theo hai cách: {len(numeric)} lần kiểu “{style_vi['numeric']}”, "
        f"{len(words)} lần kiểu “{style_vi['words']}”. Nên thống nhất một cách trong toàn văn bản.",
        f"Citation dates are written two ways: {len(numeric)} as “31/3/2026”, {len(words)} as "
        f"“31 tháng 3 năm 2026”. Use one style throughout.",
        Location(
            block=m.date.block if m.date.block is not None else m.block,  # type: ignore[union-attr]
            start=m.date.start,  # type: ignore[union-attr]
            end=m.date.end,  # type: ignore[union-attr]
            component="citation",
            related_block=majority[0].block,
        ),
        excerpt=m.date.text,  # type: ignore[union-attr]
    )


@check("CIT011")
def citation_not_legal_basis(ctx: Context) -> Iterator[Finding]:
    cits = ctx.citations
    seen: set[int] = set()
    if _before_in_force(ctx) or (ctx.rec.doc_type or "") in ctx.option("cit011-letter-types"):
        return  # a công văn has no căn cứ ban hành: "Căn cứ Công văn số ..." is how the letter opens
    for m in cits.mentions:
        if m.kind != "number" or m.block in seen or not _is_can_cu(ctx, m):
            continue
        text = ctx.doc.blocks[m.block].text
        # only the document the căn cứ line is about, not those named in its trích yếu
        if not re.match(r"\s*Căn cứ\s*(?:vào\s*)?$", text[: m.start]):
            continue
        seen.add(m.block)
        word = (m.type_word or "").lower()
        if word not in NO_BASIS_TYPES:
            continue
        yield finding(
            "CIT011",
            f"Căn cứ ban hành viện dẫn {m.type_word} “{m.number_raw}”: {m.type_word.lower()} không phải là căn "  # type: ignore[union-attr]
            "cứ pháp lý; đưa vào phần mở đầu (ví dụ “Thực hiện ...”, “Xét ...”) thay vì dòng căn cứ.",
            f"The căn cứ cites a {NO_BASIS_TYPES[word]} “{m.number_raw}”, which cannot be a legal basis; "
            "mention it in the opening (“Thực hiện ...”, “Xét ...”) instead.",
            _loc(m),
            excerpt=m.text,
        )
