"""Browser tests: Debian's chromium driven through Playwright against a live server.

Never a downloaded browser build: the tests use /usr/bin/chromium (installed by the README's
test command) and are skipped, saying so, where it is missing. Screenshots go to
out/screenshots so that people can look at what the pages render.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tartan.web.accounts.models import User

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "out" / "screenshots"
PASSWORD = "a-long-test-password"
BACKUP_CODE = "31415926"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def with_backup_code(user: User) -> User:
    """Give a user an authenticator app and a backup code the test can type."""
    TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=BACKUP_CODE) for _ in range(5)]
    )
    return user


def sign_in(page, user: User) -> None:
    """Sign in through the pages, as a person would (second factor included where needed)."""
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    if user.needs_two_factor:
        page.fill("#id_token", BACKUP_CODE)
        page.click("button[type=submit]")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict[str, object]]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return list(results.response.get("violations", []))
