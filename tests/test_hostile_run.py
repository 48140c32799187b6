"""Hostile runs beyond the loaders (issue 18, B2, B3, B7–B10 of the reliability probe): names that are
not UTF-8, escape sequences, an annotated copy over an input, corrupt cache and library rows, hostile
pack and config files, unreadable folders. Every problem with the run is one line and exit 2."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DOCX = SAMPLES / "cong-van-hop-le.docx"
TEXT = "ỦY BAN NHÂN DÂN\nXÃ A\nSố: 1/KH-UBND\nKẾ HOẠCH\nTriển khai\nNơi nhận:\n- Lưu: VT.\n"
BAD_NAME = os.fsdecode(b"C\xf4ng v\xe3n.txt")  # what unzipping a Windows archive gives


def doclint(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "doclint", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "DOCLINT_NO_PROGRESS": "1", **(env or {})},
        timeout=300,
    )


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


# ------------------------------------------------------------------------------ names and terminals


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / BAD_NAME).write_text(TEXT, encoding="utf-8")
    (folder / "\x1b[31mdo.txt").write_text(
        TEXT + "\x1b[2J\x1b]8;;http://evil.example\x1b\\bấm\x1b]8;;\x1b\\\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "sarif", "html"])
def test_name_not_utf8_in_every_format(odd_folder: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    proc = doclint("check", str(odd_folder), "--no-cache", "-f", fmt, "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    data = out.read_text(encoding="utf-8")  # valid UTF-8
    assert "C\ufffdng v\ufffdn.txt" in data or "C%EF%BF%BDng" in data
    if fmt in ("json", "sarif"):
        json.loads(data)
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in data.splitlines()]) == 2
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))


def test_terminal_output_has_no_escape_sequences(odd_folder: Path) -> None:
    proc = doclint("check", str(odd_folder), "--no-cache")
    assert proc.returncode in (0, 1)
    assert b"\x1b" not in proc.stdout and b"\x1b" not in proc.stderr
    assert b"\\x1b[2J" in proc.stdout  # shown, not obeyed


# ------------------------------------------------------------------------------ annotate and outputs


def test_check_annotate_never_overwrites_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(DOCX, folder / "a.docx")
    shutil.copy(DOCX, folder / "a.doclint.docx")  # an earlier annotated copy someone edited: an input now
    before = hashlib.sha256((folder / "a.doclint.docx").read_bytes()).hexdigest()
    proc = doclint("check", str(folder), "--no-cache", "--annotate", str(folder))
    assert proc.returncode in (0, 1), proc.stderr
    assert hashlib.sha256((folder / "a.doclint.docx").read_bytes()).hexdigest() == before
    assert (folder / "a-2.doclint.docx").is_file()


def test_output_and_annotate_targets_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    line = one_line_error(doclint("check", str(tmp_path / "a.txt"), "-o", str(tmp_path)))
    assert "thư mục" in line
    line = one_line_error(doclint("check", str(tmp_path / "a.txt"), "--annotate", str(tmp_path / "a.txt")))
    assert "--annotate" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_is_one_line(tmp_path: Path) -> None:  # pragma: no cover - not as root
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    one_line_error(doclint("check", str(tmp_path / "a.txt"), "-f", "json", "-o", str(locked / "r.json")))


def test_unreadable_subfolder_gets_an_entry(tmp_path: Path, monkeypatch) -> None:
    from doclint.batch import check_paths, iter_files

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "khoa").mkdir()
    (tmp_path / "khoa" / "b.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("khoa"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files = list(iter_files([tmp_path]))
    assert [p.name for p in files] == ["a.txt", "khoa"]
    monkeypatch.undo()
    results = check_paths([tmp_path / "a.txt", tmp_path / "khoa"], None, {}, use_cache=False)
    assert results[1].error.code == "DOC001"


# ------------------------------------------------------------------------------ stored rows


def test_corrupt_cache_rows_are_recomputed(tmp_path: Path, monkeypatch) -> None:
    from doclint.batch import BatchStats, check_paths

    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path / "cache"))
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    (clean,) = check_paths([doc], None, {})
    db = next((tmp_path / "cache").rglob("*.sqlite*"))
    rows = ['{"findings":[1]}', '{"findings":"abc"}', "[]", "null",
            json.dumps({"format": "txt", "family": None, "doc_type": None, "stage": "draft", "error": None,
                        "findings": [{"code": "X", "vi": "x", "en": "x", "severity": "bogus", "location": {}}]}),
            json.dumps({"format": "txt", "family": None, "doc_type": None, "stage": "draft", "error": [1, 2],
                        "findings": []})]  # fmt: skip
    for row in rows:
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE results SET data = ?", (row,))
        stats = BatchStats()
        (again,) = check_paths([doc], None, {}, stats=stats)
        assert stats.cached == 0 and again.error is None
        assert [f.code for f in again.findings] == [f.code for f in clean.findings]


def test_corrupt_library_rows_are_left_out(tmp_path: Path) -> None:
    from doclint.batch import check_paths
    from doclint.refs import RefLibrary

    db = tmp_path / "refs.sqlite3"
    lib = RefLibrary(db)
    lib.add_path(DOCX)
    lib.close()
    corruptions = [
        "UPDATE texts SET shingles = x'0102030405'",
        "UPDATE texts SET shingles = NULL",
        "UPDATE texts SET shingles = 'abc'",
        "DELETE FROM docs",
        "DROP TABLE bands",
    ]
    for sql in corruptions:
        broken = tmp_path / "broken.sqlite3"
        shutil.copy(db, broken)
        with sqlite3.connect(broken) as conn:
            conn.execute(sql)
        (result,) = check_paths([DOCX], None, {}, options={"refs-db": str(broken)}, use_cache=False)
        assert result.error is None
        assert not [f for f in result.findings if f.code == "DOC005"], sql


# ------------------------------------------------------------------------------ packs and config


def _folder_with_config(tmp_path: Path, toml: str) -> Path:
    folder = tmp_path / "cfg"
    folder.mkdir(exist_ok=True)
    (folder / "doclint.toml").write_text(toml, encoding="utf-8")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_fifo_in_a_pack_is_refused_not_waited_for(tmp_path: Path) -> None:
    folder = _folder_with_config(tmp_path, 'packs = ["pack"]\n')
    (folder / "pack").mkdir()
    os.mkfifo(folder / "pack" / "x.toml")
    line = one_line_error(doclint("check", str(folder / "a.txt"), "--no-cache"))
    assert "x.toml" in line


def test_dev_zero_in_a_pack_is_refused(tmp_path: Path) -> None:
    folder = _folder_with_config(tmp_path, 'packs = ["pack"]\n')
    (folder / "pack").mkdir()
    (folder / "pack" / "zero.toml").symlink_to("/dev/zero")
    line = one_line_error(doclint("check", str(folder / "a.txt"), "--no-cache"))
    assert "zero.toml" in line


@pytest.mark.parametrize(
    "toml",
    ['severity = "x"', "packs = 5", "select = 5", "ignore = [1]", "per-file-ignores = []", 'fail-on = "bogus"',
     'lang = "fr"', "lang = 5", "timeout = nan", "timeout = inf", "timeout = 1e308", "timeout = -1",
     'memory-limit = "lots"', 'stage = "x"', "exclude = 3", "[severity]\nHDR = 5"],
)  # fmt: skip
def test_malformed_config_values_are_one_line(tmp_path: Path, toml: str) -> None:
    folder = _folder_with_config(tmp_path, toml + "\n")
    one_line_error(doclint("check", str(folder / "a.txt"), "--no-cache"))


def test_inspect_and_citations_escape_document_text(odd_folder: Path) -> None:
    name = next(p for p in odd_folder.iterdir() if "\x1b" in p.name)
    for command in ("inspect", "citations"):
        proc = doclint(command, str(name))
        assert proc.returncode in (0, 1), proc.stderr
        assert b"\x1b" not in proc.stdout and b"\x1b" not in proc.stderr
