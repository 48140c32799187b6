"""FMT: page setup and typography — NĐ 30, Phụ lục I, mục I. (The type style of each recognised
component is checked in its own family: HDR006, DATE006, TTL005, SIG005, RCPT008, with ``style.py``.)

Every rule reads the format-independent model: DOCX facts come resolved from styles, PDF facts are
measured from geometry by the loader (``None`` where a format cannot tell, and the rule then says
nothing). Findings are aggregated: one per problem and place ("12 đoạn dùng phông Arial (trang
2–4)"), never one per run.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from doclint import lazyre
from doclint.checks import check
from doclint.checks.common import finding
from doclint.checks.style import DASH_ITEM, fmt_mm, fmt_pt, is_pdf
from doclint.findings import Finding, Location
from doclint.fix import build as fx
from doclint.model import Block, Document, Run

A4 = (210.0, 297.0)
MARGINS = {  # side -> (min, max) in mm, NĐ 30 PL I mục I.3
    "top": (20.0, 25.0),
    "bottom": (20.0, 25.0),
    "left": (30.0, 35.0),
    "right": (15.0, 20.0),
}
SIDE_VI = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
TNR_FAMILIES = (
    "timesnewroman",
    "times",
    "liberationserif",
    "tinos",
    "nimbusrom",
    "nimbusroman",
    "texgyretermes",
)
SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "zapfdingbats", "dingbats", "marlett", "mtextra")
SUBSET = lazyre.compile(r"^[A-Z]{6}\+")
STYLE_WORDS = lazyre.compile(
    r"(ps)?(mt)?$|(bold|italic|oblique|regular|roman|medium|light|semibold|black|book|"
    r"boldit|bolditalic|it|regu|reg)+(ps)?(mt)?$",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- where (aggregation)


def _ranges(numbers: Iterable[int]) -> str:
    nums = sorted(set(numbers))
    parts: list[str] = []
    start = prev = None
    for n in nums:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


def _where(doc: Document, blocks: list[Block]) -> tuple[str, str]:
    """ " (trang 2–4)" when pages are known (PDF, or a DOCX with rendered page breaks)."""
    pages = [b.page for b in blocks if b.page is not None]
    if pages and (is_pdf(doc) or len(set(pages)) > 1):
        label = _ranges(pages)
        many = "," in label or "–" in label
        return f" (trang {label})", f" ({'pages' if many else 'page'} {label})"
    return "", ""


def _excerpt(block: Block) -> str:
    text = " ".join(block.text.split())
    return text if len(text) <= 80 else text[:77] + "…"


def _aggregate(code: str, vi: str, en: str, doc: Document, blocks: list[Block], component: str | None = None,
               suggestion: str | None = None, fix=None) -> Finding:  # fmt: skip
    """One finding for a problem shared by ``blocks``, pointing at the first and naming the pages."""
    first = blocks[0] if blocks else None
    where_vi, where_en = _where(doc, blocks)
    return finding(
        code,
        vi + where_vi + ".",
        en + where_en + ".",
        Location(
            block=first.index if first else None,
            start=0 if first else None,
            end=len(first.text) if first else None,
            page=first.page if first else None,
            component=component,
        ),
        excerpt=_excerpt(first) if first else None,
        suggestion=suggestion,
        fix=fix,
    )


def _page_finding(code: str, vi: str, en: str, suggestion: str | None = None, fix=None) -> Finding:
    return finding(code, vi, en, Location(component="page"), suggestion=suggestion, fix=fix)


# ---------------------------------------------------------------- body paragraphs


def _body_paragraphs(ctx) -> list[Block]:
    """Flow paragraphs of the content: no table cells, text boxes, headers/footers or footnotes."""
    return ctx.cached("fmt_body_paragraphs", _find_body_paragraphs)


def _find_body_paragraphs(ctx) -> list[Block]:
    return [b for b in ctx.body_blocks() if b.kind == "paragraph" and b.text.strip()]


END_OF_SENTENCE = (".", ":", ";", "!", "?", "…", "./.", "”", '"', ")")


def _continued(ctx) -> set[int]:
    """PDF: the paragraphs that are really the rest of the one before, split by the reading of lines — a
    line starting with a capital ("Văn phòng Đăng ký…", "Phước Bửu…") after a full line that did not end
    its sentence, or the unindented first paragraph of a page after a page whose last line ran to the
    right margin. Their "first line" is a wrapped line: it has no indent and no space above to judge."""
    return ctx.cached("fmt_continued", _find_continued)


def _pdf_left_edges(ctx) -> dict[int | None, float]:
    """PDF: the left edge of the body text on each page (points)."""

    def build(ctx) -> dict[int | None, float]:
        left: dict[int | None, float] = {}
        for b in _body_paragraphs(ctx):
            if b.bbox is not None:
                left[b.page] = min(left.get(b.page, b.bbox[0]), b.bbox[0])
        return left

    return ctx.cached("fmt_pdf_left", build)


def _pdf_block_indent(ctx, block: Block) -> float:
    """PDF: how far (mm) the whole block sits right of the body's left edge on its page."""
    if block.bbox is None:
        return 0.0
    edge = _pdf_left_edges(ctx).get(block.page)
    return 0.0 if edge is None else max(0.0, (block.bbox[0] - edge) * 25.4 / 72)


