"""What a check imports at start-up (issue 17): Typer's rich formatting only for help and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import sys
from doclint import cli, cli_i18n

cli_i18n.install("vi")
cli_i18n.install("vi")  # twice: still one patch
assert "typer.rich_utils" not in sys.modules, "imported before any help or error needs it"

from typer import rich_utils  # as Typer does when it prints an error or the help

assert rich_utils.ARGUMENTS_PANEL_TITLE == "Đối số", rich_utils.ARGUMENTS_PANEL_TITLE
assert rich_utils.rich_format_error.__name__ == "tidy_rich"
assert not [f for f in sys.meta_path if type(f).__name__ == "_PatchOnImport"]
print("ok")
"""


def test_rich_help_is_imported_only_when_needed_and_still_translated():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_patch_applies_at_once_when_the_module_is_already_imported():
    from doclint import cli_i18n

    seen = []
    cli_i18n.when_imported("json", seen.append)
    import json

    assert seen == [json]
