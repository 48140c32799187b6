"""Word comments: one per finding, on the exact words, input never modified, opens in Word tools."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
import reportkit as kit
from lxml import etree

from doclint.annotate import AnnotateError, annotate_docx, annotate_result, annotate_results, split_run
from doclint.engine import FileResult
from doclint.findings import Finding, Location

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
needs_seed = pytest.mark.skipif(kit.seed_text_path() is None, reason="seed plan not found (shared/seeds)")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commented_text(path: Path) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd, in document order."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    active: set[str] = set()
    out: dict[str, str] = {}
    for el in root.iter():
        if el.tag == f"{{{W}}}commentRangeStart":
            active.add(el.get(f"{{{W}}}id"))
            out.setdefault(el.get(f"{{{W}}}id"), "")
        elif el.tag == f"{{{W}}}commentRangeEnd":
            active.discard(el.get(f"{{{W}}}id"))
        elif el.tag in (f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br") and el.getparent().tag == f"{{{W}}}r":
            piece = el.text or "" if el.tag == f"{{{W}}}t" else ("\t" if el.tag == f"{{{W}}}tab" else "\n")
            if el.tag == f"{{{W}}}br" and el.get(f"{{{W}}}type") == "page":
                piece = ""
            for cid in active:
                out[cid] += piece
        elif el.tag == f"{{{W}}}p" and active:
            for cid in active:
                out[cid] += "\n"
    return {cid: unicodedata.normalize("NFC", text) for cid, text in out.items()}


def comments(path: Path) -> list[tuple[str, str, str]]:
    """(id, author, text) of every comment."""
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return []
        root = etree.fromstring(z.read("word/comments.xml"))
    out = []
    for c in root.iter(f"{{{W}}}comment"):
        paras = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in c.iter(f"{{{W}}}p")]
        out.append((c.get(f"{{{W}}}id"), c.get(f"{{{W}}}author"), "\n".join(paras)))
    return out


@pytest.fixture
def seed_docx(tmp_path) -> Path:
    if kit.seed_text_path() is None:
        pytest.skip("seed plan not found (shared/seeds)")
    sample = kit.seed_docx_sample()
    if sample is not None:
        copy = tmp_path / sample.name
        shutil.copyfile(sample, copy)
        return copy
    return kit.make_seed_docx(tmp_path / "ke-hoach-du-thao.docx")


def test_one_comment_per_finding_on_the_exact_words(seed_docx, tmp_path):
    before = sha(seed_docx)
    result = kit.result_for(seed_docx)
    out = tmp_path / "out" / "annotated.docx"
    report = annotate_result(result, out)
    assert sha(seed_docx) == before  # the input is never modified
    assert report.count == len(result.findings)
    text_anchored = [f for f in result.findings if f.location.start is not None]
    assert sum(1 for c in report.comments if c.exact) == len(text_anchored) > 5

    import docx

    reopened = docx.Document(str(out))
    assert len(list(reopened.comments)) == len(result.findings)
    listed = comments(out)
    ranges = commented_text(out)
    assert len(listed) == len(result.findings)
    for (cid, author, text), anchored in zip(listed, report.comments):
        finding = anchored.finding
        assert author == "doclint"
        assert text.startswith(f"[{finding.code}]") and finding.basis in text
        if finding.suggestion:
            assert finding.suggestion in text
        if finding.location.start is not None:
            assert ranges[cid] == finding.excerpt, (finding.code, ranges[cid])
        else:  # no text position: the first paragraph of the section
            assert ranges[cid].strip()
    # the text of the document is unchanged by the run splits
    from doclint.load import load

    assert [b.text for b in load(out).blocks] == [b.text for b in load(seed_docx).blocks]


def test_overlapping_findings_in_one_run(tmp_path):
    import docx

    path = tmp_path / "one-run.docx"
    d = docx.Document()
    d.add_paragraph("Các Các cơ quan hành chính Nhà nước")
    d.save(str(path))
    findings = [
        Finding("RED001", "lặp", "repeat", location=Location(block=0, start=0, end=7), excerpt="Các Các"),
        Finding("CAP002", "hoa", "caps", location=Location(block=0, start=4, end=11), excerpt="Các cơ "),
        Finding("CAP002", "hoa", "caps", location=Location(block=0, start=27, end=35), excerpt="Nhà nước"),
    ]
    out = tmp_path / "one-run.doclint.docx"
    report = annotate_docx(path, out, findings)
    assert all(c.exact for c in report.comments)
    assert sorted(commented_text(out).values()) == ["Các Các", "Các cơ ", "Nhà nước"]


def test_split_run_keeps_formatting():
    r = etree.fromstring(
        f'<w:r xmlns:w="{W}"><w:rPr><w:b/></w:rPr><w:t>ab</w:t><w:tab/><w:t xml:space="preserve">cd ef</w:t></w:r>'
    )
    parent = etree.Element(f"{{{W}}}p")
    parent.append(r)
    head, tail = split_run(r, 4, 8)
    texts = ["".join(x.text or "" for x in el.iter(f"{{{W}}}t")) for el in (head, tail)]
    assert texts == ["abc", "d ef"]
    assert tail.find(f"{{{W}}}rPr/{{{W}}}b") is not None and len(parent) == 2


def test_pdf_and_doc_inputs_are_refused_with_a_clear_message(tmp_path):
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(AnnotateError) as info:
        annotate_docx(pdf, tmp_path / "x.docx", [])
    assert "DOCX" in info.value.message("vi") and "PDF" in info.value.message("vi")
    doc = tmp_path / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(AnnotateError) as info:
        annotate_docx(doc, tmp_path / "x.docx", [])
    assert "convert-to docx" in info.value.message("en")


def test_refuses_to_write_over_the_input(seed_docx):
    with pytest.raises(AnnotateError):
        annotate_docx(seed_docx, seed_docx, [])


def test_annotate_results_for_a_folder(seed_docx, tmp_path, capsys):
    result = kit.result_for(seed_docx)
    pdf = FileResult(path=str(tmp_path / "scan.pdf"), format="pdf")
    reports = annotate_results([result, result, pdf], tmp_path / "annotated")
    names = sorted(r.output.name for r in reports)
    assert names == [f"{seed_docx.stem}-2.doclint.docx", f"{seed_docx.stem}.doclint.docx"]
    assert "DOCX" in capsys.readouterr().err


def test_cli_annotate(seed_docx, tmp_path):
    from typer.testing import CliRunner

    from doclint import cli

    app = cli.app
    if not any((c.name or c.callback.__name__) == "annotate" for c in app.registered_commands):
        cli._register_plugins()  # main() does this before running the app
    before = sha(seed_docx)
    out = tmp_path / "cli.docx"
    res = CliRunner().invoke(app, ["annotate", str(seed_docx), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.is_file() and sha(seed_docx) == before
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    res = CliRunner().invoke(app, ["annotate", str(pdf)])
    assert res.exit_code == 2 and "DOCX" in res.output


@pytest.mark.slow
def test_annotated_copy_converts_with_libreoffice(seed_docx, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed in CI")
        pytest.skip("LibreOffice (soffice) not installed")
    result = kit.result_for(seed_docx)
    out = tmp_path / "annotated.docx"
    annotate_result(result, out)
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(out)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / "annotated.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), proc.stdout + proc.stderr


def test_split_in_decomposed_unicode(tmp_path):
    import docx

    decomposed = unicodedata.normalize("NFD", "Phó Giám đốc Bảo hiểm xã hội")
    path = tmp_path / "to-hop.docx"
    d = docx.Document()
    d.add_paragraph().add_run(decomposed)
    d.save(str(path))
    target = "Giám đốc"
    start = unicodedata.normalize("NFC", decomposed).index(target)
    f = Finding(
        "TXT001", "tổ hợp", "decomposed", location=Location(block=0, start=start, end=start + len(target))
    )
    report = annotate_docx(path, tmp_path / "out.docx", [f])
    assert report.comments[0].exact
    assert list(commented_text(tmp_path / "out.docx").values()) == [target]


@pytest.mark.corpus
@pytest.mark.slow
def test_every_corpus_docx_maps_runs_exactly(tmp_path):
    """A comment on the middle third of every seventh paragraph of every corpus DOCX covers exactly
    that text; the document text is unchanged; the input is untouched. (Text boxes fall back to the
    paragraph holding the box, by design.)"""
    from doclint.errors import LoadError
    from doclint.load import load

    shared = kit.shared_dir()
    folder = shared / "corpus" / "docx" if shared else None
    if folder is None or not folder.is_dir():
        pytest.skip("corpus not found (shared/corpus/docx)")
    total = exact = 0
    for path in sorted(folder.glob("*.docx")):
        try:
            doc = load(path)
        except LoadError:
            continue
        findings = []
        for block in doc.blocks[::7]:
            text = block.text
            a, b = len(text) // 3, 2 * len(text) // 3
            if len(text.strip()) >= 6 and text[a:b].strip():
                loc = Location(block=block.index, start=a, end=b)
                findings.append(Finding("TXT010", "x", "x", location=loc, excerpt=text[a:b]))
        before = sha(path)
        out = tmp_path / path.name
        report = annotate_docx(path, out, findings, blocks=doc.blocks)
        assert sha(path) == before
        ids = [c[0] for c in comments(out)][-report.count :]
        ranges = commented_text(out)
        for cid, anchored in zip(ids, report.comments):
            total += 1
            if anchored.exact:
                exact += 1
                assert ranges[cid] == anchored.finding.excerpt, (path.name, cid)
        assert [b.text for b in load(out).blocks] == [b.text for b in doc.blocks], path.name
    assert total > 500 and exact / total > 0.98


def test_missing_component_anchors_where_the_reader_looks(tmp_path):
    import docx

    path = tmp_path / "thieu.docx"
    d = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN", "Nội dung", "Đoạn cuối./."):
        d.add_paragraph(text)
    d.save(str(path))
    findings = [
        Finding("SIG001", "thiếu chữ ký", "no signature", location=Location(component="signature")),
        Finding("HDR001", "thiếu quốc hiệu", "no title", location=Location(component="quoc_hieu")),
    ]
    out = tmp_path / "out.docx"
    annotate_docx(path, out, findings)
    assert sorted(commented_text(out).values()) == ["Đoạn cuối./.", "ỦY BAN NHÂN DÂN"]


def test_real_rules_on_the_samples(tmp_path):
    """With the real rule pack: every finding with a text position is commented on exactly its text."""
    from doclint.config import Config
    from doclint.engine import lint_path

    samples = sorted((Path(__file__).parent.parent / "samples").glob("*.docx"))
    if not samples:
        pytest.skip("samples/ has no DOCX")
    checked = 0
    for path in samples:
        result = lint_path(path, Config(), keep_document=True)
        if result.error is not None:
            continue
        out = tmp_path / f"{path.stem}.docx"
        report = annotate_result(result, out)
        assert report.count == len(result.findings)
        ids = [c[0] for c in comments(out)]
        ranges = commented_text(out)
        blocks = result.document.blocks
        for cid, anchored in zip(ids, report.comments):
            loc = anchored.finding.location
            if (
                loc.block is not None
                and loc.start is not None
                and loc.end is not None
                and loc.end > loc.start
            ):
                assert anchored.exact, (path.name, anchored.finding.code)
                assert ranges[cid] == blocks[loc.block].text[loc.start : loc.end], (
                    path.name,
                    anchored.finding.code,
                )
                checked += 1
    assert checked > 0


def test_annotating_again_replaces_doclints_own_comments(tmp_path):
    """Re-running on an annotated copy (after partial fixes) does not double the comments; a reviewer's
    comment stays."""
    from doclint.config import Config
    from doclint.engine import lint_path

    sample = Path(__file__).resolve().parents[1] / "samples" / "ke-hoach-226-xa-lien-minh.docx"
    first = tmp_path / "kh.doclint.docx"
    result = lint_path(sample, Config(), keep_document=True)
    n = annotate_result(result, first).count
    # a reviewer adds a comment of their own in the annotated copy
    import docx

    document = docx.Document(str(first))
    document.add_comment(document.paragraphs[0].runs[0], text="Xem lại", author="CVP", initials="CVP")
    document.save(str(first))
    second = tmp_path / "kh2.docx"
    report = annotate_result(lint_path(first, Config(), keep_document=True), second)
    assert report.replaced == n and report.count == n
    authors = [author for _id, author, _text in comments(second)]
    assert authors.count("doclint") == n and authors.count("CVP") == 1


def test_copy_follows_the_umask_and_never_goes_through_a_link_to_the_input(seed_docx, tmp_path):
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "shared.docx"
        annotate_docx(seed_docx, out, [])
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
    finally:
        os.umask(old)
    before = sha(seed_docx)
    link = tmp_path / "link.docx"
    link.symlink_to(seed_docx)
    with pytest.raises(AnnotateError):
        annotate_docx(seed_docx, link, [])
    hard = tmp_path / "hard.docx"
    os.link(seed_docx, hard)
    with pytest.raises(AnnotateError):
        annotate_docx(seed_docx, hard, [])
    assert sha(seed_docx) == before and link.is_symlink()


@pytest.mark.slow
def test_a_doc_is_converted_and_annotated(tmp_path):
    """Word 97-2003: LibreOffice converts it (as the loader does) and the copy is a .docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    from doclint.config import Config
    from doclint.engine import lint_path

    sample = Path(__file__).resolve().parents[1] / "samples" / "loi-quyet-dinh.docx"
    subprocess.run([soffice, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(sample)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})  # fmt: skip
    doc = tmp_path / "loi-quyet-dinh.doc"
    before = sha(doc)
    result = lint_path(doc, Config(), keep_document=True)
    errors = sum(1 for f in result.findings if f.severity == "error")
    report = annotate_result(result, tmp_path / "loi-quyet-dinh.doclint.docx", min_severity="error")
    assert report.count == errors > 0 and sha(doc) == before
    assert {author for _id, author, _t in comments(report.output)} == {"doclint"}
