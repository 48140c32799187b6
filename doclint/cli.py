"""Command line: ``doclint check | inspect | rules | explain`` and the auto-discovered sub-commands."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from doclint import __version__, cli_i18n
from doclint.config import LEVELS, STAGES, Config, ConfigError, read_config, split_codes
from doclint.findings import SEVERITY_RANK
from doclint.safeio import display_path, escape_controls

app = typer.Typer(
    name="doclint",
    help="Kiểm tra thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP) — DOCX, PDF, văn bản thuần.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str | ConfigError, en: str | None = None) -> typer.Exit:
    """A usage error (exit status 2), printed in the language of the command line."""
    if isinstance(message, ConfigError):
        message, en = message.vi, message.en
    shown = en if en is not None and cli_i18n.current() == "en" else message
    typer.echo(f"doclint: {shown}", err=True)
    return typer.Exit(EXIT_ERROR)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"doclint {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="In phiên bản.")
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="Ngôn ngữ: vi (mặc định) hoặc en.")] = None,
) -> None:
    """doclint — kiểm tra văn bản hành chính trước khi trình ký."""


def _hint(word: str, choices, lang: str = "vi") -> str:
    from doclint.config import did_you_mean

    vi, en = did_you_mean(word, choices)
    return en if lang == "en" else vi


def _listed(choices, last: str) -> str:
    items = list(choices)
    return ", ".join(items[:-1]) + f" {last} " + items[-1] if len(items) > 1 else items[0]


def require_choice(option: str, value: str | None, choices) -> None:
    """A usage error (exit 2, in the user's language, with "did you mean") when ``value`` is not one of
    ``choices``; None (the option not given) passes. One wording for every command."""
    if value is None or value in choices:
        return
    raise fail(
        f"{option} phải là {_listed(choices, 'hoặc')}, không phải {value!r}.{_hint(value, choices)}",
        f"{option} must be {_listed(choices, 'or')}, not {value!r}.{_hint(value, choices, 'en')}",
    )


def load_explicit_config(path: Path | None) -> Config | None:
    if path is None:
        return None
    if not path.is_file():
        raise fail(f"không tìm thấy tệp cấu hình {path}", f"config file not found: {path}")
    return read_config(path.resolve())


def exit_status(results, fail_on: str) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    for result in results:
        if any(SEVERITY_RANK[f.severity or "info"] >= threshold for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục (duyệt đệ quy).")],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, concise, html, json, jsonl, sarif, csv, xlsx (mặc định: theo đuôi tệp --output, "
            "không có thì text)",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Ghi kết quả ra tệp (.html .json .csv .xlsx …).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Chỉ hiện lỗi (ẩn cảnh báo, gợi ý).")] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", help="Chỉ báo các phát hiện chưa có trong tệp baseline (doclint baseline)."
        ),
    ] = None,
    csv_sep: Annotated[
        str,
        typer.Option(
            "--csv-sep", help="Dấu phân cách CSV: ',' (mặc định) hoặc ';' (Excel cài đặt vùng Việt Nam)."
        ),
    ] = ",",
    select: Annotated[
        list[str] | None, typer.Option(help="Chỉ chạy các mã/tiền tố này (HDR,NUM003).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Bỏ qua các mã/tiền tố này.")] = None,
    stage: Annotated[
        str | None, typer.Option(help="draft (dự thảo), final (bản trình ký) hoặc issued (đã phát hành).")
    ] = None,
    fail_on: Annotated[str | None, typer.Option(help="error|warning|info|never")] = None,
    lang: Annotated[str | None, typer.Option(help="vi hoặc en")] = None,
    preview: Annotated[
        bool, typer.Option("--preview", help="Chạy cả các quy tắc đang thử nghiệm (preview).")
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình doclint.toml.")] = None,
    include: Annotated[list[str] | None, typer.Option(help="Chỉ kiểm tra tệp khớp mẫu glob.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="Bỏ qua tệp khớp mẫu glob.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Đếm số phát hiện theo quy tắc.")] = False,
    show_basis: Annotated[
        bool, typer.Option("--show-basis", help="In căn cứ pháp lý của từng phát hiện.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Số tiến trình (mặc định: mọi lõi).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Không dùng bộ nhớ đệm kết quả.")] = False,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="Ghi bản sao DOCX có chú thích vào thư mục này.")
    ] = None,
    refs: Annotated[Path | None, typer.Option("--refs", help="Thư mục văn bản cấp trên để so sánh.")] = None,
    refs_db: Annotated[
        Path | None, typer.Option("--refs-db", help="Tệp thư viện văn bản tham chiếu.")
    ] = None,
) -> None:
    """Kiểm tra tệp/thư mục và báo cáo các phát hiện."""
    from doclint import batch, report
    from doclint.report import _emit

    format = _emit.choose_format(format, output)
    if csv_sep in ("\\t", "tab"):
        csv_sep = "\t"
    if csv_sep not in (",", ";", "\t"):
        raise fail(
            f"--csv-sep phải là ',' hoặc ';', không phải {csv_sep!r}",
            f"--csv-sep must be ',' or ';', not {csv_sep!r}",
        )
    require_choice("--stage", stage, STAGES)
    require_choice("--fail-on", fail_on, (*LEVELS, "never"))
    require_choice("--lang", lang, ("vi", "en"))
    formats = report.available_formats()
    if format not in formats:
        raise fail(
            f"định dạng không hỗ trợ: {format} (có: {', '.join(formats)}).{_hint(format, formats)}",
            f"unsupported format: {format} (available: {', '.join(formats)}).{_hint(format, formats, 'en')}",
        )
    lang = lang or cli_i18n.explicit()
    try:
        explicit = load_explicit_config(config)
    except ConfigError as exc:
        raise fail(exc) from exc
    extra_options: dict[str, str] = {}
    if refs is not None:
        extra_options["refs-dir"] = str(refs.resolve())
    if refs_db is not None:
        extra_options["refs-db"] = str(refs_db.resolve())
    overrides = {
        "select": split_codes(select),
        "ignore": split_codes(ignore),
        "stage": stage,
        "fail_on": fail_on,
        "lang": lang,
        "preview": True if preview else None,
    }
    if output is not None and output.is_dir():
        raise fail(f"--output {display_path(output)} là một thư mục; hãy cho tên một tệp")
    if annotate is not None and annotate.exists() and not annotate.is_dir():
        raise fail(
            f"--annotate {display_path(annotate)} phải là một thư mục (bản sao có chú thích được ghi vào đó)"
        )
    files = list(batch.iter_files(paths, tuple(include or ()), tuple(exclude or ())))
    if not files:
        raise fail(
            "không có tệp nào để kiểm tra (.docx, .pdf, .doc, .txt, .md)",
            "no file to check (.docx, .pdf, .doc, .txt, .md)",
        )
    try:
        _check_cli_codes(files[0], explicit, overrides)
    except ConfigError as exc:
        raise fail(exc) from exc
    from doclint.report import FULL_TEXT_MAX

    # the HTML shows each document's text up to FULL_TEXT_MAX documents; above, the documents are not
    # kept in memory (and the result cache can serve them)
    keep = (format == "html" and len(files) <= FULL_TEXT_MAX) or annotate is not None
    try:
        results = batch.check_paths(
            files,
            explicit,
            overrides,
            keep_document=keep,
            options=extra_options,
            jobs=jobs,
            use_cache=not no_cache,
            stream_format=format,
            stream_output=output,
        )
    except ConfigError as exc:
        raise fail(exc) from exc
    first_config = batch.config_for(files[0], explicit, overrides)
    out_lang = lang or first_config.lang
    checked, results = results, _shown(results)  # file names that are not UTF-8: shown with U+FFFD
    hidden = 0
    if baseline is not None:
        from doclint.baseline import BaselineError, apply

        try:
            hidden = apply(results, baseline)
        except BaselineError as exc:
            raise fail(str(exc)) from exc
    options = report.ReportOptions(
        lang=out_lang, config=first_config, quiet=quiet, show_basis=show_basis, csv_sep=csv_sep,
        baseline_hidden=hidden,
    )  # fmt: skip
    _emit.emit(results, format=format, output=output, options=options, statistics=statistics)
    if annotate is not None:
        from doclint.annotate import annotate_results

        annotate_results(checked, annotate, lang=out_lang)
    fail_level = fail_on or first_config.fail_on
    raise typer.Exit(exit_status(results, fail_level))


def _check_cli_codes(first: Path, explicit: Config | None, overrides: dict) -> None:
    """--select and --ignore name rules of the pack in use (a typo must not report a clean document)."""
    from doclint import batch
    from doclint.config import check_codes
    from doclint.rulepack import load_pack

    pack = load_pack(batch.config_for(first, explicit, overrides).packs)
    for option in ("select", "ignore"):
        check_codes(overrides[option], pack, f"--{option}")


@app.command()
def inspect(
    path: Annotated[Path, typer.Argument(help="Tệp cần xem.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text hoặc json")] = "text",
) -> None:
    """Cho xem các thành phần thể thức đã nhận diện (vì sao một quy tắc được kích hoạt)."""
    from doclint.errors import LoadError
    from doclint.worker_pool import budget_for_path, run_guarded

    try:
        data, notes = run_guarded(_inspect_data, str(path), budget=budget_for_path(path))
    except LoadError as err:
        typer.echo(escape_controls(f"{display_path(path)}: {err.code} {err.vi}"), err=True)
        raise typer.Exit(EXIT_ERROR) from err
    except ConfigError as exc:
        raise fail(exc) from exc
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))  # JSON escapes control characters
        return
    typer.echo(
        escape_controls(
            f"{path}  [{data['format']}] họ văn bản: {data['family']}, loại: {data['doc_type'] or '?'}"
        )
    )
    for name, value in data["components"].items():
        if name == "outline":
            typer.echo(escape_controls(f"  {'outline':14s} {len(value)} mục"))
            continue
        if isinstance(value, list):
            typer.echo(escape_controls(f"  {name:14s} {len(value)} mục"))
            for item in value:
                typer.echo(escape_controls(f"  {'':14s} - {item['text']}"))
        elif value is None:
            typer.echo(escape_controls(f"  {name:14s} —"))
        else:
            text = value["text"].replace("\n", " / ")
            typer.echo(
                escape_controls(f"  {name:14s} {text}  (đoạn {value['location'].get('block', 0) + 1})")
            )
    sections = data["sections"]
    if sections["skeleton"]:
        typer.echo(escape_controls(f"  {'sections':14s} {sections['name']} ({sections['skeleton']})"))
        for item in sections["sections"]:
            mark = "✔" if item["found"] else ("·" if item.get("applies") is False else "✘")
            where = f"  (đoạn {item['block'] + 1})" if item.get("block") is not None else ""
            empty = " [trống]" if item.get("empty") else ""
            typer.echo(escape_controls(f"  {'':14s} {mark} {item['name']}{where}{empty}"))
    for note in notes:
        typer.echo(escape_controls(f"  ghi chú: {note}"))


def _inspect_data(path: str) -> tuple[dict, list[str]]:
    """What ``inspect`` shows, computed in a worker under the document budget."""
    from doclint.analysis.sections import describe
    from doclint.config import find_config
    from doclint.load import load
    from doclint.recognise import recognise
    from doclint.rulepack import load_pack

    doc = load(path)
    found = find_config(Path(path))  # the user packs of the nearest doclint.toml (their skeletons)
    pack = load_pack(read_config(found).packs if found else ())
    rec = recognise(doc, pack)
    data = {
        "path": str(path),
        "format": doc.format,
        "family": rec.family,
        "doc_type": rec.doc_type,
        "stage": "draft" if _looks_like_draft(rec) else "final",
        "components": rec.as_dict(),
        "sections": describe(doc, rec, pack),
    }
    return data, list(rec.notes)


def _looks_like_draft(rec) -> bool:
    number = rec.parsed_number
    date = rec.parsed_date
    return bool((number and number.number is None) or (date and date.day is None))


@app.command()
def rules(
    lang: Annotated[str | None, typer.Option(help="vi hoặc en")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json hoặc md")] = "text",
) -> None:
    """Liệt kê mọi quy tắc."""
    from doclint import explain
    from doclint.rulepack import load_pack

    lang = lang or cli_i18n.current()
    pack = load_pack()
    if format == "json":
        typer.echo(json.dumps(explain.rules_json(pack, lang), ensure_ascii=False, indent=2))
    elif format == "md":
        typer.echo(explain.rules_markdown(pack), nl=False)
    elif format == "text":
        typer.echo(explain.rules_text(pack, lang))
    else:
        raise fail(
            f"định dạng không hỗ trợ: {format} (có: text, json, md).{_hint(format, ('text', 'json', 'md'))}",
            f"unsupported format: {format} (available: text, json, md).{_hint(format, ('text', 'json', 'md'), 'en')}",
        )


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="Mã quy tắc (NUM003) hoặc nhóm (HDR).")],
    lang: Annotated[str | None, typer.Option(help="vi hoặc en")] = None,
) -> None:
    """In trang giải thích của một quy tắc (NUM003) hoặc các quy tắc của một nhóm (HDR)."""
    from doclint import explain as pages
    from doclint.rulepack import load_pack

    lang = lang or cli_i18n.current()
    pack = load_pack()
    key = code.upper()
    if key in pack.rules:
        typer.echo(pages.page(key, pack, lang))
    elif key in pack.families:
        typer.echo(pages.family_page(key, pack, lang))
    else:
        vi, en = _hint_code(key, pack)
        raise fail(f"không có quy tắc hoặc nhóm “{code}”.{vi}", f"no rule or family “{code}”.{en}")


def _hint_code(key: str, pack) -> tuple[str, str]:
    from doclint.config import did_you_mean

    return did_you_mean(key, [*pack.families, *pack.rules])


def _shown(results: list) -> list:
    from dataclasses import replace

    return [r if display_path(r.path) == r.path else replace(r, path=display_path(r.path)) for r in results]


CORE_COMMANDS = ("check", "inspect", "rules", "explain")


def _register_plugins(argv: list[str] | None = None) -> None:
    """Add the commands of ``doclint/commands/`` to the app. Given the command line: not when it runs a
    command defined here (building every plug-in command cost ``doclint check`` a few per cent of its
    start-up); ``--help``, a plug-in command or a mistyped one still sees them all."""
    if argv is not None:
        words = [a for a in argv[1:] if not a.startswith("-")]
        if words and words[0] in CORE_COMMANDS:
            return
    from doclint import commands

    for info in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(app)


def main() -> None:
    """Every problem with the run itself is one line on stderr and exit status 2, never a traceback
    (``DOCLINT_DEBUG=1`` shows it). Usage errors and help are in the user's language (cli_i18n)."""
    import os

    cli_i18n.install(cli_i18n.argv_lang(sys.argv[1:]))
    _register_plugins(sys.argv)
    command = cli_i18n.localise(typer.main.get_command(app))
    try:
        command(prog_name="doclint")  # click turns its own errors and Exit into an exit status
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("DOCLINT_DEBUG"):
            raise
        sys.stderr.write(f"doclint: {escape_controls(display_path(_one_line(exc)))}\n")
        sys.exit(EXIT_ERROR)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else ""
        return f"lỗi hệ thống:{where}: {exc.strerror}"
    if isinstance(exc, ConfigError):
        return exc.message(cli_i18n.current())
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"lỗi: {type(exc).__name__}: {text[:300]}"


if __name__ == "__main__":
    main()
