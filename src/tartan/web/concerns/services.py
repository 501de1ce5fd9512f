"""Operations on worries. Each asks ``tartan.concerns.route`` first and writes only if it agrees.

Views call these and nothing else to change a worry; a refusal is the route's ``Refused``. Every
operation locks the worry's row, so that two moves at once cannot both pass their guards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from tartan.concerns.parts import PART_LABELS, Part, carried_by_escalation, ordered
from tartan.concerns.posts import POST_LABELS, Post
from tartan.concerns.route import NEW, Facts, Move, Party, State, attempt
from tartan.web.accounts.models import User
from tartan.web.concerns.models import (
    Disclosure,
    DisclosureKind,
    EscalationStep,
    Notification,
    PeerResponse,
    StepKind,
    Worry,
)
from tartan.web.concerns.people import (
    agreed_parts,
    authority_name,
    eligible_members,
    first_move,
    parties_of,
    people_in_post,
    pick,
    protocol_post,
    recipients,
    target_authorities,
)
from tartan.web.mail import casework as casework_messages


def _notify(worry: Worry, people: Iterable[User | None], text: str) -> None:
    for person in people:
        if person is not None:
            Notification.objects.create(recipient=person, worry=worry, text=text[:300])
            # The email says only that something moved: the notification's words stay inside.
            casework_messages.worry_moved(worry, person)


def _who(person: User) -> str:
    organisation = f", {person.organisation.name}" if person.organisation else ""
    return f"{person.display_name}{organisation}"


def _locked(worry: Worry) -> Worry:
    # Only the worry's own row: PostgreSQL cannot lock the nullable side of an outer join.
    return Worry.objects.select_for_update(of=("self",)).get(pk=worry.pk)


def _operation(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run an operation in a transaction on a freshly locked copy of the worry."""

    def run(worry: Worry, user: Any, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            return function(_locked(worry), user, *args, **kwargs)

    run.__doc__ = function.__doc__
    run.__name__ = function.__name__
    return run


def start(
    user: Any,
    *,
    la_code: str,
    text: str,
    statutory_case: bool | None,
    recipient: User | None = None,
) -> Worry:
    """Raise a worry with the peer, or take it to the own DCS: the route says which and whether."""
    move = first_move(user)
    chosen = pick(recipients(user, la_code), recipient)
    facts = Facts(
        statutory_case=statutory_case,
        post=protocol_post(user),
        about_own_authority=user.la_code == la_code,
        recipient_found=chosen is not None,
    )
    state = attempt(move, NEW, {Party.COLLEAGUE}, facts)
    if la_code not in {a.la_code for a in target_authorities(user)}:
        raise ValueError(f"{la_code} is not an authority of the group")
    assert chosen is not None
    name = authority_name(la_code)
    with transaction.atomic():
        if move is Move.RAISE:
            worry = Worry.objects.create(
                la_code=la_code,
                state=state,
                raiser=user,
                raiser_post=user.position,
                peer=chosen,
                peer_post=chosen.position,
                nature=text,
                raised_at=timezone.now(),
            )
            _notify(
                worry,
                [chosen],
                f"{_who(user)} ({POST_LABELS[Post(user.position)]}) has raised a worry with you "
                f"about children's services in {name}, and asks for your response.",
            )
        else:
            worry = Worry.objects.create(
                la_code=la_code,
                state=state,
                referrer=user,
                referral_text=text,
                raiser=chosen,
                raiser_post=Post.DCS,
            )
            _notify(
                worry,
                [chosen],
                f"{_who(user)} has taken a worry about children's services in {name} to you, "
                "as their DCS, to decide whether to raise it.",
            )
    return worry


@_operation
def decide_referral(
    worry: Worry,
    user: Any,
    *,
    raise_it: bool,
    statutory_case: bool | None = False,
    nature: str = "",
    recipient: User | None = None,
) -> Worry:
    """The DCS raises a referral with their peer, or does not.

    If the DCS finds that it concerns an individual case of suspected criminality or a serious
    safeguarding matter, it is not raised and the referral's words are erased: the statutory
    disclosure duties apply, and this service keeps nothing about the case.
    """
    parties = parties_of(user, worry)
    name = authority_name(worry.la_code)
    if statutory_case:
        attempt(Move.DECLINE_REFERRAL, worry.current_state, parties, Facts())
        worry.state = State.NOT_RAISED
        worry.referral_text = ""
        worry.statutory_stop = True
        worry.closed_at = timezone.now()
        worry.save()
        _notify(worry, [worry.referrer], f"Your DCS did not raise your worry about {name}.")
        return worry
    if not raise_it:
        worry.state = attempt(Move.DECLINE_REFERRAL, worry.current_state, parties, Facts())
        worry.closed_at = timezone.now()
        worry.save()
        _notify(worry, [worry.referrer], f"Your DCS decided not to raise your worry about {name}.")
        return worry
    chosen = pick(people_in_post(worry.la_code, Post.DCS), recipient)
    facts = Facts(statutory_case=statutory_case, recipient_found=chosen is not None)
    worry.state = attempt(Move.RAISE_REFERRAL, worry.current_state, parties, facts)
    worry.peer = chosen
    worry.peer_post = Post.DCS
    worry.nature = nature
    worry.raised_at = timezone.now()
    worry.save()
    _notify(
        worry,
        [chosen],
        f"{_who(user)} ({POST_LABELS[Post.DCS]}) has raised a worry with you about children's "
        f"services in {name}, and asks for your response.",
    )
    _notify(worry, [worry.referrer], f"Your DCS raised your worry about {name} with their peer.")
    return worry


@_operation
def respond(
    worry: Worry,
    user: Any,
    *,
    facts_verified: str,
    facts_note: str,
    account: str,
    helpful_actions: str,
    self_referral: str,
    self_referral_note: str,
    agreed: Iterable[Part],
) -> Worry:
    """The peer's response to the four questions, and what they agree can be shared further."""
    worry.state = attempt(Move.RESPOND, worry.current_state, parties_of(user, worry), Facts())
    PeerResponse.objects.create(
        worry=worry,
        by=user,
        facts_verified=facts_verified,
        facts_note=facts_note,
        account=account,
        helpful_actions=helpful_actions,
        self_referral=self_referral,
        self_referral_note=self_referral_note,
        agreed=[p.value for p in ordered(agreed)],
    )
    worry.responded_at = timezone.now()
    worry.save()
    _notify(
        worry,
        [worry.raiser],
        f"{_who(user)} has responded to your worry about {authority_name(worry.la_code)}.",
    )
    return worry


@_operation
def assess(worry: Worry, user: Any, *, dispelled: bool) -> Worry:
    """The colleague says whether the peer's response dispelled the worry."""
    move = Move.DISPEL if dispelled else Move.KEEP
    worry.state = attempt(move, worry.current_state, parties_of(user, worry), Facts())
    if dispelled:
        worry.closed_at = timezone.now()
    worry.save()
    outcome = "dispelled their worry; it is closed" if dispelled else "did not dispel their worry"
    _notify(
        worry,
        [worry.peer],
        f"{_who(user)} says your response {outcome} (about {authority_name(worry.la_code)}).",
    )
    return worry


@_operation
def share_further(
    worry: Worry, user: Any, *, parts: Iterable[Part], recipient_description: str
) -> Disclosure:
    """Record a later disclosure of parts the peer agreed can be shared, word for word."""
    requested = frozenset(parts)
    facts = Facts(agreed=agreed_parts(worry), requested=requested)
    worry.state = attempt(Move.SHARE_FURTHER, worry.current_state, parties_of(user, worry), facts)
    disclosure = Disclosure.objects.create(
        worry=worry,
        kind=DisclosureKind.FURTHER,
        recipient_description=recipient_description,
        content={p.value: worry.part_text(p) for p in ordered(requested)},
        made_by=user,
    )
    labels = "; ".join(PART_LABELS[p].lower() for p in ordered(requested))
    _notify(
        worry,
        [worry.peer],
        f"{_who(user)} shared parts of your response you agreed ({labels}) with "
        f"{recipient_description}.",
    )
    return disclosure


@_operation
def escalate(
    worry: Worry, user: Any, *, member: User, parts: Iterable[Part] | None = None
) -> Disclosure:
    """Escalate to a member of the steering group, carrying the worry as raised and the agreed
    parts of the response, and tell the peer."""
    agreed = agreed_parts(worry)
    requested = carried_by_escalation(agreed) if parts is None else frozenset(parts)
    facts = Facts(
        agreed=agreed,
        requested=requested,
        member_eligible=member in eligible_members(worry),
    )
    worry.state = attempt(Move.ESCALATE, worry.current_state, parties_of(user, worry), facts)
    disclosure = Disclosure.objects.create(
        worry=worry,
        kind=DisclosureKind.ESCALATION,
        recipient=member,
        recipient_description=f"{_who(member)}, member of the steering group",
        content={p.value: worry.part_text(p) for p in ordered(requested)},
        made_by=user,
    )
    worry.steering_member = member
    worry.escalated_at = timezone.now()
    worry.save()
    name = authority_name(worry.la_code)
    _notify(
        worry,
        [worry.peer],
        f"{_who(user)} is escalating their worry about {name} to {_who(member)}, a member of the "
        "steering group. It carries the worry as raised and only the parts of your response "
        "you agreed can be shared.",
    )
    _notify(
        worry,
        [member],
        f"{_who(user)} has escalated a worry about children's services in {name} to you, as a "
        "member of the steering group.",
    )
    return disclosure


@_operation
def record_step(worry: Worry, user: Any, *, kind: StepKind, text: str) -> EscalationStep:
    """A step after the escalation: support agreed, the ADCS regional chair consulted, a note."""
    if kind == StepKind.OUTCOME:
        raise ValueError("the outcome concludes the escalation: use conclude")
    worry.state = attempt(Move.RECORD_STEP, worry.current_state, parties_of(user, worry), Facts())
    step = EscalationStep.objects.create(worry=worry, kind=kind, text=text, by=user)
    worry.save()
    _notify(
        worry,
        [worry.raiser, worry.peer],
        f"{_who(user)} recorded a step on the escalated worry about "
        f"{authority_name(worry.la_code)}: {StepKind(kind).label.lower()}.",
    )
    return step


@_operation
def conclude(worry: Worry, user: Any, *, outcome: str) -> Worry:
    """The steering-group member records the outcome; the escalation is concluded."""
    worry.state = attempt(Move.CONCLUDE, worry.current_state, parties_of(user, worry), Facts())
    EscalationStep.objects.create(worry=worry, kind=StepKind.OUTCOME, text=outcome, by=user)
    worry.closed_at = timezone.now()
    worry.save()
    _notify(
        worry,
        [worry.raiser, worry.peer],
        f"{_who(user)} recorded the outcome of the escalated worry about "
        f"{authority_name(worry.la_code)}.",
    )
    return worry


@_operation
def withdraw(worry: Worry, user: Any) -> Worry:
    """The colleague takes the worry no further (the referrer, while it is with their DCS)."""
    parties = parties_of(user, worry)
    referral = worry.current_state is State.REFERRED
    move = Move.WITHDRAW_REFERRAL if referral else Move.WITHDRAW
    worry.state = attempt(move, worry.current_state, parties, Facts())
    worry.closed_at = timezone.now()
    worry.save()
    told = worry.raiser if referral else worry.peer
    _notify(
        worry, [told], f"{_who(user)} withdrew the worry about {authority_name(worry.la_code)}."
    )
    return worry
