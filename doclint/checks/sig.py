"""SIG: quyền hạn, chức vụ, họ tên người ký and their type style (NĐ 30, Điều 13; Phụ lục I, II.7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import finding
from doclint.checks.style import span_style
from doclint.findings import Finding
from doclint.recognise.patterns import ACADEMIC, AUTHORITY

# state forms; Party forms and misspellings map to them
PREFIX_FIX = {
    "T/M": "TM.", "T.M": "TM.", "TM": "TM.",
    "K/T": "KT.", "K.T": "KT.", "KT": "KT.",
    "T/L": "TL.", "T.L": "TL.", "TL": "TL.",
    "TƯQ": "TUQ.", "TUQ": "TUQ.",
    "Q/": "Q.", "Q": "Q.",
}  # fmt: skip
DEPUTY = re.compile(r"^(PHÓ\s|THỨ TRƯỞNG\b)")


@check("SIG001")
def signature_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.signature is None:
        yield finding(
            "SIG001",
            "Không tìm thấy phần quyền hạn, chức vụ và họ tên người ký ở cuối văn bản.",
            "No signature block (authority, title, name) was found at the end of the document.",
            name="signature",
        )


@check("SIG002")
def authority_prefix(ctx) -> Iterator[Finding]:
    sig = ctx.rec.signature
    if sig is None:
        return
    for line in sig.authority:
        match = AUTHORITY.match(line.text)
        if not match:
            continue
        prefix, punct = match.group("prefix"), match.group("punct")
        if punct == "." and prefix in ("TM", "KT", "TL", "TUQ", "Q"):
            continue
        fixed = PREFIX_FIX.get(prefix, prefix + ".")
        party = "/" in prefix
        yield finding(
            "SIG002",
            f"Ghi quyền hạn “{prefix}{punct}” không đúng; văn bản của cơ quan nhà nước ghi “{fixed}”"
            + (" (dạng có gạch chéo là của văn bản Đảng)." if party else "."),
            f"Wrong authority prefix “{prefix}{punct}”; state documents write “{fixed}”"
            + (" (the slash form belongs to Party documents)." if party else "."),
            line,
            "signature",
            suggestion=f"{fixed} {match.group('rest')}",
        )
    title = sig.title
    if title is None or not DEPUTY.match(title.text):
        return
    prefixes = [AUTHORITY.match(a.text) for a in sig.authority]
    if any(m and m.group("prefix") in ("KT", "K/T", "K.T") for m in prefixes):
        return
    head = "BỘ TRƯỞNG" if title.text.startswith("THỨ TRƯỞNG") else title.text.removeprefix("PHÓ ").strip()
    yield finding(
        "SIG002",
        f"Cấp phó ({title.text}) ký thay người đứng đầu phải ghi “KT. {head}” ở dòng trên chức vụ.",
        f"A deputy ({title.text}) signing for the head writes “KT. {head}” above the title.",
        title,
        "signature",
        suggestion=f"KT. {head} / {title.text}",
    )


@check("SIG003")
def academic_title_before_name(ctx) -> Iterator[Finding]:
    sig = ctx.rec.signature
    if sig is None or sig.name is None:
        return
    match = ACADEMIC.match(sig.name.text)
    if match:
        bare = sig.name.text[match.end() :].strip()
        yield finding(
            "SIG003",
            f"Không ghi học hàm, học vị “{match.group('title')}” trước họ tên người ký.",
            f"Do not write the academic title “{match.group('title')}” before the signer's name.",
            sig.name,
            "signature",
            suggestion=bare,
        )


@check("SIG004")
def signer_name_missing(ctx) -> Iterator[Finding]:
    sig = ctx.rec.signature
    if sig is not None and sig.name is None:
        yield finding(
            "SIG004",
            "Chưa ghi họ tên người ký dưới chức vụ.",
            "The signer's name under the title is missing.",
            sig.title,
            "signature",
        )


@check("SIG005")
def signature_style(ctx) -> Iterator[Finding]:
    doc, sig = ctx.doc, ctx.rec.signature
    if sig is None:
        return
    lines = [*sig.authority, *([sig.title] if sig.title else [])]
    plain = [c for c in lines if span_style(doc, c)[0] is False]
    lower = [c for c in lines if not span_style(doc, c)[3]]
    if plain:
        yield finding(
            "SIG005",
            f"Dòng quyền hạn, chức vụ người ký không in đậm: “{plain[0].text}”.",
            f"Signing authority/title line not bold: “{plain[0].text}”.",
            plain[0],
            "signature",
            suggestion="In đậm quyền hạn, chức vụ người ký",
        )
    if lower:
        yield finding(
            "SIG005",
            f"Dòng quyền hạn, chức vụ người ký không in hoa: “{lower[0].text}”.",
            f"Signing authority/title line not in capitals: “{lower[0].text}”.",
            lower[0],
            "signature",
            suggestion=lower[0].text.upper(),
        )
    if sig.name is not None and span_style(doc, sig.name)[0] is False:
        yield finding("SIG005", "Họ tên người ký không in đậm.", "The signer's name is not bold.", sig.name,
                      "signature", suggestion="In đậm họ tên người ký")  # fmt: skip
