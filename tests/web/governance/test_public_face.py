"""The programme's public face (issue 17 point 2; subscription terms 2.iv, 4, 5, 7): plans,
the steering group, published-only figures and complaints, open to anyone without signing in;
the complaints register open to the programme manager and the chair alone."""

from __future__ import annotations

import re
import secrets

import pytest
from django.test import Client
from django.urls import reverse

from tartan.web.accounts.roles import Position, Role
from tartan.web.audit.models import AuditEvent
from tartan.web.governance.models import Complaint, Office, ProgressReport
from tartan.web.mail.delivery import deliver_due
from tartan.web.submissions.once import FIELD
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db

COMPLAINT = {
    "addressed_to": "chair",
    "name": "Robin Resident",
    "email": "robin@example.org",
    "organisation": "",
    "details": "The programme's website has not been updated since the spring.",
}


def post(client, url, data):
    return client.post(url, {FIELD: secrets.token_hex(8), **data})


def test_anyone_complains_and_is_acknowledged_through_the_smtp_server(world, mail_server):
    deliver_due()  # what the world's set-up queued (meeting invitations), out of the way
    response = post(Client(), reverse("governance:complaint-new"), COMPLAINT)
    assert response.status_code == 302
    made = Complaint.objects.get(email="robin@example.org")
    assert made.addressed_to == Office.CHAIR
    assert not made.closed
    event = AuditEvent.objects.get(object_type="Complaint", object_id=str(made.pk))
    assert event.user is None
    assert made.reference in event.summary
    assert deliver_due().sent == 1
    (received,) = mail_server.to("robin@example.org")
    text = received.get_body(("plain",)).get_content()
    assert received["Subject"] == f"Your complaint {made.reference} is received"
    # Who answers it is named (the chair, from the directory); the complaint's words are not.
    assert "Carol Key, Chair of the steering group" in text
    assert "not been updated" not in text
    assert "not been updated" not in received.as_string()


