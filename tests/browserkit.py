"""Debian's Chromium driven by Playwright, for the browser tests of the HTML report and the web page.

Missing Playwright or Chromium skips those tests with the reason, except in CI (``CI`` set), where a
browser test that cannot run is a failure: ``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage"]  # fmt: skip


def chromium() -> str | None:
    return os.environ.get("DOCLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@contextmanager
def launched() -> Iterator[object]:
    """A headless Chromium browser (Playwright's sync API), closed on exit."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Python Playwright is not installed (pip install playwright)")
    executable = chromium()
    if executable is None:
        unavailable("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
