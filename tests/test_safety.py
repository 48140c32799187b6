"""Never lose data: inputs are never written, reports replace an existing file atomically or not at all."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from doclint import report
from doclint.report import write_output

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "samples" / "cong-van-hop-le.docx"
OLD = '{"old": "báo cáo cũ"}\n'


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_renderer_failure_keeps_old_output(run_cli, tmp_path: Path, monkeypatch) -> None:
    import doclint.report.json as json_report

    out = tmp_path / "r.json"
    out.write_text(OLD, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("renderer failed half-way")

    monkeypatch.setattr(json_report, "render", broken)
    monkeypatch.setattr(json_report, "render_json", broken)
    with pytest.raises(RuntimeError):
        run_cli("check", GOOD, "--format", "json", "--output", out)
    assert out.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temp file left behind


def test_write_failure_mid_way_keeps_old_output(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "r.json"
    out.write_text(OLD, encoding="utf-8")
    real_fdopen = os.fdopen

    class DiskFull:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: DiskFull(real_fdopen(fd, mode)))
    with pytest.raises(OSError):
        write_output("x" * 100_000, out)
    assert out.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_output_replaced_whole(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text(OLD * 1000, encoding="utf-8")
    run_cli("check", GOOD, "--format", "json", "--output", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["files"][0]["path"] == str(GOOD)


@pytest.mark.parametrize("fmt", report.available_formats())
def test_output_over_an_input_is_refused(run_cli, tmp_path: Path, fmt: str) -> None:
    doc = tmp_path / "du-thao.txt"
    doc.write_text("ỦY BAN NHÂN DÂN\nSố: 1/TB-UBND\n", encoding="utf-8")
    before = doc.read_bytes()
    code, _ = run_cli("check", tmp_path, "--format", fmt, "--output", doc)
    assert code == 2
    assert doc.read_bytes() == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_never_writes_inputs(run_cli, tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "lo"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.docx").write_bytes(GOOD.read_bytes())
        (folder / f"{n}.txt").write_text("ỦY BAN NHÂN DÂN\nSố: 1/TB-UBND\n", encoding="utf-8")
    (folder / "rong.docx").write_bytes(b"")
    before = snapshot(folder)
    for fmt in ("json", "jsonl"):
        run_cli("check", folder, "--format", fmt, "--output", tmp_path / f"r.{fmt}", "--jobs", jobs)
    run_cli("check", folder, "--format", "json", "--output", tmp_path / "r2.json", "--jobs", jobs)  # cached
    assert snapshot(folder) == before
