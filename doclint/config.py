"""Configuration: ``doclint.toml`` or ``[tool.doclint]`` in ``pyproject.toml``, found by walking up
from the checked file, then overridden by command-line options.

Keys (kebab-case in the file): select, ignore, severity (code -> level), stage, fail-on, lang,
packs (folders of user rule packs, relative to the config file), exclude, per-file-ignores,
and any rule option (e.g. ``tone-style = "new"``) which checks read with :meth:`Config.option`.
"""

from __future__ import annotations

import fnmatch
import tomllib
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


@dataclass(frozen=True)
class Config:
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
        try:
            data = tomllib.loads(read_regular_file(pyproject, 8 * MAX_CONFIG_BYTES))
        except (tomllib.TOMLDecodeError, ConfigError):
            return None
        if "doclint" in data.get("tool", {}):
            return pyproject
    return None


@cache
def read_config(path: Path) -> Config:
    try:  # only a regular file of bounded size (a FIFO or a link to /dev/zero is refused)
        data = tomllib.loads(read_regular_file(path, 8 * MAX_CONFIG_BYTES))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"không đọc được tệp cấu hình {path}: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("doclint", {})
    try:
        return from_mapping(data, base_dir=path.parent, source=str(path))
    except ConfigError:
        raise
    except (TypeError, AttributeError, ValueError, KeyError) as exc:  # a value of the wrong type
        raise ConfigError(f"{path}: giá trị không hợp lệ trong tệp cấu hình ({exc})") from exc


def from_mapping(data: dict[str, Any], base_dir: Path, source: str | None = None) -> Config:
    known = {"select", "ignore", "severity", "stage", "fail-on", "lang", "packs", "exclude",
             "per-file-ignores", "preview"}  # fmt: skip
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: [tool.doclint] phải là một bảng")
    for key, allowed in (("fail-on", (*LEVELS, "never")), ("lang", ("vi", "en"))):
        if key in data and data[key] not in allowed:
            raise ConfigError(
                f"{source}: {key} phải là một trong {', '.join(allowed)}, không phải {data[key]!r}"
            )
    for key in ("select", "ignore", "packs", "exclude"):
        value = data.get(key)
        if (
            value is not None
            and not (isinstance(value, str) and key in ("select", "ignore"))
            and not (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            raise ConfigError(f"{source}: {key} phải là một danh sách chuỗi, không phải {value!r}")
    for key in ("severity", "per-file-ignores"):
        if key in data and not isinstance(data[key], dict):
            raise ConfigError(f"{source}: {key} phải là một bảng, không phải {data[key]!r}")
    stage = data.get("stage", "draft")
    if stage not in STAGES:
        raise ConfigError(f"{source}: stage phải là draft, final hoặc issued, không phải {stage!r}")
    preview = data.get("preview", False)
    if not isinstance(preview, bool):
        raise ConfigError(f"{source}: preview phải là true hoặc false, không phải {preview!r}")
    severity = data.get("severity", {})
    for code, level in severity.items():
        if level not in LEVELS:
            raise ConfigError(f"{source}: mức độ của {code} không hợp lệ: {level!r}")
    options = {k: v for k, v in data.items() if k not in known}
    if isinstance(data.get("options"), dict):
        options.update(data["options"])
        options.pop("options", None)
    return Config(
        select=split_codes(data.get("select")),
        ignore=split_codes(data.get("ignore")),
        severity=tuple((k.upper(), v) for k, v in severity.items()),
        stage=stage,
        fail_on=data.get("fail-on", "error"),
        lang=data.get("lang", "vi"),
        packs=tuple(str((base_dir / p).resolve()) for p in data.get("packs", [])),
        exclude=tuple(data.get("exclude", [])),
        per_file_ignores=tuple(
            (pattern, split_codes(codes)) for pattern, codes in data.get("per-file-ignores", {}).items()
        ),
        options=tuple(sorted(options.items(), key=lambda kv: kv[0])),
        source=source,
        preview=preview,
    )


def with_overrides(config: Config, **overrides: Any) -> Config:
    """Command-line options win over the file; ``None`` means 'not given'."""
    given = {k: v for k, v in overrides.items() if v not in (None, ())}
    return replace(config, **given)
