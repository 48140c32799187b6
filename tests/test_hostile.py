"""Broken and hostile inputs: each gives DOC001 quickly, and the batch goes on (exit status 2)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import cpu_bounded

from doclint.errors import LoadError
from doclint.load import load

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "samples" / "cong-van-hop-le.docx"


def zip_bomb(path: Path, inflated_mb: int = 1024) -> Path:
    """A DOCX whose document.xml inflates to ``inflated_mb`` MB (written in chunks, ~1 MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"<w:t>" + b"A" * (1024 * 1024 - 10) + b"</w:t>"
            for _ in range(inflated_mb):
                fh.write(chunk)
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return zip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.docx")


def test_zip_bomb_refused_fast(bomb: Path) -> None:
    assert bomb.stat().st_size < 5 * 1024 * 1024
    with cpu_bounded(2), pytest.raises(LoadError) as err:  # refused before inflating anything
        load(bomb)
    assert err.value.code == "DOC001"
    assert "bom nén" in err.value.vi


def test_truncated_docx(tmp_path: Path) -> None:
    data = GOOD.read_bytes()
    broken = tmp_path / "cut.docx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError) as err:
        load(broken)
    assert err.value.code == "DOC001"


def test_png_renamed_docx(tmp_path: Path) -> None:
    png = tmp_path / "anh.docx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    with pytest.raises(LoadError) as err:
        load(png)
    assert err.value.code == "DOC001" and "DOCX" in err.value.vi


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    with pytest.raises(LoadError) as err:
        load(empty)
    assert err.value.code == "DOC001" and "rỗng" in err.value.vi


def test_entity_expansion_refused(tmp_path: Path) -> None:
    evil = tmp_path / "laughs.docx"
    xml = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    with pytest.raises(LoadError) as err:
        load(evil)
    assert err.value.code == "DOC001"


def test_missing_main_part(tmp_path: Path) -> None:
    path = tmp_path / "no-body.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC001"


def test_malformed_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO(GOOD.read_bytes())
    path = tmp_path / "bad-xml.docx"
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 3]
            dst.writestr(item, data)
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.code == "DOC001" and "XML" in err.value.vi


def test_batch_goes_on_with_exit_status_2(run_cli, tmp_path: Path, bomb: Path) -> None:
    folder = tmp_path / "lo"
    folder.mkdir()
    (folder / "a-bomb.docx").write_bytes(bomb.read_bytes())
    (folder / "b-empty.docx").write_bytes(b"")
    (folder / "c-png.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "d-good.docx").write_bytes(GOOD.read_bytes())
    out = tmp_path / "r.json"
    with cpu_bounded(40):
        code, _ = run_cli("check", folder, "--format", "json", "--output", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert code == 2
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert [by_name[n]["error"]["code"] for n in ("a-bomb.docx", "b-empty.docx", "c-png.docx")] == [
        "DOC001"
    ] * 3
    assert by_name["d-good.docx"]["error"] is None
    assert data["summary"]["unreadable"] == 3


def test_input_never_modified(tmp_path: Path, run_cli) -> None:
    import hashlib

    copy = tmp_path / "x.docx"
    copy.write_bytes(GOOD.read_bytes())
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    mtime = copy.stat().st_mtime_ns
    run_cli("check", copy, "--format", "json", "--output", tmp_path / "o.json")
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    assert copy.stat().st_mtime_ns == mtime
