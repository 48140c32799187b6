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

from doclint.analysis.sections import skeletons

if TYPE_CHECKING:
    from doclint.rulepack import OptionSpec, RulePack

PLACEHOLDER = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)+)\}")

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


def skeletons_page(code: str, pack, lang: str = "vi") -> str:
    vi = lang != "en"
    pack = _with_config_packs(pack)
    out = ["Khung bố cục theo loại văn bản:" if vi else "Section skeletons per document type:"]
    for skel in skeletons(pack).values():
        name = skel.name_vi if vi else skel.name_en
        types = ", ".join(skel.types)
        head = f"\n■ {name} [{skel.key}] — {'loại' if vi else 'types'}: {types}"
        if skel.titles:
            head += f"; {'khi trích yếu có' if vi else 'when the summary contains'}: " + ", ".join(
                f"“{t}”" for t in skel.titles
            )
        if not skel.enabled:
            head += " (tắt)" if vi else " (disabled)"
        out.append(head)
        out.append(f"  {'Căn cứ' if vi else 'Basis'}: {skel.source}")
        out.append(f"  {'Nguồn' if vi else 'From'}: {', '.join(skel.origin)}")
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
            line = f"  - [{severity}] {label} ({where})"
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
                out.append(f"      {'nguồn' if vi else 'from'}: {', '.join(spec.origin)}")
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


def page(code: str, pack: RulePack, lang: str = "vi") -> str:
    meta = pack.rules[code]
    options = pack.options_for(code)
    vi = lang != "en"
    title = meta.title_vi if vi else meta.title_en
    lines = [
        f"{meta.code} ({meta.name}) — {title}",
        "",
        f"{'Nhóm' if vi else 'Family'}: {meta.family}    {'Mức độ' if vi else 'Severity'}: {meta.severity}"
        + (f" ({'dự thảo' if vi else 'draft'}: {meta.draft_severity})" if meta.draft_severity else ""),
        f"{'Căn cứ' if vi else 'Legal basis'}: {meta.basis}",
        "",
        f"{'Vì sao' if vi else 'Why'}: {render(meta.why, options)}",
    ]
    if meta.doc:
        lines += ["", render(meta.doc, options)]
    if meta.example_bad:
        lines += ["", f"✘ {'Sai' if vi else 'Bad'}:  {meta.example_bad}"]
    if meta.example_good:
        lines += [f"✔ {'Đúng' if vi else 'Good'}: {meta.example_good}"]
    if options:
        lines += ["", "Tùy chọn (doclint.toml):" if vi else "Options (doclint.toml):"]
        for name, spec in options.items():
            doc = spec.doc if vi else (spec.doc_en or spec.doc)
            default = f"{'mặc định' if vi else 'default'} {show_value(spec.default)}"
            lines.append(f"  {name} = …  ({default}) — {doc}")
    fixes = {"safe": "tự sửa an toàn (doclint fix)", "unsafe": "có gợi ý sửa, cần người kiểm tra (doclint fix --unsafe)",
             "none": "sửa thủ công"}  # fmt: skip
    if not vi:
        fixes = {"safe": "safe, automatic (doclint fix)", "unsafe": "suggested, to confirm (doclint fix --unsafe)",
                 "none": "by hand"}  # fmt: skip
    lines += ["", f"{'Cách sửa' if vi else 'Fix'}: {fixes.get(meta.fix, meta.fix)}"]
    extra = EXTRA_PAGES.get(code)
    if extra is not None:
        lines += ["", extra(code, pack, lang)]
    return "\n".join(lines)
