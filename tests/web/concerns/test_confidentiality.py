"""A worry is seen only by the people in its conversation, each only their part; every access,
refusals included, is audited without the worry's words."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tartan.concerns.parts import Part
from tartan.web.audit.models import AuditEvent
from tartan.web.concerns import services
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

OUTSIDERS = [
    "ce_es",
    "ce_kent",
    "lm_es",
    "lm_kent",
    "practice_leader_es",
    "analyst_es",
    "dcs_hampshire",
    "programme",
    "lga",
    "dbg",
    "dfe",
    "partner",
    "administrator",
    "superuser",
]


def page_of(user, worry) -> str:
    response = signed_in(user).get(reverse("concerns:worry", kwargs={"ref": worry.ref}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_outside_the_conversation_sees_the_worry_and_the_attempt_is_audited(cast, who):
    worry = escalated_worry(cast)
    user = getattr(cast, who)
    response = signed_in(user).get(reverse("concerns:worry", kwargs={"ref": worry.ref}))
    assert response.status_code == 404
    assert NATURE not in response.content.decode()
    refused = AuditEvent.objects.get(user=user, object_id=str(worry.ref))
    assert refused.action == "concern"
    assert refused.summary == "refused: worry (not in this worry)"


def test_the_steering_group_member_sees_only_what_the_escalation_carried(cast):
    worry = escalated_worry(cast, agreed=frozenset({Part.FACTS}))
    page = page_of(cast.dcs_surrey, worry)
    assert NATURE in page
    assert FACTS_NOTE in page
    assert ACCOUNT not in page
    assert ACTIONS not in page
    assert "did not agree to share" in page
    assert "the situation in the peer&#39;s own words" in page  # named as withheld, not shown


def test_a_steering_group_member_sees_nothing_before_the_escalation_or_of_others(cast, make_user):
    from tartan.web.accounts.roles import Position, Role
    from tartan.web.concerns.models import SteeringGroupMembership

    worry = respond(raise_worry(cast), cast.dcs_kent, set())
    services.assess(worry, cast.dcs_es, dispelled=False)
    # Surrey's DCS is a member, but it has not been escalated to them.
    response = signed_in(cast.dcs_surrey).get(reverse("concerns:worry", kwargs={"ref": worry.ref}))
    assert response.status_code == 404
    other_member = make_user(Role.LA_KEY_STAFF, "852", position=Position.DCS)
    SteeringGroupMembership.objects.create(person=other_member, added_by=cast.programme)
    services.escalate(worry, cast.dcs_es, member=cast.dcs_surrey)
    response = signed_in(other_member).get(reverse("concerns:worry", kwargs={"ref": worry.ref}))
    assert response.status_code == 404


def test_the_peer_sees_the_worry_their_response_and_what_was_escalated(cast):
    worry = escalated_worry(cast, agreed=frozenset({Part.FACTS}))
    page = page_of(cast.dcs_kent, worry)
    assert NATURE in page
    assert ACCOUNT in page  # their own words
    assert "The escalation" in page
    assert "Surrey" in page


def test_the_raiser_sees_everything(cast):
    worry = escalated_worry(cast, agreed=frozenset({Part.FACTS}))
    page = page_of(cast.dcs_es, worry)
    for text in (NATURE, ACCOUNT, ACTIONS, FACTS_NOTE, "The escalation"):
        assert text in page


def test_a_referrer_sees_their_referral_and_not_the_conversation_that_followed(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    services.decide_referral(worry, cast.dcs_es, raise_it=True, nature="The DCS's own words.")
    respond(worry, cast.dcs_kent, set(Part))
    page = page_of(cast.practice_leader_es, worry)
    assert NATURE in page
    assert "Raised by your DCS with their peer" in page
    assert "The DCS&#39;s own words." not in page
    assert ACCOUNT not in page
    assert cast.dcs_kent.username not in page


def test_the_peer_is_not_in_a_referral_until_the_dcs_raises_it(cast):
    worry = services.start(cast.practice_leader_es, la_code=KENT, text=NATURE, statutory_case=False)
    response = signed_in(cast.dcs_kent).get(reverse("concerns:worry", kwargs={"ref": worry.ref}))
    assert response.status_code == 404


def test_a_person_who_leaves_loses_sight_of_it(cast):
    worry = escalated_worry(cast)
    client = signed_in(cast.dcs_surrey)
    cast.dcs_surrey.is_active = False
    cast.dcs_surrey.save()
    response = client.get(reverse("concerns:worry", kwargs={"ref": worry.ref}))
    assert response.status_code != 200


def test_the_list_shows_each_person_only_their_own_worries(cast):
    worry = escalated_worry(cast)
    for who in OUTSIDERS:
        user = getattr(cast, who)
        response = signed_in(user).get(reverse("concerns:list"))
        if response.status_code == 200:
            assert "You are not part of any worry" in response.content.decode()
            assert str(worry.ref) not in response.content.decode()
        else:
            assert response.status_code == 403
    for who in ("dcs_es", "dcs_kent", "dcs_surrey"):
        page = signed_in(getattr(cast, who)).get(reverse("concerns:list")).content.decode()
        assert str(worry.ref) in page


def test_every_access_is_audited_and_no_audit_event_holds_the_words_or_the_authority(cast):
    worry = escalated_worry(cast)
    for who in ("dcs_es", "dcs_kent", "dcs_surrey"):
        page_of(getattr(cast, who), worry)
        assert AuditEvent.objects.filter(
            user=getattr(cast, who), object_id=str(worry.ref), summary__startswith="viewed as"
        ).exists()
    for event in AuditEvent.objects.filter(action="concern"):
        assert event.la_codes == ""
        for words in (NATURE, ACCOUNT, ACTIONS, FACTS_NOTE, "Kent", "Surrey", "East Sussex"):
            assert words not in event.summary


def test_the_dbg_audit_trail_shows_no_worry_words(cast):
    worry = escalated_worry(cast)
    page_of(cast.dcs_kent, worry)
    trail = signed_in(cast.dbg).get(reverse("audit:all")).content.decode()
    for words in (NATURE, ACCOUNT, ACTIONS, FACTS_NOTE):
        assert words not in trail


def test_no_concerns_model_is_in_djangos_admin():
    assert [m for m in admin.site._registry if m._meta.app_label == "concerns"] == []


def test_the_home_page_links_to_the_area_only_for_people_who_may_use_it(cast):
    link = reverse("concerns:list")
    for who in ("dcs_es", "practice_leader_es", "analyst_es", "programme"):
        assert link in signed_in(getattr(cast, who)).get("/").content.decode()
    for who in ("dbg", "dfe", "partner", "administrator", "superuser"):
        assert link not in signed_in(getattr(cast, who)).get("/").content.decode()
