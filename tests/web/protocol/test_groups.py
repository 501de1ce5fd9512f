"""Each DBG sees its own group's people only: who has acknowledged the protocol, the issues
log and the report to DCSs count the people of its member LAs and of its own DBG, never the
North East's (tests/web/second_group.py)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.foi import services as foi
from tartan.web.protocol import services
from tartan.web.protocol.models import ProtocolIssue
from tests.web.conftest import GROUP, signed_in
from tests.web.second_group import OTHER, OTHER_MEMBERS

pytestmark = pytest.mark.django_db


def _named(user, first: str, last: str):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def test_the_acknowledgement_list_shows_the_dbgs_own_group_only(
    dbg, other_dbg, make_user, other_person
):
    services.publish(None, dbg, "1.0", date.today(), "Read it.")
    their_version = services.publish(None, other_dbg, "1.0", date.today(), "Theirs.")
    ours = _named(make_user(Role.LA_ANALYST, "845"), "Sam", "South")
    _named(dbg, "Dee", "Bee")
    theirs = _named(other_person(Role.LA_KEY_STAFF, OTHER_MEMBERS[0]), "Nora", "North")
    _named(other_dbg, "Ned", "Northdbg")
    services.acknowledge(None, theirs, their_version)
    outsider = _named(make_user(Role.LA_KEY_STAFF, "301"), "Otto", "Outside")  # in no group
    programme = _named(make_user(Role.DFE_VIEWER), "Dora", "Dfe")
    page = signed_in(dbg).get("/protocol/acknowledgements/").content.decode()
    assert "Sam South" in page
    assert "Dee Bee" in page
    for hidden in ("Nora North", "Ned Northdbg", "Otto Outside", "Dora Dfe"):
        assert hidden not in page, hidden
    assert "Not yet acknowledged (2)" in page
    assert "Acknowledged (0)" in page
    # The North East's DBG sees its own people, and none of the South East's.
    theirs_page = signed_in(other_dbg).get("/protocol/acknowledgements/").content.decode()
    assert "Nora North" in theirs_page
    assert "Ned Northdbg" in theirs_page
    assert "Sam South" not in theirs_page
    assert "Dee Bee" not in theirs_page
    assert "Acknowledged (1)" in theirs_page
    assert {p.pk for p in services.people_to_acknowledge(GROUP)} == {ours.pk, dbg.pk}
    assert outsider.pk not in {p.pk for p in services.people_to_acknowledge(OTHER)}
    assert programme.pk not in {p.pk for p in services.people_to_acknowledge(OTHER)}


def test_the_issues_log_is_the_dbgs_own_groups(dbg, other_dbg):
    ours = services.raise_issue(None, dbg, GROUP, "Unmarked rug", "Sent bare", date.today())
    client = signed_in(other_dbg)
    client.post(
        "/protocol/issues/",
        {"title": "Slow answers", "description": "Late", "raised_on": date.today().isoformat()},
    )
    theirs = ProtocolIssue.objects.get(title="Slow answers")
    assert theirs.group_key == OTHER
    page = client.get("/protocol/issues/").content.decode()
    assert "Slow answers" in page
    assert "Unmarked rug" not in page
    # Another group's issue cannot be closed from here.
    refused = client.post(f"/protocol/issues/{ours.pk}/close/", {"resolution": "Not ours"})
    assert refused.status_code == 404
    ours.refresh_from_db()
    assert ours.status == "open"
    assert "Slow answers" not in signed_in(dbg).get("/protocol/issues/").content.decode()


def test_the_report_to_dcss_counts_the_dbgs_own_group(dbg, other_dbg, make_user, other_person):
    services.publish(None, dbg, "1.0", date.today(), "Read it.")
    version = services.publish(None, other_dbg, "1.0", date.today(), "Theirs.")
    make_user(Role.LA_ANALYST, "845")
    for _ in range(3):
        services.acknowledge(None, other_person(Role.LA_ANALYST, OTHER_MEMBERS[1]), version)
    services.acknowledge(None, other_dbg, version)
    services.raise_issue(None, other_dbg, OTHER, "Theirs", "Not ours", date.today())
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    foi.record_request(None, keystaff, GROUP, "FOI-SE", date.today(), "Rugs")
    today = date.today().isoformat()
    text = signed_in(dbg).get(f"/protocol/report.csv?start={today}&end={today}").content.decode()
    rows = dict(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    # The South East: its DBG, its analyst and its key staff; nobody has acknowledged.
    assert rows["People bound by the protocol"] == "3"
    assert rows["People who have acknowledged the version in force"] == "0"
    assert rows["Acknowledgements made in the period"] == "0"
    assert rows["Issues raised in the period"] == "0"
    assert rows["FOI requests recorded"] == "1"
    theirs = signed_in(other_dbg).get(f"/protocol/report.csv?start={today}&end={today}")
    rows = dict(
        csv.reader(
            line for line in theirs.content.decode().splitlines() if not line.startswith("#")
        )
    )
    assert rows["People bound by the protocol"] == "4"
    assert rows["People who have acknowledged the version in force"] == "4"
    assert rows["Issues raised in the period"] == "1"
    assert rows["FOI requests recorded"] == "0"


def test_a_groups_protocol_binds_its_own_people_only(dbg, other_dbg, make_user, other_person):
    ours = services.publish(None, dbg, "1.0", date.today(), "Ours.")
    theirs_person = other_person(Role.LA_KEY_STAFF, OTHER_MEMBERS[0])
    analyst = make_user(Role.LA_ANALYST, "845")
    # The South East's DBG cannot make the North East's people acknowledge anything.
    assert services.needs_acknowledgement(theirs_person) is None
    assert services.needs_acknowledgement(other_dbg) is None
    assert services.needs_acknowledgement(analyst) == ours
    page = signed_in(theirs_person).get("/rounds/", follow=False)
    assert "/protocol/acknowledge/" not in page.get("Location", "")
    # Nor can someone acknowledge a version that does not bind them.
    client = signed_in(theirs_person)
    client.post("/protocol/acknowledge/", {"version": ours.pk, "next": "/"})
    assert not ours.acknowledgements.filter(person=theirs_person).exists()
    # Each DBG lists its own group's versions only.
    assert "Ours." not in signed_in(other_dbg).get("/protocol/versions/").content.decode()


def test_someone_in_no_group_is_bound_by_every_groups_protocol(dbg, other_dbg, make_user):
    ours = services.publish(None, dbg, "1.0", date.today(), "Ours.")
    theirs = services.publish(None, other_dbg, "1.0", date.today(), "Theirs.")
    dfe = make_user(Role.DFE_VIEWER)
    assert {v.pk for v in services.binding(dfe)} == {ours.pk, theirs.pk}
    first = services.needs_acknowledgement(dfe)
    assert first is not None
    services.acknowledge(None, dfe, first)
    second = services.needs_acknowledgement(dfe)
    assert second is not None
    assert second != first
    services.acknowledge(None, dfe, second)
    assert services.needs_acknowledgement(dfe) is None
