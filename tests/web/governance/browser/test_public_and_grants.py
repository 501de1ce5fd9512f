"""Walking the programme's public face without signing in (plans, steering group, published
figures, a complaint sent) and an LA's key staff accepting the grant conditions themselves:
every page passes axe."""

from __future__ import annotations

import pytest

from tartan.web.accounts.roles import Position, Role
from tartan.web.governance.models import Complaint, ConditionsAcceptance
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_violations(page) -> None:
    violations = axe_violations(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


def test_anyone_walks_the_public_pages_and_sends_a_complaint(in_browser, world):
    def steps(page) -> None:
        page.goto("/governance/public/")
        assert page.locator("h1").inner_text() == "The programme"
        _no_violations(page)
        screenshot(page, "public-index")
        page.click("nav >> text=Current plans")
        assert page.locator("h1").inner_text() == "Current plans"
        _no_violations(page)
        page.click("nav >> text=Steering group")
        assert "Carol Key" in page.locator("#chair").inner_text()
        _no_violations(page)
        screenshot(page, "public-steering-group")
        page.click("nav >> text=Published benchmarking figures")
        page.select_option("#indicator", "cpp|rate")
        page.click("button:has-text('Show')")
        caption = page.locator("#figures caption").inner_text()
        assert "child protection plan" in caption.lower()
        assert "per 10,000" in caption
        assert page.locator("#figures tbody tr").count() == 19
        _no_violations(page)
        screenshot(page, "public-figures")
        page.click("nav >> text=Make a complaint")
        page.click("button.govuk-button")
        assert page.locator(".govuk-error-summary").is_visible()
        _no_violations(page)
        page.check("input[name=addressed_to][value=chair]")
        page.fill("input[name=name]", "Robin Resident")
        page.fill("input[name=email]", "robin@example.org")
        page.fill("textarea[name=details]", "The weekly update stopped in March.")
        page.click("button.govuk-button")
        assert page.locator("h1").inner_text() == "Complaint received"
        reference = page.locator(".govuk-panel__body strong").inner_text()
        _no_violations(page)
        screenshot(page, "public-complaint-sent")
        assert Complaint.objects.get(reference=reference).addressed_to == "chair"

    in_browser(steps)


def test_an_la_s_key_staff_accept_the_grant_conditions(in_browser, world, make_user):
    from tests.web.governance.conftest import subscribe

    subscribe(world.year, world.users["programme"], {"886": 1_580_000})
    kent = with_backup_code(make_user(Role.LA_KEY_STAFF, "886", Position.DCS))

    def steps(page) -> None:
        sign_in(page, kent)
        page.goto("/governance/")
        page.click("text=Grants to your authority")
        _no_violations(page)
        page.click(f"text={world.grant.reference}")
        assert "Spend on improvement" in page.locator("#conditions").inner_text()
        _no_violations(page)
        screenshot(page, "grant-conditions-la")
        page.click("text=Accept the conditions")
        _no_violations(page)
        page.check("input[name=confirm]")
        page.click("button.govuk-button")
        assert "accepted the conditions on" in page.locator("#acceptance").inner_text()
        _no_violations(page)
        screenshot(page, "grant-conditions-accepted")

    in_browser(steps)
    made = ConditionsAcceptance.objects.get(la_code="886")
    assert made.accepted_by_user_id is not None
