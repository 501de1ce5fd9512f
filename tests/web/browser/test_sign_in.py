"""Signing in through the browser, with and without a second factor; pages pass axe."""

import pytest

from tartan.web.accounts.roles import Role
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_signs_in_without_a_second_factor(page, make_user):
    analyst = make_user(Role.LA_ANALYST, "845")
    sign_in(page, analyst)
    assert page.locator("h1").inner_text().startswith("Welcome")
    assert axe_violations(page) == []
    screenshot(page, "home-analyst")


def test_dbg_member_needs_the_backup_code(page, make_user):
    dbg = with_backup_code(make_user(Role.DBG_MEMBER))
    page.goto("/accounts/sign-in/")
    assert axe_violations(page) == []
    screenshot(page, "sign-in")
    sign_in(page, dbg)
    assert "Collection rounds" in page.content()


def test_wrong_password_shows_the_error_summary(page, make_user):
    analyst = make_user(Role.LA_ANALYST, "845")
    page.goto("/accounts/sign-in/")
    page.fill("#id_username", analyst.username)
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    summary = page.locator(".govuk-error-summary")
    assert "not right" in summary.inner_text()
    assert axe_violations(page) == []
