"""Regenerate the sample documents in this folder (they are committed; run this after changing them).

    .venv/bin/python samples/make_samples.py [--seed ../shared/seeds/000_89dcc62694a11fe1.txt]

What each sample should produce is in samples/README.md and samples/expected.toml (a test checks it).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from doclint.testing import AdminDoc, Para, build_docx, seed_blocks  # noqa: E402

SEED = HERE.parent.parent / "shared" / "seeds" / "000_89dcc62694a11fe1.txt"


def body_para(line: str) -> Para | str:
    if re.match(r"^[IVX]+\.\s", line):
        return Para(line, bold=True)
    if re.match(r"^\d+\.\s", line) and len(line) < 140 and not line.endswith("."):
        return Para(line, bold=True)
    return line


def seed_plan(seed_text: str) -> AdminDoc:
    parts = seed_blocks(seed_text)
    return AdminDoc(
        issuer=["ỦY BAN NHÂN DÂN", "XÃ LIÊN MINH"],
        number=str(parts["number"]).replace("Số: /", "Số:      /"),
        place_date=str(parts["place_date"]).replace("ngày tháng", "ngày      tháng"),
        title=str(parts["title"]),
        summary=list(parts["summary"]),  # type: ignore[arg-type]
        body=[body_para(line) for line in parts["body"]],  # type: ignore[union-attr]
        recipients=list(parts["recipients"]),  # type: ignore[arg-type]
        signature=list(parts["signature"]),  # type: ignore[arg-type]
        signer=None,  # a draft: the signer's name is written when the plan is signed
    )


def clean_cong_van() -> AdminDoc:
    return AdminDoc(
        parent_body="UBND TỈNH LÂM ĐỒNG",
        issuer=["SỞ NỘI VỤ"],
        number="Số: 125/SNV-VP",
        vv="V/v báo cáo kết quả cải cách hành chính quý I năm 2026",
        place_date="Lâm Đồng, ngày 05 tháng 3 năm 2026",
        title=None,
        kinh_gui=["Ủy ban nhân dân các xã, phường, đặc khu"],
        body=[
            "Thực hiện chế độ báo cáo định kỳ về cải cách hành chính, Sở Nội vụ đề nghị Ủy ban nhân dân "
            "các xã, phường, đặc khu báo cáo kết quả thực hiện cải cách hành chính quý I năm 2026 theo "
            "đề cương kèm theo Công văn này.",
            "Báo cáo gửi về Sở Nội vụ (qua Văn phòng Sở) trước ngày 20 tháng 3 năm 2026 để tổng hợp, "
            "báo cáo Ủy ban nhân dân tỉnh./.",
        ],
        recipients=["- Như trên;", "- Giám đốc Sở (để báo cáo);", "- Lưu: VT, VP."],
        signature=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        signer="Lê Thị Hoa",
    )


def defects_quyet_dinh() -> AdminDoc:
    """A Quyết định carrying one defect of each kind that can coexist in one document."""
    return AdminDoc(
        quoc_hieu="Cộng hòa xã hội chủ nghĩa Việt Nam",  # HDR002
        tieu_ngu="Độc lập – Tự do – Hạnh phúc",  # HDR003
        issuer=["UBND TỈNH LÂM ĐỒNG"],  # HDR005: the issuing body abbreviated
        number="Số 5/QyĐ-UBND",  # NUM002 (no colon), NUM003 (5), NUM005 (QyĐ is Quy định)
        place_date="TP. HCM ngày 5 tháng 03 năm 2026",  # DATE002, DATE005
        title="QUYẾT ĐỊNH",
        summary=["V/v thành lập Tổ công tác cải cách hành chính"],  # TTL003
        authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        kinh_gui=["Sở Nội vụ"],  # RCPT004: a Quyết định has no Kính gửi
        body=[
            Para(
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025,", italic=True
            ),  # BODY001
            Para("Theo đề nghị của Giám đốc Sở Nội vụ.", italic=True),
            Para("QUYẾT ĐỊNH:", bold=True, align="center"),
            "Điều 1: Thành lập Tổ công tác cải cách hành chính tỉnh (Phụ lục kèm theo).",  # BODY002, BODY003
            "Điều 2. Tổ công tác có nhiệm vụ:",
            "a) Tham mưu kế hoạch cải cách hành chính;",
            "b) Kiểm tra việc thực hiện;",
            "d) Báo cáo kết quả trước ngày 31/4/2026.",  # BODY002 (skips c), DATE004
            "Điều 3. Giao Phòng Tài chính chủ trì bố trí kinh phí hoạt động của Tổ công tác.",  # RCPT007
            "Điều 4. Chánh Văn phòng, Giám đốc Sở Nội vụ và các thành viên Tổ công tác chịu trách nhiệm "
            "thi hành Quyết định này",  # BODY004: no "./."
        ],
        recipients=["- Như điều 4;", "- Sở Nội vụ,", "- Sở Nội vụ;", "- Lưu VT (NC)"],  # RCPT005/002/006/003
        signature=["T/M ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"],  # SIG002 (T/M; deputy without KT.)
        signer="TS. Trần Văn Bình",  # SIG003
    )


def missing_components() -> AdminDoc:
    """Only a body: every required component is missing."""
    return AdminDoc(
        parent_body=None,
        issuer=[],
        number="",
        quoc_hieu="",
        tieu_ngu="",
        place_date="",
        title=None,
        body=[
            "Ủy ban nhân dân xã đề nghị các thôn, xóm rà soát hộ nghèo và gửi danh sách về Ủy ban nhân dân "
            "xã trước ngày 15 tháng 6 năm 2026."
        ],
        recipients=[],
        signature=[],
        signer=None,
    )


def plan_without_summary() -> AdminDoc:
    return AdminDoc(
        number="Số: 12/KH-UBND",
        place_date="Liên Minh, ngày 12 tháng 5 năm 2026",
        title="KẾ HOẠCH",
        summary=[],  # TTL002
        body=[
            Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
            "Bảo đảm 100% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết đúng hạn.",
            Para("II. TỔ CHỨC THỰC HIỆN", bold=True),
            "Văn phòng HĐND và UBND xã chủ trì theo dõi, đôn đốc thực hiện Kế hoạch này./.",
        ],
        recipients=["- Như trên;", "- Lưu: VT."],  # RCPT005: "Như trên" without Kính gửi
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer="Nguyễn Văn An",
    )


def unknown_type() -> AdminDoc:
    return AdminDoc(
        number="Số: 03/UBND-VP",
        place_date="Liên Minh, ngày 12 tháng 5 năm 2026",
        title="ĐỀ CƯƠNG",  # TTL004: not one of the 29 types
        summary=["Báo cáo tổng kết công tác năm 2026"],
        body=["I. KẾT QUẢ ĐẠT ĐƯỢC", "Nêu các kết quả chính trong năm./."],
        recipients=["- Các phòng chuyên môn;", "- Lưu: VT."],
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer="Nguyễn Văn An",
    )


SAMPLES = {
    "ke-hoach-226-xa-lien-minh.docx": None,  # built from the seed text
    "cong-van-hop-le.docx": clean_cong_van,
    "loi-quyet-dinh.docx": defects_quyet_dinh,
    "loi-thieu-thanh-phan.docx": missing_components,
    "loi-ke-hoach-thieu-trich-yeu.docx": plan_without_summary,
    "loi-ten-loai-la.docx": unknown_type,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", default=str(SEED))
    parser.add_argument("--out", default=str(HERE))
    args = parser.parse_args()
    out = Path(args.out)
    for name, factory in SAMPLES.items():
        spec = seed_plan(Path(args.seed).read_text(encoding="utf-8")) if factory is None else factory()
        build_docx(spec, out / name)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
