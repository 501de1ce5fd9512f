"""The concealed report in the browser: the LA's key staff choose recipient, design and format,
the gate decides, the report downloads; the DBG sees the audit evidence, the LA does not. Every
page passes axe; screenshots in out/screenshots."""

from __future__ import annotations

import pytest

from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.sharing.models import ExportDecision
from tests.disclosure.scan import leaks
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ok(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def test_key_staff_make_a_concealed_pdf_and_the_dbg_audits_it(
    browser, live_server, make_user, released_round
):
    Organisation.objects.create(name="Ofsted", kind=OrganisationKind.PARTNER)
    keystaff = with_backup_code(make_user(Role.LA_KEY_STAFF, "845", username="keystaff-845"))
    dbg = with_backup_code(make_user(Role.DBG_MEMBER, username="dbg-member"))

    def person(user):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        opened = context.new_page()
        sign_in(opened, user)
        return opened

    la = person(keystaff)
    la.goto(f"/sharing/rounds/{released_round.pk}/la/845/concealed/")
    assert "banded" not in la.locator("form").inner_text().lower()
    la.check("#design-halves")
    la.check("#format-pdf")
    la.fill("#id_purpose", "Inspection")
    _ok(la, "concealed-01-the-form")
    with la.expect_navigation():
        la.click("button:has-text('Check and export')")
    decision = ExportDecision.objects.get()
    assert decision.allowed
    assert "Audit evidence" not in la.locator("main").inner_text()
    _ok(la, "concealed-02-the-decision")
    with la.expect_download() as download:
        la.click("text=Download the report (PDF)")
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    assert leaks(data, "pdf", "845") == []

    audit = person(dbg)
    audit.goto(f"/sharing/exports/{decision.pk}/")
    assert "Audit evidence" in audit.locator("main").inner_text()
    _ok(audit, "concealed-03-the-dbg-audit-view")
