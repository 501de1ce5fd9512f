"""Demo meetings and a peer review, so that a newcomer sees them: last quarter's steering group
(the DfE's senior officials joined) with its minutes, a decision and an action still open,
followed up at the coming steering group; a quarterly meeting on the released reports; and a
peer review of East Sussex with its follow-up. Invitations are written directly: a demo sends
no mail. All names, texts and dates are for demonstration."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from tartan.web.accounts.roles import Role
from tartan.web.evidence.models import FollowUp, PeerReview
from tartan.web.governance.models import (
    Decision,
    Invitation,
    Meeting,
    MeetingAction,
    MeetingKind,
)

LAST_STEERING = "SESLIP Steering Group (demonstration: last quarter)"


def _invite(
    meeting: Meeting, people: list[Any], by: Any, attended: bool | None
) -> list[Invitation]:
    made = []
    for person in people:
        la = person.la_code if person.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF) else ""
        made.append(
            Invitation.objects.create(
                meeting=meeting,
                user=person,
                name=person.display_name,
                email=person.email or f"{person.username}@example.org",
                la_code=la or "",
                attended=attended,
                invited_by=by,
            )
        )
    return made


@transaction.atomic
def load(users: dict[str, Any], released: Any = None) -> None:
    """Idempotent: nothing happens when the demo's last steering group is already there."""
    if Meeting.objects.filter(title=LAST_STEERING).exists():
        return
    programme, keystaff, dfe, dbg = (users[k] for k in ("programme", "keystaff", "dfe", "dbg"))
    today = date.today()
    last = Meeting.objects.create(
        title=LAST_STEERING,
        kind=MeetingKind.STEERING,
        held_on=today - timedelta(days=60),
        dfe_senior=True,
        agenda="1. The improvement trajectory of the region\n2. Peer review programme",
        minutes=(
            "The DfE's senior officials joined for the first item. The group discussed the "
            "released quarter and agreed to focus the next peer reviews on the front door."
        ),
        round=released,
        created_by=programme,
    )
    invited = _invite(last, [programme, keystaff, dfe, dbg], programme, attended=True)
    Decision.objects.create(
        meeting=last, text="The next peer reviews look at the front door.", recorded_by=programme
    )
    MeetingAction.objects.create(
        meeting=last,
        text="Share the front door audit tool with every DCS",
        owner=invited[1],
        due_on=today + timedelta(days=7),
        recorded_by=programme,
    )
    coming = Meeting.objects.filter(kind=MeetingKind.STEERING, held_on__gt=today).first()
    if coming is not None:
        coming.agenda = "1. Actions from last quarter\n2. Highlight report\n3. Benchmarking"
        coming.save(update_fields=["agenda"])
        _invite(coming, [programme, keystaff, dfe, dbg], programme, attended=None)
    quarterly = Meeting.objects.create(
        title="Quarterly meeting on the released reports",
        kind=MeetingKind.QUARTERLY,
        held_on=today - timedelta(days=20),
        agenda="The released rugs, authority by authority",
        round=released,
        created_by=programme,
    )
    _invite(quarterly, [programme, keystaff, dbg, dfe], programme, attended=True)
    review = PeerReview.objects.create(
        la_code="845",
        title="Front door peer review (demonstration)",
        reviewers="A DCS from a neighbouring authority\nAn LGA improvement adviser",
        scheduled_on=today - timedelta(days=45),
        report="Demonstration text: strong multi-agency working at the front door.",
        recorded_by=programme,
    )
    FollowUp.objects.create(
        review=review,
        text="Audit re-referrals within twelve months",
        owner="Head of children's services",
        due_on=today + timedelta(days=30),
    )
