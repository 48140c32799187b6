"""What an uploaded file really is, decided from its bytes (never from its name), and safe names.

A file is accepted as DOCX only when it is a ZIP holding ``word/document.xml`` whose central
directory passes :mod:`doclint.load.guard` (so a zip bomb is refused before any worker inflates a
byte), PDF from its ``%PDF-`` signature, Word 97-2003 from the OLE2 signature, and text when its
start decodes as UTF-8 (or carries a UTF-16 byte-order mark) with no NUL byte. Everything else is
answered 415 with what the content looks like (“ảnh PNG”...).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# signature -> (vi, en) for the 415 message
KNOWN: list[tuple[bytes, tuple[str, str]]] = [
    (b"\x89PNG\r\n\x1a\n", ("ảnh PNG", "a PNG image")),
    (b"\xff\xd8\xff", ("ảnh JPEG", "a JPEG image")),
    (b"GIF8", ("ảnh GIF", "a GIF image")),
    (b"RIFF", ("tệp đa phương tiện (RIFF)", "a media file (RIFF)")),
    (b"Rar!", ("tệp nén RAR", "a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", ("tệp nén 7z", "a 7z archive")),
    (b"\x1f\x8b", ("tệp nén gzip", "a gzip archive")),
    (b"MZ", ("chương trình Windows", "a Windows program")),
    (b"\x7fELF", ("chương trình Linux", "a Linux program")),
    (b"{\\rtf", ("tệp RTF", "an RTF file")),
]


@dataclass(frozen=True)
class Kind:
    suffix: str | None  # ".docx", ".pdf", ".doc", ".txt" — None: refused
    found_vi: str = ""
    found_en: str = ""
    bomb_vi: str = ""  # set when a ZIP container is refused by the guard
    bomb_en: str = ""


def sniff(path: Path, name: str = "") -> Kind:
    with path.open("rb") as fh:
        head = fh.read(65536)
    if not head:
        return Kind(None, "tệp rỗng", "an empty file")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if b"%PDF-" in head[:1024]:
        return Kind(".pdf")
    if head.startswith(OLE2):
        return Kind(".doc")
    for signature, (vi, en) in KNOWN:
        if head.startswith(signature):
            return Kind(None, vi, en)
    if _is_text(head):
        return Kind(".md" if name.lower().endswith(".md") else ".txt")
    return Kind(None, "dữ liệu nhị phân không rõ loại", "unrecognised binary data")


def _zip_kind(path: Path) -> Kind:
    from doclint.errors import LoadError
    from doclint.load.guard import open_zip

    try:
        archive = open_zip(path)
    except LoadError as err:
        if "ZIP" in err.vi or "không phải" in err.vi:
            return Kind(None, "tệp nén hỏng", "a broken archive")
        return Kind(None, "tệp nén", "an archive", bomb_vi=err.vi, bomb_en=err.en)
    except (OSError, zipfile.BadZipFile, ValueError):
        return Kind(None, "tệp nén hỏng", "a broken archive")
    with archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return Kind(".docx")
    if any(n.startswith("xl/") for n in names):
        return Kind(None, "bảng tính Excel", "an Excel workbook")
    if any(n.startswith("ppt/") for n in names):
        return Kind(None, "bản trình chiếu PowerPoint", "a PowerPoint presentation")
    return Kind(None, "tệp nén ZIP", "a ZIP archive")


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the 64 KiB window is still text
        return exc.start >= len(head) - 3 and exc.reason.startswith("unexpected end")
    return True


# ---------------------------------------------------------------- names

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]')


def safe_name(name: str, default: str = "van-ban") -> str:
    """A file name safe to show, to save under and to send back: no folders, no control or
    direction characters, NFC, at most 120 characters (the extension kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name:
        return default
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 120 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:120]
    return name


def with_suffix(name: str, suffix: str) -> str:
    stem = Path(name).stem if Path(name).suffix else name
    return f"{stem or 'van-ban'}{suffix}"


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    name = safe_name(name)
    ascii_name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name).strip() or "doclint"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
