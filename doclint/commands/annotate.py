"""``doclint annotate FILE.docx [-o OUT.docx]``: a copy of the draft with one Word comment per finding."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def annotate(
        path: Annotated[Path, typer.Argument(help="Tệp DOCX cần ghi chú thích (không bị sửa).")],
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Tệp DOCX đầu ra (mặc định: TÊN.doclint.docx).")
        ] = None,
        select: Annotated[list[str] | None, typer.Option(help="Chỉ chạy các mã/tiền tố này.")] = None,
        ignore: Annotated[list[str] | None, typer.Option(help="Bỏ qua các mã/tiền tố này.")] = None,
        stage: Annotated[str | None, typer.Option(help="draft (dự thảo) hoặc final (trình ký).")] = None,
        lang: Annotated[str | None, typer.Option(help="vi hoặc en")] = None,
        config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
        min_severity: Annotated[
            str,
            typer.Option(
                "--min-severity", help="Chỉ chú thích từ mức này: error, warning hoặc info (mặc định)."
            ),
        ] = "info",
        fix: Annotated[
            bool,
            typer.Option(
                "--fix", help="Ghi thêm các sửa chắc chắn dưới dạng thay đổi được theo dõi (như doclint fix)."
            ),
        ] = False,
        unsafe: Annotated[
            bool, typer.Option("--unsafe", help="Với --fix: cả các sửa cần người kiểm tra.")
        ] = False,
    ) -> None:
        """Ghi bản sao DOCX có chú thích (comment) của doclint tại đúng chỗ sai."""
        from doclint.annotate import AnnotateError, AnnotateReport, default_output, require_docx
        from doclint.batch import config_for
        from doclint.cli import fail, require_choice
        from doclint.config import STAGES, ConfigError, read_config, split_codes
        from doclint.errors import LoadError
        from doclint.fix import FixError
        from doclint.worker_pool import Budget, run_guarded

        require_choice("--stage", stage, STAGES)
        require_choice("--lang", lang, ("vi", "en"))
        require_choice("--min-severity", min_severity, ("error", "warning", "info"))
        if not path.is_file():
            raise fail(f"không tìm thấy tệp {path}", f"file not found: {path}")
        try:
            require_docx(path, allow_doc=True)
        except AnnotateError as exc:
            raise fail(exc.message(lang or "vi")) from exc
        out = output or default_output(path)
        try:
            explicit = read_config(config.resolve()) if config else None
            cfg = config_for(path, explicit, {"select": split_codes(select), "ignore": split_codes(ignore),
                                              "stage": stage, "lang": lang})  # fmt: skip
        except ConfigError as exc:
            raise fail(exc) from exc
        out_lang = lang or cfg.lang
        try:  # loading, checking and writing the copy all run in a worker under the document budget
            error, count, exact, replaced, fixes = run_guarded(
                _lint_and_annotate,
                path,
                cfg,
                out,
                out_lang,
                min_severity,
                fix,
                unsafe,
                budget=Budget.from_config(cfg),
            )
        except (AnnotateError, LoadError, FixError) as exc:
            raise fail(exc.message(out_lang)) from exc
        except ConfigError as exc:
            raise fail(exc) from exc
        if error is not None:
            raise fail(f"{path}: {error.code} {error.message(out_lang)}")
        report = AnnotateReport(output=out)
        if out_lang == "en":
            again = f"; replaced {replaced} from an earlier run" if replaced else ""
            fixed = f"; {fixes} fix(es) as tracked changes" if fix else ""
            typer.echo(f"{report.output}: {count} comments ({exact} on the exact words{again}){fixed}")
        else:
            again = f"; thay {replaced} chú thích cũ của doclint" if replaced else ""
            fixed = f"; {fixes} chỗ sửa dưới dạng thay đổi được theo dõi" if fix else ""
            typer.echo(f"{report.output}: {count} chú thích ({exact} gắn đúng vào chữ sai{again}){fixed}")


def _lint_and_annotate(path: Path, cfg, out: Path, lang: str, min_severity: str = "info", fix: bool = False,
                       unsafe: bool = False):  # fmt: skip
    """In the worker: (the load error or None, comments written, on the exact words, old ones replaced,
    fixes written). With ``fix`` the commented copy also carries the fixes as tracked changes: the
    comments are anchored first, on the draft's own words, then the fixes are written around them."""
    from doclint.annotate import annotate_result, refuse_input_as_output
    from doclint.engine import lint_path

    result = lint_path(path, cfg, keep_document=True)
    if result.error is not None:
        return result.error, 0, 0, 0, 0
    if not fix:
        report = annotate_result(result, out, lang, min_severity)
        return None, report.count, sum(1 for c in report.comments if c.exact), report.replaced, 0
    import tempfile

    from doclint.fix import FixOptions, fix_path

    refuse_input_as_output(path, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="doclint-annotate-fix-") as tmp:
        commented = Path(tmp) / f"{path.stem}.docx"
        report = annotate_result(result, commented, lang, min_severity)
        fixed = fix_path(commented, out, cfg, FixOptions(unsafe=unsafe, preview=cfg.preview))
    return None, report.count, sum(1 for c in report.comments if c.exact), report.replaced, fixed.count
