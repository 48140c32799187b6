"""HTML report without a browser: escaping, self-containment, counts, folder index."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
import reportkit as kit

from doclint.engine import FileResult
from doclint.errors import LoadError
from doclint.report import html

pytestmark = pytest.mark.skipif(kit.seed_text_path() is None, reason="seed plan not found (shared/seeds)")


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts += 1


def parse(text: str) -> Collector:
    c = Collector()
    c.feed(text)
    return c


def test_seed_report_is_self_contained_and_counts_match():
    result = kit.result_for(kit.seed_text_path())
    page = html.render([result], kit.config(), "vi", None)
    tags = parse(page)
    assert tags.scripts == 1
    assert '"Segoe UI"' in page  # the inline CSS is not HTML-escaped
    for tag, attrs in tags.tags:
        for attr in ("src", "href", "action", "data", "poster"):
            value = attrs.get(attr)
            if value is not None and not (tag == "link" and attrs.get("rel") == "icon"):
                assert value.startswith("#"), (tag, attr, value)
        if tag == "link":  # only the favicon, inline (else the browser asks the network for one)
            assert attrs.get("rel") == "icon" and attrs["href"].startswith("data:image/svg+xml,")
        assert tag not in ("img", "iframe", "object", "embed", "base")
    assert f'data-count="{len(result.findings)}"' in page
    assert page.count('class="finding sev-') == len(result.findings)
    # every finding with a block has a place to jump to
    for i, f in enumerate(result.findings, 1):
        if f.location.block is not None:
            assert f'id="d1-f{i}"' in page
    assert "Không đạt" in page and 'lang="vi"' in page
    assert "Không đạt: sửa 1 lỗi trước khi trình ký, trước hết HDR001; sau đó xem 4 cảnh báo." in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    csp = unescape(csp)
    assert "default-src 'none'" in csp and "sha256-" in csp


def test_english_interface():
    result = kit.result_for(kit.seed_text_path())
    page = html.render([result], kit.config(), "en", None)
    assert 'lang="en"' in page and "Findings per rule" not in page and "Fails" in page
    assert "Summary" in page and "Whole text" in page and "Tổng hợp" not in page


def test_highlight_covers_exact_text():
    result = kit.result_for(kit.seed_text_path())
    page = html.render([result], kit.config(), "vi", None)
    for i, f in enumerate(result.findings, 1):
        if f.location.start is None:
            continue
        m = re.search(rf'<mark class="hl sev-\w+" data-f="[^"]*" id="d1-f{i}"[^>]*>([^<]*)</mark>', page)
        assert m, f.code
        assert f.excerpt.startswith(m.group(1))
        # and the list marks the same words in their paragraph
        item = page.split(f'id="item-d1-f{i}"')[1].split("</li>")[0]
        assert re.search(r'<mark class="mk sev-\w+">([^<]*)</mark>', item).group(1) == unescape_html(
            f.excerpt
        )


def unescape_html(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def test_script_in_document_is_text(tmp_path):
    result = kit.xss_result(tmp_path)
    page = html.render([result], kit.config(), "vi", None)
    assert kit.XSS_SCRIPT not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert parse(page).scripts == 1


def test_overlapping_and_whole_paragraph_findings():
    segs = html._segments("abcdefgh", [(1, 5, "a", "info", "A"), (3, 7, "b", "error", "B")])
    assert [s.text for s in segs] == ["a", "bc", "de", "fg", "h"]
    assert segs[2].fids == ["a", "b"] and segs[2].severity == "error"
    assert segs[1].anchors == ["a"] and segs[2].anchors == ["b"]


def test_folder_report(tmp_path):
    seed = kit.result_for(kit.seed_text_path())
    broken = FileResult(path=str(tmp_path / "hong.docx"), format="docx",
                        error=LoadError("DOC001", "Tệp DOCX bị hỏng.", "Broken DOCX."))  # fmt: skip
    clean = FileResult(path=str(tmp_path / "sach.txt"), format="txt", doc_type="CV")
    xss = kit.xss_result(tmp_path)
    page = html.render([seed, broken, clean, xss], kit.config(), "vi", None)
    # the summary first, then one collapsed line per document (details kept in an inert template)
    assert page.index('id="summary"') < page.index('id="documents"')
    assert (
        page.count("<svg") >= 3
        and "Phát hiện theo quy tắc" in page
        and "Phát hiện theo cơ quan ban hành" in page
    )
    assert (
        page.count('<details class="doc ') == 4
        and len(re.findall(r'<template>\s*<div class="doc-body">', page)) == 4
    )
    assert '<details class="doc st-fail" id="d1"' in page and " open>" not in page.split('id="documents"')[1]
    assert "Tệp DOCX bị hỏng." in page
    total = sum(len(r.findings) for r in (seed, xss))
    assert f'data-count="{total}"' in page
    assert kit.XSS_SCRIPT not in page
    # errors are listed before warnings and suggestions in each document
    body = page.split('id="d1"')[1].split("</template>")[0]
    positions = [body.find(f'class="group sev-{s}"') for s in ("error", "warning", "info")]
    assert -1 not in positions and positions == sorted(positions)
    # no heading is an internal key
    for key in ("capitalisation", "citation", ">page<", ">family<", "administrative"):
        assert key not in page, key


def test_print_and_phone_rules_are_in_the_page():
    seed = kit.result_for(kit.seed_text_path())
    page = html.render([seed, seed], kit.config(), "vi", None)
    assert "details.doc:not([open])" in page  # printing leaves closed documents out
    assert "@media (max-width: 640px)" in page and ".toolbar { position: static;" in page


def test_local_time_with_its_zone():
    from datetime import datetime, timedelta, timezone

    from doclint.report import ReportOptions

    seed = kit.result_for(kit.seed_text_path())
    now = datetime(2026, 11, 30, 2, 5, tzinfo=timezone(timedelta(hours=7)))
    page = html.render_html([seed], ReportOptions(now=now))
    assert 'datetime="' in page and "UTC" not in page.split("<footer")[1]
    text, iso = html._local_time(now)
    assert iso.endswith(("+07:00", "+00:00")) and "GMT" in text


def test_without_document_text_and_with_pages(tmp_path):
    from dataclasses import replace as dc_replace

    from doclint.findings import Location

    result = kit.result_for(kit.seed_text_path())
    no_text = dc_replace(result, document=None)
    page = html.render([no_text], kit.config(), "vi", None)
    assert page.count('class="finding sev-') == len(result.findings)
    assert 'class="doc-text"' not in page and "Xem trong văn bản" not in page
    # page separators and a link to a related paragraph
    doc = result.document
    for b in doc.blocks:
        b.page = 1 if b.index < 10 else 2
    dup = result.findings[-1]
    dup.location = Location(block=dup.location.block, start=dup.location.start, end=dup.location.end,
                            related_block=3)  # fmt: skip
    page = html.render([result], kit.config(), "vi", None)
    assert page.count('class="page-sep"') == 1 and ">Trang 2</p>" in page
    assert 'href="#d1-p4">Liên quan: đoạn 4</a>' in page


def test_large_folder_without_documents_still_marks_the_words():
    """Above 60 documents the CLI does not keep the documents: each finding keeps its paragraph."""
    results = kit.folder_results(70, keep_document=False)
    page = html.render(results, kit.config(), "vi", None)
    findings = sum(len(r.findings) for r in results)
    assert page.count('class="finding sev-') == findings
    assert page.count('<mark class="mk sev-') >= findings * 0.8  # every finding on words or a paragraph
    assert 'class="text"' not in page and "Báo cáo nhiều văn bản không kèm toàn văn" not in page
