"""Walking the meetings pages and the evidence pack in a browser, with axe: programme staff
arrange a meeting, invite, record attendance and an action; the DfE reads the meeting it is
invited to; key staff read their LA's evidence pack."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_violations(page) -> None:
    violations = axe_violations(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


def test_programme_staff_run_a_meeting_in_the_browser(in_browser, world):
    programme = with_backup_code(world.users["programme"])
    meeting_url = f"/governance/meetings/{world.meeting.pk}/"
    dfe_name = world.users["dfe"].display_name

    def steps(page) -> None:
        sign_in(page, programme)
        page.goto("/governance/meetings/")
        assert page.locator("h1").inner_text() == "Meetings"
        _no_violations(page)
        screenshot(page, "governance-meetings")
        page.goto(meeting_url)
        _no_violations(page)
        page.select_option("#id_invite-participant", label="Dan Other, Head of service, Kent")
        page.get_by_role("button", name="Invite", exact=True).click()
        assert "Dan Other is invited" in page.content()
        page.check("label:has-text('Dan Other')")
        page.get_by_role("button", name="Record attendance", exact=True).click()
        assert "Attendance recorded: 1 attended." in page.content()
        page.fill("#id_decision-text", "Adopt the indicators")
        page.get_by_role("button", name="Record the decision", exact=True).click()
        page.fill("#id_action-text", "Send the letter")
        page.select_option("#id_action-owner", label=dfe_name)
        page.fill("#id_action-due_on", "2030-01-31")
        page.get_by_role("button", name="Add the action", exact=True).click()
        assert "Send the letter" in page.content()
        assert "Adopt the indicators" in page.content()
        _no_violations(page)
        screenshot(page, "governance-meeting")

    in_browser(steps)


def test_the_dfe_reads_its_meeting_and_key_staff_their_evidence_pack(in_browser, world):
    dfe = with_backup_code(world.users["dfe"])
    key = with_backup_code(world.users["key845"])
    meeting_url = f"/governance/meetings/{world.meeting.pk}/"

    def steps(page) -> None:
        sign_in(page, dfe)
        page.goto("/governance/meetings/")
        assert "Quarterly meeting on the released reports" not in page.content()
        page.goto(meeting_url)
        assert "INTERNAL AND LIMITED USE" in page.content()
        _no_violations(page)
        page.context.clear_cookies()
        sign_in(page, key)
        page.goto("/evidence/packs/845/")
        assert "Front door peer review" in page.content()
        _no_violations(page)
        screenshot(page, "evidence-pack")
        page.goto(f"/evidence/reviews/{world.review845.pk}/")
        _no_violations(page)
        page.goto("/evidence/")
        _no_violations(page)

    in_browser(steps)
