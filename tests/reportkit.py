"""Shared fixtures for the report tests: the seed plan with synthetic findings at exact places.

The findings are made here (not by the rule checks) so that the report tests do not depend on which
rules exist yet: every finding points at a known stretch of text, which the tests then look for in
the HTML, the SARIF and the Word comments.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from doclint.config import Config
from doclint.engine import FileResult
from doclint.findings import Finding, Location
from doclint.model import Document
from doclint.rulepack import load_pack

HERE = Path(__file__).resolve().parent
PACK = HERE / "data" / "pack"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(2)>'


def shared_dir() -> Path | None:
    """``shared/`` found by walking up from this file (works in /work/main and in worktrees)."""
    import os

    if os.environ.get("DOCLINT_SHARED"):
        return Path(os.environ["DOCLINT_SHARED"])
    for parent in HERE.parents:
        candidate = parent / "shared"
        if (candidate / "seeds").is_dir() or (candidate / "corpus").is_dir():
            return candidate
    return None


def seed_text_path() -> Path | None:
    repo_sample = HERE.parent / "samples"
    for candidate in sorted(repo_sample.glob("*.txt")) if repo_sample.is_dir() else []:
        if "ke-hoach" in candidate.name or "seed" in candidate.name:
            return candidate
    shared = shared_dir()
    if shared is None:
        return None
    seed = shared / "seeds" / "000_89dcc62694a11fe1.txt"
    return seed if seed.is_file() else None


def seed_docx_sample() -> Path | None:
    """The lead's DOCX of the seed plan in samples/, when it is there."""
    samples = HERE.parent / "samples"
    found = sorted(samples.glob("ke-hoach*.docx")) if samples.is_dir() else []
    return found[0] if found else None


def config() -> Config:
    return Config(packs=(str(PACK),))


# (code, regex, group, message vi, message en, suggestion, component)
PATTERNS: list[tuple[str, str, str, str, str | None, str | None]] = [
    ("NUM004", r"Số: /KH-UBND", "Số văn bản còn để trống.", "The number is blank.", None, "number"),
    ("DATE002", r"ngày tháng 5", "Chưa điền ngày ban hành.", "The day is blank.", None, "place_date"),
    ("TXT010", r"chuyên đổi số", "Sai chính tả: “chuyên đổi số”.", "Misspelt: “chuyên đổi số”.",
     "chuyển đổi số", "body"),
    ("TXT010", r"chông chéo", "Sai chính tả: “chông chéo”.", "Misspelt: “chông chéo”.", "chồng chéo", "body"),
    ("TXT010", r"Phân đầu", "Sai chính tả: “Phân đầu”.", "Misspelt: “Phân đầu”.", "Phấn đầu", "body"),
    ("RED001", r"Các Các", "Từ “Các” bị lặp.", "The word “Các” is repeated.", "Các", "body"),
    ("CAP002", r"hành chính Nhà nước", "“nhà nước” không viết hoa ở đây.", "“nhà nước” is not capitalised here.",
     "hành chính nhà nước", "body"),
    ("CIT003", r"Kết luận 226-KL/TW", "Thiếu chữ “số” trước số hiệu văn bản.", "“số” missing before the number.",
     "Kết luận số 226-KL/TW", "body"),
]  # fmt: skip


def seed_findings(doc: Document) -> list[Finding]:
    out: list[Finding] = [
        Finding(
            "HDR001",
            "Không tìm thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” và Tiêu ngữ.",
            "National title and motto not found.",
            location=Location(component="quoc_hieu"),
        )
    ]
    for code, pattern, vi, en, suggestion, component in PATTERNS:
        for block in doc.blocks:
            for m in re.finditer(pattern, block.text):
                out.append(
                    Finding(
                        code,
                        vi,
                        en,
                        location=Location(
                            block=block.index,
                            start=m.start(),
                            end=m.end(),
                            page=block.page,
                            component=component,
                        ),
                        excerpt=m.group(0),
                        suggestion=suggestion,
                    )
                )
    if doc.format == "docx":
        out.append(
            Finding(
                "FMT001",
                "Lề trái 20 mm, quy định 30-35 mm.",
                "Left margin 20 mm, must be 30-35 mm.",
                location=Location(block=None, component="layout"),
                suggestion="30 mm",
            )
        )
    return out


def finish(findings: list[Finding], cfg: Config) -> list[Finding]:
    """What the engine does after the checks: severity, name, basis, family from the pack."""
    pack = load_pack(cfg.packs)
    for f in findings:
        meta = pack.rules[f.code]
        f.severity = f.severity or (
            meta.draft_severity if cfg.stage == "draft" and meta.draft_severity else meta.severity
        )
        f.name, f.basis, f.family = meta.name, f.basis or meta.basis, meta.family
    findings.sort(
        key=lambda f: (
            f.location.block if f.location.block is not None else -1,
            f.location.start or -1,
            f.code,
        )
    )
    return findings


def result_for(path: Path, cfg: Config | None = None, extra: list[Finding] | None = None) -> FileResult:
    from doclint.load import load

    cfg = cfg or config()
    doc = load(path)
    findings = finish(seed_findings(doc) + list(extra or []), cfg)
    return FileResult(
        path=str(path),
        format=doc.format,
        family="administrative",
        doc_type="KH",
        stage=cfg.stage,
        findings=findings,
        document=doc,
        recognition=fake_recognition(doc),
    )


