"""SEC: required sections per document type, as data a records office can extend (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doclint.config import Config, read_config
from doclint.engine import lint_path
from doclint.errors import ConfigError
from doclint.testing import AdminDoc, Para, build_docx

SEC = Config(select=("SEC",))


def sec(result, code: str | None = None) -> list:
    return [f for f in result.findings if f.code.startswith("SEC") and (code is None or f.code == code)]


def messages(result, code: str) -> str:
    return "\n".join(f.vi for f in sec(result, code))


# ------------------------------------------------------------------ the seed plan


def _seed_without_tchuc(seed_path: Path) -> str:
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    assert "IV. TỔ CHỨC THỰC HIỆN" in lines
    return "\n".join(line for line in lines if line != "IV. TỔ CHỨC THỰC HIỆN")


def _seed_docx(text: str, path: Path) -> Path:
    import importlib.util

    where = Path(__file__).resolve().parents[1] / "samples" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", where)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return build_docx(module.seed_plan(text), path)


@pytest.fixture(params=["text", "docx"])
def fmt(request) -> str:
    return request.param


def test_seed_plan_has_every_usual_section(seed_path: Path, fmt: str, tmp_path: Path) -> None:
    path = (
        seed_path
        if fmt == "text"
        else _seed_docx(seed_path.read_text(encoding="utf-8"), tmp_path / "kh.docx")
    )
    result = lint_path(path, SEC)
    assert result.doc_type == "KH"
    assert sec(result, "SEC001") == []
    assert sec(result) == []  # no order, empty-section or task finding either


def test_seed_plan_without_to_chuc_thuc_hien(seed_path: Path, fmt: str, tmp_path: Path) -> None:
    text = _seed_without_tchuc(seed_path)
    if fmt == "text":
        path = tmp_path / "kh.txt"
        path.write_text(text, encoding="utf-8")
    else:
        path = _seed_docx(text, tmp_path / "kh.docx")
    found = sec(lint_path(path, SEC), "SEC001")
    assert len(found) == 1
    assert "tổ chức thực hiện" in found[0].vi
    assert "IV. TỔ CHỨC THỰC HIỆN" in found[0].vi  # what it would look like
    assert found[0].severity == "warning"
    assert "thực tiễn" in found[0].basis  # practice, not NĐ 30


# ------------------------------------------------------------------ Quyết định

QD_BODY = [
    Para("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", italic=True),
    Para("Theo đề nghị của Giám đốc Sở Nội vụ.", italic=True),
    Para("QUYẾT ĐỊNH:", bold=True, align="center"),
    "Điều 1. Thành lập Tổ công tác cải cách hành chính tỉnh gồm các thành viên sau: …",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ và các thành viên Tổ công tác "
    "chịu trách nhiệm thi hành Quyết định này./.",
]


def quyet_dinh(body=None, recipients=None) -> AdminDoc:
    return AdminDoc(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"],
        number="Số: 125/QĐ-UBND",
        place_date="Lâm Đồng, ngày 05 tháng 3 năm 2026",
        title="QUYẾT ĐỊNH",
        summary=["Về việc thành lập Tổ công tác cải cách hành chính"],
        authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        body=list(QD_BODY if body is None else body),
        recipients=recipients or ["- Như Điều 3;", "- Lưu: VT, NC."],
        signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer="Trần Văn Bình",
    )


def lint_spec(spec: AdminDoc, tmp_path: Path, name: str = "doc.docx", config: Config = SEC):
    return lint_path(build_docx(spec, tmp_path / name), config)


def test_complete_decision_has_no_sec_finding(tmp_path: Path) -> None:
    result = lint_spec(quyet_dinh(), tmp_path)
    assert result.doc_type == "QĐ"
    assert sec(result) == []


def test_decision_without_enactment_line(tmp_path: Path) -> None:
    body = [p for p in QD_BODY if not (isinstance(p, Para) and p.text == "QUYẾT ĐỊNH:")]
    result = lint_spec(quyet_dinh(body), tmp_path)
    found = sec(result, "SEC001")
    assert len(found) == 1 and "QUYẾT ĐỊNH:" in found[0].vi
    assert found[0].severity == "error"
    assert "Mẫu 1.2" in found[0].basis


def test_decision_without_implementing_article(tmp_path: Path) -> None:
    body = [*QD_BODY[:-1], "Điều 3. Giao Sở Nội vụ hướng dẫn Tổ công tác triển khai nhiệm vụ./."]
    result = lint_spec(quyet_dinh(body, ["- Như Điều 3;", "- Lưu: VT, NC."]), tmp_path)
    found = sec(result, "SEC001")
    assert len(found) == 1 and "thi hành" in found[0].vi
    # with SEC001 off, SEC004 says it instead: reported once either way
    only4 = lint_spec(quyet_dinh(body), tmp_path, "b.docx", Config(select=("SEC004",)))
    assert any("điều khoản thi hành" in f.vi for f in sec(only4, "SEC004"))


def test_nhu_dieu_pointing_at_a_missing_or_wrong_article(tmp_path: Path) -> None:
    result = lint_spec(quyet_dinh(recipients=["- Như Điều 4;", "- Lưu: VT, NC."]), tmp_path)
    found = sec(result, "SEC004")
    assert len(found) == 1 and "Như Điều 4" in found[0].vi and "Điều 3" in found[0].vi
    assert found[0].suggestion == "- Như Điều 3;"
    result = lint_spec(quyet_dinh(recipients=["- Như Điều 2;", "- Lưu: VT, NC."]), tmp_path, "b.docx")
    found = sec(result, "SEC004")
    assert len(found) == 1 and "không giao trách nhiệm thi hành" in found[0].vi


def test_nhu_dieu_for_an_article_listing_the_members(tmp_path: Path) -> None:
    """Quyết định 2319/QĐ-TTg: “- Như Điều 1;” stands for the members that Điều 1 lists."""
    body = [
        *QD_BODY[:3],
        "Điều 1. Thành lập Tổ công tác cải cách hành chính tỉnh gồm các thành viên sau:",
        "1. Giám đốc Sở Nội vụ, Tổ trưởng.",
        "2. Phó Chánh Văn phòng Ủy ban nhân dân tỉnh, thành viên.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Các thành viên Tổ công tác và Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi "
        "hành Quyết định này./.",
    ]
    result = lint_spec(quyet_dinh(body, ["- Như Điều 1;", "- Như Điều 3;", "- Lưu: VT, NC."]), tmp_path)
    assert sec(result) == []


def test_decision_preamble_out_of_order(tmp_path: Path) -> None:
    body = [QD_BODY[1], QD_BODY[0], *QD_BODY[2:]]
    found = sec(lint_spec(quyet_dinh(body), tmp_path), "SEC002")
    assert len(found) == 1 and "Theo đề nghị" in found[0].vi


# ------------------------------------------------------------------ Giấy mời


def giay_moi(place: bool = True) -> AdminDoc:
    body = [
        "Ủy ban nhân dân tỉnh trân trọng kính mời:",
        "- Lãnh đạo Sở Nội vụ;",
        "- Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh.",
        "Tới dự cuộc họp đánh giá công tác cải cách hành chính năm 2025.",
        "Chủ trì: Đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh.",
        "Thời gian: 14 giờ 00, ngày 22 tháng 01 năm 2026.",
    ]
    if place:
        body.append("Địa điểm: Hội trường tầng 3, Trung tâm Hành chính tỉnh./.")
    return AdminDoc(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"],
        number="Số: 12/GM-UBND",
        place_date="Lâm Đồng, ngày 15 tháng 01 năm 2026",
        title="GIẤY MỜI",
        summary=["Họp đánh giá công tác cải cách hành chính năm 2025"],
        body=body,
        recipients=["- Như trên;", "- Lưu: VT."],
        signature=["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        signer="Lê Thị Hoa",
    )


def test_invitation_with_time_and_place(tmp_path: Path) -> None:
    result = lint_spec(giay_moi(), tmp_path)
    assert result.doc_type == "GM"
    assert sec(result) == []


def test_invitation_without_a_place(tmp_path: Path) -> None:
    found = sec(lint_spec(giay_moi(place=False), tmp_path), "SEC001")
    assert len(found) == 1 and "địa điểm" in found[0].vi
    assert found[0].severity == "error"
    assert "Mẫu 1.7" in found[0].basis


def test_invitation_with_an_empty_place(tmp_path: Path) -> None:
    spec = giay_moi(place=False)
    spec.body[-1:] = ["Địa điểm:", "Thời gian: 14 giờ 00, ngày 22 tháng 01 năm 2026./."]
    spec.body.pop(-3)  # the time line now comes after the empty place
    found = sec(lint_spec(spec, tmp_path), "SEC003")
    assert len(found) == 1 and "Địa điểm" in found[0].vi


# ------------------------------------------------------------------ Biên bản (text: the two signatures side by side)

BIEN_BAN = """ỦY BAN NHÂN DÂN
XÃ LIÊN MINH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 05/BB-UBND

