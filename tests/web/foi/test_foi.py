"""FOI requests that concern the group's unpublished data: recorded by the LA that received
one, every other member LA consulted with a deadline of 20 working days (England bank holidays
not counted), their answers and the outcome recorded, each step in the audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.foi import services
from tartan.web.foi.models import Answer, Consultation, FoiRequest, Outcome
from tests.web.conftest import GROUP, MEMBERS, signed_in

pytestmark = pytest.mark.django_db


def test_twenty_working_days_across_christmas():
    # Received Friday 18 December 2026: Christmas Day (Friday), the Boxing Day substitute
    # (Monday 28th) and New Year's Day are not counted, nor the weekends.
    assert services.working_days_after(date(2026, 12, 18), 20) == date(2027, 1, 20)
    # Without the three bank holidays it would have been Friday 15 January.
    assert date(2027, 1, 15) + timedelta(days=5) == date(2027, 1, 20)


def test_twenty_working_days_across_easter():
    # Received Wednesday 1 April 2026: Good Friday (3rd) and Easter Monday (6th) are skipped.
    assert services.working_days_after(date(2026, 4, 1), 20) == date(2026, 5, 1)
    # An ordinary month: 20 weekdays.
    assert services.working_days_after(date(2026, 6, 1), 20) == date(2026, 6, 29)


def test_a_request_is_recorded_and_the_other_las_consulted(make_user):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    client = signed_in(keystaff)
    response = client.post(
        "/foi/new/",
        {"reference": "FOI/2026/123", "received_on": "2026-12-18", "summary": "Every rug"},
    )
    assert response.status_code == 302
    made = FoiRequest.objects.get()
    assert response["Location"] == f"/foi/{made.pk}/"
    assert (made.la_code, made.group_key, made.respond_by) == ("845", GROUP, date(2027, 1, 20))
    consulted = set(made.consultations.values_list("la_code", flat=True))
    assert consulted == set(MEMBERS) - {"845"}
    event = AuditEvent.objects.get(object_type="FoiRequest")
    assert event.username == keystaff.username
    assert f"{len(consulted)} LAs consulted by 2027-01-20" in event.summary
    assert set(event.la_codes.strip(",").split(",")) == set(MEMBERS)
    page = client.get(f"/foi/{made.pk}/").content.decode()
    assert "20 January 2027" in page
    assert "Freedom of Information Act without the group" in page  # the page's marking


def test_answers_and_outcome_are_recorded_and_audited(make_user):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    foi = services.record_request(None, keystaff, GROUP, "FOI-7", date.today(), "Rugs")
    others = [c.la_code for c in foi.consultations.all()]
    objector = make_user(Role.LA_KEY_STAFF, others[0])
    response = signed_in(objector).post(
        f"/foi/{foi.pk}/answer/", {"answer": "object", "comment": "Our figures are unaudited"}
    )
    assert response.status_code == 302
    mine = Consultation.objects.get(request=foi, la_code=others[0])
    assert (mine.answer, mine.answered_by) == (Answer.OBJECT, objector)
    assert mine.comment == "Our figures are unaudited"
    # Not everyone has answered and the deadline is weeks away: no outcome yet.
    client = signed_in(keystaff)
    client.post(f"/foi/{foi.pk}/decide/", {"outcome": "withheld"})
    foi.refresh_from_db()
    assert foi.outcome == Outcome.PENDING
    for code in others[1:]:
        services.answer(
            None,
            make_user(Role.LA_KEY_STAFF, code),
            foi.consultations.get(la_code=code),
            "agree",
            "",
        )
    # One LA objects: its figures are not released.
    with pytest.raises(services.FoiError, match="objects"):
        services.decide(None, keystaff, foi, Outcome.RELEASED, "")
    response = client.post(
        f"/foi/{foi.pk}/decide/", {"outcome": "withheld", "note": "Section 41 applied"}
    )
    assert response.status_code == 302
    foi.refresh_from_db()
    assert (foi.outcome, foi.decided_by, foi.decided_on) == (
        Outcome.WITHHELD,
        keystaff,
        date.today(),
    )
    assert "Section 41 applied" in client.get(f"/foi/{foi.pk}/").content.decode()
    summaries = list(
        AuditEvent.objects.filter(object_type="FoiRequest")
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert summaries[0].startswith("FOI request FOI-7 recorded")
    assert f"FOI FOI-7: {others[0]} objects to release" in summaries
    assert summaries[-1] == "FOI FOI-7: outcome withheld (exemption applied)"
    assert len(summaries) == 1 + len(others) + 1
    # Answers close with the outcome.
    with pytest.raises(services.FoiError, match="answers are closed"):
        services.answer(None, objector, mine, "agree", "")


def test_after_the_deadline_the_outcome_may_be_decided_without_every_answer(make_user):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    received = date.today() - timedelta(days=60)
    foi = services.record_request(None, keystaff, GROUP, "FOI-8", received, "Rugs")
    assert foi.respond_by < date.today()
    assert services.may_decide_now(foi)
    services.decide(None, keystaff, foi, Outcome.PUBLISHED_ONLY, "Pointed to the DfE's tables")
    assert FoiRequest.objects.get(pk=foi.pk).outcome == Outcome.PUBLISHED_ONLY


def test_an_la_outside_any_group_cannot_record_one(make_user):
    outsider = make_user(Role.LA_KEY_STAFF, "301")
    page = signed_in(outsider).get("/foi/new/").content.decode()
    assert "not in a benchmarking group today" in page
    assert "Record and consult" not in page
    response = signed_in(outsider).post(
        "/foi/new/", {"reference": "X", "received_on": date.today().isoformat(), "summary": "Y"}
    )
    assert response.status_code == 200
    assert not FoiRequest.objects.exists()


def test_the_dbg_lists_its_groups_requests_and_a_consulted_la_its_own(make_user, dbg):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    services.record_request(None, keystaff, GROUP, "FOI-9", date.today(), "Rugs")
    assert "FOI-9" in signed_in(dbg).get("/foi/").content.decode()
    assert "FOI-9" in signed_in(make_user(Role.LA_KEY_STAFF, "846")).get("/foi/").content.decode()
    assert (
        "FOI-9" not in signed_in(make_user(Role.LA_KEY_STAFF, "301")).get("/foi/").content.decode()
    )


def test_an_la_in_two_groups_says_which_groups_figures_are_asked_for(make_user):
    from tartan.web.groups.models import BenchmarkingGroup, Membership

    north_east = BenchmarkingGroup.objects.get(key="north-east")
    Membership.objects.create(group=north_east, la_code="845", starts_on=date(2020, 4, 1))
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    client = signed_in(keystaff)
    today = date.today().isoformat()
    asked = {"reference": "FOI-2G", "received_on": today, "summary": "Rugs"}
    unchosen = client.post("/foi/new/", asked)
    assert unchosen.status_code == 200
    assert not FoiRequest.objects.exists()
    assert client.post("/foi/new/", {**asked, "group_key": "north-east"}).status_code == 302
    made = FoiRequest.objects.get()
    assert made.group_key == "north-east"
    north = set(
        Membership.objects.in_force(date.today())
        .filter(group=north_east)
        .values_list("la_code", flat=True)
    )
    assert set(made.consultations.values_list("la_code", flat=True)) == north - {"845"}
