"""The route of a worry: every move from every state it may leave, and every refusal."""

from collections import deque

import pytest

from tartan.concerns.parts import Part
from tartan.concerns.posts import Post
from tartan.concerns.route import (
    NEW,
    ROUTE,
    TERMINAL,
    TRANSITIONS,
    Facts,
    Move,
    Party,
    Refusal,
    Refused,
    State,
    attempt,
    check,
    open_moves,
)

ALL_PARTIES = frozenset(Party)

# Facts with which each move's guards pass.
GOOD_FACTS = {
    Move.RAISE: Facts(statutory_case=False, post=Post.DCS, recipient_found=True),
    Move.REFER: Facts(statutory_case=False, post=Post.PRACTICE_LEADER, recipient_found=True),
    Move.RAISE_REFERRAL: Facts(statutory_case=False, recipient_found=True),
    Move.SHARE_FURTHER: Facts(agreed=frozenset({Part.FACTS}), requested=frozenset({Part.FACTS})),
    Move.ESCALATE: Facts(
        agreed=frozenset({Part.FACTS}),
        requested=frozenset({Part.NATURE, Part.FACTS}),
        member_eligible=True,
    ),
}

EXPECTED = {
    (Move.RAISE, NEW): State.WITH_PEER,
    (Move.REFER, NEW): State.REFERRED,
    (Move.RAISE_REFERRAL, State.REFERRED): State.WITH_PEER,
    (Move.DECLINE_REFERRAL, State.REFERRED): State.NOT_RAISED,
    (Move.WITHDRAW_REFERRAL, State.REFERRED): State.WITHDRAWN,
    (Move.RESPOND, State.WITH_PEER): State.RESPONDED,
    (Move.DISPEL, State.RESPONDED): State.DISPELLED,
    (Move.KEEP, State.RESPONDED): State.NOT_DISPELLED,
    (Move.SHARE_FURTHER, State.NOT_DISPELLED): State.NOT_DISPELLED,
    (Move.ESCALATE, State.NOT_DISPELLED): State.ESCALATED,
    (Move.RECORD_STEP, State.ESCALATED): State.ESCALATED,
    (Move.CONCLUDE, State.ESCALATED): State.CONCLUDED,
    (Move.WITHDRAW, State.WITH_PEER): State.WITHDRAWN,
    (Move.WITHDRAW, State.RESPONDED): State.WITHDRAWN,
    (Move.WITHDRAW, State.NOT_DISPELLED): State.WITHDRAWN,
}

ACTORS = {
    Move.RAISE: Party.COLLEAGUE,
    Move.REFER: Party.COLLEAGUE,
    Move.RAISE_REFERRAL: Party.RAISER,
    Move.DECLINE_REFERRAL: Party.RAISER,
    Move.WITHDRAW_REFERRAL: Party.REFERRER,
    Move.RESPOND: Party.PEER,
    Move.DISPEL: Party.RAISER,
    Move.KEEP: Party.RAISER,
    Move.SHARE_FURTHER: Party.RAISER,
    Move.ESCALATE: Party.RAISER,
    Move.RECORD_STEP: Party.STEERING_MEMBER,
    Move.CONCLUDE: Party.STEERING_MEMBER,
    Move.WITHDRAW: Party.RAISER,
}


def test_the_route_is_exactly_these_transitions():
    found = {(t.move, s): t.target for t in ROUTE for s in t.sources}
    assert found == EXPECTED
    assert {t.move: t.actor for t in ROUTE} == ACTORS
    assert len(TRANSITIONS) == len(ROUTE) == len(Move)


@pytest.mark.parametrize(("move", "source"), sorted(EXPECTED, key=str))
def test_each_transition_is_made_by_its_actor(move, source):
    facts = GOOD_FACTS.get(move, Facts())
    assert attempt(move, source, {ACTORS[move]}, facts) == EXPECTED[(move, source)]


@pytest.mark.parametrize(("move", "source"), sorted(EXPECTED, key=str))
def test_each_transition_is_refused_to_every_other_party(move, source):
    facts = GOOD_FACTS.get(move, Facts())
    others = ALL_PARTIES - {ACTORS[move]}
    with pytest.raises(Refused) as refused:
        attempt(move, source, others, facts)
    assert refused.value.refusal is Refusal.WRONG_PARTY
    assert refused.value.message.startswith("Only ")


def test_the_party_is_checked_before_the_state_so_outsiders_learn_nothing():
    assert check(Move.ESCALATE, State.WITH_PEER, {Party.PEER}) is Refusal.WRONG_PARTY
    assert check(Move.ESCALATE, State.CONCLUDED, set()) is Refusal.WRONG_PARTY


