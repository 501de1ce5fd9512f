"""Every move of the route through the service layer, and the refusals it must make."""

from __future__ import annotations

import pytest

from tartan.concerns.parts import Part
from tartan.concerns.route import Refusal, Refused, State
from tartan.web.concerns import people, services
from tartan.web.concerns.models import (
    ConcernRecordError,
    Disclosure,
    DisclosureKind,
    EscalationStep,
    Notification,
    PeerResponse,
    StepKind,
    Worry,
)
from tests.web.concerns.conftest import (
    ACCOUNT,
    ACTIONS,
    EAST_SUSSEX,
    FACTS_NOTE,
    HAMPSHIRE,
    KENT,
    NATURE,
    escalated_worry,
    raise_worry,
    respond,
)

pytestmark = pytest.mark.django_db


def refusal_of(call, *args, **kwargs) -> Refusal:
    with pytest.raises(Refused) as refused:
        call(*args, **kwargs)
    return refused.value.refusal


def notified(user) -> list[str]:
    """Newest first."""
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


# Raising: peer to peer, matched by post -------------------------------------------------------


@pytest.mark.parametrize(
    ("raiser", "peer"),
    [("dcs_es", "dcs_kent"), ("ce_es", "ce_kent"), ("lm_es", "lm_kent")],
)
def test_a_worry_goes_first_to_the_peer_in_the_same_post(cast, raiser, peer):
    worry = services.start(getattr(cast, raiser), la_code=KENT, text=NATURE, statutory_case=False)
    assert worry.current_state is State.WITH_PEER
    assert worry.peer == getattr(cast, peer)
    assert worry.nature == NATURE
    assert len(notified(getattr(cast, peer))) == 1
    # and to nobody else
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("who", ["programme", "lga"])
def test_programme_and_lga_staff_go_to_the_dcs(cast, who):
    worry = services.start(getattr(cast, who), la_code=KENT, text=NATURE, statutory_case=False)
    assert worry.peer == cast.dcs_kent
    assert worry.current_state is State.WITH_PEER


@pytest.mark.parametrize("who", ["practice_leader_es", "analyst_es"])
def test_other_staff_are_routed_through_their_own_dcs(cast, who):
    referrer = getattr(cast, who)
    worry = services.start(referrer, la_code=KENT, text=NATURE, statutory_case=False)
    assert worry.current_state is State.REFERRED
    assert worry.raiser == cast.dcs_es
    assert worry.referrer == referrer
    assert worry.peer is None
    assert worry.referral_text == NATURE
    assert worry.nature == ""
    assert notified(cast.dcs_kent) == []
    assert len(notified(cast.dcs_es)) == 1


