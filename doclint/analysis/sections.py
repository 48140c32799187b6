"""Which sections of its type's skeleton a document has (SEC001–SEC005, ``doclint inspect``).

The skeletons are data: ``sections.toml`` (and ``sections-*.toml``) in each rule pack folder, the
built-in ``rules/nd30`` first, then the user packs named in the config. A user table with the key of a
built-in skeleton is merged into it (scalars replaced, phrase lists extended, sections added), or
replaces it whole with ``replace = true``; every skeleton and section remembers the file it comes from,
so ``doclint explain SEC001`` can say where a requirement was set.

Matching is tolerant on purpose: phrases and patterns are compared with the text folded to lower case
without diacritics, so "MỤC ĐÍCH, YÊU CẦU", "Mục đích và yêu cầu" and "Muc dich, yeu cau" are the same
heading, and old/new tone placement (hoà/hòa) never matters.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from doclint import lazyre
from doclint.analysis import analysis, wordscan
from doclint.errors import ConfigError
from doclint.recognise.lines import Line, fold

SCOPES = (
    "heading", "line", "text", "can_cu", "enactment", "kinh_gui", "vv", "recipients", "articles",
    "signatures",
)  # fmt: skip
SEVERITIES = ("error", "warning", "info", "off")
RANK = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3, "caps": 5, "roman": 5, "arabic": 6, "letter": 7}
LIST_MARK = lazyre.compile(r"^(?:[-+•–*]+|\d{1,2}(?:\.\d{1,2})*\s*[.)/]|[a-zđ]\s*[.)]|[ivxlc]+\s*[.)/])\s*")
HEAD_PREFIX = lazyre.compile(r"^(?:ve|cong tac|cac|nhung|mot so)\s+")
PLACEHOLDER = lazyre.compile(r"^[\s.…_:\-–()]*$")


@lru_cache(maxsize=16384)  # each line is folded by several look-ups per document
def vfold(text: str) -> str:
    """:func:`fold`, also reading the look-alike "Ð" (U+00D0, Icelandic eth) as "Đ" ("Như Ðiều 3")."""
    return fold(text.replace("\u00d0", "Đ").replace("\u00f0", "đ"))


def strip_marks(text: str) -> str:
    """Diacritics off, case kept: for compiling a pattern written with Vietnamese letters."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)  # one compiled pattern per phrase, shared by every skeleton that lists it
def _phrase_body(phrase: str) -> str:
    tail = r"(?!\w)" if phrase[-1:].isalnum() or phrase[-1:] == ")" else ""
    return re.escape(fold(phrase)) + tail


def _phrase_regex(phrase: str, anchored: bool) -> re.Pattern[str]:
    return lazyre.cached(("^" if anchored else r"(?<!\w)") + _phrase_body(phrase))


def _any_phrase_regex(phrases: list[str], anchored: bool) -> re.Pattern[str] | None:
    """One pattern that finds any of ``phrases`` where :func:`_phrase_regex` finds one of them: a line is
    searched once, not once per phrase."""
    bodies = [_phrase_body(p) for p in phrases if p.strip()]
    if not bodies:
        return None
    return lazyre.cached(("^" if anchored else r"(?<!\w)") + "(?:" + "|".join(bodies) + ")")


# ---------------------------------------------------------------------------- the skeletons as data


