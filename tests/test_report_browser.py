"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

The page is served from a fake origin through Playwright's request routing, so *every* request the
page makes passes through the test: the page itself is answered, anything else is recorded and
aborted, and the test fails if there was any. Outside CI the tests skip when Playwright or Chromium
is missing; in CI (``CI`` set) a missing browser is a failure. ``playwright install`` is never run:
the browser is the system's (``DOCLINT_CHROMIUM`` or ``chromium`` on PATH).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import reportkit as kit

from doclint.engine import FileResult
from doclint.errors import LoadError
from doclint.report import html

ARTIFACTS = Path(__file__).parent / "artifacts"
ORIGIN = "http://doclint.invalid"
PAGE_URL = f"{ORIGIN}/report.html"


def _chromium() -> str | None:
    return os.environ.get("DOCLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python Playwright is not installed (pip install playwright)")
    executable = _chromium()
    if executable is None:
        _unavailable("Chromium is not installed (apt-get install chromium)")
    if kit.seed_text_path() is None:
        pytest.skip("seed plan not found (shared/seeds)")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield b
        b.close()


class Session:
    """One page with the report, every request and dialog watched."""

    def __init__(self, browser, page_html: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
        self.page = self.context.new_page()
        self.leaks: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        body = page_html.encode("utf-8")

        def route(r):
            if r.request.url == PAGE_URL:
                r.fulfill(status=200, body=body, headers={"Content-Type": "text/html; charset=utf-8"})
            else:
                self.leaks.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.page.goto(PAGE_URL)
        self.page.wait_for_load_state("load")

    def close(self) -> None:
        assert self.leaks == [], f"requests left the page: {self.leaks}"
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        violations = self.page.evaluate("window.__csp")
        assert violations == [], f"Content-Security-Policy violations: {violations}"
        assert self.errors == [], f"errors in the page: {self.errors}"
        self.context.close()

    def in_viewport(self, selector: str) -> bool:
        return self.page.evaluate(
            """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                        return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
            selector,
        )

    def visible_count(self, selector: str) -> int:
        return self.page.evaluate(
            "sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length", selector
        )


def seed_result() -> FileResult:
    return kit.result_for(kit.seed_docx_sample() or kit.seed_text_path())


@pytest.mark.slow
def test_seed_report_in_chromium(browser):
    from doclint.report import json as json_report

    result = seed_result()
    data = json.loads(json_report.render([result], kit.config(), "vi", None))
    expected = len(data["files"][0]["findings"])
    assert expected == len(result.findings) > 5
    s = Session(browser, html.render([result], kit.config(), "vi", None))
    page = s.page
    # the script ran under the CSP: the filter bar is shown
    assert page.locator("#filters").is_visible()
    assert int(page.locator("#total-findings").inner_text()) == expected
    assert int(page.locator("#shown-count").inner_text()) == expected
    assert int(page.locator("#summary-total").inner_text()) == expected
    assert page.locator(".finding").count() == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-seed.png"))

    # clicking a finding scrolls to its highlighted text (the last one: far down the page)
    anchored = [i for i, f in enumerate(result.findings, 1) if f.location.start is not None]
    target = f"d1-f{anchored[-1]}"
    assert not s.in_viewport(f"#{target}")
    page.locator(f'a.goto[data-target="{target}"]').click()
    page.wait_for_timeout(100)
    assert s.in_viewport(f"#{target}")
    mark = page.locator(f"#{target}")
    assert mark.evaluate("e => e.tagName") == "MARK"
    assert mark.inner_text() == result.findings[anchored[-1] - 1].excerpt
    page.screenshot(path=str(ARTIFACTS / "report-seed-jump.png"))

    # a severity filter hides the others
    errors = sum(1 for f in result.findings if f.severity == "error")
    page.locator('input[data-filter="sev"][value="warning"]').uncheck()
    page.locator('input[data-filter="sev"][value="info"]').uncheck()
    assert s.visible_count(".finding") == errors
    assert int(page.locator("#shown-count").inner_text()) == errors
    warning_fid = next(f"d1-f{i}" for i, f in enumerate(result.findings, 1)
                       if f.severity == "warning" and f.location.start is not None)  # fmt: skip
    assert "off" in page.locator(f"#{warning_fid}").get_attribute("class")
    assert not page.locator(f"#note-{warning_fid}").is_visible()
    page.locator('input[data-filter="sev"][value="warning"]').check()
    assert s.visible_count(".finding") == errors + sum(1 for f in result.findings if f.severity == "warning")
    # a family filter too
    page.locator('input[data-filter="sev"][value="info"]').check()
    page.locator('input[data-filter="fam"][value="TXT"]').uncheck()
    assert s.visible_count(".finding") == expected - sum(1 for f in result.findings if f.family == "TXT")
    page.locator('input[data-filter="fam"][value="TXT"]').check()

    # print: the filter bar goes, the text and the notes stay
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert page.locator(".note").first.is_visible()
    page.pdf(path=str(ARTIFACTS / "report-seed.pdf"), format="A4", print_background=True)
    page.emulate_media(media="screen")
    page.screenshot(path=str(ARTIFACTS / "report-seed-full.png"), full_page=True)
    s.close()


def test_script_in_a_document_stays_text(browser, tmp_path):
    result = kit.xss_result(tmp_path)
    s = Session(browser, html.render([result], kit.config(), "vi", None))
    page = s.page
    text = page.evaluate("document.body.innerText")
    assert kit.XSS_SCRIPT in text and kit.XSS_IMG in text
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    # hover the highlighted payload (tooltips are attributes, never markup)
    page.locator("mark.hl", has_text="<script>").first.hover()
    page.wait_for_timeout(50)
    page.screenshot(path=str(ARTIFACTS / "report-xss.png"))
    s.close()  # asserts: no dialog, no request, no CSP violation


def test_folder_report_sorts_and_links(browser, tmp_path):
    seed = seed_result()
    broken = FileResult(path=str(tmp_path / "hong.docx"), format="docx",
                        error=LoadError("DOC001", "Tệp DOCX bị hỏng.", "Broken DOCX."))  # fmt: skip
    clean = FileResult(path=str(tmp_path / "sach.txt"), format="txt", doc_type="CV")
    xss = kit.xss_result(tmp_path)
    s = Session(browser, html.render([seed, broken, clean, xss], kit.config(), "vi", None))
    page = s.page
    total = len(seed.findings) + len(xss.findings)
    assert int(page.locator("#total-findings").inner_text()) == total
    assert page.locator("svg.bars rect").count() > 0
    findings_col = page.locator("#summary-table th").nth(6).locator("button")
    findings_col.click()  # ascending
    firsts = page.locator("#summary-table tbody tr td:nth-child(7)").all_inner_texts()
    assert firsts == sorted(firsts, key=int)
    findings_col.click()  # descending
    firsts = page.locator("#summary-table tbody tr td:nth-child(7)").all_inner_texts()
    assert firsts == sorted(firsts, key=int, reverse=True)
    page.screenshot(path=str(ARTIFACTS / "report-folder.png"), full_page=False)
    page.locator("#summary-table tbody tr").first.locator("a").click()
    page.wait_for_timeout(50)
    s.close()
