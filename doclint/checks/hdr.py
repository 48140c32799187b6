"""HDR: Quốc hiệu, Tiêu ngữ, the issuing body and their type style (NĐ 30, Phụ lục I, II.1–II.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint import lazyre
from doclint.checks import check
from doclint.checks.common import finding
from doclint.checks.style import any_bold, fmt_pt, size_ok, span_style
from doclint.findings import Finding
from doclint.fix import build as fx
from doclint.recognise.patterns import QUOC_HIEU, TIEU_NGU

TEXT_FORMATS = ("txt", "md")
# a Vietnamese syllable in capitals: an abbreviation like UBND, HĐND, TP cannot be read as one
# (``re``, not ``regex``: the vowels were written as ``[\p{Lu}&&[...]]``, the same set, and importing
# ``regex`` cost a one-file check more than this rule)
SYLLABLE = lazyre.compile(
    r"^(NGH|NG|GH|GI|KH|NH|PH|TH|TR|CH|QU|[BCDĐGHKLMNPRSTVX])?"
    r"[AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]{1,3}"
    r"(NG|NH|CH|[CMNPT])?$"
)


def _one_style(text: str) -> str:
    """NĐ 30 writes both “CỘNG HÒA” and “CỘNG HOÀ”: compare with one tone placement."""
    from doclint.vn.syllable import normalise_text

    return normalise_text(text, "old")


def _shown_in_caps(ctx, component) -> bool:
    block = ctx.doc.blocks[component.block]
    letters = [c for c in component.text if c.isalpha()]
    return all(c.isupper() for c in letters) or block.dominant("caps") is True


def _text_note(ctx) -> tuple[str, str, str | None]:
    """Plain text may have lost the two-column header when it was extracted."""
    if ctx.doc.format in TEXT_FORMATS:
        return (
            " (văn bản thuần: có thể phần đầu đã bị mất khi trích xuất, hãy kiểm tra bản gốc)",
            " (plain text: the header may have been lost in extraction; check the original)",
            "warning",
        )
    return "", "", None


@check("HDR001")
def quoc_hieu_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.quoc_hieu is None:
        note_vi, note_en, severity = _text_note(ctx)
        yield finding(
            "HDR001",
            f"Thiếu Quốc hiệu “{QUOC_HIEU}”{note_vi}.",
            f"The national title “{QUOC_HIEU}” is missing{note_en}.",
            name="quoc_hieu",
            suggestion=QUOC_HIEU,
            severity=severity,
        )


@check("HDR002")
def quoc_hieu_text(ctx) -> Iterator[Finding]:
    qh = ctx.rec.quoc_hieu
    if qh is None:
        return
    text = re.sub(r"\s+", " ", qh.text.strip())
    if _one_style(text) == QUOC_HIEU:
        return
    if _one_style(text.upper()) == QUOC_HIEU and _shown_in_caps(ctx, qh):
        return
    if _one_style(text.upper()) == QUOC_HIEU:
        vi, en = "Quốc hiệu phải viết bằng chữ in hoa.", "The national title must be in capitals."
    else:
        vi, en = (
            "Quốc hiệu sai chữ so với nguyên văn.",
            "The national title differs from the official wording.",
        )
    # certain when the words are the official ones (only capitals and spacing differ)
    certain = _one_style(text.upper()) == QUOC_HIEU
    fixed = qh.text.replace(qh.text.strip(), QUOC_HIEU) if certain else None
    yield finding("HDR002", vi, en, qh, "quoc_hieu", suggestion=QUOC_HIEU,
                  fix=fx.safe(fx.component(ctx.doc, qh, fixed), vi=f"Sửa thành “{QUOC_HIEU}”",
                              en=f"Write “{QUOC_HIEU}”") if certain else None)  # fmt: skip


@check("HDR003")
def tieu_ngu_format(ctx) -> Iterator[Finding]:
    tn = ctx.rec.tieu_ngu
    if tn is None:
        if ctx.rec.quoc_hieu is None and ctx.doc.format in TEXT_FORMATS:
            return  # the whole header is missing: HDR001 already says so
        yield finding(
            "HDR003",
            f"Thiếu Tiêu ngữ “{TIEU_NGU}” dưới Quốc hiệu.",
            f"The motto “{TIEU_NGU}” under the national title is missing.",
            name="tieu_ngu",
            suggestion=TIEU_NGU,
        )
        return
    text = tn.text.strip()
    if text == TIEU_NGU:
        return
    problems_vi, problems_en = [], []
    if re.search(r"[–—]", text):
        problems_vi.append("dùng gạch ngang dài (–) thay cho gạch nối (-)")
        problems_en.append("uses an en/em dash instead of a hyphen")
    if re.search(r"\S-|-\S", text):
        problems_vi.append("thiếu dấu cách hai bên gạch nối")
        problems_en.append("no spaces around the hyphen")
    words = re.sub(r"[-–—]", " ", text).split()
    if words and all(w.isupper() for w in words):
        problems_vi.append("viết in hoa toàn bộ (chỉ viết hoa chữ cái đầu mỗi cụm từ)")
        problems_en.append("all in capitals (only the first letter of each phrase is capitalised)")
    elif re.sub(r"\s*[-–—]\s*", " - ", re.sub(r"\s+", " ", text)) != TIEU_NGU and not problems_vi:
        problems_vi.append("sai chữ hoặc sai cách viết hoa")
        problems_en.append("wrong words or capitalisation")
    if not problems_vi:
        problems_vi.append("thừa dấu cách hoặc ký tự")
        problems_en.append("extra spaces or characters")
    # certain when only dashes, spaces and capitals differ from the official wording
    same_words = re.sub(r"\s*[-–—]\s*", " - ", re.sub(r"\s+", " ", text)).lower() == TIEU_NGU.lower()
    yield finding(
        "HDR003",
        "Tiêu ngữ sai hình thức: " + "; ".join(problems_vi) + ".",
        "Malformed motto: " + "; ".join(problems_en) + ".",
        tn,
        "tieu_ngu",
        suggestion=TIEU_NGU,
        fix=fx.safe(
            fx.component(ctx.doc, tn, tn.text.replace(text, TIEU_NGU)),
            vi=f"Sửa thành “{TIEU_NGU}”",
            en=f"Write “{TIEU_NGU}”",
        )
        if same_words
        else None,
    )


def abbreviated_tokens(text: str) -> list[str]:
    """Tokens of an all-caps name that cannot be Vietnamese syllables: UBND, HĐND, TP., SNV."""
    out = []
    for token in re.findall(r"[^\s,;:()\-–]+", text):
        bare = token.rstrip(".")
        if not bare or not any(c.isalpha() for c in bare):
            continue
        if token.endswith(".") or (bare.isupper() and not SYLLABLE.match(bare)):
            out.append(token)
    return out


@check("HDR004")
def issuer_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.issuer is None:
        note_vi, note_en, severity = _text_note(ctx)
        yield finding(
            "HDR004",
            f"Thiếu tên cơ quan, tổ chức ban hành văn bản ở góc trên bên trái{note_vi}.",
            f"The issuing body is missing from the top left{note_en}.",
            name="issuer",
            severity=severity,
        )


@check("HDR005")
def issuer_format(ctx) -> Iterator[Finding]:
    issuer = ctx.rec.issuer
    if issuer is None:
        return
    if not _shown_in_caps(ctx, issuer):
        yield finding(
            "HDR005",
            "Tên cơ quan ban hành phải viết bằng chữ in hoa.",
            "The issuing body must be written in capitals.",
            issuer,
            "issuer",
            suggestion=issuer.text.upper(),
        )
    short = abbreviated_tokens(issuer.text)
    if short:
        yield finding(
            "HDR005",
            f"Tên cơ quan ban hành bị viết tắt ({', '.join(short)}): chỉ tên cơ quan chủ quản mới được viết "
            "tắt, tên cơ quan ban hành phải viết đầy đủ.",
            f"The issuing body is abbreviated ({', '.join(short)}): only the parent body may be abbreviated.",
            issuer,
            "issuer",
        )


@check("HDR006")
def header_style(ctx) -> Iterator[Finding]:
    doc, rec = ctx.doc, ctx.rec
    if rec.quoc_hieu is not None:
        bold, _italic, size, _caps = span_style(doc, rec.quoc_hieu)
        if bold is False:
            yield finding("HDR006", "Quốc hiệu không in đậm.", "The Quốc hiệu is not bold.", rec.quoc_hieu,
                          "quoc_hieu", suggestion="In đậm Quốc hiệu")  # fmt: skip
        if not size_ok(size, 12, 13, doc):
            yield finding("HDR006", f"Quốc hiệu cỡ chữ {fmt_pt(size)} pt, quy định 12–13 pt.",
                          f"The Quốc hiệu is {size:g} pt; required 12–13 pt.", rec.quoc_hieu, "quoc_hieu",
                          suggestion="Cỡ chữ 13 pt")  # fmt: skip
    if rec.tieu_ngu is not None:
        bold, _italic, size, _caps = span_style(doc, rec.tieu_ngu)
        if bold is False:
            yield finding("HDR006", "Tiêu ngữ không in đậm.", "The Tiêu ngữ (motto) is not bold.", rec.tieu_ngu,
                          "tieu_ngu", suggestion="In đậm Tiêu ngữ")  # fmt: skip
        if not size_ok(size, 13, 14, doc):
            yield finding("HDR006", f"Tiêu ngữ cỡ chữ {fmt_pt(size)} pt, quy định 13–14 pt.",
                          f"The Tiêu ngữ is {size:g} pt; required 13–14 pt.", rec.tieu_ngu, "tieu_ngu",
                          suggestion="Cỡ chữ 14 pt")  # fmt: skip
    if rec.parent_body is not None and any_bold(doc, rec.parent_body):
        yield finding(
            "HDR006",
            "Tên cơ quan chủ quản (dòng trên tên cơ quan ban hành) in đậm; quy định chữ đứng, không đậm.",
            "The parent body (above the issuing body) is bold; it must be upright, not bold.",
            rec.parent_body,
            "parent_body",
            suggestion="Bỏ in đậm dòng cơ quan chủ quản",
        )