BIÊN BẢN
Họp giao ban Ủy ban nhân dân xã tháng 5 năm 2026

Thời gian bắt đầu: 08 giờ 00, ngày 05 tháng 5 năm 2026.

Địa điểm: Phòng họp Ủy ban nhân dân xã.

Thành phần tham dự: Lãnh đạo Ủy ban nhân dân xã; công chức chuyên môn.

Chủ trì (chủ tọa): Ông Nguyễn Văn An, Chủ tịch Ủy ban nhân dân xã.

Thư ký (người ghi biên bản): Bà Trần Thị Bình, công chức Văn phòng.

Nội dung cuộc họp:

Các đại biểu nghe báo cáo kết quả thực hiện nhiệm vụ tháng 4 và thảo luận nhiệm vụ tháng 5.

Cuộc họp kết thúc vào 11 giờ 00 cùng ngày./.

THƯ KÝ
Trần Thị Bình

CHỦ TỌA
Nguyễn Văn An

Nơi nhận:
- Các thành viên dự họp;
- Lưu: VT, Hồ sơ.
"""


def test_minutes_with_every_part_and_two_signatures(tmp_path: Path) -> None:
    path = tmp_path / "bb.txt"
    path.write_text(BIEN_BAN, encoding="utf-8")
    result = lint_path(path, SEC)
    assert result.doc_type == "BB"
    assert sec(result) == []


def test_minutes_without_secretary_signature_or_end_time(tmp_path: Path) -> None:
    text = BIEN_BAN.replace("THƯ KÝ\nTrần Thị Bình\n", "").replace(
        "Cuộc họp kết thúc vào 11 giờ 00 cùng ngày./.", "./."
    )
    path = tmp_path / "bb.txt"
    path.write_text(text, encoding="utf-8")
    found = messages(lint_path(path, SEC), "SEC001")
    assert "hai chữ ký" in found and "thời gian kết thúc" in found
    assert "thư ký, người ghi" not in found  # the "Thư ký (người ghi biên bản):" line is still there


def test_minutes_signed_under_title_case_titles_without_typed_names(tmp_path: Path) -> None:
    """A class or team's minutes on a school form: "Thư ký" and "Chủ tọa" on lines of their own, in title
    case, the names left to be written by hand under the signatures: the two signing places are there."""
    text = BIEN_BAN.replace("THƯ KÝ\nTrần Thị Bình\n\nCHỦ TỌA\nNguyễn Văn An\n", "Thư ký\n\nChủ tọa\n")
    path = tmp_path / "bb.txt"
    path.write_text(text, encoding="utf-8")
    assert "hai chữ ký" not in messages(lint_path(path, SEC), "SEC001")
    # one of them alone is still one signature short
    path.write_text(text.replace("Chủ tọa\n", ""), encoding="utf-8")
    assert "hai chữ ký" in messages(lint_path(path, SEC), "SEC001")


# ------------------------------------------------------------------ plans: empty heading, task list


def test_empty_heading_and_plan_without_owner_or_deadline(tmp_path: Path) -> None:
    spec = AdminDoc(
        number="Số: 20/KH-UBND",
        summary=["Tuyên truyền cải cách hành chính"],
        body=[
            Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
            "Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính.",
            Para("II. NHIỆM VỤ", bold=True),
            "1. Đẩy mạnh tuyên truyền về cải cách hành chính trên Cổng thông tin điện tử.",
            "2. Nâng cao chất lượng phục vụ người dân.",
            Para("III. KINH PHÍ", bold=True),
            Para("IV. TỔ CHỨC THỰC HIỆN", bold=True),
            "Các cơ quan, đơn vị nghiêm túc triển khai Kế hoạch này./.",
        ],
    )
    result = lint_spec(spec, tmp_path)
    assert [f.vi for f in sec(result, "SEC001")] == []
    empty = sec(result, "SEC003")
    assert len(empty) == 1 and "KINH PHÍ" in empty[0].vi
    tasks = messages(result, "SEC005")
    assert "chủ trì" in tasks and "thời hạn" in tasks


# ------------------------------------------------------------------ user packs


KIEM_TRA = """
[ke_hoach_kiem_tra]
extends = "ke_hoach"
types = ["KH"]
titles = ["kiểm tra"]
name_vi = "Kế hoạch kiểm tra (mẫu của tỉnh)"
source = "Quyết định số 12/QĐ-UBND của UBND tỉnh (mẫu kế hoạch kiểm tra)"

