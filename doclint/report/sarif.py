"""SARIF 2.1.0 output (``--format sarif``) for CI systems and code-scanning dashboards.

Mapping decisions:

* ``tool.driver.rules`` holds **every** rule of the configured packs (id, name, short/full
  description, help text with the legal basis, default level), not only those that fired, so that a
  dashboard can show the rule of any later result. ``info`` maps to SARIF ``note``.
* A document has no lines, so a region uses the **paragraph**: ``startLine`` is the block index + 1
  (the same "đoạn N" the text and HTML reports show), ``startColumn``/``endColumn`` are the finding's
  start/end offsets in that paragraph's text + 1, counted in Unicode code points
  (``run.columnKind = "unicodeCodePoints"``). ``region.snippet`` holds the excerpt. The page (PDF,
  or a DOCX with explicit page breaks) is in ``result.properties.page`` together with the block.
  Findings with no paragraph (margins, fonts, a missing component) carry only the artifact.
* An unreadable file is a result of its DOC rule (level ``error``) and a tool execution notification.
* ``artifactLocation.uri`` is relative (to the working folder, ``uriBaseId`` ``SRCROOT``) and
  percent-encoded, so Vietnamese file names stay valid URIs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from doclint import __version__
from doclint.report import common

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str, base: Path) -> str:
    p = Path(path)
    try:
        rel = p.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        rel = p.resolve().as_posix() if p.is_absolute() else p.as_posix()
        if p.is_absolute():
            return p.resolve().as_uri()
    return quote(rel, safe="/")


def _rule_descriptor(meta: Any, lang: str) -> dict:
    title = meta.title_en if lang == "en" else meta.title_vi
    basis_word = "Legal basis" if lang == "en" else "Căn cứ"
    why_word = "Why" if lang == "en" else "Vì sao"
    bad_word, good_word = ("Wrong", "Right") if lang == "en" else ("Viết sai", "Viết đúng")
    full = " ".join(x for x in (meta.doc, meta.why) if x) or title
    lines = [title, f"{basis_word}: {meta.basis}"]
    md = [f"**{title}**", "", f"*{basis_word}:* {meta.basis}"]
    if meta.why:
        lines.append(f"{why_word}: {meta.why}")
        md += ["", f"*{why_word}:* {meta.why}"]
    if meta.example_bad:
        lines.append(f"{bad_word}: {meta.example_bad}")
        md += ["", f"{bad_word}: `{meta.example_bad}`"]
    if meta.example_good:
        lines.append(f"{good_word}: {meta.example_good}")
        md += ["", f"{good_word}: `{meta.example_good}`"]
    return {
        "id": meta.code,
        "name": meta.name or meta.code,
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": "\n".join(lines), "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": LEVEL.get(meta.severity, "warning")},
        "properties": {
            "family": meta.family,
            "basis": meta.basis,
            "fix": meta.fix,
            "tags": [meta.family, "nd30" if meta.nd30_only else "vietnamese"],
            "title_vi": meta.title_vi,
            "title_en": meta.title_en,
        },
    }


def _placeholder_descriptor(code: str, lang: str) -> dict:
    """A code with no metadata in the packs (DOC005 internal error, a load error code)."""
    text = "Vấn đề ở mức toàn văn bản" if lang != "en" else "Document-level problem"
    return {
        "id": code,
        "name": code.lower(),
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": "error"},
    }


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]


def build(results: list[Any], config: Any, lang: str = "vi", base: Path | None = None) -> dict:
    from doclint.rulepack import load_pack

    base = base or Path.cwd()
    try:
        pack_rules = load_pack(tuple(getattr(config, "packs", ()) or ())).rules
    except Exception:
        pack_rules = {}
    descriptors = [_rule_descriptor(meta, lang) for _code, meta in sorted(pack_rules.items())]
    index = {d["id"]: i for i, d in enumerate(descriptors)}

    def rule_index(code: str) -> int:
        if code not in index:
            index[code] = len(descriptors)
            descriptors.append(_placeholder_descriptor(code, lang))
        return index[code]

    artifacts: list[dict] = []
    sarif_results: list[dict] = []
    notifications: list[dict] = []
    for result in results:
        uri = artifact_uri(result.path, base)
        art_index = len(artifacts)
        artifacts.append({
            "location": {"uri": uri, "uriBaseId": "SRCROOT"},
            "roles": ["analysisTarget"],
            "properties": {"format": result.format, "family": result.family, "doc_type": result.doc_type,
                           "stage": result.stage, "status": common.status(result)},
        })  # fmt: skip
        art_loc = {"uri": uri, "uriBaseId": "SRCROOT", "index": art_index}
        if result.error is not None:
            message = result.error.message(lang)
            sarif_results.append({
                "ruleId": result.error.code,
                "ruleIndex": rule_index(result.error.code),
                "level": "error",
                "kind": "fail",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": art_loc}}],
                "partialFingerprints": {"doclint/v1": _fingerprint(result.error.code, uri)},
            })  # fmt: skip
            notifications.append({
                "level": "error",
                "message": {"text": f"{uri}: {message}"},
                "descriptor": {"id": result.error.code},
                "locations": [{"physicalLocation": {"artifactLocation": art_loc}}],
            })  # fmt: skip
            continue
        blocks = result.document.blocks if result.document is not None else None
        marked = [(f, False) for f in result.findings]
        marked += [(f, True) for f in getattr(result, "suppressed", None) or []]
        for f, is_suppressed in marked:
            sev = common.severity_of(f)
            loc = f.location
            physical: dict[str, Any] = {"artifactLocation": art_loc}
            if loc.block is not None:
                region: dict[str, Any] = {"startLine": loc.block + 1}
                if loc.start is not None:
                    region["startColumn"] = loc.start + 1
                    if loc.end is not None and loc.end > loc.start:
                        region["endLine"] = loc.block + 1
                        region["endColumn"] = loc.end + 1
                snippet = f.excerpt
                if snippet is None and blocks is not None and 0 <= loc.block < len(blocks):
                    text = blocks[loc.block].text
                    snippet = text[loc.start : loc.end] if loc.start is not None and loc.end else text
                if snippet:
                    region["snippet"] = {"text": snippet}
                physical["region"] = region
            properties: dict[str, Any] = {"family": common.family_of(f), "severity": sev}
            for key, value in (("page", loc.page), ("block", loc.block), ("component", loc.component),
                               ("paragraph", loc.block + 1 if loc.block is not None else None),
                               ("suggestion", f.suggestion), ("basis", f.basis)):  # fmt: skip
                if value is not None and value != "":
                    properties[key] = value
            entry: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": rule_index(f.code),
                "level": LEVEL[sev],
                "message": {"text": f.message(lang)},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {
                    "doclint/v1": _fingerprint(f.code, uri, loc.component, f.excerpt or f.message("vi"))
                },
                "properties": properties,
            }
            place = common.where(f, lang)
            if place:
                properties["place"] = place
            if is_suppressed:
                by = f.suppressed_by or {}
                entry["suppressions"] = [{
                    "kind": "inSource",
                    "justification": " — ".join(x for x in (by.get("author"), by.get("reason")) if x)
                    or "doclint: bỏ qua",
                }]  # fmt: skip
            meta = pack_rules.get(f.code)
            exact = (
                blocks is not None
                and loc.block is not None
                and loc.start is not None
                and loc.end is not None
                and 0 <= loc.block < len(blocks)
                and f.excerpt is not None
                and blocks[loc.block].text[loc.start : loc.end] == f.excerpt
            )
            if f.suggestion and exact and meta is not None and meta.fix == "safe":
                # only a safe fix whose span is exactly the excerpt becomes a SARIF fix
                entry["fixes"] = [{
                    "description": {"text": f.suggestion},
                    "artifactChanges": [{
                        "artifactLocation": art_loc,
                        "replacements": [{
                            "deletedRegion": {"startLine": loc.block + 1, "startColumn": loc.start + 1,
                                              "endLine": loc.block + 1, "endColumn": loc.end + 1},
                            "insertedContent": {"text": f.suggestion},
                        }],
                    }],
                }]  # fmt: skip
            sarif_results.append(entry)

    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "doclint",
                "semanticVersion": __version__,
                "version": __version__,
                "language": "en" if lang == "en" else "vi",
                "rules": descriptors,
            }},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "originalUriBaseIds": {"SRCROOT": {"uri": base.resolve().as_uri() + "/"}},
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }  # fmt: skip


def render_sarif(results: list[Any], options: Any) -> str:
    return (
        json.dumps(build(results, options.config, options.lang, Path.cwd()), ensure_ascii=False, indent=2)
        + "\n"
    )


def render(results: list[Any], config: Any, lang: str, output: Path | None) -> str:
    base = Path.cwd()
    return json.dumps(build(results, config, lang, base), ensure_ascii=False, indent=2) + "\n"
