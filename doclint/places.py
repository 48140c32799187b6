"""Where a finding is, told the way a person finds it in Word, and the words it is about.

Word does not number paragraphs, so "đoạn 163" means nothing to a drafter. What they can find is the
page, the numbered heading of the outline (mục II.1, Điều 3, khoản 2, điểm a), the n-th dash item or
paragraph under that heading, a table cell, the page header, or a named part of the form (Số, ký hiệu;
Nơi nhận). :func:`describe` stores that as plain data on each finding (``Finding.place``), with the
words the finding covers (``Finding.anchor``) and the text around them (``Finding.context``, for the
terminal's ``^^^`` marker); :func:`label` turns it into words in either language.

Why paragraphs and not Word's "Line N" of the status bar: a DOCX stores no layout, so the line on the
page is only known after Word lays the page out; a wrong line number is worse than a paragraph count
a person can do by eye. The page is given when the file tells it (PDF; DOCX pages Word recorded).
"""

from __future__ import annotations

from typing import Any

CONTEXT_MAX = 420  # a paragraph up to this long is kept whole; a longer one is cut around the span
CONTEXT_SIDE = 160

# outline kinds from the widest to the narrowest; the dash items are counted, not named
LEVEL = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3, "dieu": 4, "roman": 5, "arabic": 6, "letter": 7,
         "dash": 8}  # fmt: skip
HEADING_KINDS = ("phan", "chuong", "muc", "tieu_muc", "dieu", "roman", "arabic", "letter")

# recognised parts of the form, by component key (the body's own parts are told by the outline)
FORM_PARTS = ("quoc_hieu", "tieu_ngu", "parent_body", "issuer", "number", "place_date", "doc_type_name",
              "trich_yeu", "authority_line", "kinh_gui", "enactment")  # fmt: skip


def describe(findings: list[Any], doc: Any, rec: Any) -> None:
    """Fill ``place``, ``anchor`` and ``context`` of every finding from the document (in place)."""
    if not findings:
        return
    where = _Where(doc, rec)
    for finding in findings:
        loc = finding.location
        block = loc.block
        if block is None or not (0 <= block < len(doc.blocks)):
            finding.place = {"page": loc.page} if loc.page else None
            continue
        text = doc.blocks[block].text
        start, end = loc.start, loc.end
        spanned = start is not None and end is not None and 0 <= start < end <= len(text)
        if spanned:
            finding.anchor = text[start:end]
        finding.context = _context(text, start if spanned else None, end if spanned else None)
        finding.place = where.place(block, loc.page)


def _context(text: str, start: int | None, end: int | None) -> dict:
    """The paragraph around the span: whole when short, else cut at spaces with "…" at the cuts."""
    if start is None or end is None:
        head = text if len(text) <= CONTEXT_MAX else _cut_end(text, CONTEXT_MAX) + "…"
        return {"text": head, "start": None, "end": None}
    if len(text) <= CONTEXT_MAX:
        return {"text": text, "start": start, "end": end}
    a = max(0, start - CONTEXT_SIDE)
    b = min(len(text), max(end, start + 1) + CONTEXT_SIDE)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(text) else ""
    return {
        "text": prefix + text[a:b] + suffix,
        "start": start - a + len(prefix),
        "end": end - a + len(prefix),
    }


def _cut_end(text: str, limit: int) -> str:
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


class _Where:
    """Block index -> place, from the recognised outline and components of one document."""

    def __init__(self, doc: Any, rec: Any) -> None:
        self.doc = doc
        self.parts: dict[int, str] = {}
        if rec is not None:
            for key in FORM_PARTS:
                comp = getattr(rec, key, None)
                if comp is not None:
                    self.parts.setdefault(comp.block, key)
            for comp in getattr(rec, "can_cu", []) or []:
                self.parts.setdefault(comp.block, "can_cu")
            for sig in [rec.signature, *(getattr(rec, "signatures", None) or [])]:
                if sig is not None:
                    for b in sig.blocks:
                        self.parts.setdefault(b, "signature")
            label = getattr(rec, "recipients_label", None)
            if label is not None:
                self.parts.setdefault(label.block, "recipients")
            for comp in getattr(rec, "recipients", []) or []:
                self.parts.setdefault(
                    comp.block, "luu" if comp is getattr(rec, "luu", None) else "recipients"
                )
            for comp in getattr(rec, "appendices", []) or []:
                self.parts.setdefault(comp.block, "appendices")
        outline = sorted(getattr(rec, "outline", None) or [], key=lambda o: o.block) if rec else []
        self.items = {o.block: o for o in outline}
        self.body_end = getattr(rec, "body_end", None) if rec else None
        self.first_item = outline[0].block if outline else None
        # the heading path in force at each outline item (computed once, walked per finding)
        self.paths: list[tuple[int, list[tuple[str, str]]]] = []
        stack: list[tuple[str, str]] = []
        for item in outline:
            if item.kind == "dash":
                continue
            level = LEVEL.get(item.kind, 9)
            while stack and LEVEL.get(stack[-1][0], 9) >= level:
                stack.pop()
            stack.append((item.kind, item.label))
            self.paths.append((item.block, list(stack)))

    def place(self, block: int, page: int | None) -> dict:
        b = self.doc.blocks[block]
        out: dict[str, Any] = {}
        page = page if page is not None else b.page
        if page:
            out["page"] = page
        if b.kind in ("header", "footer", "textbox"):
            out["part"] = b.kind
            return out
        part = self.parts.get(block)
        if part is not None:
            out["part"] = part
            return out
        if b.table is not None:
            out["table"] = [b.table.table + 1, b.table.row + 1, b.table.col + 1]
        outside = self.first_item is None or block < self.first_item
        if self.body_end is not None and block > self.body_end:
            outside = True
        if outside:
            if b.table is None:
                out["part"] = "opening" if self.first_item is None or block < self.first_item else "closing"
            return out
        heading_block, path = self._path_at(block)
        if path:
            out["heading"] = [list(p) for p in path]
        item = self.items.get(block)
        if item is not None and item.kind != "dash":
            out["on_heading"] = True
            return out
        if b.table is not None:
            return out
        # the n-th dash item, or the n-th paragraph, under the heading
        dashes = paras = 0
        for i in range(heading_block + 1, block + 1):
            other = self.doc.blocks[i]
            if other.kind in ("header", "footer", "textbox") or other.table is not None:
                continue
            o = self.items.get(i)
            if o is not None and o.kind == "dash":
                dashes += 1
            paras += 1
        if item is not None and item.kind == "dash":
            out["dash"] = dashes
        else:
            out["para"] = paras
        return out

    def _path_at(self, block: int) -> tuple[int, list[tuple[str, str]]]:
        found: tuple[int, list[tuple[str, str]]] = (block, [])
        for b, path in self.paths:
            if b > block:
                break
            found = (b, path)
        return found


