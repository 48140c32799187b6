"""``doclint serve`` (the web page and JSON API): see :mod:`doclint.serve`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from doclint.serve.command import register as register_serve

    register_serve(app)
