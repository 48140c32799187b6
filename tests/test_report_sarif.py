"""SARIF 2.1.0: valid against the vendored schema, for one document and for a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reportkit as kit

from doclint.engine import FileResult
from doclint.errors import LoadError
from doclint.report import sarif

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extras")
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
needs_seed = pytest.mark.skipif(kit.seed_text_path() is None, reason="seed plan not found (shared/seeds)")


def validate(doc: dict) -> None:
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls(SCHEMA).validate(doc)


@needs_seed
def test_seed_sarif_valid_and_mapped():
    result = kit.result_for(kit.seed_text_path())
    text = sarif.render([result], kit.config(), "vi", None)
    doc = json.loads(text)
    validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"HDR001", "TXT010", "NUM004"} <= set(rules)
    assert "NĐ 30/2020/NĐ-CP" in rules["TXT010"]["help"]["text"]
    assert rules["CAP002"]["defaultConfiguration"]["level"] == "note"
    assert len(run["results"]) == len(result.findings)
    by_code = {}
    for r in run["results"]:
        by_code.setdefault(r["ruleId"], r)
    misspelt = next(f for f in result.findings if f.code == "TXT010")
    region = by_code["TXT010"]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == misspelt.location.block + 1
    assert region["startColumn"] == misspelt.location.start + 1
    assert region["endColumn"] == misspelt.location.end + 1
    assert region["snippet"]["text"] == misspelt.excerpt
    assert "region" not in by_code["HDR001"]["locations"][0]["physicalLocation"]
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


@needs_seed
def test_folder_sarif_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed = kit.result_for(kit.seed_text_path())
    broken = FileResult(path=str(tmp_path / "văn bản hỏng.docx"), format="docx",
                        error=LoadError("DOC001", "Tệp DOCX bị hỏng.", "Broken DOCX."))  # fmt: skip
    xss = kit.xss_result(tmp_path)
    doc = sarif.build([seed, broken, xss], kit.config(), "en", base=tmp_path)
    validate(doc)
    run = doc["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert "v%C4%83n%20b%E1%BA%A3n%20h%E1%BB%8Fng.docx" in uris and "xss.txt" in uris
    assert any(r["ruleId"] == "DOC001" and r["level"] == "error" for r in run["results"])
    assert len(run["results"]) == len(seed.findings) + 1 + len(xss.findings)
    # the whole thing survives a JSON round trip with non-ASCII intact
    assert "Tệp DOCX bị hỏng." not in json.dumps(doc, ensure_ascii=False)  # English run
    assert "Broken DOCX." in json.dumps(doc, ensure_ascii=False)
