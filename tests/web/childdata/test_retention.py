"""Retention: data past its date is flagged, can no longer be downloaded, and is purged (the
bytes removed, the request marked purged) with an audit event; by the service, the command and
the DBG's button. Each runs on a fixed clock."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tartan.web.audit.models import Action, AuditEvent
from tartan.web.childdata import retention, services, transfers
from tartan.web.childdata.models import ChildDataExtract, ChildDataRequest, Removal, Status
from tests.web.childdata.conftest import Steps, pseudonymise, zipped
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

DAY = date(2025, 1, 6)
KEEP_UNTIL = DAY + timedelta(days=90)  # 6 April 2025


@pytest.fixture
def fixed(people) -> Steps:
    return Steps(people, DAY)


@pytest.fixture
def received(fixed, source_files, tmp_path) -> ChildDataRequest:
    request = fixed.approved(keep_days=90)
    folder = pseudonymise(source_files, tmp_path / "extract", request)
    transfers.receive_extract(request, fixed.people["analyst_845"], "x.zip", zipped(folder), DAY)
    return ChildDataRequest.objects.get(pk=request.pk)


def _purge_events(request: ChildDataRequest):
    return AuditEvent.objects.filter(
        action=Action.CHILD_DATA, object_id=str(request.pk), summary__startswith="purged"
    )


def test_nothing_is_purged_up_to_and_on_the_retention_date(received):
    assert retention.purge_expired(KEEP_UNTIL) == []
    assert list(retention.past_retention(KEEP_UNTIL)) == []
    assert list(retention.due_soon(KEEP_UNTIL - timedelta(days=30))) == [received]
    received.refresh_from_db()
    assert received.status == Status.DATA_RECEIVED
    assert ChildDataExtract.objects.get(request=received).content is not None


def test_past_its_retention_date_the_data_is_flagged_then_purged_and_audited(received, fixed):
    day_after = KEEP_UNTIL + timedelta(days=1)
    assert list(retention.past_retention(day_after)) == [received]
    size = ChildDataExtract.objects.get(request=received).size
    purged = retention.purge_expired(day_after)
    assert [r.pk for r in purged] == [received.pk]
    received.refresh_from_db()
    assert received.status == Status.PURGED
    assert received.purged_at is not None
    extract = ChildDataExtract.objects.get(request=received)
    assert extract.content is None
    assert extract.removed_because == Removal.PURGED
    assert extract.children > 0  # what moved stays described
    assert received.approved_dpia is not None  # and the DPIA stays on record
    (event,) = _purge_events(received)
    assert event.la_codes == ",845,"
    assert event.purpose == "placement_stability"
    assert event.summary == (
        f"purged: retention date 06 April 2025 passed; 1 extract(s), {size} bytes removed"
    )
    assert event.user is None  # the scheduled run, not a person
    # Purging again finds nothing and records nothing more.
    assert retention.purge_expired(day_after + timedelta(days=1)) == []
    assert _purge_events(received).count() == 1


def test_superseded_extracts_hold_no_bytes_to_purge_and_approved_requests_without_data_close(
    received, fixed
):
    waiting = fixed.approved(keep_days=30)
    purged = retention.purge_expired(KEEP_UNTIL + timedelta(days=1))
    assert {r.pk for r in purged} == {received.pk, waiting.pk}
    waiting.refresh_from_db()
    assert waiting.status == Status.PURGED
    (event,) = _purge_events(waiting)
    assert "0 extract(s), 0 bytes removed" in event.summary


def test_requests_never_approved_are_not_purged(fixed):
    draft = fixed.draft(keep_days=10)
    refused = services.refuse(fixed.submitted(keep_days=10), fixed.people["keystaff_845"], "No.")
    assert retention.purge_expired(DAY + timedelta(days=30)) == []
    assert {draft.status, ChildDataRequest.objects.get(pk=refused.pk).status} == {
        Status.DRAFT,
        Status.REFUSED,
    }


def test_the_command_purges_as_of_the_day_given(received):
    out = StringIO()
    call_command("purge_child_data", "--today", KEEP_UNTIL.isoformat(), stdout=out)
    assert "0 request(s) purged" in out.getvalue()
    out = StringIO()
    call_command("purge_child_data", "--today", "2025-04-07", "--dry-run", stdout=out)
    assert f"{received.reference}\tEast Sussex" in out.getvalue()
    assert "nothing purged" in out.getvalue()
    assert ChildDataRequest.objects.get(pk=received.pk).status == Status.DATA_RECEIVED
    out = StringIO()
    call_command("purge_child_data", "--today", "2025-04-07", stdout=out)
    assert "1 request(s) purged on 07 April 2025" in out.getvalue()
    assert ChildDataRequest.objects.get(pk=received.pk).status == Status.PURGED
    assert _purge_events(received).count() == 1


def test_the_retention_page_flags_and_its_button_purges(received, people):
    # Approved in January 2025 to be kept until April 2025: long past on the real clock.
    dbg = signed_in(people["dbg"])
    page = dbg.get("/child-data/retention/").content.decode()
    assert 'id="flagged"' in page
    assert received.reference in page
    assert "Past retention" in page
    detail = signed_in(people["recipient"]).get(f"/child-data/{received.pk}/").content.decode()
    assert 'id="past-retention"' in detail
    assert 'id="download"' not in detail
    response = dbg.post("/child-data/retention/")
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.status == Status.PURGED
    (event,) = _purge_events(received)
    assert event.user == people["dbg"]
    page = dbg.get("/child-data/retention/").content.decode()
    assert 'id="none-flagged"' in page
    assert 'id="purged"' in page


def test_data_past_retention_is_not_downloaded_even_before_the_purge(received, people):
    response = signed_in(people["recipient"]).get(f"/child-data/{received.pk}/extract/download/")
    assert response.status_code == 409
    assert "retention" in response.content.decode()
    assert AuditEvent.objects.filter(
        object_id=str(received.pk), summary="download refused: past its retention date"
    ).exists()
