"""SIG: quyền hạn, chức vụ, họ tên người ký (NĐ 30, Điều 13; Phụ lục I, II.7)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint.checks import check
from doclint.checks.common import at
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
        yield at(
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
        yield at(
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
    yield at(
        "SIG002",
        f"Cấp phó ({title.text}) ký thay người đứng đầu phải ghi “KT. {head}” ở dòng trên chức vụ.",
        f"A deputy ({title.text}) signing for the head writes “KT. {head}” above the title.",
        title,
        "signature",
        suggestion=f"KT. {head} / {title.text}",
    )


@check("SIG003", "SIG004")
def signer_name(ctx) -> Iterator[Finding]:
    sig = ctx.rec.signature
    if sig is None:
        return
    if sig.name is None:
        yield at(
            "SIG004",
            "Chưa ghi họ tên người ký dưới chức vụ.",
            "The signer's name under the title is missing.",
            sig.title,
            "signature",
        )
        return
    match = ACADEMIC.match(sig.name.text)
    if match:
        bare = sig.name.text[match.end() :].strip()
        yield at(
            "SIG003",
            f"Không ghi học hàm, học vị “{match.group('title')}” trước họ tên người ký.",
            f"Do not write the academic title “{match.group('title')}” before the signer's name.",
            sig.name,
            "signature",
            suggestion=bare,
        )
