"""Who may use the concerns pages (2023-24 memorandum, section 4).

A worry is seen only by the people in its conversation: what ``tartan.concerns.visibility``
says from the parties ``people.parties_of`` finds. No role opens a worry: not the DBG, the
DfE, programme staff, administrators or superusers. A page for a move is open to the party the
route names as its actor; whether the move is open *now* (the state, the guards) the route
decides when it is attempted, and the page says why not.
"""

from __future__ import annotations

from typing import Any

from tartan.concerns.route import TRANSITIONS, Move
from tartan.concerns.visibility import may_see
from tartan.web.concerns.models import SteeringGroupMembership, Worry
from tartan.web.concerns.people import parties_of, protocol_post
from tartan.web.groups.tenancy import programme_group
from tartan.web.permissions import policy


def in_any_worry(user: Any) -> bool:
    from django.db.models import Q

    mine = Q(referrer=user) | Q(raiser=user) | Q(peer=user) | Q(steering_member=user)
    return Worry.objects.filter(mine).exists()


def actor_of(user: Any, worry: Worry, *moves: Move) -> bool:
    parties = parties_of(user, worry)
    return any(TRANSITIONS[move].actor in parties for move in moves)


@policy("use_concerns")
def use_concerns(user: Any, obj: Any = None) -> bool:
    """The concerns area: people the protocol names, anyone already in a conversation, current
    steering-group members, and programme staff (who keep the steering group's membership)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        protocol_post(user) is not None
        or manage_steering_group(user)
        or SteeringGroupMembership.objects.current().filter(person=user).exists()
        or in_any_worry(user)
    )


@policy("raise_worry")
def raise_worry(user: Any, obj: Any = None) -> bool:
    return protocol_post(user) is not None


@policy("view_worry")
def view_worry(user: Any, worry: Worry) -> bool:
    return may_see(parties_of(user, worry), worry.current_state)


@policy("decide_referral")
def decide_referral(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.RAISE_REFERRAL, Move.DECLINE_REFERRAL)


@policy("respond_to_worry")
def respond_to_worry(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.RESPOND)


@policy("assess_response")
def assess_response(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.DISPEL, Move.KEEP)


@policy("share_further")
def share_further(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.SHARE_FURTHER)


@policy("escalate_worry")
def escalate_worry(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.ESCALATE)


@policy("record_escalation_step")
def record_escalation_step(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.RECORD_STEP, Move.CONCLUDE)


@policy("withdraw_worry")
def withdraw_worry(user: Any, worry: Worry) -> bool:
    return actor_of(user, worry, Move.WITHDRAW, Move.WITHDRAW_REFERRAL)


@policy("manage_steering_group")
def manage_steering_group(user: Any, obj: Any = None) -> bool:
    """Programme staff keep the steering group of the group their programme serves (staff of a
    programme serving no group keep none); it opens no worry."""
    return programme_group(user) is not None
