"""Every rule's examples are tests (as proselint's and LanguageTool's are): the bad example, put into an
otherwise clean document (doclint.testing builds it: text, or DOCX for the style and layout rules), must
fire the rule, and the good one must not. A rule whose example cannot run says why in example_note."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.rulepack import load_pack
from doclint.testing import EXAMPLE_TEMPLATES, lint_example

PACK = load_pack()
RUNNABLE = sorted(code for code, meta in PACK.rules.items() if not meta.example_note)


def test_every_rule_has_a_runnable_example_or_says_why() -> None:
    for code, meta in PACK.rules.items():
        assert meta.example_note or (meta.example_bad and meta.example_good), (
            f"{code}: give example_bad and example_good, or say in example_note why they cannot run"
        )
        assert meta.example_type in EXAMPLE_TEMPLATES, code
        assert meta.example_in in (*EXAMPLE_TEMPLATES[meta.example_type], "body"), code
        assert meta.example_stage in ("draft", "final", "issued"), code
    assert len(RUNNABLE) >= 80


@pytest.mark.parametrize("code", RUNNABLE)
def test_bad_example_fires_and_good_example_does_not(code: str, tmp_path: Path) -> None:
    meta = PACK.rules[code]
    bad = lint_example(meta, "bad", tmp_path)
    assert bad, f"{code}: the bad example {meta.example_bad!r} does not fire the rule"
    good = lint_example(meta, "good", tmp_path)
    assert not good, f"{code}: the good example {meta.example_good!r} fires: {good[0].vi}"
