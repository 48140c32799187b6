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


def hungry_lint(path, config, keep_document=False):
    """Grows without bound on ``*an*`` files (a parser building a 3.8 GB label, say)."""
    if "-an" in Path(path).name:
        hoard = []
        while True:
            hoard.append(bytearray(16 * 1024 * 1024))
    return lint_path(path, config, keep_document=keep_document)


def leaving_lint(path, config, keep_document=False):
    """On ``*treo*`` files: starts a converter that never ends, fills a temporary folder, then hangs
    (the .doc path when LibreOffice hangs)."""
    import subprocess
    import tempfile

    if "treo" in Path(path).name:
        folder = tempfile.mkdtemp(prefix="doclint-doc-")
        Path(folder, "input.doc").write_bytes(b"x")
        child = subprocess.Popen(["sleep", "300"])
        Path(path).with_suffix(".pid").write_text(f"{child.pid}\n{folder}\n", encoding="utf-8")
        time.sleep(300)
    return lint_path(path, config, keep_document=keep_document)


def sleepy(seconds):
    time.sleep(seconds)
    return seconds


def grow(mb):
    return len(bytearray(mb * 1024 * 1024))


def boom():
    raise ValueError("boom")


def die():
    os._exit(7)
