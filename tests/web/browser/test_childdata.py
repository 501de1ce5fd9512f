"""A child-level data request walked through the browser: the DBG drafts it within a purpose
and submits it, East Sussex's key staff cannot approve it until the DPIA is attached, then
approve it; the LA's analyst uploads the extract and the recipient downloads it. Every page
passes axe, the erasure register and the retention page too, where the DBG purges an older
request's data past its retention date."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from tartan.cli import app
from tartan.web.accounts.roles import Position, Role
from tartan.web.childdata import services, transfers
from tartan.web.childdata.models import ChildDataRequest, Status
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code
from tests.web.childdata.conftest import FIELDS, QUESTION, pseudonymise, unzipped, zipped

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(make_user, role: Role, la_code: str | None, first: str, last: str, username: str):
    user = make_user(role, la_code, position=Position.OTHER, username=username)
    user.first_name, user.last_name = first, last
    user.save()
    return with_backup_code(user) if user.needs_two_factor else user


@contextmanager
def signed_in_as(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, user)
    try:
        yield page
    finally:
        context.close()


def accessible(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("records")
    result = CliRunner().invoke(
        app,
        ["childlevel", "generate", "--la", "845", "--period", "2024-25 Q1", "--out", str(folder)],
    )
    assert result.exit_code == 0, result.output
    return folder


def old_request_with_data(asker, recipient, decider, analyst, records, tmp_path):
    day = date(2025, 1, 6)
    details = services.Details("845", "placement_stability", QUESTION, recipient, date(2025, 4, 6))
    old = services.create(asker, details, day)
    old = services.choose_fields(old, asker, FIELDS)
    old = services.submit(old, asker, day)
    services.attach_dpia(
        old,
        analyst,
        document_name="dpia-2025.pdf",
        content=b"%PDF-1.4",
        approver_name="Priya Shah",
        approver_role="Data Protection Officer",
        approved_on=day,
        today=day,
    )
    old = services.approve(old, decider, "", day)
    extract = zipped(pseudonymise(records, tmp_path / "old-extract", old))
    transfers.receive_extract(old, analyst, "old.zip", extract, day)
    return old


def test_a_request_from_draft_to_approval_and_the_data_to_its_recipient(
    browser, live_server, make_user, records, tmp_path
):
    asker = person(make_user, Role.DBG_MEMBER, None, "Morgan", "Lee", "dbg-morgan")
    recipient = person(make_user, Role.DBG_MEMBER, None, "Ravi", "Kaur", "dbg-ravi")
    decider = person(make_user, Role.LA_KEY_STAFF, "845", "Alex", "Morgan", "es-head")
    analyst = person(make_user, Role.LA_ANALYST, "845", "Jo", "Bell", "es-analyst")
    keep_until = timezone.localdate() + timedelta(days=120)

    with signed_in_as(browser, live_server, asker) as page:
        page.get_by_role("link", name="Child-level data requests").click()
        accessible(page, "childdata-01-list")
        page.get_by_role("link", name="Ask for child-level data").click()
        page.get_by_role("button", name="Save the draft").click()
        assert page.locator(".govuk-error-summary").is_visible()
        accessible(page, "childdata-02-details-errors")
        page.select_option("#id_la_code", "845")
        page.get_by_label("Placement stability").check()
        page.fill("#id_question", QUESTION)
        page.select_option("#id_recipient", str(recipient.pk))
        page.fill("#id_retention_until", keep_until.isoformat())
        page.get_by_role("button", name="Save the draft").click()
        request = ChildDataRequest.objects.get()
        accessible(page, "childdata-03-fields")
        for field in FIELDS:
            page.check(f'input[value="{field}"]')
        page.get_by_role("button", name="Save the fields").click()
        accessible(page, "childdata-04-draft")
        page.get_by_role("button", name="Submit the request to East Sussex").click()
        assert "needs a DPIA" in page.locator(".govuk-notification-banner").inner_text()
        accessible(page, "childdata-05-submitted")

    with signed_in_as(browser, live_server, decider) as page:
        page.get_by_role("link", name="Child-level data requests").click()
        page.get_by_role("link", name=request.reference).click()
        page.get_by_role("link", name="Approve or refuse").click()
        assert page.locator("#no-dpia").is_visible()
        page.get_by_label("Approve the request").check()
        page.get_by_role("button", name="Record the decision").click()
        summary = page.locator(".govuk-error-summary").inner_text()
        assert "cannot be approved until a Data Protection Impact Assessment" in summary
        accessible(page, "childdata-06-approval-refused-without-dpia")
        assert ChildDataRequest.objects.get(pk=request.pk).status == Status.SUBMITTED

        page.get_by_role("link", name="Back to the request").click()
        page.get_by_role("link", name="Attach the DPIA").click()
        page.set_input_files(
            "#id_document",
            files=[{"name": "dpia.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}],
        )
        page.fill("#id_approver_name", "Priya Shah")
        page.fill("#id_approver_role", "Data Protection Officer")
        page.fill("#id_approved_on", timezone.localdate().isoformat())
        accessible(page, "childdata-07-dpia")
        page.get_by_role("button", name="Attach the DPIA").click()
        page.get_by_role("link", name="Approve or refuse").click()
        accessible(page, "childdata-08-decide")
        page.get_by_label("Approve the request").check()
        page.fill("#id_note", "Approved for the placement stability review only.")
        page.get_by_role("button", name="Record the decision").click()
        assert "is approved" in page.locator(".govuk-notification-banner").inner_text()
        accessible(page, "childdata-09-approved")
    request.refresh_from_db()
    assert request.status == Status.APPROVED
    assert request.approved_dpia.approver_name == "Priya Shah"

    folder = pseudonymise(records, tmp_path / "extract", request)
    (tmp_path / "request.zip").write_bytes(zipped(folder))
    with signed_in_as(browser, live_server, analyst) as page:
        page.goto(f"/child-data/{request.pk}/")
        assert request.extract_recipient in page.locator("#command").inner_text()
        page.get_by_role("link", name="Upload the extract").click()
        accessible(page, "childdata-10-upload")
        page.set_input_files("#id_extract", str(tmp_path / "request.zip"))
        page.get_by_role("button", name="Upload the extract").click()
        assert "The extract is stored" in page.locator(".govuk-notification-banner").inner_text()
        assert page.locator("#download").count() == 0  # the LA does not download it back
        accessible(page, "childdata-11-received")
        page.get_by_role("link", name="All requests").click()
        page.get_by_role("link", name="Your erasure register").click()
        accessible(page, "childdata-12-erasures")

    with signed_in_as(browser, live_server, recipient) as page:
        page.goto(f"/child-data/{request.pk}/")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download the data (zip)").click()
        saved = tmp_path / "downloaded.zip"
        download.value.save_as(saved)
        assert set(unzipped(saved.read_bytes())) == {"ssda903_header", "ssda903_episodes"}
        accessible(page, "childdata-13-recipient")
        page.get_by_role("link", name="All requests").click()
        page.get_by_role("link", name="Retention and purging").click()
        assert "Nothing is past its retention date" in page.locator("#none-flagged").inner_text()

        # An older request, approved in January 2025 to be kept until April 2025.
        old = old_request_with_data(asker, recipient, decider, analyst, records, tmp_path)
        page.reload()
        assert old.reference in page.locator("#flagged").inner_text()
        accessible(page, "childdata-14-retention-flagged")
        page.get_by_role("button", name="Purge 1 request now").click()
        assert (
            f"Purged 1 request(s): {old.reference}"
            in page.locator(".govuk-notification-banner").inner_text()
        )
        accessible(page, "childdata-15-purged")
    old.refresh_from_db()
    assert old.status == Status.PURGED
    assert old.extracts.get().content is None
