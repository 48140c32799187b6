"""``doclint check``: its options, declared once as data, and what it does — without Typer or Click.

Typer builds the ``check`` command from :data:`ARGUMENT` and :data:`OPTIONS` (:func:`doclint.cli.typer_command`),
and :mod:`doclint.cli_fast` parses the usual command lines (``doclint check FILE… [options]``) from the same
declaration without importing Typer or Click, which cost a one-file check about 40 ms of its start-up
(issue 17). Both call :func:`check` with the same values. The usage errors of the command itself (a
format, a stage, a code that does not exist) are raised here, identical on both paths: :func:`fail`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from doclint import cli_i18n
from doclint.config import LEVELS, STAGES, Config, ConfigError, read_config, split_codes
from doclint.safeio import display_path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Param:
    """One parameter of a command: its Python name, kind, default, help and command-line names.

    ``kind``: ``"str"``, ``"int"``, ``"path"``, ``"flag"`` (no value), ``"strs"`` (repeatable), and for the
    argument ``"paths"`` (one or more). Without ``flags``, the name is ``--`` + the name with dashes."""

    __slots__ = ("default", "flags", "help", "kind", "name")

    def __init__(self, name: str, kind: str, help: str, *flags: str, default: Any = None) -> None:
        self.name, self.kind, self.help, self.default = name, kind, help, default
        self.flags = flags or ("--" + name.replace("_", "-"),)


ARGUMENT = Param("paths", "paths", "Tệp hoặc thư mục (duyệt đệ quy).")
OPTIONS = (
    Param("format", "str", "text, concise, html, json, jsonl, sarif, csv, xlsx (mặc định: theo đuôi tệp --output, "
          "không có thì text)", "--format", "-f"),
    Param("output", "path", "Ghi kết quả ra tệp (.html .json .csv .xlsx …).", "--output", "-o"),
    Param("quiet", "flag", "Chỉ hiện lỗi (ẩn cảnh báo, gợi ý).", "--quiet", "-q", default=False),
    Param("baseline", "path", "Chỉ báo các phát hiện chưa có trong tệp baseline (doclint baseline)."),
    Param("csv_sep", "str", "Dấu phân cách CSV: ',' (mặc định) hoặc ';' (Excel cài đặt vùng Việt Nam).",
          default=","),
    Param("select", "strs", "Chỉ chạy các mã/tiền tố này (HDR,NUM003)."),
    Param("ignore", "strs", "Bỏ qua các mã/tiền tố này."),
    Param("stage", "str", "draft (dự thảo), final (bản trình ký) hoặc issued (đã phát hành)."),
    Param("fail_on", "str", "error|warning|info|never"),
    Param("lang", "str", "vi hoặc en"),
    Param("preview", "flag", "Chạy cả các quy tắc đang thử nghiệm (preview).", default=False),
    Param("config", "path", "Tệp cấu hình doclint.toml."),
    Param("include", "strs", "Chỉ kiểm tra tệp khớp mẫu glob."),
    Param("exclude", "strs", "Bỏ qua tệp khớp mẫu glob."),
    Param("statistics", "flag", "Đếm số phát hiện theo quy tắc.", default=False),
    Param("show_basis", "flag", "In căn cứ pháp lý của từng phát hiện.", default=False),
    Param("jobs", "int", "Số tiến trình (mặc định: mọi lõi).", "--jobs", "-j"),
    Param("no_cache", "flag", "Không dùng bộ nhớ đệm kết quả.", default=False),
    Param("annotate", "path", "Ghi bản sao DOCX có chú thích vào thư mục này."),
    Param("refs", "path", "Thư mục văn bản cấp trên để so sánh."),
    Param("refs_db", "path", "Tệp thư viện văn bản tham chiếu."),
)  # fmt: skip


# ------------------------------------------------------------------------------------------ output


def echo(text: str, err: bool = False) -> None:
    """A line on stdout (stderr with ``err``), as ``click.echo`` writes it: ANSI styles removed when the
    stream is not a terminal, flushed at once."""
    if "click" in sys.modules:  # under Typer (its test runner swaps the streams and their colour rules)
        import click

        click.echo(text, err=err)
        return
    stream = sys.stderr if err else sys.stdout
    if not _isatty(stream):
        from doclint import lazyre

        text = lazyre.cached(r"\033\[[;?0-9]*[a-zA-Z]").sub("", text)  # click.utils.strip_ansi's pattern
    stream.write(text + "\n")
    stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # a closed or unusual stream: as click.utils.isatty
        return False


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
    """Every problem with the run itself is one line on stderr and exit status 2, never a traceback
    (``DOCLINT_DEBUG=1`` shows it)."""
    try:
        yield
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("DOCLINT_DEBUG"):
            raise
        from doclint.safeio import escape_controls

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


def fail(message: str | ConfigError, en: str | None = None) -> SystemExit:
    """A usage error (exit status 2), printed in the language of the command line."""
    if isinstance(message, ConfigError):
        message, en = message.vi, message.en
    shown = en if en is not None and cli_i18n.current() == "en" else message
    echo(f"doclint: {shown}", err=True)
    return SystemExit(EXIT_ERROR)


def hint(word: str, choices, lang: str = "vi") -> str:
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
        f"{option} phải là {_listed(choices, 'hoặc')}, không phải {value!r}.{hint(value, choices)}",
        f"{option} must be {_listed(choices, 'or')}, not {value!r}.{hint(value, choices, 'en')}",
    )


def load_explicit_config(path: Path | None) -> Config | None:
    if path is None:
        return None
    if not path.is_file():
        raise fail(f"không tìm thấy tệp cấu hình {path}", f"config file not found: {path}")
    return read_config(path.resolve())


def files_to_check(paths: list[Path], include: list[str] | None, exclude: list[str] | None) -> list[Path]:
    """The documents ``paths`` name (folders walked), or a usage error when there is none."""
    from doclint import batch

    files = list(batch.iter_files(paths, tuple(include or ()), tuple(exclude or ())))
    if not files:
        raise fail(
            "không có tệp nào để kiểm tra (.docx, .pdf, .doc, .txt, .md)",
            "no file to check (.docx, .pdf, .doc, .txt, .md)",
        )
    return files


def exit_status(results, fail_on: str) -> int:
    from doclint.findings import SEVERITY_RANK

    if any(r.error for r in results):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    for result in results:
        if any(SEVERITY_RANK[f.severity or "info"] >= threshold for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


# ------------------------------------------------------------------------------------------ check


def check(
    paths: list[Path],
    format: str | None,
    output: Path | None,
    quiet: bool,
    baseline: Path | None,
    csv_sep: str,
    select: list[str] | None,
    ignore: list[str] | None,
    stage: str | None,
    fail_on: str | None,
    lang: str | None,
    preview: bool,
    config: Path | None,
    include: list[str] | None,
    exclude: list[str] | None,
    statistics: bool,
    show_basis: bool,
    jobs: int | None,
    no_cache: bool,
    annotate: Path | None,
    refs: Path | None,
    refs_db: Path | None,
) -> NoReturn:
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
            f"định dạng không hỗ trợ: {format} (có: {', '.join(formats)}).{hint(format, formats)}",
            f"unsupported format: {format} (available: {', '.join(formats)}).{hint(format, formats, 'en')}",
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
    files = files_to_check(paths, include, exclude)
    try:
        _check_cli_codes(files[0], explicit, overrides)
    except ConfigError as exc:
        raise fail(exc) from exc
    from doclint.report import FULL_TEXT_MAX

    # the HTML shows each document's text up to FULL_TEXT_MAX documents; above, the documents are not
    # kept in memory (and the result cache can serve them)
    keep = (format == "html" and len(files) <= FULL_TEXT_MAX) or annotate is not None
    _start_up_done()
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
    raise SystemExit(exit_status(results, fail_level))


def _start_up_done() -> None:
    """Resume the garbage collector :func:`doclint.cli_fast.main` paused for the start-up, after freezing
    what the start-up made (modules, config, rule pack: kept to the end). The collections of this
    process and of the worker forked from it then walk only what checking the documents makes."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _check_cli_codes(first: Path, explicit: Config | None, overrides: dict) -> None:
    """--select and --ignore name rules of the pack in use (a typo must not report a clean document)."""
    from doclint import batch
    from doclint.config import check_codes
    from doclint.rulepack import load_pack

    pack = load_pack(batch.config_for(first, explicit, overrides).packs)
    for option in ("select", "ignore"):
        check_codes(overrides[option], pack, f"--{option}")


def _shown(results: list) -> list:
    from dataclasses import replace

    return [r if display_path(r.path) == r.path else replace(r, path=display_path(r.path)) for r in results]
