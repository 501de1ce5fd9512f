"""A cast for the concerns tests: the people of a worry and everyone who must not see it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tartan.concerns.parts import Part
from tartan.web.accounts.models import User
from tartan.web.accounts.roles import Position, Role
from tartan.web.concerns import services
from tartan.web.concerns.models import SteeringGroupMembership, Worry

EAST_SUSSEX, KENT, SURREY, HAMPSHIRE = "845", "886", "936", "850"
NATURE = "Caseloads in the front door have doubled since spring and agency turnover is high."
ACCOUNT = "We know about the front door; an interim head of service started last week."
FACTS_NOTE = "Caseloads confirmed; turnover figure is out of date."
ACTIONS = "A peer review of the front door in the autumn would help."


@dataclass
class Cast:
    dcs_es: User  # raises the worry: East Sussex's DCS
    dcs_kent: User  # the peer: Kent's DCS
    ce_es: User
    ce_kent: User
    lm_es: User
    lm_kent: User
    practice_leader_es: User  # acts through East Sussex's DCS
    analyst_es: User
    dcs_surrey: User  # a member of the steering group
    dcs_hampshire: User  # a DCS outside this conversation
    programme: User
    lga: User
    dbg: User
    dfe: User
    partner: User
    administrator: User
    superuser: User


@pytest.fixture
def cast(make_user) -> Cast:
    def key(la: str, position: Position, name: str) -> User:
        return make_user(Role.LA_KEY_STAFF, la, position=position, username=name)

    superuser = make_user(Role.ADMINISTRATOR, username="superuser")
    superuser.is_superuser = True
    superuser.is_staff = True
    superuser.save()
    people = Cast(
        dcs_es=key(EAST_SUSSEX, Position.DCS, "dcs-es"),
        dcs_kent=key(KENT, Position.DCS, "dcs-kent"),
        ce_es=key(EAST_SUSSEX, Position.CHIEF_EXECUTIVE, "ce-es"),
        ce_kent=key(KENT, Position.CHIEF_EXECUTIVE, "ce-kent"),
        lm_es=key(EAST_SUSSEX, Position.LEAD_MEMBER, "lm-es"),
        lm_kent=key(KENT, Position.LEAD_MEMBER, "lm-kent"),
        practice_leader_es=key(EAST_SUSSEX, Position.PRACTICE_LEADER, "pl-es"),
        analyst_es=make_user(
            Role.LA_ANALYST, EAST_SUSSEX, position=Position.ANALYST, username="analyst-es"
        ),
        dcs_surrey=key(SURREY, Position.DCS, "dcs-surrey"),
        dcs_hampshire=key(HAMPSHIRE, Position.DCS, "dcs-hampshire"),
        programme=make_user(
            Role.PROGRAMME_STAFF, position=Position.PROGRAMME_STAFF, username="programme"
        ),
        lga=make_user(Role.PROGRAMME_STAFF, position=Position.LGA_STAFF, username="lga"),
        dbg=make_user(Role.DBG_MEMBER, username="dbg"),
        dfe=make_user(Role.DFE_VIEWER, position=Position.DFE_REGIONAL_LEAD, username="dfe"),
        partner=make_user(Role.PARTNER_VIEWER, username="ofsted"),
        administrator=make_user(Role.ADMINISTRATOR, username="administrator"),
        superuser=superuser,
    )
    SteeringGroupMembership.objects.create(person=people.dcs_surrey, added_by=people.programme)
    return people


def raise_worry(cast: Cast, nature: str = NATURE) -> Worry:
    return services.start(cast.dcs_es, la_code=KENT, text=nature, statutory_case=False)


def respond(worry: Worry, peer: User, agreed: set[Part]) -> Worry:
    return services.respond(
        worry,
        peer,
        facts_verified="partly",
        facts_note=FACTS_NOTE,
        account=ACCOUNT,
        helpful_actions=ACTIONS,
        self_referral="none",
        self_referral_note="",
        agreed=agreed,
    )


def escalated_worry(cast: Cast, agreed: frozenset[Part] = frozenset({Part.FACTS})) -> Worry:
    """Raised by East Sussex's DCS, answered by Kent's keeping back all but ``agreed``, not
    dispelled, escalated to Surrey's DCS."""
    worry = raise_worry(cast)
    respond(worry, cast.dcs_kent, set(agreed))
    services.assess(worry, cast.dcs_es, dispelled=False)
    services.escalate(worry, cast.dcs_es, member=cast.dcs_surrey)
    return Worry.objects.get(pk=worry.pk)