[ke_hoach_kiem_tra.sections.doan_kiem_tra]
order = 35
name_vi = "thành phần đoàn kiểm tra"
name_en = "members of the inspection team"
phrases = ["thành phần đoàn kiểm tra", "đoàn kiểm tra", "thành phần đoàn"]
example = "IV. THÀNH PHẦN ĐOÀN KIỂM TRA"
severity = "error"
"""


def plan(summary: str, extra: list | None = None) -> AdminDoc:
    return AdminDoc(
        number="Số: 21/KH-UBND",
        summary=[summary],
        body=[
            Para("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
            "Đánh giá việc thực hiện công tác văn thư, lưu trữ năm 2026.",
            Para("II. NỘI DUNG KIỂM TRA", bold=True),
            "Việc lập hồ sơ, quản lý văn bản đi, đến của các phòng chuyên môn.",
            *(extra or []),
            Para("III. TỔ CHỨC THỰC HIỆN", bold=True),
            "Giao Văn phòng chủ trì, hoàn thành trước ngày 30 tháng 6 năm 2026./.",
        ],
    )


def _pack(tmp_path: Path, text: str) -> Path:
    (tmp_path / "quy-tac-tinh").mkdir(parents=True)
    (tmp_path / "quy-tac-tinh" / "sections.toml").write_text(text, encoding="utf-8")
    (tmp_path / "doclint.toml").write_text('packs = ["quy-tac-tinh"]\nselect = ["SEC"]\n', encoding="utf-8")
    return tmp_path / "doclint.toml"


def test_user_pack_adds_a_province_template(tmp_path: Path) -> None:
    config = read_config(_pack(tmp_path, KIEM_TRA))
    without = build_docx(plan("Kiểm tra công tác văn thư, lưu trữ năm 2026"), tmp_path / "a.docx")
    found = sec(lint_path(without, config), "SEC001")
    assert len(found) == 1 and "đoàn kiểm tra" in found[0].vi and found[0].severity == "error"
    assert "12/QĐ-UBND" in found[0].basis
    # the built-in pack alone does not ask for it
    assert sec(lint_path(without, SEC), "SEC001") == []
    # a plan that has the section, and a plan that is not an inspection plan, pass
    team = [Para("III. THÀNH PHẦN ĐOÀN KIỂM TRA", bold=True), "Trưởng đoàn: Chánh Văn phòng."]
    with_team = build_docx(plan("Kiểm tra công tác văn thư, lưu trữ năm 2026", team), tmp_path / "b.docx")
    assert sec(lint_path(with_team, config), "SEC001") == []
    other = build_docx(plan("Tuyên truyền cải cách hành chính năm 2026"), tmp_path / "c.docx")
    assert sec(lint_path(other, config), "SEC001") == []


def test_user_pack_replaces_and_extends_a_builtin_skeleton(tmp_path: Path, seed_path: Path) -> None:
    text = _seed_without_tchuc(seed_path)
    path = tmp_path / "kh.txt"
    path.write_text(text, encoding="utf-8")
    replace = """
