"""Rule packs: rule metadata and domain tables as TOML data, read with the standard library.

A pack is a folder. Files named ``rules*.toml`` hold ``[[rule]]`` entries (one per rule code); the
built-in pack has one per family, ``rules-<family>.toml``, whose ``[family]`` table names the family and
declares the options its rules share. Every other ``*.toml`` is a domain table, reachable as
``pack.table("<file stem>")``. The built-in pack is ``rules/nd30``; a records office adds its own folder
in the config, and its rules and tables are merged over the built-in ones (tables: keys of a user table
replace or extend ours).

Options are declared once, with the rule (or family) that reads them::

    [rule.options.red003-share]
    type = "float"        # bool | int | float | str | list[str]
    default = 0.6
    doc = "…"             # one line, Vietnamese; doc_en in English
    choices = [...]       # optional, for str

Checks read them with ``ctx.option("red003-share")``; ``explain`` and ``docs/rules.md`` print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from doclint.errors import ConfigError
from doclint.safeio import read_regular_file

FAMILIES = (
    "HDR", "NUM", "DATE", "TTL", "BODY", "SIG", "RCPT", "FMT",
    "CIT", "ABBR", "CAP", "TXT", "RED", "SEC", "DOC",
)  # fmt: skip


OPTION_TYPES = ("bool", "int", "float", "str", "list[str]")
MATURITIES = ("stable", "preview")


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """A rule option declared in a pack: its type, default and one-line documentation."""

    name: str
    type: str
    default: Any
    doc: str = ""
    doc_en: str = ""
    choices: tuple[Any, ...] = ()
    owner: str = ""  # the rule code or family that declares it

    def coerce(self, value: Any) -> Any:
        """A configured value in the declared type (the config is validated before it gets here)."""
        if self.type == "float":
            return float(value)
        if self.type == "int":
            return int(value)
        if self.type == "list[str]":
            return [value] if isinstance(value, str) else list(value)
        return value

    def accepts(self, value: Any) -> bool:
        if self.type == "bool":
            ok = isinstance(value, bool)
        elif self.type == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.type == "float":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif self.type == "str":
            ok = isinstance(value, str)
        else:
            ok = isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            )
        return ok and (not self.choices or value in self.choices)


def _options(raw: Any, owner: str, path: Path | str | Place) -> dict[str, OptionSpec]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: {owner}: options phải là một bảng [*.options.<tên>]")
    out: dict[str, OptionSpec] = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict) or "type" not in spec or "default" not in spec:
            raise ConfigError(f"{path}: {owner}: tùy chọn {name} cần type và default")
        unknown = set(spec) - {"type", "default", "doc", "doc_en", "choices"}
        if unknown:
            raise ConfigError(f"{path}: {owner}: tùy chọn {name} có khóa lạ: {', '.join(sorted(unknown))}")
        if spec["type"] not in OPTION_TYPES:
            raise ConfigError(f"{path}: {owner}: tùy chọn {name}: kiểu {spec['type']!r} không hợp lệ")
        option = OptionSpec(
            name=name,
            type=spec["type"],
            default=spec["default"],
            doc=spec.get("doc", ""),
            doc_en=spec.get("doc_en", ""),
            choices=tuple(spec.get("choices", ())),
            owner=owner,
        )
        if not option.accepts(option.default):
            raise ConfigError(f"{path}: {owner}: tùy chọn {name}: mặc định {option.default!r} sai kiểu")
        out[name] = option
    return out


@dataclass(slots=True, eq=False, repr=False)
class FamilyMeta:
    """A rule family: its code, its name in both languages and the options all its rules read."""

    code: str
    title_vi: str
    title_en: str
    options: dict[str, OptionSpec] = field(default_factory=dict)
    source: str = ""  # the TOML file that declares it


NEEDS = ("text", "geometry", "page")


@dataclass(slots=True, eq=False, repr=False)
class RuleMeta:
    """A rule as its pack declares it: code, texts, legal basis, severity, stages, options."""

    code: str
    name: str
    family: str
    severity: str
    title_vi: str
    title_en: str
    basis: str
    why: str = ""
    example_bad: str = ""
    example_good: str = ""
    # how the examples run as tests (tests/test_rule_examples.py, doclint.testing.lint_example): the part
    # of a template document the example replaces, the template's document type and the stage; a line
    # wholly in brackets describes what is absent. Style and layout rules give DOCX settings instead
    # (example_docx = {bad = {…}, good = {…}}, fields of doclint.testing.AdminDoc). A rule whose example
    # cannot run says why in example_note.
    example_in: str = "body"
    example_type: str = "KH"
    example_stage: str = "draft"
    example_docx: dict[str, Any] = field(default_factory=dict)
    example_note: str = ""
    fix: str = "none"
    stages: list[str] = field(default_factory=lambda: ["draft", "final", "issued"])
    # severity used in the draft stage, for facts a draft may legitimately leave blank
    draft_severity: str | None = None
    # severity per stage, for facts left blank until a later stage ({draft = "info", final = "info"})
    stage_severity: dict[str, str] = field(default_factory=dict)
    # rules that only make sense for state administrative documents (NĐ 30)
    nd30_only: bool = True
    formats: list[str] = field(default_factory=list)  # empty: every format
    doc: str = ""  # longer explanation (what / notes on measurement)
    # the English of why, doc and basis, for explain --lang en (the examples are document text)
    why_en: str = ""
    doc_en: str = ""
    basis_en: str = ""
    options: dict[str, OptionSpec] = field(default_factory=dict)  # declared in [rule.options.<name>]
    # "stable" or "preview" (a rule still being measured); set per rule in its TOML. Preview rules run
    # only with --preview (preview = true), or when their exact code is selected; preview_reason says why
    maturity: str = "stable"
    preview_reason: str = ""
    preview_reason_en: str = ""
    source: str = ""  # the TOML file that declares it
    # what of the document the rule reads: "text" (its words), "geometry" (positions and sizes on
    # the page), "page" (page size only); a PDF whose text layer cannot be trusted (broken mapping,
    # an OCR layer) supports none of them, and the engine skips every rule that needs one
    needs: list[str] = field(default_factory=lambda: ["text"])


def toml_line(
    text: str, table: str | None = None, key: str | None = None, value: str | None = None
) -> int | None:
    """The line (1-based) of ``[table]`` (or of ``key`` inside it, or of ``key = "value"`` anywhere)."""
    current: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]").strip()
            if key is None and table is not None and current == table:
                return n
            continue
        if key is None or (table is not None and current != table):
            continue
        name, _, rest = stripped.partition("=")
        if name.strip().strip("\"'") == key and (value is None or rest.strip().strip("\"'") == value):
            return n
    return None


def at_line(path: Path | str, text: str, **where: str) -> str:
    line = toml_line(text, **where)
    return f"{path}:{line}" if line else str(path)


class Place:
    """``file:line`` of a pack entry, looked up only when a message shows it: finding the line of each
    of the ~110 built-in rules cost every start of doclint a third of reading the pack (issue 17)."""

    __slots__ = ("_path", "_shown", "_text", "_where")

    def __init__(self, path: Path | str, text: str, **where: str) -> None:
        self._path, self._text, self._where = path, text, where
        self._shown: str | None = None

    def __str__(self) -> str:
        if self._shown is None:
            self._shown = at_line(self._path, self._text, **self._where)
        return self._shown

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def builtin_rules_dir() -> Path:
    """The ``rules/`` folder: beside the package in a checkout, inside it in a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "_rules"):
        if (candidate / "nd30").is_dir():
            return candidate
    raise ConfigError("không tìm thấy thư mục rules/ (bộ quy tắc)")


