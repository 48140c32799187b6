"""The page: ``/`` (drop files, see results), the login form, and ``POST /ui/check``, which checks
the files of one upload and answers with what the page shows (verdict, findings, the text around
them) and the downloads of each document, built in the worker while the document was in memory."""

from __future__ import annotations

import base64
import json
import secrets
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from doclint import __version__
from doclint.serve.checking import Busy, Checked
from doclint.serve.messages import megabytes, message
from doclint.serve.page_text import TEXT, script_text
from doclint.serve.responses import error_response, from_exception, json_response
from doclint.serve.security import CSRF_COOKIE, SESSION_COOKIE, SESSION_SECONDS
from doclint.serve.uploads import Rejected

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@cache
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True)  # fmt: skip


def _lang(request: Request) -> str:
    return request.scope.get("state", {}).get("lang", "vi")


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _csrf_cookie(request: Request) -> tuple[str, bool]:
    value = request.cookies.get(CSRF_COOKIE)
    if value and len(value) >= 20:
        return value, False
    return secrets.token_urlsafe(24), True


def _page(request: Request, template: str, status: int = 200, **extra: Any) -> Response:
    keys = request.app.state.keys
    settings = request.app.state.settings
    lang = _lang(request)
    cookie, fresh = _csrf_cookie(request)
    script = json.dumps(script_text(lang), ensure_ascii=False)
    script = script.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            t=TEXT[lang],
            script=script_text(lang),
            script_json=script,
            csrf=keys.csrf_for(cookie),
            nonce=request.scope["state"]["nonce"],
            max_mb=megabytes(settings.max_file_bytes),
            parallel=max(1, min(4, request.app.state.pool.jobs)),
            max_files=settings.max_files,
            formats=_report_formats(),
            version=__version__,
            logout=bool(keys.token),
            **extra,
        )
    )
    response = HTMLResponse(html, status_code=status)
    if fresh:
        response.set_cookie(
            CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=_secure(request), path="/"
        )
    if request.query_params.get("lang") in ("vi", "en"):
        response.set_cookie(
            "doclint_lang", lang, max_age=365 * 86400, samesite="strict", secure=_secure(request)
        )
    return response


def _report_formats() -> list[str]:
    from doclint import report

    return [f for f in ("html", "xlsx") if f in report.available_formats()]


async def index(request: Request) -> Response:
    return _page(request, "index.html.j2")


async def login_form(request: Request) -> Response:
    if not request.app.state.keys.token:
        return RedirectResponse("/", status_code=303)
    return _page(request, "login.html.j2", failed=None)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _csrf_ok(request: Request, given: str | None) -> bool:
    return request.app.state.keys.csrf_ok(request.cookies.get(CSRF_COOKIE), given)


async def login(request: Request) -> Response:
    import asyncio

    keys = request.app.state.keys
    lang = _lang(request)
    if not keys.token:
        return RedirectResponse("/", status_code=303)
    try:
        form = await _form(request)
    except Exception:
        return error_response(400, "bad_form", lang)
    if not _csrf_ok(request, form.get("csrf")):
        return _page(request, "login.html.j2", status=403, failed=message("csrf", lang))
    if not keys.token_ok(form.get("token")):
        await asyncio.sleep(1.0)  # slows down guessing
        return _page(request, "login.html.j2", status=401, failed=message("login_failed", lang))
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, keys.session_value(), max_age=SESSION_SECONDS, httponly=True,
                        samesite="strict", secure=_secure(request), path="/")  # fmt: skip
    return response


async def logout(request: Request) -> Response:
    try:
        form = await _form(request)
    except Exception:
        form = {}
    if not _csrf_ok(request, form.get("csrf")):
        return error_response(403, "csrf", _lang(request))
    response = RedirectResponse("/login" if request.app.state.keys.token else "/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def check(request: Request) -> Response:
    lang = _lang(request)
    if not _csrf_ok(request, request.headers.get("x-csrf-token")):
        return error_response(403, "csrf", lang)
    try:
        checked = await request.app.state.checker.run(request, lang, outputs="page")
    except (Busy, Rejected) as exc:
        return from_exception(exc, lang)
    notes = [message(n, checked.lang) for n in checked.notes]
    docs = [document_view(r, checked, lang=checked.lang) for r in checked.results]
    return json_response({"documents": docs, "notes": notes, "seconds": round(checked.seconds, 2)})


async def report(request: Request) -> Response:
    """One report (HTML, XLSX, CSV...) of every file the page sends back: the files are checked again
    (the server keeps nothing between requests) and the report comes back as a download."""
    from doclint.serve import api

    if not _csrf_ok(request, request.headers.get("x-csrf-token")):
        return error_response(403, "csrf", _lang(request))
    return await api.check(request)


def document_view(result: Any, checked: Checked, lang: str) -> dict[str, Any]:
    from doclint.report import common
    from doclint.report.json import document, file_entry

    entry = file_entry(result, lang)
    for data, finding in zip(entry["findings"], result.findings):
        family = common.family_of(finding)
        data["family"] = family
        data["family_label"] = common.family_name(family, lang)
    outputs = getattr(result, "outputs", None) or {}
    downloads = [
        {
            "key": key,
            "name": item["name"],
            "type": item["type"],
            "data": base64.b64encode(item["data"]).decode("ascii"),
        }
        for key, item in outputs.get("files", {}).items()
    ]
    single = json.dumps(document([result], lang), ensure_ascii=False, indent=2) + "\n"
    downloads.append({"key": "json", "name": f"{Path(result.path).stem}.doclint.json", "type": "application/json",
                      "data": base64.b64encode(single.encode("utf-8")).decode("ascii")})  # fmt: skip
    requested = checked.upload.field("stage") or result.stage
    stage_key = {"draft": "stage_draft", "final": "stage_final", "issued": "stage_issued"}.get(
        requested if requested in ("draft", "final", "issued") else result.stage, "stage_draft"
    )
    return {
        **entry,
        "name": result.path,
        "entry": entry,
        "tool": {"name": "doclint", "version": __version__},
        "status": common.status(result),
        "doc_type_label": common.doc_type_label(result.doc_type, lang) if result.doc_type else "",
        "stage_label": TEXT[lang][stage_key],
        "seconds": round(checked.seconds, 1),
        "view": outputs.get("view"),
        "downloads": downloads,
        "problems": outputs.get("problems", []),
    }


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    path = STATIC / name
    if "/" in name or name.startswith(".") or path.suffix not in STATIC_TYPES or not path.is_file():
        return error_response(404, "not_found", _lang(request))
    return FileResponse(
        path, media_type=STATIC_TYPES[path.suffix], headers={"cache-control": "private, max-age=3600"}
    )