def _find_continued(ctx) -> set[int]:
    if not is_pdf(ctx.doc):
        return set()
    paras = [b for b in _body_paragraphs(ctx) if b.bbox is not None]
    left: dict[int | None, float] = {}
    right: dict[int | None, float] = defaultdict(float)
    for b in paras:
        left[b.page] = min(left.get(b.page, b.bbox[0]), b.bbox[0])
        right[b.page] = max(right[b.page], b.bbox[2])
    flow = [b for b in ctx.doc.blocks if b.kind not in ("header", "footer") and b.bbox is not None]
    # the block read just before, whatever its kind (a loader may take a paragraph's first line into the
    # table above it)
    before = {b.index: a for a, b in itertools.pairwise(flow)}
    out: set[int] = set()
    for block in paras:
        prev = before.get(block.index)
        if prev is None or LIST_MARK.match(block.text):
            continue  # "3. Học phí…", "- Thời gian…", "a) …": an item starts here
        several = block.para.line_spacing_pt is not None  # two lines or more: the first-line indent is known
        if (several and (block.para.first_line_indent_mm or 0.0) >= 1.0) or (
            not several and block.bbox[0] > left[block.page] + 3.0
        ):
            continue  # indented: a paragraph of its own
        size = block.dominant("size_pt")
        size = size if isinstance(size, int | float) else 13.0
        word = (block.text.split() or [""])[0]
        # the line before was full: its right end, plus the next word it could not take, passes the margin
        if prev.bbox[2] + (len(word) + 1) * 0.5 * size < right[prev.page] - 1.0:
            continue
        if block.page != prev.page or not prev.text.rstrip().endswith(END_OF_SENTENCE):
            out.add(block.index)
    return out


def _visible(block: Block, run: Run) -> int:
    return len(block.text[run.start : run.end].strip())


# ---------------------------------------------------------------- FMT001–FMT003 page setup


def landscape_section(section) -> bool:
    w, h = section.page_width_mm, section.page_height_mm
    return section.orientation == "landscape" or bool(w and h and w > h + 1)


def _has_data_table(doc: Document, section) -> bool:
    """A table that can need a landscape page: not the two-column header/signature layout tables
    every document has (DOCX), or ruled lines on the pages (PDF, measured by the loader)."""
    if is_pdf(doc) or section.first_block is None or section.last_block is None:
        return section.has_table
    for block in doc.blocks[section.first_block : section.last_block + 1]:
        pos = block.table
        if pos is not None and (pos.n_cols >= 3 or pos.n_rows >= 4):
            return True
    return False


def _page_problems(ctx) -> dict[tuple, list[int]]:
    """(code, details…) -> indexes of the sections with that page-setup problem, in document order."""
    return ctx.cached("fmt_page_problems", _measure_pages)


def _measure_pages(ctx) -> dict[tuple, list[int]]:
    doc: Document = ctx.doc
    pdf = is_pdf(doc)
    problems: dict[tuple, list[int]] = defaultdict(list)
    for section in doc.sections:
        w, h = section.page_width_mm, section.page_height_mm
        if w and h:
            short, long_ = sorted((w, h))
            if abs(short - A4[0]) > 1.5 or abs(long_ - A4[1]) > 1.5:
                problems[("FMT001", round(short, 1), round(long_, 1))].append(section.index)
            landscape = section.orientation == "landscape" or w > h + 1
            if landscape and not _has_data_table(doc, section):
                problems[("FMT002",)].append(section.index)
        if landscape_section(section):
            continue  # turned sideways, the binding edge is no longer "left": NĐ 30 gives no figures
        tol = 2.0 if pdf else 0.2  # PDF: an estimate; DOCX: the exact page-margin value
        for side, (lo, hi) in MARGINS.items():
            value = getattr(section, f"margin_{side}_mm")
            if value is None:
                continue
            if pdf and (value < 0 or (side == "bottom" and value > hi + tol)):
                # PDF: a negative "margin" is a wide table or a turned page measured as text, and a text page
                # may end early (a table row, a heading kept with the next paragraph moved over): only a
                # bottom margin the text runs into is a fact the page can show
                continue
            upper = hi + tol
            if value < lo - tol or value > upper:
                problems[("FMT003", side, round(value, 1))].append(section.index)
    return problems


def _section_places(ctx, code: str) -> Iterator[tuple[tuple, str, str, Location]]:
    """(problem key, where in Vietnamese, where in English, location) of each page-setup problem of ``code``."""
    doc: Document = ctx.doc
    pdf = is_pdf(doc)
    unit_vi = "nhóm trang" if pdf else "mục (section)"
    many = len(doc.sections) > 1
    for key, sections in _page_problems(ctx).items():
        if key[0] != code:
            continue
        where_vi = f" ({unit_vi} {_ranges(i + 1 for i in sections)})" if many else ""
        where_en = (
            f" ({'page group' if pdf else 'section'} {_ranges(i + 1 for i in sections)})" if many else ""
        )
        first = doc.sections[sections[0]]
        block = first.first_block
        loc = Location(block=block, page=doc.blocks[block].page if block is not None and block < len(doc.blocks) else None,
                       component="page")  # fmt: skip
        yield key, where_vi, where_en, loc


@check("FMT001")
def paper_not_a4(ctx) -> Iterator[Finding]:
    for key, where_vi, where_en, loc in _section_places(ctx, "FMT001"):
        short, long_ = key[1], key[2]
        name = " (khổ Letter)" if abs(short - 215.9) < 2 and abs(long_ - 279.4) < 2 else ""
        yield finding("FMT001", f"Khổ giấy {fmt_mm(short)} × {fmt_mm(long_)} mm{name}, không phải A4 210 × 297 mm{where_vi}.",
                      f"Paper size {short:g} × {long_:g} mm, not A4 210 × 297 mm{where_en}.",
                      loc, suggestion="Khổ A4 (210 × 297 mm)", fix=_a4_fix(ctx, key))  # fmt: skip


@check("FMT002")
def landscape_without_table(ctx) -> Iterator[Finding]:
    for _key, where_vi, where_en, loc in _section_places(ctx, "FMT002"):
        yield finding("FMT002", f"Trang nằm ngang nhưng không có bảng cần khổ ngang{where_vi}.",
                      f"Landscape pages without a table that needs them{where_en}.", loc,
                      suggestion="Đặt trang đứng (Portrait)", fix=_portrait_fix(ctx, _key))  # fmt: skip


