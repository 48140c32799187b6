"""Headers on every response, the Host check, the access token, the page's session and CSRF.

* Every response: a strict Content-Security-Policy (scripts only with this response's nonce, styles
  and images from this server only, no other origin, ``frame-ancestors 'none'``), nosniff,
  ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY``, ``Cache-Control: no-store`` unless
  the route set its own.
* Host check (DNS rebinding): on a loopback address only loopback host names (and
  ``--allowed-host``) are served.
* Cross-site posts: a POST whose ``Origin`` is another site is refused (the API too: a web page on
  the Internet must not make a browser on the office network post documents here).
* ``--token``: the API wants ``Authorization: Bearer <token>``; the page has a login form that sets
  a signed session cookie (HttpOnly, SameSite=Strict, 12 hours). ``--trust-proxy-auth``: the proxy
  in front has authenticated the user, nothing more is asked here.
* CSRF on the page's form posts: a signed double-submit token (the ``doclint_csrf`` cookie, and the
  HMAC of it in the page, sent back in the form field ``csrf`` or the ``X-CSRF-Token`` header).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from doclint.serve.messages import message
from doclint.serve.settings import Settings

SESSION_COOKIE = "doclint_session"
CSRF_COOKIE = "doclint_csrf"
SESSION_SECONDS = 12 * 3600
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}
PUBLIC_PATHS = ("/healthz", "/login", "/static/", "/api/v1/openapi.json", "/favicon.ico")


def csp(nonce: str) -> str:
    return (
        "default-src 'none'; "
        f"script-src 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


class Secrets:
    """Keys made at start-up: restarting the server ends every session."""

    def __init__(self, token: str | None) -> None:
        self.key = secrets.token_bytes(32)
        self.token = token

    def sign(self, text: str) -> str:
        return hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()

    def session_value(self) -> str:
        expires = str(int(time.time()) + SESSION_SECONDS)
        return f"{expires}.{self.sign('session:' + expires)}"

    def session_ok(self, value: str | None) -> bool:
        if not value or "." not in value:
            return False
        expires, _, sig = value.partition(".")
        if not expires.isdigit() or int(expires) < time.time():
            return False
        return hmac.compare_digest(sig, self.sign("session:" + expires))

    def token_ok(self, given: str | None) -> bool:
        return (
            bool(self.token)
            and given is not None
            and hmac.compare_digest(given.encode(), self.token.encode())
        )

    def csrf_for(self, cookie: str) -> str:
        return self.sign("csrf:" + cookie)

    def csrf_ok(self, cookie: str | None, given: str | None) -> bool:
        return bool(cookie) and bool(given) and hmac.compare_digest(self.csrf_for(cookie), given)  # type: ignore[arg-type]


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _cookies(scope: dict) -> dict[str, str]:
    out: dict[str, str] = {}
    raw = _header(scope, b"cookie") or ""
    for part in raw.split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            out[name] = value
    return out


def prefers_english(accept_language: str | None) -> bool:
    """True when the browser ranks English above Vietnamese (Vietnamese otherwise)."""
    best: dict[str, float] = {}
    for item in (accept_language or "").split(","):
        tag, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in ("vi", "en"):
            best[base] = max(best.get(base, 0.0), q)
    return best.get("en", 0.0) > best.get("vi", 0.0)


def request_lang(scope: dict) -> str:
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("lang", [""])[0] in ("vi", "en"):
        return query["lang"][0]
    cookie = _cookies(scope).get("doclint_lang")
    if cookie in ("vi", "en"):
        return cookie
    return "en" if prefers_english(_header(scope, b"accept-language")) else "vi"


class SecurityMiddleware:
    """Pure ASGI: no buffering of bodies (uploads stream through untouched)."""

    def __init__(self, app: Any, settings: Settings, keys: Secrets) -> None:
        self.app = app
        self.settings = settings
        self.keys = keys

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        state = scope.setdefault("state", {})
        state["nonce"] = nonce
        path = scope.get("path", "/")
        lang = request_lang(scope)
        state["lang"] = lang

        async def send_with_headers(event: dict) -> None:
            if event["type"] == "http.response.start":
                headers = list(event.get("headers", []))
                present = {k.lower() for k, _ in headers}
                extra = [
                    (b"content-security-policy", csp(nonce).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
                ]
                if b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                headers.extend((k, v) for k, v in extra if k not in present)
                event = {**event, "headers": headers}
            await send(event)

        refusal = self.refusal(scope, path, lang)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    # ------------------------------------------------------------------ decisions
    def refusal(self, scope: dict, path: str, lang: str) -> Any:
        from starlette.responses import RedirectResponse

        host = (_header(scope, b"host") or "").strip()
        if not self.host_ok(host):
            return _error(400, "bad_host", lang)
        if scope.get("method") == "POST":
            origin = _header(scope, b"origin")
            # (``Origin: null`` too: a sandboxed frame of another site must not post here either)
            if origin and urlsplit(origin).netloc.lower() != host.lower():
                return _error(403, "csrf", lang)
            if _header(scope, b"sec-fetch-site") == "cross-site":
                return _error(403, "csrf", lang)
        if not self.keys.token or path.startswith(PUBLIC_PATHS) or path == "/login":
            return None
        if path.startswith("/api/"):
            auth = _header(scope, b"authorization") or ""
            scheme, _, given = auth.partition(" ")
            if scheme.lower() == "bearer" and self.keys.token_ok(given.strip()):
                return None
            return _error(401, "unauthorized", lang, {"www-authenticate": 'Bearer realm="doclint"'})
        if self.keys.session_ok(_cookies(scope).get(SESSION_COOKIE)):
            return None
        if scope.get("method") == "GET" and path == "/":
            return RedirectResponse("/login", status_code=303)
        return _error(401, "login_required", lang)

    def host_ok(self, host: str) -> bool:
        if not self.settings.loopback:
            return True  # another address needs --token or the proxy, which decide who gets in
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if host.startswith("["):
            name = host.split("]")[0] + "]"
        name = name.lower()
        allowed = (
            LOOPBACK_NAMES | {self.settings.host.lower()} | {h.lower() for h in self.settings.allowed_hosts}
        )
        return name in allowed


def _error(status: int, key: str, lang: str, headers: dict[str, str] | None = None) -> Any:
    from starlette.responses import Response

    body = json.dumps(
        {"error": {"status": status, "code": key, "message": message(key, lang)}}, ensure_ascii=False
    )
    return Response(body, status_code=status, media_type="application/json", headers=headers)
