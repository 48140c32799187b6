"""Command line: ``doclint check | inspect | rules | explain`` and the auto-discovered sub-commands.

``check`` is declared in :mod:`doclint.cli_check` (its options as data, and what it does); the usual
``doclint check`` command lines are parsed from that declaration without Typer (:mod:`doclint.cli_fast`),
everything else by the Typer app below, which builds ``check`` from the same declaration."""

from __future__ import annotations

import importlib
import inspect as pyinspect
import json
import pkgutil
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from doclint import __version__, cli_check, cli_i18n
from doclint.cli_check import EXIT_ERROR, fail, hint
from doclint.cli_check import require_choice as require_choice  # the sub-commands' usage errors
from doclint.config import ConfigError, read_config
from doclint.safeio import display_path, escape_controls

app = typer.Typer(
    name="doclint",
    help="Kiểm tra thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP) — DOCX, PDF, văn bản thuần.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


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


_TYPES: dict[str, Any] = {"str": str | None, "int": int | None, "path": Path | None, "flag": bool,
                          "strs": list[str] | None, "paths": list[Path]}  # fmt: skip


def typer_command(fn, argument: cli_check.Param, options: tuple[cli_check.Param, ...]):  # type: ignore[no-untyped-def]
    """``fn`` as a Typer command whose argument and options are the declared ones (what Typer reads
    from a function's signature, built from the declaration instead of written a second time)."""

    def command(**values: Any) -> None:
        fn(**values)

    kind = pyinspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [pyinspect.Parameter(argument.name, kind, annotation=Annotated[_TYPES[argument.kind],
                                  typer.Argument(help=argument.help)])]  # fmt: skip
    for opt in options:
        typed = str if opt.kind == "str" and opt.default is not None else _TYPES[opt.kind]
        hint = Annotated[typed, typer.Option(*opt.flags, help=opt.help)]
        params.append(pyinspect.Parameter(opt.name, kind, default=opt.default, annotation=hint))
    command.__signature__ = pyinspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__name__, command.__doc__ = fn.__name__, fn.__doc__
    return command


app.command()(typer_command(cli_check.check, cli_check.ARGUMENT, cli_check.OPTIONS))


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
            f"định dạng không hỗ trợ: {format} (có: text, json, md).{hint(format, ('text', 'json', 'md'))}",
            f"unsupported format: {format} (available: text, json, md).{hint(format, ('text', 'json', 'md'), 'en')}",
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
    """Every command line Typer parses (:func:`doclint.cli_fast.main` is the ``doclint`` command: it runs
    the usual ``check`` command lines itself). Every problem with the run itself is one line on stderr
    and exit status 2, never a traceback (``DOCLINT_DEBUG=1`` shows it). Usage errors and help are in the
    user's language (cli_i18n)."""
    cli_i18n.install(cli_i18n.argv_lang(sys.argv[1:]))
    _register_plugins(sys.argv)
    command = cli_i18n.localise(typer.main.get_command(app))
    with cli_check.one_line_errors():
        command(prog_name="doclint")  # click turns its own errors and Exit into an exit status


if __name__ == "__main__":
    from doclint.cli_fast import main as doclint_main

    doclint_main()
