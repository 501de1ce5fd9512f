"""Joining through the browser: programme staff invite someone, who follows the mail's link,
chooses a password and enrols an authenticator app (the code computed as an app would, with
pyotp); every page passes axe."""

from urllib.parse import urlsplit

import pyotp
import pytest

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import Role
from tartan.web.mail.models import Message
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_accept_and_enrol_the_second_factor(page, browser, live_server, make_user):
    staff = with_backup_code(make_user(Role.PROGRAMME_STAFF))
    sign_in(page, staff)
    page.click("text=People")
    assert page.locator("h1").inner_text() == "People"
    assert axe_violations(page) == []
    page.click("text=Invite someone")
    assert axe_violations(page) == []
    la = Organisation.objects.get(la_code="846")
    page.fill("#id_email", "joiner@example.org")
    page.fill("#id_first_name", "Jo")
    page.fill("#id_last_name", "Iner")
    page.select_option("#id_organisation", str(la.pk))
    page.select_option("#id_role", "dbg_member")  # not a role an LA's people may hold
    page.click("button[type=submit]")
    assert (
        "cannot be held in a local authority" in page.locator(".govuk-error-summary").inner_text()
    )
    assert page.input_value("#id_email") == "joiner@example.org"  # kept what was typed
    assert axe_violations(page) == []
    screenshot(page, "invite-refused")
    page.select_option("#id_role", "la_key_staff")
    page.click("button[type=submit]")
    assert "Jo Iner is invited" in page.content()
    assert "Invited" in page.locator("table").inner_text()
    screenshot(page, "people")

    link = Message.objects.get(kind="invitation", to_address="joiner@example.org").link
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    joiner = context.new_page()
    joiner.goto(urlsplit(link).path)
    assert joiner.locator("h1").inner_text() == "Choose your password"
    assert "<li>" not in joiner.locator("main").inner_text()  # the help is words, not markup
    assert axe_violations(joiner) == []
    screenshot(joiner, "accept-invitation")
    joiner.fill("#id_new_password1", "short")
    joiner.fill("#id_new_password2", "short")
    joiner.click("button[type=submit]")
    assert "too short" in joiner.locator(".govuk-error-summary").inner_text()
    assert axe_violations(joiner) == []
    screenshot(joiner, "accept-invitation-refused")
    joiner.fill("#id_new_password1", "joiners-own-long-password")
    joiner.fill("#id_new_password2", "joiners-own-long-password")
    joiner.click("button[type=submit]")
    assert joiner.locator("h1").inner_text() == "Set up your authenticator app"
    assert axe_violations(joiner) == []
    secret = joiner.locator("#otp-secret").inner_text().replace(" ", "")
    joiner.fill("#id_token", pyotp.TOTP(secret).now())
    joiner.click("button[type=submit]")
    assert "backup codes" in joiner.content().lower()
    person = User.objects.get(email="joiner@example.org")
    assert person.check_password("joiners-own-long-password")
    assert person.totpdevice_set.filter(confirmed=True).exists()

    # The link works once.
    joiner.goto(urlsplit(link).path)
    assert joiner.locator("h1").inner_text() == "This invitation has already been used"
    assert axe_violations(joiner) == []
    context.close()


def test_deactivate_through_the_pages(page, make_user):
    staff = with_backup_code(make_user(Role.PROGRAMME_STAFF))
    leaver = make_user(Role.LA_ANALYST, "846")
    sign_in(page, staff)
    page.goto("/accounts/people/")
    page.click(f"text=Deactivate {leaver.display_name}")
    assert axe_violations(page) == []
    page.click("button:has-text('Deactivate')")
    assert "deactivated: they can no longer sign in" in page.content()
    leaver.refresh_from_db()
    assert not leaver.is_active
