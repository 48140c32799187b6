"""The command line in the user's language: Vietnamese by default, English with ``--lang en``.

doclint's own help texts are written in Vietnamese (docstrings and ``help=``); :data:`HELP_EN` gives their
English. The texts of Click and Typer themselves (``Usage:``, ``Options``, ``No such option``, ``Did you
mean``…) are English; :data:`CLICK_VI` gives their Vietnamese, served through ``gettext``, which both
libraries call. The language is known before the command line is parsed (:func:`argv_lang`), so that a
usage error is already in the right language.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from doclint import lazyre

if TYPE_CHECKING:
    import click

LANGS = ("vi", "en")
_LANG = "vi"
_EXPLICIT: str | None = None


def current() -> str:
    """The language of the command line: Vietnamese unless ``--lang en`` (or DOCLINT_LANG=en)."""
    return _LANG


def explicit() -> str | None:
    """The language the user asked for, or None (a command then follows its config file)."""
    return _EXPLICIT


def argv_lang(argv: Sequence[str]) -> str | None:
    """``--lang en`` / ``--lang=en`` anywhere on the command line, else ``DOCLINT_LANG``, else None."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "vi"
    env = os.environ.get("DOCLINT_LANG")
    return env if env in LANGS else None


# Click 8 and Typer: msgid -> Vietnamese
CLICK_VI: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Arguments": "Đối số",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Error": "Lỗi",
    "Error: {message}": "Lỗi: {message}",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Xem hướng dẫn: [blue]'{command_path} {help_option}'[/].",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} nhận {nargs} giá trị.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "integer": "số nguyên",
    "float": "số thực",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Aborted!": "Đã dừng!",
    "Aborted.": "Đã dừng.",
    "[default: {}]": "[mặc định: {}]",
    "default: {default}": "mặc định: {default}",
    "[required]": "[bắt buộc]",
    "required": "bắt buộc",
    "[env var: {}]": "[biến môi trường: {}]",
    "env var: {var}": "biến môi trường: {var}",
    "(deprecated) ": "(lỗi thời) ",
    "deprecated": "lỗi thời",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
}
# (singular, plural) -> (Vietnamese, Vietnamese)
CLICK_VI_PLURAL: dict[tuple[str, str], str] = {
    (
        "Did you mean {possibility}?",
        "(Did you mean one of: {possibilities}?)",
    ): "(Có phải ý bạn là: {possibilities}?)",
    (
        "Got unexpected extra argument ({args})",
        "Got unexpected extra arguments ({args})",
    ): "Thừa đối số ({args})",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Tùy chọn {name!r} cần {nargs} giá trị."
    ),
    (
        "{value!r} is not {choice}.",
        "{value!r} is not one of {choices}.",
    ): "{value!r} không phải là một trong {choices}.",
}

