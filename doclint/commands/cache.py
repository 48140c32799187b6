"""``doclint cache info`` and ``doclint cache clear``: where the result cache is, how big, and emptying it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def _config(config: Path | None):
    from doclint.config import Config, find_config, read_config

    if config is not None:
        return read_config(config.resolve())
    found = find_config(Path.cwd())
    return read_config(found) if found else Config()


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Bộ nhớ đệm kết quả (xem, xóa).", no_args_is_help=True)

    @group.command("info")
    def info(
        config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
    ) -> None:
        """Vị trí, dung lượng và số mục của bộ nhớ đệm."""
        from doclint.cache import ResultCache, cache_dir

        folder = cache_dir(_config(config))
        store = ResultCache(folder)
        data = store.info()
        store.close()
        typer.echo(f"Bộ nhớ đệm: {data['path']}")
        typer.echo(f"Dung lượng: {data['bytes'] / 1048576:.1f} MB")
        typer.echo(f"Kết quả đã lưu: {data['results']}  (tệp đã biết: {data['files']})")

    @group.command("clear")
    def clear(
        config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
    ) -> None:
        """Xóa toàn bộ bộ nhớ đệm (lần chạy sau sẽ kiểm tra lại mọi tệp)."""
        from doclint.cache import clear as clear_cache

        folder = clear_cache(_config(config))
        typer.echo(f"Đã xóa bộ nhớ đệm trong {folder}")

    app.add_typer(group, name="cache")
