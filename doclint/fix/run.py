"""``doclint fix`` end to end: check, choose the fixes, write them, check again, repeat.

Each pass writes the chosen fixes into a working copy (a temporary folder), then checks that copy again:
fixes that waited because they touched the same words as another, and corrections a first fix makes
possible, are applied in the next pass, up to :data:`MAX_PASSES`. The copy is then moved to its place
(``<name>.doclint-sua.docx`` beside the input, or ``-o``), readable like any file the user saves; the input
is only read. ``--no-track`` accepts doclint's own changes at the end (never a reviewer's).
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from doclint.fix.select import Policy, choose, signature

MAX_PASSES = 4
DOCX_SUFFIXES = (".docx", ".docm")
TEXT_SUFFIXES = (".txt", ".md")


class FixError(Exception):
    """The input cannot be fixed (a PDF, output = input...): a message in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi, en)  # both in args: the error crosses the worker pool's pipe (pickle)
        self.vi, self.en = vi, en

    def __str__(self) -> str:
        return self.vi

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


@dataclass
class FixOptions:
    unsafe: bool = False
    preview: bool = False
    track: bool = True
    author: str = "doclint"
    date: str | None = None  # ISO 8601; default: now (SOURCE_DATE_EPOCH when set, for reproducible copies)

    @property
    def policy(self) -> Policy:
        return Policy(unsafe=self.unsafe, preview=self.preview)

    def when(self) -> str:
        if self.date:
            return self.date
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class FixReport:
    """What a run of the fixer did: the copy, the fixes applied (per rule), skipped, still to do."""

    source: Path
    output: Path | None = None
    applied: list[tuple[Any, Any]] = field(default_factory=list)  # (finding, fix)
    skipped: list[tuple[Any, Any, str]] = field(default_factory=list)  # (finding, fix, reason)
    passes: int = 0
    before: list[str] = field(default_factory=list)  # the text, one paragraph a line
    after: list[str] = field(default_factory=list)
    remaining: list[Any] = field(default_factory=list)  # findings of the fixed copy
    format_edits: int = 0  # formatting edits (not in the text diff)

    @property
    def count(self) -> int:
        return len(self.applied)

    def by_rule(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for finding, _ in self.applied:
            out[finding.code] = out.get(finding.code, 0) + 1
        return dict(sorted(out.items()))

    def diff(self, name: str = "") -> str:
        return "".join(
            difflib.unified_diff(
                [line + "\n" for line in self.before],
                [line + "\n" for line in self.after],
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def default_output(path: Path) -> Path:
    suffix = ".docx" if path.suffix.lower() in (*DOCX_SUFFIXES, ".doc") else path.suffix
    return path.with_name(f"{path.stem}.doclint-sua{suffix}")


def require_fixable(path: Path) -> str:
    """ "docx" or "text" (or "doc", converted by LibreOffice); a PDF or anything else is refused."""
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".doc":
        from doclint.load.doc import find_soffice

        if find_soffice() is not None:
            return "doc"
        raise FixError(
            f"{path.name}: tệp .doc cần LibreOffice để chuyển sang DOCX trước khi sửa. Hãy lưu thành .docx "
            "(Word: Tệp → Lưu thành) rồi chạy lại.",
            f"{path.name}: a .doc needs LibreOffice to be converted to DOCX before fixing. Save it as .docx "
            "(Word: File → Save As) and run again.",
        )
    if suffix == ".pdf":
        raise FixError(
            f"{path.name}: không sửa được tệp PDF (bản in, không phải bản soạn thảo). Hãy chạy “doclint fix” "
            "với bản .docx của văn bản; các lỗi trong PDF vẫn xem được bằng “doclint check”.",
            f"{path.name}: a PDF cannot be fixed (it is a print, not the draft). Run “doclint fix” on the "
            "document's .docx; “doclint check” still reports the PDF's findings.",
        )
    raise FixError(
        f"{path.name}: chỉ sửa được tệp .docx, .doc, .txt, .md.",
        f"{path.name}: only .docx, .doc, .txt and .md files can be fixed.",
    )


def _lint(path: Path, shown: Path, config: Any) -> Any:
    """Check the working copy as if it were the input (its path, for per-file settings and reports)."""
    from doclint.engine import FileResult, lint_document
    from doclint.errors import LoadError
    from doclint.load import load

    try:
        doc = load(path)
    except LoadError as err:
        return FileResult(path=str(shown), format=path.suffix.lstrip("."), stage=config.stage, error=err)
    doc.path = str(shown)
    return lint_document(doc, config)


def fix_path(src: Path | str, dst: Path | str | None, config: Any, options: FixOptions | None = None,
             result: Any = None, write: bool = True) -> FixReport:  # fmt: skip
    """Fix ``src`` into ``dst`` (not written when ``write`` is False: the report only, for ``--diff``).

    ``result``: the engine's result for ``src`` with its document kept (saves the first check)."""
    from doclint.annotate import refuse_input_as_output
    from doclint.load.guard import check_file

    options = options or FixOptions()
    src = Path(src)
    kind = require_fixable(src)
    out = Path(dst) if dst is not None else default_output(src)
    if write:
        try:
            refuse_input_as_output(src, out)
        except Exception as exc:
            raise FixError(exc.vi, exc.en) from exc  # type: ignore[attr-defined]
    check_file(src)
    report = FixReport(source=src, output=out if write else None)
    with tempfile.TemporaryDirectory(prefix="doclint-fix-") as tmp:
        work = Path(tmp) / ("input" + (".docx" if kind == "doc" else src.suffix.lower()))
        if kind == "doc":
            from doclint.load.doc import convert_to_docx, find_soffice

            source = Path(tmp) / "input.doc"
            shutil.copyfile(src, source)
            outdir = Path(tmp) / "converted"
            outdir.mkdir()
            shutil.move(convert_to_docx(source, outdir, find_soffice()), work)  # type: ignore[arg-type]
            result = None  # the check of the converted copy decides the offsets
        else:
            shutil.copyfile(src, work)
        os.chmod(work, 0o600)
        current = result if result is not None and result.document is not None else _lint(work, src, config)
        if current.error is not None:
            raise FixError(current.error.message("vi"), current.error.message("en"))
        report.before = [b.text for b in current.document.blocks]
        done: set[tuple] = set()
        made_ids: set[str] = set()
        date = options.when()
        for _ in range(MAX_PASSES):
            chosen, waiting = choose(current.findings, _pack(config), options.policy, done)
            if not chosen:
                break
            report.passes += 1
            if kind == "text":
                from doclint.fix.text import write_text

                written = write_text(work, current.document, chosen)
            else:
                from doclint.fix.docx import write_docx

                written, ids = write_docx(work, current.document, chosen, date, options.author)
                made_ids |= ids
            report.applied.extend(written.applied)
            report.skipped.extend(written.skipped)
            report.format_edits += written.format_edits
            for _, fix in chosen:
                done.add(signature(fix))
            current = _lint(work, src, config)
            if current.error is not None:  # never expected: the copy no longer reads
                raise FixError(
                    f"Bản sửa không đọc lại được ({current.error.message('vi')}); không ghi.",
                    f"The fixed copy cannot be read back ({current.error.message('en')}); not written.",
                )
            if not written.applied and not waiting:
                break
        report.after = [b.text for b in current.document.blocks]
        report.remaining = list(current.findings)
        if kind != "text" and not options.track and made_ids:
            from doclint.fix.docx import accept_own

            accept_own(work, options.author, made_ids)
        if write:
            _publish(work, out)
    return report


def _pack(config: Any) -> Any:
    from doclint.rulepack import load_pack

    return load_pack(config.packs)


def _publish(work: Path, out: Path) -> None:
    """Move the copy into place atomically, with the permissions of any file the user saves."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    mask = os.umask(0)
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)
    os.close(fd)
    try:
        shutil.copyfile(work, tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