[ke_hoach]
replace = true
types = ["KH"]
name_vi = "Kế hoạch (mẫu rút gọn của tỉnh)"
source = "Hướng dẫn của Văn phòng UBND tỉnh"

[ke_hoach.sections.muc_dich]
phrases = ["mục đích"]
severity = "warning"
"""
    config = read_config(_pack(tmp_path, replace))
    assert sec(lint_path(path, config), "SEC001") == []
    # a merge (no replace): one more accepted heading for the built-in section, found by the CLI too
    merge = '[ke_hoach.sections.to_chuc_thuc_hien]\nphrases = ["kinh phí thực hiện"]\n'
    (tmp_path / "quy-tac-tinh" / "sections.toml").write_text(merge, encoding="utf-8")
    from doclint.analysis.sections import _skeletons_for

    _skeletons_for.cache_clear()
    read_config.cache_clear()
    config = read_config(tmp_path / "doclint.toml")
    assert sec(lint_path(path, config), "SEC001") == []


def test_explain_shows_the_skeletons_and_their_origin(run_cli, tmp_path: Path, monkeypatch) -> None:
    code, out = run_cli("explain", "SEC001")
    assert code == 0
    for name in ("Quyết định (cá biệt)", "Giấy mời", "Kế hoạch, chương trình", "Báo cáo", "Biên bản"):
        assert name in out
    assert "bộ quy tắc có sẵn (Nghị định 30)" in out and "Mẫu 1.7" in out
    _pack(tmp_path, KIEM_TRA)
    monkeypatch.chdir(tmp_path)
    code, out = run_cli("explain", "SEC001")
    assert "Kế hoạch kiểm tra (mẫu của tỉnh)" in out
    assert str(tmp_path / "quy-tac-tinh" / "sections.toml") in out


def test_inspect_lists_the_sections_found(run_cli, seed_path: Path) -> None:
    _, out = run_cli("inspect", seed_path, "--format", "json")
    data = json.loads(out)
    sections = data["sections"]
    assert sections["skeleton"] == "ke_hoach"
    assert {s["key"]: s["found"] for s in sections["sections"]} == {
        "muc_dich": True,
        "noi_dung": True,
        "kinh_phi": True,
        "to_chuc_thuc_hien": True,
    }
    _, out = run_cli("inspect", seed_path)
    assert "✔ tổ chức thực hiện" in out


def test_bad_skeleton_file_is_refused_when_the_pack_is_loaded(tmp_path: Path) -> None:
    """Not a DOC005 on every document later: the config is refused, naming the file and the line."""
    with pytest.raises(ConfigError) as err:
        read_config(_pack(tmp_path, '[ke_hoach.sections.x]\nin = "nowhere"\n'))
    assert "sections.toml:2" in err.value.vi and "nowhere" in err.value.vi
    read_config.cache_clear()
    with pytest.raises(ConfigError) as err:
        read_config(_pack(tmp_path / "b", '[ke_hoach.sections.x]\nname_vi = "x"\npatterns = ["(abc"]\n'))
    assert "sections.toml:3" in err.value.vi and "(abc" in err.value.vi
    read_config.cache_clear()
    with pytest.raises(ConfigError) as err:
        read_config(_pack(tmp_path / "c", '[kh_tinh]\nextends = "ke_hoch"\ntypes = ["KH"]\n'))
    assert "sections.toml:2" in err.value.vi and "ke_hoach" in err.value.vi  # did you mean


@pytest.mark.corpus
@pytest.mark.slow
def _true_sec_labels() -> set[tuple[str, str, str]]:
    """(document, code, anchor) of the SEC findings labelled true on the corpus (benchmarks/labels/SEC.tsv,
    read against the documents; see its README)."""
    import csv

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "labels" / "SEC.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(
            (line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t"
        )
        return {(r["document"], r["code"], r["anchor"]) for r in rows if r["verdict"] == "true"}


def _stages() -> dict[str, str]:
    """The stage of each corpus document (benchmarks/labels/documents.tsv)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "labels" / "documents.tsv"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 2 and not line.startswith("#"):
            out[cells[0]] = cells[1]
    return out


