"""What a worker process does for the server: check one uploaded file and, for the page, build
the downloads while the document is still in memory (so the server process only moves bytes).

``serve_lint`` is given to the pool as its ``lint`` function (a module-level function, pickled by
name). It reads one option that the server puts in the file's config:

* ``serve-outputs = "page"``: also build the per-document view (the text of every paragraph, for
  the findings to be shown at their words) and the downloads (HTML report, DOCX with Word comments,
  CSV, XLSX when the report package has it, the fixed DOCX once ``doclint fix`` provides it);
* ``"annotate"``: only the DOCX with Word comments (``POST /api/v1/annotate``);
* ``"keep"``: the findings with the document kept (a report of several files is rendered by the server);
* absent: the findings only, as ``doclint check`` gives them (the JSON API).

Every output is optional: one that fails is reported by name in ``outputs["problems"]``, never as a
failure of the check.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
from pathlib import Path
from typing import Any

from doclint.config import Config
from doclint.engine import FileResult, lint_path

OUTPUT_OPTION = "serve-outputs"

MIME = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "fixed": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def serve_lint(path: str, config: Config, keep_document: bool = False) -> FileResult:
    mode = config.option(OUTPUT_OPTION)
    result = lint_path(path, config, keep_document=bool(mode) or keep_document)
    if mode in ("page", "annotate"):
        only = ("docx",) if mode == "annotate" else None
        result.outputs = page_outputs(result, config, only)  # type: ignore[attr-defined]
    if mode != "keep":  # "keep": the server renders one report of several documents
        result.document = None
        result.recognition = None
    return result


def page_outputs(result: FileResult, config: Config, only: tuple[str, ...] | None = None) -> dict[str, Any]:
    lang = "en" if config.lang == "en" else "vi"
    source = Path(result.path)
    shown = dataclasses.replace(result, path=source.name)  # reports name the upload, not the temp path
    out: dict[str, Any] = {"view": None, "files": {}, "problems": []}
    if only is None:
        try:
            out["view"] = view(result, lang)
        except Exception as exc:
            out["problems"].append(f"view: {exc!r}")
    stem = source.stem
    builders = [
        ("html", f"{stem}.doclint.html", lambda: _render("html", shown, config, lang)),
        ("csv", f"{stem}.doclint.csv", lambda: _render("csv", shown, config, lang)),
        ("xlsx", f"{stem}.doclint.xlsx", lambda: _render("xlsx", shown, config, lang)),
        ("docx", f"{stem}.doclint.docx", lambda: annotated_docx(result, lang)),
        ("fixed", f"{stem}.sua.docx", lambda: fixed_docx(result, lang, config)),
    ]
    for key, name, build in builders:
        if only is not None and key not in only:
            continue
        try:
            data = build()
        except Exception as exc:  # one broken output never hides the findings
            out["problems"].append(f"{key}: {exc!r}")
            continue
        if data is None:
            continue
        if isinstance(data, str):
            data = data.encode("utf-8")
        out["files"][key] = {"name": name, "type": MIME[key], "data": data}
    return out


def _render(fmt: str, result: FileResult, config: Config, lang: str) -> bytes | str | None:
    from doclint import report

    if fmt not in report.available_formats():
        return None  # a format this version of the report package does not have
    return report.render(fmt, [result], report.ReportOptions(lang=lang, config=config))


def annotated_docx(result: FileResult, lang: str) -> bytes | None:
    if result.error is not None or Path(result.path).suffix.lower() not in (".docx", ".docm"):
        return None
    from doclint.annotate import annotate_result

    dst = Path(result.path).with_name("annotated.docx")
    annotate_result(result, dst, lang)
    try:
        return dst.read_bytes()
    finally:
        dst.unlink(missing_ok=True)


def fixed_docx(result: FileResult, lang: str, config: Config | None = None) -> bytes | None:
    """The hook for ``doclint fix``: when ``doclint.fix`` offers ``fixed_copy(result, dst, lang)``
    (a DOCX with the safe fixes as tracked changes, returning the path written or None), the page
    offers its output; until then this returns None and the page says the fixed copy is not ready."""
    if result.error is not None or Path(result.path).suffix.lower() != ".docx":
        return None
    try:
        module = importlib.import_module("doclint.fix")
    except ImportError:
        return None
    fixed_copy = getattr(module, "fixed_copy", None)
    if fixed_copy is None:
        return None
    dst = Path(result.path).with_name("fixed.docx")
    written = fixed_copy(result, dst, lang, config=config)  # the page's stage, rules and options
    if not written:
        return None
    try:
        return Path(written).read_bytes()
    finally:
        Path(written).unlink(missing_ok=True)


def view(result: FileResult, lang: str) -> dict[str, Any]:
    """What the page needs to show findings at their words: each paragraph's text and page, and the
    recognised components (the checklist of the HTML report)."""
    doc = result.document
    blocks = []
    if doc is not None:
        for block in doc.blocks:
            blocks.append({"i": block.index, "text": block.text, "page": block.page, "kind": block.kind})
    checklist = []
    if result.recognition is not None:
        try:
            from doclint.report.common import checklist as build_checklist

            for item in build_checklist(result.recognition, lang):
                checklist.append({k: v for k, v in dataclasses.asdict(item).items() if _plain(v)})
        except Exception:
            checklist = []
    return {"blocks": blocks, "checklist": checklist}


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def ready() -> bool:
    """A task that does nothing: sent to every worker at start-up so they exist before the first upload."""
    return True


def _warm() -> None:
    """In the fork server (``doclint.serve.work`` is preloaded there): compile the HTML report's
    template once, so no worker spends the first 0.4 s of its first page request on it."""
    from doclint.report import html

    templates = [name for name in html.environment().list_templates() if name.endswith(".j2")]
    for name in templates:
        html.environment().get_template(name)


with contextlib.suppress(Exception):  # an optimisation only; a broken template is reported when used
    _warm()
