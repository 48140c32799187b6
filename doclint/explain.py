"""``doclint explain CODE``: a rule's page, built from its metadata in the rule pack (title, severity,
legal basis, why, notes, examples, options with their declared defaults), so that page and code cannot
disagree. A rule's ``why`` and ``doc`` name an option's value as ``{option-name}``; the page shows the
declared default there. A family may add to its rules' pages through :data:`EXTRA_PAGES` (SEC001–SEC003
show the skeleton of each document type and where it comes from).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint import lazyre
from doclint.analysis.sections import skeletons

if TYPE_CHECKING:
    from doclint.rulepack import OptionSpec, RulePack

PLACEHOLDER = lazyre.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)+)\}")

SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý", "off": "tắt"}
WHERE_VI = {
    "heading": "đề mục",
    "line": "đầu dòng",
    "text": "trong nội dung",
    "can_cu": "dòng căn cứ",
    "enactment": "dòng ban hành",
    "kinh_gui": "Kính gửi",
    "vv": "V/v",
    "recipients": "Nơi nhận",
    "articles": "các điều",
    "signatures": "chữ ký",
}


def _with_config_packs(pack):
    """The CLI passes the built-in pack; add the user packs of the doclint.toml of the current folder."""
    from doclint.config import find_config, read_config
    from doclint.rulepack import load_pack

    if len(getattr(pack, "sources", [])) > 1:
        return pack
    found = find_config(Path.cwd())
    if found is None:
        return pack
    packs = read_config(found).packs
    return load_pack(packs) if packs else pack


def _origin(origin: str, vi: bool) -> str:
    """Where a skeleton comes from: the built-in pack, or the user's own file (named as it is)."""
    if origin.startswith("rules/nd30/"):
        return "bộ quy tắc có sẵn (Nghị định 30)" if vi else "the built-in pack (Decree 30)"
    return origin


def skeletons_page(code: str, pack, lang: str = "vi") -> str:
    vi = lang != "en"
    pack = _with_config_packs(pack)
    out = ["Khung bố cục theo loại văn bản:" if vi else "Section skeletons per document type:"]
    for skel in skeletons(pack).values():
        name = skel.name_vi if vi else skel.name_en
        types = ", ".join(skel.types)
        head = f"\n■ {name} ({'mã khung' if vi else 'skeleton'} {skel.key}) — {'loại' if vi else 'types'}: {types}"
        if skel.titles:
            head += f"; {'khi trích yếu có' if vi else 'when the summary contains'}: " + ", ".join(
                f"“{t}”" for t in skel.titles
            )
        if not skel.enabled:
            head += " (tắt)" if vi else " (disabled)"
        out.append(head)
        out.append(f"  {'Căn cứ' if vi else 'Basis'}: {skel.source}")
        out.append(f"  {'Nguồn' if vi else 'From'}: {', '.join(_origin(o, vi) for o in skel.origin)}")
        if skel.extends:
            out.append(f"  {'Kế thừa' if vi else 'Extends'}: {skel.extends}")
        if skel.ordered:
            out.append(
                "  " + ("Thứ tự các phần được kiểm tra (SEC002)." if vi else "Order is checked (SEC002).")
            )
        for spec in skel.sections:
            severity = SEVERITY_VI.get(spec.severity, spec.severity) if vi else spec.severity
            label = spec.name_vi if vi else spec.name_en
            where = WHERE_VI.get(spec.where, spec.where) if vi else spec.where
            line = f"  - {severity}: {label} ({where})"
            if spec.example:
                line += f": {spec.example.splitlines()[0]}"
            out.append(line)
            alts = spec.phrases[:8]
            if alts:
                more = " …" if len(spec.phrases) > 8 else ""
                out.append(f"      {'chấp nhận' if vi else 'accepts'}: " + " / ".join(alts) + more)
            if spec.patterns:
                out.append(f"      {'mẫu' if vi else 'patterns'}: " + "  ".join(spec.patterns))
            if spec.when:
                out.append(
                    f"      {'chỉ khi nội dung nhắc đến' if vi else 'only when the text mentions'}: "
                    + ", ".join(spec.when[:8])
                    + (" …" if len(spec.when) > 8 else "")
                )
            if spec.covered_by:
                out.append(
                    f"      {'do quy tắc' if vi else 'reported by'} {spec.covered_by}"
                    + (" báo (SEC001 không báo lại)" if vi else " (SEC001 does not repeat it)")
                )
            if spec.source and spec.source != skel.source:
                out.append(f"      {'căn cứ' if vi else 'basis'}: {spec.source}")
            if spec.origin and spec.origin != skel.origin[:1]:
                out.append(
                    f"      {'nguồn' if vi else 'from'}: {', '.join(_origin(o, vi) for o in spec.origin)}"
                )
    out.append(
        "\nCơ quan có thể thêm hoặc thay khung mẫu bằng tệp sections.toml trong bộ quy tắc riêng "
        '(packs = ["thu-muc"] trong doclint.toml; replace = true để thay toàn bộ một khung).'
        if vi
        else "\nAn office adds or overrides skeletons with a sections.toml in its own pack "
        '(packs = ["folder"] in doclint.toml; replace = true replaces a whole skeleton).'
    )
    return "\n".join(out)