# doclint's help texts (Vietnamese as written in the code) -> English
HELP_EN: dict[str, str] = {
    "Kiểm tra thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP) — DOCX, PDF, văn bản thuần.": (
        "Check the format of Vietnamese administrative documents (Decree 30/2020/NĐ-CP) — DOCX, PDF, plain text."
    ),
    "doclint — kiểm tra văn bản hành chính trước khi trình ký.": (
        "doclint — check an administrative document before it goes for signature."
    ),
    "In phiên bản.": "Print the version.",
    "Ngôn ngữ: vi (mặc định) hoặc en.": "Language: vi (default) or en.",
    "Kiểm tra tệp/thư mục và báo cáo các phát hiện.": "Check files or folders and report the findings.",
    "Tệp hoặc thư mục (duyệt đệ quy).": "Files or folders (searched recursively).",
    "text, json, html, sarif, csv, jsonl": "text, json, html, sarif, csv, jsonl",
    "Ghi kết quả ra tệp.": "Write the report to this file.",
    "Chỉ chạy các mã/tiền tố này (HDR,NUM003).": "Run only these codes or prefixes (HDR,NUM003).",
    "Bỏ qua các mã/tiền tố này.": "Skip these codes or prefixes.",
    "draft (dự thảo) hoặc final (trình ký).": "draft or final (for signature).",
    "error|warning|info|never": "error|warning|info|never",
    "vi hoặc en": "vi or en",
    "Tệp cấu hình doclint.toml.": "The doclint.toml config file.",
    "Chỉ kiểm tra tệp khớp mẫu glob.": "Check only files matching these glob patterns.",
    "Bỏ qua tệp khớp mẫu glob.": "Skip files matching these glob patterns.",
    "Đếm số phát hiện theo quy tắc.": "Count the findings per rule.",
    "In căn cứ pháp lý của từng phát hiện.": "Print the legal basis of each finding.",
    "Số tiến trình (mặc định: mọi lõi).": "Number of processes (default: every core).",
    "Không dùng bộ nhớ đệm kết quả.": "Do not use the result cache.",
    "Ghi bản sao DOCX có chú thích vào thư mục này.": "Write annotated DOCX copies to this folder.",
    "Thư mục văn bản cấp trên để so sánh.": "Folder of higher-level documents to compare with.",
    "Tệp thư viện văn bản tham chiếu.": "The reference library file.",
    "Cho xem các thành phần thể thức đã nhận diện (vì sao một quy tắc được kích hoạt).": (
        "Show the recognised parts of a document (why a rule fired)."
    ),
    "Tệp cần xem.": "The file to inspect.",
    "text hoặc json": "text or json",
    "text, json hoặc md": "text, json or md",
    "Liệt kê mọi quy tắc.": "List every rule.",
    "In trang giải thích của một quy tắc: nội dung, lý do, căn cứ, ví dụ sai/đúng.": (
        "Print a rule's page: what it checks, why, its legal basis, wrong and right examples."
    ),
    "In trang giải thích của một quy tắc (NUM003) hoặc các quy tắc của một nhóm (HDR).": (
        "Print a rule's page (NUM003), or list the rules of a family (HDR)."
    ),
    "Mã quy tắc, ví dụ NUM003.": "A rule code, e.g. NUM003.",
    "Mã quy tắc (NUM003) hoặc nhóm (HDR).": "A rule code (NUM003) or a family (HDR).",
    "Ghi bản sao DOCX có chú thích (comment) của doclint tại đúng chỗ sai.": (
        "Write a copy of a DOCX with doclint's comments at the places to fix."
    ),
    "Tệp DOCX đầu ra (mặc định: TÊN.doclint.docx).": "The output DOCX (default: NAME.doclint.docx).",
    "Chỉ chạy các mã/tiền tố này.": "Run only these codes or prefixes.",
    "Bảng các văn bản được viện dẫn: loại, số/ký hiệu, ngày, cơ quan ban hành, trích yếu, vị trí.": (
        "Table of the cited documents: type, number/symbol, date, issuer, subject, place."
    ),
    "text | json": "text | json",
    "vi | en": "vi | en",
    "Bộ nhớ đệm kết quả (xem, xóa).": "The result cache (show, clear).",
    "Vị trí, dung lượng và số mục của bộ nhớ đệm.": "Where the cache is, its size and number of entries.",
    "Xóa toàn bộ bộ nhớ đệm (lần chạy sau sẽ kiểm tra lại mọi tệp).": (
        "Clear the whole cache (the next run checks every file again)."
    ),
    "Thư viện văn bản tham chiếu (văn bản cấp trên) để phát hiện nội dung sao chép (RED002).": (
        "The reference library (higher-level documents) to detect copied content (RED002)."
    ),
    "Thêm văn bản vào thư viện (DOCX, PDF, DOC, văn bản thuần); thêm lại một tệp thì cập nhật.": (
        "Add documents to the library (DOCX, PDF, DOC, plain text); adding a file again updates it."
    ),
    "Tệp thư viện (mặc định: ~/.local/share/doclint/refs.sqlite3).": (
        "The library file (default: ~/.local/share/doclint/refs.sqlite3)."
    ),
    "Liệt kê các văn bản trong thư viện.": "List the documents of the library.",
    "Xóa văn bản khỏi thư viện.": "Remove documents from the library.",
    "text, concise, html, json, jsonl, sarif, csv, xlsx (mặc định: theo đuôi tệp --output, không có thì text)": (
        "text, concise, html, json, jsonl, sarif, csv, xlsx (default: from the --output suffix, else text)"
    ),
    "Ghi kết quả ra tệp (.html .json .csv .xlsx …).": "Write the report to this file (.html .json .csv .xlsx …).",
    "Chỉ hiện lỗi (ẩn cảnh báo, gợi ý).": "Show errors only (hide warnings and information).",
    "Chỉ báo các phát hiện chưa có trong tệp baseline (doclint baseline).": (
        "Report only the findings not in the baseline file (doclint baseline)."
    ),
    "Dấu phân cách CSV: ',' (mặc định) hoặc ';' (Excel cài đặt vùng Việt Nam).": (
        "CSV separator: ',' (default) or ';' (Excel with Vietnamese regional settings)."
    ),
    "draft (dự thảo), final (bản trình ký) hoặc issued (đã phát hành).": (
        "draft, final (submitted for signature) or issued (signed and numbered)."
    ),
    "Chỉ chú thích từ mức này: error, warning hoặc info (mặc định).": (
        "Comment only from this level: error, warning or info (default)."
    ),
    "Ghi lại các phát hiện hiện có (baseline); sau đó `check --baseline` chỉ báo phát hiện mới.": (
        "Record the current findings (a baseline); then `check --baseline` reports only new ones."
    ),
    "Tệp baseline sẽ ghi (mặc định: doclint-baseline.json).": "The baseline file to write (default: doclint-baseline.json).",
    "Số tiến trình.": "Number of processes.",
    "Chạy cả các quy tắc đang thử nghiệm (preview).": "Run the preview rules too (rules still being measured).",
    "Ghi thêm các sửa chắc chắn dưới dạng thay đổi được theo dõi (như doclint fix).": (
        "Also write the certain corrections as tracked changes (as doclint fix does)."
    ),
    "Với --fix: cả các sửa cần người kiểm tra.": "With --fix: also the corrections a person must check.",
    "Ghi bản sao đã sửa các lỗi chắc chắn, mỗi chỗ sửa là một thay đổi được theo dõi trong Word.": (
        "Write a copy with the certain corrections, each one a tracked change in Word."
    ),
    "Tệp đầu ra (mặc định: TÊN.doclint-sua.docx bên cạnh tệp gốc).": (
        "Output file (default: NAME.doclint-sua.docx next to the original)."
    ),
    "Áp dụng cả các sửa “không chắc chắn” (chính tả, viện dẫn…).": (
        "Apply the “unsafe” corrections too (spelling, citations…)."
    ),
    "Áp dụng cả sửa của các quy tắc đang thử nghiệm (preview).": "Apply the corrections of preview rules too.",
    "Chỉ sửa theo các mã/tiền tố này.": "Fix only these codes or prefixes.",
    "Không sửa theo các mã/tiền tố này.": "Do not fix these codes or prefixes.",
    "Sửa thẳng, không ghi thành thay đổi được theo dõi (Track Changes).": (
        "Edit directly, not as tracked changes (Track Changes)."
    ),
    "Chỉ in khác biệt của văn bản (unified diff), không ghi tệp.": (
        "Print a unified diff of the text only; write no file."
    ),
    "draft, final hoặc issued.": "draft, final or issued.",
    "Mở trang web kiểm tra văn bản (và API JSON) cho cả cơ quan.": (
        "Open the document-checking web page (and JSON API) for the whole office."
    ),
    "Địa chỉ lắng nghe (mặc định chỉ máy này).": "Address to listen on (default: this computer only).",
    "Cổng.": "Port.",
    "Số tiến trình kiểm tra (0: mọi lõi).": "Number of checking processes (0: every core).",
    "Mã truy cập (bắt buộc khi nghe trên địa chỉ khác 127.0.0.1).": (
        "Access token (required when listening on an address other than 127.0.0.1)."
    ),
    "Chạy sau proxy đã xác thực người dùng.": "Run behind a proxy that authenticates users.",
    "Lưu bản sao mọi tệp tải lên vào thư mục này.": "Keep a copy of every uploaded file in this folder.",
    "Nơi tạo thư mục tạm riêng.": "Where to create the private temporary folder.",
    "Dung lượng tối đa mỗi tệp (MB).": "Largest file (MB).",
    "Dung lượng tối đa mỗi lần gửi (MB).": "Largest upload (MB).",
    "Số tệp tối đa mỗi lần gửi.": "Most files per upload.",
    "Số văn bản tối đa đang chờ/kiểm tra (0: 16 × số tiến trình).": (
        "Most documents waiting or being checked (0: 16 × the number of processes)."
    ),
    "Giây tối đa cho mỗi văn bản.": "Most seconds per document.",
    "Tên máy được chấp nhận thêm (tiêu đề Host).": "Extra host names to accept (Host header).",
    "Địa chỉ proxy được tin cho X-Forwarded-* (mặc định 127.0.0.1).": (
        "Proxy addresses trusted for X-Forwarded-* (default 127.0.0.1)."
    ),
    "Mức nhật ký của uvicorn.": "uvicorn's log level.",
}


