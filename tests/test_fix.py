"""``doclint fix``: fixes as data on findings, the tracked changes written for each kind of fix, and the
promises a drafter relies on (the input untouched, the copy opens, accepting every change clears the
findings that were fixed, fixing the fixed copy changes nothing). Documents are invented (fixkit)."""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path

import pytest

from doclint.config import Config, with_overrides
from doclint.engine import lint_path
from doclint.fix import FixError, FixOptions, fix_path
from doclint.fix.docx import accept_all, reject_all
from doclint.fix.model import Fix
from doclint.load import load
from doclint.rulepack import load_pack
from tests.fixkit import FIXTURES, NS, OPTIONS, W, parts, texts, xml

DATE = "2026-05-04T03:02:01Z"
UNSAFE = {"TXT006", "TXT007", "CIT005", "FMT002"}


def make(tmp_path: Path, code: str) -> Path:
    return FIXTURES[code](tmp_path / f"{code.lower()}.docx")


def run_fix(src: Path, *, unsafe: bool = False, track: bool = True, config: Config | None = None, out=None):
    out = out or src.with_name(f"{src.stem}.fixed{src.suffix if src.suffix != '.doc' else '.docx'}")
    config = config or Config()
    options = FixOptions(unsafe=unsafe, track=track, date=DATE, preview=config.preview)
    report = fix_path(src, out, config, options)
    return out, report


def codes(path: Path, config: Config | None = None) -> list[str]:
    return [f.code for f in lint_path(path, config or Config()).findings]


def own(root, tag: str) -> list:
    return root.xpath(f"//w:{tag}[@w:author='doclint']", namespaces=NS)


# ---------------------------------------------------------------- fixes as data


def test_finding_carries_its_fix_and_json_says_schema_1_1(tmp_path, run_cli):
    src = make(tmp_path, "HDR003")
    result = lint_path(src, Config())
    found = next(f for f in result.findings if f.code == "HDR003")
    assert found.fix is not None and found.fix.applicability == "safe"
    assert [(e.old, e.text) for e in found.fix.edits] == [("–", "-"), ("–", "-")]
    _code, out = run_cli("check", src, "-f", "json", "--select", "HDR")
    data = json.loads(out)
    assert data["schema"] == 1 and data["schema_version"] == "1.1"
    fix = data["files"][0]["findings"][0]["fix"]
    assert (
        fix["applicability"] == "safe"
        and fix["edits"][0]["kind"] == "text"
        and fix["edits"][0]["text"] == "-"
    )
    assert Fix.from_dict(fix).edits == found.fix.edits


def test_fix_survives_the_result_cache(tmp_path):
    from doclint.cache import decode, encode

    result = lint_path(make(tmp_path, "FMT003"), Config())
    again = decode(encode(result), result.path)
    assert [f.fix for f in again.findings] == [f.fix for f in result.findings]
    assert any(f.fix is not None for f in again.findings)


