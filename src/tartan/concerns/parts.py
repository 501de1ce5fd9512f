"""The parts of a conversation, and which of them may travel further (memorandum 4.4.4–4.4.7).

The peer is asked to verify matters of fact, describe the situation in their own words, say what
further action would help and whether they self-refer to an assistance programme (4.4.4), and
marks which parts may be shared further. "Any subsequent disclosure ... should be restricted to
information that the peer has agreed can be shared" (4.4.5). An escalation is the one exception
the memorandum makes: it "will involve disclosure of the nature of the original worries and the
nature of the response received" (4.4.7), so it always carries the worry as raised; of the
response it still carries only what the peer agreed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Part(StrEnum):
    NATURE = "nature"  # the worry as raised with the peer
    FACTS = "facts"  # whether the facts are verified, and the peer's note on them
    ACCOUNT = "account"  # the situation in the peer's own words
    ACTIONS = "actions"  # what further action would help
    SELF_REFERRAL = "self_referral"  # whether the authority self-refers to an assistance programme


PART_LABELS = {
    Part.NATURE: "The worry as it was raised",
    Part.FACTS: "Whether the facts are verified",
    Part.ACCOUNT: "The situation in the peer's own words",
    Part.ACTIONS: "What further action would help",
    Part.SELF_REFERRAL: "Self-referral to an assistance programme",
}

ORDER = tuple(Part)
RESPONSE_PARTS = frozenset({Part.FACTS, Part.ACCOUNT, Part.ACTIONS, Part.SELF_REFERRAL})


def ordered(parts: Iterable[Part]) -> tuple[Part, ...]:
    chosen = set(parts)
    return tuple(part for part in ORDER if part in chosen)


def parse(values: Iterable[str]) -> frozenset[Part]:
    """Parts from stored or posted strings; an unknown name is an error, never dropped quietly."""
    found = set()
    for value in values:
        if value not in Part._value2member_map_:
            raise ValueError(f"{value!r} is not a part of a worry")
        found.add(Part(value))
    return frozenset(found)


def shareable_further(agreed: frozenset[Part]) -> frozenset[Part]:
    """What a later disclosure to other colleagues or agencies may hold (4.4.5)."""
    return agreed


def carried_by_escalation(agreed: frozenset[Part]) -> frozenset[Part]:
    """What an escalation to the steering group holds: the worry, and the agreed response (4.4.7)."""
    return frozenset({Part.NATURE}) | (agreed & RESPONSE_PARTS)


def agreement_withheld(agreed: frozenset[Part]) -> bool:
    """The peer has kept back at least one part: the condition for escalation (4.4.6)."""
    return not set(Part) <= agreed


def beyond(requested: frozenset[Part], permitted: frozenset[Part]) -> frozenset[Part]:
    """The requested parts the peer has not agreed to (empty when the request is within it)."""
    return requested - permitted