def test_issued_corpus_documents_have_no_sec_warning_but_the_true_ones(corpus: Path) -> None:
    """The issued and submitted-for-signing corpus documents (every format; drafts may be incomplete and
    are not judged): every SEC finding was read against its document; what is left at warning or error is a
    finding labelled true in benchmarks/labels/SEC.tsv (an invitation that names no chair, …)."""
    import importlib.util
    import sys

    from doclint.evaluation import load_manifest

    spec = importlib.util.spec_from_file_location(
        "precision_anchor", Path(__file__).resolve().parents[1] / "benchmarks" / "precision.py"
    )
    precision = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = precision  # its dataclasses look their module up
    spec.loader.exec_module(precision)
    true = _true_sec_labels()
    stages = _stages()
    rows = [
        r
        for r in load_manifest(corpus)
        if Path(r["local_file"]).suffix in (".docx", ".txt", ".pdf", ".doc")
        and stages.get(r["local_file"]) in ("issued", "final")
    ]
    seen = 0
    # as a user runs them: the rules a section defers to (covered_by: TTL003 for the "V/v" line, RCPT004 for
    # "Kính gửi") are on, so SEC001 leaves those gaps to them
    config = Config(select=("SEC", "TTL003", "RCPT004"))
    for row in rows:
        result = lint_path(corpus / row["local_file"], config, keep_document=True)
        if result.error is not None or result.family != "administrative":
            continue
        seen += 1
        blocks = result.document.blocks
        loud = []
        for f in sec(result):
            if f.severity == "info":
                continue
            loc = f.location
            text = blocks[loc.block].text if loc.block is not None and 0 <= loc.block < len(blocks) else None
            anchor = precision.anchor_of(f.vi, f.excerpt, text, loc.start, loc.end)
            if (row["local_file"], f.code, anchor) not in true:
                loud.append((row["local_file"], f.code, f.vi))
        assert loud == [], loud
    assert seen >= 20


