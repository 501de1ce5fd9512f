"""Meetings (issue 17.1): invitations sent through the real SMTP server, attendance, minutes
marked like any other output, decisions and actions followed up at the next meeting, the DfE
seeing only the meetings it is invited to, and the warning when a financial year has had
fewer than two steering groups with DfE senior officials."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse

from tartan.governance.senior import FinancialYear
from tartan.web.audit.models import AuditEvent
from tartan.web.governance import models as gm
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import meetings as service
from tartan.web.mail.delivery import deliver_due
from tartan.web.mail.models import Message
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db


def _meeting(programme, held_on, kind=gm.MeetingKind.STEERING, senior=False, title="Steering"):
    return gm.Meeting.objects.create(
        title=title, kind=kind, held_on=held_on, dfe_senior=senior, created_by=programme
    )


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode()


def test_invitations_reach_the_people_through_the_smtp_server(world, mail_server):
    programme = world.users["programme"]
    meeting = _meeting(programme, TODAY + timedelta(days=14), title="SESLIP Steering Group")
    client = signed_in(programme)
    url = reverse("governance:meeting-invite", args=[meeting.pk])
    client.post(url, {"invite-user": world.users["dfe"].pk})
    client.post(url, {"invite-participant": world.entry_other.pk})  # Dan, no account
    # A directory entry with an account is invited as that account.
    client.post(url, {"invite-participant": world.entry845.pk})
    assert sorted(meeting.invitations.values_list("name", flat=True)) == sorted(
        [world.users["dfe"].display_name, "Dan Other", world.users["key845"].display_name]
    )
    assert meeting.invitations.get(user=world.users["key845"]).la_code == "845"
    ours = Message.objects.filter(
        kind="meeting_invitation", dedupe_key__contains=f"meeting{meeting.pk}:"
    )
    assert ours.count() == 3
    deliver_due()
    day = meeting.held_on.strftime("%d %B %Y")
    subject = f"Invitation: SESLIP Steering Group on {day}"
    (to_dfe,) = [m for m in mail_server.to(world.users["dfe"].email) if m["Subject"] == subject]
    text = to_dfe.get_body(("plain",)).get_content()
    assert f"/governance/meetings/{meeting.pk}/" in text
    (to_dan,) = [m for m in mail_server.to("dan@example.org") if m["Subject"] == subject]
    dan_text = to_dan.get_body(("plain",)).get_content()
    assert "Hello Dan Other" in dan_text
    assert "/governance/meetings/" not in dan_text
    # Each invitation and its audit event were written together.
    assert AuditEvent.objects.filter(summary__startswith="invited ").count() == 3


def test_inviting_someone_twice_writes_nothing_and_sends_nothing(world, mail_server):
    before = Message.objects.count()
    with pytest.raises(GovernanceError):
        service.invite(world.meeting, world.users["programme"], user=world.users["dfe"])
    assert Message.objects.count() == before
    assert world.meeting.invitations.filter(user=world.users["dfe"]).count() == 1


def test_the_dfe_sees_the_meetings_it_is_invited_to_and_no_others(world):
    dfe = signed_in(world.users["dfe"])
    listing = dfe.get(reverse("governance:meetings")).content.decode()
    assert reverse("governance:meeting", args=[world.meeting.pk]) in listing
    assert reverse("governance:meeting", args=[world.other_meeting.pk]) not in listing
    assert dfe.get(reverse("governance:meeting", args=[world.other_meeting.pk])).status_code == 404
    # Once invited, it sees that one too.
    service.invite(world.other_meeting, world.users["programme"], user=world.users["dfe"])
    assert dfe.get(reverse("governance:meeting", args=[world.other_meeting.pk])).status_code == 200
    # People invited read the meeting; they do not manage it.
    page = dfe.get(reverse("governance:meeting", args=[world.meeting.pk])).content.decode()
    assert "Record attendance" not in page
    assert "Invite someone" not in page


def test_attendance_minutes_decisions_and_actions_are_recorded_and_the_minutes_marked(world):
    programme = world.users["programme"]
    client = signed_in(programme)
    meeting = world.meeting
    dfe_invite = meeting.invitations.get(user=world.users["dfe"])
    client.post(
        reverse("governance:meeting-attendance", args=[meeting.pk]),
        {"attendance-attended": [str(world.invitation845.pk)]},
    )
    assert meeting.invitations.get(pk=world.invitation845.pk).attended is True
    assert meeting.invitations.get(pk=dfe_invite.pk).attended is False
    client.post(
        reverse("governance:meeting-minutes", args=[meeting.pk]),
        {"minutes-agenda": "1. The Q3 rugs", "minutes-minutes": "Re-referrals at 27% discussed."},
    )
    client.post(
        reverse("governance:decision-new", args=[meeting.pk]),
        {"decision-text": "Adopt the front door indicators"},
    )
    client.post(
        reverse("governance:action-new", args=[meeting.pk]),
        {
            "action-text": "Share the audit tool",
            "action-owner": dfe_invite.pk,
            "action-due_on": (TODAY + timedelta(days=30)).isoformat(),
        },
    )
    action = meeting.actions.get(text="Share the audit tool")
    assert (action.owner, action.status) == (dfe_invite, "open")
    page = signed_in(world.users["key845"]).get(reverse("governance:meeting", args=[meeting.pk]))
    html = page.content.decode()
    assert "Adopt the front door indicators" in html
    assert "Share the audit tool" in html
    assert "INTERNAL AND LIMITED USE" in html  # the minutes carry the marking
    assert f"Produced for {world.users['key845'].display_name}" in html
    pdf = signed_in(world.users["dfe"]).get(reverse("governance:minutes-pdf", args=[meeting.pk]))
    text = _pdf_text(pdf.content)
    assert "INTERNAL AND LIMITED USE" in text
    assert f"Produced for {world.users['dfe'].display_name}" in text
    assert "Re-referrals at 27% discussed." in text
    assert "Share the audit tool" in text
    assert "Adopt the front door indicators" in text


def test_an_action_owner_must_be_invited_to_that_meeting(world):
    with pytest.raises(GovernanceError):
        service.add_action(
            world.other_meeting, "x", world.invitation845, TODAY, world.users["programme"]
        )


def test_open_actions_are_followed_up_at_the_next_meeting_of_the_kind(world):
    programme = world.users["programme"]
    first = _meeting(programme, TODAY - timedelta(days=90))
    owner = service.invite(first, programme, user=world.users["key846"])
    open_one = service.add_action(first, "Write to the DCSs", owner, TODAY, programme)
    done_one = service.add_action(first, "Book the room", owner, TODAY, programme)
    service.update_action(done_one, "Booked", "done", programme)
    second = _meeting(programme, TODAY - timedelta(days=10))
    quarterly = _meeting(programme, TODAY - timedelta(days=5), kind=gm.MeetingKind.QUARTERLY)
    assert service.previous(second) == first
    assert service.follow_up(second) == [open_one]
    assert open_one not in service.follow_up(quarterly)  # another series
    client = signed_in(programme)
    page = client.get(reverse("governance:meeting", args=[second.pk])).content.decode()
    assert "Follow-up from earlier meetings" in page
    assert "Write to the DCSs" in page
    assert "Book the room" not in page
    client.post(
        reverse("governance:action-update", args=[open_one.pk]),
        {"at_meeting": second.pk, "update-text": "Letter sent", "update-status": "done"},
    )
    open_one.refresh_from_db()
    assert open_one.status == "done"
    assert open_one.updates.get().at_meeting == second
    # Closed at the second meeting: shown there with its update, not followed up after.
    page = client.get(reverse("governance:meeting", args=[second.pk])).content.decode()
    assert "update here: Letter sent" in page
    third = _meeting(programme, TODAY)
    assert service.follow_up(third) == []


def test_fewer_than_two_senior_meetings_in_a_financial_year_warns_across_the_boundary(world):
    programme = world.users["programme"]
    this_year = FinancialYear.of(TODAY)
    # One just before this financial year began, one at its start: each year has one.
    _meeting(programme, this_year.starts_on - timedelta(days=3), senior=True)
    _meeting(programme, this_year.starts_on + timedelta(days=2), senior=True)
    last = FinancialYear(this_year.start_year - 1).label
    client = signed_in(programme)
    for name in ("governance:index", "governance:meetings"):
        html = client.get(reverse(name)).content.decode()
        assert f"{last} had 1 meeting of the steering group with DfE senior officials" in html
        assert f"{this_year.label} has had 1 meeting" in html
        assert "Next due:" in html
    # A second senior meeting this year (planned) clears this year's warning, not last year's.
    _meeting(programme, this_year.ends_on - timedelta(days=1), senior=True)
    html = client.get(reverse("governance:index")).content.decode()
    assert f"{this_year.label} has had" not in html
    assert f"{last} had 1 meeting" in html
    # A quarterly meeting, or a steering group without the DfE's senior officials, counts not.
    assert len(service.senior_dates("south-east")) == 3


def test_only_a_steering_group_has_dfe_senior_officials(world):
    client = signed_in(world.users["programme"])
    response = client.post(
        reverse("governance:meeting-new"),
        {
            "title": "Quarterly",
            "kind": "quarterly",
            "held_on": date.today().isoformat(),
            "dfe_senior": "on",
        },
    )
    assert response.status_code == 200
    assert "DfE senior officials join the steering group only" in response.content.decode()
    assert not gm.Meeting.objects.filter(title="Quarterly").exists()


def test_the_pack_links_to_the_released_quarters_meeting_pack(world, released_round):
    world.meeting.round = released_round
    world.meeting.save()
    html = (
        signed_in(world.users["key845"])
        .get(reverse("governance:meeting", args=[world.meeting.pk]))
        .content.decode()
    )
    assert reverse("reports:pack", args=[released_round.pk]) in html
    # The DfE is invited, but the pack (every rug) is the group's own: named, not linked.
    html = (
        signed_in(world.users["dfe"])
        .get(reverse("governance:meeting", args=[world.meeting.pk]))
        .content.decode()
    )
    assert reverse("reports:pack", args=[released_round.pk]) not in html
    assert released_round.period in html


def test_an_invitation_whose_audit_event_fails_leaves_nothing_and_sends_nothing(world, monkeypatch):
    meeting = world.other_meeting
    client = signed_in(world.users["programme"])
    url = reverse("governance:meeting-invite", args=[meeting.pk])
    messages_before = Message.objects.count()

    def disk_full(*args, **kwargs):
        raise OSError("disk full while writing the audit event")

    monkeypatch.setattr(AuditEvent.objects, "create", disk_full)
    with pytest.raises(OSError, match="disk full"):
        client.post(url, {"invite-user": world.users["dfe"].pk})
    monkeypatch.undo()
    assert not meeting.invitations.exists()
    assert Message.objects.count() == messages_before
    signed_in(world.users["programme"]).post(url, {"invite-user": world.users["dfe"].pk})
    assert meeting.invitations.count() == 1
    assert Message.objects.count() == messages_before + 1


def test_an_update_naming_a_meeting_by_a_digit_int_refuses_is_not_a_server_error(world):
    """'²' passes str.isdigit but not int(): the update is recorded between meetings."""
    programme = world.users["programme"]
    response = signed_in(programme).post(
        reverse("governance:action-update", args=[world.action845.pk]),
        {"at_meeting": "²", "update-text": "Chased", "update-status": "open"},
    )
    assert response.status_code == 302
    assert world.action845.updates.get().at_meeting is None


def test_the_follow_up_of_many_actions_costs_no_more_queries_than_of_one(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = world.users["programme"]
    first = _meeting(programme, TODAY - timedelta(days=90))
    owner = service.invite(first, programme, user=world.users["key846"])
    second = _meeting(programme, TODAY - timedelta(days=10))
    client = signed_in(programme)
    url = reverse("governance:meeting", args=[second.pk])

    def queries_with(actions: int) -> int:
        for n in range(actions - first.actions.count()):
            made = service.add_action(first, f"Action {n}", owner, TODAY, programme)
            service.update_action(made, f"Update {n}", "open", programme, at_meeting=second)
        client.get(url)  # warm the session and the request's memo
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries_with(1) == queries_with(4)


def test_attendance_naming_someone_not_invited_says_so_and_records_nothing(world):
    """Another meeting's invitation (a stale page, a forged form) is refused with the reason,
    as the meeting page's other forms are, not dropped without a word."""
    programme = world.users["programme"]
    elsewhere = service.invite(world.other_meeting, programme, user=world.users["key846"])
    client = signed_in(programme)
    response = client.post(
        reverse("governance:meeting-attendance", args=[world.meeting.pk]),
        {"attendance-attended": [str(elsewhere.pk)]},
        follow=True,
    )
    assert "is not one of the available choices" in response.content.decode()
    assert not world.meeting.invitations.filter(attended__isnull=False).exists()
