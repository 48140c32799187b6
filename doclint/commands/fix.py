"""``doclint fix FILE [-o OUT] [--unsafe] [--preview] [--select/--ignore] [--no-track] [--diff]``: a copy of
the draft with the certain corrections as Word tracked changes (see :mod:`doclint.fix`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def fix(
        path: Annotated[
            Path, typer.Argument(help="Tệp .docx, .doc, .txt hoặc .md cần sửa (không bị thay đổi).")
        ],
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help="Tệp đầu ra (mặc định: TÊN.doclint-sua.docx bên cạnh tệp gốc)."
            ),
        ] = None,
        unsafe: Annotated[
            bool, typer.Option("--unsafe", help="Áp dụng cả các sửa “không chắc chắn” (chính tả, viện dẫn…).")
        ] = False,
        preview: Annotated[
            bool, typer.Option("--preview", help="Áp dụng cả sửa của các quy tắc đang thử nghiệm (preview).")
        ] = False,
        select: Annotated[list[str] | None, typer.Option(help="Chỉ sửa theo các mã/tiền tố này.")] = None,
        ignore: Annotated[list[str] | None, typer.Option(help="Không sửa theo các mã/tiền tố này.")] = None,
        no_track: Annotated[
            bool,
            typer.Option(
                "--no-track", help="Sửa thẳng, không ghi thành thay đổi được theo dõi (Track Changes)."
            ),
        ] = False,
        diff: Annotated[
            bool, typer.Option("--diff", help="Chỉ in khác biệt của văn bản (unified diff), không ghi tệp.")
        ] = False,
        stage: Annotated[str | None, typer.Option(help="draft, final hoặc issued.")] = None,
        lang: Annotated[str | None, typer.Option(help="vi hoặc en")] = None,
        config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
    ) -> None:
        """Ghi bản sao đã sửa các lỗi chắc chắn, mỗi chỗ sửa là một thay đổi được theo dõi trong Word."""
        from doclint.batch import config_for
        from doclint.cli import fail, require_choice
        from doclint.config import STAGES, ConfigError, read_config, split_codes
        from doclint.errors import LoadError
        from doclint.fix import FixError, FixOptions, default_output, require_fixable
        from doclint.worker_pool import Budget, run_guarded

        require_choice("--stage", stage, STAGES)
        require_choice("--lang", lang, ("vi", "en"))
        if not path.is_file():
            raise fail(f"không tìm thấy tệp {path}", f"file not found: {path}")
        try:
            require_fixable(path)
        except FixError as exc:
            raise fail(exc.message(lang or "vi")) from exc
        out = output or default_output(path)
        try:
            explicit = read_config(config.resolve()) if config else None
            cfg = config_for(path, explicit, {"select": split_codes(select), "ignore": split_codes(ignore),
                                              "stage": stage, "lang": lang,
                                              "preview": True if preview else None})  # fmt: skip
        except ConfigError as exc:
            raise fail(exc) from exc
        out_lang = lang or cfg.lang
        options = FixOptions(
            unsafe=unsafe, preview=cfg.preview, track=not no_track
        )  # --preview or the file's
        try:  # loading, checking and writing all run in a worker under the document budget
            summary = run_guarded(_fix, path, out, cfg, options, not diff, budget=Budget.from_config(cfg))
        except (FixError, LoadError) as exc:
            raise fail(exc.message(out_lang)) from exc
        except ConfigError as exc:
            raise fail(exc) from exc
        if diff:
            typer.echo(summary["diff"], nl=False)
            if summary["format_edits"]:
                note = (f"(và {summary['format_edits']} sửa định dạng không thể hiện trong khác biệt văn bản)"
                        if out_lang != "en" else
                        f"(and {summary['format_edits']} formatting edit(s) a text diff does not show)")  # fmt: skip
                typer.echo(note, err=True)
            return
        typer.echo(_describe(summary, out_lang))


def _fix(path: Path, out: Path, cfg, options, write: bool) -> dict:
    """In the worker: fix and return what the command prints (plain data, sent back by pickle)."""
    from doclint.fix import fix_path

    report = fix_path(path, out if write else None, cfg, options, write=write)
    waiting = sorted({f.code for f in report.remaining if f.fix is not None})
    return {
        "output": str(report.output) if report.output else None,
        "count": report.count,
        "by_rule": report.by_rule(),
        "skipped": [(f.code, reason) for f, _fix, reason in report.skipped],
        "diff": report.diff(path.name),
        "format_edits": report.format_edits,
        "left": len(report.remaining),
        "waiting": waiting,
        "track": options.track,
        "unsafe": options.unsafe,
    }


def _describe(summary: dict, lang: str) -> str:
    rules = ", ".join(f"{code} ×{n}" for code, n in summary["by_rule"].items())
    skipped = summary["skipped"]
    if lang == "en":
        how = "as tracked changes (Review → Accept/Reject)" if summary["track"] else "applied directly"
        lines = [f"{summary['output']}: {summary['count']} fix(es) {how}" + (f": {rules}" if rules else "")]
        if skipped:
            lines.append(
                f"  {len(skipped)} fix(es) not written: " + "; ".join(f"{c} ({r})" for c, r in skipped[:5])
            )
        if summary["waiting"] and not summary["unsafe"]:
            lines.append(f"  more fixes with --unsafe or --preview: {', '.join(summary['waiting'])}")
        lines.append(f"  {summary['left']} finding(s) left for a person (doclint check on the copy)")
        return "\n".join(lines)
    how = (
        "dưới dạng thay đổi được theo dõi (Xem lại → Chấp nhận/Từ chối)" if summary["track"] else "sửa thẳng"
    )
    lines = [f"{summary['output']}: {summary['count']} chỗ sửa {how}" + (f": {rules}" if rules else "")]
    if skipped:
        lines.append(
            f"  {len(skipped)} chỗ sửa không ghi được: " + "; ".join(f"{c} ({r})" for c, r in skipped[:5])
        )
    if summary["waiting"] and not summary["unsafe"]:
        lines.append(f"  sửa thêm được với --unsafe hoặc --preview: {', '.join(summary['waiting'])}")
    lines.append(f"  còn {summary['left']} phát hiện cần người soạn thảo xem (doclint check bản sửa)")
    return "\n".join(lines)
