"""PDF engines side by side: PDFium (the default) against pdfplumber (the reference) on every corpus PDF.

    .venv/bin/python benchmarks/pdf_engines.py [--corpus ../shared/corpus] [FILES...] [--json OUT]

For each file both engines run the whole check; what recognition found (family, type, the
components' text with spaces ignored, the signature, whether there is a Nơi nhận and how many
recipients) and the findings (code and severity, counted) are compared, and every difference is
printed. ``tests/test_pdf_engines.py`` runs the same comparison and holds each difference to a reason
listed in ``tests/data/pdf_engine_differences.tsv``.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from doclint.config import Config
from doclint.engine import FileResult, lint_path

COMPONENTS = (
    "quoc_hieu", "tieu_ngu", "issuer", "number", "place_date", "doc_type_name", "trich_yeu", "kinh_gui",
)  # fmt: skip
ENGINES = ("pdfplumber", "pdfium")


def _norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


def summary(result: FileResult) -> dict[str, object]:
    """What a user sees of one check, in a form two engines can be compared on."""
    if result.error is not None:
        return {"error": result.error.code}
    rec = result.recognition
    doc = result.document
    out: dict[str, object] = {
        "error": None,
        "family": result.family,
        "doc_type": result.doc_type,
        "text_layer": doc.facts.text_layer if doc is not None else None,
    }
    if rec is not None:
        for name in COMPONENTS:
            comp = getattr(rec, name)
            out[name] = _norm(comp.text) if comp is not None else None
        sig = rec.signature
        out["signature"] = _norm(sig.text) if sig is not None else None
        out["recipients_label"] = rec.recipients_label is not None
        out["recipients"] = len(rec.recipients)
    counts = collections.Counter(f"{f.code}:{f.severity}" for f in result.findings)
    out["findings"] = dict(sorted(counts.items()))
    return out


def check(path: Path, engine: str) -> dict[str, object]:
    config = Config(options=(("pdf-engine", engine),))
    return summary(lint_path(path, config, keep_document=True))


def differences(a: dict[str, object], b: dict[str, object]) -> list[tuple[str, object, object]]:
    """(field, reference value, PDFium value) for every field that differs; findings per code."""
    out: list[tuple[str, object, object]] = []
    for key in sorted(set(a) | set(b)):
        if key == "findings":
            fa = a.get("findings") or {}
            fb = b.get("findings") or {}
            for code in sorted(set(fa) | set(fb)):  # type: ignore[arg-type]
                if fa.get(code, 0) != fb.get(code, 0):  # type: ignore[union-attr]
                    out.append((f"finding {code}", fa.get(code, 0), fb.get(code, 0)))  # type: ignore[union-attr]
        elif a.get(key) != b.get(key):
            out.append((key, a.get(key), b.get(key)))
    return out


def compare(files: list[Path]) -> dict[str, dict[str, object]]:
    report: dict[str, dict[str, object]] = {}
    for path in files:
        runs = {engine: check(path, engine) for engine in ENGINES}
        report[path.name] = {
            "runs": runs,
            "differences": differences(runs["pdfplumber"], runs["pdfium"]),
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    )
    parser.add_argument("--json", help="write the full comparison here")
    args = parser.parse_args()
    files = [Path(f) for f in args.files] or sorted((Path(args.corpus) / "pdf").glob("*.pdf"))
    report = compare(files)
    same = 0
    for name, item in report.items():
        diffs = item["differences"]
        if not diffs:
            same += 1
            continue
        print(name)
        for field, ref, ours in diffs:  # type: ignore[misc]
            print(f"    {field}: pdfplumber {ref!r}  pdfium {ours!r}")
    print(f"\n{same} of {len(report)} files identical in recognition and findings")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