@dataclass(eq=False, repr=False)
class SectionSpec:
    """One section a skeleton expects: how to find it, where, and when it applies."""

    key: str
    order: int = 0
    name_vi: str = ""
    name_en: str = ""
    where: str = "heading"
    phrases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    when: list[str] = field(default_factory=list)
    severity: str = "warning"
    source: str = ""
    covered_by: str | None = None
    ordered: bool | None = None
    example: str = ""
    min: int = 1
    allow_points: bool = False
    origin: list[str] = field(default_factory=list)

    # compiled on first use (issue 17: a one-file check compiled the built-in pack's every pattern);
    # a user pack's patterns are compiled when it is loaded (:func:`_validate`), so a bad one is a
    # config error at once, and tests/test_sections.py compiles the built-in ones
    @cached_property
    def _patterns(self) -> list[re.Pattern[str]]:
        try:
            return [re.compile(strip_marks(p), re.IGNORECASE) for p in self.patterns]
        except re.error as exc:
            raise ConfigError(f"mục {self.key}: biểu thức chính quy không hợp lệ: {exc}") from exc

    # the phrases are compiled when a document of this skeleton's type first asks (issue 17: of the
    # ~400 phrases of every skeleton, a document needs those of one)
    @cached_property
    def _phrases(self) -> re.Pattern[str] | None:
        anchored = self.where in ("heading", "line", "can_cu", "recipients")
        return _any_phrase_regex(self.phrases, anchored)

    @cached_property
    def _phrases_loose(self) -> re.Pattern[str] | None:
        return wordscan.split(self._phrases)[1] if self._phrases is not None else None

    @cached_property
    def _when_loose(self) -> re.Pattern[str] | None:
        return wordscan.split(self._when)[1] if self._when is not None else None

    @cached_property
    def _anchored(self) -> list[re.Pattern[str]]:
        return [_phrase_regex(p, True) for p in self.phrases if p.strip()]

    @cached_property
    def _when(self) -> re.Pattern[str] | None:
        return _any_phrase_regex(self.when, False)

    def matches(self, folded: str) -> bool:
        phrases = self._phrases
        if phrases is not None and wordscan.search(phrases, self._phrases_loose, folded) is not None:
            return True
        return bool(self._patterns) and any(p.search(folded) for p in self._patterns)

    def matches_start(self, folded: str) -> bool:
        """A phrase at the start of ``folded`` (for a text-scope section's heading)."""
        return any(p.pattern.startswith("^") and p.search(folded) for p in self._anchored) or any(
            p.search(folded) and p.search(folded).start() == 0 for p in self._patterns
        )

    def applies(self, folded_text: str) -> bool:
        return self._when is None or wordscan.search(self._when, self._when_loose, folded_text) is not None

    @property
    def source_text(self) -> str:
        return self.source


@dataclass(eq=False, repr=False)
class Skeleton:
    """The sections a document type should hold, from the skeleton files."""

    key: str
    types: list[str]
    titles: list[str] = field(default_factory=list)
    name_vi: str = ""
    name_en: str = ""
    source: str = ""
    ordered: bool = False
    enabled: bool = True
    sections: list[SectionSpec] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)
    extends: str | None = None

    def title_matches(self, trich_yeu: str | None) -> bool:
        if not self.titles:
            return True
        folded = vfold(trich_yeu or "")
        return any(_phrase_regex(t, False).search(folded) for t in self.titles)


_SECTION_FIELDS = {
    "order", "name_vi", "name_en", "in", "phrases", "patterns", "when", "severity", "source",
    "covered_by", "ordered", "example", "min", "allow_points", "replace",
}  # fmt: skip
_SKELETON_FIELDS = {
    "types", "titles", "name_vi", "name_en", "source", "ordered", "enabled", "replace", "extends", "sections",
}  # fmt: skip
_LISTS = ("phrases", "patterns", "when", "types", "titles")


