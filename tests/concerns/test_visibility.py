"""What each person in a conversation sees of it."""

import pytest

from tartan.concerns.route import Party, State
from tartan.concerns.visibility import Section, may_see, sections_for, state_label


def test_nobody_outside_the_conversation_sees_anything():
    for state in State:
        assert sections_for(set(), state) == frozenset()
        assert not may_see({Party.COLLEAGUE}, state)


def test_the_steering_group_member_sees_only_the_escalation_and_after_it():
    for state in State:
        seen = sections_for({Party.STEERING_MEMBER}, state)
        if state in (State.ESCALATED, State.CONCLUDED):
            assert seen == {Section.ESCALATION, Section.STEPS}
        else:
            assert seen == frozenset()
    assert Section.RESPONSE not in sections_for({Party.STEERING_MEMBER}, State.ESCALATED)
    assert Section.NATURE not in sections_for({Party.STEERING_MEMBER}, State.ESCALATED)


def test_the_peer_is_not_in_it_while_a_referral_waits_for_the_dcs():
    assert not may_see({Party.PEER}, State.REFERRED)
    assert not may_see({Party.PEER}, State.NOT_RAISED)
    assert sections_for({Party.PEER}, State.WITH_PEER) >= {Section.NATURE, Section.RESPONSE}
    assert Section.REFERRAL not in sections_for({Party.PEER}, State.ESCALATED)


def test_a_referrer_sees_their_referral_and_where_it_went_nothing_more():
    for state in State:
        assert sections_for({Party.REFERRER}, state) == {Section.REFERRAL}
    assert state_label({Party.REFERRER}, State.REFERRED).startswith("With your DCS")
    assert state_label({Party.REFERRER}, State.ESCALATED) == "Raised by your DCS with their peer"
    assert state_label({Party.REFERRER}, State.NOT_RAISED).startswith("Not raised")


@pytest.mark.parametrize("state", list(State))
def test_the_raiser_sees_everything(state):
    assert sections_for({Party.RAISER}, state) == set(Section)
    assert "your DCS" not in state_label({Party.RAISER, Party.REFERRER}, state)