# code -> function adding to the rule's page
EXTRA_PAGES: dict[str, Callable[[str, Any, str], str]] = {
    "SEC001": skeletons_page,
    "SEC002": skeletons_page,
    "SEC003": skeletons_page,
}


def show_value(value: Any) -> str:
    """An option value as a user writes it in doclint.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def render(text: str, options: dict[str, OptionSpec]) -> str:
    """``{option-name}`` in a rule's text → the option's declared default."""

    def value(m: re.Match[str]) -> str:
        spec = options.get(m.group(1))
        return show_value(spec.default) if spec is not None else m.group(0)

    return PLACEHOLDER.sub(value, text)


SEVERITY = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
FIX = {
    "vi": {
        "safe": "tự sửa an toàn (doclint fix)",
        "unsafe": "có gợi ý sửa, cần người kiểm tra lại (doclint fix --unsafe)",
        "none": "sửa thủ công",
    },
    "en": {
        "safe": "safe automatic fix (doclint fix)",
        "unsafe": "a suggested fix, to be checked (doclint fix --unsafe)",
        "none": "fixed by hand",
    },
}
MATURITY = {"vi": {"preview": "thử nghiệm"}, "en": {"preview": "preview"}}
WORDS = {
    "vi": {"family": "Nhóm", "severity": "Mức độ", "draft": "dự thảo", "basis": "Căn cứ", "why": "Vì sao",
           "bad": "Sai", "good": "Đúng", "options": "Tùy chọn (trong doclint.toml)", "default": "mặc định",
           "fix": "Cách sửa", "maturity": "Giai đoạn", "code": "Mã", "title": "Nội dung",
           "family_options": "Tùy chọn chung của nhóm (trong doclint.toml)",
           "see": "Trang của từng quy tắc: doclint explain {code}", "missing": " (chưa có)",
           "final": "bản trình ký", "issued": "văn bản đã phát hành"},
    "en": {"family": "Family", "severity": "Severity", "draft": "draft", "basis": "Legal basis", "why": "Why",
           "bad": "Wrong", "good": "Right", "options": "Options (in doclint.toml)", "default": "default",
           "fix": "Fix", "maturity": "Maturity", "code": "Code", "title": "Rule",
           "family_options": "Options of the whole family (in doclint.toml)",
           "see": "Each rule's page: doclint explain {code}", "missing": " (not implemented)",
           "final": "document for signature", "issued": "issued document"},
}  # fmt: skip


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def severity_word(severity: str, lang: str) -> str:
    return SEVERITY[_lang(lang)].get(severity, severity)


def family_title(pack: RulePack, family: str, lang: str) -> str:
    fam = pack.families.get(family)
    if fam is None:
        return family
    return fam.title_en if _lang(lang) == "en" else fam.title_vi


def _option_lines(options: dict[str, OptionSpec], lang: str) -> list[str]:
    w = WORDS[_lang(lang)]
    out = []
    for name, spec in options.items():
        doc = spec.doc_en if _lang(lang) == "en" and spec.doc_en else spec.doc
        out.append(f"  {name} = {show_value(spec.default)}  ({w['default']}) — {doc}")
    return out


def _indented(example: str) -> list[str]:
    return [f"    {line}" for line in example.splitlines()]


STAGE_NAMES = {
    "vi": {"draft": "dự thảo", "final": "bản trình ký", "issued": "đã phát hành"},
    "en": {"draft": "draft", "final": "submitted for signing", "issued": "issued"},
}


def _stage_severities(meta, lang: str) -> str:
    """ " (dự thảo, bản trình ký: gợi ý)": the stages (--stage) where the rule reports at another level."""
    levels = dict(meta.stage_severity)
    if meta.draft_severity and "draft" not in levels:
        levels["draft"] = meta.draft_severity
    groups: dict[str, list[str]] = {}
    for stage in ("draft", "final", "issued"):
        if stage in levels and levels[stage] != meta.severity:
            groups.setdefault(levels[stage], []).append(STAGE_NAMES[lang][stage])
    return "".join(
        f" ({', '.join(stages)}: {severity_word(level, lang)})" for level, stages in groups.items()
    )


def _maturity_line(meta, lang: str) -> str:
    if meta.maturity != "preview":
        return (
            "Độ hoàn thiện: ổn định (chạy mặc định)" if lang == "vi" else "Maturity: stable (runs by default)"
        )
    head = (
        "Độ hoàn thiện: thử nghiệm (preview) — chỉ chạy với --preview hoặc preview = true trong doclint.toml, "
        "hoặc khi chọn đúng mã này (--select " + meta.code + "). Lý do: "
        if lang == "vi"
        else "Maturity: preview — runs only with --preview (preview = true in doclint.toml) or when this exact "
        "code is selected (--select " + meta.code + "). Why: "
    )
    return head + (meta.preview_reason if lang == "vi" else meta.preview_reason_en or meta.preview_reason)


def page(code: str, pack: RulePack, lang: str = "vi") -> str:
    """The page of one rule, entirely in ``lang`` (the examples are document text, in Vietnamese)."""
    meta = pack.rules[code]
    options = pack.options_for(code)
    lang = _lang(lang)
    en = lang == "en"
    w = WORDS[lang]
    title = meta.title_en if en else meta.title_vi
    severity = severity_word(meta.severity, lang) + _stage_severities(meta, lang)
    head = f"{w['family']}: {meta.family} — {family_title(pack, meta.family, lang)}    {w['severity']}: {severity}"
    why = (meta.why_en or meta.why) if en else meta.why
    doc = (meta.doc_en or meta.doc) if en else meta.doc
    # the rule's name is an English identifier (JSON output, docs/rules.md): on the English page only
    lines = [
        f"{meta.code} ({meta.name}) — {title}" if en else f"{meta.code} — {title}",
        "",
        head,
        _maturity_line(meta, lang),
        f"{w['basis']}: {meta.basis_en or meta.basis if en else meta.basis}",
        "",
        f"{w['why']}: {render(why, options)}",
    ]
    if doc:
        lines += ["", render(doc, options)]
    if _stage_severities(meta, lang):
        lines += [
            "",
            "Giai đoạn (--stage): draft — người soạn thảo viết dự thảo; final — bản trình ký, tệp Word "
            "người trình, văn thư kiểm tra trước khi trình lãnh đạo ký (số, ngày do văn thư ghi sau khi ký); "
            "issued — văn bản đã ký, đã cấp số, đã phát hành (văn thư, pháp chế kiểm tra bản lưu)."
            if not en
            else "Stages (--stage): draft — the drafter writing a draft; final — the Word file submitted for "
            "signing, checked before the head signs (the records office fills in number and day after "
            "signing); issued — the signed, numbered document as sent (records office, legal review).",
        ]
    when = f" ({w[meta.example_stage]})" if meta.example_stage != "draft" else ""
    if meta.example_bad:
        lines += ["", f"✘ {w['bad']}{when}:", *_indented(meta.example_bad)]
    if meta.example_good:
        lines += [f"✔ {w['good']}{when}:", *_indented(meta.example_good)]
    if options:
        lines += ["", f"{w['options']}:", *_option_lines(options, lang)]
    lines += ["", f"{w['fix']}: {FIX[lang].get(meta.fix, meta.fix)}"]
    extra = EXTRA_PAGES.get(code)
    if extra is not None:
        lines += ["", extra(code, pack, lang)]
    return "\n".join(lines)


def family_page(family: str, pack: RulePack, lang: str = "vi") -> str:
    """``doclint explain HDR``: the family and its rules, one line each."""
    from doclint.checks import registered_codes

    lang = _lang(lang)
    w = WORDS[lang]
    implemented = registered_codes()
    metas = sorted((m for m in pack.rules.values() if m.family == family), key=lambda m: m.code)
    lines = [f"{family} — {family_title(pack, family, lang)}", ""]
    for m in metas:
        title = m.title_en if lang == "en" else m.title_vi
        mark = "" if m.code in implemented or m.family == "DOC" else w["missing"]
        lines.append(f"  {m.code:8s} {severity_word(m.severity, lang):9s} {title}{mark}")
    fam = pack.families.get(family)
    if fam is not None and fam.options:
        lines += ["", f"{w['family_options']}:", *_option_lines(fam.options, lang)]
    lines += ["", w["see"].format(code=metas[0].code if metas else family)]
    return "\n".join(lines)


def rules_text(pack: RulePack, lang: str = "vi") -> str:
    from doclint.checks import registered_codes

    lang = _lang(lang)
    implemented = registered_codes()
    out = []
    for m in sorted(pack.rules.values(), key=lambda m: m.code):
        title = m.title_en if lang == "en" else m.title_vi
        mark = "" if m.code in implemented or m.family == "DOC" else WORDS[lang]["missing"]
        maturity = "preview" if m.maturity == "preview" else ""
        out.append(
            f"{m.code:8s} {severity_word(m.severity, lang):9s} {maturity:8s} {m.name:36s} {title}{mark}"
        )
    return "\n".join(out)


def rules_json(pack: RulePack, lang: str = "vi") -> list[dict[str, Any]]:
    return [
        {
            "code": m.code,
            "name": m.name,
            "family": m.family,
            "severity": m.severity,
            "maturity": m.maturity,
            "title": m.title_en if _lang(lang) == "en" else m.title_vi,
            "basis": m.basis,
            "options": {name: spec.default for name, spec in pack.options_for(m.code).items()},
            **where_it_lives(m.code, pack),
        }
        for m in sorted(pack.rules.values(), key=lambda m: m.code)
    ]


# ---------------------------------------------------------------------------- the generated reference


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


def _relative(path: str | Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(_repo_root()).as_posix()
    except ValueError:
        return path.as_posix()


def _tests_naming(code: str) -> list[str]:
    folder = _repo_root() / "tests"
    if not folder.is_dir():
        return []
    return [
        _relative(t)
        for t in sorted(folder.glob("test_*.py"))
        if re.search(rf"\b{code}\b", t.read_text(encoding="utf-8"))
    ]


def where_it_lives(code: str, pack: RulePack) -> dict[str, Any]:
    """The check function (file::function), the metadata file and the tests that name the rule. No line
    numbers: docs/rules.md is committed, and must not go stale whenever a line moves."""
    import inspect

    from doclint.checks import check_for

    meta = pack.rules[code]
    fn = check_for(code)
    check = None
    if fn is not None:
        source = inspect.getsourcefile(fn)
        check = f"{_relative(source)}::{fn.__name__}" if source else fn.__name__
    data = _relative(meta.source) if meta.source else None
    tests = _tests_naming(code)
    if not meta.example_note:
        tests = [f"tests/test_rule_examples.py::{code}", *tests]
    return {"check": check, "data": data, "tests": tests}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_markdown(pack: RulePack) -> str:
    """``docs/rules.md``: one row per rule, generated (``doclint rules --format md > docs/rules.md``)."""
    lines = [
        "# Quy tắc của doclint / doclint rules",
        "",
        "<!-- Tệp này được sinh tự động: doclint rules --format md > docs/rules.md"
        " (tests/test_rule_units.py báo khi tệp cũ). Generated file: do not edit. -->",
        "",
        "Mỗi dòng là một quy tắc: mã, nội dung, mức độ, giai đoạn (stable: ổn định; preview: thử nghiệm),"
        " tùy chọn và giá trị mặc định, căn cứ pháp lý, nơi đặt hàm kiểm tra, siêu dữ liệu và các kiểm thử"
        " nhắc đến mã. Trang đầy đủ: `doclint explain MÃ`.",
        "",
    ]
    for family in sorted({m.family for m in pack.rules.values()}, key=_family_order):
        fam = pack.families.get(family)
        title = f"{fam.title_vi} / {fam.title_en}" if fam else family
        lines += [f"## {family} — {title}", ""]
        lines += [
            "| Mã | Nội dung | Mức độ | Giai đoạn | Tùy chọn (mặc định) | Căn cứ | Hàm kiểm tra | Dữ liệu | Kiểm thử |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for m in sorted((m for m in pack.rules.values() if m.family == family), key=lambda m: m.code):
            where = where_it_lives(m.code, pack)
            options = "<br>".join(
                f"`{name} = {show_value(spec.default)}`" for name, spec in pack.options_for(m.code).items()
            )
            severity = m.severity + (f" (draft: {m.draft_severity})" if m.draft_severity else "")
            check = f"`{where['check']}`" if where["check"] else "(loader / engine)"
            tests = "<br>".join(f"`{t}`" for t in where["tests"]) or "—"
            lines.append(
                f"| {m.code} | {_cell(m.title_vi)} | {severity} | {m.maturity} | {options or '—'} | "
                f"{_cell(m.basis)} | {check} | `{where['data']}` | {tests} |"
            )
        lines.append("")
    return "\n".join(lines)


def _family_order(family: str) -> int:
    from doclint.checks import FAMILY_MODULES

    key = family.lower()
    return FAMILY_MODULES.index(key) if key in FAMILY_MODULES else len(FAMILY_MODULES)