@pytest.mark.parametrize("state", [NEW, State.REFERRED, State.WITH_PEER])
@pytest.mark.parametrize("move", [Move.DISPEL, Move.KEEP, Move.SHARE_FURTHER, Move.ESCALATE])
def test_nothing_goes_further_before_the_peer_has_responded(move, state):
    with pytest.raises(Refused) as refused:
        attempt(move, state, ALL_PARTIES, GOOD_FACTS.get(move, Facts()))
    assert refused.value.refusal is Refusal.PEER_NOT_HEARD


@pytest.mark.parametrize("state", [State.RESPONDED, State.DISPELLED, State.WITHDRAWN])
def test_escalation_only_once_the_colleague_says_the_worry_is_not_dispelled(state):
    with pytest.raises(Refused) as refused:
        attempt(Move.ESCALATE, state, ALL_PARTIES, GOOD_FACTS[Move.ESCALATE])
    assert refused.value.refusal is Refusal.WRONG_STATE


def test_every_move_out_of_its_states_is_refused():
    for transition in ROUTE:
        for state in [NEW, *State]:
            if state in transition.sources:
                continue
            refusal = check(transition.move, state, ALL_PARTIES)
            assert refusal in {Refusal.WRONG_STATE, Refusal.PEER_NOT_HEARD}, (transition, state)


@pytest.mark.parametrize(
    ("answer", "refusal"),
    [(None, Refusal.STATUTORY_UNANSWERED), (True, Refusal.STATUTORY_CASE)],
)
@pytest.mark.parametrize("move", [Move.RAISE, Move.REFER, Move.RAISE_REFERRAL])
def test_the_statutory_case_stop_comes_before_anything_else(move, answer, refusal):
    source = State.REFERRED if move is Move.RAISE_REFERRAL else NEW
    # Every other guard would fail too: the statutory question is asked first.
    facts = Facts(statutory_case=answer, post=None, about_own_authority=True)
    with pytest.raises(Refused) as refused:
        attempt(move, source, ALL_PARTIES, facts)
    assert refused.value.refusal is refusal
    if answer:
        assert "statutory disclosure duties" in refused.value.message


@pytest.mark.parametrize(
    "post", [Post.PRACTICE_LEADER, Post.SENIOR_STAFF, Post.HEAD_OF_SERVICE, Post.ANALYST]
)
def test_practice_leaders_and_other_staff_cannot_raise_directly(post):
    facts = Facts(statutory_case=False, post=post, recipient_found=True)
    with pytest.raises(Refused) as refused:
        attempt(Move.RAISE, NEW, {Party.COLLEAGUE}, facts)
    assert refused.value.refusal is Refusal.THROUGH_OWN_DCS
    assert attempt(Move.REFER, NEW, {Party.COLLEAGUE}, facts) is State.REFERRED


@pytest.mark.parametrize(
    "post",
    [Post.DCS, Post.CHIEF_EXECUTIVE, Post.LEAD_MEMBER, Post.PROGRAMME_STAFF, Post.LGA_STAFF],
)
def test_peers_and_programme_staff_raise_directly_and_do_not_refer(post):
    facts = Facts(statutory_case=False, post=post, recipient_found=True)
    assert attempt(Move.RAISE, NEW, {Party.COLLEAGUE}, facts) is State.WITH_PEER
    with pytest.raises(Refused) as refused:
        attempt(Move.REFER, NEW, {Party.COLLEAGUE}, facts)
    assert refused.value.refusal is Refusal.RAISE_DIRECTLY


@pytest.mark.parametrize("move", [Move.RAISE, Move.REFER])
def test_someone_the_protocol_does_not_name_cannot_start_a_worry(move):
    facts = Facts(statutory_case=False, post=None, recipient_found=True)
    with pytest.raises(Refused) as refused:
        attempt(move, NEW, {Party.COLLEAGUE}, facts)
    assert refused.value.refusal is Refusal.NOT_IN_PROTOCOL


@pytest.mark.parametrize(("move", "post"), [(Move.RAISE, Post.DCS), (Move.REFER, Post.ANALYST)])
def test_a_worry_is_about_another_authority(move, post):
    facts = Facts(statutory_case=False, post=post, about_own_authority=True, recipient_found=True)
    with pytest.raises(Refused) as refused:
        attempt(move, NEW, {Party.COLLEAGUE}, facts)
    assert refused.value.refusal is Refusal.OWN_AUTHORITY


