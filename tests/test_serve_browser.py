"""The page of ``doclint serve`` in Debian's Chromium (Playwright), against a real server: drop a
DOCX, see its verdict and a finding highlighted on the right words, download the DOCX with Word
comments and open it with python-docx; English by browser language; several files with progress;
document text stays text; a phone-sized screen; print. Every request must go to the server itself.

Skips (with the reason) when Playwright or Chromium is missing, except in CI where they must run.
``playwright install`` is never used: the browser is the system's (``DOCLINT_CHROMIUM`` or ``chromium``).
"""

from __future__ import annotations

from pathlib import Path

import browserkit
import pytest
import servekit

pytestmark = pytest.mark.slow
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    servekit.require_serve()
    tmp = tmp_path_factory.mktemp("serve-browser") / "tmp"
    s = servekit.Server(tmp, "--jobs", "2")
    yield s
    s.stop()
    assert s.leftover_files() == []


@pytest.fixture(scope="module")
def browser():
    with browserkit.launched() as b:
        yield b


class Session:
    """One browser context on the server's page; requests elsewhere, dialogs, errors and CSP
    violations are recorded and fail the test."""

    def __init__(self, browser, server, **context) -> None:
        self.context = browser.new_context(accept_downloads=True, **context)
        self.page = self.context.new_page()
        self.leaks: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        origin = server.url

        def route(r):
            if r.request.url.startswith(origin + "/") or r.request.url.startswith("blob:"):
                r.continue_()
            else:
                self.leaks.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # a 4xx answer of the server (a refused upload, shown in the page) is logged by the browser
        expected = "Failed to load resource: the server responded with a status of 4"
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(m.text) if m.type == "error" and not m.text.startswith(expected) else None
            ),
        )
        self.page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.page.goto(origin + "/")
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        violations = self.page.evaluate("window.__csp")
        self.context.close()
        assert self.leaks == [], f"requests left the server: {self.leaks}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert violations == [], f"Content-Security-Policy violations: {violations}"
        assert self.errors == [], f"errors in the page: {self.errors}"

    def wait_done(self, count: int) -> None:
        # (locator waits: wait_for_function would evaluate a string, which the page's CSP forbids)
        self.page.locator("article.doc[data-status]").nth(count - 1).wait_for(timeout=120_000)


