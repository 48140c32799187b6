"""RCPT: Kính gửi and Nơi nhận, and their type style (NĐ 30, Phụ lục I, II.9).

RCPT007 (a unit given a task in the body is not among the recipients, Phụ lục I, II.9.a) favours precision:
only units named as the owner of a task are considered — a heading of the section that assigns tasks
("2. Phòng Văn hóa - Xã hội") or a sentence "Giao <unit> chủ trì…", "<unit> chủ trì…". A recipient covers
a unit when it names it (abbreviations expanded), names its group ("Các phòng chuyên môn" covers "Phòng Tài
chính"), or is "Như Điều N" for the article that names it. The issuing body's own office (Văn phòng) keeps
the file copy ("Lưu: VT"), so it is covered too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

from doclint import lazyre
from doclint.checks import check
from doclint.checks.common import finding, type_table
from doclint.checks.style import DASH_ITEM, fmt_pt, size_ok, span_style
from doclint.findings import Finding, Location
from doclint.fix import build as fx
from doclint.recognise.components import Component
from doclint.recognise.lines import fold
from doclint.recognise.patterns import KINH_GUI, LUU

DASHES = ("-", "–", "—", "+", "•", "*")
LUU_OK = lazyre.compile(r"^-\s?Lưu\s?:\s?VT\b.*\.\s*+(\S++)?\s*+$")


# A signer's title typed on a "Nơi nhận" line after tabs ("Nơi nhận:\t\t\tCHỦ TỊCH"), not a recipient
SIGNER_LINE = lazyre.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q|T/M)\.\s*)?(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG|PHÓ TRƯỞNG|"
    r"CHÁNH|PHÓ CHÁNH|BỘ TRƯỞNG|THỨ TRƯỞNG|HIỆU TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|BÍ THƯ|CHỦ NHIỆM|"
    r"NGƯỜI KÝ|BAN CHẤP HÀNH|ỦY BAN NHÂN DÂN|UBND)\b[^a-zà-ỹđ]*$"
)
# How such a line starts (the pattern's first words): other lines are not matched, so a document whose
# recipients hold none never compiles the pattern (its à-ỹ class costs ``re`` ~0.5 ms; issue 17)
SIGNER_STARTS = ("TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M.", "CHỦ TỊCH", "PHÓ ", "GIÁM ĐỐC", "TRƯỞNG", "CHÁNH",
                 "BỘ TRƯỞNG", "THỨ TRƯỞNG", "HIỆU TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "BÍ THƯ", "CHỦ NHIỆM",
                 "NGƯỜI KÝ", "BAN CHẤP HÀNH", "ỦY BAN NHÂN DÂN", "UBND")  # fmt: skip


def _listed(ctx) -> list[Component]:
    """The recipient lines proper: without a signer's title typed on their line and without what follows
    the "Lưu" line undashed — a note ("Các đơn vị tải tài liệu tại: …") or the drafter's initials and the
    number of copies (ô số 12: "PL.(300)", "NLg 25")."""
    out: list[Component] = []
    after_luu = False
    for comp in ctx.rec.recipients:
        text = comp.text.strip()
        if text.startswith(SIGNER_STARTS) and SIGNER_LINE.match(text):
            continue
        if after_luu and not text.startswith(DASHES):
            if text.endswith(":"):
                break  # "Đính kèm:", "Kèm theo:" — a list of its own after the recipients
            continue
        if LUU.match(text):
            after_luu = True
        out.append(comp)
    return out


def _has_kinh_gui(ctx) -> bool:
    """ "Kính gửi" is there, recognised or not: a PDF whose header zone took the "Kính gửi:" line into its
    left column still has it (the header's lines come before the body)."""
    rec = ctx.rec
    if rec.kinh_gui is not None:
        return True
    end = rec.body_start if rec.body_start is not None else len(ctx.doc.blocks)
    label = rec.recipients_label.block if rec.recipients_label is not None else end
    for block in ctx.doc.blocks[: max(0, min(end + 3, label))]:
        if any(KINH_GUI.match(line.strip()) for line in block.text.split("\n")):
            return True
    return False


def _addressed(ctx) -> bool:
    """The document names its main addressees: a "Kính gửi" line, or the "<cơ quan> điện:" list of a
    công điện (Mẫu 1.6), which "Như trên" refers to the same way."""
    if ctx.rec.doc_type == "CĐ":
        return True
    return _has_kinh_gui(ctx)


def _label_span(label: Component) -> Component:
    """ "Nơi nhận:" itself, without a signer's title typed after it on the same line."""
    match = re.match(r"\s*Nơi\s+nhận\s*:?", label.text, re.IGNORECASE)
    if match is None or not label.text[match.end() :].strip():
        return label
    return Component(
        match.group().strip(), label.block, label.start + match.start(), label.start + match.end()
    )


# a recipient that heads its own units: "- VPCP: BTCN, các PCN;" with "Trợ lý, Thư ký TTg;" and "các Vụ,
# Cục: KSTT, …;" indented under it, undashed (the offices' own layout)
GROUP_HEAD = lazyre.compile(r"^[-–—+•*]\s*[^:;]{1,40}:")


def _items(ctx):
    """Recipient items with wrapped lines joined: (component, text, has_dash). The undashed lines under a
    recipient that heads its own units count as dashed: they are that recipient's."""
    out = []
    under_group = False
    for comp in _listed(ctx):
        text = comp.text.strip()
        starts = text.startswith(DASHES) or bool(LUU.match(text))
        if out and not starts and not out[-1][1].rstrip().endswith((";", ".", ":")):
            prev = out[-1]
            out[-1] = (prev[0], f"{prev[1]} {text}", prev[2])
            continue
        if starts:
            under_group = bool(GROUP_HEAD.match(text)) and not LUU.match(text)
        elif under_group:
            starts = True
        out.append((comp, text, starts))
    return out


@check("RCPT001")
def recipients_missing(ctx) -> Iterator[Finding]:
    if ctx.rec.recipients_label is None:
        yield finding(
            "RCPT001",
            "Thiếu phần “Nơi nhận:” ở cuối văn bản.",
            "The “Nơi nhận:” (recipients) section is missing.",
            name="recipients",
        )


@check("RCPT002")
def recipient_item_format(ctx) -> Iterator[Finding]:
    label = ctx.rec.recipients_label
    if label is None:
        return
    if ":" not in label.text:
        yield finding(
            "RCPT002",
            "Sau “Nơi nhận” phải có dấu hai chấm.",
            "“Nơi nhận” is followed by a colon.",
            label,
            "recipients",
            suggestion="Nơi nhận:",
            fix=fx.safe(
                fx.component(ctx.doc, label, re.sub(r"(\S)(\s*)$", r"\1:\2", label.text, count=1)),
                vi="Thêm dấu hai chấm",
                en="Add the colon",
            )
            if label.text.strip().lower() == "nơi nhận"
            else None,
        )
    items = [i for i in _items(ctx) if not LUU.match(i[1])]
    bad: list[tuple] = []
    for comp, text, dashed in items:
        problems_vi, problems_en = [], []
        if not dashed:
            problems_vi.append("đầu dòng thiếu gạch đầu dòng (-)")
            problems_en.append("no leading dash")
        if not text.endswith(";"):
            problems_vi.append("cuối dòng phải có dấu chấm phẩy (;)")
            problems_en.append("must end with a semicolon")
        if problems_vi:
            fixed = ("- " + text.lstrip("-–—+•* ").rstrip(" ,.;:")) + ";"
            bad.append((comp, text, problems_vi, problems_en, fixed, _item_fix(ctx, comp, text)))
    if len(bad) > 3:
        yield finding(
            "RCPT002",
            f"{len(bad)} dòng nơi nhận sai hình thức (mỗi dòng bắt đầu bằng “-”, kết thúc bằng “;”), "
            f"ví dụ “{bad[0][1]}”.",
            f"{len(bad)} recipient lines are malformed (each starts with “-” and ends with “;”), "
            f"e.g. “{bad[0][1]}”.",
            bad[0][0],
            "recipients",
            suggestion=bad[0][4],
            fix=fx.safe([item[5] for item in bad], vi="Sửa các dòng nơi nhận", en="Fix the recipient lines"),
        )
        return
    for comp, text, pvi, pen, fixed, edits in bad:
        yield finding(
            "RCPT002",
            f"Dòng nơi nhận “{text}”: " + "; ".join(pvi) + ".",
            f"Recipient line “{text}”: " + "; ".join(pen) + ".",
            comp,
            "recipients",
            suggestion=fixed,
            fix=fx.safe(edits, vi=f"Viết “{fixed}”", en=f"Write “{fixed}”"),
        )


def _item_fix(ctx, comp: Component, text: str) -> list:
    """A recipient line with its dash and closing semicolon. A line Word numbers with a bullet gets no
    typed dash (only its semicolon); a line wrapped over two paragraphs is left to the drafter."""
    if text != comp.text.strip() or comp.text.strip() != ctx.doc.blocks[comp.block].text.strip():
        return []  # wrapped over two paragraphs, or sharing its line with the signature (tab-aligned)
    words = text.lstrip("-–—+•* ").rstrip(" ,.;:")
    if not words:
        return []
    bullet = ctx.doc.blocks[comp.block].para.numbering_label and not text.startswith(DASHES)
    fixed = ("" if bullet else "- ") + words + ";"
    return fx.component(ctx.doc, comp, comp.text.replace(text, fixed, 1))


@check("RCPT003")
def luu_line(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.recipients_label is None:
        return
    luu = rec.luu
    if luu is None:
        yield finding(
            "RCPT003",
            "Nơi nhận thiếu dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”",
            "The recipient list lacks its last line “- Lưu: VT, <drafting unit>.”",
            rec.recipients[-1] if rec.recipients else rec.recipients_label,
            "recipients",
            suggestion="- Lưu: VT, …",
        )
        return
    text = re.sub(r"\s+", " ", luu.text.strip())
    if LUU_OK.match(text):
        listed = _listed(ctx)
        if listed and listed[-1] is not luu:
            yield finding(
                "RCPT003",
                "Dòng “Lưu” phải là dòng cuối cùng của Nơi nhận.",
                "The “Lưu” line must be the last line of the recipient list.",
                luu,
                "recipients",
            )
        return
    problems_vi, problems_en = [], []
    if not text.startswith("-"):
        problems_vi.append("thiếu gạch đầu dòng")
        problems_en.append("no leading dash")
    if not re.match(r"^-?\s?Lưu\s?:", text):
        problems_vi.append("thiếu dấu hai chấm sau “Lưu”")
        problems_en.append("no colon after “Lưu”")
    if not re.search(r"\bVT\b", text):
        problems_vi.append("thiếu “VT” (văn thư)")
        problems_en.append("no “VT” (records office)")
    if not re.search(r"\.\s*+(\S++)?\s*+$", text):
        problems_vi.append("phải kết thúc bằng dấu chấm")
        problems_en.append("must end with a full stop")
    if not problems_vi:
        problems_vi.append("sai thứ tự: “Lưu: VT, <đơn vị>.”")
        problems_en.append("wrong order: “Lưu: VT, <unit>.”")
    units = re.sub(r"^[-–\s]*+Lưu\s*+:?\s*+", "", text).rstrip(" .;")
    units = re.sub(r"^VT\s*+(?:,\s*+)?", "", units)
    suggestion = f"- Lưu: VT{', ' + units if units else ''}."
    yield finding(
        "RCPT003",
        "Dòng “Lưu” sai hình thức: " + "; ".join(problems_vi) + ".",
        "Malformed “Lưu” line: " + "; ".join(problems_en) + ".",
        luu,
        "recipients",
        suggestion=suggestion,
    )


@check("RCPT004")
def kinh_gui_usage(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    code = rec.doc_type
    entry = type_table(ctx).get(code or "", {})
    policy = entry.get("kinh_gui")
    if rec.kinh_gui is not None and policy == "never":
        yield finding(
            "RCPT004",
            f"{entry['name']} không dùng “Kính gửi”: chỉ công văn, tờ trình và báo cáo gửi cấp trên mới có "
            "“Kính gửi”; các nơi nhận ghi ở phần Nơi nhận.",
            f"A {entry['name']} does not use “Kính gửi”: only công văn, tờ trình and reports to a superior "
            "do; list recipients under Nơi nhận.",
            rec.kinh_gui,
            "kinh_gui",
        )
    elif rec.kinh_gui is None and code in ("CV", "TTr") and not _has_kinh_gui(ctx):
        yield finding(
            "RCPT004",
            f"{entry.get('name', 'Văn bản')} thiếu phần “Kính gửi:” (nơi nhận chính).",
            f"The {entry.get('name', 'document')} lacks its “Kính gửi:” line (main addressee).",
            rec.trich_yeu or rec.doc_type_name or rec.number,
            "kinh_gui",
        )


@check("RCPT005")
def nhu_tren_usage(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    for comp in rec.recipients:
        text = comp.text
        if re.search(r"\bNhư trên\b", text, re.IGNORECASE) and rec.doc_type != "GGT" and not _addressed(ctx):
            yield finding(
                "RCPT005",
                "“Như trên” chỉ dùng khi văn bản có phần “Kính gửi”; văn bản này không có.",
                "“Như trên” is only used when the document has a “Kính gửi” line; this one has none.",
                comp,
                "recipients",
            )
        match = re.search(r"\bNhư\s+(điều|ĐIỀU)\s+\d", text)
        if match:
            yield finding(
                "RCPT005",
                "Viết “Như Điều …” với chữ “Điều” viết hoa.",
                "Write “Như Điều …” with “Điều” capitalised.",
                comp,
                "recipients",
                suggestion=text.replace(match.group(1), "Điều", 1),
            )


def _key(text: str) -> str:
    text = re.sub(r"^[-–—+•*\s]+", "", text)
    text = re.sub(r"[;.,:\s]+$", "", text)
    return fold(text)


@check("RCPT006")
def duplicate_recipient(ctx) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for comp in ctx.rec.recipients:
        if LUU.match(comp.text):
            continue
        key = _key(comp.text)
        if not key:
            continue
        if key in seen:
            yield finding(
                "RCPT006",
                f"Nơi nhận “{_key(comp.text) and comp.text.strip()}” bị ghi hai lần.",
                f"The recipient “{comp.text.strip()}” is listed twice.",
                comp,
                "recipients",
            )
        seen[key] = comp.text


# ---------------------------------------------------------------- RCPT007 tasked units

TASK_SECTION = lazyre.compile(r"tổ chức thực hiện|phân công|trách nhiệm|nhiệm vụ cụ thể", re.IGNORECASE)


@cache
def _unit_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
    word = r"[^\s,;:.()]+"
    joint = r"(?:\s+|,\s+(?=[A-ZĐ]))"  # "Sở Văn hóa, Thể thao và Du lịch"
    return lazyre.cached(rf"(?<![\w])(?P<unit>(?:{alternatives})\s+{word}(?:{joint}{word}){{0,11}})")


def _trim(unit: str, stop_words: list[str]) -> str:
    words = unit.split()
    out: list[str] = []
    for i, word in enumerate(words):
        if i >= 1 and (word.lower() in stop_words or " ".join(words[i : i + 2]).lower() in stop_words):
            break
        out.append(word)
    return " ".join(out).rstrip(" -–")


@cache
def _expansions(expand: tuple[tuple[str, str], ...]) -> list[tuple[str, re.Pattern[str], str]]:
    """(short form, its pattern, replacement) of each expansion, built once per table; a pattern is
    compiled the first time a text holds its short form (most texts hold none)."""
    out = []
    for short, full in expand:
        if short.endswith("."):  # "P.VHTT": an abbreviation with a full stop runs into the next word
            out.append((short, lazyre.compile(rf"(?<![\w&]){re.escape(short)}\s*"), full + " "))
        else:
            out.append((short, lazyre.compile(rf"(?<![\w&]){re.escape(short)}(?![\w&])"), full))
    return out


_DASH = lazyre.compile(r"\s*[-–]\s*")


def _norm(text: str, expand: dict[str, str]) -> str:
    folded = fold(text)
    for short, pattern, full in _expansions(tuple(expand.items())):
        if short in folded:  # most texts name none of them: no substitution to try
            folded = pattern.sub(full, folded)
    return _DASH.sub(" - ", folded)


_GROUPS: dict[int, tuple[dict, dict, dict[str, list[str]]]] = {}


def _norm_groups(groups: dict[str, list[str]], expand: dict[str, str]) -> dict[str, list[str]]:
    """``groups`` keyed by their :func:`_norm` form: the pack's table is the same for every document,
    so it is normalised once (keyed on the table objects themselves)."""
    if not groups:
        return {}
    hit = _GROUPS.get(id(groups))
    if hit is None or hit[0] is not groups or hit[1] is not expand:
        hit = (groups, expand, {_norm(group, expand): heads for group, heads in groups.items()})
        _GROUPS[id(groups)] = hit
    return hit[2]


def tasked_units(ctx) -> list[tuple[str, int, int, int]]:
    """(unit, block, start, end) of each unit that owns a task."""
    table = ctx.table("recipients")
    heads = tuple(table.get("unit_heads", []))
    stop_words = [w.lower() for w in table.get("stop_words", [])]
    if not heads:
        return []
    pattern = _unit_pattern(heads)
    found: list[tuple[str, int, int, int]] = []
    in_tasks = False
    for item in ctx.rec.outline:
        block = ctx.doc.blocks[item.block]
        if item.kind in ("roman", "chuong", "phan", "muc"):
            in_tasks = bool(TASK_SECTION.search(item.title))
            continue
        if in_tasks and item.kind in ("arabic", "letter"):
            match = pattern.match(item.title)
            if match:
                unit = _trim(match.group("unit"), stop_words)
                start = block.text.find(unit)
                found.append((unit, item.block, max(start, 0), max(start, 0) + len(unit)))
    for block in ctx.body_blocks():
        if "chủ trì" not in block.text:
            continue  # every sentence kept below has "chủ trì" after its unit (most blocks have none)
        for sentence in re.finditer(r"(?:^|(?<=[.;:]\s))(?:Giao\s+)?(?P<rest>[^.;:]{3,160})", block.text):
            rest = sentence.group("rest")
            match = pattern.match(rest)
            if not match:
                continue
            unit = _trim(match.group("unit"), stop_words)
            after = rest[len(unit) :].lstrip(" ,")
            if not re.match(r"(chủ trì|là cơ quan chủ trì|có trách nhiệm chủ trì)", after):
                continue
            start = sentence.start("rest")
            found.append((unit, block.index, start, start + len(unit)))
    return found


@check("RCPT007")
def tasked_unit_not_recipient(ctx) -> Iterator[Finding]:
    rec = ctx.rec
    if rec.recipients_label is None or not rec.recipients:
        return
    table = ctx.table("recipients")
    expand: dict[str, str] = table.get("expand", {})
    groups: dict[str, list[str]] = table.get("groups", {})
    nhu_dieu = {int(n) for c in rec.recipients for n in re.findall(r"Như Điều\s+(\d+)", c.text)}
    articles = _article_blocks(ctx, nhu_dieu)
    # "Như Điều 4" stands for the units that Điều 4 names ("Thủ trưởng các sở, ban, ngành…")
    texts = [c.text for c in [*rec.recipients, *rec.kinh_gui_items]]
    texts += [ctx.doc.blocks[b].text for b in sorted(articles)]
    recipients = [(_norm(t, expand), t.lower()) for t in texts]
    issuer = _norm(rec.issuer.text, expand) if rec.issuer else ""
    own_heads = _own_unit_heads(issuer, table.get("own_units", {}))
    groups = _norm_groups(groups, expand)
    reported: set[str] = set()
    for unit, block, start, end in tasked_units(ctx):
        key = _norm(unit, expand)
        if key in reported or key.startswith("cac "):
            continue
        core = _norm(_core(unit, table.get("qualifiers", [])), expand)
        if _unit_covered(key, core, unit, recipients, groups, table.get("lower_levels", [])):
            continue
        if key.startswith("van phong") and (not issuer or _shares_body(key, issuer)):
            continue  # the issuing body's own office keeps the file copy ("Lưu: VT")
        if issuer and (key in issuer or _own_unit(key, unit, own_heads, table.get("other_bodies", []))):
            continue  # the issuer itself, or one of its own units: it gets the text inside the office
        reported.add(key)
        yield finding(
            "RCPT007",
            f"“{unit}” được giao nhiệm vụ nhưng không có trong Nơi nhận.",
            f"“{unit}” is given a task but is not among the recipients.",
            Location(block=block, start=start, end=end, component="recipients"),
            excerpt=ctx.doc.blocks[block].text[:160],
            suggestion=f"- {unit};",
        )


def _shares_body(office: str, issuer: str) -> bool:
    words = [w for w in re.findall(r"\w+", issuer) if w not in ("uy", "ban", "nhan", "dan")]
    return any(w in office for w in words[-2:]) or "uy ban nhan dan" in office


def _own_unit_heads(issuer: str, own_units: dict[str, list[str]]) -> list[str]:
    """The heads of the units inside the issuing body ("Phòng", "Thanh tra" of a Sở)."""
    words = issuer.split()
    for body, heads in own_units.items():
        folded = fold(body).split()
        if words[: len(folded)] == folded:  # the kind of body the issuer is: "SỞ …", "TRƯỜNG …"
            return heads
    return []


NOT_A_PLACE = lazyre.compile(r"xã hội", re.IGNORECASE)  # "Phòng Văn hóa - Xã hội" is no commune


def _names(text: str, words: list[str]) -> bool:
    """``text`` names one of ``words``, compared in lower case with the diacritics ("xã" is not the "xa"
    of "xa lộ" once folded, nor the "xã" of "xã hội")."""
    lower = NOT_A_PLACE.sub(" ", text.lower())
    return any(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", lower) for w in words)


def _own_unit(key: str, unit: str, heads: list[str], other_bodies: list[str]) -> bool:
    """A unit of the issuing body itself ("Thanh tra Sở", "Phòng Kế hoạch - Tài chính" in a Sở's plan):
    named by one of the issuer's unit heads and naming no other body ("Phòng VHTT cấp huyện" does)."""
    if not any(unit.startswith(h + " ") for h in heads):
        return False
    return not _names(unit, other_bodies)


def _core(unit: str, qualifiers: list[str]) -> str:
    """A unit's name without what only places it ("… của các cơ quan báo chí", "… cấp huyện")."""
    for word in qualifiers:
        cut = re.split(rf"\s+{re.escape(word)}(?!\w)", unit, maxsplit=1, flags=re.IGNORECASE)[0]
        if len(cut.split()) >= 2:
            unit = cut
    return unit.strip(" ,-–")


def _unit_covered(
    key: str,
    core: str,
    unit: str,
    recipients: list[tuple[str, str]],
    groups: dict[str, list[str]],
    lower_levels,
) -> bool:
    """Whether a recipient (normalised, and as written in lower case) names the unit, its name without its
    place (``core``), or a group of its kind at its level."""
    level = re.compile(r"\bcac (?=huyen|xa|tinh|phuong|quan|thi xa|thanh pho)")
    for recipient, _raw in recipients:
        recipient = level.sub("cap ", recipient)  # "Phòng VHTT các huyện" names "Phòng VHTT cấp huyện"
        if key in recipient or level.sub("cap ", key) in recipient:
            return True
        if len(recipient) > 6 and recipient.strip("- ;.") in key:
            return True
        if (
            core != key
            and len(core.split()) >= 2
            and re.search(rf"(?<!\w){re.escape(core)}(?!\w)", recipient)
        ):
            return True
    placed = _names(unit, lower_levels)
    for recipient, raw in recipients:
        if placed and not _names(raw, lower_levels):
            continue  # "Các phòng trực thuộc Sở" does not cover "Phòng Văn hóa và Thông tin cấp huyện"
        for group, heads in groups.items():
            if group in recipient and any(unit.startswith(h) for h in heads):
                return True
    return False


def _article_blocks(ctx, numbers: set[int]) -> set[int]:
    """Blocks inside the articles a "Như Điều N" recipient refers to."""
    if not numbers:
        return set()
    out: set[int] = set()
    dieu_starts = [(o.block, int(o.label)) for o in ctx.rec.outline if o.kind == "dieu" and o.label.isdigit()]
    body_end = ctx.rec.body_end or 0
    for i, (block, number) in enumerate(dieu_starts):
        end = dieu_starts[i + 1][0] if i + 1 < len(dieu_starts) else body_end + 1
        if number in numbers:
            out.update(range(block, end))
    return out


@check("RCPT008")
def recipients_style(ctx) -> Iterator[Finding]:
    doc, rec = ctx.doc, ctx.rec
    label = rec.recipients_label
    if label is not None:
        label = _label_span(label)
        bold, italic, size, _caps = span_style(doc, label)
        problems_vi = []
        problems_en = []
        if bold is False:
            problems_vi.append("không in đậm")
            problems_en.append("not bold")
        if italic is False:
            problems_vi.append("không in nghiêng")
            problems_en.append("not italic")
        if not size_ok(size, 12, 12, ctx.doc):
            problems_vi.append(f"cỡ {fmt_pt(size)} pt (quy định 12 pt)")
            problems_en.append(f"{size:g} pt (12 pt required)")
        if problems_vi:
            yield finding("RCPT008", f"“Nơi nhận:” {', '.join(problems_vi)}.",
                          f"“Nơi nhận:” is {', '.join(problems_en)}.", label, "recipients",
                          suggestion="Nơi nhận: chữ thường, cỡ 12, nghiêng, đậm")  # fmt: skip
    wrong: dict[float, list[Component]] = defaultdict(list)
    for item in rec.recipients:
        if not DASH_ITEM.match(item.text) and not item.text.lstrip().startswith("-"):
            continue  # a note under the list ("Các đơn vị tải tài liệu tại: ..."), not a recipient
        _bold, _italic, size, _caps = span_style(doc, item)
        if not size_ok(size, 11, 11, ctx.doc):
            wrong[round(size * 2) / 2].append(item)  # type: ignore[arg-type]
    for size, items in sorted(wrong.items(), key=lambda kv: -len(kv[1])):
        yield finding(
            "RCPT008",
            f"{len(items)} dòng nơi nhận cỡ chữ {fmt_pt(size)} pt, quy định 11 pt.",
            f"{len(items)} recipient line(s) in {size:g} pt; required 11 pt.",
            items[0],
            "recipients",
            suggestion="Cỡ chữ 11 pt",
        )
