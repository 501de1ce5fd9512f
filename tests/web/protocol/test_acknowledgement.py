"""The protocol in people's hands (memorandum 5.5.3.v, 5.5.6): each person acknowledges the
version in force before anything else, again at each new version; the DBG sees who has and has
not, keeps the issues log and makes the periodic report to DCSs."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.protocol import services
from tartan.web.protocol.models import Acknowledgement, IssueStatus, ProtocolIssue
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

ASK = "/protocol/acknowledge/"


def test_without_a_version_nobody_is_asked(make_user):
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    assert client.get("/").status_code == 200
    assert client.get("/rounds/").status_code == 200
    page = client.get(ASK)
    assert "No version of the protocol has been published" in page.content.decode()


def test_a_version_in_force_is_asked_for_then_acknowledged(dbg, make_user):
    analyst = make_user(Role.LA_ANALYST, "845")
    version = services.publish(None, dbg, "1.0", date.today(), "Share within the group only.")
    client = signed_in(analyst)
    response = client.get("/rounds/?page=2")
    assert response.status_code == 302
    assert response["Location"] == f"{ASK}?next=%2Frounds%2F%3Fpage%3D2"
    page = client.get(response["Location"])
    assert "Share within the group only." in page.content.decode()
    # One's own data stays reachable before acknowledging.
    assert client.get("/your-data/").status_code == 200
    done = client.post(ASK, {"version": version.pk, "next": "/rounds/?page=2"})
    assert done.status_code == 302
    assert done["Location"] == "/rounds/?page=2"
    assert Acknowledgement.objects.filter(version=version, person=analyst).count() == 1
    event = AuditEvent.objects.get(object_type="Acknowledgement")
    assert event.username == analyst.username
    assert "acknowledged protocol version 1.0" in event.summary
    assert client.get("/").status_code == 200
    assert client.get("/rounds/").status_code == 200


def test_a_new_version_asks_again(dbg, make_user):
    analyst = make_user(Role.LA_ANALYST, "845")
    first = services.publish(None, dbg, "1.0", date.today() - timedelta(days=30), "First.")
    client = signed_in(analyst)
    client.post(ASK, {"version": first.pk, "next": "/"})
    assert client.get("/").status_code == 200  # the session now knows version 1.0 is done
    services.publish(None, dbg, "1.1", date.today(), "What changed.")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(ASK)
    assert "What changed." in client.get(ASK).content.decode()


def test_a_version_not_yet_in_force_is_not_asked(dbg, make_user):
    services.publish(None, dbg, "2.0", date.today() + timedelta(days=7), "Next month's.")
    assert signed_in(make_user(Role.LA_ANALYST, "845")).get("/").status_code == 200


def test_the_second_factor_comes_before_the_protocol(dbg, make_user):
    services.publish(None, dbg, "1.0", date.today(), "Read it.")
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    response = signed_in(keystaff, verified=False).get("/rounds/")
    assert response["Location"] == "/accounts/two-factor/"
    assert signed_in(keystaff).get("/rounds/")["Location"].startswith(ASK)


def test_a_posted_form_is_not_replayed_and_next_stays_on_the_site(dbg, make_user):
    version = services.publish(None, dbg, "1.0", date.today(), "Read it.")
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    response = client.post("/rounds/", {"x": "1"})
    assert response["Location"] == f"{ASK}?next=%2F"
    away = client.post(ASK, {"version": version.pk, "next": "https://elsewhere.example/"})
    assert away["Location"] == "/"


def test_acknowledging_a_version_no_longer_in_force_does_not_count(dbg, make_user):
    old = services.publish(None, dbg, "1.0", date.today() - timedelta(days=30), "Old.")
    services.publish(None, dbg, "1.1", date.today(), "New.")
    analyst = make_user(Role.LA_ANALYST, "845")
    client = signed_in(analyst)
    page = client.post(ASK, {"version": old.pk, "next": "/"})
    assert page.status_code == 200  # the page again, asking for 1.1
    assert not Acknowledgement.objects.filter(person=analyst).exists()


def test_the_dbg_sees_who_has_and_has_not_acknowledged(dbg, make_user):
    version = services.publish(None, dbg, "1.0", date.today(), "Read it.")
    done = make_user(Role.LA_ANALYST, "845", username="has-done")
    waiting = make_user(Role.LA_KEY_STAFF, "846", username="still-waiting")
    done.first_name, waiting.first_name = "Dana", "Wes"
    done.last_name, waiting.last_name = "Done", "Waiting"
    done.save()
    waiting.save()
    services.acknowledge(None, done, version)
    services.acknowledge(None, dbg, version)
    client = signed_in(dbg)
    page = client.get("/protocol/acknowledgements/").content.decode()
    waiting_table = page[page.index('id="waiting"') : page.index('id="done"')]
    done_table = page[page.index('id="done"') :]
    assert "Wes Waiting" in waiting_table
    assert "Dana Done" not in waiting_table
    assert "Dana Done" in done_table
    assert "Wes Waiting" not in done_table
    assert "Not yet acknowledged (1)" in page
    assert "Acknowledged (2)" in page
    assert signed_in(done).get("/protocol/acknowledgements/").status_code == 403


def test_publishing_a_version_with_its_document(dbg, make_user):
    client = signed_in(dbg)
    document = io.BytesIO(b"%PDF-1.4 the protocol")
    document.name = "protocol-v2.pdf"
    response = client.post(
        "/protocol/versions/",
        {
            "version": "2.0",
            "effective_on": date.today().isoformat(),
            "summary": "Now with FOI.",
            "document": document,
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="ProtocolVersion")
    assert "published south-east's protocol version 2.0" in event.summary
    again = client.post(
        "/protocol/versions/",
        {"version": "2.0", "effective_on": date.today().isoformat(), "summary": "Twice."},
    )
    assert "already been published" in again.content.decode()
    # The publisher is asked like everyone else, once away from the protocol's pages.
    assert client.get("/rounds/")["Location"].startswith(ASK)
    # The DBG is asked too, then everyone may read the document.
    analyst = signed_in(make_user(Role.LA_ANALYST, "845"))
    from tartan.web.protocol.models import ProtocolVersion

    version = ProtocolVersion.objects.get(version="2.0")
    download = analyst.get(f"/protocol/document/{version.pk}/")
    assert download.content == b"%PDF-1.4 the protocol"
    assert download["Content-Disposition"] == 'attachment; filename="protocol-v2.pdf"'


def test_the_issues_log_and_the_report_to_dcss(dbg, make_user):
    version = services.publish(None, dbg, "1.0", date.today(), "Read it.")
    services.acknowledge(None, dbg, version)
    make_user(Role.LA_ANALYST, "845")  # bound, not yet acknowledged
    client = signed_in(dbg)
    today = date.today().isoformat()
    client.post(
        "/protocol/issues/",
        {"title": "Unmarked rug", "description": "Sent without marking", "raised_on": today},
    )
    client.post(
        "/protocol/issues/",
        {"title": "Slow answers", "description": "FOI answers late", "raised_on": today},
    )
    issue = ProtocolIssue.objects.get(title="Unmarked rug")
    assert (
        client.post(
            f"/protocol/issues/{issue.pk}/close/", {"resolution": "Marked and resent"}
        ).status_code
        == 302
    )
    issue.refresh_from_db()
    assert issue.status == IssueStatus.CLOSED
    assert issue.closed_on == date.today()
    summaries = set(
        AuditEvent.objects.filter(object_type="ProtocolIssue").values_list("summary", flat=True)
    )
    assert summaries == {
        "protocol issue: Unmarked rug",
        "protocol issue: Slow answers",
        "closed protocol issue: Unmarked rug",
    }
    start = (date.today() - timedelta(days=7)).isoformat()
    download = client.get(f"/protocol/report.csv?start={start}&end={today}")
    text = download.content.decode()
    marking = [line for line in text.splitlines() if line.startswith("# ")]
    assert any("Freedom of Information Act" in line for line in marking)
    rows = dict(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert rows["People bound by the protocol"] == "2"
    assert rows["People who have acknowledged the version in force"] == "1"
    assert rows["People who have not"] == "1"
    assert rows["Issues raised in the period"] == "2"
    assert rows["Issues closed in the period"] == "1"
    assert rows["Issues open at the end"] == "1"
    assert rows["Issue: Slow answers"] == "Open"
    page = client.get(f"/protocol/report/?start={start}&end={today}").content.decode()
    assert "Unmarked rug (closed)" in page
