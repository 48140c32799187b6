"""``doclint explain SEC001`` (and SEC002/SEC003): the skeleton of each document type and where it
comes from (the built-in pack or a user pack named in doclint.toml)."""

from __future__ import annotations

from pathlib import Path

from doclint.analysis.sections import skeletons

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


def explain(code: str, pack, lang: str = "vi") -> str:
    if code not in ("SEC001", "SEC002", "SEC003"):
        return ""
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
