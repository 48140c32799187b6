"""Word 97-2003 ``.doc``: converted to DOCX by LibreOffice (``soffice --headless``), then read by the
DOCX loader. Without LibreOffice the file gets ``DOC004`` with a one-line install hint.

The input is copied into a private temporary folder before conversion, so LibreOffice's lock file
and output never touch the user's folder. Each process keeps its own LibreOffice profile
(``-env:UserInstallation``) so that parallel workers never share one, and reuses it across files
(creating a profile costs a few seconds).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from doclint.errors import LoadError
from doclint.load.docx import load_docx
from doclint.model import Document

TIMEOUT_S = 120
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_profile: Path | None = None


def find_soffice() -> str | None:
    """The LibreOffice binary, or None. ``DOCLINT_SOFFICE`` overrides the search."""
    override = os.environ.get("DOCLINT_SOFFICE")
    if override:
        return override if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return None


def install_hint() -> str:
    if sys.platform.startswith("linux"):
        return "sudo apt-get install libreoffice-writer"
    if sys.platform == "darwin":
        return "brew install --cask libreoffice"
    return "tải LibreOffice tại https://www.libreoffice.org/download/"


def _no_libreoffice() -> LoadError:
    hint = install_hint()
    return LoadError(
        "DOC004",
        f"Không đọc được tệp .doc (Word 97-2003): chưa cài LibreOffice để chuyển sang .docx. "
        f"Cài bằng lệnh: {hint} — hoặc mở tệp bằng Word và lưu lại dưới dạng .docx.",
        f"Cannot read a .doc (Word 97-2003) file: LibreOffice is not installed to convert it to .docx. "
        f"Install it ({hint}) or save the file as .docx from Word.",
    )


def _profile_dir() -> Path:
    global _profile
    if _profile is None or not _profile.exists():
        _profile = Path(tempfile.mkdtemp(prefix=f"doclint-lo-{os.getpid()}-"))
        atexit.register(shutil.rmtree, _profile, True)
    return _profile


def _die_with_parent() -> None:
    from doclint.worker import die_with_parent

    die_with_parent()


def _run_converter(cmd: list[str], outdir: Path, timeout: float) -> subprocess.CompletedProcess:
    """LibreOffice in a process group of its own, killed whole (soffice and soffice.bin) on a timeout.
    In a pool worker its group id is also written to the worker's folder (``DOCLINT_WORKER_DIR``), so
    that the parent kills it even when it kills the worker itself."""
    import signal

    options: dict = {"start_new_session": True} if sys.version_info < (3, 11) else {"process_group": 0}
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOME": str(outdir)},
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        **options,
    )
    marker = None
    worker_dir = os.environ.get("DOCLINT_WORKER_DIR")
    if worker_dir and os.name == "posix":
        marker = Path(worker_dir) / f"pgid-{proc.pid}"
        with contextlib.suppress(OSError):
            marker.write_text(str(proc.pid), encoding="ascii")
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        proc.communicate()
        raise
    finally:
        if proc.returncode is not None:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)  # anything soffice left in its group
        if marker is not None:
            marker.unlink(missing_ok=True)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def convert_to_docx(path: Path, outdir: Path, soffice: str, timeout: float = TIMEOUT_S) -> Path:
    """Convert ``path`` (already a private copy) into ``outdir``; return the .docx path."""
    profile = _profile_dir().as_uri()
    cmd = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(path),
    ]
    try:
        proc = _run_converter(cmd, outdir, timeout)
    except subprocess.TimeoutExpired as exc:
        raise LoadError(
            "DOC001",
            f"LibreOffice không chuyển được tệp .doc sang .docx trong {timeout:.0f} giây (tệp quá lớn hoặc hỏng).",
            f"LibreOffice did not convert the .doc to .docx within {timeout:.0f} s (file too large or broken).",
        ) from exc
    except OSError as exc:
        raise _no_libreoffice() from exc
    out = outdir / (path.stem + ".docx")
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip().splitlines()
        tail = detail[-1][:160] if detail else f"mã thoát {proc.returncode}"
        raise LoadError(
            "DOC001",
            f"LibreOffice không chuyển được tệp .doc sang .docx (tệp hỏng hoặc không phải Word): {tail}",
            f"LibreOffice could not convert the .doc to .docx (broken or not a Word file): {tail}",
        )
    return out


def load_doc(path: Path) -> Document:
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK"):
        # a DOCX saved with the old extension: read it directly
        doc = load_docx(path)
        doc.format = "doc"
        return doc
    if head != OLE_MAGIC and not head.startswith((b"{\\rtf", b"<")):
        raise LoadError(
            "DOC001",
            "Tệp .doc không phải tài liệu Word 97-2003 (sai định dạng hoặc tệp hỏng).",
            "The .doc file is not a Word 97-2003 document (wrong format or broken file).",
        )
    soffice = find_soffice()
    if soffice is None:
        raise _no_libreoffice()
    with tempfile.TemporaryDirectory(prefix="doclint-doc-") as tmp:
        work = Path(tmp)
        source = work / "input.doc"
        shutil.copyfile(path, source)
        outdir = work / "out"
        outdir.mkdir()
        converted = convert_to_docx(source, outdir, soffice)
        doc = load_docx(converted)
    doc.path = str(path)
    doc.format = "doc"
    doc.facts.warnings.append("Tệp .doc được chuyển sang .docx bằng LibreOffice trước khi kiểm tra.")
    return doc
