"""Which parts of a conversation may travel further (memorandum 4.4.5 and 4.4.7)."""

import pytest

from tartan.concerns.parts import (
    RESPONSE_PARTS,
    Part,
    agreement_withheld,
    beyond,
    carried_by_escalation,
    ordered,
    parse,
    shareable_further,
)


def test_a_later_disclosure_holds_only_what_the_peer_agreed():
    agreed = frozenset({Part.FACTS, Part.ACTIONS})
    assert shareable_further(agreed) == agreed
    assert beyond(frozenset({Part.FACTS, Part.ACCOUNT}), agreed) == {Part.ACCOUNT}
    assert beyond(frozenset({Part.FACTS}), agreed) == frozenset()


def test_an_escalation_carries_the_worry_and_only_the_agreed_response():
    assert carried_by_escalation(frozenset()) == {Part.NATURE}
    assert carried_by_escalation(frozenset({Part.FACTS})) == {Part.NATURE, Part.FACTS}
    assert carried_by_escalation(frozenset(Part)) == set(Part)
    assert Part.ACCOUNT not in carried_by_escalation(frozenset({Part.NATURE, Part.FACTS}))


def test_agreement_is_withheld_unless_every_part_may_be_shared():
    assert agreement_withheld(frozenset())
    assert agreement_withheld(RESPONSE_PARTS)  # the worry itself kept back
    assert agreement_withheld(frozenset(Part) - {Part.SELF_REFERRAL})
    assert not agreement_withheld(frozenset(Part))


def test_parsing_refuses_a_part_that_does_not_exist():
    assert parse(["facts", "nature"]) == {Part.FACTS, Part.NATURE}
    with pytest.raises(ValueError, match="not a part"):
        parse(["facts", "the_whole_file"])


def test_parts_keep_one_order():
    assert ordered([Part.SELF_REFERRAL, Part.NATURE, Part.FACTS]) == (
        Part.NATURE,
        Part.FACTS,
        Part.SELF_REFERRAL,
    )
