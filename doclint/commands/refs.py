"""``doclint refs add|list|remove``: the reference library of higher-level documents (RED002)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option("--refs-db", help="Tệp thư viện (mặc định: ~/.local/share/doclint/refs.sqlite3)."),
]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")]


def db_path(refs_db: Path | None, config: Path | None = None) -> Path:
    """--refs-db, else the config's ``refs-db`` (relative to the config file), else the default."""
    from doclint.config import find_config, read_config
    from doclint.refs import default_db_path

    if refs_db is not None:
        return refs_db
    source = config if config is not None else find_config(Path.cwd())
    if source is not None and source.is_file():
        value = read_config(source.resolve()).option("refs-db")
        if value:
            path = Path(value)
            return path if path.is_absolute() else source.resolve().parent / path
    return default_db_path()


def _fail(message: str) -> typer.Exit:
    typer.echo(f"doclint: {message}", err=True)
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    refs_app = typer.Typer(
        help="Thư viện văn bản tham chiếu (văn bản cấp trên) để phát hiện nội dung sao chép (RED002).",
        no_args_is_help=True,
    )
    app.add_typer(refs_app, name="refs")

    @refs_app.command("add")
    def add(
        paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục văn bản cấp trên.")],
        refs_db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Thêm văn bản vào thư viện (DOCX, PDF, DOC, văn bản thuần); thêm lại một tệp thì cập nhật."""
        from doclint.batch import iter_files
        from doclint.errors import ConfigError, LoadError
        from doclint.refs import RefLibrary
        from doclint.safeio import display_path, escape_controls

        path = db_path(refs_db, config)
        files = list(iter_files(paths))
        if not files:
            raise _fail("không có tệp nào để thêm")
        try:
            lib = RefLibrary(path)
        except (sqlite3.Error, OSError) as exc:
            raise _fail(f"không mở được thư viện {path}: {exc}") from exc
        failed = 0
        for file in files:
            try:
                doc = lib.add_path_guarded(file)
            except LoadError as err:
                failed += 1
                typer.echo(escape_controls(f"{display_path(file)}: {err.code} {err.vi}"), err=True)
                continue
            except ConfigError as err:
                raise _fail(str(err)) from err
            except OSError as err:
                failed += 1
                typer.echo(f"{file}: {err}", err=True)
                continue
            typer.echo(escape_controls(f"[{doc.id}] {doc.label} — {doc.n_paras} đoạn ({display_path(file)})"))
        typer.echo(f"Thư viện: {path} ({len(lib)} văn bản)")
        lib.close()
        if failed:
            raise typer.Exit(2)

    @refs_app.command("list")
    def list_(
        refs_db: DbOption = None,
        config: ConfigOption = None,
        format: Annotated[str, typer.Option("--format", "-f", help="text hoặc json")] = "text",
    ) -> None:
        """Liệt kê các văn bản trong thư viện."""
        from doclint.refs import RefLibrary
        from doclint.safeio import escape_controls

        path = db_path(refs_db, config)
        if not path.is_file():
            if format == "json":
                typer.echo("[]")
            else:
                typer.echo(f"Thư viện trống (chưa có {path}).")
            return
        try:
            lib = RefLibrary(path, readonly=True)
            docs = lib.documents()
        except sqlite3.Error as exc:
            raise _fail(f"không đọc được thư viện {path}: {exc}") from exc
        if format == "json":
            rows = [
                {
                    "id": d.id,
                    "number": d.number,
                    "type": d.doc_type,
                    "date": d.date,
                    "issuer": d.issuer,
                    "title": d.title,
                    "paragraphs": d.n_paras,
                    "path": d.path,
                    "added": d.added,
                }
                for d in docs
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for d in docs:
            facts = ", ".join(x for x in (d.date, d.issuer) if x)
            typer.echo(
                escape_controls(
                    f"[{d.id}] {d.label}{f' ({facts})' if facts else ''} — {d.n_paras} đoạn — {d.path}"
                )
            )
        typer.echo(f"{len(docs)} văn bản trong {path}")

    @refs_app.command("remove")
    def remove(
        idents: Annotated[
            list[str], typer.Argument(help="Mã (số trong [ ]), số/ký hiệu hoặc đường dẫn tệp.")
        ],
        refs_db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Xóa văn bản khỏi thư viện."""
        from doclint.refs import RefLibrary

        path = db_path(refs_db, config)
        if not path.is_file():
            raise _fail(f"không có thư viện {path}")
        try:
            lib = RefLibrary(path)
        except sqlite3.Error as exc:
            raise _fail(f"không mở được thư viện {path}: {exc}") from exc
        missing = 0
        for ident in idents:
            removed = lib.remove(ident)
            if not removed:
                missing += 1
                typer.echo(f"Không có văn bản “{ident}” trong thư viện.", err=True)
            for d in removed:
                typer.echo(f"Đã xóa [{d.id}] {d.label}")
        lib.close()
        if missing:
            raise typer.Exit(1)
