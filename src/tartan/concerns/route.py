"""The route a worry takes, in one place: its states, every move, who may make it and its guard.

Nothing else decides whether a move is allowed. The web service works out which parties a
person is to a worry and the facts a guard needs, then calls ``attempt``; a refusal is a
``Refused`` carrying a stable code and a message for the person.

    (new) ──refer──▶ REFERRED ──decline_referral──▶ NOT_RAISED
      │                 │ └──withdraw_referral──▶ WITHDRAWN
      │           raise_referral
      └──raise──▶ WITH_PEER ──respond──▶ RESPONDED ──dispel──▶ DISPELLED
                                            │
                                          keep
                                            ▼
                          share_further ⟲ NOT_DISPELLED ──escalate──▶ ESCALATED ⟲ record_step
                                                                         │
                                                                      conclude
                                                                         ▼
                                                                     CONCLUDED
    withdraw: WITH_PEER, RESPONDED or NOT_DISPELLED ──▶ WITHDRAWN
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from tartan.concerns.parts import (
    Part,
    agreement_withheld,
    beyond,
    carried_by_escalation,
    shareable_further,
)
from tartan.concerns.posts import Approach, Post, approach_for


class State(StrEnum):
    REFERRED = "referred"  # with the referrer's own DCS, who decides whether to raise it
    NOT_RAISED = "not_raised"  # the DCS decided not to raise it
    WITH_PEER = "with_peer"  # raised with the peer, waiting for their response
    RESPONDED = "responded"  # the peer has responded
    DISPELLED = "dispelled"  # the colleague's worry is dispelled: closed
    NOT_DISPELLED = "not_dispelled"  # the colleague's worry remains after the response
    ESCALATED = "escalated"  # escalated to a member of the steering group
    CONCLUDED = "concluded"  # the steering-group member recorded the outcome
    WITHDRAWN = "withdrawn"  # the colleague (or referrer) took it no further


STATE_LABELS = {
    State.REFERRED: "With the DCS, who decides whether to raise it",
    State.NOT_RAISED: "Not raised: the DCS decided not to",
    State.WITH_PEER: "Raised with the peer, waiting for their response",
    State.RESPONDED: "The peer has responded",
    State.DISPELLED: "Closed: the worry was dispelled",
    State.NOT_DISPELLED: "Not dispelled by the peer's response",
    State.ESCALATED: "Escalated to the steering group",
    State.CONCLUDED: "Concluded by the steering group",
    State.WITHDRAWN: "Withdrawn",
}


class Party(StrEnum):
    """What a person is to one worry. One person may be more than one (a DCS who was referred a
    worry and then raised it is its raiser)."""

    COLLEAGUE = "colleague"  # a signed-in person starting a new worry
    REFERRER = "referrer"  # the LA colleague who took it to their own DCS
    RAISER = "raiser"  # the colleague who raises it with the peer (for a referral, the DCS)
    PEER = "peer"  # the matched peer at the authority concerned
    STEERING_MEMBER = "steering_member"  # the member chosen for the escalation


PARTY_LABELS = {
    Party.COLLEAGUE: "a colleague in a post the protocol names",
    Party.REFERRER: "the colleague who referred it",
    Party.RAISER: "the colleague who raised it",
    Party.PEER: "the peer at the authority concerned",
    Party.STEERING_MEMBER: "the steering-group member it was escalated to",
}


class Move(StrEnum):
    RAISE = "raise"
    REFER = "refer"
    RAISE_REFERRAL = "raise_referral"
    DECLINE_REFERRAL = "decline_referral"
    WITHDRAW_REFERRAL = "withdraw_referral"
    RESPOND = "respond"
    DISPEL = "dispel"
    KEEP = "keep"
    SHARE_FURTHER = "share_further"
    ESCALATE = "escalate"
    RECORD_STEP = "record_step"
    CONCLUDE = "conclude"
    WITHDRAW = "withdraw"


class Refusal(StrEnum):
    WRONG_PARTY = "wrong_party"
    WRONG_STATE = "wrong_state"
    PEER_NOT_HEARD = "peer_not_heard"
    STATUTORY_UNANSWERED = "statutory_unanswered"
    STATUTORY_CASE = "statutory_case"
    NOT_IN_PROTOCOL = "not_in_protocol"
    THROUGH_OWN_DCS = "through_own_dcs"
    RAISE_DIRECTLY = "raise_directly"
    OWN_AUTHORITY = "own_authority"
    NO_PEER = "no_peer"
    NO_OWN_DCS = "no_own_dcs"
    NOTHING_TO_SHARE = "nothing_to_share"
    BEYOND_AGREEMENT = "beyond_agreement"
    AGREEMENT_GIVEN = "agreement_given"
    MEMBER_NOT_ELIGIBLE = "member_not_eligible"


REFUSAL_MESSAGES = {
    Refusal.WRONG_PARTY: "Only {actor} can do this.",
    Refusal.WRONG_STATE: "This step is not open while the worry is at “{state}”.",
    Refusal.PEER_NOT_HEARD: "The peer at the authority concerned must respond first: a worry goes no further before the peer has been asked.",
    Refusal.STATUTORY_UNANSWERED: "Say whether the worry is about an individual case of suspected criminality or a serious safeguarding matter.",
    Refusal.STATUTORY_CASE: "This protocol does not deal with individual cases of suspected criminality or serious safeguarding concerns: the statutory disclosure duties apply instead.",
    Refusal.NOT_IN_PROTOCOL: "The protocol is for lead members, chief executives, directors of children's services, their staff, and programme or LGA staff.",
    Refusal.THROUGH_OWN_DCS: "Practice leaders and other staff of an authority act through their own DCS, who decides whether to raise the worry.",
    Refusal.RAISE_DIRECTLY: "You approach your peer directly; a referral to a DCS is for other staff of an authority.",
    Refusal.OWN_AUTHORITY: "The protocol is for worries about another authority's services.",
    Refusal.NO_PEER: "Nobody is registered in tartan as the peer you approach at that authority.",
    Refusal.NO_OWN_DCS: "Nobody is registered in tartan as your authority's DCS.",
    Refusal.NOTHING_TO_SHARE: "Choose at least one part the peer agreed can be shared.",
    Refusal.BEYOND_AGREEMENT: "Only the parts the peer agreed can be shared may go further.",
    Refusal.AGREEMENT_GIVEN: "The peer agreed that everything can be shared: share it further instead of escalating.",
    Refusal.MEMBER_NOT_ELIGIBLE: "Choose a current member of the steering group who is not from the authority concerned and not already part of the conversation.",
}


@dataclass(frozen=True)
class Facts:
    """What the guards look at. The web service fills in what a move needs; the rest defaults."""

    statutory_case: bool | None = None  # the answer to the statutory-case question
    post: Post | None = None  # the post of the person starting a worry, if the protocol names it
    about_own_authority: bool = False
    recipient_found: bool = False  # the peer (or own DCS) the worry goes to is registered
    agreed: frozenset[Part] = frozenset()  # what the peer agreed can be shared further
    requested: frozenset[Part] = frozenset()  # what a disclosure would hold
    member_eligible: bool = False  # the steering-group member chosen for an escalation


Guard = Callable[[Facts], Refusal | None]


def not_a_statutory_case(facts: Facts) -> Refusal | None:
    if facts.statutory_case is None:
        return Refusal.STATUTORY_UNANSWERED
    return Refusal.STATUTORY_CASE if facts.statutory_case else None


def approaches_directly(facts: Facts) -> Refusal | None:
    if facts.post is None:
        return Refusal.NOT_IN_PROTOCOL
    return None if approach_for(facts.post) is Approach.DIRECT else Refusal.THROUGH_OWN_DCS


def acts_through_own_dcs(facts: Facts) -> Refusal | None:
    if facts.post is None:
        return Refusal.NOT_IN_PROTOCOL
    return None if approach_for(facts.post) is Approach.THROUGH_OWN_DCS else Refusal.RAISE_DIRECTLY


def another_authority(facts: Facts) -> Refusal | None:
    return Refusal.OWN_AUTHORITY if facts.about_own_authority else None


def peer_found(facts: Facts) -> Refusal | None:
    return None if facts.recipient_found else Refusal.NO_PEER


def own_dcs_found(facts: Facts) -> Refusal | None:
    return None if facts.recipient_found else Refusal.NO_OWN_DCS


def within_agreement(facts: Facts) -> Refusal | None:
    if not facts.requested:
        return Refusal.NOTHING_TO_SHARE
    return (
        Refusal.BEYOND_AGREEMENT
        if beyond(facts.requested, shareable_further(facts.agreed))
        else None
    )


def agreement_was_withheld(facts: Facts) -> Refusal | None:
    return None if agreement_withheld(facts.agreed) else Refusal.AGREEMENT_GIVEN


def within_escalation(facts: Facts) -> Refusal | None:
    carried = carried_by_escalation(facts.agreed)
    return Refusal.BEYOND_AGREEMENT if beyond(facts.requested, carried) else None


def eligible_member(facts: Facts) -> Refusal | None:
    return None if facts.member_eligible else Refusal.MEMBER_NOT_ELIGIBLE


NEW: State | None = None  # the "state" of a worry that is not saved yet


@dataclass(frozen=True)
class Transition:
    move: Move
    sources: frozenset[State | None]
    target: State
    actor: Party
    label: str
    guards: tuple[Guard, ...] = ()


def _t(
    move: Move,
    sources: Iterable[State | None],
    target: State,
    actor: Party,
    label: str,
    *guards: Guard,
) -> Transition:
    return Transition(move, frozenset(sources), target, actor, label, guards)


ROUTE: tuple[Transition, ...] = (
    _t(
        Move.RAISE,
        [NEW],
        State.WITH_PEER,
        Party.COLLEAGUE,
        "Raise a worry with your peer",
        not_a_statutory_case,
        approaches_directly,
        another_authority,
        peer_found,
    ),
    _t(
        Move.REFER,
        [NEW],
        State.REFERRED,
        Party.COLLEAGUE,
        "Take a worry to your DCS",
        not_a_statutory_case,
        acts_through_own_dcs,
        another_authority,
        own_dcs_found,
    ),
    _t(
        Move.RAISE_REFERRAL,
        [State.REFERRED],
        State.WITH_PEER,
        Party.RAISER,
        "Raise it with your peer",
        not_a_statutory_case,
        peer_found,
    ),
    _t(
        Move.DECLINE_REFERRAL,
        [State.REFERRED],
        State.NOT_RAISED,
        Party.RAISER,
        "Decide not to raise it",
    ),
    _t(
        Move.WITHDRAW_REFERRAL,
        [State.REFERRED],
        State.WITHDRAWN,
        Party.REFERRER,
        "Withdraw it",
    ),
    _t(Move.RESPOND, [State.WITH_PEER], State.RESPONDED, Party.PEER, "Respond"),
    _t(
        Move.DISPEL,
        [State.RESPONDED],
        State.DISPELLED,
        Party.RAISER,
        "The response dispels the worry",
    ),
    _t(
        Move.KEEP,
        [State.RESPONDED],
        State.NOT_DISPELLED,
        Party.RAISER,
        "The worry is not dispelled",
    ),
    _t(
        Move.SHARE_FURTHER,
        [State.NOT_DISPELLED],
        State.NOT_DISPELLED,
        Party.RAISER,
        "Share what the peer agreed",
        within_agreement,
    ),
    _t(
        Move.ESCALATE,
        [State.NOT_DISPELLED],
        State.ESCALATED,
        Party.RAISER,
        "Escalate to the steering group",
        agreement_was_withheld,
        within_escalation,
        eligible_member,
    ),
    _t(
        Move.RECORD_STEP,
        [State.ESCALATED],
        State.ESCALATED,
        Party.STEERING_MEMBER,
        "Record a step",
    ),
    _t(
        Move.CONCLUDE,
        [State.ESCALATED],
        State.CONCLUDED,
        Party.STEERING_MEMBER,
        "Record the outcome",
    ),
    _t(
        Move.WITHDRAW,
        [State.WITH_PEER, State.RESPONDED, State.NOT_DISPELLED],
        State.WITHDRAWN,
        Party.RAISER,
        "Withdraw it",
    ),
)

TRANSITIONS: dict[Move, Transition] = {t.move: t for t in ROUTE}

# Moves that need the peer's response first: attempting them earlier is skipping the peer.
AFTER_THE_PEER = frozenset({Move.DISPEL, Move.KEEP, Move.SHARE_FURTHER, Move.ESCALATE})
BEFORE_THE_PEER_HAS_RESPONDED = frozenset({NEW, State.REFERRED, State.WITH_PEER})

TERMINAL = frozenset(set(State) - {s for t in ROUTE for s in t.sources if s is not None})


class Refused(Exception):
    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(message)
        self.refusal = refusal
        self.message = message


def _refuse(refusal: Refusal, transition: Transition, state: State | None) -> Refused:
    message = REFUSAL_MESSAGES[refusal].format(
        actor=PARTY_LABELS[transition.actor],
        state=STATE_LABELS[state] if state is not None else "not yet raised",
    )
    return Refused(refusal, message)


def check(move: Move, state: State | None, parties: Iterable[Party]) -> Refusal | None:
    """Whether these parties may make this move from this state, before any guard."""
    transition = TRANSITIONS[move]
    if transition.actor not in set(parties):
        return Refusal.WRONG_PARTY
    if state not in transition.sources:
        if move in AFTER_THE_PEER and state in BEFORE_THE_PEER_HAS_RESPONDED:
            return Refusal.PEER_NOT_HEARD
        return Refusal.WRONG_STATE
    return None


def attempt(move: Move, state: State | None, parties: Iterable[Party], facts: Facts) -> State:
    """The state after the move, or ``Refused`` saying why not.

    The party is checked first, so that someone who may not make the move learns nothing about
    where the worry stands; then the state; then each guard in order (the statutory-case
    question first of all).
    """
    transition = TRANSITIONS[move]
    refusal = check(move, state, parties)
    if refusal is None:
        refusal = next((r for guard in transition.guards if (r := guard(facts))), None)
    if refusal is not None:
        raise _refuse(refusal, transition, state)
    return transition.target


def open_moves(state: State | None, parties: Iterable[Party]) -> tuple[Move, ...]:
    """The moves these parties could make now, guards aside: what a page offers them."""
    held = set(parties)
    return tuple(t.move for t in ROUTE if t.actor in held and state in t.sources)


def refusal_message(refusal: Refusal, move: Move, state: State | None) -> str:
    return _refuse(refusal, TRANSITIONS[move], state).message
