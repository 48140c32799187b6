"""``doclint serve``: the command line of the web app (registered by :mod:`doclint.commands.serve`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

MISSING = (
    "doclint: chưa cài phần máy chủ web. Cài bằng: pip install 'doclint[serve]' "
    "(trong bản sao mã nguồn: make demo)."
)


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe (mặc định chỉ máy này).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Cổng.")] = 8080,
        jobs: Annotated[int, typer.Option("--jobs", "-j", help="Số tiến trình kiểm tra (0: mọi lõi).")] = 0,
        config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
        refs: Annotated[
            Path | None, typer.Option("--refs", help="Thư mục văn bản cấp trên để so sánh.")
        ] = None,
        token: Annotated[
            str | None,
            typer.Option(
                envvar="DOCLINT_SERVE_TOKEN",
                help="Mã truy cập (bắt buộc khi nghe trên địa chỉ khác 127.0.0.1).",
            ),
        ] = None,
        trust_proxy_auth: Annotated[
            bool, typer.Option("--trust-proxy-auth", help="Chạy sau proxy đã xác thực người dùng.")
        ] = False,
        keep: Annotated[
            Path | None, typer.Option("--keep", help="Lưu bản sao mọi tệp tải lên vào thư mục này.")
        ] = None,
        tmp_dir: Annotated[Path | None, typer.Option("--tmp-dir", help="Nơi tạo thư mục tạm riêng.")] = None,
        max_file_mb: Annotated[float, typer.Option(help="Dung lượng tối đa mỗi tệp (MB).")] = 20,
        max_request_mb: Annotated[float, typer.Option(help="Dung lượng tối đa mỗi lần gửi (MB).")] = 64,
        max_files: Annotated[int, typer.Option(help="Số tệp tối đa mỗi lần gửi.")] = 20,
        max_queue: Annotated[
            int, typer.Option(help="Số văn bản tối đa đang chờ/kiểm tra (0: 16 × số tiến trình).")
        ] = 0,
        timeout: Annotated[float | None, typer.Option(help="Giây tối đa cho mỗi văn bản.")] = None,
        allowed_host: Annotated[
            list[str] | None,
            typer.Option("--allowed-host", help="Tên máy được chấp nhận thêm (tiêu đề Host)."),
        ] = None,
        forwarded_allow_ips: Annotated[
            str | None, typer.Option(help="Địa chỉ proxy được tin cho X-Forwarded-* (mặc định 127.0.0.1).")
        ] = None,
        log_level: Annotated[str, typer.Option(help="Mức nhật ký của uvicorn.")] = "info",
    ) -> None:
        """Mở trang web kiểm tra văn bản (và API JSON) cho cả cơ quan."""
        try:
            import uvicorn

            from doclint.serve.app import create_app
            from doclint.serve.settings import MB, Settings, refuse_reason
        except ImportError as exc:
            typer.echo(MISSING + f" ({exc.name})", err=True)
            raise typer.Exit(2) from exc
        from doclint.config import ConfigError, read_config

        explicit = None
        if config is not None:
            if not config.is_file():
                typer.echo(f"doclint: không tìm thấy tệp cấu hình {config}", err=True)
                raise typer.Exit(2)
            try:
                explicit = read_config(config.resolve())
            except ConfigError as exc:
                typer.echo(f"doclint: {exc}", err=True)
                raise typer.Exit(2) from exc
        if refs is not None and not refs.is_dir():
            typer.echo(f"doclint: không tìm thấy thư mục {refs}", err=True)
            raise typer.Exit(2)
        settings = Settings(
            host=host, port=port, jobs=jobs, config=explicit,
            refs=str(refs.resolve()) if refs else None, token=token or None, trust_proxy_auth=trust_proxy_auth,
            keep=keep.resolve() if keep else None, tmp_dir=tmp_dir.resolve() if tmp_dir else None,
            max_file_bytes=int(max_file_mb * MB), max_request_bytes=int(max_request_mb * MB), max_files=max_files,
            max_queue=max_queue, timeout=timeout, allowed_hosts=tuple(allowed_host or ()),
        )  # fmt: skip
        reason = refuse_reason(settings)
        if reason:
            typer.echo(f"doclint: {reason}", err=True)
            raise typer.Exit(2)
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"doclint: mở http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/ trong trình duyệt "
                   "(Ctrl-C để dừng).", err=True)  # fmt: skip
        os.environ.setdefault("DOCLINT_NO_PROGRESS", "1")
        uvicorn.run(
            create_app(settings), host=host, port=port, log_level=log_level, server_header=False,
            proxy_headers=trust_proxy_auth or forwarded_allow_ips is not None,
            forwarded_allow_ips=forwarded_allow_ips or "127.0.0.1", timeout_keep_alive=5,
            h11_max_incomplete_event_size=64 * 1024,
        )  # fmt: skip
