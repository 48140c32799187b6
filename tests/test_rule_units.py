"""Every rule is a unit: one code, one check function named after the rule, in its family's module, with its
metadata in its family's TOML; options declared once; pages that read the declared defaults."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from doclint.checks import FAMILY_MODULES, check_for, load_all
from doclint.explain import PLACEHOLDER, page
from doclint.explain import family_page as page_family
from doclint.rulepack import builtin_rules_dir, load_pack

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "doclint" / "checks"


def test_one_function_per_code_named_after_the_rule_in_its_family_module() -> None:
    pack = load_pack()
    seen: dict[str, str] = {}
    for code, fn in load_all():
        assert code not in seen, f"{code} is registered twice ({seen[code]} and {fn.__name__})"
        seen[code] = fn.__name__
        meta = pack.rules[code]
        assert fn.__name__ == meta.name.replace("-", "_"), f"{code}: {fn.__name__} is not named {meta.name}"
        assert fn.__module__ == f"doclint.checks.{meta.family.lower()}", f"{code} lives in {fn.__module__}"
    assert {f.lower() for f in pack.families} == set(FAMILY_MODULES)


def test_every_rule_in_its_family_toml() -> None:
    pack = load_pack()
    rules_dir = builtin_rules_dir() / "nd30"
    for meta in pack.rules.values():
        assert Path(meta.source) == rules_dir / f"rules-{meta.family.lower()}.toml", meta.code
    for fam in pack.families.values():
        assert Path(fam.source) == rules_dir / f"rules-{fam.code.lower()}.toml", fam.code
        assert fam.title_vi and fam.title_en


def test_findings_are_built_one_way() -> None:
    """Checks build findings with ``common.finding``, never ``Finding(...)`` directly."""
    for path in CHECKS.glob("*.py"):
        if path.name == "common.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        direct = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Finding"
        ]
        assert direct == [], f"{path.name}:{direct} builds Finding(...) directly"


def test_options_are_read_only_through_their_declaration() -> None:
    """A check reads an option with ``ctx.option(name)``, and the name is declared in the pack."""
    declared = set(load_pack().options)
    for path in CHECKS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "config.option(" not in text, f"{path.name} reads an undeclared option from the config"
        for name in re.findall(r"ctx\.option\(\"([^\"]+)\"\)", text):
            assert name in declared, f"{path.name}: option {name} is not declared in any rules-*.toml"


def test_pages_read_declared_defaults() -> None:
    """A rule's text names option values as {option}; a literal default would drift from the data."""
    pack = load_pack()
    for meta in pack.rules.values():
        options = pack.options_for(meta.code)
        for text in (meta.why, meta.doc):
            for name in PLACEHOLDER.findall(text):
                assert name in options, f"{meta.code}: {{{name}}} is not an option of the rule"
            literal = re.search(r"(?:mặc định|default)\s*[:=(]?\s*['\"“\d]", text)
            assert literal is None, f"{meta.code}: write a default as {{option}}, not {literal.group()!r}"


def test_the_three_old_contradictions_are_gone() -> None:
    pack = load_pack()
    assert '"standard"' in page("CIT004", pack, "vi") and "'basic')" not in page("CIT004", pack, "vi")
    assert "mặc định 0.6" in page("RED003", pack, "vi") and "0.7" not in page("RED003", pack, "vi")
    assert "mặc định 12" in page("RED005", pack, "vi") and "15 từ trở lên" not in page("RED005", pack, "vi")


def test_check_functions_are_found_from_their_code() -> None:
    fn = check_for("NUM003")
    assert fn is not None and fn.__name__ == "number_leading_zero"
    assert inspect.getsourcefile(fn) == str(CHECKS / "num.py")
    assert check_for("DOC001") is None  # reported by the loaders


def test_docs_rules_md_is_current() -> None:
    """docs/rules.md is generated: one row per rule, with where its check, data and tests live."""
    from doclint.explain import rules_markdown

    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(load_pack()), "regenerate: doclint rules --format md > docs/rules.md"
    num003 = next(line for line in current.splitlines() if line.startswith("| NUM003 |"))
    assert "doclint/checks/num.py::number_leading_zero" in num003
    assert "rules/nd30/rules-num.toml" in num003 and "tests/test_rule_examples.py::NUM003" in num003


INTERNALS = re.compile(
    r"\bw:[a-zA-Z]+|\brules/|\.py\b|\bTOML\b|\[\[?[a-z_]+(?:\.[a-z_]+)*\]\]?|rules-catalogue"
)
ENGLISH_WORDS = re.compile(r"\b(?:error|warning|info|Severity|Family|Legal basis|default|Fix|Why)\b")
VIETNAMESE_LABELS = ("Nhóm:", "Mức độ:", "Căn cứ:", "Vì sao:", "Sai", "Đúng", "mặc định", "Cách sửa:")


def test_pages_speak_one_language() -> None:
    pack = load_pack()
    for code, meta in pack.rules.items():
        vi = page(code, pack, "vi")
        assert not ENGLISH_WORDS.search(vi), (code, ENGLISH_WORDS.search(vi).group())
        assert not INTERNALS.search(vi), (code, INTERNALS.search(vi).group())
        assert meta.why_en and meta.basis_en and (meta.doc_en or not meta.doc), (
            f"{code}: give why_en/basis_en/doc_en"
        )
        en = page(code, pack, "en")
        assert not any(label in en for label in VIETNAMESE_LABELS), code
        assert not INTERNALS.search(en), (code, INTERNALS.search(en).group())
    for family in pack.families:
        listing = page_family(family, pack, "vi")
        assert all(c in listing for c, m in pack.rules.items() if m.family == family)
        assert not ENGLISH_WORDS.search(listing)
