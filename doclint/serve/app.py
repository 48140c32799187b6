"""The ASGI application: routes, the security middleware, and the pool's life (started with the
app, stopped with it; the server's private temporary folder is made and removed the same way)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from doclint.serve import api, page
from doclint.serve.checking import Checker
from doclint.serve.pool import Pool
from doclint.serve.security import Secrets, SecurityMiddleware
from doclint.serve.settings import Settings


def create_app(settings: Settings, pool: Any = None) -> Starlette:
    keys = Secrets(settings.token)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        if settings.tmp_dir is not None:
            Path(settings.tmp_dir).mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix="doclint-serve-", dir=settings.tmp_dir))  # mode 0700
        own_pool = pool or Pool(settings.worker_count(), timeout=settings.timeout)
        if not own_pool.started:
            own_pool.start()
        app.state.pool = own_pool
        app.state.checker = Checker(settings, own_pool, root)
        try:
            yield
        finally:
            own_pool.stop()
            shutil.rmtree(root, ignore_errors=True)

    routes = [
        Route("/", page.index, methods=["GET"]),
        Route("/login", page.login_form, methods=["GET"]),
        Route("/login", page.login, methods=["POST"]),
        Route("/logout", page.logout, methods=["POST"]),
        Route("/ui/check", page.check, methods=["POST"]),
        Route("/ui/report", page.report, methods=["POST"]),
        Route("/static/{name}", page.static, methods=["GET"]),
        Route("/api/v1/check", api.check, methods=["POST"]),
        Route("/api/v1/annotate", api.annotate, methods=["POST"]),
        Route("/api/v1/rules", api.rules, methods=["GET"]),
        Route("/api/v1/rules/{code}", api.rule, methods=["GET"]),
        Route("/api/v1/openapi.json", api.openapi, methods=["GET"]),
        Route("/healthz", api.healthz, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(SecurityMiddleware, settings=settings, keys=keys)])  # fmt: skip
    app.state.settings = settings
    app.state.keys = keys
    return app
