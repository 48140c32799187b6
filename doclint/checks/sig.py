"""SIG: quyền hạn, chức vụ, họ tên người ký and their type style (NĐ 30, Điều 13; Phụ lục I, II.7)."""

from __future__ import annotations

from collections.abc import Iterator

from doclint import lazyre
from doclint.checks import check
from doclint.checks.common import finding
from doclint.checks.style import span_style
from doclint.findings import Finding
from doclint.recognise.lines import fold
from doclint.recognise.patterns import ACADEMIC, AUTHORITY

# state forms; Party forms and misspellings map to them
PREFIX_FIX = {
    "T/M": "TM.", "T.M": "TM.", "TM": "TM.",
    "K/T": "KT.", "K.T": "KT.", "KT": "KT.",
    "T/L": "TL.", "T.L": "TL.", "TL": "TL.",
    "TƯQ": "TUQ.", "TUQ": "TUQ.",
    "Q/": "Q.", "Q": "Q.",
}  # fmt: skip
DEPUTY = lazyre.compile(r"^(PHÓ\s|THỨ TRƯỞNG\b)")
IN_CHARGE = lazyre.compile(r"\s{1,3}PHỤ\s{1,3}TRÁCH\b.*+$")


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
    if title is None or not DEPUTY.match(title.text) or _own_signature_rules(ctx):
        return
    prefixes = [AUTHORITY.match(a.text) for a in sig.authority]
    if any(m and m.group("prefix") in ("KT", "K/T", "K.T") for m in prefixes):
        return
    if any(m is None and DEPUTY.match(a.text) for m, a in zip(prefixes, sig.authority, strict=True)):
        # "TM. HỘI ĐỒNG / PHÓ CHỦ TỊCH / PHÓ GIÁM ĐỐC SỞ …": the deputy's place in the collective is stated
        # above; the last line is the signer's post in their own agency, not a head being signed for
        return
    head = "BỘ TRƯỞNG" if title.text.startswith("THỨ TRƯỞNG") else title.text.removeprefix("PHÓ ").strip()
    # "PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH PHÒNG …": the deputy in charge signs for the head, "KT. TRƯỞNG PHÒNG"
    head = IN_CHARGE.sub("", head) or head
    yield finding(
        "SIG002",
        f"Cấp phó ({title.text}) ký thay người đứng đầu phải ghi “KT. {head}” ở dòng trên chức vụ.",
        f"A deputy ({title.text}) signing for the head writes “KT. {head}” above the title.",
        title,
        "signature",
        suggestion=f"KT. {head} / {title.text}",
    )


COLLECTIVE_ORGAN = lazyre.compile(r"\b(?:BAN\s{1,3}THƯỜNG\s{1,3}VỤ|BAN\s{1,3}CHẤP\s{1,3}HÀNH|BCH)\b")


def _own_signature_rules(ctx) -> bool:
    """A trade union, the Youth Union or an association: NĐ 30 applies to them "cho phù hợp" (Điều 2 khoản 2)
    and their own rules let a vice-chair sign for the Ban Chấp hành / Ban Thường vụ without "KT."."""
    heads = [fold(h) for h in ctx.option("sig002-own-rule-bodies")]
    for comp in (ctx.rec.issuer, ctx.rec.parent_body):
        if comp is None:
            continue
        name = fold(comp.text)
        if name.startswith("hoi dong"):
            continue  # a council (Hội đồng nhân dân, Hội đồng thẩm định …) is a state body
        if any(name == h or name.startswith(h + " ") for h in heads):
            return True
    sig = ctx.rec.signature
    return sig is not None and any(
        ("BAN" in a.text or "BCH" in a.text) and COLLECTIVE_ORGAN.search(a.text) for a in sig.authority
    )


def _sector_body(ctx) -> bool:
    """The issuer (or its parent) is an education, health, science or armed-forces unit, whose sector head
    may allow academic titles and ranks before the signer's name (PL I, II.7.c)."""
    heads = [fold(h) for h in ctx.option("sig003-sector-bodies")]
    for comp in (ctx.rec.issuer, ctx.rec.parent_body):
        if comp is None:
            continue
        name = fold(comp.text)
        if any(name.startswith(h) or f" {h} " in f" {name} " for h in heads):
            return True
    return False


@check("SIG003")
def academic_title_before_name(ctx) -> Iterator[Finding]:
    sig = ctx.rec.signature
    if sig is None or sig.name is None:
        return
    match = ACADEMIC.match(sig.name.text)
    if match and not _sector_body(ctx):
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
