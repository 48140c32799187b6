"""Loaders: one per format, each producing the same :class:`~doclint.model.Document`.

Every loader runs behind :mod:`doclint.load.guard` and raises :class:`~doclint.errors.LoadError`
(DOC001...) with a one-line Vietnamese message instead of any library exception. No loader ever
writes to its input.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from doclint.errors import LoadError
from doclint.load.guard import check_file
from doclint.model import Document

# suffix -> "module:function"; imported lazily so that checking a .txt never imports lxml
LOADERS: dict[str, str] = {
    ".docx": "doclint.load.docx:load_docx",
    ".docm": "doclint.load.docx:load_docx",
    ".txt": "doclint.load.text:load_text",
    ".md": "doclint.load.text:load_text",
    ".pdf": "doclint.load.pdf:load_pdf",
    ".doc": "doclint.load.doc:load_doc",
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(LOADERS)


def load(path: str | Path, pdf_engine: str | None = None) -> Document:
    """Load any supported file; ``pdf_engine`` picks the PDF engine ("pdfium", the default, or the
    reference "pdfplumber": the ``pdf-engine`` option)."""
    path = Path(path)
    suffix = path.suffix.lower()
    target = LOADERS.get(suffix)
    if target is None:
        check_file(path)  # a folder that could not be listed, a missing or unreadable path: its own message
    if target is None:
        raise LoadError(
            "DOC001",
            f"Không hỗ trợ định dạng tệp “{suffix or path.name}” (chỉ đọc .docx, .pdf, .doc, .txt, .md).",
            f"Unsupported file type “{suffix or path.name}” (doclint reads .docx, .pdf, .doc, .txt, .md).",
        )
    check_file(path)
    module_name, func_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise LoadError(
            "DOC001",
            f"Chưa đọc được định dạng {suffix}: thiếu thành phần {exc.name}.",
            f"Cannot read {suffix} files: missing component {exc.name}.",
        ) from exc
    try:
        if suffix == ".pdf" and pdf_engine:
            return getattr(module, func_name)(path, engine=str(pdf_engine))
        return getattr(module, func_name)(path)
    except LoadError:
        raise
    except MemoryError:  # past the worker's memory budget: DOC007, decided by the worker
        raise
    except Exception as exc:  # any library failure on a broken file is a DOC001, not a crash
        what = _describe(exc)
        raise LoadError(
            "DOC001",
            f"Không đọc được tệp (tệp hỏng hoặc không đúng định dạng {suffix}): {what}.",
            f"Cannot read the file (broken or not a real {suffix} file): {what}.",
        ) from exc


def _describe(exc: Exception) -> str:
    """``zlib.error: invalid distance too far back`` rather than a bare ``error``."""
    kind = type(exc)
    name = (
        kind.__qualname__
        if kind.__module__ in ("builtins", None)
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    detail = " ".join(str(exc).split())[:120]
    return f"{name}: {detail}" if detail else name
