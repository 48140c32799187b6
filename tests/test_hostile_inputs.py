"""More hostile and broken inputs (test_hostile.py has the zip bomb, truncated DOCX, PNG, empty file and
entity expansion). Each gives its DOC code and a clear message quickly, and the rest of a batch is
checked normally."""

from __future__ import annotations

import json
import os
import struct
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import cpu_bounded

from doclint.batch import BatchStats, check_paths, iter_files
from doclint.errors import LoadError
from doclint.load import guard, load

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "samples" / "cong-van-hop-le.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def with_document_xml(path: Path, xml: str) -> Path:
    """A copy of a good DOCX whose word/document.xml is replaced."""
    with zipfile.ZipFile(GOOD) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = xml.encode("utf-8")
            dst.writestr(item, data)
    return path


def external_entity_docx(path: Path, padding: int = 0) -> Path:
    xml = (
        '<?xml version="1.0"?>'
        + (f"<!--{'x' * padding}-->" if padding else "")
        + '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return with_document_xml(path, xml)


def many_parts_zip(path: Path, count: int = 100_000) -> Path:
    """A valid ZIP64 archive of ``count`` empty stored parts, written directly (zipfile would take
    seconds for this many entries)."""
    local, central = [], []
    offset = 0
    for i in range(count):
        name = f"word/p{i}.xml".encode()
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0) + name
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                0,
                0,
                0x21,
                0,
                0,
                0,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
        local.append(header)
        offset += len(header)
    cd = b"".join(central)
    cd_offset = offset
    zip64_offset = cd_offset + len(cd)
    end64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(cd), cd_offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, zip64_offset, 1)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, len(cd), cd_offset, 0)
    path.write_bytes(b"".join(local) + cd + end64 + locator + end)
    return path


def refused(path: Path, limit: float = 1.0) -> LoadError:
    with cpu_bounded(4 * limit), pytest.raises(LoadError) as err:  # CPU time, with a wide margin
        load(path)
    return err.value


@pytest.mark.parametrize("padding", [0, 5000])
def test_external_entity_refused(tmp_path: Path, padding: int) -> None:
    """An XXE DOCTYPE is refused, also when hidden after a long comment; nothing of the target leaks."""
    err = refused(external_entity_docx(tmp_path / "xxe.docx", padding))
    assert err.code == "DOC001" and "DTD/ENTITY" in err.vi and "DTD/ENTITY" in err.en


def test_external_entity_never_resolved_in_batch(tmp_path: Path) -> None:
    external_entity_docx(tmp_path / "xxe.docx", padding=5000)
    (result,) = check_paths([tmp_path / "xxe.docx"], None, {}, jobs=1, use_cache=False)
    assert result.error.code == "DOC001"
    assert "root:" not in json.dumps([f.vi for f in result.findings], ensure_ascii=False)


def test_hundred_thousand_parts(tmp_path: Path) -> None:
    path = many_parts_zip(tmp_path / "nhieu-phan.docx")
    assert zipfile.is_zipfile(path)  # a real archive (zipfile lists its 100,000 entries, slowly)
    err = refused(path, limit=0.5)
    assert err.code == "DOC001" and "100000" in err.vi and "quá nhiều thành phần" in err.vi


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch) -> None:
    """As root (CI) permissions are ignored, so the refusal of the OS is simulated."""
    locked = tmp_path / "khoa.docx"
    locked.write_bytes(GOOD.read_bytes())
    real_access = os.access
    monkeypatch.setattr(
        guard.os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode)
    )
    err = refused(locked)
    assert err.code == "DOC001" and "quyền đọc" in err.vi and "Permission" in err.en
    other = tmp_path / "z-ok.docx"
    other.write_bytes(GOOD.read_bytes())
    results = check_paths([locked, other], None, {}, jobs=1)
    assert [r.error.code if r.error else None for r in results] == ["DOC001", None]


