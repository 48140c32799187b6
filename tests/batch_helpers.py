"""Stand-ins for ``lint_path`` that the batch tests send to worker processes (so they live in a module
the workers can import): one hangs on files named ``*treo*``, one kills its process on ``*sap*``."""

from __future__ import annotations

import os
import time
from pathlib import Path

from doclint.engine import lint_path


def hanging_lint(path, config, keep_document=False):
    if "treo" in Path(path).name:
        time.sleep(120)
    return lint_path(path, config, keep_document=keep_document)


def crashing_lint(path, config, keep_document=False):
    if "sap" in Path(path).name:
        os._exit(3)
    return lint_path(path, config, keep_document=keep_document)


def raising_lint(path, config, keep_document=False):
    if "loi" in Path(path).name:
        raise RuntimeError("recogniser bug")
    return lint_path(path, config, keep_document=keep_document)
