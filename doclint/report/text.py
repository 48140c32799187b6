"""Terminal report: per document a verdict, then the findings grouped by rule, errors first.

::

    samples/loi-quyet-dinh.docx — Quyết định · văn bản hành chính
      ✘ Không đạt: sửa 12 lỗi trước khi trình ký, trước hết NUM003, SIG002 ×2; sau đó xem 9 cảnh báo.

      lỗi NUM003  Số văn bản phải có hai chữ số (01–09) và ký hiệu đúng loại văn bản:
                  "Số 5/QyĐ-UBND".
          Số, ký hiệu
            │ Số 5/QyĐ-UBND
            │ ^^^^^^^^^^^^^
          → sửa thành: Số: 05/QĐ-UBND

* the exact words are marked under the excerpt (``^^^``, as ruff and rustc do); the excerpt is a
  window of the paragraph around them, so they are never cut off;
* the place is where a person finds it in Word (see :mod:`doclint.places`), not a paragraph index;
* several findings of one rule in a document are one entry listing their places (at most
  ``MAX_ITEMS`` shown in full, the others by place);
* colour only where it means something (severity, the marked words, the suggestion); no automatic
  highlighting of numbers or paths; wrapping at the given width with a hanging indent;
* ``quiet``: errors only (the verdict still counts everything).
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

from doclint import lazyre
from doclint.report import ReportOptions, common

_measure: Any = None


def cell_len(text: str) -> int:
    """The terminal cells ``text`` takes (rich's measure, imported by the first line that needs
    measuring: a report piped without a width measures nothing)."""
    global _measure
    if _measure is None:
        from rich.cells import cell_len as measure

        _measure = measure
    return _measure(text)


STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"fail": "bold red", "fix": "bold yellow", "pass": "bold green"}
STATUS_MARK = {"fail": "✘", "fix": "!", "pass": "✔"}
MAX_ITEMS = 6
INDENT_ENTRY, INDENT_ITEM, INDENT_TEXT = 2, 6, 8

WORDS = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý", "suggest": "sửa thành", "basis": "căn cứ",
           "unreadable": "không đọc được", "files": "tệp", "total": "Tổng", "more": "và {n} chỗ khác",
           "suppressed": "Đã bỏ qua theo chú thích trong văn bản", "by": "của", "baseline":
           "có trong baseline, không hiện", "quiet": "chỉ hiện lỗi (--quiet)", "fail": "không đạt",
           "fix": "cần sửa", "pass": "đạt", "times": "lần"},
    "en": {"error": "error", "warning": "warning", "info": "info", "suggest": "suggestion", "basis": "basis",
           "unreadable": "unreadable", "files": "files", "total": "Total", "more": "and {n} more",
           "suppressed": "Suppressed by a comment in the document", "by": "by", "baseline":
           "in the baseline, not shown", "quiet": "errors only (--quiet)", "fail": "fail", "fix": "need changes",
           "pass": "pass", "times": "times"},
}  # fmt: skip

_CLAUSE = lazyre.compile(r"(?<=[.;!?])\s+")


# ---------------------------------------------------------------- grouping


def groups(findings: list[Any]) -> list[tuple[str, str, list[tuple[Any, int]]]]:
    """``(severity, code, [(finding, times)])``: errors first, then by first appearance; identical
    findings (same place, words and message) are one item seen ``times`` times."""
    order: dict[tuple[str, str], int] = {}
    items: dict[tuple[str, str], list[tuple[Any, int]]] = {}
    seen: dict[tuple, int] = {}
    for n, f in enumerate(findings):
        key = (common.severity_of(f), f.code)
        order.setdefault(key, n)
        loc = f.location
        ident = (key, loc.block, loc.start, loc.end, f.vi, f.en)
        bucket = items.setdefault(key, [])
        if ident in seen:
            i = seen[ident]
            bucket[i] = (bucket[i][0], bucket[i][1] + 1)
            continue
        seen[ident] = len(bucket)
        bucket.append((f, 1))
    keys = sorted(items, key=lambda k: (-common.SEVERITY_RANK[k[0]], order[k]))
    return [(sev, code, items[(sev, code)]) for sev, code in keys]


def _clauses(message: str) -> list[str]:
    return [c for c in _CLAUSE.split(message.strip()) if c]


def split_messages(messages: list[str]) -> tuple[str, list[str]]:
    """``(shared, own)``: the clauses every message ends with (said once), and what is left of each."""
    parts = [_clauses(m) for m in messages]
    if len(set(messages)) == 1:
        return messages[0], ["" for _ in messages]
    tail = 0
    while all(len(p) > tail + 1 for p in parts) and len({tuple(p[len(p) - tail - 1 :]) for p in parts}) == 1:
        tail += 1
    if tail == 0:
        return "", messages
    shared = " ".join(parts[0][len(parts[0]) - tail :])
    own = [" ".join(p[: len(p) - tail]).rstrip(" ;,") for p in parts]
    return shared[:1].upper() + shared[1:], own


# ---------------------------------------------------------------- the marked excerpt


def _clean(text: str) -> str:
    """Tabs and line breaks as spaces (one character each, so offsets still hold)."""
    return "".join(" " if ch in "\t\n\r\v\f" else ch for ch in text)


def window(text: str, start: int | None, end: int | None, avail: int) -> tuple[str, int, int]:
    """A stretch of ``text`` at most ``avail`` cells wide showing ``[start, end)``; returns the
    stretch and the span's offsets in it (``-1`` when there is no span)."""
    text = _clean(text)
    if start is None or end is None or not (0 <= start < end <= len(text)):
        if cell_len(text) <= avail:
            return text, -1, -1
        return _fit(text, avail - 1) + "…", -1, -1
    if cell_len(text) <= avail:
        return text, start, end
    span = cell_len(text[start:end])
    if span >= avail - 2:  # the words alone fill the line: show their start
        head = "…" if start > 0 else ""
        shown = head + _fit(text[start:], avail - len(head) - 1) + "…"
        return shown, len(head), len(shown) - 1
    room = avail - span - 2
    before = min(room // 3 if end < len(text) else room, cell_len(text[:start]))
    a = start
    while a > 0 and cell_len(text[a - 1 : start]) <= before:
        a -= 1
    if a > 0:
        space = text.find(" ", a, start)
        if space != -1 and start - space < before:
            a = space + 1
    while a < start and text[a] == " ":
        a += 1
    prefix = "…" if a > 0 else ""
    b = end
    limit = avail - cell_len(prefix) - cell_len(text[a:end])
    while b < len(text) and cell_len(text[end : b + 1]) <= limit - 1:
        b += 1
    if b < len(text):
        space = text.rfind(" ", end, b)
        if space != -1 and space > end:
            b = space
    while b > end and text[b - 1] == " ":
        b -= 1
    suffix = "…" if b < len(text) else ""
    shown = prefix + text[a:b] + suffix
    return shown, len(prefix) + (start - a), len(prefix) + (end - a)


def _fit(text: str, cells: int) -> str:
    out = []
    used = 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells:
            break
        out.append(ch)
        used += w
    return "".join(out)


def excerpt_of(f: Any) -> tuple[str, int | None, int | None] | None:
    """The text to show under a finding and the span in it: the paragraph context the engine kept,
    else the rule's excerpt (with the covered words found in it when possible)."""
    ctx = getattr(f, "context", None)
    if ctx and ctx.get("text"):
        return ctx["text"], ctx.get("start"), ctx.get("end")
    if f.excerpt:
        anchor = getattr(f, "anchor", None)
        if anchor and anchor in f.excerpt:
            i = f.excerpt.index(anchor)
            return f.excerpt, i, i + len(anchor)
        return f.excerpt, None, None
    return None


# ---------------------------------------------------------------- writing


# what Rich's Text drops from any text it is given (bell, backspace, vertical tab, form feed, CR)
_RICH_STRIPPED = str.maketrans(dict.fromkeys((7, 8, 11, 12, 13)))
CONSOLE_WIDTH = 10_000


class _Writer:
    def __init__(self, options: ReportOptions) -> None:
        self.buffer = io.StringIO()
        self.color = bool(options.color)
        self._console = None
        self.width = options.width

    @property
    def console(self):
        """Rich, for colours (and for the rare line whose layout Rich changes: tabs, very long lines).
        Imported on first use: a report to a file or a pipe is plain text, and importing Rich cost a
        one-file check a tenth of its time (issue 17)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.buffer,
                force_terminal=self.color,
                no_color=not self.color,
                color_system="standard" if self.color else None,
                width=CONSOLE_WIDTH,  # the wrapping is ours (hanging indents); Rich must not wrap again
                soft_wrap=True,
                highlight=False,
                markup=False,
                emoji=False,
            )
        return self._console

    def line(self, *pieces: tuple[str, str | None]) -> None:
        if not self.color:
            plain = "".join(chunk for chunk, _ in pieces).translate(_RICH_STRIPPED)
            if "\t" not in plain and 2 * len(plain) < CONSOLE_WIDTH:  # Rich would print it as it is
                self.buffer.write(plain + "\n")
                return
        from rich.text import Text

        text = Text()
        for chunk, style in pieces:
            text.append(chunk, style=style or "")
        self.console.print(text)

    def blank(self) -> None:
        if self.color:
            self.console.print()
        else:
            self.buffer.write("\n")

    def wrapped(
        self, head: list[tuple[str, str | None]], body: str, indent: int, style: str | None = None
    ) -> None:
        """``head`` then ``body`` wrapped at the width; continuation lines start at ``indent``."""
        if not self.width or not body:
            self.line(*head, (body, style))
            return
        first = sum(cell_len(chunk) for chunk, _ in head)
        lines = wrap(body, max(12, self.width - first), max(20, self.width - indent))
        self.line(*head, (lines[0], style))
        for rest in lines[1:]:
            self.line((" " * indent, None), (rest, style))

    def value(self) -> str:
        return self.buffer.getvalue()


def wrap(text: str, first: int, rest: int) -> list[str]:
    """Greedy word wrap by display cells: the first line ``first`` wide, the others ``rest``; a word
    longer than a line is cut."""
    lines: list[str] = []
    current = ""
    width = first
    for word in text.split():
        while cell_len(word) > width:
            room = width - cell_len(current) - (1 if current else 0)
            if room < 4:
                lines.append(current)
                current, width = "", rest
                continue
            head = _fit(word, room)
            lines.append(f"{current} {head}" if current else head)
            word = word[len(head) :]
            current, width = "", rest
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current, width = word, rest
    lines.append(current)
    return lines or [""]


def _marked(w: _Writer, f: Any, sev: str, indent: int) -> None:
    shown = excerpt_of(f)
    if shown is None:
        return
    text, start, end = shown
    avail = (w.width or 140) - indent - 2
    line, a, b = window(text, start, end, max(20, avail))
    pad = " " * indent
    if a < 0:
        w.line((pad, None), ("│ ", "dim"), (line, None))
        return
    w.line((pad, None), ("│ ", "dim"), (line[:a], None), (line[a:b], f"bold underline {STYLE[sev]}"),
           (line[b:], None))  # fmt: skip
    w.line((pad, None), ("│ ", "dim"), (" " * cell_len(line[:a]), None), ("^" * max(1, cell_len(line[a:b])),
           STYLE[sev]))  # fmt: skip


def _item(w: _Writer, f: Any, times: int, sev: str, own: str, lang: str, words: dict, show_basis: bool,
          with_place: bool = True) -> None:  # fmt: skip
    place = common.where(f, lang)
    note = f" ({times} {words['times']})" if times > 1 else ""
    if with_place or own:
        head: list[tuple[str, str | None]] = [(" " * INDENT_ITEM, None)]
        if place:
            head.append((place + (": " if own else ""), "dim"))
        w.wrapped(head, (own + note) if own else note.strip(), INDENT_ITEM + 2)
    _marked(w, f, sev, INDENT_TEXT)
    if f.suggestion:
        w.wrapped([(" " * INDENT_ITEM, None), (f"→ {words['suggest']}: ", "dim")], f.suggestion, INDENT_ITEM + 2,
                  "green")  # fmt: skip
    if show_basis and f.basis:
        w.wrapped(
            [(" " * INDENT_ITEM, None), (f"{words['basis']}: ", "dim")], f.basis, INDENT_ITEM + 2, "dim"
        )


def _document(w: _Writer, result: Any, options: ReportOptions, titles: dict[str, str], words: dict,
              base: Path | None) -> None:  # fmt: skip
    lang = "en" if options.lang == "en" else "vi"
    path = common.display_path(result.path, base)
    kind = " · ".join(
        x for x in (common.doc_type_name(result.doc_type, lang) if result.doc_type else "",
                    common.doc_family_label(result.family, lang)) if x
    )  # fmt: skip
    w.line((path, "bold"), (f" — {kind}" if kind else "", "dim"))
    st = common.status(result)
    if result.error is not None:
        w.wrapped([("  ", None), (f"{STATUS_MARK['fail']} {result.error.code} ", STATUS_STYLE["fail"])],
                  f"{words['unreadable']}: {result.error.message(lang)}", 4)  # fmt: skip
        w.blank()
        return
    w.wrapped([("  ", None), (f"{STATUS_MARK[st]} ", STATUS_STYLE[st])], common.verdict(result, lang), 4,
              STATUS_STYLE[st])  # fmt: skip
    findings = [f for f in result.findings if not options.quiet or common.severity_of(f) == "error"]
    for sev, code, items in groups(findings):
        w.blank()
        label = [(" " * INDENT_ENTRY, None), (f"{words[sev]} {code}", STYLE[sev])]
        total = sum(t for _, t in items)
        if len(items) == 1:
            f, times = items[0]
            if times > 1:
                label.append((f" ×{times}", STYLE[sev]))
            label.append(("  ", None))
            w.wrapped(label, f.message(lang), cell_len("".join(c for c, _ in label)))
            _item(w, f, 1, sev, "", lang, words, options.show_basis)
            continue
        label += [(f" ×{total}", STYLE[sev]), ("  ", None)]
        shared, own = split_messages([f.message(lang) for f, _ in items])
        title = titles.get(code) or ""
        w.wrapped(label, title or shared, cell_len("".join(c for c, _ in label)))
        if title and shared:
            w.wrapped([(" " * INDENT_ITEM, None), ("= ", "dim")], shared, INDENT_ITEM + 2)
        for (f, times), mine in list(zip(items, own))[:MAX_ITEMS]:
            _item(w, f, times, sev, mine, lang, words, options.show_basis)
        rest = items[MAX_ITEMS:]
        if rest:
            places = "; ".join(common.where(f, lang) or "—" for f, _ in rest)
            w.wrapped([(" " * INDENT_ITEM, None), (words["more"].format(n=len(rest)) + ": ", "dim")], places,
                      INDENT_ITEM + 2, "dim")  # fmt: skip
    hidden = len(result.findings) - len(findings)
    suppressed = getattr(result, "suppressed", None) or []
    if suppressed:
        w.blank()
        entries = []
        for f in suppressed:
            by = f.suppressed_by or {}
            who = ", ".join(x for x in (by.get("author"), by.get("reason")) if x)
            entries.append(f"{f.code} {common.where(f, lang) or ''}".strip() + (f" ({who})" if who else ""))
        w.wrapped([("  ", None), (f"{words['suppressed']} ({len(suppressed)}): ", "dim")], "; ".join(entries), 4,
                  "dim")  # fmt: skip
    if hidden and not findings:
        pass
    w.blank()


def rule_titles(results: list[Any], options: ReportOptions) -> dict[str, str]:
    rules = common.rules_for(results, options.config)
    return {code: (m.title_en if options.lang == "en" else m.title_vi) for code, m in rules.items()}


def render_text(results: list[Any], options: ReportOptions) -> str:
    lang = "en" if options.lang == "en" else "vi"
    words = WORDS[lang]
    w = _Writer(options)
    titles = rule_titles(results, options)
    base = common.common_base([r.path for r in results]) if len(results) > 1 else None
    for result in results:
        if (
            options.quiet
            and result.error is None
            and not any(common.severity_of(f) == "error" for f in result.findings)
        ):
            continue
        _document(w, result, options, titles, words, base)
    w.wrapped(
        [(f"{words['total']}: ", "bold")], totals_line(results, options, words), len(words["total"]) + 2
    )
    return w.value()


def totals_line(results: list[Any], options: ReportOptions, words: dict) -> str:
    statuses = Counter(common.status(r) for r in results)
    counts = common.severity_counts([f for r in results for f in r.findings])
    parts = [
        f"{len(results)} {words['files']} ("
        + ", ".join(f"{statuses[s]} {words[s]}" for s in ("fail", "fix", "pass") if statuses[s])
        + ")",
        ", ".join(f"{counts[s]} {words[s]}" for s in ("error", "warning", "info")),
    ]
    unreadable = sum(1 for r in results if r.error is not None)
    if unreadable:
        parts.append(f"{unreadable} {words['unreadable']}")
    suppressed = sum(len(getattr(r, "suppressed", []) or []) for r in results)
    if suppressed:
        parts.append(f"{suppressed} {words['suppressed'].split(' theo')[0].split(' by')[0].lower()}")
    if options.baseline_hidden:
        parts.append(f"{options.baseline_hidden} {words['baseline']}")
    if options.quiet:
        parts.append(words["quiet"])
    return "; ".join(parts)


def render(
    results: list[Any],
    config: Any,
    lang: str,
    output: Path | None,
    color: bool | None = None,
    show_basis: bool = False,
    width: int | None = None,
    quiet: bool = False,
) -> str:
    """Plug-in entry point (``--format text``)."""
    options = ReportOptions(lang=lang, config=config, color=bool(color), show_basis=show_basis, width=width,
                            quiet=quiet)  # fmt: skip
    return render_text(results, options)