def fake_recognition(doc: Document):
    """Enough of a Recognition for the checklist (the real recogniser lands on main separately)."""
    from doclint.recognise.components import Component, Recognition, Signature

    rec = Recognition(family="administrative", doc_type="KH")

    def find(pattern: str) -> Component | None:
        for b in doc.blocks:
            m = re.search(pattern, b.text)
            if m:
                return Component(text=m.group(0), block=b.index, start=m.start(), end=m.end())
        return None

    rec.number = find(r"^Số:.*")
    rec.place_date = find(r"^.*ngày.*tháng.*năm \d{4}$")
    rec.doc_type_name = find(r"^KẾ HOẠCH$")
    rec.trich_yeu = find(r"^Triển khai thực hiện Quyết định.*")
    label = find(r"^Nơi nhận:")
    rec.recipients_label = label
    if label:
        rec.recipients = [
            Component(text=b.text, block=b.index)
            for b in doc.blocks[label.block + 1 :]
            if b.text.startswith("-")
        ]
    name = find(r"^Trần Duy Năng$")
    title = find(r"CHỦ TỊCH")
    if name or title:
        rec.signature = Signature(title=title, name=name)
    return rec


def xss_result(tmp: Path, cfg: Config | None = None) -> FileResult:
    """A document whose text carries script and attribute-breaking payloads, with findings on them."""
    cfg = cfg or config()
    text = (
        f"Số: /KH-UBND\n\nNội dung có {XSS_SCRIPT} ở giữa câu.\n\nThuộc tính {XSS_IMG} và Các Các cơ quan.\n"
    )
    path = tmp / "xss.txt"
    path.write_text(text, encoding="utf-8")
    from doclint.load import load

    doc = load(path)
    findings = seed_findings(doc)
    for b in doc.blocks:
        for payload in (XSS_SCRIPT, XSS_IMG):
            i = b.text.find(payload)
            if i >= 0:
                findings.append(
                    Finding(
                        "TXT010",
                        f"Lạ: {payload}",
                        f"Odd: {payload}",
                        location=Location(block=b.index, start=i, end=i + len(payload), component="body"),
                        excerpt=payload,
                        suggestion=payload,
                    )
                )
    findings = finish(findings, cfg)
    return FileResult(
        path=str(path),
        format="txt",
        family="administrative",
        doc_type="KH",
        stage=cfg.stage,
        findings=findings,
        document=doc,
        recognition=replace(fake_recognition(doc)),
    )


def make_seed_docx(path: Path, text_path: Path | None = None) -> Path:
    """A DOCX of the seed plan the way drafts are made: a borderless two-column header table (issuer |
    Quốc hiệu, number | place and date), then the body, each paragraph cut into several runs with
    different formatting so that annotation has to split runs."""
    import docx
    from docx.shared import Mm, Pt

    text_path = text_path or seed_text_path()
    lines = [ln.strip().replace("**", "") for ln in text_path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    document = docx.Document()
    section = document.sections[0]
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ LIÊN MINH"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header_lines = [ln for ln in lines if ln.startswith("Số:") or ", ngày" in ln][:2]
    table.cell(1, 0).text = header_lines[0] if header_lines else "Số: /KH-UBND"
    table.cell(1, 1).text = header_lines[1] if len(header_lines) > 1 else ""
    for line in lines:
        if line in header_lines:
            continue
        paragraph = document.add_paragraph()
        words = line.split(" ")
        for i in range(0, len(words), 3):
            chunk = " ".join(words[i : i + 3]) + (" " if i + 3 < len(words) else "")
            run = paragraph.add_run(chunk)
            run.italic = (i // 3) % 4 == 1
            run.bold = (i // 3) % 5 == 2
    document.save(str(path))
    return path


SAMPLES = HERE.parent / "samples"
UNITS = ["ỦY BAN NHÂN DÂN XÃ LIÊN MINH", "ỦY BAN NHÂN DÂN XÃ ĐẠ HUOAI", "SỞ NỘI VỤ TỈNH LÂM ĐỒNG",
         "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "ỦY BAN NHÂN DÂN PHƯỜNG 3", None]  # fmt: skip


def folder_results(n: int = 200, keep_document: bool = True) -> list[FileResult]:
    """A folder of ``n`` documents for the report tests, made from the samples checked once by the real
    engine: each copy gets its own path (``don-vi-K/van-ban-NNN.docx``) and issuing unit; every 37th is
    unreadable. No corpus file is copied anywhere."""
    import copy

    from doclint.engine import lint_path
    from doclint.errors import LoadError

    cfg = Config()
    base = [lint_path(p, cfg, keep_document=keep_document) for p in sorted(SAMPLES.glob("*.docx"))]
    out: list[FileResult] = []
    for i in range(n):
        src = base[i % len(base)]
        unit = UNITS[i % len(UNITS)]
        path = str(SAMPLES / f"don-vi-{i % 7}" / f"van-ban-{i + 1:03}.docx")
        if i % 37 == 36:
            out.append(FileResult(path=path, format="docx", stage=cfg.stage,
                                  error=LoadError("DOC001", "Tệp DOCX bị hỏng.", "Broken DOCX.")))  # fmt: skip
            continue
        result = replace(src, path=path, issuer=unit, findings=copy.deepcopy(src.findings))
        out.append(result)
    return out