def _deep_merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


@dataclass(eq=False, repr=False)
class RulePack:
    """The rules, families and data tables of the built-in pack and the user's packs, merged."""

    rules: dict[str, RuleMeta] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    families: dict[str, FamilyMeta] = field(default_factory=dict)

    @property
    def options(self) -> dict[str, OptionSpec]:
        """Every declared option by name: the families' and the rules'."""
        out: dict[str, OptionSpec] = {}
        for fam in self.families.values():
            out.update(fam.options)
        for meta in self.rules.values():
            out.update(meta.options)
        return out

    def options_for(self, code: str) -> dict[str, OptionSpec]:
        """The options a rule reads: its family's, then its own."""
        meta = self.rules.get(code)
        if meta is None:
            return {}
        fam = self.families.get(meta.family)
        return {**(fam.options if fam else {}), **meta.options}

    def table(self, name: str) -> dict[str, Any]:
        return self.tables.get(name, {})

    def add_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ConfigError(f"không tìm thấy bộ quy tắc: {folder}")
        self.sources.append(str(folder))
        for path, data, text in folder_data(folder):
            if path.name.startswith("rules"):
                unknown = set(data) - {"family", "rule"}
                if unknown:
                    key = sorted(unknown)[0]
                    where = (
                        at_line(path, text, key=key)
                        if toml_line(text, key=key)
                        else at_line(path, text, table=key)
                    )
                    raise ConfigError(
                        f"{where}: khóa lạ “{key}” (tệp rules*.toml chỉ có [family] và [[rule]])",
                        f"{where}: unknown key “{key}” (a rules*.toml holds only [family] and [[rule]])",
                    )
                if "family" in data:
                    self._add_family(data["family"], path, text)
                for entry in data.get("rule", []):
                    self._add_rule(entry, path, text)
            else:
                self.tables[path.stem] = _deep_merge(self.tables.get(path.stem, {}), data)

    def _check_options(self, options: dict[str, OptionSpec], owner: str, where: Place) -> None:
        if not options:  # most rules declare none: the pack's options are not gathered for them
            return
        known = self.options
        for name in options:
            if name in known and known[name].owner != owner:
                raise ConfigError(
                    f"{where}: {owner}: tùy chọn {name} đã được khai báo ở {known[name].owner}",
                    f"{where}: {owner}: option {name} is already declared by {known[name].owner}",
                )

    def _add_family(self, entry: dict[str, Any], path: Path, text: str = "") -> None:
        entry = dict(entry)
        code = entry.get("code", "")
        where = Place(path, text, table="family")
        options = _options(entry.pop("options", None), code, where)
        self._check_options(options, code, where)
        try:
            fam = FamilyMeta(**entry, options=options, source=str(path))
        except TypeError as exc:
            raise ConfigError(
                f"{where}: bảng [family] không hợp lệ: {exc}", f"{where}: invalid [family]: {exc}"
            ) from exc
        self.families[fam.code] = fam

    def _add_rule(self, entry: dict[str, Any], path: Path, text: str = "") -> None:
        entry = dict(entry)
        code = str(entry.get("code"))
        where = Place(path, text, key="code", value=code)
        options = _options(entry.pop("options", None), code, where)
        self._check_options(options, code, where)
        unknown = set(entry) - set(RuleMeta.__slots__) | ({"source"} & set(entry))
        if unknown:
            key = sorted(unknown)[0]
            import difflib

            hint = difflib.get_close_matches(key, [f for f in RuleMeta.__slots__ if f != "source"], n=1)
            hint_vi = f" Có phải ý bạn là “{hint[0]}”?" if hint else ""
            hint_en = f" Did you mean “{hint[0]}”?" if hint else ""
            raise ConfigError(
                f"{where}: quy tắc {code}: khóa lạ “{key}”.{hint_vi}",
                f"{where}: rule {code}: unknown key “{key}”.{hint_en}",
            )
        try:
            meta = RuleMeta(**entry, options=options, source=str(path))
        except TypeError as exc:
            raise ConfigError(
                f"{where}: mục quy tắc {code} không hợp lệ: {exc}", f"{where}: invalid rule {code}: {exc}"
            ) from exc
        if not isinstance(meta.needs, list) or any(n not in NEEDS for n in meta.needs):
            raise ConfigError(
                f"{where}: {meta.code}: needs phải là danh sách trong {NEEDS}, không phải {meta.needs!r}",
                f"{where}: {meta.code}: needs must be a list of {NEEDS}, not {meta.needs!r}",
            )
        if meta.maturity == "preview" and not (meta.preview_reason and meta.preview_reason_en):
            raise ConfigError(
                f"{where}: {meta.code}: quy tắc preview cần preview_reason và preview_reason_en (vì sao chưa ổn định)",
                f"{where}: {meta.code}: a preview rule needs preview_reason and preview_reason_en (why it is not stable yet)",
            )
        if meta.severity not in ("error", "warning", "info"):
            raise ConfigError(
                f"{where}: {meta.code}: mức độ không hợp lệ {meta.severity!r}",
                f"{where}: {meta.code}: invalid severity {meta.severity!r}",
            )
        for stage, level in meta.stage_severity.items():
            if stage not in ("draft", "final", "issued") or level not in ("error", "warning", "info"):
                raise ConfigError(
                    f"{where}: {meta.code}: stage_severity không hợp lệ {stage!r} = {level!r}",
                    f"{where}: {meta.code}: invalid stage_severity {stage!r} = {level!r}",
                )
        if meta.maturity not in MATURITIES:
            raise ConfigError(
                f"{where}: {meta.code}: maturity phải là {' hoặc '.join(MATURITIES)}",
                f"{where}: {meta.code}: maturity must be {' or '.join(MATURITIES)}",
            )
        self.rules[meta.code] = meta