def test_every_fixable_rule_has_a_fixture_and_the_toml_says_what_the_code_does(tmp_path):
    """``fix`` in each rule's TOML agrees with its check: "none" never attaches a fix, "unsafe" only unsafe
    ones, "safe" at least one safe one — on a document made to trigger every fixable rule."""
    from doclint.checks import check_for
    from doclint.context import Context
    from doclint.load import load
    from doclint.recognise import recognise

    pack = load_pack()
    declared = {code: meta.fix for code, meta in pack.rules.items()}
    assert set(declared.values()) <= {"safe", "unsafe", "none"}
    fixable = {code for code, fix in declared.items() if fix != "none"}
    assert fixable == set(FIXTURES), "a fixture per fixable rule, and a TOML fix for every fixture"
    seen: dict[str, set[str]] = {}
    docs = [(make(tmp_path, code), OPTIONS.get(code, ())) for code in sorted(FIXTURES)]
    docs += [(p, ()) for p in sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.docx"))]
    for path, options in docs:
        doc = load(path)
        config = with_overrides(Config(), options=options)
        ctx = Context(doc=doc, rec=recognise(doc, pack), config=config, pack=pack)
        for code in pack.rules:
            fn = check_for(code)
            if fn is None:
                continue
            for f in fn(ctx):
                if f.fix is not None:
                    seen.setdefault(code, set()).add(f.fix.applicability)
    for code, kinds in seen.items():
        assert declared[code] != "none", f'{code} attaches a fix but its TOML says fix = "none"'
        if declared[code] == "unsafe":
            assert kinds == {"unsafe"}, f"{code}: TOML unsafe, code {kinds}"
    for code in fixable:
        assert code in seen, f"{code}: TOML says fix = {declared[code]!r}, the fixture got no fix"
        if declared[code] == "safe":
            assert "safe" in seen[code], f"{code}: TOML safe, only {seen[code]} fixes"


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_each_fix_clears_its_finding_once_accepted(tmp_path, code):
    src = make(tmp_path, code)
    config = with_overrides(Config(preview=True), options=OPTIONS.get(code, ()))  # preview rules' fixes too
    before = codes(src, config)
    assert code in before
    raw = src.read_bytes()
    out, report = run_fix(src, unsafe=code in UNSAFE, config=config)
    assert src.read_bytes() == raw, "the input is never written"
    assert code in report.by_rule()
    accepted = tmp_path / "accepted.docx"
    accept_all(out, accepted)
    after = codes(accepted, config)
    assert code not in after
    assert set(after) <= set(before), "accepting the fixes reports nothing new"
    assert codes(out, config) == after, "the tracked copy already reads as accepted"
    _, again = run_fix(out, unsafe=code in UNSAFE, out=tmp_path / "again.docx", config=config)
    assert again.count == 0, "fixing a fixed copy changes nothing"
    rejected = tmp_path / "rejected.docx"
    reject_all(out, rejected)
    assert code in codes(rejected, config), "rejecting every change gives the draft back"


# ---------------------------------------------------------------- the tracked-change XML, kind by kind


def test_text_edit_is_a_deletion_and_an_insertion_by_doclint_with_the_run_formatting(tmp_path):
    out, _ = run_fix(make(tmp_path, "HDR003"))
    root = xml(out)
    assert texts(root, "//w:del[@w:author='doclint']//w:delText") == ["–", "–"]
    assert texts(root, "//w:ins[@w:author='doclint']//w:t") == ["-", "-"]
    for mark in own(root, "del") + own(root, "ins"):
        assert mark.get(f"{{{W}}}date") == DATE and mark.get(f"{{{W}}}id").isdigit()
    ins_run = own(root, "ins")[0].find("w:r", NS)
    assert (
        ins_run.find("w:rPr/w:b", NS) is not None
        and ins_run.find("w:rPr/w:sz", NS).get(f"{{{W}}}val") == "28"
    )
    # the unchanged words stay in their own runs, untouched
    assert "".join(texts(root, "//w:p[.//w:del]//w:t")) == "Độc lập - Tự do - Hạnh phúc"


def test_an_edit_across_runs_splits_them_and_each_keeps_its_formatting(tmp_path):
    import docx

    src = make(tmp_path, "HDR002")
    document = docx.Document(str(src))
    p = next(p for p in document.paragraphs + [q for t in document.tables for c in t._cells for q in c.paragraphs]
             if p.text.startswith("Cộng hòa"))  # fmt: skip
    first = p.runs[0]
    first.text = "Cộng hòa xã hội "
    second = p.add_run("chủ nghĩa Việt Nam")
    second.bold, second.italic = True, True
    document.save(str(src))
    out, report = run_fix(src)
    assert report.by_rule() == {"HDR002": 1}
    root = xml(out)
    deleted = own(root, "del")
    assert ["".join(d.itertext()) for d in deleted] == ["ộng hòa xã hội ", "chủ nghĩa Việt Nam"]
    italic = [d.find("w:r/w:rPr/w:i", NS) for d in deleted]
    assert italic[0].get(f"{{{W}}}val") == "0" and italic[1].get(f"{{{W}}}val") is None
    inserted = own(root, "ins")
    assert ["".join(i.itertext()) for i in inserted] == ["ỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    kept = root.xpath("//w:r[w:t='C']", namespaces=NS)
    assert kept, "the unchanged first letter is cut off its run, not rewritten"


def test_insertion_joins_its_left_neighbour_formatting(tmp_path):
    out, _ = run_fix(make(tmp_path, "CIT003"))
    root = xml(out)
    assert own(root, "del") == []
    assert texts(root, "//w:ins[@w:author='doclint']//w:t") == ["số "]


def test_nfc_fix_rewrites_the_stored_characters(tmp_path):
    out, _ = run_fix(make(tmp_path, "TXT001"))
    root = xml(out)
    old = "".join(texts(root, "//w:del[@w:author='doclint']//w:delText"))
    new = "".join(texts(root, "//w:ins[@w:author='doclint']//w:t"))
    assert old and not unicodedata.is_normalized("NFC", old)
    assert new == unicodedata.normalize("NFC", old)


def test_legacy_text_converted_and_set_in_times_new_roman(tmp_path):
    out, _ = run_fix(make(tmp_path, "TXT002"))
    root = xml(out)
    inserted = own(root, "ins")
    accepted = tmp_path / "accepted.docx"
    accept_all(out, accepted)
    shown = [b.text for b in load(accepted).blocks]
    assert (
        "Các cơ quan được giao nhiệm vụ thực hiện nghiêm túc kế hoạch này, báo cáo kết quả đúng hạn." in shown
    )
    assert any(t.startswith("Số liệu năm 2026 được tổng hợp đầy đủ, chính xác, gửi về Ủy ban") for t in shown)
    for ins in inserted:
        fonts = ins.find("w:r/w:rPr/w:rFonts", NS)
        assert fonts.get(f"{{{W}}}ascii") == fonts.get(f"{{{W}}}hAnsi") == "Times New Roman"
    # the runs that read the same in Unicode keep their text and change font (w:rPrChange keeps .VnTime)
    changes = root.xpath(
        "//w:rPrChange[@w:author='doclint']/w:rPr/w:rFonts[@w:ascii='.VnTime']", namespaces=NS
    )
    assert changes
    for old in changes:
        now = old.getparent().getparent().getparent().find("w:rFonts", NS)
        assert now.get(f"{{{W}}}ascii") == "Times New Roman"
    ids = [el.get(f"{{{W}}}id") for el in root.xpath("//*[@w:author='doclint']", namespaces=NS)]
    assert len(ids) == len(set(ids)), "every revision has its own id, also in runs split in two"


def test_run_formatting_change_keeps_the_old_properties(tmp_path):
    out, _ = run_fix(make(tmp_path, "FMT011"))
    root = xml(out)
    changes = own(root, "rPrChange")
    assert changes
    for change in changes:
        rpr = change.getparent()
        assert rpr.find("w:color", NS).get(f"{{{W}}}val") == "auto"
        assert change.find("w:rPr/w:color", NS).get(f"{{{W}}}val") == "0000FF"
        assert rpr[-1] is change, "w:rPrChange is the last child of w:rPr"


def test_paragraph_change_keeps_the_old_properties(tmp_path):
    out, _ = run_fix(make(tmp_path, "FMT006"))
    root = xml(out)
    changes = own(root, "pPrChange")
    assert changes
    for change in changes:
        ppr = change.getparent()
        assert ppr.find("w:jc", NS).get(f"{{{W}}}val") == "both"
        assert change.find("w:pPr/w:jc", NS).get(f"{{{W}}}val") == "left"
        order = [el.tag.split("}")[1] for el in ppr]
        assert order.index("spacing") < order.index("jc") < order.index("pPrChange") == len(order) - 1


def test_section_change_keeps_the_old_page_setup(tmp_path):
    out, _ = run_fix(make(tmp_path, "FMT003"))
    root = xml(out)
    (change,) = own(root, "sectPrChange")
    sect = change.getparent()
    assert sect.find("w:pgMar", NS).get(f"{{{W}}}left") == str(round(30 * 1440 / 25.4))
    assert sect.find("w:pgMar", NS).get(f"{{{W}}}right") == str(round(20 * 1440 / 25.4))
    assert change.find("w:sectPr/w:pgMar", NS).get(f"{{{W}}}left") == str(round(25 * 1440 / 25.4))
    assert change.find("w:sectPr/w:headerReference", NS) is None


def test_page_numbers_added_centred_in_the_header_from_page_2(tmp_path):
    out, _ = run_fix(make(tmp_path, "FMT010"))
    root = xml(out)
    (change,) = own(root, "sectPrChange")
    sect = change.getparent()
    assert sect.find("w:titlePg", NS) is not None and change.find("w:sectPr/w:titlePg", NS) is None
    headers = parts(out, "word/header")
    numbered = [
        h for h in headers.values() if h.xpath("//w:ins[@w:author='doclint']//w:instrText", namespaces=NS)
    ]
    assert len(numbered) == 1
    (instr,) = texts(numbered[0], "//w:instrText")
    assert instr.strip() == "PAGE"
    assert numbered[0].find(".//w:p/w:pPr/w:jc", NS).get(f"{{{W}}}val") == "center"
    kinds = {ref.get(f"{{{W}}}type") for ref in sect.findall("w:headerReference", NS)}
    assert kinds == {"default", "first"}


def test_page_number_in_the_footer_moves_to_the_header(tmp_path):
    from doclint.testing import AdminDoc, build_docx
    from tests.fixkit import LONG

    src = build_docx(AdminDoc(body=[LONG + "."] * 40, page_number="footer"), tmp_path / "footer.docx")
    assert "FMT010" in codes(src)
    out, _ = run_fix(src)
    footers = parts(out, "word/footer")
    assert any(
        f.xpath("//w:del[@w:author='doclint']//w:delInstrText", namespaces=NS) for f in footers.values()
    )
    assert "FMT010" not in codes(out)


def test_a_framed_page_number_loses_its_frame_too(tmp_path):
    """Word's page-number button puts the field in a framed paragraph (w:framePr); LibreOffice reads it
    as a text frame and drops a deletion inside it, so the frame is removed as a tracked w:pPrChange."""
    import zipfile

    from doclint.testing import AdminDoc, build_docx
    from tests.fixkit import LONG

    src = build_docx(AdminDoc(body=[LONG + "."] * 40, page_number="footer"), tmp_path / "footer.docx")
    framed = tmp_path / "framed.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(framed, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("word/footer"):
                text = data.decode("utf-8")
                frame = '<w:framePr w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="center" w:y="1"/>'
                if "<w:pPr>" in text:
                    text = text.replace("<w:pPr>", "<w:pPr>" + frame, 1)
                else:
                    text = text.replace("<w:p>", f"<w:p><w:pPr>{frame}</w:pPr>", 1)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    assert "FMT010" in codes(framed)
    out, _ = run_fix(framed)
    footer = next(f for f in parts(out, "word/footer").values() if f.xpath("//w:delInstrText", namespaces=NS))
    (change,) = footer.xpath("//w:pPrChange[@w:author='doclint']", namespaces=NS)
    assert change.xpath("w:pPr/w:framePr", namespaces=NS), "rejecting gives the frame back"
    assert not footer.xpath("//w:p/w:pPr/w:framePr", namespaces=NS)
    accepted = tmp_path / "accepted.docx"
    accept_all(out, accepted)
    assert "FMT010" not in codes(accepted)


def test_fields_bookmarks_comments_tables_and_text_boxes_survive(tmp_path):
    import docx
    from docx.oxml import parse_xml

    src = make(tmp_path, "HDR003")
    document = docx.Document(str(src))
    body = document.element.body
    target = next(p for p in document.paragraphs if len(p.text) > 80)
    document.add_comment(target.runs, text="Ý kiến của người duyệt", author="Người duyệt")
    mark = parse_xml(f'<w:bookmarkStart xmlns:w="{W}" w:id="0" w:name="muc_1"/>')
    target._p.insert(1, mark)
    target._p.append(parse_xml(f'<w:bookmarkEnd xmlns:w="{W}" w:id="0"/>'))
    before = {
        tag: len(body.xpath(f".//w:{tag}"))
        for tag in ("tbl", "fldChar", "bookmarkStart", "commentRangeStart")
    }
    document.save(str(src))
    out, report = run_fix(src)
    assert report.count
    root = xml(out)
    after = {tag: len(root.xpath(f"//w:{tag}", namespaces=NS)) for tag in before}
    assert after == before
    assert parts(out, "word/comments")
    headers = parts(out, "word/header")
    assert any(h.xpath("//w:instrText", namespaces=NS) for h in headers.values()), "the header's PAGE field"


def test_text_in_a_text_box_is_fixed_in_place(tmp_path):
    import docx
    from docx.oxml import parse_xml

    src = make(tmp_path, "HDR003")
    document = docx.Document(str(src))
    box = parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:300pt;height:60pt">'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Thực hiện kế hoạch của Ủy ban nhân dân tỉnh , các đơn vị triển "
        "khai ngay.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    next(p for p in document.paragraphs if len(p.text) > 80)._p.append(box)
    document.save(str(src))
    assert "TXT004" in codes(src)
    out, report = run_fix(src)
    assert report.by_rule().get("TXT004") == 1
    root = xml(out)
    (content,) = root.xpath("//w:txbxContent", namespaces=NS)
    assert content.xpath(".//w:del[@w:author='doclint']//w:delText", namespaces=NS)[0].text == " "
    accepted = tmp_path / "accepted.docx"
    accept_all(out, accepted)
    assert any(b.kind == "textbox" and "tỉnh, các" in b.text for b in load(accepted).blocks)


def test_text_in_a_field_is_not_edited(tmp_path):
    """A date line Word computes (a DATE field) is the field's result: editing it is pointless."""
    import docx

    from doclint.testing import add_field

    src = make(tmp_path, "TXT004")
    document = docx.Document(str(src))
    p = next(p for p in document.paragraphs if "tỉnh ," in p.text)
    for r in list(p.runs):
        r._element.getparent().remove(r._element)
    add_field(p, "QUOTE", "Thực hiện kế hoạch của Ủy ban nhân dân tỉnh , các đơn vị triển khai.")
    document.save(str(src))
    assert "TXT004" in codes(src)
    _, report = run_fix(src)
    assert "TXT004" not in report.by_rule()
    assert any(f.code == "TXT004" for f, _fix, _why in report.skipped)


# ---------------------------------------------------------------- policy, options, guards


def test_unsafe_fixes_wait_for_unsafe(tmp_path):
    src = make(tmp_path, "TXT007")
    _, report = run_fix(src)
    assert "TXT007" not in report.by_rule()
    _, report = run_fix(src, unsafe=True)
    assert report.by_rule().get("TXT007") == 1


def test_preview_rules_fix_only_with_preview():
    from dataclasses import replace

    from doclint.findings import Finding
    from doclint.fix import build as fx
    from doclint.fix.select import Policy, choose
    from doclint.model import Block
    from doclint.rulepack import RulePack

    pack = load_pack()
    preview = RulePack(dict(pack.rules), pack.tables, pack.sources, pack.families)
    preview.rules["HDR003"] = replace(pack.rules["HDR003"], maturity="preview")
    finding = Finding("HDR003", "", "", fix=fx.safe(fx.replace(Block(0, "a – b"), 0, 5, "a - b")))
    assert choose([finding], preview, Policy())[0] == []
    assert len(choose([finding], preview, Policy(preview=True))[0]) == 1
    assert len(choose([finding], pack, Policy())[0]) == 1


def test_tone_style_of_the_house_is_a_safe_fix(tmp_path):
    src = make(tmp_path, "TXT005")
    config = with_overrides(Config(), options=(("tone-style", "old"),))
    result = lint_path(src, config)
    (found,) = [f for f in result.findings if f.code == "TXT005"]
    assert found.fix.applicability == "safe"
    (plain,) = [f for f in lint_path(src, Config()).findings if f.code == "TXT005"]
    assert plain.fix.applicability == "unsafe"  # the document's own majority is only likely


def test_no_track_applies_directly(tmp_path):
    out, report = run_fix(make(tmp_path, "HDR003"), track=False)
    root = xml(out)
    assert report.count and own(root, "ins") == [] and own(root, "del") == []
    assert "Độc lập - Tự do - Hạnh phúc" in "".join(texts(root, "//w:t"))
    assert "HDR003" not in codes(out)


def test_select_and_ignore_limit_the_fixes(tmp_path):
    src = make(tmp_path, "FMT003")
    _, report = run_fix(src, config=with_overrides(Config(), ignore=("FMT",)))
    assert "FMT003" not in report.by_rule()
    _, report = run_fix(src, config=with_overrides(Config(), select=("FMT003",)))
    assert set(report.by_rule()) == {"FMT003"}


def test_cli_writes_a_readable_copy_beside_the_input_and_never_over_it(tmp_path, run_cli):
    src = make(tmp_path, "HDR003")
    raw = src.read_bytes()
    old = os.umask(0o022)
    try:
        code, out = run_cli("fix", src)
    finally:
        os.umask(old)
    assert code == 0, out
    copy = tmp_path / "hdr003.doclint-sua.docx"
    assert copy.exists() and "HDR003 ×1" in out
    assert stat.S_IMODE(copy.stat().st_mode) == 0o644
    assert src.read_bytes() == raw
    code, out = run_cli("fix", src, "-o", src)
    assert code == 2 and "tệp gốc" in out
    link = tmp_path / "link.docx"
    link.symlink_to(src)
    code, out = run_cli("fix", src, "-o", link)
    assert code == 2 and src.read_bytes() == raw


def test_cli_diff_prints_the_text_changes_and_writes_nothing(tmp_path, run_cli):
    src = make(tmp_path, "HDR003")
    code, out = run_cli("fix", src, "--diff")
    assert code == 0
    assert "-Độc lập – Tự do – Hạnh phúc" in out and "+Độc lập - Tự do - Hạnh phúc" in out
    assert not (tmp_path / "hdr003.doclint-sua.docx").exists()


def test_pdf_is_not_fixable(tmp_path, run_cli):
    pdf = tmp_path / "van-ban.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(FixError) as err:
        fix_path(pdf, None, Config())
    assert "PDF" in err.value.message("vi") and "docx" in err.value.message("en")
    code, out = run_cli("fix", pdf)
    assert code == 2 and "PDF" in out


def test_plain_text_fixed_copy_and_diff(tmp_path, run_cli):
    src = tmp_path / "ke-hoach.txt"
    text = ("ỦY BAN NHÂN DÂN\nXÃ LIÊN MINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\r\n"
            "Số: 5/KH-UBND\nLiên Minh, ngày 05 tháng 5 năm 2026\nKẾ HOẠCH\n"
            "Thực hiện kế hoạch của Ủy ban nhân dân tỉnh , các đơn vị triển khai thực hiện nghiêm túc.\n")  # fmt: skip
    src.write_bytes(text.encode("utf-8"))
    _code, out = run_cli("fix", src, "--diff")
    assert "+Độc lập - Tự do - Hạnh phúc" in out and "+Số: 05/KH-UBND" in out
    out_path, _ = run_fix(src)
    fixed = out_path.read_bytes().decode("utf-8")
    assert "Độc lập - Tự do - Hạnh phúc\r\n" in fixed and "Số: 05/KH-UBND\n" in fixed
    assert "tỉnh, các" in fixed
    assert src.read_bytes() == text.encode("utf-8")
    assert not {"HDR003", "NUM003", "TXT004"} & set(codes(out_path))


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_doc_is_converted_then_fixed(tmp_path):
    import subprocess

    src = make(tmp_path, "HDR003")
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
                   capture_output=True, timeout=180, check=True)  # fmt: skip
    doc = tmp_path / "hdr003.doc"
    out, report = run_fix(doc)
    assert out.suffix == ".docx" and report.by_rule().get("HDR003") == 1
    assert "HDR003" not in codes(out)


# ---------------------------------------------------------------- annotate and the web page


def test_annotate_fix_writes_comments_and_tracked_changes(tmp_path, run_cli):
    src = make(tmp_path, "HDR003")
    out = tmp_path / "both.docx"
    code, text = run_cli("annotate", src, "-o", out, "--fix")
    assert code == 0, text
    root = xml(out)
    assert own(root, "ins") and root.xpath("//w:commentRangeStart", namespaces=NS)
    comments = parts(out, "word/comments")
    assert any("HDR003" in "".join(c.itertext()) for c in comments.values())


def test_serve_hook_offers_the_fixed_copy(tmp_path):
    from doclint.serve.work import fixed_docx

    src = make(tmp_path, "HDR003")
    result = lint_path(src, Config(), keep_document=True)
    data = fixed_docx(result, "vi")
    assert data and data[:2] == b"PK"
    clean = make(tmp_path, "FMT003")
    result = lint_path(clean, with_overrides(Config(), select=("HDR004",)), keep_document=True)
    assert fixed_docx(result, "vi") is None  # nothing to fix: no copy offered


def test_serve_fixed_copy_keeps_to_the_rules_the_page_checked(tmp_path):
    """A page that checked only some rules (select) offers a copy with only their fixes, also in the
    passes after the first."""
    from doclint.serve.work import fixed_docx
    from doclint.testing import AdminDoc, build_docx
    from tests.fixkit import LONG

    src = build_docx(
        AdminDoc(tieu_ngu="Độc lập – Tự do – Hạnh phúc", number="Số: 5/KH-UBND", body=[LONG + "."] * 3),
        tmp_path / "two.docx",
    )
    config = with_overrides(Config(), select=("HDR",))
    result = lint_path(src, config, keep_document=True)
    assert all(f.code.startswith("HDR") for f in result.findings)
    data = fixed_docx(result, "vi", config)
    assert data
    copy = tmp_path / "copy.docx"
    copy.write_bytes(data)
    accepted = tmp_path / "accepted.docx"
    accept_all(copy, accepted)
    texts_after = [b.text for b in load(accepted).blocks]
    assert "Độc lập - Tự do - Hạnh phúc" in texts_after
    assert "Số: 5/KH-UBND" in texts_after, "NUM003 was not checked: its fix is not applied"


def test_adding_so_does_not_change_what_red005_compares():
    """CIT003 adds "số" before a number; RED005's repeated-citation count must read both spellings
    as the same words, or accepting the fix would make a repetition appear."""
    from doclint.checks.red import word_tokens

    def keys(text: str) -> list[str]:
        return [t.key for t in word_tokens(text, 0)]

    assert keys("thay thế Nghị định số 72/2013/NĐ-CP và Nghị định số 27/2018/NĐ-CP") == keys(
        "thay thế Nghị định 72/2013/NĐ-CP và Nghị định 27/2018/NĐ-CP"
    )
    assert "số" in keys("số lượng 27 người")  # only before a document's number


def test_a_gap_of_spaces_inside_a_sentence_is_closed_a_column_is_not(tmp_path):
    """A line break turned into spaces in the middle of prose ("theo         kế hoạch") is a slip to close;
    spaces that line up a form ("Họ và tên:          Nguyễn…") or come before a name are left alone."""
    from doclint.testing import build_docx
    from tests.fixkit import LONG, _spec

    gap = "Các đơn vị phối hợp công tác theo         kế hoạch đã được phê duyệt, báo cáo kết quả đúng hạn."
    column = "Họ và tên:            Nguyễn Văn An, chức vụ chuyên viên phòng tổ chức hành chính của đơn vị."
    src = build_docx(_spec(body=[gap, column, LONG + "."]), tmp_path / "gap.docx")
    out, report = run_fix(src)
    assert report.by_rule().get("TXT004") == 1
    accepted = tmp_path / "accepted.docx"
    accept_all(out, accepted)
    shown = [b.text for b in load(accepted).blocks]
    assert gap.replace("theo         kế", "theo kế") in shown
    assert column in shown