def _translate_vi(message: str) -> str:
    return CLICK_VI.get(message, message)


def set_language(lang: str | None) -> None:
    """The language of doclint's own messages (``check`` parsed without Click: :mod:`doclint.cli_fast`)."""
    global _LANG, _EXPLICIT
    _EXPLICIT = lang if lang in LANGS else None
    _LANG = _EXPLICIT or "vi"


def install(lang: str | None) -> None:
    """Use ``lang`` for the texts of Click and Typer (Vietnamese through gettext; English as they are)."""
    import gettext

    set_language(lang)
    _tidy_errors()
    if _LANG != "vi" or getattr(gettext.dgettext, "_doclint", False):
        return
    original, original_n = gettext.dgettext, gettext.dngettext

    def dgettext(domain: str, message: str) -> str:
        return CLICK_VI.get(message) or original(domain, message)

    def dngettext(domain: str, singular: str, plural: str, n: int) -> str:
        found = CLICK_VI_PLURAL.get((singular, plural))
        return found or original_n(domain, singular, plural, n)

    dgettext._doclint = True  # type: ignore[attr-defined]
    gettext.dgettext, gettext.dngettext = dgettext, dngettext
    when_imported("typer.rich_utils", _rich_texts_vi)


def _rich_texts_vi(rich_utils) -> None:  # type: ignore[no-untyped-def]
    for name in ("DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING", "ARGUMENTS_PANEL_TITLE",
                 "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE", "ABORTED_TEXT",
                 "RICH_HELP", "DEPRECATED_STRING"):  # fmt: skip
        # translated when the module was imported if that was before the language was known
        value = getattr(rich_utils, name, None)
        if isinstance(value, str):
            setattr(rich_utils, name, _translate_vi(value))


