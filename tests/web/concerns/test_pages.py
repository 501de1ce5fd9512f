"""The concerns pages through HTTP: raising (and the statutory-case stop), each move, refusals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tartan.concerns.parts import Part
from tartan.concerns.route import State
from tartan.web.audit.models import AuditEvent
from tartan.web.concerns import services
from tartan.web.concerns.models import (
    Disclosure,
    EscalationStep,
    Notification,
    PeerResponse,
    Worry,
)
from tests.web.concerns.conftest import (
    ACCOUNT,
    ACTIONS,
    FACTS_NOTE,
    KENT,
    NATURE,
    escalated_worry,
    raise_worry,
    respond,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

SECRET = "Child A at 12 Acacia Avenue was harmed and the police are not told."


def url(name: str, worry: Worry | None = None, **kwargs) -> str:
    if worry is not None:
        kwargs["ref"] = worry.ref
    return reverse(f"concerns:{name}", kwargs=kwargs or None)


def stored_anywhere(text: str) -> bool:
    """Whether any record of the concerns area or of the audit trail holds these words."""
    return (
        Worry.objects.filter(nature__contains=text).exists()
        or Worry.objects.filter(referral_text__contains=text).exists()
        or Notification.objects.filter(text__contains=text).exists()
        or AuditEvent.objects.filter(summary__contains=text).exists()
        or AuditEvent.objects.filter(purpose__contains=text).exists()
    )


# Raising ------------------------------------------------------------------------------------


def test_the_question_comes_first_and_yes_stops_with_the_statutory_duties(cast):
    client = signed_in(cast.dcs_es)
    page = client.get(url("new"))
    assert page.status_code == 200
    assert "individual case of suspected criminality" in page.content.decode()
    assert 'name="nature"' not in page.content.decode()  # nothing to write before answering
    stop = client.post(url("new"), {"statutory_case": "yes"})
    assert stop.status_code == 200
    text = stop.content.decode()
    assert "statutory disclosure duties" in text
    assert "Nothing about the case has been saved" in text
    assert Worry.objects.count() == 0
    assert list(
        AuditEvent.objects.filter(summary__startswith="statutory").values_list("summary", flat=True)
    ) == ["statutory-case stop shown; nothing saved"]


@pytest.mark.parametrize("answer", ["yes", "", None])
def test_the_worry_form_without_a_no_to_the_question_stops_and_saves_nothing(cast, answer):
    client = signed_in(cast.dcs_es)
    data = {"la_code": KENT, "nature": SECRET}
    if answer is not None:
        data["statutory_case"] = answer
    stop = client.post(url("details"), data)
    assert stop.status_code == 200
    assert "statutory disclosure duties" in stop.content.decode()
    assert SECRET not in stop.content.decode()
    assert Worry.objects.count() == 0
    assert Notification.objects.count() == 0
    assert not stored_anywhere(SECRET)
    assert not stored_anywhere("Acacia")


def test_the_question_must_be_answered(cast):
    page = signed_in(cast.dcs_es).post(url("new"), {})
    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()


def test_no_leads_to_the_worry_form_which_raises_it_with_the_peer(cast):
    client = signed_in(cast.dcs_es)
    assert client.post(url("new"), {"statutory_case": "no"})["Location"] == url("details")
    form = client.get(url("details"))
    assert "Director of Children&#39;s Services of the authority you choose" in (
        form.content.decode()
    )
    sent = client.post(url("details"), {"statutory_case": "no", "la_code": KENT, "nature": NATURE})
    worry = Worry.objects.get()
    assert sent["Location"] == url("worry", worry)
    assert worry.peer == cast.dcs_kent
    assert worry.current_state is State.WITH_PEER
    summaries = list(
        AuditEvent.objects.filter(object_id=str(worry.ref)).values_list("summary", flat=True)
    )
    assert "raised with the peer" in summaries
    # The audit trail, which the DBG reads, names neither the authority nor the worry's words
    # (the accounts the test made, with their organisations, are events of their own).
    assert not AuditEvent.objects.exclude(action="admin").filter(summary__contains="Kent").exists()
    assert not AuditEvent.objects.filter(la_codes__contains=KENT).exists()
    assert not AuditEvent.objects.filter(summary__contains="Caseloads").exists()


def test_the_form_offers_only_other_authorities_of_the_group(cast):
    page = signed_in(cast.dcs_es).get(url("details")).content.decode()
    assert 'value="886"' in page
    assert 'value="845"' not in page  # their own
    assert 'value="301"' not in page  # not a member of the group
    refused = signed_in(cast.dcs_es).post(
        url("details"), {"statutory_case": "no", "la_code": "845", "nature": NATURE}
    )
    assert refused.status_code == 200
    assert "govuk-error-summary" in refused.content.decode()
    assert Worry.objects.count() == 0


def test_a_practice_leader_sends_it_to_their_dcs(cast):
    client = signed_in(cast.practice_leader_es)
    assert "your own DCS" in client.get(url("new")).content.decode()
    client.post(url("details"), {"statutory_case": "no", "la_code": KENT, "nature": NATURE})
    worry = Worry.objects.get()
    assert worry.current_state is State.REFERRED
    assert worry.raiser == cast.dcs_es
    page = client.get(url("worry", worry)).content.decode()
    assert "With your DCS" in page


def test_when_several_people_hold_the_post_the_colleague_chooses(cast, make_user):
    from tartan.web.accounts.roles import Position, Role

    interim = make_user(Role.LA_KEY_STAFF, KENT, position=Position.DCS, username="interim-kent")
    client = signed_in(cast.dcs_es)
    data = {"statutory_case": "no", "la_code": KENT, "nature": NATURE}
    page = client.post(url("details"), data)
    assert page.status_code == 200
    assert "choose who" in page.content.decode()
    assert Worry.objects.count() == 0
    client.post(url("details"), {**data, "recipient": str(interim.pk)})
    assert Worry.objects.get().peer == interim


def test_no_registered_peer_is_explained(cast):
    cast.ce_kent.is_active = False
    cast.ce_kent.save()
    page = signed_in(cast.ce_es).post(
        url("details"), {"statutory_case": "no", "la_code": KENT, "nature": NATURE}
    )
    assert "Nobody is registered" in page.content.decode()
    assert Worry.objects.count() == 0


# The DCS's decision on a referral -----------------------------------------------------------


def referral(cast) -> Worry:
    return services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)


def test_the_dcs_raises_a_referral_from_its_page(cast):
    worry = referral(cast)
    client = signed_in(cast.dcs_es)
    page = client.get(url("decide", worry)).content.decode()
    assert NATURE in page
    client.post(url("decide", worry), {"decision": "raise", "nature": "In my words."})
    worry.refresh_from_db()
    assert worry.current_state is State.WITH_PEER
    assert worry.nature == "In my words."
    peer_page = signed_in(cast.dcs_kent).get(url("worry", worry)).content.decode()
    assert "In my words." in peer_page
    assert NATURE not in peer_page  # the referral's own words stay with the DCS
    assert cast.practice_leader_es.username not in peer_page


def test_the_dcs_stops_a_statutory_referral_and_it_is_erased(cast):
    worry = referral(cast)
    page = signed_in(cast.dcs_es).post(url("decide", worry), {"decision": "statutory"})
    assert "statutory disclosure duties" in page.content.decode()
    worry.refresh_from_db()
    assert worry.current_state is State.NOT_RAISED
    assert not stored_anywhere(NATURE)


def test_raising_a_referral_needs_words(cast):
    worry = referral(cast)
    page = signed_in(cast.dcs_es).post(url("decide", worry), {"decision": "raise", "nature": ""})
    assert "Write the worry" in page.content.decode()
    worry.refresh_from_db()
    assert worry.current_state is State.REFERRED


# Respond, assess, share, escalate, steps, withdraw ---------------------------------------------


def test_the_peer_responds_through_the_page(cast):
    worry = raise_worry(cast)
    client = signed_in(cast.dcs_kent)
    form = client.get(url("respond", worry)).content.decode()
    assert NATURE in form
    assert "Which parts may be shared further?" in form
    client.post(
        url("respond", worry),
        {
            "facts_verified": "partly",
            "facts_note": FACTS_NOTE,
            "account": ACCOUNT,
            "helpful_actions": ACTIONS,
            "self_referral": "programme",
            "self_referral_note": "",
            "agreed": ["facts", "self_referral"],
        },
    )
    response = PeerResponse.objects.get(worry=worry)
    assert response.agreed_parts == {Part.FACTS, Part.SELF_REFERRAL}
    assert response.self_referral == "programme"
    raiser_page = signed_in(cast.dcs_es).get(url("worry", worry)).content.decode()
    assert ACCOUNT in raiser_page  # the raiser hears the whole response
    assert "No, kept back" in raiser_page


def test_the_response_form_needs_the_four_answers(cast):
    worry = raise_worry(cast)
    page = signed_in(cast.dcs_kent).post(url("respond", worry), {"agreed": ["facts"]})
    text = page.content.decode()
    for message in ("facts are verified", "own words", "further action", "self-refer"):
        assert message in text
    assert not PeerResponse.objects.exists()


def test_assess_then_share_only_agreed_parts(cast):
    worry = respond(raise_worry(cast), cast.dcs_kent, {Part.FACTS})
    client = signed_in(cast.dcs_es)
    client.post(url("assess", worry), {"dispelled": "no"})
    worry.refresh_from_db()
    assert worry.current_state is State.NOT_DISPELLED
    form = client.get(url("share", worry)).content.decode()
    assert 'value="facts"' in form
    assert 'value="account"' not in form  # not even offered
    tampered = client.post(
        url("share", worry), {"parts": ["facts", "account"], "recipient_description": "Ofsted"}
    )
    assert "Only the parts the peer agreed" in tampered.content.decode()
    assert not Disclosure.objects.exists()
    client.post(url("share", worry), {"parts": ["facts"], "recipient_description": "Ofsted"})
    assert Disclosure.objects.get().content == {"facts": f"Partly. {FACTS_NOTE}"}


def test_escalation_page_previews_exactly_what_the_member_will_see(cast):
    worry = respond(raise_worry(cast), cast.dcs_kent, {Part.ACTIONS})
    services.assess(worry, cast.dcs_es, dispelled=False)
    client = signed_in(cast.dcs_es)
    page = client.get(url("escalate", worry)).content.decode()
    assert NATURE in page
    assert ACTIONS in page
    assert ACCOUNT not in page
    assert "LA key staff, Surrey" in page  # the one eligible member, offered by name
    client.post(url("escalate", worry), {"member": str(cast.dcs_surrey.pk)})
    worry.refresh_from_db()
    assert worry.current_state is State.ESCALATED
    assert Notification.objects.filter(recipient=cast.dcs_kent, text__contains="escalating")


def test_escalating_to_someone_not_offered_is_refused(cast):
    worry = respond(raise_worry(cast), cast.dcs_kent, set())
    services.assess(worry, cast.dcs_es, dispelled=False)
    page = signed_in(cast.dcs_es).post(url("escalate", worry), {"member": str(cast.dbg.pk)})
    assert "from the list" in page.content.decode()
    worry.refresh_from_db()
    assert worry.current_state is State.NOT_DISPELLED


def test_skipping_the_peer_is_refused_on_the_page(cast):
    worry = raise_worry(cast)
    client = signed_in(cast.dcs_es)
    for name in ("escalate", "share", "assess"):
        page = client.get(url(name, worry))
        assert page.status_code == 409
        assert "must respond first" in page.content.decode()
    page = client.post(url("escalate", worry), {"member": str(cast.dcs_surrey.pk)})
    assert page.status_code == 409
    worry.refresh_from_db()
    assert worry.current_state is State.WITH_PEER
    assert AuditEvent.objects.filter(summary="refused: escalate (peer_not_heard)").exists()


def test_escalation_is_refused_when_the_peer_agreed_to_share_everything(cast):
    worry = respond(raise_worry(cast), cast.dcs_kent, set(Part))
    services.assess(worry, cast.dcs_es, dispelled=False)
    client = signed_in(cast.dcs_es)
    assert "share it further instead" in client.get(url("escalate", worry)).content.decode()
    page = client.post(url("escalate", worry), {"member": str(cast.dcs_surrey.pk)})
    assert page.status_code == 409
    assert "share it further instead" in page.content.decode()


def test_the_member_records_a_step_and_concludes(cast):
    worry = escalated_worry(cast)
    client = signed_in(cast.dcs_surrey)
    assert client.get(url("steps", worry)).status_code == 200
    client.post(
        url("steps", worry),
        {"record_step": "1", "kind": "adcs_chair_consulted", "text": "Chair consulted."},
    )
    client.post(url("steps", worry), {"conclude": "1", "outcome": "Support agreed."})
    worry.refresh_from_db()
    assert worry.current_state is State.CONCLUDED
    assert list(EscalationStep.objects.values_list("kind", flat=True)) == [
        "adcs_chair_consulted",
        "outcome",
    ]
    for who in (cast.dcs_es, cast.dcs_kent, cast.dcs_surrey):
        assert "Chair consulted." in signed_in(who).get(url("worry", worry)).content.decode()


def test_withdrawing(cast):
    worry = raise_worry(cast)
    client = signed_in(cast.dcs_es)
    assert client.get(url("withdraw", worry)).status_code == 200
    client.post(url("withdraw", worry))
    worry.refresh_from_db()
    assert worry.current_state is State.WITHDRAWN


# Notifications and the steering group --------------------------------------------------------


def test_notifications_are_the_recipients_own_and_are_marked_read(cast):
    worry = escalated_worry(cast)
    client = signed_in(cast.dcs_kent)
    unread = Notification.objects.filter(recipient=cast.dcs_kent, read_at__isnull=True).count()
    assert unread == 3  # raised with them; not dispelled; escalating
    assert f"({unread} new)" in client.get(url("list")).content.decode()
    page = client.get(url("notifications")).content.decode()
    assert "is escalating their worry" in page
    assert str(worry.ref) in page
    assert not Notification.objects.filter(recipient=cast.dcs_kent, read_at__isnull=True)
    others = signed_in(cast.dcs_hampshire).get(url("notifications")).content.decode()
    assert "You have no notifications" in others


def test_programme_staff_keep_the_steering_group_without_seeing_any_worry(cast):
    worry = escalated_worry(cast)
    client = signed_in(cast.programme)
    page = client.get(url("steering-group")).content.decode()
    assert cast.dcs_surrey.organisation.name in page
    client.post(url("steering-group"), {"person": str(cast.dcs_hampshire.pk)})
    from tartan.web.concerns.models import SteeringGroupMembership

    membership = SteeringGroupMembership.objects.current().get(person=cast.dcs_hampshire)
    client.post(url("steering-group-end", membership_id=membership.pk))
    membership.refresh_from_db()
    assert membership.left_on is not None
    assert membership.ended_by == cast.programme
    assert client.get(url("worry", worry)).status_code == 404
    assert "You are not part of any worry" in client.get(url("list")).content.decode()


def test_times_are_shown_in_the_services_time_zone(cast):
    from datetime import UTC, datetime

    escalated_worry(cast)
    Notification.objects.filter(recipient=cast.dcs_kent).update(
        created_at=datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
    )
    page = signed_in(cast.dcs_kent).get(url("notifications")).content.decode()
    assert "01 July 2025 13:00" in page  # British Summer Time