def test_upload_a_docx_see_the_verdict_and_the_finding_at_its_words(browser, server, tmp_path):
    import docx

    s = Session(browser, server, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = s.page
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Kiểm tra thể thức văn bản"
    page.check("input[name=stage][value=final]")
    page.set_input_files("#files", str(servekit.docx_sample()))
    s.wait_done(1)
    card = page.locator("article.doc").first
    assert card.locator(".doc-name").inner_text() == "loi-quyet-dinh.docx"
    assert card.get_attribute("data-status") == "fail"
    assert card.locator(".verdict").inner_text().startswith("Không đạt")
    assert "Trình ký" in card.locator(".doc-head .meta").inner_text()
    # HDR005: the issuing body abbreviated — highlighted on exactly those words
    item = card.locator("li[data-code=HDR005]").first
    assert item.locator("mark").inner_text() == "UBND TỈNH LÂM ĐỒNG"
    assert "viết tắt" in item.inner_text() and "NĐ 30/2020/NĐ-CP" in item.inner_text()
    assert page.locator("#progress-text").inner_text() == "Đã kiểm tra 1/1 tệp"
    # the full text marks the same words, and clicking the mark points at the finding
    card.locator("details.fulltext summary").click()
    assert card.locator("details.fulltext mark").first.inner_text() == "UBND TỈNH LÂM ĐỒNG"
    # the DOCX with Word comments
    with page.expect_download() as info:
        card.locator("a[data-download=docx]").click()
    download = info.value
    assert download.suggested_filename == "loi-quyet-dinh.doclint.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    comments = list(docx.Document(str(saved)).comments)
    assert any("HDR005" in c.text for c in comments)
    # the fixed copy: the certain corrections as Word tracked changes by doclint
    with page.expect_download() as info:
        card.locator("a[data-download=fixed]").click()
    download = info.value
    assert download.suggested_filename == "loi-quyet-dinh.sua.docx"
    fixed = tmp_path / download.suggested_filename
    download.save_as(fixed)
    body = docx.Document(str(fixed)).element.body.xml
    assert 'w:author="doclint"' in body and "<w:ins " in body and "<w:del " in body
    # the other downloads are there: HTML report, JSON, CSV
    from doclint.report import available_formats

    for key in ("html", "json", "csv", *(["xlsx"] if "xlsx" in available_formats() else [])):
        assert card.locator(f"a[data-download={key}]").count() == 1
    with page.expect_download() as info:
        card.locator("a[data-download=json]").click()
    data = Path(info.value.path()).read_text(encoding="utf-8")
    assert '"schema": 1' in data and "HDR005" in data
    # another stage: the same file is checked again without choosing it again
    page.check("input[name=stage][value=draft]")
    page.click("#recheck")
    s.wait_done(1)
    card = page.locator("article.doc").first
    assert "Dự thảo" in card.locator(".doc-head .meta").inner_text()
    assert page.locator("article.doc").count() == 1
    # filters: only warnings → no error finding visible
    page.uncheck(".f-sev[value=error]")
    assert card.locator("li.error:visible").count() == 0
    page.check(".f-sev[value=error]")
    page.fill("#f-text", "HDR005")
    assert card.locator("ol.findings > li:visible").count() >= 1
    assert all(code == "HDR005" for code in card.locator("ol.findings > li:visible").evaluate_all(
        "els => els.map(e => e.dataset.code)"))  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    page.fill("#f-text", "")
    page.screenshot(path=str(ARTIFACTS / "serve-page.png"), full_page=False)
    s.close()


def test_several_files_progress_and_hostile_text_stays_text(browser, server, tmp_path):
    s = Session(browser, server, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = s.page
    hostile = tmp_path / "<img src=x onerror=alert(1)>.txt"
    hostile.write_text(
        "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n<script>alert('x')</script> <img src=x onerror=alert(2)>\nTHÔNG BÁO\n",
        encoding="utf-8",
    )
    png = tmp_path / "anh.docx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.set_input_files("#files", [str(servekit.docx_sample()), str(hostile), str(png)])
    s.wait_done(3)
    page.locator("#progress-text", has_text="Đã kiểm tra 3/3 tệp").wait_for()
    names = page.locator("article.doc .doc-name").all_inner_texts()
    assert names[1] == "<img src=x onerror=alert(1)>.txt"
    assert page.locator("article.doc img").count() == 0 and page.locator("article.doc script").count() == 0
    text_card = page.locator("article.doc").nth(1)
    text_card.locator("details.fulltext summary").click()
    assert "<script>alert('x')</script>" in text_card.locator("details.fulltext").inner_text()
    refused = page.locator("article.doc").nth(2)
    assert refused.get_attribute("data-status") == "fail"
    assert "PNG" in refused.locator(".doc-error").inner_text()
    # one HTML report of the documents checked (the files are sent again)
    with page.expect_download() as info:
        page.click("[data-report=html]")
    assert info.value.suggested_filename == "doclint-2-van-ban.html"
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert "loi-quyet-dinh.docx" in report and "_img src=x onerror=alert(1)_.txt" in report  # names made safe
    assert "<img src=x" not in report
    # the status filter hides the documents that pass/fail
    page.select_option("#f-status", "pass")
    assert page.locator("article.doc:visible").count() == sum(
        1
        for st in page.locator("article.doc").evaluate_all("els => els.map(e => e.dataset.status)")
        if st == "pass"
    )
    s.close()


def test_english_by_browser_language(browser, server):
    s = Session(browser, server, locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    page = s.page
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Check a document"
    page.set_input_files("#files", str(servekit.docx_sample()))
    s.wait_done(1)
    assert page.locator("article.doc .verdict").inner_text().startswith("Fails")
    # the switch goes back to Vietnamese and remembers it
    page.click("#switch-lang")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    s.close()


def test_phone_and_print(browser, server):
    s = Session(browser, server, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = s.page
    page.set_input_files("#files", str(servekit.docx_sample()))
    s.wait_done(1)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is wider than the phone by {overflow}px"
    assert page.locator("label[for=files]").bounding_box()["height"] >= 40  # a finger-sized button
    page.screenshot(path=str(ARTIFACTS / "serve-phone.png"), full_page=False)
    page.emulate_media(media="print")
    assert not page.locator("#upload").is_visible()
    assert page.locator("ol.findings li").first.is_visible()
    s.close()
