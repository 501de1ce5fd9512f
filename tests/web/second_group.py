"""A second benchmarking group beside the South East: the North East, its LAs, DBG and people
(fixtures that tests/web/conftest.py makes available to every web test)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Position, Role
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound

OTHER = "north-east"
OTHER_MEMBERS = list(shipped_groups()[OTHER].members)


@pytest.fixture
def other_group(organisations) -> None:
    register = shipped_register()
    for code in OTHER_MEMBERS:
        Organisation.objects.get_or_create(
            la_code=code,
            defaults={
                "name": register[code].name,
                "kind": OrganisationKind.LOCAL_AUTHORITY,
                "group_key": OTHER,
            },
        )
    Organisation.objects.get_or_create(
        name="North East DBG",
        defaults={"kind": OrganisationKind.PROCESSOR, "group_key": OTHER},
    )


@pytest.fixture
def other_person(other_group):
    made = {"n": 0}

    def make(role: Role, la_code: str | None = None) -> User:
        made["n"] += 1
        org = (
            Organisation.objects.get(la_code=la_code)
            if la_code
            else Organisation.objects.get(name="North East DBG")
        )
        name = f"ne-{role.value}-{la_code or 'x'}-{made['n']}"
        return User.objects.create_user(
            username=name,
            email=f"{name}@example.org",
            password="a-long-test-password",
            organisation=org,
            roles=[role.value],
        )

    return make


@pytest.fixture
def other_dbg(other_person) -> User:
    return other_person(Role.DBG_MEMBER)


@pytest.fixture
def other_programme(organisations) -> User:
    """Staff of the programme serving the North East: another group's programme, the outsider
    to the South East's governance, people, weekly updates and steering group."""
    org, _ = Organisation.objects.get_or_create(
        name="North East programme",
        defaults={"kind": OrganisationKind.PROGRAMME, "group_key": OTHER},
    )
    return User.objects.create_user(
        username="ne-programme",
        email="ne-programme@example.org",
        password="a-long-test-password",
        organisation=org,
        roles=[Role.PROGRAMME_STAFF.value],
        position=Position.PROGRAMME_STAFF.value,
    )


def other_round(dbg: User, period: str, release: bool) -> CollectionRound:
    """A North East round with every member's return, signed off, released if asked."""
    from tests.web.conftest import explain_all, return_bytes

    round_ = services.open_round(dbg, OTHER, period, date.today() - timedelta(days=1))
    for code in OTHER_MEMBERS:
        services.submit(round_, code, dbg, f"{code}.csv", return_bytes(code, period))
    explain_all(round_, dbg)
    services.sign_off(round_, dbg)
    if release:
        services.release(round_, dbg, {})
    return CollectionRound.objects.get(pk=round_.pk)
