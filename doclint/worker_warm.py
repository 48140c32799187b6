"""Imported by the batch's fork server only (after :mod:`doclint.worker`): checks one small built-in
document so that everything the checks build on first use (the Vietnamese lexicon, compiled phrase
lists, analyses) exists once in the server and is shared by every worker forked from it, instead of
being rebuilt by each worker."""

from __future__ import annotations

import contextlib

SAMPLE = """ỦY BAN NHÂN DÂN
XÃ LIÊN MINH
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Liên Minh, ngày 05 tháng 5 năm 2026
KẾ HOẠCH
Triển khai nhiệm vụ năm 2026
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;
I. MỤC ĐÍCH, YÊU CẦU
1. Ủy ban nhân dân xã giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị triển khai thực hiện.
Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An"""


def warm_checks() -> None:
    from doclint.config import Config
    from doclint.engine import lint_document
    from doclint.model import Block, Document

    blocks = [Block(index=i, text=line) for i, line in enumerate(SAMPLE.splitlines())]
    for stage in ("draft", "final"):
        lint_document(Document(path="warm.txt", format="txt", blocks=blocks), Config(stage=stage))
    from doclint.vn import lexicon

    lexicon.get().build_whole()  # read lazily from the cache: built whole once, shared by the workers


with contextlib.suppress(Exception):  # a broken pack is reported by the parent, not here
    from doclint.worker import warm

    warm()
with contextlib.suppress(Exception):  # warming up is an optimisation, never a failure
    warm_checks()