def when_imported(name: str, patch) -> None:  # type: ignore[no-untyped-def]
    """``patch(module)`` now if ``name`` is imported, else right after it is (issue 17: Typer's rich
    formatting costs ~0.1 s to import and is needed only for help and errors, which import it)."""
    module = sys.modules.get(name)
    if module is not None:
        patch(module)
        return
    sys.meta_path.insert(0, _PatchOnImport(name, patch))


class _PatchOnImport:
    """A meta path finder (``importlib.abc.MetaPathFinder``'s protocol, without importing it) that finds
    nothing itself: wraps the loader the other finders give ``name`` so that ``patch`` runs on the
    module once it has executed (once: the finder removes itself)."""

    def __init__(self, name: str, patch) -> None:  # type: ignore[no-untyped-def]
        self.name, self.patch = name, patch

    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        if fullname != self.name:
            return None
        import importlib.util

        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        exec_module, patch = loader.exec_module, self.patch

        def exec_then_patch(module):  # type: ignore[no-untyped-def]
            exec_module(module)
            patch(module)

        loader.exec_module = exec_then_patch  # this loader instance serves this one module
        return spec


# Typer adds its own English suggestion to "No such command"; Click already lists the close matches
_TYPER_SUGGESTION = lazyre.compile(r"\. Did you mean '[^?]*\?")


def tidy_error(error: click.ClickException) -> None:
    """One suggestion, in the user's language, in a usage error."""
    message = getattr(error, "message", None)
    if isinstance(message, str):
        error.message = _TYPER_SUGGESTION.sub(".", message)


def _tidy_errors() -> None:
    """Tidy every usage error before Typer (rich) or Click prints it."""
    import click

    if getattr(click.exceptions.UsageError.show, "_doclint", False):
        return
    show = click.exceptions.UsageError.show

    def tidy_show(self, file=None):  # type: ignore[no-untyped-def]
        tidy_error(self)
        return show(self, file)

    tidy_show._doclint = True  # type: ignore[attr-defined]
    click.exceptions.UsageError.show = tidy_show  # type: ignore[method-assign]
    when_imported("typer.rich_utils", _tidy_rich_errors)


def _tidy_rich_errors(rich_utils) -> None:  # type: ignore[no-untyped-def]
    rich_format_error = rich_utils.rich_format_error

    def tidy_rich(error):  # type: ignore[no-untyped-def]
        tidy_error(error)
        return rich_format_error(error)

    rich_utils.rich_format_error = tidy_rich


_METAVAR_VI = {"TEXT": "CHUỖI", "INTEGER": "SỐ", "FLOAT": "SỐ", "PATH": "ĐƯỜNG_DẪN", "FILE": "TỆP"}


def localise(command: click.Command) -> click.Command:
    """The command tree in the current language: English help texts (the code holds them in Vietnamese),
    or Vietnamese placeholders in the usage lines."""
    import click

    if _LANG == "en":
        command.help = HELP_EN.get(command.help or "", command.help)
        if command.short_help:
            command.short_help = HELP_EN.get(command.short_help, command.short_help)
    else:
        command.options_metavar = "[TÙY_CHỌN]"
        if isinstance(command, click.Group):
            command.subcommand_metavar = "LỆNH [ĐỐI_SỐ]..."
    for param in command.params:
        text = getattr(param, "help", None)
        if text and _LANG == "en":
            param.help = HELP_EN.get(text, text)  # type: ignore[attr-defined]
        if _LANG == "vi" and isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            name = param.type.name.upper() if param.type is not None else ""
            if name in _METAVAR_VI:
                param.metavar = _METAVAR_VI[name]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localise(sub)
    return command


def missing_english(command: click.Command, path: str = "doclint") -> list[str]:
    """Help texts of the command tree without an English translation (for the tests)."""
    import click

    out = []
    texts = [command.help] + [getattr(p, "help", None) for p in command.params]
    out += [f"{path}: {t}" for t in texts if t and t not in HELP_EN]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            out += missing_english(sub, f"{path} {name}")
    return out