@check("FMT003")
def margins(ctx) -> Iterator[Finding]:
    pdf = is_pdf(ctx.doc)
    if pdf and ctx.doc.facts.print_scale:
        return  # an A4 page fitted onto Letter when printed: the margins are the driver's (FMT001 says why)
    for key, where_vi, where_en, loc in _section_places(ctx, "FMT003"):
        side, value = key[1], key[2]
        lo, hi = MARGINS[side]
        est_vi = " (ước lượng từ vị trí chữ trong PDF)" if pdf else ""
        est_en = " (estimated from the text position in the PDF)" if pdf else ""
        yield finding(
            "FMT003",
            f"Lề {SIDE_VI[side]} {fmt_mm(value)} mm{est_vi}, quy định {lo:g}–{hi:g} mm{where_vi}.",
            f"{side.capitalize()} margin {value:g} mm{est_en}; required {lo:g}–{hi:g} mm{where_en}.",
            loc,
            suggestion=f"Lề {SIDE_VI[side]} {fmt_mm(lo if value < lo else hi)} mm",
            fix=fx.safe(
                [
                    fx.section(i, **{f"margin_{side}_mm": lo if value < lo else hi})
                    for i in _page_problems(ctx)[key]
                ],
                vi=f"Lề {SIDE_VI[side]} {fmt_mm(lo if value < lo else hi)} mm",
                en=f"{side.capitalize()} margin {lo if value < lo else hi:g} mm",
            )
            if not pdf
            else None,
        )


# ---------------------------------------------------------------- FMT004 font, FMT011 colour


@lru_cache(maxsize=1024)  # a document has a few font names for thousands of runs (issue 17)
def font_family(name: str) -> str:
    """ "ABCDEF+TimesNewRomanPS-BoldMT" -> "timesnewroman"; "Times New Roman" -> "timesnewroman"."""
    base = SUBSET.sub("", name).strip()
    base = re.split(r"[-,]", base, maxsplit=1)[0]
    key = re.sub(r"[\s_]", "", base).lower()
    stripped = STYLE_WORDS.sub("", key)
    return stripped or key


GENERIC_FONT = lazyre.compile(r"^(?:CIDFont\+)?(?:F|T|TT|C|R)\d+(?:_\d+)?$", re.IGNORECASE)


def is_times(name: str) -> bool:
    family = font_family(name)
    return family.startswith(TNR_FAMILIES)


def _is_symbol(name: str) -> bool:
    return font_family(name).startswith(SYMBOL_FONTS)


def _display_font(name: str) -> str:
    base = SUBSET.sub("", name)
    return base


@lru_cache(maxsize=1024)
def _accepted_font(name: str | None) -> bool:
    """No font named, Times New Roman or a symbol font: never the font a DOCX run is reported for."""
    return not name or is_times(name) or _is_symbol(name)


def _offending_font(block: Block, run: Run, pdf: bool) -> str | None:
    """The run's font that draws its letters when it is not Times New Roman."""
    fmt = run.fmt
    if not pdf and _accepted_font(fmt.font) and _accepted_font(fmt.font_hansi):
        return None  # whatever the letters (nearly every run of a DOCX)
    text = block.text[run.start : run.end]
    if not any(c.isalpha() for c in text):
        return None
    fmt = run.fmt
    if pdf and not text.replace("o", "").strip():
        return None  # Word's second-level bullet "o" (Courier New), drawn as a glyph, not a letter
    if pdf:
        name = fmt.font
        if not name or (fmt.bold is None and fmt.italic is None and GENERIC_FONT.match(name)):
            return None  # a generic embedded name ("CIDFont+F1"): the family is not known
        return name if not is_times(name) and not _is_symbol(name) else None
    ascii_letters = any(c.isascii() and c.isalpha() for c in text)
    other_letters = any(not c.isascii() and c.isalpha() for c in text)
    for name, used in ((fmt.font, ascii_letters), (fmt.font_hansi, other_letters)):
        if used and name and not is_times(name) and not _is_symbol(name):
            return name
    return None


def _near_black(colour: str) -> bool:
    """Black, automatic, or a grey no lighter than Word's "Black, lighter 20 %" (#333333)."""
    if colour.upper() in ("AUTO", "000000"):
        return True
    try:
        channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return False
    return max(channels) <= 0x33


def _run_usage(ctx) -> tuple[dict[str, list[Block]], dict[str, list[Block]]]:
    """Blocks by offending font and by non-black colour, from one pass over the runs."""
    return ctx.cached("fmt_run_usage", _scan_runs)


def _scan_runs(ctx) -> tuple[dict[str, list[Block]], dict[str, list[Block]]]:
    doc: Document = ctx.doc
    pdf = is_pdf(doc)
    by_font: dict[str, list[Block]] = defaultdict(list)
    by_colour: dict[str, list[Block]] = defaultdict(list)
    for block in doc.blocks:
        if block.kind in ("header", "footer") and pdf:
            continue
        seen_font: set[str] = set()
        seen_colour: set[str] = set()
        for run in block.runs:
            if not _visible(block, run):
                continue
            font = _offending_font(block, run, pdf)
            if font:
                key = _display_font(font) if pdf else font
                if pdf:
                    key = re.split(r"[-,]", key, maxsplit=1)[0]
                if key not in seen_font:
                    seen_font.add(key)
                    by_font[key].append(block)
            colour = run.fmt.color
            if colour and not _near_black(colour) and colour not in seen_colour:
                seen_colour.add(colour)
                by_colour[colour.upper()].append(block)
    if pdf:
        figure_fonts, figure_colours = _figure_styles(doc)
        by_font = defaultdict(list, {k: v for k, v in by_font.items() if k not in figure_fonts})
        by_colour = defaultdict(list, {k: v for k, v in by_colour.items() if k not in figure_colours})
    return by_font, by_colour


FIGURE_SIZE_PT = 9.0


