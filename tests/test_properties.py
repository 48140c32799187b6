"""Property-based: arbitrary Unicode text through the whole text pipeline (load a .txt → recognise →
every rule) never raises, never crashes a rule (DOC005), and every finding points inside the document."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.config import Config
from doclint.engine import FileResult, lint_path

FRAGMENTS = [
    "ỦY BAN NHÂN DÂN",
    "XÃ LIÊN MINH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/KH-UBND",
    "Số:    /QĐ-UBND",
    "Liên Minh, ngày 05 tháng 5 năm 2026",
    "ngày   tháng   năm 20",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "Về việc tổ chức hội nghị",
    "V/v góp ý dự thảo",
    "Kính gửi: Ủy ban nhân dân huyện",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "a) Nội dung",
    "Điều 1. Phạm vi",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, VP.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn An",
    "Phụ lục I",
    "./.",
    "",
]

line = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=80))
documents = st.one_of(st.text(max_size=2000), st.lists(line, max_size=60).map("\n".join))


def check_bounds(result: FileResult, text: str) -> None:
    assert result.error is None or result.error.code == "DOC001", result.error
    crashes = [f.vi for f in result.findings if f.code == "DOC005"]
    assert not crashes, crashes
    if result.document is None:
        return
    blocks = result.document.blocks
    for finding in result.findings:
        loc = finding.location
        for index in (loc.block, loc.related_block):
            assert index is None or 0 <= index < len(blocks), (finding.code, index, len(blocks))
        if loc.block is None:
            continue
        size = len(blocks[loc.block].text)
        if loc.start is not None:
            assert 0 <= loc.start <= size, (finding.code, loc.start, size)
        if loc.end is not None:
            assert 0 <= loc.end <= size, (finding.code, loc.end, size)
            assert loc.start is None or loc.start <= loc.end, (finding.code, loc.start, loc.end)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, stage=st.sampled_from(["draft", "final"]))
def test_text_pipeline_never_fails(text: str, stage: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "van-ban.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = lint_path(path, Config(stage=stage), keep_document=True)
    check_bounds(result, text)


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_fail(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "van-ban.txt"
        path.write_bytes(data)
        result = lint_path(path, Config(), keep_document=True)
    check_bounds(result, "")
