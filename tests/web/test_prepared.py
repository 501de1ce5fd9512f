"""The workbook of every rug is prepared by the task worker, not in the request, and only the
person who asked may fetch it."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.prepared.models import PreparedFile, PreparedStatus
from tartan.web.submissions.once import FIELD
from tests.web.conftest import MEMBERS, signed_in

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    """The real worker of django-tasks' database backend, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def ask(client, round_) -> PreparedFile:
    page = client.get(reverse("reports:overview-download", args=[round_.pk, "xlsx"]))
    assert page.status_code == 200
    assert "Prepare the workbook" in page.content.decode()
    form = page.content.decode()
    once = form.split(f'name="{FIELD}" value="')[1].split('"')[0]
    response = client.post(
        reverse("prepared:ask-overview-workbook", args=[round_.pk]), {"purpose": "", FIELD: once}
    )
    assert response.status_code == 302
    return PreparedFile.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


# The worker closes its database connection after a task, as a worker process does: these tests
# commit what they make (no wrapping transaction), so the worker reads what a request wrote.
@pytest.mark.django_db(transaction=True)
def test_the_workbook_is_prepared_in_the_background_then_downloaded(make_user, released_round):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    client = signed_in(keystaff)
    prepared = ask(client, released_round)
    # The request rendered nothing: the file waits for the worker.
    assert prepared.status == PreparedStatus.WAITING
    assert prepared.content is None
    page = client.get(reverse("prepared:file", args=[prepared.pk]))
    assert "Being prepared" in page.content.decode()
    assert page["Refresh"] == "5"
    assert client.get(reverse("prepared:download", args=[prepared.pk])).status_code == 404

    run_worker()
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.READY, prepared.error
    assert sorted(prepared.la_codes) == sorted(MEMBERS)
    assert hashlib.sha256(bytes(prepared.content)).hexdigest() == prepared.sha256
    page = client.get(reverse("prepared:file", args=[prepared.pk]))
    assert "Ready" in page.content.decode()
    assert "Refresh" not in page
    download = client.get(reverse("prepared:download", args=[prepared.pk]))
    assert download.status_code == 200
    book = load_workbook(
        io.BytesIO(b"".join(download.streaming_content))
        if download.streaming
        else io.BytesIO(download.content)
    )
    assert len(book.sheetnames) >= 1 + len(MEMBERS)
    event = AuditEvent.objects.filter(summary=prepared.name).get()
    assert event.la_code_list == sorted(MEMBERS)


@pytest.mark.django_db(transaction=True)
def test_only_the_person_who_asked_fetches_it(make_user, released_round):
    asker = make_user(Role.LA_KEY_STAFF, "845")
    prepared = ask(signed_in(asker), released_round)
    run_worker()
    for other in (
        make_user(Role.LA_KEY_STAFF, "845"),
        make_user(Role.LA_KEY_STAFF, "846"),
        make_user(Role.DBG_MEMBER),
        make_user(Role.LA_ANALYST, "845"),
    ):
        client = signed_in(other)
        for name in ("prepared:file", "prepared:download"):
            assert client.get(reverse(name, args=[prepared.pk])).status_code == 404, other


def test_people_who_cannot_see_the_overview_cannot_ask(make_user, open_round):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    response = signed_in(keystaff).post(
        reverse("prepared:ask-overview-workbook", args=[open_round.pk]), {"purpose": ""}
    )
    assert response.status_code == 404
    assert not PreparedFile.objects.exists()


def test_the_dfe_asks_only_for_an_agreed_purpose(make_user, released_round):
    dfe = make_user(Role.DFE_VIEWER)
    response = signed_in(dfe).post(
        reverse("prepared:ask-overview-workbook", args=[released_round.pk]),
        {"purpose": "anything I like"},
    )
    assert response.status_code == 403
    assert not PreparedFile.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_workbook_of_an_open_quarter_says_draft_on_every_sheet(dbg, open_round):
    from tartan.reference.register import shipped_register
    from tests.web.conftest import submit_all

    submit_all(open_round, dbg, skip=(MEMBERS[-1],))
    prepared = ask(signed_in(dbg), open_round)
    run_worker()
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.READY, prepared.error
    book = load_workbook(io.BytesIO(bytes(prepared.content)))
    missing = f"{shipped_register()[MEMBERS[-1]].name} ({MEMBERS[-1]})"
    for sheet in book.worksheets:
        assert str(sheet["A4"].value).startswith("DRAFT: not signed off."), sheet.title
        assert missing in str(sheet["A4"].value), sheet.title
