"""Configuration: ``doclint.toml`` or ``[tool.doclint]`` in ``pyproject.toml``, found by walking up
from the checked file, then overridden by command-line options.

Keys (kebab-case in the file): the settings of :data:`SETTINGS` (select, ignore, severity, stage, fail-on,
lang, packs, exclude, per-file-ignores, …) and the rule options the rule packs declare (e.g.
``tone-style = "new"``), at the top level or in an ``[options]`` table. Everything is validated when the
file is read: an unknown key, a value of the wrong type, a code or prefix that names no rule is a
:class:`ConfigError` (exit status 2) naming the file and line, with a "did you mean" suggestion.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from doclint.errors import ConfigError
from doclint.safeio import MAX_CONFIG_BYTES, read_regular_file

# draft: dự thảo (the drafter); final: bản trình ký, the Word file submitted for signing, whose number
# and day the records office fills in after signing; issued: đã phát hành, the signed and numbered text
STAGES = ("draft", "final", "issued")
LEVELS = ("error", "warning", "info")
FAIL_ON = (*LEVELS, "never")
LANGS = ("vi", "en")

# the settings a config file may hold besides the rule options: key -> (type, Vietnamese, English)
# types: str, list[str] (a string is accepted too), table; choices are checked in from_mapping
SETTINGS: dict[str, tuple[str, str, str]] = {
    "select": ("list[str]", "chỉ chạy các mã hoặc tiền tố này", "run only these codes or prefixes"),
    "ignore": ("list[str]", "bỏ qua các mã hoặc tiền tố này", "skip these codes or prefixes"),
    "severity": ("table", "mức độ cho từng mã hoặc tiền tố", "severity per code or prefix"),
    "stage": ("str", "draft, final hoặc issued", "draft, final or issued"),
    "fail-on": ("str", "error, warning, info hoặc never", "error, warning, info or never"),
    "lang": ("str", "vi hoặc en", "vi or en"),
    "packs": ("list[str]", "thư mục bộ quy tắc riêng", "folders of user rule packs"),
    "exclude": ("list[str]", "mẫu glob của tệp bỏ qua", "glob patterns of files to skip"),
    "per-file-ignores": ("table", "mẫu glob -> các mã bỏ qua", "glob pattern -> codes to skip"),
    "options": ("table", "tùy chọn quy tắc", "rule options"),
    "cache-dir": ("str", "thư mục bộ nhớ đệm kết quả", "folder of the result cache"),
    "refs-dir": ("str", "thư mục văn bản tham chiếu", "folder of reference documents"),
    "refs-db": ("str", "tệp thư viện văn bản tham chiếu", "reference library file"),
    "preview": ("bool", "chạy cả các quy tắc thử nghiệm", "run the preview rules too"),
    "pdf-engine": (
        "str",
        "bộ đọc PDF: pdfium (mặc định) hoặc pdfplumber",
        "PDF engine: pdfium (default) or pdfplumber",
    ),
}
# the settings that shape the Config itself; the others are read with Config.option like rule options
STRUCTURAL = ("select", "ignore", "severity", "stage", "fail-on", "lang", "packs", "exclude",
              "per-file-ignores", "options", "preview")  # fmt: skip
PDF_ENGINES = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class Config:
    """The settings of one check: doclint.toml merged with the command line (hashable: a cache key)."""

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # code or prefix -> level
    stage: str = "draft"
    fail_on: str = "error"
    lang: str = "vi"
    packs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    options: tuple[tuple[str, Any], ...] = ()
    source: str | None = None  # the file this came from
    preview: bool = False  # run the preview rules too (rules still being measured)

    def option(self, name: str, default: Any = None) -> Any:
        for key, value in self.options:
            if key == name:
                return value
        return default

    def is_selected(self, code: str, path: str | None = None) -> bool:
        if self.select and not _matches(code, self.select):
            return False
        if _matches(code, self.ignore):
            return False
        if path:
            for pattern, codes in self.per_file_ignores:
                hit = fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern)
                if hit and _matches(code, codes):
                    return False
        return True

    def runs_preview(self, code: str) -> bool:
        """A preview rule runs with ``preview = true`` / ``--preview``, or when selected by its exact code."""
        return self.preview or code in self.select

    def severity_for(self, code: str) -> str | None:
        """The most specific override: an exact code beats a prefix."""
        best: tuple[int, str] | None = None
        for key, level in self.severity:
            if code.startswith(key) and (best is None or len(key) > best[0]):
                best = (len(key), level)
        return best[1] if best else None

    def key(self) -> str:
        """A stable text of the effective settings, for cache keys."""
        return repr((self.select, self.ignore, self.severity, self.stage, self.packs,
                     self.per_file_ignores, self.options, self.preview))  # fmt: skip


def _matches(code: str, patterns: tuple[str, ...]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def split_codes(values: list[str] | tuple[str, ...] | str | None) -> tuple[str, ...]:
    if not values:
        return ()
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        out.extend(p.strip().upper() for p in value.split(",") if p.strip())
    return tuple(out)


def find_config(start: Path) -> Path | None:
    """The nearest doclint.toml, or pyproject.toml with a [tool.doclint] table, above ``start``."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        return_path = _config_in(candidate)
        if return_path:
            return return_path
    return None


