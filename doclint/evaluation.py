"""Measuring recognition against the corpus MANIFEST.tsv (used by the corpus tests and benchmarks).

The manifest's columns are heuristic guesses, not ground truth: a number the manifest could not find
but doclint did is listed, not counted against either.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

MANIFEST_FORMATS = ("docx", "txt", "pdf")

TYPE_GUESS = [
    ("Công văn", "CV"), ("Kế hoạch", "KH"), ("Quyết định", "QĐ"), ("Tờ trình", "TTr"), ("Báo cáo", "BC"),
    ("Thông báo", "TB"), ("Hướng dẫn", "HD"), ("Thông tư liên tịch", "TTLT"), ("Thông tư", "TT"),
    ("Nghị định", "NĐ"), ("Nghị quyết", "NQ"), ("Công điện", "CĐ"), ("Giấy mời", "GM"), ("Bộ luật", "BLUAT"),
    ("Hiến pháp", "HP"), ("Văn bản hợp nhất", "VBHN"), ("Phiếu trình", "KHAC"),
]  # fmt: skip
# documents that are complete issued texts: they carry a date, a signature and a Nơi nhận
FULL_TYPES = {"CV", "KH", "QĐ", "TTr", "BC", "TB", "HD", "TT", "TTLT", "NĐ", "NQ", "CĐ", "GM"}


def load_manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def expected_type(guess: str) -> str | None:
    for prefix, code in TYPE_GUESS:
        if guess.startswith(prefix):
            return code
    return None


def normalise_number(text: str) -> str:
    text = re.sub(r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết)\s+)?[Ss]ố\s*[:.]?", "", text.strip())
    return re.sub(r"\s+", "", text)


def number_matches(found: str, expected: str) -> bool:
    if found == expected:
        return True
    # a draft's "/2025/TT-BTC": the manifest's guess drops the year
    if re.sub(r"^/(19|20)\d{2}/", "/", found) == expected:
        return True
    # the manifest's guess stops at "&" or after a trailing "-": "963/SNV-CCHC" for "963/SNV-CCHC&VTLT"
    return (
        bool(expected)
        and found.startswith(expected)
        and (expected.endswith("-") or found[len(expected)] == "&")
    )


def untrusted(result: object) -> str | None:
    """Why a file's text cannot be measured at all: "scan" (a PDF with no text layer: DOC002) or the
    verdict on a PDF text layer that cannot be trusted ("ocr", "broken"); None for the others."""
    error = getattr(result, "error", None)
    if error is not None and error.code == "DOC002":
        return "scan"
    doc = getattr(result, "document", None)
    layer = doc.facts.text_layer if doc is not None else None
    return layer if layer in ("ocr", "broken") else None


def split_untrusted(results: list[tuple[dict[str, str], object]]):
    """(results with a readable text layer, [(file, why) for scans and untrusted layers])."""
    keep, left = [], []
    for row, result in results:
        why = untrusted(result)
        if why is None:
            keep.append((row, result))
        else:
            left.append((row["local_file"], why))
    return keep, left


def score_recognition(results: list[tuple[dict[str, str], object]]) -> dict[str, tuple[int, int, list[str]]]:
    """name -> (hits, total, misses) for number, type, date, signature, recipients."""
    scores: dict[str, list] = {k: [0, 0, []] for k in ("so_ky_hieu", "doc_type", "place_date", "signature",
                                                        "recipients")}  # fmt: skip
    for row, result in results:
        name = row["local_file"]
        rec = getattr(result, "recognition", None)
        if rec is None:
            for key in scores:
                if key == "so_ky_hieu" and not row["so_ky_hieu_detected"]:
                    continue
                scores[key][1] += 1
                scores[key][2].append(f"{name}: unreadable")
            continue
        expected_number = row["so_ky_hieu_detected"].replace(" ", "")
        if expected_number.startswith("("):
            expected_number = ""  # a note, not a number: "(none)", "(number field holds '01/06/2020')"
        found = normalise_number(rec.number.text) if rec.number else ""
        if expected_number:
            scores["so_ky_hieu"][1] += 1
            if number_matches(found, expected_number):
                scores["so_ky_hieu"][0] += 1
            else:
                scores["so_ky_hieu"][2].append(f"{name}: found {found!r}, manifest {expected_number!r}")
        code = expected_type(row["doc_type_guess"])
        if code:
            scores["doc_type"][1] += 1
            if rec.doc_type == code:
                scores["doc_type"][0] += 1
            else:
                scores["doc_type"][2].append(f"{name}: found {rec.doc_type!r}, manifest {code!r}")
        if code in FULL_TYPES:
            no_recipients = 'no "Nơi nhận"' in row["notes"] or 'no ""Nơi nhận""' in row["notes"]
            # an issued PDF whose signature is a picture has no signature text to find
            no_signature = "no signature text" in row["status_guess"] + row["notes"]
            checks = {"place_date": rec.place_date is not None}
            if not no_signature:
                checks["signature"] = rec.signature is not None
            if not no_recipients:
                checks["recipients"] = rec.recipients_label is not None
            for key, ok in checks.items():
                scores[key][1] += 1
                if ok:
                    scores[key][0] += 1
                else:
                    scores[key][2].append(f"{name}: {key} not found")
    return {k: (v[0], v[1], v[2]) for k, v in scores.items()}
