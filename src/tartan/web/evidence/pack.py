"""Gathering an LA's evidence for Ofsted from the records the service keeps: the rounds of its
group (whether it sent a return, and its rug as released), the meetings its people attended,
its peer reviews and the meeting actions its people own."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tartan.governance.minutes import (
    EvidenceMeeting,
    EvidencePack,
    EvidenceReview,
    EvidenceRound,
)
from tartan.web.collection.models import CollectionRound, ReturnVersion
from tartan.web.collection.services import members
from tartan.web.evidence.models import PeerReview
from tartan.web.governance.models import Invitation, MeetingAction
from tartan.web.groups.registry import group_name


def rounds_of(la_code: str) -> list[EvidenceRound]:
    """Each round whose members included the LA, newest first. A released round links to the
    LA's rug as released (the rug page shows released figures once a quarter is released)."""
    sent = set(ReturnVersion.objects.filter(la_code=la_code).values_list("round_id", flat=True))
    found = []
    for round_ in CollectionRound.objects.order_by("-period", "-id"):
        if la_code not in members(round_):
            continue
        released = round_.is_released
        link = (
            reverse("reports:rug", kwargs={"round_id": round_.pk, "la_code": la_code})
            if released
            else ""
        )
        found.append(
            EvidenceRound(
                period=round_.period,
                group=group_name(round_.group_key),
                submitted=round_.pk in sent,
                released=released,
                rug_link=link,
            )
        )
    return found


def meetings_of(la_code: str) -> list[EvidenceMeeting]:
    attended = (
        Invitation.objects.filter(la_code=la_code, attended=True)
        .select_related("meeting")
        .order_by("-meeting__held_on", "name")
    )
    by_meeting: dict[int, EvidenceMeeting] = {}
    for invitation in attended:
        meeting = invitation.meeting
        if meeting.pk not in by_meeting:
            by_meeting[meeting.pk] = EvidenceMeeting(
                title=meeting.title,
                held_on=meeting.held_on,
                kind=meeting.get_kind_display(),
                people=[],
            )
        by_meeting[meeting.pk].people.append(invitation.name)
    return list(by_meeting.values())


def reviews_of(la_code: str) -> list[EvidenceReview]:
    return [
        EvidenceReview(
            title=review.title,
            scheduled_on=review.scheduled_on,
            reviewers=review.reviewer_list,
            report=review.report,
            follow_ups=[
                (f.text, f.owner, f.due_on, f.get_status_display()) for f in review.follow_ups.all()
            ],
        )
        for review in PeerReview.objects.filter(la_code=la_code).prefetch_related("follow_ups")
    ]


def actions_of(la_code: str) -> list[tuple[str, str, str, Any, str]]:
    actions = MeetingAction.objects.filter(owner__la_code=la_code).select_related(
        "meeting", "owner"
    )
    return [
        (str(a.meeting), a.text, a.owner.name, a.due_on, a.get_status_display()) for a in actions
    ]


def gather(organisation: Any, prepared_on: Any, marking: list[str]) -> EvidencePack:
    code = organisation.la_code
    return EvidencePack(
        la_name=organisation.name,
        la_code=code,
        prepared_on=prepared_on,
        rounds=rounds_of(code),
        meetings=meetings_of(code),
        reviews=reviews_of(code),
        actions=actions_of(code),
        marking=marking,
    )
