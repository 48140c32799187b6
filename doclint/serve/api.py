"""The JSON API for document-management systems (see :mod:`doclint.serve.openapi`)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from doclint import __version__
from doclint.serve.checking import Busy, Checked
from doclint.serve.responses import attachment, error_response, from_exception, json_response
from doclint.serve.uploads import Rejected
from doclint.serve.work import MIME

EXTENSIONS = {"json": "json", "html": "html", "csv": "csv", "xlsx": "xlsx", "sarif": "sarif", "jsonl": "jsonl",
              "text": "txt", "concise": "txt"}  # fmt: skip
MEDIA = {
    **MIME,
    "sarif": "application/sarif+json",
    "jsonl": "application/x-ndjson",
    "text": "text/plain; charset=utf-8",
}


def _lang(request: Request) -> str:
    query = request.query_params.get("lang")
    if query in ("vi", "en"):
        return query
    return request.scope.get("state", {}).get("lang", "vi")


def _notes(checked: Checked) -> dict[str, str]:
    return {"doclint-notes": ",".join(checked.notes)} if checked.notes else {}


async def check(request: Request) -> Response:
    from doclint import report
    from doclint.report.json import document

    lang = _lang(request)
    fmt = (request.query_params.get("format") or "json").lower()
    formats = [f for f in report.available_formats() if f in EXTENSIONS]
    if fmt not in formats:
        return error_response(400, "bad_format", lang, name=fmt, choices=", ".join(formats))
    checker = request.app.state.checker
    try:
        checked = await checker.run(request, lang, keep_document=fmt in ("html",))
    except (Busy, Rejected) as exc:
        return from_exception(exc, lang)
    if fmt == "json":
        return json_response(document(checked.results, checked.lang), headers=_notes(checked))
    config = checker.config_for(select=(), ignore=(), stage=checked.stage, lang=checked.lang, outputs=None)
    options = report.ReportOptions(lang=checked.lang, config=config)
    data = await asyncio.to_thread(report.render, fmt, checked.results, options)
    if len(checked.results) == 1:
        name = f"{Path(checked.results[0].path).stem}.doclint.{EXTENSIONS[fmt]}"
    else:
        name = f"doclint-{len(checked.results)}-van-ban.{EXTENSIONS[fmt]}"
    media = getattr(report, "MEDIA_TYPES", {}).get(fmt) or MEDIA.get(fmt, "application/octet-stream")
    response = attachment(data, name, media)
    response.headers.update(_notes(checked))
    return response


async def annotate(request: Request) -> Response:
    lang = _lang(request)
    checker = request.app.state.checker
    try:
        checked = await checker.run(request, lang, outputs="annotate")
    except (Busy, Rejected) as exc:
        return from_exception(exc, lang)
    result = checked.results[0]
    if result.error is not None:
        return error_response(
            422,
            "bad_option",
            checked.lang,
            detail=f"{result.error.code} {result.error.message(checked.lang)}",
        )
    out = getattr(result, "outputs", None) or {}
    item = out.get("files", {}).get("docx")
    if item is None:
        return error_response(415, "not_docx", checked.lang)
    return attachment(item["data"], item["name"], item["type"])


def rule_data(meta: Any, lang: str, full: bool = False) -> dict[str, Any]:
    en = lang == "en"
    data: dict[str, Any] = {
        "code": meta.code,
        "name": meta.name,
        "family": meta.family,
        "severity": meta.severity,
        "title": meta.title_en if en else meta.title_vi,
        "basis": meta.basis,
    }
    if full:
        data.update(
            {
                "title_vi": meta.title_vi,
                "title_en": meta.title_en,
                "draft_severity": getattr(meta, "draft_severity", None),
                "stages": list(getattr(meta, "stages", []) or []),
                "formats": list(getattr(meta, "formats", []) or []),
                "why": getattr(meta, "why", ""),
                "doc": getattr(meta, "doc", ""),
                "example_bad": getattr(meta, "example_bad", ""),
                "example_good": getattr(meta, "example_good", ""),
                "fix": getattr(meta, "fix", "none"),
            }
        )
        try:
            from doclint.cli import _explain_extra
            from doclint.rulepack import load_pack

            data["extra"] = _explain_extra(meta.code, load_pack(), lang) or ""
        except Exception:
            data["extra"] = ""
    return data


async def rules(request: Request) -> Response:
    from doclint.rulepack import load_pack

    lang = _lang(request)
    metas = sorted(load_pack().rules.values(), key=lambda m: m.code)
    return json_response(
        [rule_data(m, lang) for m in metas], headers={"cache-control": "private, max-age=300"}
    )


async def rule(request: Request) -> Response:
    from doclint.rulepack import load_pack

    lang = _lang(request)
    code = request.path_params["code"].upper()
    meta = load_pack().rules.get(code)
    if meta is None:
        return error_response(404, "no_rule", lang, code=code[:20])
    return json_response(rule_data(meta, lang, full=True), headers={"cache-control": "private, max-age=300"})


async def healthz(request: Request) -> Response:
    pool = request.app.state.pool
    return json_response(
        {
            "status": "ok",
            "version": __version__,
            "workers": pool.jobs,
            "pool": pool.kind,
            "queued": pool.queued,
            "running": pool.running,
            "queue_limit": request.app.state.settings.queue_limit(),
        }
    )


async def openapi(request: Request) -> Response:
    from doclint.serve.openapi import document

    return json_response(
        document(request.app.state.settings), headers={"cache-control": "private, max-age=300"}
    )