@cache
def _config_in(folder: Path) -> Path | None:
    own = folder / "doclint.toml"
    if own.is_file():
        return own
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            data = tomllib.loads(read_regular_file(pyproject, 8 * MAX_CONFIG_BYTES))
        except (tomllib.TOMLDecodeError, ConfigError):
            return None
        if "doclint" in data.get("tool", {}):
            return pyproject
    return None


@cache
def read_config(path: Path) -> Config:
    # only a regular file of bounded size (a FIFO or a link to /dev/zero is refused)
    text = read_regular_file(path, 8 * MAX_CONFIG_BYTES)
    data = _parse_toml(path, text)
    table = None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("doclint", {})
        table = "tool.doclint"
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: [tool.doclint] phải là một bảng", f"{path}: [tool.doclint] must be a table"
        )
    try:
        return from_mapping(data, base_dir=path.parent, source=str(path), text=text, table=table)
    except ConfigError:
        raise
    except (TypeError, AttributeError, ValueError, KeyError) as exc:  # a value of an unexpected shape
        raise ConfigError(
            f"{path}: giá trị không hợp lệ trong tệp cấu hình ({exc})",
            f"{path}: invalid value in the config ({exc})",
        ) from exc


def _parse_toml(path: Path, text: str) -> Any:
    """The data of a config file's ``text``, kept parsed in the cache folder (:mod:`doclint.datacache`)
    as the rule pack is, keyed by the text itself: importing the TOML parser cost every start of
    doclint a few ms (issue 17). A config JSON cannot hold (a TOML date) is parsed every time."""
    import zlib

    from doclint import datacache

    key = f"{len(text)}:{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"
    kept = datacache.load("config", [path], key)
    if isinstance(kept, dict) and kept.get("text") == text:
        return kept["data"]
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"không đọc được tệp cấu hình {path}: {exc}", f"cannot read the config file {path}: {exc}"
        ) from exc
    datacache.store("config", [path], {"text": text, "data": data}, key)
    return data


def suggest(word: str, choices) -> str | None:
    """The closest of ``choices`` to a mistyped ``word``, if any is close enough."""
    import difflib

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        found = difflib.get_close_matches(word.upper(), [c.upper() for c in choices], n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices) -> tuple[str, str]:
    best = suggest(word, choices)
    return (f" Có phải ý bạn là “{best}”?", f" Did you mean “{best}”?") if best else ("", "")