_PACK_CACHE_FORMAT = "text+data"  # what an entry holds per file (a new layout must not read an old one)


def folder_data(folder: Path, prefix: str = "") -> list[tuple[Path, dict[str, Any], str]]:
    """Every ``<prefix>*.toml`` of a pack folder: (path, parsed data, text). Kept parsed in the user's
    cache folder (:mod:`doclint.datacache`) while the files are unchanged, since parsing TOML cost a
    one-file check more than reading the result back; the text comes along for error messages that
    point at a line."""
    from doclint import datacache

    paths = sorted(folder.glob(f"{prefix}*.toml"))
    regular = all(p.is_file() for p in paths)  # a FIFO or a folder is never cached: it is refused below
    kept = datacache.load("rulepack", paths, _PACK_CACHE_FORMAT) if regular else None
    if (
        isinstance(kept, dict)
        and list(kept) == [p.name for p in paths]
        and all(isinstance(v, list) and len(v) == 2 and isinstance(v[1], dict) for v in kept.values())
    ):
        return [(p, kept[p.name][1], kept[p.name][0]) for p in paths]
    import tomllib  # (only when the pack changed: its parsed form is kept)

    parsed = []
    for path in paths:
        try:  # only regular files of bounded size: a FIFO or a link to /dev/zero is refused
            text = read_regular_file(path)
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: TOML không hợp lệ: {exc}", f"{path}: invalid TOML: {exc}") from exc
        parsed.append((path, data, text))
    if regular:
        datacache.store("rulepack", paths, {p.name: [t, d] for p, d, t in parsed}, _PACK_CACHE_FORMAT)
    return parsed