def _figure_styles(doc: Document) -> tuple[set[str], set[str]]:
    """PDF: the fonts and colours of the text of a chart or diagram drawn in the page (an Office chart's
    title, axis values and data labels in Cambria/Calibri, #44546A, #203864, #404040): a font or colour
    whose letters and digits are mostly set below 9 pt. The document's own text is 13–14 pt (notes and
    the Nơi nhận list 11–12 pt); a chart's title set larger goes with the rest of the chart's text."""
    small_font: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    small_colour: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for block in doc.blocks:
        if block.kind in ("header", "footer"):
            continue
        for run in block.runs:
            size = run.fmt.size_pt
            if not isinstance(size, (int, float)):
                continue
            n = sum(1 for c in block.text[run.start : run.end] if c.isalnum())
            small = size < FIGURE_SIZE_PT
            if run.fmt.font:
                key = re.split(r"[-,]", _display_font(run.fmt.font), maxsplit=1)[0]
                small_font[key][0] += n if small else 0
                small_font[key][1] += n
            if run.fmt.color:
                small_colour[run.fmt.color.upper()][0] += n if small else 0
                small_colour[run.fmt.color.upper()][1] += n
    fonts = {k for k, (small, total) in small_font.items() if total and small * 2 > total}
    colours = {k for k, (small, total) in small_colour.items() if total and small * 2 > total}
    return fonts, colours


@check("FMT004")
def font_not_times_new_roman(ctx) -> Iterator[Finding]:
    by_font, _ = _run_usage(ctx)
    for font, blocks in sorted(by_font.items(), key=lambda kv: -len(kv[1])):
        legacy = re.match(r"^(\.?vn|vni[- ])", font, re.IGNORECASE)
        extra_vi = " — phông TCVN3/VNI cũ, không phải Unicode" if legacy else ""
        extra_en = " — a legacy TCVN3/VNI font, not Unicode" if legacy else ""
        yield _aggregate(
            "FMT004",
            f"{len(blocks)} đoạn dùng phông {font}{extra_vi}, không phải Times New Roman",
            f"{len(blocks)} paragraph(s) use the font {font}{extra_en}, not Times New Roman",
            ctx.doc,
            blocks,
            suggestion="Times New Roman",
            fix=_font_fix(ctx, blocks, font),
        )


@check("FMT011")
def text_not_black(ctx) -> Iterator[Finding]:
    _, by_colour = _run_usage(ctx)
    for colour, blocks in sorted(by_colour.items(), key=lambda kv: -len(kv[1])):
        yield _aggregate(
            "FMT011",
            f"{len(blocks)} đoạn có chữ màu #{colour}, không phải màu đen",
            f"{len(blocks)} paragraph(s) have text coloured #{colour}, not black",
            ctx.doc,
            blocks,
            suggestion="Màu chữ đen (Automatic)",
            fix=_colour_fix(ctx, blocks, colour),
        )


# ---------------------------------------------------------------- FMT005–FMT009 body paragraphs


def _capital_heading(block: Block) -> bool:
    """A short heading typed or shown in capitals ("I. MỤC ĐÍCH, YÊU CẦU")."""
    if len(block.text.split()) > 15:
        return False
    shown = [
        c.isupper() or bool(run.fmt.caps)
        for run in block.runs
        for c in block.text[run.start : run.end]
        if c.isalpha()
    ]
    return bool(shown) and all(shown)


MUC_LINE = lazyre.compile(r"^\s*+Mục\s++\d{1,3}\b", re.IGNORECASE)


def _section_name(doc, block: Block) -> bool:
    """The name of a Mục in capitals under its "Mục 1" line ("Mục 1" / "QUY ĐỊNH CHUNG"): the one heading PL I
    sets at 12–13 pt (row 6.a, the chương–mục–điều layout). The "I. MỤC ĐÍCH, YÊU CẦU" headings of a plan or
    a report laid out phần–mục–khoản are 13–14 pt like the text (row 6.b; the lead's settlement, 269)."""
    if not _capital_heading(block):
        return False
    before = next((b for b in reversed(doc.blocks[: block.index]) if b.text.strip()), None)
    return bool(MUC_LINE.match(block.text)) or (before is not None and bool(MUC_LINE.match(before.text)))


@check("FMT005")
def body_size(ctx) -> Iterator[Finding]:
    doc = ctx.doc
    pdf = is_pdf(doc)
    tol = 0.5 if pdf else 0.01
    by_size: dict[float, list[Block]] = defaultdict(list)
    for block in _body_paragraphs(ctx):
        size = block.dominant("size_pt")
        if not isinstance(size, (int, float)):
            continue
        if pdf and size < 9:
            continue  # PDF: labels of charts and diagrams drawn as text, not body paragraphs
        if 12 - tol <= size < 13 - tol and _section_name(doc, block):
            continue  # the name of a Mục in capitals: 12–13 pt (Phụ lục I, mục II.6.a)
        if size < 13 - tol or size > 14 + tol:
            by_size[round(size * 2) / 2].append(block)
    for size, blocks in sorted(by_size.items(), key=lambda kv: -len(kv[1])):
        yield _aggregate(
            "FMT005",
            f"{len(blocks)} đoạn nội dung cỡ chữ {fmt_pt(size)} pt, quy định 13–14 pt",
            f"{len(blocks)} body paragraph(s) in {size:g} pt; required 13–14 pt",
            doc,
            blocks,
            suggestion="Cỡ chữ 14 pt",
            fix=None
            if pdf
            else fx.safe(
                [fx.run_format(b, size_pt=_body_size(ctx)) for b in blocks],
                vi=f"Cỡ chữ {fmt_pt(_body_size(ctx))} pt",
                en=f"{_body_size(ctx):g} pt",
            ),
        )


@check("FMT006")
def body_not_justified(ctx) -> Iterator[Finding]:
    doc = ctx.doc
    pdf = is_pdf(doc)
    by_align: dict[str, list[Block]] = defaultdict(list)
    for block in _body_paragraphs(ctx):
        align = block.para.alignment
        if align not in ("left", "right"):
            continue  # justified, centred (headings) or unknown
        if not pdf and len(block.text.strip()) < 100:
            continue
        by_align[align].append(block)
    names = {"left": ("căn trái", "left-aligned"), "right": ("căn phải", "right-aligned")}
    for align, blocks in by_align.items():
        vi, en = names[align]
        yield _aggregate(
            "FMT006",
            f"{len(blocks)} đoạn nội dung {vi}, không căn đều hai lề",
            f"{len(blocks)} body paragraph(s) {en}, not justified",
            doc,
            blocks,
            suggestion="Căn đều hai lề (Justify)",
            fix=None
            if pdf
            else fx.safe(
                [fx.paragraph(b, alignment="both") for b in blocks], vi="Căn đều hai lề", en="Justify"
            ),
        )


