"""JSON answers and errors, the same shape everywhere: ``{"error": {"status", "code", "message"}}``."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from doclint.serve.checking import Busy
from doclint.serve.messages import message
from doclint.serve.sniff import content_disposition
from doclint.serve.uploads import Rejected


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def error_response(
    status: int, key: str, lang: str, headers: dict[str, str] | None = None, **values: Any
) -> Response:
    data = {"error": {"status": status, "code": key, "message": message(key, lang, **values)}}
    return json_response(data, status, headers)


def from_exception(exc: Exception, lang: str) -> Response:
    if isinstance(exc, Busy):
        # answered before the body was read: the connection cannot be reused
        headers = {"retry-after": str(exc.retry), "connection": "close"}
        return error_response(429, "busy", lang, headers, queued=exc.queued,
                              retry=exc.retry)  # fmt: skip
    if isinstance(exc, Rejected):
        headers = {} if exc.drained else {"connection": "close"}
        return error_response(exc.status, exc.key, lang, headers, **exc.values)
    raise exc


def attachment(data: bytes | str, name: str, media_type: str) -> Response:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return Response(data, media_type=media_type, headers={"content-disposition": content_disposition(name)})
