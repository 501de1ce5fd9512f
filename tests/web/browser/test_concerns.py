"""A worry walked through the browser from raising to escalation and its steps, by the three
people in it; every page passes axe; the raising works without JavaScript."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from tartan.web.accounts.roles import Position, Role
from tartan.web.concerns.models import Disclosure, SteeringGroupMembership, Worry
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NATURE = "Caseloads in the front door have doubled since spring and agency turnover is high."
ACCOUNT = "We know about the front door; an interim head of service started last week."
FACTS = "Caseloads confirmed; the turnover figure is out of date."
ACTIONS = "A peer review of the front door in the autumn would help."


def person(make_user, la_code: str, first: str, last: str, username: str):
    user = make_user(Role.LA_KEY_STAFF, la_code, position=Position.DCS, username=username)
    user.first_name, user.last_name = first, last
    user.save()
    return with_backup_code(user)


@contextmanager
def signed_in_as(browser, live_server, user, javascript: bool = True):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    sign_in(page, user)
    try:
        yield page
    finally:
        context.close()


def accessible(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def test_a_worry_from_raising_to_escalation(browser, live_server, make_user):
    raiser = person(make_user, "845", "Alex", "Morgan", "dcs-es")
    peer = person(make_user, "886", "Sam", "Okafor", "dcs-kent")
    member = person(make_user, "936", "Jo", "Patel", "dcs-surrey")
    programme = make_user(Role.PROGRAMME_STAFF, position=Position.PROGRAMME_STAFF)
    SteeringGroupMembership.objects.create(person=member, added_by=programme)

    # The colleague raises it: the statutory question first, then the worry, to the peer only.
    with signed_in_as(browser, live_server, raiser) as page:
        page.get_by_role("link", name="Worries about an authority's services").click()
        accessible(page, "concerns-01-list")
        page.get_by_role("link", name="Raise a worry").click()
        accessible(page, "concerns-02-statutory-question")
        page.get_by_label("No", exact=True).check()
        page.get_by_role("button", name="Continue").click()
        accessible(page, "concerns-03-worry-form")
        page.select_option("#id_la_code", "886")
        page.fill("#id_nature", NATURE)
        page.get_by_role("button", name="Raise the worry with your peer").click()
        assert "Raised with the peer" in page.inner_text("#state")
        accessible(page, "concerns-04-raised")
    worry = Worry.objects.get()
    assert worry.peer == peer

    # The peer is notified, responds, and agrees only that the facts may be shared.
    with signed_in_as(browser, live_server, peer) as page:
        page.goto("/concerns/notifications/")
        assert "has raised a worry with you" in page.inner_text("#notifications")
        accessible(page, "concerns-05-peer-notifications")
        page.get_by_role("link", name="Open the worry").first.click()
        page.get_by_role("link", name="Respond").click()
        page.get_by_label("Partly").check()
        page.fill("#id_facts_note", FACTS)
        page.fill("#id_account", ACCOUNT)
        page.fill("#id_helpful_actions", ACTIONS)
        page.get_by_label("No self-referral").check()
        page.get_by_label("Whether the facts are verified, and your note on them").check()
        accessible(page, "concerns-06-respond")
        page.get_by_role("button", name="Send your response").click()
        assert "The peer has responded" in page.inner_text("#state")

    # The colleague is not reassured, and escalates to a member of the steering group.
    with signed_in_as(browser, live_server, raiser) as page:
        page.goto(f"/concerns/{worry.ref}/")
        assert ACCOUNT in page.content()
        accessible(page, "concerns-07-response-received")
        page.get_by_role("link", name="Say whether the response dispels your worry").click()
        page.get_by_label("No: my worry is not dispelled").check()
        accessible(page, "concerns-08-assess")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("link", name="Escalate to the steering group").click()
        assert ACCOUNT not in page.content()  # the preview holds only what the member will see
        accessible(page, "concerns-09-escalate")
        page.get_by_label("Jo Patel, Surrey").check()
        page.get_by_role("button", name="Escalate and tell the peer").click()
        assert "Escalated to the steering group" in page.inner_text("#state")
        accessible(page, "concerns-10-escalated")
    escalation = Disclosure.objects.get()
    assert set(escalation.content) == {"nature", "facts"}

    # The peer is told.
    with signed_in_as(browser, live_server, peer) as page:
        page.goto("/concerns/notifications/")
        assert "is escalating their worry" in page.inner_text("#notifications")
        accessible(page, "concerns-11-peer-told")

    # The member sees the worry and the agreed facts, never the peer's own account, and
    # records the later steps.
    with signed_in_as(browser, live_server, member) as page:
        page.goto("/concerns/")
        page.get_by_role("link", name="Kent").click()
        text = page.content()
        assert NATURE in text
        assert FACTS in text
        assert ACCOUNT not in text
        assert ACTIONS not in text
        accessible(page, "concerns-12-member-view")
        page.get_by_role("link", name="Record a step or the outcome").click()
        page.get_by_label("ADCS regional chair consulted").check()
        page.fill("#id_text", "Spoke to the ADCS regional chair.")
        accessible(page, "concerns-13-steps")
        page.get_by_role("button", name="Record the step").click()
        page.get_by_role("link", name="Record a step or the outcome").click()
        page.fill("#id_outcome", "Kent self-referred to the programme; peer review agreed.")
        page.get_by_role("button", name="Record the outcome and conclude").click()
        assert "Concluded" in page.inner_text("#state")
        accessible(page, "concerns-14-concluded")
    assert Worry.objects.get().state == "concluded"


def test_the_statutory_case_stop_in_the_browser_saves_nothing(page, make_user):
    raiser = person(make_user, "845", "Alex", "Morgan", "dcs-es")
    sign_in(page, raiser)
    page.goto("/concerns/new/")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert "statutory disclosure duties" in page.inner_text("h1")
    accessible(page, "concerns-statutory-stop")
    assert Worry.objects.count() == 0


def test_raising_works_without_javascript(browser, live_server, make_user):
    raiser = person(make_user, "845", "Alex", "Morgan", "dcs-es")
    person(make_user, "886", "Sam", "Okafor", "dcs-kent")
    with signed_in_as(browser, live_server, raiser, javascript=False) as page:
        page.goto("/concerns/new/")
        page.get_by_role("button", name="Continue").click()
        assert page.locator(".govuk-error-summary").count() == 1
        page.get_by_label("No", exact=True).check()
        page.get_by_role("button", name="Continue").click()
        page.select_option("#id_la_code", "886")
        page.fill("#id_nature", NATURE)
        page.get_by_role("button", name="Raise the worry with your peer").click()
        assert "Raised with the peer" in page.inner_text("#state")
        screenshot(page, "concerns-raised-without-javascript")
    assert Worry.objects.get().state == "with_peer"
