"""Debian's chromium for the governance pages' browser tests.

The service's browser fixtures (tests/web/browser/conftest.py) keep one Playwright session per
test run in the main thread, visible only to tests in that folder; a second Playwright session
in the same thread is refused ("Sync API inside the asyncio loop"). So these tests drive their
own chromium in a thread of its own, with the same launch arguments, and use the shared helpers
(sign_in, with_backup_code, screenshot, axe_violations) on its page.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.web.browser.conftest import CHROMIUM

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def in_browser(live_server) -> Callable[[Callable[[object], None]], None]:
    """``in_browser(steps)`` runs ``steps(page)`` in a fresh chromium page on the live server
    and re-raises whatever the steps raised."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it with apt-get)")

    def run(steps: Callable[[object], None]) -> None:
        failures: list[BaseException] = []

        def work() -> None:
            from playwright.sync_api import sync_playwright

            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                    context = browser.new_context(
                        base_url=live_server.url, viewport={"width": 1280, "height": 900}
                    )
                    try:
                        steps(context.new_page())
                    finally:
                        context.close()
                        browser.close()
            except BaseException as error:  # handed back to the test's thread
                failures.append(error)

        thread = threading.Thread(target=work, name="governance-browser")
        thread.start()
        thread.join()
        if failures:
            raise failures[0]

    return run