# ---------------------------------------------------------------- words

PART_NAMES = {
    "header": ("đầu trang (header)", "page header"),
    "footer": ("chân trang (footer)", "page footer"),
    "textbox": ("hộp văn bản", "text box"),
    "opening": ("phần đầu văn bản", "opening part"),
    "closing": ("phần cuối văn bản", "closing part"),
}


def _heading_words(path: list[list[str]], lang: str) -> str:
    """``[["roman","II"],["arabic","1"],["letter","a"]]`` -> "mục II.1, điểm a"; Điều/khoản/điểm for laws."""
    en = lang == "en"
    numbered = [label for kind, label in path if kind in ("roman", "arabic")]
    words: list[str] = []
    for kind, label in path:
        if kind == "phan":
            words.append(f"{'Part' if en else 'Phần'} {label}")
        elif kind == "chuong":
            words.append(f"{'Chapter' if en else 'Chương'} {label}")
        elif kind in ("muc", "tieu_muc"):
            words.append(f"{'Section' if en else ('Mục' if kind == 'muc' else 'Tiểu mục')} {label}")
        elif kind == "dieu":
            words.append(f"{'Article' if en else 'Điều'} {label}")
    under_article = any(kind == "dieu" for kind, _ in path)
    if under_article:  # an article number is unique in the document: Chương/Mục add nothing
        words = [w for w in words if w.startswith(("Điều", "Article"))]
    if numbered:
        if under_article:
            words.append(f"{'clause' if en else 'khoản'} {'.'.join(numbered)}")
        else:
            words.append(f"{'section' if en else 'mục'} {'.'.join(numbered)}")
    letters = [label for kind, label in path if kind == "letter"]
    if letters:
        words.append(f"{'point' if en else 'điểm'} {letters[-1]}")
    if not en and under_article:
        words.reverse()  # "điểm a khoản 1 Điều 3", as the law cites itself
        return " ".join(words)
    return ", ".join(words)


def label(place: dict | None, lang: str = "vi", component: str | None = None) -> str:
    """ "trang 2, mục II.1, đoạn 3" — the place in words; "" when nothing is known."""
    from doclint.report.common import component_name

    en = lang == "en"
    if not place:
        return component_name(component, lang) if component else ""
    parts: list[str] = []
    if place.get("page"):
        parts.append(f"{'page' if en else 'trang'} {place['page']}")
    part = place.get("part")
    if part:
        name = PART_NAMES.get(part)
        parts.append(name[1 if en else 0] if name else component_name(part, lang))
    heading = place.get("heading")
    if heading:
        words = _heading_words(heading, lang)
        if (
            place.get("on_heading")
            and heading[-1][0] in ("roman", "arabic")
            and words.startswith(("mục", "section"))
        ):
            words = f"heading of {words}" if en else f"đề {words}"
        parts.append(words)
    table = place.get("table")
    if table:
        n, row, col = table
        parts.append(f"table {n}, row {row}, column {col}" if en else f"bảng {n}, hàng {row}, cột {col}")
    if place.get("dash"):
        parts.append(f"dash item {place['dash']}" if en else f"gạch đầu dòng thứ {place['dash']}")
    elif place.get("para"):
        parts.append(f"paragraph {place['para']}" if en else f"đoạn {place['para']}")
    if not parts and component:
        return component_name(component, lang)
    return ", ".join(parts)


def issuer_name(rec: Any) -> str | None:
    """The issuing body as one line ("ỦY BAN NHÂN DÂN XÃ LIÊN MINH"), for grouping a folder by unit."""
    comp = getattr(rec, "issuer", None) if rec is not None else None
    if comp is None or not comp.text:
        return None
    return " ".join(comp.text.split())