LEADING = lazyre.compile(r"^[ \t\u00a0]+")
# an entry of a numbered list that reads as a list, not as paragraphs ("101. Trường THPT Long Trường;")
LIST_ENTRY = lazyre.compile(r"^\s*\d{1,3}[.)]\s[^.;:]{1,100}[;,.]\s*$")
LIST_MARK = lazyre.compile(r"^\s*(?:[-–+•*]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVXL]{1,5}[.)])\s")
WIDE_GAP = lazyre.compile(r"\t|[ \u00a0]{4,}")


def _laid_out_with_blanks(text: str) -> bool:
    """A line placed with runs of blanks rather than typed as a paragraph: two capitalised columns
    ("THƯ KÝ        CHỦ TỌA", "KHOA KHÁM BỆNH\tP. CÔNG NGHỆ THÔNG TIN"), or words pushed half-way across
    the page (a signer's name after 20 spaces, a title centred by hand)."""
    lead = LEADING.match(text)
    blanks = lead.group() if lead else ""
    if len(blanks) + 5 * blanks.count("\t") >= 20:  # a tab stop is about six spaces wide
        return True
    body = text.strip()
    columns = [part for part in WIDE_GAP.split(body) if part.strip()]
    if len(columns) < 2:
        return False
    letters = [c for c in body if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _typed_indent(block: Block) -> bool:
    """Indented with the Tab key or spaces: a tab, three spaces or more, or two spaces where the
    paragraph has no first-line indent of its own (two stray spaces after a 1 cm indent are not one)."""
    lead = LEADING.match(block.text)
    if lead is None:
        return False
    blanks = lead.group()
    if "\t" in blanks or len(blanks) >= 3:
        return True
    own = (block.para.first_line_indent_mm or 0.0) + (block.para.left_indent_mm or 0.0)
    return len(blanks) >= 2 and own < 9.5


@check("FMT007")
def first_line_indent(ctx) -> Iterator[Finding]:
    doc = ctx.doc
    pdf = is_pdf(doc)
    tol = 1.0 if pdf else 0.0
    typed: list[Block] = []
    wrong: dict[str, list[Block]] = defaultdict(list)
    values: dict[str, list[float]] = defaultdict(list)
    for block in _body_paragraphs(ctx):
        if block.para.alignment in ("center", "right"):
            continue
        if not pdf and _laid_out_with_blanks(block.text):
            continue  # a signature row or a line pushed across the page: not a paragraph's indent
        if not pdf and _typed_indent(block):
            typed.append(block)
            continue
        indent = block.para.first_line_indent_mm
        if indent is None or (pdf and block.para.left_indent_mm is None):
            continue  # PDF: a single line cannot tell a first-line indent from a left indent
        if (pdf and block.text[:1].islower()) or block.text[:1] == "(" or block.index in _continued(ctx):
            continue  # PDF: the rest of a paragraph the layout split (across a table or a page)
        if block.para.numbering_label:
            continue  # Word list items hang their label
        if pdf:
            # the whole paragraph set in from the body's left edge (a dash item indented as a block): its
            # first line starts there, it is not an unindented paragraph
            left = _pdf_block_indent(ctx, block)
        else:
            left = block.para.left_indent_mm or 0.0
        if left >= 1.0:
            # DOCX: the first line starts at left + firstLine ("left 720, firstLine 0" looks exactly like
            # "firstLine 720" on a one-line heading); a block indented past the range sits under a list
            # item, which is layout of its own, not a missing first-line indent
            indent = left + indent
            if indent >= 9.5:
                continue
        if 9.5 - tol <= indent <= 13.2 + tol:
            continue
        key = "none" if abs(indent) < 1.0 else ("hanging" if indent < 0 else "other")
        wrong[key].append(block)
        values[key].append(indent)
    if typed:
        yield _aggregate(
            "FMT007",
            f"{len(typed)} đoạn thụt đầu dòng bằng phím Tab hoặc dấu cách",
            f"{len(typed)} paragraph(s) indented with tabs or spaces",
            doc,
            typed,
            suggestion="Thụt dòng đầu 1,27 cm bằng định dạng đoạn (First line)",
            fix=fx.safe(
                [_typed_indent_fix(b) for b in typed],
                vi="Thụt dòng đầu 1,27 cm",
                en="First-line indent 1.27 cm",
            ),
        )
    for key, blocks in wrong.items():
        if key == "none":
            vi, en = "không thụt đầu dòng", "have no first-line indent"
        else:
            vals = sorted(values[key])
            mid = vals[len(vals) // 2]
            vi = f"thụt đầu dòng {fmt_mm(mid)} mm" if key == "other" else f"thụt treo {fmt_mm(-mid)} mm"
            en = f"have a first-line indent of {mid:.1f} mm" if key == "other" else f"hang by {-mid:.1f} mm"
        yield _aggregate(
            "FMT007",
            f"{len(blocks)} đoạn nội dung {vi}, quy định 1–1,27 cm",
            f"{len(blocks)} body paragraph(s) {en}; required 1–1.27 cm",
            doc,
            blocks,
            suggestion="Thụt dòng đầu 1,27 cm (First line)",
            fix=None
            if pdf
            else fx.safe(
                [fx.paragraph(b, first_line_indent_mm=INDENT_MM) for b in blocks],
                vi="Thụt dòng đầu 1,27 cm",
                en="First-line indent 1.27 cm",
            ),
        )


@check("FMT008")
def paragraph_spacing(ctx) -> Iterator[Finding]:
    doc = ctx.doc
    pdf = is_pdf(doc)
    paras = _body_paragraphs(ctx)
    tight: list[Block] = []
    gaps: list[float] = []
    for prev, block in itertools.pairwise(paras):
        if block.index != prev.index + 1:
            continue  # something else (a table, a heading cell) sits between them
        if (DASH_ITEM.match(block.text) or LIST_ENTRY.match(block.text)) and len(block.text) < 120:
            continue  # a short "- item;" line of a list: the list, not each item, is the paragraph
        if block.index in _continued(ctx):
            continue  # PDF: the wrapped rest of the paragraph before, not a paragraph of its own
        if pdf:
            if block.page != prev.page or block.para.space_before_pt is None:
                continue
            size = block.dominant("size_pt")
            if block.text[:1].islower() or (isinstance(size, (int, float)) and size < 12):
                continue  # a fragment the layout split, or table/chart text drawn as lines
            if len(block.text) < 40 and len(prev.text) < 40:
                continue  # short cells of a table read row by row
            gap = block.para.space_before_pt
            if gap < 6 - 1.5:
                tight.append(block)
                gaps.append(gap)
        else:
            before = block.para.space_before_pt or 0.0
            after = prev.para.space_after_pt or 0.0
            # Word draws the larger of the two, not their sum: 3 pt after + 3 pt before shows as a
            # 3 pt gap (measured on the corpus PDFs made by Word and Aspose from the same DOCX)
            gap = max(before, after)
            if gap < 6 - 0.01:
                tight.append(block)
                gaps.append(gap)
    if tight:
        gap = sorted(gaps)[len(gaps) // 2]
        yield _aggregate(
            "FMT008",
            f"{len(tight)} đoạn cách đoạn trước {fmt_pt(gap)} pt, quy định tối thiểu 6 pt",
            f"{len(tight)} paragraph(s) are {gap:g} pt from the previous one; at least 6 pt required",
            doc,
            tight,
            suggestion="Spacing Before 6 pt",
            fix=None
            if pdf
            else fx.safe(
                [fx.paragraph(b, space_before_pt=6) for b in tight],
                vi="Cách đoạn trước 6 pt",
                en="6 pt before",
            ),
        )


@check("FMT009")
def line_spacing(ctx) -> Iterator[Finding]:
    doc = ctx.doc
    pdf = is_pdf(doc)
    low: list[Block] = []
    high: list[Block] = []
    values: dict[str, list[str]] = defaultdict(list)
    for block in _body_paragraphs(ctx):
        para = block.para
        size = block.dominant("size_pt")
        if pdf:
            if para.line_spacing is None:
                continue
            ratio = para.line_spacing
            lo, hi = 0.92, 1.58
            shown = f"{ratio:.2f}".replace(".", ",") + " dòng (ước lượng)"
        elif (
            para.line_rule in ("exact", "atLeast") and para.line_spacing_pt and isinstance(size, (int, float))
        ):
            ratio = para.line_spacing_pt / (1.15 * size)
            lo, hi = 0.9, 1.6
            if para.line_rule == "atLeast":
                # "at least" never makes a line tighter than the text needs: below single it is single
                # (w:line="20" atLeast is a 1 pt floor, not 1 pt lines); above 1.5 lines it does widen
                lo = 0.0
            shown = f"{fmt_pt(para.line_spacing_pt)} pt"
        else:
            if para.line_spacing is None:
                continue
            ratio = para.line_spacing
            lo, hi = 1.0 - 0.01, 1.5 + 0.01
            shown = f"{ratio:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " dòng"
        if ratio < lo:
            low.append(block)
            values["low"].append(shown)
        elif ratio > hi:
            high.append(block)
            values["high"].append(shown)
    for key, blocks in (("low", low), ("high", high)):
        if not blocks:
            continue
        shown = max(set(values[key]), key=values[key].count)
        vi = "nhỏ hơn một dòng (single)" if key == "low" else "lớn hơn 1,5 dòng"
        en = "below single" if key == "low" else "above 1.5 lines"
        yield _aggregate(
            "FMT009",
            f"{len(blocks)} đoạn nội dung giãn dòng {shown}, {vi}",
            f"{len(blocks)} body paragraph(s) have line spacing {shown}, {en}",
            doc,
            blocks,
            suggestion="Giãn dòng từ Single đến 1,5 lines",
            fix=None
            if pdf
            else fx.safe(
                [fx.paragraph(b, line_spacing=1.0 if key == "low" else 1.5) for b in blocks],
                vi="Giãn dòng " + ("một dòng" if key == "low" else "1,5 dòng"),
                en="Single spacing" if key == "low" else "1.5 lines",
            ),
        )


# ---------------------------------------------------------------- FMT010 page numbers


def _main_text_end(rec) -> int | None:
    """The last block of the document itself (signature, Nơi nhận, or the content's end): what follows it
    is an appendix or an attached form, numbered on its own."""
    ends = [b for b in (rec.signature.blocks if rec.signature else ()) if b is not None]
    ends += [c.block for c in rec.recipients]
    if not ends and rec.body_end is not None:
        ends.append(rec.body_end)
    return max(ends) if ends else None


def _runs_over_one_page(doc: Document, rec, pdf: bool) -> bool:
    """Does the document, or what is attached after its signature (an appendix, a list, a form), run over
    one page? Each is numbered on its own (Phụ lục I, III.1.đ), so a one-page letter with a one-page
    form attached needs no number, and an image page carries no text to count. Pages come from the PDF or
    from the pages Word last rendered into the DOCX; without them, more text than about two pages."""
    end = _main_text_end(rec)
    main = doc.blocks if end is None else doc.blocks[: end + 1]
    rest = [] if end is None else doc.blocks[end + 1 :]
    if pdf or any((b.page or 0) > 1 for b in doc.blocks):
        copies = _merged_copies(doc.blocks, rec)
        if copies is not None:
            # a mail merge: the same kind of document again and again; the header lines above the next
            # copy's title sit on that copy's first page, not on this copy's
            for copy, after in itertools.zip_longest(copies, copies[1:]):
                pages = {b.page for b in copy if b.page is not None and b.text.strip()}
                if after is not None:
                    pages.discard(after[0].page)
                if len(pages) > 1:
                    return True
            return False
        main_pages = {b.page for b in main if b.page is not None and b.text.strip()}
        rest_pages = {b.page for b in rest if b.page is not None and b.text.strip()} - main_pages
        return len(main_pages) > 1 or len(rest_pages) > 1
    return sum(len(b.text) for b in main) > 5000 or sum(len(b.text) for b in rest) > 5000


NOI_NHAN = lazyre.compile(r"^\s*+Nơi nhận\s*+:", re.IGNORECASE)


def _merged_copies(blocks: list[Block], rec) -> list[list[Block]] | None:
    """The documents of a file that holds several of the same kind one after another (a mail merge of ten
    one-page decisions: the title "QUYẾT ĐỊNH" again after each one's signature and Nơi nhận): the copies,
    the first from the top of the file, each next one from its title. None when the title does not come
    again after a Nơi nhận (an appendix, a list, a form after the signature is no copy)."""
    title = rec.doc_type_name.text.strip() if rec.doc_type_name is not None else ""
    if not title:
        return None
    starts = [i for i, b in enumerate(blocks) if b.text.strip() == title]
    signed = [i for i, b in enumerate(blocks) if NOI_NHAN.match(b.text)]
    # a copy starts only after the one before has ended with its Nơi nhận
    cuts = [s for prev, s in itertools.pairwise(starts) if any(prev < n < s for n in signed)]
    if len(starts) < 2 or len(cuts) != len(starts) - 1:
        return None
    bounds = [0, *cuts, len(blocks)]
    return [blocks[a:b] for a, b in itertools.pairwise(bounds)]  # from each title (the first: the top)


_HEADER_DATE = lazyre.compile(
    r"ngày\s{0,3}(\d{1,2})\s{0,3}tháng\s{0,3}(\d{1,2})\s{0,3}năm\s{0,3}(\d{4})", re.IGNORECASE
)


def _before_in_force(ctx) -> bool:
    """The document is dated before NĐ 30 took effect (option fmt010-in-force): its page numbers followed
    TT 01/2011/TT-BNV. The date is the recognised place/date line's, else one in the first lines."""
    own = None
    pd = ctx.rec.parsed_date
    if pd is not None and pd.year and pd.month:
        try:
            own = (int(pd.year), int(pd.month), int(pd.day) if pd.day else 1)
        except ValueError:
            own = None
    if own is None:
        for b in ctx.doc.blocks[:12]:
            m = _HEADER_DATE.search(b.text)
            if m:
                own = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
                break
    if own is None:
        return False
    try:
        year, month, day = (int(x) for x in str(ctx.option("fmt010-in-force")).split("-"))
    except ValueError:
        return False
    return own < (year, month, day)


@check("FMT010")
def page_numbers(ctx) -> Iterator[Finding]:
    doc: Document = ctx.doc
    pdf = is_pdf(doc)
    # "even" headers only show when settings.xml turns on evenAndOddHeaders, which the model does
    # not carry: judge the default and first-page ones
    numbered = [(s, h) for s in doc.sections for h in s.headers if h.has_page_field and h.variant != "even"]
    if not numbered:
        if _runs_over_one_page(doc, ctx.rec, pdf):
            yield _page_finding(
                "FMT010",
                "Văn bản nhiều trang nhưng không đánh số trang.",
                "A multi-page document without page numbers.",
                suggestion="Chèn số trang ở giữa lề trên, từ trang 2",
                fix=None
                if pdf
                else fx.safe(
                    [fx.page_numbers(i, hide_on_first_page=i == 0) for i in _own_header_sections(doc)],
                    vi="Chèn số trang giữa lề trên, từ trang 2",
                    en="Page numbers centred at the top, from page 2",
                ),
            )
        return
    if _before_in_force(ctx):
        return  # TT 01/2011: top centre or bottom right, page 1 not hidden — the place is not NĐ 30's to judge
    in_footer = [h for _s, h in numbered if h.kind == "footer"]
    if in_footer:
        yield _page_finding(
            "FMT010",
            "Số trang đặt ở chân trang (lề dưới); quy định đặt ở giữa lề trên.",
            "Page numbers are in the footer; they belong centred in the top margin.",
            suggestion="Chuyển số trang lên đầu trang (Header), căn giữa",
            fix=None
            if pdf
            else fx.safe(
                [
                    fx.page_numbers(
                        s.index,
                        remove_from_footer=True,
                        hide_on_first_page=s.index == 0,
                        add_field=not any(h.has_page_field and h.kind == "header" for h in s.headers),
                    )
                    for s in doc.sections
                    if any(h.has_page_field and h.kind == "footer" for h in s.headers)
                ],
                vi="Chuyển số trang lên giữa lề trên",
                en="Move the page numbers to the top centre",
            ),
        )
    # PDF: the number's place is read from glyphs, and landscape pages of a table put it off the portrait
    # centre; only DOCX says the alignment of the field
    off_centre = [
        h for _s, h in numbered if h.kind == "header" and h.alignment not in (None, "center") and not pdf
    ]
    if off_centre:
        side = {"left": ("bên trái", "left"), "right": ("bên phải", "right")}.get(
            off_centre[0].alignment or "", ("lệch", "off-centre")
        )
        yield _page_finding(
            "FMT010",
            f"Số trang đặt {side[0]}; quy định căn giữa theo chiều ngang trong lề trên.",
            f"Page numbers are placed {side[1]}; they belong centred in the top margin.",
            suggestion="Căn giữa số trang",
            fix=None
            if pdf
            else fx.safe(
                [
                    fx.page_numbers(s.index, add_field=False, hide_on_first_page=False)
                    for s in doc.sections
                    if any(h in off_centre for h in s.headers)
                ],
                vi="Căn giữa số trang",
                en="Centre the page numbers",
            ),
        )
    # page 1: the first section shows a number on its first page unless it has a different first page
    first_section = doc.sections[0] if doc.sections else None
    if first_section is not None:
        own = [h for h in first_section.headers if h.has_page_field]
        shown_first = False
        if first_section.title_page:
            shown_first = any(h.variant == "first" for h in own)
        else:
            shown_first = any(h.variant == "default" for h in own)
        if shown_first and (not pdf or (doc.facts.page_count or 0) >= 1):
            yield _page_finding(
                "FMT010",
                "Số trang hiện ở trang thứ nhất; quy định không hiển thị số trang 1.",
                "The page number is shown on page 1; the first page must not show it.",
                suggestion="Bật “Different First Page” và để trống đầu trang của trang 1",
                fix=None
                if pdf
                else fx.safe(
                    fx.page_numbers(0, add_field=False, centre=False),
                    vi="Không hiện số trang ở trang 1",
                    en="No number on page 1",
                ),
            )
    if any(h.has_numpages_field or re.search(r"\btrang\b", h.text, re.IGNORECASE) for _s, h in numbered):
        yield _page_finding(
            "FMT010",
            "Số trang ghi dạng “Trang x/y”; quy định chỉ ghi số trang bằng chữ số Ả Rập.",
            "Page numbers written as “Page x of y”; only the Arabic page number is required.",
            suggestion="Chỉ để số trang (trường PAGE)",
        )


# ---------------------------------------------------------------- fixes (doclint fix)

INDENT_MM = 12.7  # 1.27 cm, Word's own first-line indent and NĐ 30's upper value


def _a4_fix(ctx, key: tuple):
    """A4 for the sections of this paper size, in their own orientation (a landscape table page stays
    landscape)."""
    if is_pdf(ctx.doc):
        return None
    edits = []
    for i in _page_problems(ctx)[key]:
        section = ctx.doc.sections[i]
        wide = landscape_section(section)
        edits.append(
            fx.section(i, page_width_mm=A4[1] if wide else A4[0], page_height_mm=A4[0] if wide else A4[1])
        )
    return fx.safe(edits, vi="Khổ A4 (210 × 297 mm)", en="A4 (210 × 297 mm)")


def _portrait_fix(ctx, key: tuple):
    """Landscape pages with no table turned upright: likely, but the drafter may have a reason."""
    if is_pdf(ctx.doc):
        return None
    edits = []
    for i in _page_problems(ctx)[key]:
        section = ctx.doc.sections[i]
        w, h = section.page_width_mm, section.page_height_mm
        if w and h:
            edits.append(
                fx.section(i, page_width_mm=min(w, h), page_height_mm=max(w, h), orientation="portrait")
            )
    return fx.unsafe(edits, vi="Đặt trang đứng", en="Portrait")


def _font_fix(ctx, blocks: list[Block], font: str):
    """Times New Roman on the runs drawn in ``font``; a TCVN3/VNI run keeps its font unless its text reads
    the same in Unicode (TXT002 converts the others, text and font together)."""
    from doclint.vn import legacy

    if is_pdf(ctx.doc):
        return None
    edits = []
    for block in blocks:
        for run in block.runs:
            if not _visible(block, run) or _offending_font(block, run, False) != font:
                continue
            enc = legacy.font_encoding(run.fmt.font_hansi or run.fmt.font) or legacy.font_encoding(
                run.fmt.font
            )
            piece = block.text[run.start : run.end]
            if (
                enc
                and legacy.convert(piece, enc, legacy.is_caps_font(run.fmt.font_hansi or run.fmt.font))
                != piece
            ):
                continue
            edits.append(fx.run_format(block, run.start, run.end, font=fx.TIMES))
    return fx.safe(edits, vi="Phông Times New Roman", en="Times New Roman")


def _colour_fix(ctx, blocks: list[Block], colour: str):
    if is_pdf(ctx.doc):
        return None
    edits = [fx.run_format(b, r.start, r.end, color="auto") for b in blocks for r in b.runs
             if r.fmt.color and r.fmt.color.upper() == colour and r.start < r.end]  # fmt: skip
    return fx.safe(edits, vi="Màu chữ đen (Automatic)", en="Black (Automatic)")


def _body_size(ctx) -> float:
    """The size the body already uses within 13–14 pt (most of its paragraphs), else 14 pt."""

    def measure(ctx) -> float:
        sizes: dict[float, int] = defaultdict(int)
        for block in _body_paragraphs(ctx):
            size = block.dominant("size_pt")
            if isinstance(size, (int, float)) and 13 <= size <= 14:
                sizes[float(size)] += len(block.text)
        return max(sizes, key=sizes.__getitem__) if sizes else 14.0

    return ctx.cached("fmt_fix_body_size", measure)


def _typed_indent_fix(block: Block) -> list:
    """Tabs or spaces typed at the start of a paragraph become a first-line indent; a line that aligns
    columns with spaces or tabs (a signature, a header typed without a table) is left as it is."""
    words = block.text.lstrip(" \t")
    lead = len(block.text) - len(words)
    if "\t" in words or "   " in words or len(words) < 8:
        return []
    # a paragraph: long, or a sentence ("Kính trình ... xem xét, ký duyệt."), or a numbered heading or
    # item ("III. TỔ CHỨC THỰC HIỆN"); a short line in capitals without a number may be a header typed
    # without a table
    numbered = LIST_MARK.match(words) is not None
    sentence = words.rstrip()[-1:] in ".;:!?"
    if not (numbered or sentence or len(words) >= 60) or (words.isupper() and not numbered):
        return []
    indent = block.para.first_line_indent_mm
    keep = indent is not None and 9.5 <= indent <= 13.2
    return [*fx.delete(block, 0, lead), None if keep else fx.paragraph(block, first_line_indent_mm=INDENT_MM)]


def _own_header_sections(doc: Document) -> list[int]:
    """The sections whose page header is their own (the first, and any with its own default header):
    the others show the previous section's header, numbers included."""
    out = [0] if doc.sections else []
    for section in doc.sections[1:]:
        if any(h.kind == "header" and h.variant == "default" for h in section.headers):
            out.append(section.index)
    return out