class _Where:
    """Finds the line of a key in the config text, for messages that point at it."""

    def __init__(self, source: str | None, text: str | None, table: str | None) -> None:
        self.source = source or "cấu hình"
        self.lines = (text or "").splitlines()
        self.table = table

    def __call__(self, key: str, section: str | None = None) -> str:
        wanted = ".".join(t for t in (self.table, section) if t) or None
        current: str | None = None
        first: int | None = None
        pattern = re.compile(rf"""^\s*(["']?){re.escape(key)}\1\s*=""")
        for n, line in enumerate(self.lines, 1):
            header = re.match(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
            if header:
                current = header.group(1).strip()
                continue
            if pattern.match(line):
                if current == wanted:
                    return f"{self.source}:{n}"
                first = first or n
        return f"{self.source}:{first}" if first else self.source


def _fail(where: str, vi: str, en: str) -> ConfigError:
    return ConfigError(f"{where}: {vi}", f"{where}: {en}")


def _is_str_list(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def from_mapping(
    data: dict[str, Any],
    base_dir: Path,
    source: str | None = None,
    text: str | None = None,
    table: str | None = None,
) -> Config:
    """A validated :class:`Config` from the mapping of a config file (``text`` locates the lines)."""
    from doclint.rulepack import at_line, load_pack, rules_without_check

    where = _Where(source, text, table)
    for key, (kind, _vi, _en) in SETTINGS.items():
        if key not in data:
            continue
        value = data[key]
        expected = {"table": dict, "str": str, "bool": bool}
        ok = _is_str_list(value) if kind == "list[str]" else isinstance(value, expected[kind])
        if not ok:
            shown = {
                "list[str]": "danh sách chuỗi",
                "table": "bảng",
                "str": "chuỗi",
                "bool": "true hoặc false",
            }[kind]
            shown_en = {
                "list[str]": "a list of strings",
                "table": "a table",
                "str": "a string",
                "bool": "true or false",
            }[kind]
            raise _fail(where(key), f"{key} phải là {shown}, không phải {value!r}.",
                        f"{key} must be {shown_en}, not {value!r}.")  # fmt: skip
    for key, allowed in (
        ("stage", STAGES),
        ("fail-on", FAIL_ON),
        ("lang", LANGS),
        ("pdf-engine", PDF_ENGINES),
    ):
        if key in data and data[key] not in allowed:
            hint_vi, hint_en = did_you_mean(data[key], allowed)
            raise _fail(where(key), f"{key} phải là {' hoặc '.join(allowed)}, không phải {data[key]!r}.{hint_vi}",
                        f"{key} must be {' or '.join(allowed)}, not {data[key]!r}.{hint_en}")  # fmt: skip
    severity = data.get("severity", {})
    for code, level in severity.items():
        if level not in LEVELS:
            hint_vi, hint_en = did_you_mean(str(level), LEVELS)
            raise _fail(where(code, "severity"), f"mức độ của {code} không hợp lệ: {level!r} (error, warning, info).{hint_vi}",
                        f"invalid severity for {code}: {level!r} (error, warning, info).{hint_en}")  # fmt: skip
    pfi = data.get("per-file-ignores", {})
    for pattern, codes in pfi.items():
        if not _is_str_list(codes):
            raise _fail(where(pattern, "per-file-ignores"), f"per-file-ignores.{pattern} phải là danh sách mã.",
                        f"per-file-ignores.{pattern} must be a list of codes.")  # fmt: skip
    packs = tuple(str((base_dir / p).resolve()) for p in _as_list(data.get("packs")))
    pack = load_pack(packs)
    for meta in rules_without_check(pack):
        path = Path(meta.source)
        at = at_line(path, path.read_text(encoding="utf-8"), key="code", value=meta.code)
        raise ConfigError(
            f"{at}: quy tắc {meta.code} không có hàm kiểm tra trong doclint; bộ quy tắc riêng chỉ đổi được "
            "siêu dữ liệu (mức độ, giải thích…) của các quy tắc có sẵn.",
            f"{at}: rule {meta.code} has no check in doclint; a user pack can only change the metadata "
            "(severity, explanation…) of the existing rules.",
        )
    declared = pack.options
    options: dict[str, Any] = {}
    for key, value in data.items():
        if key in STRUCTURAL:
            continue
        if key in SETTINGS:
            options[key] = (value, where(key))
            continue
        if key not in declared:
            hint_vi, hint_en = did_you_mean(key, [*SETTINGS, *declared])
            raise _fail(where(key), f"khóa lạ “{key}”.{hint_vi}", f"unknown key “{key}”.{hint_en}")
        options[key] = (value, where(key))
    for key, value in data.get("options", {}).items():
        if key not in declared:
            hint_vi, hint_en = did_you_mean(key, declared)
            raise _fail(
                where(key, "options"), f"tùy chọn lạ “{key}”.{hint_vi}", f"unknown option “{key}”.{hint_en}"
            )
        options[key] = (value, where(key, "options"))
    for key, (value, at) in options.items():
        spec = declared.get(key)
        if spec is not None and not spec.accepts(value):
            if spec.choices:
                hint_vi, hint_en = did_you_mean(str(value), [str(c) for c in spec.choices])
                allowed = ", ".join(f"“{c}”" for c in spec.choices)
                raise _fail(at, f"{key} phải là một trong {allowed}, không phải {value!r}.{hint_vi}",
                            f"{key} must be one of {allowed}, not {value!r}.{hint_en}")  # fmt: skip
            raise _fail(at, f"{key} phải có kiểu {spec.type}, không phải {value!r}.",
                        f"{key} must be of type {spec.type}, not {value!r}.")  # fmt: skip
    for key in ("select", "ignore"):
        check_codes(split_codes(data.get(key)), pack, f"{where(key)}: {key}")
    for code in severity:
        check_codes((code.upper(),), pack, f"{where(code, 'severity')}: severity")
    for pattern, codes in pfi.items():
        check_codes(split_codes(codes), pack, f"{where(pattern, 'per-file-ignores')}: per-file-ignores")
    return Config(
        select=split_codes(data.get("select")),
        ignore=split_codes(data.get("ignore")),
        severity=tuple((k.upper(), v) for k, v in severity.items()),
        stage=data.get("stage", "draft"),
        fail_on=data.get("fail-on", "error"),
        lang=data.get("lang", "vi"),
        packs=packs,
        exclude=tuple(_as_list(data.get("exclude"))),
        per_file_ignores=tuple((pattern, split_codes(codes)) for pattern, codes in pfi.items()),
        options=tuple(sorted(((k, v) for k, (v, _) in options.items()), key=lambda kv: kv[0])),
        source=source,
        preview=data.get("preview", False),
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def check_codes(codes: tuple[str, ...], pack, where: str) -> None:
    """Refuse codes and prefixes that name no rule of ``pack`` (``ALL`` names them all)."""
    known = sorted(pack.rules)
    families = sorted({m.family for m in pack.rules.values()})
    for code in codes:
        if code == "ALL" or any(k.startswith(code) for k in known):
            continue
        hint_vi, hint_en = did_you_mean(code, [*families, *known])
        raise ConfigError(
            f"{where}: không có quy tắc nào có mã hoặc tiền tố “{code}”.{hint_vi}",
            f"{where}: no rule has the code or prefix “{code}”.{hint_en}",
        )


def with_overrides(config: Config, **overrides: Any) -> Config:
    """Command-line options win over the file; ``None`` means 'not given'."""
    given = {k: v for k, v in overrides.items() if v not in (None, ())}
    return replace(config, **given)
