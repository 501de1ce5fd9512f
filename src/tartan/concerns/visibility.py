"""What each person in a conversation may see of it (memorandum 4.3–4.4.7, issue 7 point 6).

A worry is seen only by the people in it: the colleague who raised it, the peer, and after an
escalation the steering-group member; a referrer sees their own referral and where it went.
Nobody else, whatever their role: not the DBG, the DfE, other authorities, programme staff or
administrators. Within the conversation each party sees only the sections below; the
steering-group member in particular sees only what the escalation carried, never the peer's
full response.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from tartan.concerns.route import STATE_LABELS, Party, State


class Section(StrEnum):
    REFERRAL = "referral"  # the referrer's own words to their DCS
    NATURE = "nature"  # the worry as raised with the peer
    RESPONSE = "response"  # the peer's whole response and what they agreed can be shared
    DISCLOSURES = "disclosures"  # later disclosures of agreed parts: what went to whom
    ESCALATION = "escalation"  # what the escalation carried, and to whom
    STEPS = "steps"  # the steps recorded after the escalation


SEES: dict[Party, frozenset[Section]] = {
    Party.REFERRER: frozenset({Section.REFERRAL}),
    Party.RAISER: frozenset(Section),
    Party.PEER: frozenset(
        {Section.NATURE, Section.RESPONSE, Section.DISCLOSURES, Section.ESCALATION, Section.STEPS}
    ),
    Party.STEERING_MEMBER: frozenset({Section.ESCALATION, Section.STEPS}),
}

# The states in which a party is in the conversation at all.
PRESENT: dict[Party, frozenset[State]] = {
    Party.REFERRER: frozenset(State),
    Party.RAISER: frozenset(State),
    Party.PEER: frozenset(State) - {State.REFERRED, State.NOT_RAISED},
    Party.STEERING_MEMBER: frozenset({State.ESCALATED, State.CONCLUDED}),
}

REFERRER_LABELS = {
    State.REFERRED: "With your DCS, who decides whether to raise it",
    State.NOT_RAISED: "Not raised: your DCS decided not to",
    State.WITHDRAWN: "Closed",
}
REFERRER_RAISED = "Raised by your DCS with their peer"


def present(parties: Iterable[Party], state: State) -> frozenset[Party]:
    """The parties that are in the conversation in this state."""
    return frozenset(p for p in parties if p in PRESENT and state in PRESENT[p])


def sections_for(parties: Iterable[Party], state: State) -> frozenset[Section]:
    seen: set[Section] = set()
    for party in present(parties, state):
        seen |= SEES[party]
    return frozenset(seen)


def may_see(parties: Iterable[Party], state: State) -> bool:
    return bool(sections_for(parties, state))


def state_label(parties: Iterable[Party], state: State) -> str:
    """Where the worry stands, as this person may know it: a referrer whose DCS raised the
    worry learns that it was raised, not what happened with the peer."""
    in_it = present(parties, state)
    if in_it and in_it <= {Party.REFERRER}:
        return REFERRER_LABELS.get(state, REFERRER_RAISED)
    return STATE_LABELS[state]
