"""``doclint fix``: the certain corrections, written into a copy of the draft as Word tracked changes.

* :mod:`doclint.fix.model` — fixes as data (format-independent edits, applicability safe/unsafe);
* :mod:`doclint.fix.build` — the small API a check uses to attach a fix to a finding;
* :mod:`doclint.fix.select` — which fixes apply (applicability, maturity, conflicts between them);
* :mod:`doclint.fix.docx` — the DOCX writer (w:ins/w:del, w:rPrChange, w:pPrChange, w:sectPrChange);
* :mod:`doclint.fix.text` — the plain-text writer;
* :mod:`doclint.fix.run` — check, write, check again until nothing is left; the copy is published.

``fixed_copy(result, dst, lang)`` is what the web page and ``annotate --fix`` call.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from doclint.fix.model import Fix
    from doclint.fix.run import FixError, FixOptions, FixReport, default_output, fix_path, require_fixable

# imported when first asked for: a check imports ``doclint.fix.build`` on every run, and the writer
# (difflib, tempfile, the selection policy) is needed only by ``doclint fix`` (issue 17: start-up)
_LAZY = {"Fix": "doclint.fix.model", "FixError": "doclint.fix.run", "FixOptions": "doclint.fix.run",
         "FixReport": "doclint.fix.run", "default_output": "doclint.fix.run", "fix_path": "doclint.fix.run",
         "require_fixable": "doclint.fix.run"}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
    "Fix",
    "FixError",
    "FixOptions",
    "FixReport",
    "default_output",
    "fix_path",
    "fixed_copy",
    "require_fixable",
]


def fixed_copy(result: Any, dst: Path, lang: str = "vi", config: Any = None) -> Path | None:
    """A copy of ``result``'s DOCX with its safe fixes as tracked changes, written to ``dst``.

    None when there is nothing to fix (or the file is not a DOCX/.doc), so the page offers no copy."""
    from doclint.config import Config, with_overrides

    src = Path(result.path)
    if result.error is not None or src.suffix.lower() not in (".docx", ".docm", ".doc"):
        return None
    if not any(f.fix is not None for f in result.findings):
        return None
    config = config or with_overrides(Config(), stage=result.stage)
    from doclint.fix.run import FixOptions, fix_path

    report = fix_path(src, dst, config, FixOptions(preview=config.preview), result=result)
    if not report.count:
        Path(dst).unlink(missing_ok=True)
        return None
    return Path(dst)