@cache
def _builtin() -> RulePack:
    pack = RulePack()
    pack.add_folder(builtin_rules_dir() / "nd30")
    return pack


def load_pack(extra_folders: tuple[str, ...] = ()) -> RulePack:
    """The built-in pack, with user packs merged over it (cached per set of folders)."""
    return _load_pack_cached(tuple(extra_folders))


@cache
def _load_pack_cached(extra_folders: tuple[str, ...]) -> RulePack:
    base = _builtin()
    if not extra_folders:
        return base
    pack = RulePack(dict(base.rules), dict(base.tables), list(base.sources), dict(base.families))
    for folder in extra_folders:
        pack.add_folder(Path(folder))
    validate_user_pack(pack, base)
    return pack


def validate_user_pack(pack: RulePack, base: RulePack) -> None:
    """What a user pack adds must build before any document is checked: its skeletons (names, scopes,
    regular expressions, extends) are read now, so that a mistake names its file and line here rather
    than becoming a DOC005 on every document."""
    from doclint.analysis.sections import skeletons

    skeletons(pack)


def rules_without_check(pack: RulePack) -> list[RuleMeta]:
    """Rules a user pack declares that no check reports: they would silently never run (a config that
    names such a pack is refused; the report tests load metadata-only packs directly)."""
    builtin = _builtin().rules
    added = [m for code, m in pack.rules.items() if code not in builtin]
    if not added:
        return []  # without importing every check (the CLI reads a config before it forks its worker)
    from doclint.checks import registered_codes

    implemented = registered_codes()
    return [m for m in added if m.code not in implemented]