def test_the_dcs_raises_a_referral_with_their_peer_in_their_own_words(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    worry = services.decide_referral(worry, cast.dcs_es, raise_it=True, nature="My words.")
    assert worry.current_state is State.WITH_PEER
    assert worry.peer == cast.dcs_kent
    assert worry.nature == "My words."
    assert "raised your worry" in notified(cast.practice_leader_es)[0]
    assert len(notified(cast.dcs_kent)) == 1


def test_the_dcs_may_decide_not_to_raise_a_referral(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    worry = services.decide_referral(worry, cast.dcs_es, raise_it=False)
    assert worry.current_state is State.NOT_RAISED
    assert worry.peer is None
    assert "decided not to raise" in notified(cast.practice_leader_es)[0]


def test_a_referral_the_dcs_finds_statutory_is_not_raised_and_its_words_are_erased(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    worry = services.decide_referral(worry, cast.dcs_es, raise_it=False, statutory_case=True)
    stored = Worry.objects.get(pk=worry.pk)
    assert stored.current_state is State.NOT_RAISED
    assert stored.statutory_stop
    assert stored.referral_text == ""
    assert stored.nature == ""
    assert not any(NATURE in text for text in Notification.objects.values_list("text", flat=True))


def test_raising_a_referral_asks_the_statutory_question_again(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    assert (
        refusal_of(services.decide_referral, worry, cast.dcs_es, raise_it=True, statutory_case=None)
        is Refusal.STATUTORY_UNANSWERED
    )


def test_the_referrer_may_withdraw_while_it_is_with_their_dcs(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    worry = services.withdraw(worry, cast.practice_leader_es)
    assert worry.current_state is State.WITHDRAWN
    assert "withdrew" in notified(cast.dcs_es)[0]


# Refusals at the start ---------------------------------------------------------------------


@pytest.mark.parametrize("answer", [True, None])
def test_the_statutory_case_stop_saves_nothing(cast, answer):
    refusal = refusal_of(
        services.start, cast.dcs_es, la_code=KENT, text=NATURE, statutory_case=answer
    )
    assert refusal is (Refusal.STATUTORY_CASE if answer else Refusal.STATUTORY_UNANSWERED)
    assert Worry.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("who", ["dbg", "dfe", "partner", "administrator", "superuser"])
def test_people_outside_the_protocol_cannot_raise_a_worry(cast, who):
    refusal = refusal_of(
        services.start, getattr(cast, who), la_code=KENT, text=NATURE, statutory_case=False
    )
    assert refusal is Refusal.NOT_IN_PROTOCOL
    assert Worry.objects.count() == 0


def test_a_dcs_cannot_refer_and_a_practice_leader_cannot_raise_directly(cast):
    # Routing is by post: there is no way for a practice leader to reach the peer themselves.
    assert people.first_move(cast.practice_leader_es).value == "refer"
    assert people.recipients(cast.practice_leader_es, KENT) == [cast.dcs_es]
    assert people.first_move(cast.dcs_es).value == "raise"


def test_a_worry_is_about_another_authority(cast):
    refusal = refusal_of(
        services.start, cast.dcs_es, la_code=EAST_SUSSEX, text=NATURE, statutory_case=False
    )
    assert refusal is Refusal.OWN_AUTHORITY


def test_a_worry_needs_a_registered_peer(cast):
    cast.lm_kent.is_active = False
    cast.lm_kent.save()
    refusal = refusal_of(
        services.start, cast.lm_es, la_code=KENT, text=NATURE, statutory_case=False
    )
    assert refusal is Refusal.NO_PEER


def test_a_referral_needs_a_registered_own_dcs(cast):
    cast.dcs_es.is_active = False
    cast.dcs_es.save()
    refusal = refusal_of(
        services.start, cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False
    )
    assert refusal is Refusal.NO_OWN_DCS


def test_the_recipient_must_be_one_of_the_matched_peers(cast):
    # Naming someone who is not the matched peer is not a way round the matching.
    refusal = refusal_of(
        services.start,
        cast.dcs_es,
        la_code=KENT,
        text=NATURE,
        statutory_case=False,
        recipient=cast.ce_kent,
    )
    assert refusal is Refusal.NO_PEER


# The peer's response -----------------------------------------------------------------------


def test_the_peer_responds_and_marks_what_may_be_shared(cast):
    worry = raise_worry(cast)
    worry = respond(worry, cast.dcs_kent, {Part.FACTS, Part.ACTIONS})
    assert worry.current_state is State.RESPONDED
    response = PeerResponse.objects.get(worry=worry)
    assert response.agreed_parts == {Part.FACTS, Part.ACTIONS}
    assert response.text_of(Part.FACTS) == f"Partly. {FACTS_NOTE}"
    assert response.text_of(Part.ACCOUNT) == ACCOUNT
    assert response.text_of(Part.ACTIONS) == ACTIONS
    assert response.text_of(Part.SELF_REFERRAL) == "No self-referral"
    assert "has responded" in notified(cast.dcs_es)[0]


@pytest.mark.parametrize("who", ["dcs_es", "ce_kent", "dcs_surrey", "dbg", "superuser"])
def test_only_the_peer_responds(cast, who):
    worry = raise_worry(cast)
    with pytest.raises(Refused) as refused:
        respond(worry, getattr(cast, who), set())
    assert refused.value.refusal is Refusal.WRONG_PARTY
    assert not PeerResponse.objects.exists()


def test_the_peer_responds_once(cast):
    worry = respond(raise_worry(cast), cast.dcs_kent, set())
    with pytest.raises(Refused) as refused:
        respond(worry, cast.dcs_kent, set(Part))
    assert refused.value.refusal is Refusal.WRONG_STATE
    assert PeerResponse.objects.get().agreed_parts == frozenset()


def test_a_response_never_changes(cast):
    respond(raise_worry(cast), cast.dcs_kent, {Part.FACTS})
    response = PeerResponse.objects.get()
    response.agreed = [p.value for p in Part]
    with pytest.raises(ConcernRecordError):
        response.save()
    with pytest.raises(ConcernRecordError):
        PeerResponse.objects.update(agreed=["account"])
    with pytest.raises(ConcernRecordError):
        response.delete()
    assert PeerResponse.objects.get().agreed_parts == {Part.FACTS}


# Assessing the response --------------------------------------------------------------------


def test_a_dispelled_worry_is_closed(cast):
    worry = respond(raise_worry(cast), cast.dcs_kent, set())
    worry = services.assess(worry, cast.dcs_es, dispelled=True)
    assert worry.current_state is State.DISPELLED
    assert worry.closed_at is not None
    assert "dispelled their worry" in notified(cast.dcs_kent)[0]


def test_only_the_raiser_assesses_and_only_after_the_response(cast):
    worry = raise_worry(cast)
    assert refusal_of(services.assess, worry, cast.dcs_es, dispelled=False) is (
        Refusal.PEER_NOT_HEARD
    )
    respond(worry, cast.dcs_kent, set())
    assert refusal_of(services.assess, worry, cast.dcs_kent, dispelled=True) is (
        Refusal.WRONG_PARTY
    )


# Sharing further ---------------------------------------------------------------------------


def not_dispelled(cast, agreed):
    worry = respond(raise_worry(cast), cast.dcs_kent, set(agreed))
    return services.assess(worry, cast.dcs_es, dispelled=False)


def test_sharing_further_copies_the_agreed_parts_word_for_word(cast):
    worry = not_dispelled(cast, {Part.FACTS, Part.ACTIONS})
    disclosure = services.share_further(
        worry, cast.dcs_es, parts=[Part.ACTIONS], recipient_description="Ofsted regional director"
    )
    assert disclosure.kind == DisclosureKind.FURTHER
    assert disclosure.content == {"actions": ACTIONS}
    assert Worry.objects.get(pk=worry.pk).current_state is State.NOT_DISPELLED
    assert "Ofsted regional director" in notified(cast.dcs_kent)[0]


@pytest.mark.parametrize("extra", [Part.ACCOUNT, Part.NATURE, Part.SELF_REFERRAL])
def test_sharing_beyond_the_agreement_is_refused(cast, extra):
    worry = not_dispelled(cast, {Part.FACTS, Part.ACTIONS})
    refusal = refusal_of(
        services.share_further,
        worry,
        cast.dcs_es,
        parts=[Part.FACTS, extra],
        recipient_description="Ofsted",
    )
    assert refusal is Refusal.BEYOND_AGREEMENT
    assert not Disclosure.objects.exists()


def test_sharing_before_the_peer_has_responded_is_skipping_the_peer(cast):
    worry = raise_worry(cast)
    refusal = refusal_of(
        services.share_further, worry, cast.dcs_es, parts=[Part.NATURE], recipient_description="x"
    )
    assert refusal is Refusal.PEER_NOT_HEARD


def test_the_model_refuses_a_disclosure_beyond_the_agreement_whoever_writes_it(cast):
    worry = not_dispelled(cast, {Part.FACTS})
    with pytest.raises(ConcernRecordError, match="not agreed that account"):
        Disclosure.objects.create(
            worry=worry,
            kind=DisclosureKind.FURTHER,
            recipient_description="Ofsted",
            content={"facts": worry.part_text(Part.FACTS), "account": ACCOUNT},
            made_by=cast.dcs_es,
        )
    with pytest.raises(ConcernRecordError, match="words of the conversation"):
        Disclosure.objects.create(
            worry=worry,
            kind=DisclosureKind.FURTHER,
            recipient_description="Ofsted",
            content={"facts": f"Partly. {FACTS_NOTE} Also: {ACCOUNT}"},
            made_by=cast.dcs_es,
        )
    with pytest.raises(ConcernRecordError, match="not a part"):
        Disclosure.objects.create(
            worry=worry,
            kind=DisclosureKind.FURTHER,
            recipient_description="Ofsted",
            content={"facts": worry.part_text(Part.FACTS), "covering_note": ACCOUNT},
            made_by=cast.dcs_es,
        )
    with pytest.raises(ConcernRecordError):
        Disclosure.objects.bulk_create(
            [
                Disclosure(
                    worry=worry,
                    kind=DisclosureKind.FURTHER,
                    recipient_description="Ofsted",
                    content={"account": ACCOUNT},
                    made_by=cast.dcs_es,
                )
            ]
        )
    assert not Disclosure.objects.exists()


def test_a_disclosure_cannot_be_widened_afterwards(cast):
    worry = not_dispelled(cast, {Part.FACTS})
    disclosure = services.share_further(
        worry, cast.dcs_es, parts=[Part.FACTS], recipient_description="Ofsted"
    )
    disclosure.content = {**disclosure.content, "account": ACCOUNT}
    with pytest.raises(ConcernRecordError):
        disclosure.save()
    with pytest.raises(ConcernRecordError):
        Disclosure.objects.update(content={"account": ACCOUNT})
    assert Disclosure.objects.get().content == {"facts": f"Partly. {FACTS_NOTE}"}


def test_nothing_can_be_disclosed_before_there_is_a_response(cast):
    worry = raise_worry(cast)
    with pytest.raises(ConcernRecordError):
        Disclosure.objects.create(
            worry=worry,
            kind=DisclosureKind.ESCALATION,
            recipient=cast.dcs_surrey,
            recipient_description="Surrey",
            content={"nature": NATURE},
            made_by=cast.dcs_es,
        )


# Escalation --------------------------------------------------------------------------------


def test_escalation_carries_the_worry_and_only_the_agreed_parts_and_tells_the_peer(cast):
    worry = escalated_worry(cast, agreed=frozenset({Part.FACTS}))
    assert worry.current_state is State.ESCALATED
    assert worry.steering_member == cast.dcs_surrey
    escalation = Disclosure.objects.get(worry=worry, kind=DisclosureKind.ESCALATION)
    assert escalation.content == {"nature": NATURE, "facts": f"Partly. {FACTS_NOTE}"}
    assert escalation.recipient == cast.dcs_surrey
    assert "escalating" in notified(cast.dcs_kent)[0]
    assert "escalated a worry" in notified(cast.dcs_surrey)[0]
    for text in Notification.objects.values_list("text", flat=True):
        assert ACCOUNT not in text
        assert NATURE not in text


def test_escalation_carries_the_worry_even_when_the_peer_agreed_nothing(cast):
    worry = escalated_worry(cast, agreed=frozenset())
    escalation = Disclosure.objects.get(worry=worry, kind=DisclosureKind.ESCALATION)
    assert escalation.content == {"nature": NATURE}


def test_escalating_beyond_the_agreement_is_refused(cast):
    worry = not_dispelled(cast, {Part.FACTS})
    refusal = refusal_of(
        services.escalate,
        worry,
        cast.dcs_es,
        member=cast.dcs_surrey,
        parts=[Part.NATURE, Part.FACTS, Part.ACCOUNT],
    )
    assert refusal is Refusal.BEYOND_AGREEMENT
    assert Worry.objects.get(pk=worry.pk).steering_member is None


def test_escalation_needs_agreement_withheld(cast):
    worry = not_dispelled(cast, set(Part))
    refusal = refusal_of(services.escalate, worry, cast.dcs_es, member=cast.dcs_surrey)
    assert refusal is Refusal.AGREEMENT_GIVEN


@pytest.mark.parametrize("state", ["with_peer", "responded"])
def test_escalation_before_the_worry_is_found_not_dispelled_is_refused(cast, state):
    worry = raise_worry(cast)
    if state == "responded":
        respond(worry, cast.dcs_kent, set())
    refusal = refusal_of(services.escalate, worry, cast.dcs_es, member=cast.dcs_surrey)
    assert refusal is (Refusal.PEER_NOT_HEARD if state == "with_peer" else Refusal.WRONG_STATE)
    assert not Disclosure.objects.exists()


def test_only_the_raiser_escalates(cast):
    worry = not_dispelled(cast, set())
    for who in (cast.dcs_kent, cast.dcs_surrey, cast.programme, cast.superuser):
        assert refusal_of(services.escalate, worry, who, member=cast.dcs_surrey) is (
            Refusal.WRONG_PARTY
        )


def test_escalation_goes_only_to_a_current_member_outside_the_conversation(cast, make_user):
    from tartan.web.accounts.roles import Position, Role
    from tartan.web.concerns.models import SteeringGroupMembership

    kent_member = make_user(Role.LA_KEY_STAFF, KENT, position=Position.CHIEF_EXECUTIVE)
    SteeringGroupMembership.objects.create(person=kent_member, added_by=cast.programme)
    SteeringGroupMembership.objects.create(person=cast.dcs_kent, added_by=cast.programme)
    worry = not_dispelled(cast, set())
    assert people.eligible_members(worry) == [cast.dcs_surrey]
    for member in (kent_member, cast.dcs_kent, cast.dcs_hampshire, cast.dbg):
        refusal = refusal_of(services.escalate, worry, cast.dcs_es, member=member)
        assert refusal is Refusal.MEMBER_NOT_ELIGIBLE
    membership = SteeringGroupMembership.objects.get(person=cast.dcs_surrey)
    membership.left_on = membership.joined_on
    membership.save()
    refusal = refusal_of(services.escalate, worry, cast.dcs_es, member=cast.dcs_surrey)
    assert refusal is Refusal.MEMBER_NOT_ELIGIBLE


# After the escalation ----------------------------------------------------------------------


def test_the_member_records_steps_and_the_outcome(cast):
    worry = escalated_worry(cast)
    services.record_step(
        worry, cast.dcs_surrey, kind=StepKind.ADCS_CHAIR_CONSULTED, text="Spoke to the chair."
    )
    services.record_step(worry, cast.dcs_surrey, kind=StepKind.SUPPORT_AGREED, text="Peer review.")
    worry = services.conclude(worry, cast.dcs_surrey, outcome="Kent self-referred.")
    assert worry.current_state is State.CONCLUDED
    assert list(EscalationStep.objects.values_list("kind", flat=True)) == [
        "adcs_chair_consulted",
        "support_agreed",
        "outcome",
    ]
    assert len(notified(cast.dcs_es)) == 1 + 3  # the response, then two steps and the outcome
    with pytest.raises(Refused) as refused:
        services.record_step(worry, cast.dcs_surrey, kind=StepKind.NOTE, text="late")
    assert refused.value.refusal is Refusal.WRONG_STATE


@pytest.mark.parametrize("who", ["dcs_es", "dcs_kent", "programme", "superuser"])
def test_only_the_member_records_steps(cast, who):
    worry = escalated_worry(cast)
    with pytest.raises(Refused) as refused:
        services.record_step(worry, getattr(cast, who), kind=StepKind.NOTE, text="x")
    assert refused.value.refusal is Refusal.WRONG_PARTY
    with pytest.raises(Refused):
        services.conclude(worry, getattr(cast, who), outcome="x")
    assert not EscalationStep.objects.exists()


def test_the_outcome_is_recorded_by_concluding(cast):
    worry = escalated_worry(cast)
    with pytest.raises(ValueError, match="conclude"):
        services.record_step(worry, cast.dcs_surrey, kind=StepKind.OUTCOME, text="x")


# Withdrawing, and the model's own guard on the route ---------------------------------------


@pytest.mark.parametrize("stage", ["with_peer", "responded", "not_dispelled"])
def test_the_raiser_may_withdraw_until_escalation(cast, stage):
    worry = raise_worry(cast)
    if stage != "with_peer":
        respond(worry, cast.dcs_kent, set())
    if stage == "not_dispelled":
        services.assess(worry, cast.dcs_es, dispelled=False)
    worry = services.withdraw(worry, cast.dcs_es)
    assert worry.current_state is State.WITHDRAWN
    assert "withdrew" in notified(cast.dcs_kent)[0]


def test_an_escalated_worry_cannot_be_withdrawn(cast):
    worry = escalated_worry(cast)
    assert refusal_of(services.withdraw, worry, cast.dcs_es) is Refusal.WRONG_STATE


def test_the_model_refuses_a_change_of_state_the_route_does_not_have(cast):
    worry = raise_worry(cast)
    worry.state = State.ESCALATED
    with pytest.raises(ConcernRecordError, match="no move from with_peer to escalated"):
        worry.save()
    with pytest.raises(ConcernRecordError):
        Worry.objects.filter(pk=worry.pk).update(state=State.ESCALATED)
    with pytest.raises(ConcernRecordError):
        Worry.objects.create(
            la_code=HAMPSHIRE, state=State.ESCALATED, raiser=cast.dcs_es, raiser_post="dcs"
        )
    assert Worry.objects.get(pk=worry.pk).current_state is State.WITH_PEER


def test_a_worry_is_never_deleted(cast):
    worry = raise_worry(cast)
    with pytest.raises(ConcernRecordError):
        worry.delete()
