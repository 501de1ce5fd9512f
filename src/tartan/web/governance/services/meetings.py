"""Meetings: invitations (with their message in the same transaction), attendance, decisions,
actions and their follow-up, who sees which meeting, and the DfE senior officials' schedule."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from tartan.governance import senior
from tartan.web.accounts.roles import Role
from tartan.web.governance.models import (
    ActionStatus,
    ActionUpdate,
    Decision,
    Invitation,
    Meeting,
    MeetingAction,
    MeetingKind,
    Participant,
)
from tartan.web.governance.services import GovernanceError
from tartan.web.mail import outbox


def _la_of(user: Any) -> str:
    if user is None or not user.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF):
        return ""
    return str(user.la_code or "")


@transaction.atomic
def invite(
    meeting: Meeting, by: Any, user: Any = None, participant: Participant | None = None
) -> Invitation:
    """Invite one named person and put the invitation in the outbox, both or neither. A
    directory entry with an account is invited as that account, so that they see the
    meeting in the service."""
    if participant is not None and participant.user_id is not None:
        user, participant = participant.user, None
    if user is not None:
        if meeting.invitations.filter(user=user).exists():
            raise GovernanceError(f"{user.display_name} is already invited")
        entry = Participant.objects.filter(user=user).first()
        made = Invitation.objects.create(
            meeting=meeting,
            user=user,
            participant=entry,
            name=user.display_name,
            email=user.email,
            la_code=_la_of(user),
            invited_by=by,
        )
    elif participant is not None:
        if meeting.invitations.filter(participant=participant).exists():
            raise GovernanceError(f"{participant.name} is already invited")
        made = Invitation.objects.create(
            meeting=meeting,
            participant=participant,
            name=participant.name,
            email=participant.email,
            invited_by=by,
        )
    else:
        raise GovernanceError("choose a person to invite")
    facts = {"title": meeting.title, "due": meeting.held_on, "name": made.name}
    path = reverse("governance:meeting", kwargs={"meeting_id": meeting.pk})
    # An account's person reads it in the service; someone without an account gets no link.
    outbox.to_address(
        "meeting_invitation",
        made.email,
        facts,
        path if user is not None else "",
        dedupe=f"meeting{meeting.pk}",
        person=user,
    )
    return made


def record_attendance(meeting: Meeting, present: set[int]) -> int:
    count = 0
    for invitation in meeting.invitations.all():
        invitation.attended = invitation.pk in present
        invitation.save(update_fields=["attended"])
        count += invitation.attended
    return count


def add_decision(meeting: Meeting, text: str, by: Any) -> Decision:
    return Decision.objects.create(meeting=meeting, text=text, recorded_by=by)


def add_action(
    meeting: Meeting, text: str, owner: Invitation, due_on: date, by: Any
) -> MeetingAction:
    if owner.meeting_id != meeting.pk:
        raise GovernanceError("the owner must be one of the people invited to this meeting")
    return MeetingAction.objects.create(
        meeting=meeting, text=text, owner=owner, due_on=due_on, recorded_by=by
    )


def update_action(
    action: MeetingAction, text: str, status: str, by: Any, at_meeting: Meeting | None = None
) -> ActionUpdate:
    update = ActionUpdate.objects.create(
        action=action, at_meeting=at_meeting, text=text, status=status, by=by
    )
    action.status = status
    action.save(update_fields=["status"])
    return update


def previous(meeting: Meeting) -> Meeting | None:
    """The meeting of the same kind held before this one."""
    return (
        Meeting.objects.filter(
            kind=meeting.kind, held_on__lt=meeting.held_on, group_key=meeting.group_key
        )
        .order_by("-held_on", "-id")
        .first()
    )


def follow_up(meeting: Meeting) -> list[MeetingAction]:
    """Actions to follow up at this meeting: those raised at earlier meetings of its kind that
    are still open, and those closed by an update given at this meeting."""
    earlier = MeetingAction.objects.filter(
        meeting__kind=meeting.kind,
        meeting__held_on__lt=meeting.held_on,
        meeting__group_key=meeting.group_key,
    ).select_related("meeting", "owner")
    # The page lists each one's updates given at this meeting: one query for all of them.
    earlier = earlier.prefetch_related("updates")
    closed_here = Q(updates__at_meeting=meeting)
    return list(earlier.filter(Q(status=ActionStatus.OPEN) | closed_here).distinct())


def invited(user: Any, meeting: Meeting) -> bool:
    return meeting.invitations.filter(user_id=user.pk).exists()


def visible_to(user: Any, programme: bool) -> QuerySet[Meeting]:
    """Programme staff see their group's meetings; anyone else the meetings they are invited
    to."""
    from tartan.web.governance import tenancy

    meetings = Meeting.objects.select_related("round")
    if programme:
        return tenancy.mine(meetings, user)
    return meetings.filter(invitations__user_id=user.pk).distinct()


def _steering(group_key: str) -> QuerySet[Meeting]:
    # Each group's steering group has its own schedule with the DfE's senior officials.
    return Meeting.objects.filter(kind=MeetingKind.STEERING, group_key=group_key)


def senior_dates(group_key: str) -> list[date]:
    return list(_steering(group_key).filter(dfe_senior=True).values_list("held_on", flat=True))


def senior_schedule(today: date, group_key: str) -> list[senior.YearOfSeniorMeetings]:
    """Each financial year since the group's first steering group recorded, newest first."""
    first = _steering(group_key).order_by("held_on").values_list("held_on", flat=True).first()
    return senior.schedule(senior_dates(group_key), today, since=first)


def senior_warnings(today: date, group_key: str) -> list[str]:
    return [w for y in senior_schedule(today, group_key) if (w := y.warning(today))]
