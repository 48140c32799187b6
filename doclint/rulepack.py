"""Rule packs: rule metadata and domain tables as TOML data, read with the standard library.

A pack is a folder. Files named ``rules*.toml`` hold ``[[rule]]`` entries (one per rule code);
every other ``*.toml`` is a domain table, reachable as ``pack.table("<file stem>")``. The built-in
pack is ``rules/nd30``; a records office adds its own folder in the config, and its rules and
tables are merged over the built-in ones (tables: keys of a user table replace or extend ours).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from doclint.errors import ConfigError

FAMILIES = (
    "HDR", "NUM", "DATE", "TTL", "BODY", "SIG", "RCPT", "FMT",
    "CIT", "ABBR", "CAP", "TXT", "RED", "SEC", "DOC",
)  # fmt: skip


@dataclass(slots=True)
class RuleMeta:
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


@dataclass
class RulePack:
    rules: dict[str, RuleMeta] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def table(self, name: str) -> dict[str, Any]:
        return self.tables.get(name, {})

    def add_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ConfigError(f"không tìm thấy bộ quy tắc: {folder}")
        self.sources.append(str(folder))
        for path in sorted(folder.glob("*.toml")):
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: TOML không hợp lệ: {exc}") from exc
            if path.name.startswith("rules"):
                for entry in data.get("rule", []):
                    self._add_rule(entry, path)
            else:
                self.tables[path.stem] = _deep_merge(self.tables.get(path.stem, {}), data)

    def _add_rule(self, entry: dict[str, Any], path: Path) -> None:
        try:
            meta = RuleMeta(**entry)
        except TypeError as exc:
            raise ConfigError(f"{path}: mục quy tắc không hợp lệ {entry.get('code')}: {exc}") from exc
        if meta.severity not in ("error", "warning", "info"):
            raise ConfigError(f"{path}: {meta.code}: mức độ không hợp lệ {meta.severity!r}")
        for stage, level in meta.stage_severity.items():
            if stage not in ("draft", "final", "issued") or level not in ("error", "warning", "info"):
                raise ConfigError(f"{path}: {meta.code}: stage_severity không hợp lệ {stage!r} = {level!r}")
        self.rules[meta.code] = meta


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
    pack = RulePack(dict(base.rules), dict(base.tables), list(base.sources))
    for folder in extra_folders:
        pack.add_folder(Path(folder))
    return pack