def test_unreadable_file_open_fails(tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "khoa.txt"
    locked.write_text("Số: 1/TB-UBND", encoding="utf-8")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    (result,) = check_paths([locked], None, {}, jobs=1)  # the cache cannot hash it either
    assert result.error.code == "DOC001" and "quyền đọc" in result.error.vi


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    locked = tmp_path / "khoa.docx"
    locked.write_bytes(GOOD.read_bytes())
    locked.chmod(0)
    try:
        (result,) = check_paths([locked], None, {}, jobs=1)
    finally:
        locked.chmod(0o644)
    assert result.error.code == "DOC001" and "quyền đọc" in result.error.vi


def test_vietnamese_name_with_spaces(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "Văn bản đến 2026"
    folder.mkdir()
    nfc = folder / "Công văn số 12 – góp ý dự thảo (bản 2).docx"
    nfc.write_bytes(GOOD.read_bytes())
    nfd = folder / unicodedata.normalize("NFD", "Tờ trình kế hoạch năm.txt")
    nfd.write_text("ỦY BAN NHÂN DÂN\nSố: 1/TTr-UBND\n", encoding="utf-8")
    out = tmp_path / "kết quả.json"
    run_cli("check", folder, "--format", "json", "--output", out)
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    assert sorted(f["path"] for f in files) == sorted([str(nfc), str(nfd)])
    assert all(f["error"] is None for f in files)


def test_fifty_megabyte_text_refused_fast(tmp_path: Path) -> None:
    """Text is read whole and checked line by line (~0.75 s CPU per MB): above 10 MB it is refused
    from its size before a byte is read."""
    big = tmp_path / "rat-lon.txt"
    line = "Ủy ban nhân dân xã triển khai thực hiện kế hoạch năm 2026 theo đúng quy định.\n".encode()
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // (len(line) * 1000) + 1):
            fh.write(line * 1000)
    assert big.stat().st_size >= 50 * 1024 * 1024
    err = refused(big, limit=0.5)
    assert err.code == "DOC001" and "quá lớn" in err.vi and "giới hạn 10 MB" in err.vi


@pytest.mark.slow
def test_text_under_the_limit_is_bounded(tmp_path: Path) -> None:
    big = tmp_path / "dai.txt"
    line = "Ủy ban nhân dân xã triển khai thực hiện kế hoạch năm 2026 theo đúng quy định.\n".encode()
    big.write_bytes(line * (2 * 1024 * 1024 // len(line)))
    stats = BatchStats()
    (result,) = check_paths([big], None, {}, jobs=2, use_cache=False, stats=stats)  # one file: one worker
    assert result.error is None
    # the work is the worker's: its CPU (not the wall clock of a shared machine) and its peak memory
    assert 0 < stats.worker_cpu_seconds < 30
    assert 0 < max(stats.worker_peak_rss_kb) < 1_500_000  # KB


def test_mixed_hostile_batch(tmp_path: Path, run_cli) -> None:
    """Every hostile file in one folder with good ones: one entry per file, the right codes, exit 2."""
    folder = tmp_path / "lo"
    folder.mkdir()
    external_entity_docx(folder / "b-xxe.docx", padding=5000)
    many_parts_zip(folder / "c-nhieu-phan.docx", count=20_000)
    (folder / "d-rong.docx").write_bytes(b"")
    (folder / "e-anh.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    (folder / "f-cut.docx").write_bytes(GOOD.read_bytes()[:3000])
    (folder / "vong").symlink_to(folder, target_is_directory=True)
    (folder / "a tốt.docx").write_bytes(GOOD.read_bytes())
    (folder / "g tốt.txt").write_text("ỦY BAN NHÂN DÂN\nSố: 1/TB-UBND\n", encoding="utf-8")
    out = tmp_path / "r.json"
    with cpu_bounded(120):
        code, _ = run_cli("check", folder, "--format", "json", "--output", out, "--jobs", "2")
    assert code == 2
    files = json.loads(out.read_text(encoding="utf-8"))["files"]
    by_name = {Path(f["path"]).name: (f["error"] or {}).get("code") for f in files}
    assert len(files) == len(by_name) == 7
    assert by_name == {
        "a tốt.docx": None,
        "b-xxe.docx": "DOC001",
        "c-nhieu-phan.docx": "DOC001",
        "d-rong.docx": "DOC001",
        "e-anh.docx": "DOC001",
        "f-cut.docx": "DOC001",
        "g tốt.txt": None,
    }
    assert len(list(iter_files([folder]))) == 7