@pytest.mark.parametrize(
    ("move", "post", "source", "refusal"),
    [
        (Move.RAISE, Post.DCS, NEW, Refusal.NO_PEER),
        (Move.REFER, Post.PRACTICE_LEADER, NEW, Refusal.NO_OWN_DCS),
        (Move.RAISE_REFERRAL, None, State.REFERRED, Refusal.NO_PEER),
    ],
)
def test_a_worry_needs_someone_registered_to_go_to(move, post, source, refusal):
    facts = Facts(statutory_case=False, post=post, recipient_found=False)
    with pytest.raises(Refused) as refused:
        attempt(move, source, ALL_PARTIES, facts)
    assert refused.value.refusal is refusal


def test_sharing_further_is_restricted_to_what_the_peer_agreed():
    agreed = frozenset({Part.FACTS, Part.ACTIONS})
    ok = Facts(agreed=agreed, requested=frozenset({Part.ACTIONS}))
    assert attempt(Move.SHARE_FURTHER, State.NOT_DISPELLED, {Party.RAISER}, ok) is (
        State.NOT_DISPELLED
    )
    for extra in (Part.ACCOUNT, Part.NATURE, Part.SELF_REFERRAL):
        too_much = Facts(agreed=agreed, requested=frozenset({Part.FACTS, extra}))
        with pytest.raises(Refused) as refused:
            attempt(Move.SHARE_FURTHER, State.NOT_DISPELLED, {Party.RAISER}, too_much)
        assert refused.value.refusal is Refusal.BEYOND_AGREEMENT
    with pytest.raises(Refused) as refused:
        attempt(Move.SHARE_FURTHER, State.NOT_DISPELLED, {Party.RAISER}, Facts(agreed=agreed))
    assert refused.value.refusal is Refusal.NOTHING_TO_SHARE


def test_an_escalation_carries_nothing_beyond_the_worry_and_the_agreed_response():
    agreed = frozenset({Part.FACTS})
    too_much = Facts(
        agreed=agreed,
        requested=frozenset({Part.NATURE, Part.FACTS, Part.ACCOUNT}),
        member_eligible=True,
    )
    with pytest.raises(Refused) as refused:
        attempt(Move.ESCALATE, State.NOT_DISPELLED, {Party.RAISER}, too_much)
    assert refused.value.refusal is Refusal.BEYOND_AGREEMENT


def test_escalation_needs_the_peer_to_have_withheld_agreement():
    everything = frozenset(Part)
    facts = Facts(agreed=everything, requested=everything, member_eligible=True)
    with pytest.raises(Refused) as refused:
        attempt(Move.ESCALATE, State.NOT_DISPELLED, {Party.RAISER}, facts)
    assert refused.value.refusal is Refusal.AGREEMENT_GIVEN


def test_escalation_needs_an_eligible_member_of_the_steering_group():
    facts = Facts(agreed=frozenset(), requested=frozenset({Part.NATURE}), member_eligible=False)
    with pytest.raises(Refused) as refused:
        attempt(Move.ESCALATE, State.NOT_DISPELLED, {Party.RAISER}, facts)
    assert refused.value.refusal is Refusal.MEMBER_NOT_ELIGIBLE


def test_terminal_states_offer_no_move_to_anyone():
    assert {State.DISPELLED, State.NOT_RAISED, State.CONCLUDED, State.WITHDRAWN} == TERMINAL
    for state in TERMINAL:
        assert open_moves(state, ALL_PARTIES) == ()


def test_pages_offer_each_party_only_its_own_moves():
    assert open_moves(State.NOT_DISPELLED, {Party.RAISER}) == (
        Move.SHARE_FURTHER,
        Move.ESCALATE,
        Move.WITHDRAW,
    )
    assert open_moves(State.NOT_DISPELLED, {Party.PEER}) == ()
    assert open_moves(State.WITH_PEER, {Party.PEER}) == (Move.RESPOND,)
    assert open_moves(State.ESCALATED, {Party.STEERING_MEMBER}) == (
        Move.RECORD_STEP,
        Move.CONCLUDE,
    )
    assert open_moves(NEW, {Party.COLLEAGUE}) == (Move.RAISE, Move.REFER)


def test_every_state_is_reachable_from_a_new_worry():
    reached: set[State | None] = {NEW}
    queue: deque[State | None] = deque([NEW])
    while queue:
        state = queue.popleft()
        for transition in ROUTE:
            if state in transition.sources and transition.target not in reached:
                reached.add(transition.target)
                queue.append(transition.target)
    assert reached == {NEW, *State}
