"""Patterns compiled on first use, and data files kept parsed (issue 17).

What a user relies on: a pattern behaves exactly as ``re.compile`` would make it; a damaged or foreign
cache entry is never used; an edited rule pack is read again.
"""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import re

import pytest

import doclint
from doclint import datacache, lazyre


def test_every_pattern_of_the_package_compiles() -> None:
    """Compiled on first use, a broken pattern would only fail on the document that reaches it."""
    patterns = []
    for info in pkgutil.walk_packages(doclint.__path__, "doclint."):
        if info.name.startswith(("doclint.serve", "doclint.__main__")):
            continue
        module = importlib.import_module(info.name)
        patterns += [v for v in vars(module).values() if isinstance(v, lazyre.LazyPattern)]
    assert len(patterns) > 100
    for p in patterns:
        assert p.compiled() == (re.compile(p.pattern, p.flags) if p.engine == "re" else p.compiled())


def test_a_lazy_pattern_is_compiled_on_first_use_and_behaves_as_re() -> None:
    lazy = lazyre.compile(r"(?P<d>\d{1,2}) tháng (?P<m>\d{1,2})", re.IGNORECASE)
    assert "_compiled" not in vars(lazy) and lazy.pattern.startswith("(?P<d>")
    text = "ngày 5 THÁNG 3 năm 2026, ngày 07 tháng 11"
    real = re.compile(lazy.pattern, re.IGNORECASE)
    assert [m.groupdict() for m in lazy.finditer(text)] == [m.groupdict() for m in real.finditer(text)]
    assert lazy.sub("X", text) == real.sub("X", text)
    assert lazy.groupindex == real.groupindex and lazy.groups == real.groups
    assert pickle.loads(pickle.dumps(lazy)).search(text)[0] == "5 THÁNG 3"


def test_a_bad_pattern_raises_re_error_when_used() -> None:
    lazy = lazyre.compile(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def test_a_cache_entry_of_other_sources_is_not_used(tmp_path) -> None:
    source = tmp_path / "a.toml"
    source.write_text("x = 1\n", encoding="utf-8")
    datacache.store("demo", [source], {"x": 1})
    assert datacache.load("demo", [source]) == {"x": 1}
    source.write_text("x = 22\n", encoding="utf-8")  # another size: another entry
    assert datacache.load("demo", [source]) is None
    path = datacache.entry_path("demo", datacache._key("demo", [source], ""))
    path.write_text('{"key": "something else", "data": {"x": 3}}', encoding="utf-8")
    assert datacache.load("demo", [source]) is None
    path.write_text("not json", encoding="utf-8")
    assert datacache.load("demo", [source]) is None


def test_an_edited_user_pack_is_read_again(tmp_path) -> None:
    from doclint.rulepack import folder_data

    (tmp_path / "formalism.toml").write_text('phrases = ["một"]\n', encoding="utf-8")
    assert folder_data(tmp_path)[0][1] == {"phrases": ["một"]}
    assert folder_data(tmp_path)[0][1] == {"phrases": ["một"]}  # now from the cache folder
    (tmp_path / "formalism.toml").write_text('phrases = ["một", "hai"]\n', encoding="utf-8")
    assert folder_data(tmp_path)[0][1] == {"phrases": ["một", "hai"]}


def test_a_pack_entry_of_another_layout_is_not_used(tmp_path) -> None:
    from doclint.rulepack import _PACK_CACHE_FORMAT, folder_data

    source = tmp_path / "formalism.toml"
    source.write_text('phrases = ["một"]\n', encoding="utf-8")
    datacache.store("rulepack", [source], {"formalism.toml": {"phrases": ["khác"]}}, _PACK_CACHE_FORMAT)
    assert folder_data(tmp_path)[0][1] == {"phrases": ["một"]}
