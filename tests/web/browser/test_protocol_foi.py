"""The protocol and an FOI request in the browser (issue 17, points 5 and 6).

Key staff sign in, are asked to acknowledge the protocol in force, acknowledge it and reach
home; they record an FOI request the LA received, and another LA's key staff answer the
consultation; the DBG sees who has and has not acknowledged. Every page passes axe.
"""

from __future__ import annotations

from datetime import date

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.foi.models import Answer, Consultation, FoiRequest
from tartan.web.protocol import services as protocol
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ok(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def _sign_out(page) -> None:
    page.click("text=Sign out")
    page.click("button:has-text('Sign out')")


def _acknowledge(page) -> None:
    assert "/protocol/acknowledge/" in page.url
    page.click("button:has-text('I have read the protocol and will work to it')")


def test_acknowledging_the_protocol_and_an_foi_consultation(page, make_user):
    keystaff = with_backup_code(make_user(Role.LA_KEY_STAFF, "845", username="keystaff-845"))
    other = with_backup_code(make_user(Role.LA_KEY_STAFF, "846", username="keystaff-846"))
    dbg = with_backup_code(make_user(Role.DBG_MEMBER, username="dbg-member"))
    make_user(Role.LA_ANALYST, "845", username="analyst-845")  # never signs in
    protocol.publish(None, dbg, "1.0", date.today(), "Share the reports within the group only.")

    # First sign-in: the protocol before anything else, then home.
    sign_in(page, keystaff)
    assert "/protocol/acknowledge/" in page.url
    assert "Share the reports within the group only." in page.content()
    _ok(page, "protocol-01-asked")
    _acknowledge(page)
    assert page.url.endswith("/")
    assert "You have acknowledged protocol version 1.0" in page.content()
    assert "Welcome" in page.content()
    _ok(page, "protocol-02-home")

    # An FOI request the LA received, recorded: the other LAs are consulted.
    page.click("#navigation >> text=FOI")
    _ok(page, "foi-01-list")
    page.click("text=Record a request")
    _ok(page, "foi-02-new")
    page.fill("#id_reference", "FOI/2026/77")
    page.fill("#id_summary", "Every benchmarking report of 2025")
    page.click("button:has-text('Record and consult')")
    assert "The other LAs are asked to answer by" in page.content()
    assert page.locator("#consultations").inner_text().count("Not yet answered") >= 2
    _ok(page, "foi-03-consulted")
    _sign_out(page)

    # A consulted LA answers.
    sign_in(page, other)
    _acknowledge(page)
    page.click("#navigation >> text=FOI")
    page.click("text=FOI/2026/77")
    _ok(page, "foi-04-to-answer")
    page.check("label:has-text('Objects to release')")
    page.fill("#id_comment", "Our figures for 2025 are not yet audited")
    page.click("button:has-text('Record your LA')")
    assert "Your LA's answer is recorded" in page.content()
    _ok(page, "foi-05-answered")
    _sign_out(page)
    consultation = Consultation.objects.get(request=FoiRequest.objects.get(), la_code="846")
    assert consultation.answer == Answer.OBJECT

    # The DBG: who has and has not acknowledged.
    sign_in(page, dbg)
    _acknowledge(page)
    page.click("#navigation >> text=Protocol")
    waiting = page.locator("#waiting").inner_text()
    done = page.locator("#done").inner_text()
    # The analyst never signed in; both key staff and the DBG member have acknowledged.
    assert "Not yet acknowledged (1)" in waiting
    assert "LA analyst" in waiting
    assert "Acknowledged (3)" in done
    assert "LA key staff" not in waiting
    assert page.locator("#done tbody tr").count() == 3
    _ok(page, "protocol-03-acknowledgements")
