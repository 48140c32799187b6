"""The rule engine: select rules, run checks, isolate crashes, apply stage and severity overrides.

``lint_path`` is the whole path for one file (load → recognise → checks) and never raises for a
bad input: an unreadable file becomes a result with ``error`` set.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from doclint.checks import load_all
from doclint.config import Config
from doclint.context import Context
from doclint.errors import LoadError
from doclint.findings import Finding, Location
from doclint.model import Document
from doclint.recognise import recognise
from doclint.recognise.lines import split_lines
from doclint.results import FileResult
from doclint.rulepack import RuleMeta, RulePack, load_pack

# what a PDF text layer judged untrustworthy still supports (see doclint.load.pdf_quality): nothing a
# rule reads, so only the rules that need none (the text-layer finding itself) run on it
LAYER_SUPPORTS: dict[str, frozenset[str]] = {"broken": frozenset(), "ocr": frozenset()}


def applicable(meta: RuleMeta, ctx: Context) -> bool:
    if ctx.stage not in meta.stages:
        return False
    if meta.maturity == "preview" and not ctx.config.runs_preview(meta.code):
        return False
    if meta.formats and ctx.doc.format not in meta.formats:
        return False
    supported = LAYER_SUPPORTS.get(ctx.doc.facts.text_layer or "")
    if supported is not None and not supported.issuperset(meta.needs):
        return False
    return not (meta.nd30_only and ctx.rec.family != "administrative")


def resolve_severity(meta: RuleMeta, finding: Finding, config: Config) -> str:
    override = config.severity_for(finding.code)
    if override:
        return override
    if config.stage in meta.stage_severity:
        return meta.stage_severity[config.stage]
    if config.stage == "draft" and meta.draft_severity:
        return meta.draft_severity
    return finding.severity or meta.severity


def run_checks(ctx: Context) -> list[Finding]:
    pack, config = ctx.pack, ctx.config
    findings: list[Finding] = []
    for code, fn in load_all():
        meta = pack.rules.get(code)
        if meta is None or not config.is_selected(code, ctx.doc.path) or not applicable(meta, ctx):
            continue
        try:
            produced = [f for f in fn(ctx) if f.code == code]
        except MemoryError:  # the worker's memory budget: the whole file gets DOC007
            raise
        except Exception as exc:  # a crashing check must not take the others down
            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(
                Finding(
                    code="DOC005",
                    vi=f"Lỗi nội bộ khi chạy quy tắc {code}: {exc!r} "
                    f"({Path(where.filename).name}:{where.lineno}). Các quy tắc khác vẫn được chạy.",
                    en=f"Internal error in rule {code}: {exc!r} "
                    f"({Path(where.filename).name}:{where.lineno}). The other rules still ran.",
                )
            )
            continue
        findings.extend(produced)
    # a document DOC003 sets aside (normative, Party, other) keeps only information from the general rules:
    # doclint has no authority on its format, so nothing but DOC003 is a warning there (issue 12)
    set_aside = (
        ctx.rec.family != "administrative"
        and "demote-non-administrative" in pack.options
        and bool(ctx.option("demote-non-administrative"))
    )
    for finding in findings:
        meta = pack.rules.get(finding.code)
        if meta is None:
            finding.severity = finding.severity or "error"
            continue
        finding.severity = resolve_severity(meta, finding, config)
        if set_aside and meta.family != "DOC" and not config.severity_for(finding.code):
            finding.severity = "info"
        finding.name = meta.name
        finding.basis = finding.basis or meta.basis
        finding.family = meta.family
        if finding.fix is not None and meta.fix != "safe":  # the TOML's word is the ceiling (see doclint.fix)
            finding.fix = None if meta.fix == "none" else finding.fix
            if finding.fix is not None:
                finding.fix.applicability = "unsafe"
        if finding.location.page is None and finding.location.block is not None:
            blocks = ctx.doc.blocks
            if 0 <= finding.location.block < len(blocks):
                finding.location.page = blocks[finding.location.block].page
    findings.sort(key=_sort_key)
    return findings


def _sort_key(f: Finding) -> tuple:
    loc = f.location
    return (
        loc.block if loc.block is not None else -1,
        loc.start if loc.start is not None else -1,
        f.code,
        f.vi,
    )


def lint_document(doc: Document, config: Config, pack: RulePack | None = None) -> FileResult:
    pack = pack or load_pack(config.packs)
    lines = split_lines(doc)
    rec = recognise(doc, pack, lines)
    if config.stage != "draft" and rec.family == "administrative" and not rec.has_any_part():
        # a draft with only its body must hear that every part is missing; a text submitted for signing or
        # issued without a single one of them (an agenda, a table, a note) is not an administrative document
        rec.family = "other"
        rec.notes.append("không có thành phần thể thức nào của văn bản hành chính")
    ctx = Context(doc=doc, rec=rec, config=config, pack=pack)
    ctx.cached("lines", lambda _: lines)  # the lines recognition read: the analyses need them too
    findings = run_checks(ctx)
    from doclint import places, suppress

    places.describe(findings, doc, rec)
    findings, suppressed = suppress.split(findings, doc)
    return FileResult(
        path=doc.path,
        format=doc.format,
        family=rec.family,
        doc_type=rec.doc_type,
        stage=config.stage,
        findings=findings,
        issuer=places.issuer_name(rec),
        suppressed=suppressed,
        document=doc,
        recognition=rec,
    )


def lint_path(path: str | Path, config: Config, keep_document: bool = False) -> FileResult:
    from doclint.load import load  # imported here: loaders pull in lxml, pdfplumber...

    path = str(path)
    try:
        doc = load(path, pdf_engine=config.option("pdf-engine"))
    except LoadError as err:
        fmt = Path(path).suffix.lower().lstrip(".") or None
        return FileResult(path=path, format=fmt, stage=config.stage, error=err)
    result = lint_document(doc, config)
    if not keep_document:
        result.document = None
    return result


def unreadable_finding(err: LoadError) -> Finding:
    return Finding(code=err.code, vi=err.vi, en=err.en, location=Location(), severity="error")