def test_example_pack_in_samples(tmp_path: Path) -> None:
    from doclint.analysis.sections import skeleton_for, skeletons
    from doclint.rulepack import load_pack

    pack = load_pack((str(Path(__file__).resolve().parents[1] / "samples" / "pack-tinh"),))
    found = skeletons(pack)
    assert found["ke_hoach_kiem_tra"].origin[0].endswith("pack-tinh/sections.toml")
    assert {s.key for s in found["ke_hoach_kiem_tra"].sections} >= {
        "muc_dich",
        "doan_kiem_tra",
        "to_chuc_thuc_hien",
    }
    assert skeleton_for(pack, "KH", "Kiểm tra công tác văn thư").key == "ke_hoach_kiem_tra"
    assert skeleton_for(pack, "KH", "Tuyên truyền cải cách hành chính").key == "ke_hoach"
    assert skeleton_for(pack, "BC", "Kết quả năm 2025") is None
    phrases = next(s for s in found["ke_hoach"].sections if s.key == "to_chuc_thuc_hien").phrases
    assert "tổ chức thực hiện" in phrases and "trách nhiệm của các cơ quan, đơn vị" in phrases


def test_plan_sections_out_of_order_and_first_article(tmp_path: Path) -> None:
    spec = plan("Tuyên truyền cải cách hành chính năm 2026")
    spec.body = [*spec.body[4:], *spec.body[:4]]  # TỔ CHỨC THỰC HIỆN first
    found = sec(lint_spec(spec, tmp_path), "SEC002")
    assert found and all("tổ chức thực hiện" in f.vi for f in found)
    body = [*QD_BODY[:3], *(line.replace("Điều ", "Điều 1", 1) for line in QD_BODY[3:])]  # Điều 11, 12, 13
    first = sec(lint_spec(quyet_dinh(body, ["- Như Điều 13;", "- Lưu: VT."]), tmp_path, "b.docx"), "SEC004")
    assert len(first) == 1 and "Điều 11" in first[0].vi


def test_explain_in_english(run_cli) -> None:
    code, out = run_cli("explain", "SEC001", "--lang", "en")
    assert code == 0 and "Section skeletons per document type" in out and "Invitation (giấy mời)" in out


def test_unanchored_phrases_found_as_with_the_look_behind():
    """A phrase searched without its leading look-behind (doclint.analysis.wordscan), then checked: same
    answer as the exact pattern, also where the phrase first occurs inside a word."""
    from doclint.analysis import wordscan
    from doclint.analysis.sections import _any_phrase_regex

    exact, loose = wordscan.split(_any_phrase_regex(["de nghi", "kinh moi"], anchored=False))
    assert loose is not None and wordscan.split(_any_phrase_regex(["de nghi"], anchored=True))[1] is None
    for text in ("de nghi", "xde nghi", "xde nghi roi de nghi", "kinh moi", "ukinh moi", "", "de ngh"):
        found = wordscan.search(exact, loose, text)
        assert (found and found.span()) == ((m := exact.search(text)) and m.span()), text


def test_builtin_skeleton_patterns_compile() -> None:
    """The built-in pack's patterns are compiled on first use, not when it is loaded: compile them all
    here so that a broken one still fails."""
    from doclint.analysis.sections import _skeletons_for

    patterns = [p for sk in _skeletons_for((), "").values() for spec in sk.sections for p in spec._patterns]
    assert len(patterns) >= 10