def test_the_complaint_form_refuses_a_post_without_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("governance:complaint-new"), COMPLAINT)
    assert response.status_code == 403
    assert not Complaint.objects.filter(email="robin@example.org").exists()
    page = client.get(reverse("governance:complaint-new")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_complaints_from_one_address_are_limited_each_hour(world, settings):
    settings.TARTAN_COMPLAINTS_PER_HOUR = 2
    client = Client()
    url = reverse("governance:complaint-new")
    assert post(client, url, COMPLAINT).status_code == 302
    assert post(client, url, COMPLAINT).status_code == 302
    third = post(client, url, COMPLAINT)
    assert third.status_code == 429
    assert "too many complaints" in third.content.decode()
    assert Complaint.objects.filter(email="robin@example.org").count() == 2
    # Another address is not held back by this one.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other, url, COMPLAINT).status_code == 302


def test_the_programme_manager_records_the_outcome_and_others_cannot_see_it(world, make_user):
    manager = signed_in(world.users["programme"])
    url = reverse("governance:complaint-outcome", args=[world.complaint.pk])
    response = post(manager, url, {"outcome": "Apologised; fixed.", "outcome_on": TODAY})
    assert response.status_code == 302
    world.complaint.refresh_from_db()
    assert world.complaint.closed
    assert world.complaint.outcome_by == world.users["programme"]
    assert AuditEvent.objects.filter(
        object_type="Complaint", summary__contains="outcome recorded"
    ).exists()
    again = post(manager, url, {"outcome": "changed", "outcome_on": TODAY})
    assert "already recorded" in again.content.decode()
    # Programme staff holding no seat are programme staff, not the programme manager.
    colleague = signed_in(make_user(Role.PROGRAMME_STAFF, position=Position.PROGRAMME_STAFF))
    assert colleague.get(reverse("governance:complaints")).status_code == 403
    assert (
        colleague.get(reverse("governance:complaint", args=[world.complaint.pk])).status_code == 404
    )
    assert post(colleague, url, {"outcome": "x", "outcome_on": TODAY}).status_code == 404


def test_a_complaint_to_the_chair_is_not_shown_to_the_programme_manager(world):
    post(Client(), reverse("governance:complaint-new"), COMPLAINT)
    to_chair = Complaint.objects.get(email="robin@example.org")
    manager = signed_in(world.users["programme"])
    chair = signed_in(world.users["key845"])
    assert to_chair.reference not in manager.get(reverse("governance:complaints")).content.decode()
    assert manager.get(reverse("governance:complaint", args=[to_chair.pk])).status_code == 404
    register = chair.get(reverse("governance:complaints")).content.decode()
    assert to_chair.reference in register
    assert world.complaint.reference in register
    detail = chair.get(reverse("governance:complaint", args=[to_chair.pk])).content.decode()
    assert "not been updated since the spring" in detail
    # An ended seat ends the access at once.
    world.seat.ended_on = TODAY
    world.seat.save()
    assert chair.get(reverse("governance:complaints")).status_code == 403


def test_the_steering_group_page_names_the_chair_members_and_keeps_withheld_contacts(world):
    from tartan.web.governance.models import SteeringSeat

    SteeringSeat.objects.create(
        participant=world.entry_other,
        office=Office.MEMBER,
        started_on=TODAY,
        recorded_by=world.users["programme"],
    )
    world.entry_other.consent_withheld = True
    world.entry_other.save()
    page = Client().get(reverse("governance:public-steering-group")).content.decode()
    chair = re.search(r'id="chair">(.*?)</dd>', page, re.S).group(1)
    assert "Carol Key" in chair
    assert "carol@example.org" in chair
    assert "Pat Manager" in re.search(r'id="manager">(.*?)</dd>', page, re.S).group(1)
    members = re.search(r'id="members">(.*?)</ul>', page, re.S).group(1)
    assert "Dan Other" in members
    assert "dan@example.org" not in page


def test_the_plans_page_shows_only_what_the_programme_chose_to_publish(world):
    project = world.project
    page = Client().get(reverse("governance:public-plans")).content.decode()
    assert "Peer review" not in page
    assert "No plans are published" in page
    client = signed_in(world.users["programme"])
    post(
        client,
        reverse("governance:project-public", args=[project.pk]),
        {"shown_publicly": "on", "public_summary": "Annual peer reviews for every member."},
    )
    page = Client().get(reverse("governance:public-plans")).content.decode()
    assert "Peer review" in page
    assert "Annual peer reviews for every member." in page
    report = ProgressReport.objects.get(project=project)
    assert report.progress not in page  # progress reports and their RAG stay inside
    assert "Green" not in page


def test_the_public_pages_need_no_sign_in_and_link_to_each_other(world):
    """The address without a group is the default group's page; its links are that group's
    own addresses."""
    client = Client()
    index = client.get(reverse("governance:public")).content.decode()
    for name in ("plans", "steering-group", "figures"):
        assert reverse(f"governance:group-public-{name}", args=["south-east"]) in index
    assert reverse("governance:group-directory", args=["south-east"]) in index
    assert reverse("governance:group-complaint-new", args=["south-east"]) in index


def test_a_complaint_whose_audit_event_cannot_be_written_leaves_nothing(world, monkeypatch):
    from tartan.web.mail.models import Message

    def disk_full(**kwargs):
        raise OSError("disk full")

    client = Client()
    client.raise_request_exception = False
    monkeypatch.setattr(AuditEvent.objects, "create", disk_full)
    assert post(client, reverse("governance:complaint-new"), COMPLAINT).status_code == 500
    monkeypatch.undo()
    assert not Complaint.objects.filter(email="robin@example.org").exists()
    assert not Message.objects.filter(to_address="robin@example.org").exists()


def test_a_seat_that_has_ended_keeps_its_end_date(world):
    """Ending a seat from a page left open after it ended would move its end to today: the
    chair would be on record as chair for a month they were not."""
    from datetime import timedelta

    from tartan.web.governance.models import SteeringSeat

    client = signed_in(world.users["programme"])
    url = reverse("governance:seat-end", args=[world.seat.pk])
    assert post(client, url, {}).status_code == 302
    assert SteeringSeat.objects.get(pk=world.seat.pk).ended_on == TODAY
    ended = TODAY - timedelta(days=30)
    SteeringSeat.objects.filter(pk=world.seat.pk).update(ended_on=ended)
    response = post(client, url, {})
    assert response.status_code == 302
    assert SteeringSeat.objects.get(pk=world.seat.pk).ended_on == ended
    page = client.get(response["Location"]).content.decode()
    assert "already" in page
    assert AuditEvent.objects.filter(summary__startswith="steering group seat ended").count() == 1


def test_a_project_shown_without_a_public_summary_does_not_publish_its_inside_description(world):
    """The plans page says what was written for the public (public_summary), never the
    project's description, which was written for the people inside."""
    project = world.project
    project.description = "Inside only: Kent's share is still being negotiated."
    project.save()
    post(
        signed_in(world.users["programme"]),
        reverse("governance:project-public", args=[project.pk]),
        {"shown_publicly": "on", "public_summary": ""},
    )
    page = Client().get(reverse("governance:public-plans")).content.decode()
    assert "Peer review" in page
    assert "still being negotiated" not in page
