"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

The page is served from a fake origin through Playwright's request routing, so *every* request the
page makes passes through the test: the page itself is answered, anything else is recorded and
aborted, and the test fails if there was any. Outside CI the tests skip when Playwright or Chromium
is missing; in CI (``CI`` set) a missing browser is a failure. ``playwright install`` is never run:
the browser is the system's (``DOCLINT_CHROMIUM`` or ``chromium`` on PATH).
"""

from __future__ import annotations

import json
from pathlib import Path

import browserkit
import pytest
import reportkit as kit

from doclint.engine import FileResult
from doclint.errors import LoadError
from doclint.report import html

ARTIFACTS = Path(__file__).parent / "artifacts"
ORIGIN = "http://doclint.invalid"
PAGE_URL = f"{ORIGIN}/report.html"


@pytest.fixture(scope="module")
def browser():
    if kit.seed_text_path() is None:
        pytest.skip("seed plan not found (shared/seeds)")
    with browserkit.launched() as b:
        yield b


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
    # the script ran under the CSP: the tool bar is shown; one document, open, with its whole text
    assert page.locator("#filters").is_visible()
    assert page.locator("details.doc[open]").count() == 1
    assert int(page.locator("#total-findings").inner_text()) == expected
    assert int(page.locator("#shown-count").inner_text()) == expected
    assert int(page.locator("#summary-total").inner_text()) == expected
    assert page.locator(".finding").count() == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-seed.png"))

    # clicking a finding scrolls to its highlighted text (the last one: far down the page)
    anchored = [i for i, f in enumerate(result.findings, 1) if f.location.start is not None]
    target = f"d1-f{anchored[-1]}"
    page.locator(f'a.goto[data-target="{target}"]').scroll_into_view_if_needed()
    assert not s.in_viewport(f"#{target}")
    page.locator(f'a.goto[data-target="{target}"]').click()
    page.wait_for_timeout(100)
    assert s.in_viewport(f"#{target}")
    mark = page.locator(f"#{target}")
    assert mark.evaluate("e => e.tagName") == "MARK"
    assert mark.inner_text() == result.findings[anchored[-1] - 1].excerpt
    page.screenshot(path=str(ARTIFACTS / "report-seed-jump.png"))

    # a severity filter hides the others (in the list, the notes and the highlights)
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
    page.locator('input[data-filter="sev"][value="info"]').check()
    # and a rule filter
    page.locator("#rule-filter").select_option("TXT010")
    assert s.visible_count(".finding") == sum(1 for f in result.findings if f.code == "TXT010")
    page.locator("#rule-filter").select_option("")

    # print: the tool bar goes, the text and the notes stay
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
    # hover the highlighted payload (notes are text, never markup)
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
    names = lambda: page.locator("details.doc .doc-path").all_inner_texts()  # noqa: E731
    page.locator("#sort").select_option("name")
    assert names() == sorted(names())
    page.locator("#sort").select_option("findings")
    totals = page.locator("details.doc").evaluate_all("ds => ds.map(d => Number(d.dataset.total))")
    assert totals == sorted(totals, reverse=True)
    page.screenshot(path=str(ARTIFACTS / "report-folder.png"), full_page=False)
    # a link from "look at these first" opens the document and shows it
    link = page.locator(".worst a.open-doc").first
    doc_id = link.get_attribute("data-doc")
    link.click()
    page.wait_for_timeout(50)
    assert page.locator(f"#{doc_id}").evaluate("d => d.open")
    assert page.locator(f"#{doc_id} .doc-body").count() == 1
    s.close()


# ---------------------------------------------------------------- a folder of 200 documents


@pytest.fixture(scope="module")
def folder200():
    results = kit.folder_results(200)
    return results, html.render(results, kit.config(), "vi", None)


@pytest.mark.slow
def test_folder_of_200_documents(browser, folder200):
    results, page_html = folder200
    n_fail = sum(1 for r in results if _status(r) == "fail")
    s = Session(browser, page_html)
    page = s.page
    assert page.locator("details.doc").count() == 200
    # collapsed: nothing of a document is in the page until it is opened
    assert page.locator("details.doc[open]").count() == 0
    assert page.locator("details.doc > template").count() == 200
    assert page.locator(".finding").count() == 0
    assert int(page.locator("#shown-docs").inner_text()) == 200
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-200.png"))

    # open one: its findings appear, in the order errors, warnings, suggestions
    first = page.locator("details.doc").first
    doc_id = first.get_attribute("id")
    result = results[int(doc_id[1:]) - 1]
    first.locator(":scope > summary").click()
    page.wait_for_timeout(50)
    assert first.evaluate("d => d.open") and first.locator("template").count() == 0
    assert first.locator(".finding").count() == len(result.findings) > 0
    sevs = first.locator(".group").evaluate_all("gs => gs.map(g => g.dataset.sev)")
    order = {"error": 0, "warning": 1, "info": 2}
    assert sevs == sorted(sevs, key=order.__getitem__)
    page.screenshot(path=str(ARTIFACTS / "report-200-open.png"))

    # search by file name, and by words typed without accents
    page.locator("#search").fill("van-ban-042")
    page.wait_for_timeout(300)
    assert s.visible_count("details.doc") == 1
    page.locator("#search").fill("so noi vu tinh lam dong")
    page.wait_for_timeout(300)
    expected = sum(1 for r in results if r.issuer == "SỞ NỘI VỤ TỈNH LÂM ĐỒNG")
    assert s.visible_count("details.doc") == expected > 0
    page.locator("#search").fill("")
    page.wait_for_timeout(300)

    # filter by rule: the documents that have it, and the count of its findings
    code = "TXT007"
    with_code = [r for r in results if any(f.code == code for f in r.findings)]
    page.locator("#rule-filter").select_option(code)
    assert s.visible_count("details.doc") == len(with_code) > 0
    assert int(page.locator("#shown-count").inner_text()) == sum(
        1 for r in with_code for f in r.findings if f.code == code
    )
    page.locator("#rule-filter").select_option("")
    # a bar of the rule chart does the same
    page.locator(f'.bar-row[data-code="{code}"] rect').click()
    assert page.locator("#rule-filter").input_value() == code
    page.locator("#rule-filter").select_option("")

    # filter by verdict: only the failing documents
    page.locator('input[data-filter="status"][value="fix"]').uncheck()
    page.locator('input[data-filter="status"][value="pass"]').uncheck()
    assert s.visible_count("details.doc") == n_fail
    page.locator('input[data-filter="status"][value="fix"]').check()
    page.locator('input[data-filter="status"][value="pass"]').check()
    assert s.visible_count("details.doc") == 200

    # print: the summary and the opened document only
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert page.locator("#summary").is_visible()
    assert s.visible_count("details.doc") == 1 and first.is_visible()
    page.pdf(path=str(ARTIFACTS / "report-200.pdf"), format="A4", print_background=True)
    first.evaluate("d => { d.open = false; }")
    pdf_summary_only = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    from io import BytesIO

    from pypdf import PdfReader

    assert len(PdfReader(BytesIO(pdf_summary_only)).pages) <= 3  # 200 documents, closed: not printed
    assert len(PdfReader(str(ARTIFACTS / "report-200.pdf")).pages) > len(
        PdfReader(BytesIO(pdf_summary_only)).pages
    )
    s.close()


@pytest.mark.slow
def test_folder_of_200_documents_on_a_phone(browser, folder200):
    _results, page_html = folder200
    s = Session(browser, page_html)
    page = s.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_load_state("load")
    # nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    # the tool bar scrolls away with the page: it never covers the documents being read
    assert page.locator("#filters").evaluate("e => getComputedStyle(e).position") == "static"
    # and is folded to one line until asked for
    assert page.locator("#filters").bounding_box()["height"] < 90
    assert not page.locator("#search").is_visible()
    page.locator("#tools > summary").click()
    assert page.locator("#search").is_visible()
    page.locator("#search").fill("van-ban-007")
    page.wait_for_timeout(300)
    assert s.visible_count("details.doc") == 1
    page.locator("#search").fill("")
    page.wait_for_timeout(300)
    page.locator("#tools > summary").click()
    first = page.locator("details.doc").first
    first.locator(":scope > summary").click()
    page.wait_for_timeout(50)
    first.locator(".finding").nth(2).scroll_into_view_if_needed()
    bar = page.locator("#filters").bounding_box()
    assert bar["y"] + bar["height"] <= 0 or bar["y"] >= 844  # not on screen while reading
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    page.screenshot(path=str(ARTIFACTS / "report-200-phone.png"))
    s.close()


def _status(result) -> str:
    from doclint.report.common import status

    return status(result)