def _merge_section(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    if extra.get("replace"):
        return {**copy.deepcopy(extra), "_origin": extra.get("_origin", [])}
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if key == "_origin":
            out["_origin"] = out.get("_origin", []) + value
        elif key in _LISTS and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _merge_skeleton(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    if extra.get("replace"):
        return copy.deepcopy(extra)
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if key == "sections":
            sections = out.setdefault("sections", {})
            for name, spec in value.items():
                sections[name] = _merge_section(sections[name], spec) if name in sections else spec
        elif key == "_origin":
            out["_origin"] = out.get("_origin", []) + value
        elif key in _LISTS and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def _validate(path: str, key: str, raw: dict[str, Any], text: str = "", builtin: bool = False) -> None:
    """Refuse what a skeleton file cannot mean, naming the file and line (user packs are checked when
    they are loaded, not when a document is). The built-in pack's patterns are not compiled here: a
    one-file check would compile them all (issue 17: start-up); tests/test_sections.py does."""
    from doclint.rulepack import Place, at_line

    unknown = set(raw) - _SKELETON_FIELDS - {"_origin"}
    if unknown:
        bad = sorted(unknown)[0]
        raise ConfigError(
            f"{at_line(path, text, table=key, key=bad)}: [{key}]: khóa không hợp lệ “{bad}”"
            f" ({', '.join(sorted(_SKELETON_FIELDS))})",
            f"{at_line(path, text, table=key, key=bad)}: [{key}]: invalid key “{bad}”",
        )
    for name, spec in raw.get("sections", {}).items():
        table = f"{key}.sections.{name}"
        where = Place(path, text, table=table)  # its line looked up only for a message
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: [{table}] phải là một bảng", f"{where}: [{table}] must be a table")
        unknown = set(spec) - _SECTION_FIELDS - {"_origin"}
        if unknown:
            bad = sorted(unknown)[0]
            raise ConfigError(
                f"{at_line(path, text, table=table, key=bad)}: [{table}]: khóa không hợp lệ “{bad}”"
                f" ({', '.join(sorted(_SECTION_FIELDS))})",
                f"{at_line(path, text, table=table, key=bad)}: [{table}]: invalid key “{bad}”",
            )
        if spec.get("in", "heading") not in SCOPES:
            line = at_line(path, text, table=table, key="in")
            raise ConfigError(
                f"{line}: [{table}]: in = {spec.get('in')!r} không hợp lệ ({', '.join(SCOPES)})",
                f"{line}: [{table}]: in = {spec.get('in')!r} is not one of {', '.join(SCOPES)}",
            )
        if spec.get("severity", "warning") not in SEVERITIES:
            line = at_line(path, text, table=table, key="severity")
            raise ConfigError(
                f"{line}: [{table}]: severity = {spec.get('severity')!r} không hợp lệ",
                f"{line}: [{table}]: invalid severity {spec.get('severity')!r}",
            )
        for pattern in () if builtin else spec.get("patterns", []):
            try:
                re.compile(strip_marks(pattern), re.IGNORECASE)
            except re.error as exc:
                line = at_line(path, text, table=table, key="patterns")
                raise ConfigError(
                    f"{line}: [{table}]: biểu thức chính quy không hợp lệ {pattern!r}: {exc}",
                    f"{line}: [{table}]: invalid regular expression {pattern!r}: {exc}",
                ) from exc


def _tag(raw: dict[str, Any], origin: str) -> dict[str, Any]:
    out = copy.deepcopy(raw)
    out["_origin"] = [origin]
    for spec in out.get("sections", {}).values():
        spec["_origin"] = [origin]
    return out


def _display(path: Path) -> str:
    parts = path.parts
    if len(parts) >= 3 and parts[-3] == "rules":
        return "/".join(parts[-3:])  # rules/nd30/sections.toml: the built-in pack
    return str(path)


def _read_files(sources: tuple[str, ...]) -> list[tuple[str, dict[str, Any], str, bool]]:
    """(shown path, data, text, whether the file is the built-in pack's) of every skeleton file."""
    from doclint.rulepack import builtin_rules_dir, folder_data  # parsed as the pack's other files are

    builtin = builtin_rules_dir().resolve()
    out: list[tuple[str, dict[str, Any], str, bool]] = []
    for folder in sources:
        for path, data, text in folder_data(Path(folder), "sections"):
            out.append((_display(path), data, text, path.resolve().parent.parent == builtin))
    return out


@cache
def _skeletons_for(sources: tuple[str, ...], fallback_key: str) -> dict[str, Skeleton]:
    files = _read_files(sources)
    if not files:
        from doclint.rulepack import builtin_rules_dir

        files = _read_files((str(builtin_rules_dir() / "nd30"),))
    from doclint.rulepack import at_line

    merged: dict[str, dict[str, Any]] = {}
    texts = {origin: text for origin, _, text, _ in files}
    for origin, data, text, builtin in files:
        for key, raw in data.items():
            if not isinstance(raw, dict):
                where = at_line(origin, text, key=key)
                raise ConfigError(
                    f"{where}: “{key}” phải là một bảng [{key}]", f"{where}: “{key}” must be a table [{key}]"
                )
            _validate(origin, key, raw, text, builtin)
            tagged = _tag(raw, origin)
            merged[key] = _merge_skeleton(merged[key], tagged) if key in merged else tagged
    for key, raw in list(merged.items()):  # extends: start from another skeleton's sections
        parent = raw.get("extends")
        if parent:
            if parent not in merged:
                origin = raw.get("_origin", ["?"])[-1]
                where = at_line(origin, texts.get(origin, ""), table=key, key="extends")
                import difflib  # (only for this message: not imported by every check, issue 17)

                hint = difflib.get_close_matches(parent, list(merged), n=1)
                raise ConfigError(
                    f"{where}: [{key}] extends = {parent!r}: không có khung mẫu này"
                    + (f". Có phải ý bạn là “{hint[0]}”?" if hint else ""),
                    f"{where}: [{key}] extends = {parent!r}: no such skeleton"
                    + (f". Did you mean “{hint[0]}”?" if hint else ""),
                )
            base = {k: v for k, v in merged[parent].items() if k not in ("titles", "replace", "_origin")}
            merged[key] = _merge_skeleton(base, {k: v for k, v in raw.items() if k != "replace"})
            merged[key]["_origin"] = raw.get("_origin", [])
    return {key: _build(key, raw) for key, raw in merged.items()}


def _build(key: str, raw: dict[str, Any]) -> Skeleton:
    ordered = bool(raw.get("ordered", False))
    sections = []
    for name, spec in raw.get("sections", {}).items():
        sections.append(
            SectionSpec(
                key=name,
                order=int(spec.get("order", 0)),
                name_vi=spec.get("name_vi", name),
                name_en=spec.get("name_en", spec.get("name_vi", name)),
                where=spec.get("in", "heading"),
                phrases=list(spec.get("phrases", [])),
                patterns=list(spec.get("patterns", [])),
                when=list(spec.get("when", [])),
                severity=spec.get("severity", "warning"),
                source=spec.get("source", raw.get("source", "")),
                covered_by=spec.get("covered_by"),
                ordered=spec.get("ordered", ordered),
                example=spec.get("example", ""),
                min=int(spec.get("min", 1)),
                allow_points=bool(spec.get("allow_points", False)),
                origin=list(spec.get("_origin", [])),
            )
        )
    sections.sort(key=lambda s: s.order)
    return Skeleton(
        key=key,
        types=list(raw.get("types", [key])),
        titles=list(raw.get("titles", [])),
        name_vi=raw.get("name_vi", key),
        name_en=raw.get("name_en", raw.get("name_vi", key)),
        source=raw.get("source", ""),
        ordered=ordered,
        enabled=bool(raw.get("enabled", True)),
        sections=sections,
        origin=list(raw.get("_origin", [])),
        extends=raw.get("extends"),
    )


def skeletons(pack) -> dict[str, Skeleton]:
    """Every skeleton of the pack (built-in merged with the user packs), by key."""
    return _skeletons_for(tuple(getattr(pack, "sources", ()) or ()), "")


def skeleton_for(pack, doc_type: str | None, trich_yeu: str | None) -> Skeleton | None:
    """The skeleton for a document: among those for its type, one whose ``titles`` match wins."""
    if not doc_type:
        return None
    candidates = [s for s in skeletons(pack).values() if s.enabled and doc_type in s.types]
    specific = [s for s in candidates if s.titles and s.title_matches(trich_yeu)]
    if specific:
        return specific[-1]
    general = [s for s in candidates if not s.titles]
    return general[-1] if general else None


# ---------------------------------------------------------------------------- what the document has


@dataclass(repr=False)
class Heading:
    """A heading of the content: its place, rank and folded words."""

    block: int
    start: int
    end: int
    rank: int
    text: str  # the heading's words (numbering removed)
    folded: str
    inline: bool = False  # the line goes on after the heading ("Thời gian: 14 giờ …"): it has content


@dataclass(eq=False, repr=False)
class SectionHit:
    """Whether and where one expected section was found."""

    spec: SectionSpec
    found: bool = False
    applies: bool = True  # False: a conditional section (``when``) the content does not call for
    block: int | None = None
    start: int = 0
    end: int = 0
    text: str = ""
    heading: Heading | None = None
    empty: bool = False

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.spec.key,
            "name": self.spec.name_vi,
            "found": self.found,
            "severity": self.spec.severity,
        }
        if not self.applies:
            out["applies"] = False
        if self.found:
            out["block"] = self.block
            out["text"] = self.text[:120]
            if self.empty:
                out["empty"] = True
        return out


@dataclass(eq=False, repr=False)
class SectionsResult:
    """The skeleton used, the headings found and each section's hit."""

    skeleton: Skeleton | None
    hits: list[SectionHit] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def hit(self, key: str) -> SectionHit | None:
        return next((h for h in self.hits if h.spec.key == key), None)

    def as_dict(self) -> dict[str, Any]:
        if self.skeleton is None:
            return {"skeleton": None, "sections": []}
        return {
            "skeleton": self.skeleton.key,
            "name": self.skeleton.name_vi,
            "source": self.skeleton.source,
            "from": self.skeleton.origin,
            "sections": [h.as_dict() for h in self.hits],
        }


def _head(text: str) -> str:
    """A heading's own words: up to the first colon or full stop ("1. Mục đích: nâng cao…" → "Mục đích")."""
    return re.split(r"[:.]\s|:$|\.$", text, maxsplit=1)[0].strip()


def find_headings(lines: list[Line], rec, blocks: set[int]) -> list[Heading]:
    out: list[Heading] = []
    seen: set[int] = set()
    for item in rec.outline:
        if item.kind in ("dash", "dieu") or item.block not in blocks:
            continue
        head = _head(item.title)
        words = len(head.split())
        if not head or (item.kind in ("arabic", "letter") and words > 20):
            continue
        seen.add(item.block)
        inline = len(item.title.strip()) > len(head) + 1
        out.append(
            Heading(item.block, item.start, item.end, RANK.get(item.kind, 6), head, vfold(head), inline)
        )
    for line in lines:
        if line.block not in blocks or line.block in seen or line.table is not None:
            continue
        words = line.text.split(None, 20)  # more than 20 words end the test: not all of them are cut
        if not 1 <= len(words) <= 20 or line.text.endswith((";", ",")):
            continue
        caps = line.upper and len(words) >= 2
        letter_head = re.match(r"^[A-ZĐ]\s*[.)]\s+\S", line.text) and line.upper
        if caps or letter_head:
            text = LIST_MARK.sub("", re.sub(r"^[A-ZĐ]\s*[.)]\s+", "", line.text))
            seen.add(line.block)
            out.append(
                Heading(line.block, line.start, line.end, RANK["caps"], _head(text), vfold(_head(text)))
            )
    out.sort(key=lambda h: (h.block, h.start))
    return out


SIGNING_GAP = lazyre.compile(r"\t|[ \u00a0]{4,}")


def signing_row(line: Line) -> int:
    """How many signers' titles a line holds when it is a row of capitalised titles set apart by tabs or
    wide spaces ("THƯ KÝ            CHỦ TRÌ HỘI NGHỊ": 2): the signing blocks of a biên bản typed on one
    line of the body. 0 for any other line (a heading is never two capitalised phrases a gap apart)."""
    text = line.text
    # a gap is a tab or four spaces/no-break spaces, so it holds a tab, two spaces or a no-break space:
    # looked for in C first (most lines have none), then the gap itself, then the capitals
    if "\t" not in text and "  " not in text and "\u00a0" not in text:
        return 0
    if SIGNING_GAP.search(text) is None or not line.upper:
        return 0  # no gap: one part
    parts = [part for part in SIGNING_GAP.split(line.text) if part.strip()]
    if len(parts) < 2 or any(len(part.split()) > 6 for part in parts):
        return 0
    return len(parts)


# the signing title of a biên bản's secretary or chair on a line of its own ("Thư ký", "CHỦ TỌA (Ký, ghi rõ
# họ tên)"): never followed by a colon, which makes it the "Thư ký: …" line of the attendance instead
MINUTES_SIGNER = lazyre.compile(
    r"^(?:thu ky|chu toa|chu tri|nguoi ghi bien ban)(?: (?:cuoc hop|hoi nghi|buoi hop|phien hop))?"
    r"(?: ?\([^()]{0,40}\))?\.?$"
)


def signature_titles(lines: list[Line], start_block: int) -> list[Line]:
    """Short capitalised lines followed by a person's name (THƯ KÝ / Trần Thị B; CHỦ TỌA / Nguyễn Văn A):
    the signing blocks of a Biên bản in flowing text, where recognition sees only one."""
    from doclint.recognise.patterns import looks_like_name, signed_mark

    out: list[Line] = []
    for i, line in enumerate(lines):
        # up to 6 words (split at most 6 times: a long line is not cut into all its words)
        if line.block < start_block or not 1 <= len(line.text.split(None, 6)) <= 6:
            continue
        if MINUTES_SIGNER.match(vfold(line.text).strip()):
            # "Thư ký" / "Chủ tọa" on a line of their own, in any case, the name left to be written by hand
            out.append(line)
            continue
        if not line.upper:
            continue
        j = i + 1
        while j < len(lines) and j <= i + 4 and (signed_mark(lines[j].text) or not lines[j].text.strip()):
            j += 1
        if j < len(lines) and j <= i + 4 and looks_like_name(lines[j].text):
            out.append(line)
    return out


def _signers(ctx, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The content's signing titles (:func:`signature_titles`) and rows of titles (:func:`signing_row`):
    found once per document, for the headings and for a "signatures" section. Shared: do not modify."""
    start = ctx.rec.body_start or 0

    def find(_ctx) -> tuple[list[Line], list[Line]]:
        return signature_titles(lines, start), [ln for ln in lines if ln.block >= start and signing_row(ln)]

    return ctx.cached("sections.signers", find)


def _scope_blocks(ctx) -> tuple[set[int], set[int]]:
    """(content blocks, content + appendix blocks)."""
    rec = ctx.rec
    body = set(rec.body_range())
    extra = set(body)
    if rec.appendices:
        first = min(a.block for a in rec.appendices)
        extra |= {b.index for b in ctx.doc.blocks if b.index >= first and b.kind not in ("header", "footer")}
    return body, extra


def _line_scope(ctx, lines: list[Line]) -> list[Line]:
    """Lines from under the title (or the trích yếu) to the end of the content."""
    rec = ctx.rec
    end = rec.body_end if rec.body_end is not None else -1
    anchors = [c.block for c in (rec.trich_yeu, rec.doc_type_name, rec.number) if c is not None]
    start = max(anchors) + 1 if anchors else (rec.body_start or 0)
    if rec.body_start is not None:
        start = min(start, rec.body_start)
    excluded = set(getattr(rec.signature, "blocks", []) or [])
    for sig in rec.signatures:
        excluded.update(sig.blocks)
    return [ln for ln in lines if start <= ln.block <= end and ln.block not in excluded]


def _first_line_match(spec: SectionSpec, lines: list[Line], mode: str) -> Line | None:
    for line in lines:
        folded = vfold(line.text)
        if mode == "line":
            folded = LIST_MARK.sub("", folded)
        if spec.matches(folded):
            return line
    return None


def _hit_line(hit: SectionHit, line: Line) -> None:
    hit.found, hit.block, hit.start, hit.end, hit.text = True, line.block, line.start, line.end, line.text


def _hit_comp(hit: SectionHit, comp) -> None:
    hit.found, hit.block, hit.start = True, comp.block, comp.start
    hit.end = comp.end if comp.end is not None else comp.start + len(comp.text)
    hit.text = comp.text


def analyse(ctx) -> SectionsResult:
    rec = ctx.rec
    skel = skeleton_for(ctx.pack, rec.doc_type, rec.title_words())
    if skel is None:
        return SectionsResult(None)
    lines = ctx.lines
    body, with_appx = _scope_blocks(ctx)
    scope = _line_scope(ctx, lines)
    titles, rows = _signers(ctx, lines)
    signers = titles + rows
    signer_blocks = {ln.block for ln in signers}
    headings = [h for h in find_headings(lines, rec, body) if h.block not in signer_blocks]
    appendix = with_appx - body  # once, not once per line
    text_lines = [ln for ln in scope] + [ln for ln in lines if ln.block in appendix]
    folded_all = "\n".join(vfold(ln.text) for ln in text_lines)
    result = SectionsResult(skel, headings=headings)
    for spec in skel.sections:
        hit = SectionHit(spec, applies=spec.applies(folded_all))
        _locate(ctx, spec, hit, headings, scope, text_lines, lines)
        result.hits.append(hit)
    _mark_empty(result, scope, ctx.stage)
    return result


def _locate(ctx, spec, hit, headings, scope, text_lines, lines) -> None:
    rec = ctx.rec
    where = spec.where
    if where == "heading":
        matching = [
            h for h in headings if spec.matches(h.folded) or spec.matches(HEAD_PREFIX.sub("", h.folded))
        ]
        if matching:
            # the highest level that matches: "III. NHIỆM VỤ, GIẢI PHÁP", not the "2.2. Hoạt động …" of a review
            # that comes before it
            h = min(matching, key=lambda m: (m.rank, m.block, m.start))
            hit.found, hit.block, hit.start, hit.end, hit.text, hit.heading = (
                True, h.block, h.start, h.end, h.text, h,
            )  # fmt: skip
            return
    elif where in ("line", "text"):
        if where == "text":  # a heading that starts with the section's name is the best place to point at
            for h in headings:
                if spec.matches_start(h.folded):
                    hit.found, hit.block, hit.start, hit.end, hit.heading = True, h.block, h.start, h.end, h
                    hit.text = h.text
                    return
        line = _first_line_match(spec, scope if where == "line" else text_lines, where)
        if line is not None:
            _hit_line(hit, line)
            hit.heading = next((h for h in headings if h.block == line.block), None)
    elif where == "can_cu":
        for comp in rec.can_cu:
            if spec.matches(vfold(comp.text)):
                _hit_comp(hit, comp)
                return
        first_article = next((o.block for o in rec.outline if o.kind == "dieu"), None)
        before = [ln for ln in scope if first_article is None or ln.block < first_article]
        line = _first_line_match(spec, before, "line")
        if line is not None:
            _hit_line(hit, line)
    elif where == "enactment":
        if rec.enactment is not None and spec.matches(vfold(rec.enactment.text).upper()):
            _hit_comp(hit, rec.enactment)
            return
        for line in scope:
            if spec.matches(strip_marks(line.text).strip().upper()):
                _hit_line(hit, line)
                return
    elif where == "kinh_gui":
        if rec.kinh_gui is not None:
            _hit_comp(hit, rec.kinh_gui)
            return
        for line in lines:
            if re.match(r"^k[ií]nh g[ửu]i\b", line.text, re.IGNORECASE):
                _hit_line(hit, line)
                return
    elif where == "vv":
        if rec.trich_yeu is not None and rec.trich_yeu.extra.get("vv"):
            _hit_comp(hit, rec.trich_yeu)
    elif where == "recipients":
        for comp in rec.recipients:
            if spec.matches(vfold(comp.text)):
                _hit_comp(hit, comp)
                return
    elif where == "articles":
        body = set(rec.body_range())
        kinds = ("dieu", "arabic") if spec.allow_points else ("dieu",)
        items = [o for o in rec.outline if o.kind in kinds and o.block in body]
        if len(items) >= spec.min:
            first = items[0]
            hit.found, hit.block, hit.start, hit.end = True, first.block, first.start, first.end
            hit.text = f"{len(items)} điều" if first.kind == "dieu" else f"{len(items)} mục"
    elif where == "signatures":
        recognised = len(rec.signatures) or (1 if rec.signature else 0)
        titles, rows = _signers(ctx, lines)
        titles = list(titles)
        count = max(recognised, len(titles), *(signing_row(ln) for ln in rows))
        titles += rows
        if count >= spec.min:
            hit.found = True
            if rec.signature is not None and rec.signature.blocks:
                hit.block = rec.signature.blocks[0]
            elif titles:
                hit.block = titles[0].block
            hit.text = f"{count} chữ ký"


def _mark_empty(result: SectionsResult, scope: list[Line], stage: str) -> None:
    """A heading with no line under it before the next heading of the same or a higher level; a
    ``Địa điểm:`` line with nothing after the colon and the next line another marker."""
    by_block: dict[int, list[Line]] = {}
    for line in scope:
        by_block.setdefault(line.block, []).append(line)
    last_block = max(by_block) if by_block else -1
    line_specs = [h.spec for h in result.hits if h.spec.where == "line"]
    for hit in result.hits:
        if not hit.found or hit.block is None:
            continue
        if hit.heading is not None:
            idx = result.headings.index(hit.heading)
            nxt = next((h for h in result.headings[idx + 1 :] if h.rank <= hit.heading.rank), None)
            stop = nxt.block if nxt is not None else last_block + 1
            own = by_block.get(hit.block, [])
            rest = [ln for ln in own if ln.start > hit.heading.start]
            # anything before the next heading of the same or a higher level is content, sub-headings too
            content = rest + [ln for b in range(hit.block + 1, stop) for ln in by_block.get(b, [])]
            hit.empty = (
                not content and not hit.heading.inline and (nxt is not None or hit.block <= last_block)
            )
        elif hit.spec.where == "line":
            colon = hit.text.find(":")
            if colon < 0:
                continue
            value = hit.text[colon + 1 :]
            blank = not value.strip() or (stage != "draft" and PLACEHOLDER.match(value))
            if not blank:
                continue
            following = [ln for ln in scope if (ln.block, ln.start) > (hit.block, hit.start)]
            if not following:
                hit.empty = True
                continue
            folded = LIST_MARK.sub("", vfold(following[0].text))
            hit.empty = any(s.matches(folded) for s in line_specs if s is not hit.spec)


@analysis("sections")
def sections_analysis(ctx) -> SectionsResult:
    return analyse(ctx)


def describe(doc, rec, pack, config=None) -> dict[str, Any]:
    """The ``sections`` entry of ``doclint inspect``: the skeleton and which of its sections were found."""
    from doclint.config import Config
    from doclint.context import Context

    ctx = Context(doc=doc, rec=rec, config=config or Config(), pack=pack)
    return ctx.analysis("sections").as_dict()
