"""The service's browser fixtures (Debian chromium through Playwright, axe), for the governance
pages' browser tests."""

from tests.web.browser.conftest import browser, page  # noqa: F401  (fixtures)
