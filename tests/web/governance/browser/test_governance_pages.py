"""Walking the governance pages in a browser: they pass axe, and withdrawing consent takes a
person off the public contacts page at once."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_violations(page) -> None:
    violations = axe_violations(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


def test_programme_staff_walk_the_governance_pages(in_browser, world):
    programme = with_backup_code(world.users["programme"])
    memo_title = world.memo.title
    pages = {
        "invoice": f"/governance/invoices/{world.invoice845.pk}/",
        "year": f"/governance/subscriptions/years/{world.year.pk}/",
        "settlement": f"/governance/settlements/{world.settlement.pk}/",
        "highlight": f"/governance/highlights/{world.highlight.pk}/",
        "grant": f"/governance/grants/{world.grant.pk}/",
        "history": f"/governance/memoranda/{world.memo.pk}/history/?date=2020-01-01",
    }

    def steps(page) -> None:
        sign_in(page, programme)
        page.click("text=Programme governance")
        assert page.locator("h1").inner_text() == "Programme governance"
        _no_violations(page)
        screenshot(page, "governance-dashboard")
        page.click("text=Memoranda of understanding")
        page.click(f"text={memo_title}")
        assert "Still to sign in writing" in page.content()
        _no_violations(page)
        screenshot(page, "governance-memorandum")
        page.click("text=Record a signature")
        _no_violations(page)
        for name, url in pages.items():
            page.goto(url)
            _no_violations(page)
            screenshot(page, f"governance-{name}")
        page.goto(pages["invoice"])
        assert "£15,000.00" in page.content()
        page.goto("/governance/memoranda/new/")
        page.click("button.govuk-button")
        assert page.locator(".govuk-error-summary").is_visible()
        _no_violations(page)

    in_browser(steps)


def test_a_person_withdraws_consent_and_leaves_the_public_page(in_browser, world):
    person = with_backup_code(world.users["key845"])

    def steps(page) -> None:
        page.goto("/governance/directory/")
        assert "Carol Key" in page.content()
        _no_violations(page)
        screenshot(page, "governance-directory")
        sign_in(page, person)
        page.goto("/governance/directory/me/")
        _no_violations(page)
        page.click("text=Withdraw consent")
        assert "no longer on the public contacts page" in page.content()
        page.goto("/governance/directory/")
        assert "Carol Key" not in page.content()
        assert "Dan Other" in page.content()

    in_browser(steps)
