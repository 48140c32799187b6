"""``doclint baseline PATH... -o doclint-baseline.json``: record today's findings of an archive, so that
``doclint check PATH... --baseline doclint-baseline.json`` reports only new ones (see doclint.baseline)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def baseline(
        paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục (duyệt đệ quy).")],
        output: Annotated[
            Path,
            typer.Option("--output", "-o", help="Tệp baseline sẽ ghi (mặc định: doclint-baseline.json)."),
        ] = Path("doclint-baseline.json"),
        select: Annotated[list[str] | None, typer.Option(help="Chỉ chạy các mã/tiền tố này.")] = None,
        ignore: Annotated[list[str] | None, typer.Option(help="Bỏ qua các mã/tiền tố này.")] = None,
        stage: Annotated[str | None, typer.Option(help="draft (dự thảo) hoặc final (trình ký).")] = None,
        config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
        include: Annotated[list[str] | None, typer.Option(help="Chỉ kiểm tra tệp khớp mẫu glob.")] = None,
        exclude: Annotated[list[str] | None, typer.Option(help="Bỏ qua tệp khớp mẫu glob.")] = None,
        jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Số tiến trình.")] = None,
        no_cache: Annotated[bool, typer.Option("--no-cache", help="Không dùng bộ nhớ đệm kết quả.")] = False,
    ) -> None:
        """Ghi lại các phát hiện hiện có (baseline); sau đó `check --baseline` chỉ báo phát hiện mới."""
        from doclint import batch
        from doclint.baseline import render
        from doclint.cli import fail, require_choice
        from doclint.cli_check import files_to_check
        from doclint.config import STAGES, ConfigError, read_config, split_codes
        from doclint.report import write_output

        require_choice("--stage", stage, STAGES)
        files = files_to_check(paths, include, exclude)
        try:
            explicit = read_config(config.resolve()) if config else None
            overrides = {"select": split_codes(select), "ignore": split_codes(ignore), "stage": stage}
            results = batch.check_paths(files, explicit, overrides, jobs=jobs, use_cache=not no_cache,
                                        stream_output=output)  # fmt: skip
        except ConfigError as exc:
            raise fail(exc) from exc
        write_output(render(results, output), output)
        findings = sum(len(r.findings) for r in results)
        unreadable = sum(1 for r in results if r.error is not None)
        note = f"; {unreadable} tệp không đọc được (không đưa vào baseline)" if unreadable else ""
        typer.echo(
            f"doclint: đã ghi baseline {output}: {findings} phát hiện trong {len(results)} tệp{note}. "
            f"Từ nay: doclint check … --baseline {output} chỉ báo phát hiện mới.",
            err=True,
        )
