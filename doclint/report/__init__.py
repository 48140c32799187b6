"""Output formats. ``doclint/report/<name>.py`` provides ``render(results, config, lang, output)``,
returning the text/bytes to write (or None when it wrote files itself)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

BUILTIN = ("text", "json")


def available_formats() -> list[str]:
    names = {info.name for info in pkgutil.iter_modules(__path__)}
    internal = {"statistics", "templates", "common"}
    return sorted(n for n in names if n not in internal and not n.startswith("_"))


def renderer(name: str) -> Any:
    if name not in available_formats():
        raise ValueError(name)
    return importlib.import_module(f"{__name__}.{name}").render


def write_output(data: str | bytes, output: Path) -> None:
    """Atomic: a temp file beside the target, then a rename; an existing file is never half-written."""
    import os
    import tempfile

    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        # mkstemp creates 0600; a report is shared like any other file the user writes
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
