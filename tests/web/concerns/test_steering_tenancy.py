"""Each group is a tenant with its own programme and so its own steering group: another group's
programme staff neither see nor change the South East's, choose members only from their own
group's people, and a worry about a South East authority is escalated only to the South East's
steering group. Each denial is paired with the South East's programme allowed."""

from __future__ import annotations

import re

import pytest

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import Position, Role
from tartan.web.concerns import people
from tartan.web.concerns.models import SteeringGroupMembership
from tests.web.concerns.conftest import Cast
from tests.web.concerns.test_services import not_dispelled
from tests.web.conftest import signed_in
from tests.web.second_group import OTHER, OTHER_MEMBERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def ne_dcs(other_group) -> User:
    return User.objects.create_user(
        username="ne-dcs",
        email="ne-dcs@example.org",
        password="a-long-test-password",
        organisation=Organisation.objects.get(la_code=OTHER_MEMBERS[0]),
        roles=[Role.LA_KEY_STAFF.value],
        position=Position.DCS.value,
    )


def _once(client, path: str) -> str:
    return re.search(r'name="_once" value="([^"]+)"', client.get(path).content.decode()).group(1)


def test_a_groups_steering_group_is_its_own_programmes(cast: Cast, other_programme, ne_dcs):
    surrey = SteeringGroupMembership.objects.get(person=cast.dcs_surrey)
    assert surrey.group_key == "south-east"
    se, ne = signed_in(cast.programme), signed_in(other_programme)
    end = f"/concerns/steering-group/{surrey.pk}/end/"
    assert end in se.get("/concerns/steering-group/").content.decode()
    assert end not in ne.get("/concerns/steering-group/").content.decode()
    north_east = [p.pk for p in people.steering_candidates(OTHER)]
    assert ne_dcs.pk in north_east
    assert cast.dcs_hampshire.pk not in north_east  # a South East DCS: not the North East's
    south_east = [p.pk for p in people.steering_candidates("south-east")]
    assert cast.dcs_hampshire.pk in south_east
    assert ne_dcs.pk not in south_east
    assert ne.post(end).status_code == 404
    surrey.refresh_from_db()
    assert surrey.left_on is None
    assert se.post(end, {"_once": _once(se, "/concerns/steering-group/")}).status_code == 302
    surrey.refresh_from_db()
    assert surrey.left_on is not None


def test_a_worry_is_escalated_only_to_its_authoritys_groups_steering_group(
    cast: Cast, other_programme, ne_dcs
):
    SteeringGroupMembership.objects.create(group_key=OTHER, person=ne_dcs, added_by=other_programme)
    worry = not_dispelled(cast, set())  # about Kent, a South East member
    assert people.eligible_members(worry) == [cast.dcs_surrey]
