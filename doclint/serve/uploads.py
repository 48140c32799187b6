"""Receiving files: the multipart body is parsed as it arrives and each file part is written
straight into the request's private folder, never held whole in memory.

Limits, each answered with :class:`Rejected` (→ 413/415 and a Vietnamese message):

* a declared ``Content-Length`` above ``max_request_bytes`` is refused before a byte is read;
* a body that grows past it (chunked upload) is cut off there;
* a file past ``max_file_bytes`` or a file beyond ``max_files`` stops being written; the rest of
  the body (still under ``max_request_bytes``) is read and dropped so that the client, which is
  still sending, gets the answer instead of a broken connection;
* after the body: every file's type is sniffed from its content (:mod:`doclint.serve.sniff`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from doclint.serve import sniff
from doclint.serve.messages import megabytes
from doclint.serve.settings import Settings

MAX_FIELDS = 50
MAX_FIELD_BYTES = 64 * 1024


class Rejected(Exception):
    """An upload the server will not check: HTTP status, message key and its values."""

    def __init__(self, status: int, key: str, drained: bool = True, **values: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.values = values
        self.drained = drained  # False: the body was not read to its end (close the connection)


@dataclass
class UploadedFile:
    name: str  # the sender's name, made safe, with the suffix of the sniffed type
    original: str  # the sender's name, made safe
    path: Path
    size: int


@dataclass
class Upload:
    folder: Path
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[UploadedFile] = field(default_factory=list)

    def field(self, name: str) -> str | None:
        values = self.fields.get(name)
        return ",".join(values) if values else None


class _Parts:
    """The multipart callbacks: headers of each part, data into a file or a small field."""

    def __init__(self, folder: Path, settings: Settings, file_field: str) -> None:
        self.folder = folder
        self.settings = settings
        self.file_field = file_field
        self.fields: dict[str, list[str]] = {}
        self.files: list[tuple[str, Path, int]] = []
        self.error: Rejected | None = None
        self._headers: dict[bytes, bytes] = {}
        self._hname = b""
        self._hvalue = b""
        self._kind: str | None = None  # "file", "field" or None (ignored part)
        self._name = ""
        self._filename = ""
        self._fh: Any = None
        self._size = 0
        self._value = bytearray()
        self.field_count = 0

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": self.header_field,
            "on_header_value": self.header_value,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def part_begin(self) -> None:
        self._headers = {}
        self._hname = self._hvalue = b""
        self._kind = None

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._hname += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._hvalue += data[start:end]

    def header_end(self) -> None:
        self._headers[self._hname.strip().lower()] = self._hvalue.strip()
        self._hname = self._hvalue = b""

    def headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = _filename(params)
        self._name = name
        if filename is not None or name == self.file_field:
            if name != self.file_field:
                self._kind = None  # a file in another field: ignored
                return
            if len(self.files) >= self.settings.max_files:
                self._fail(Rejected(413, "too_many_files", limit=self.settings.max_files))
                self._kind = None
                return
            self._kind = "file"
            self._filename = sniff.safe_name(filename or "")
            slot = self.folder / str(len(self.files) + 1)
            slot.mkdir(mode=0o700)
            path = slot / "upload"
            self._fh = open(path, "wb")  # noqa: SIM115 - closed in part_end / close
            self._size = 0
            self.files.append((self._filename, path, 0))
        else:
            self.field_count += 1
            if self.field_count > MAX_FIELDS:
                self._fail(Rejected(413, "bad_form"))
                self._kind = None
                return
            self._kind = "field"
            self._value = bytearray()

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._kind == "file":
            self._size += end - start
            if self._size > self.settings.max_file_bytes:
                self._fail(
                    Rejected(
                        413,
                        "too_large_file",
                        name=self._filename,
                        limit=megabytes(self.settings.max_file_bytes),
                    )
                )
                self._close_file()
                self._kind = None
                return
            self._fh.write(data[start:end])
        elif self._kind == "field":
            self._value += data[start:end]
            if len(self._value) > MAX_FIELD_BYTES:
                self._fail(Rejected(413, "bad_form"))
                self._kind = None

    def part_end(self) -> None:
        if self._kind == "file":
            self._close_file()
            name, path, _ = self.files[-1]
            self.files[-1] = (name, path, self._size)
        elif self._kind == "field":
            self.fields.setdefault(self._name, []).append(self._value.decode("utf-8", "replace"))
        self._kind = None

    def _close_file(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def close(self) -> None:
        self._close_file()

    def _fail(self, error: Rejected) -> None:
        if self.error is None:
            self.error = error


def _filename(params: dict[bytes, bytes]) -> str | None:
    star = params.get(b"filename*")
    if star:
        text = star.decode("latin-1")
        if "''" in text:
            charset, _, value = text.partition("''")
            try:
                return unquote(value, encoding=charset or "utf-8", errors="replace")
            except LookupError:
                return unquote(value)
    raw = params.get(b"filename")
    if raw is None:
        return None
    return raw.decode("utf-8", "replace")


async def receive(request: Any, folder: Path, settings: Settings, file_field: str = "files") -> Upload:
    """Read the request body into ``folder``; raise :class:`Rejected` for anything over a limit."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    limit = settings.max_request_bytes
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise Rejected(400, "bad_form", drained=False) from None
        if too_big:
            raise Rejected(413, "too_large_request", drained=False, limit=megabytes(limit))
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise Rejected(400, "bad_form", drained=False)
    parts = _Parts(folder, settings, file_field)
    parser = MultipartParser(boundary, parts.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise Rejected(413, "too_large_request", drained=False, limit=megabytes(limit))
            if parts.error is not None and parts.error.key != "bad_form":
                continue  # over a per-file limit: read the rest and drop it, then answer
            try:
                parser.write(chunk)
            except Exception as exc:  # python-multipart raises its own errors on a malformed body
                raise Rejected(400, "bad_form") from exc
        try:
            parser.finalize()
        except Exception as exc:
            raise Rejected(400, "bad_form") from exc
    finally:
        parts.close()
    if parts.error is not None:
        raise parts.error
    upload = Upload(folder=folder, fields=parts.fields)
    for original, path, size in parts.files:
        kind = sniff.sniff(path, original)
        if kind.bomb_vi:
            raise Rejected(413, "bomb", name=original, reason_vi=kind.bomb_vi, reason_en=kind.bomb_en)
        if kind.suffix is None:
            raise Rejected(415, "unsupported_type", name=original, found_vi=kind.found_vi,
                           found_en=kind.found_en)  # fmt: skip
        name = sniff.with_suffix(original, kind.suffix)
        target = path.with_name(name)
        os.replace(path, target)
        upload.files.append(UploadedFile(name=name, original=original, path=target, size=size))
    return upload
