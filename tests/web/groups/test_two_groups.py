"""Two benchmarking groups on one service: each person against each group's rounds, released and
not. Nobody sees another group's unreleased figures; a DBG manages only its own group's rounds;
the DfE sees every group's released quarters and nothing else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound, ReturnVersion
from tests.web.conftest import GROUP, return_bytes, signed_in
from tests.web.second_group import OTHER, other_round

pytestmark = pytest.mark.django_db

SE_LA, NE_LA = "845", "394"  # East Sussex; Sunderland


@pytest.fixture
def world(make_user, released_round, other_person, other_dbg):
    se_dbg = User.objects.get(pk=released_round.opened_by_id)
    ne_programme_org, _ = Organisation.objects.get_or_create(
        name="North East programme",
        defaults={"kind": OrganisationKind.PROGRAMME, "group_key": OTHER},
    )
    ne_programme = User.objects.create_user(
        username="ne-programme",
        email="ne-programme@example.org",
        password="a-long-test-password",
        organisation=ne_programme_org,
        roles=[Role.PROGRAMME_STAFF.value],
    )
    people = {
        "se_dbg": se_dbg,
        "se_keystaff": make_user(Role.LA_KEY_STAFF, SE_LA),
        "se_analyst": make_user(Role.LA_ANALYST, SE_LA),
        "se_programme": make_user(Role.PROGRAMME_STAFF),
        "ne_dbg": other_dbg,
        "ne_keystaff": other_person(Role.LA_KEY_STAFF, NE_LA),
        "ne_analyst": other_person(Role.LA_ANALYST, NE_LA),
        "ne_programme": ne_programme,
        "dfe": make_user(Role.DFE_VIEWER),
    }
    se_open = services.open_round(se_dbg, GROUP, "2025-26 Q1", date.today() + timedelta(days=9))
    services.submit(se_open, SE_LA, se_dbg, "845.csv", return_bytes(SE_LA, se_open.period))
    ne_released = other_round(other_dbg, released_round.period, release=True)
    ne_open = services.open_round(other_dbg, OTHER, "2025-26 Q1", date.today() + timedelta(days=9))
    services.submit(ne_open, NE_LA, other_dbg, "394.csv", return_bytes(NE_LA, ne_open.period))
    rounds = {
        "se_released": released_round,
        "se_open": se_open,
        "ne_released": ne_released,
        "ne_open": ne_open,
    }
    return people, rounds


def seen(client, url: str) -> bool:
    status = client.get(url).status_code
    assert status in (200, 403, 404), f"{url}: {status}"
    return status == 200


# Who sees each group's overview: the group's own DBG always; after release its LAs' key staff,
# its programme staff and the DfE.
OVERVIEW = {
    "se_released": {"se_dbg", "se_keystaff", "se_programme", "dfe"},
    "se_open": {"se_dbg"},
    "ne_released": {"ne_dbg", "ne_keystaff", "ne_programme", "dfe"},
    "ne_open": {"ne_dbg"},
}


def test_each_groups_overview_only_to_its_own_people_and_the_dfe_after_release(world):
    people, rounds = world
    for name, person in people.items():
        client = signed_in(person)
        for key, round_ in rounds.items():
            url = reverse("reports:overview", kwargs={"round_id": round_.pk})
            assert seen(client, url) == (name in OVERVIEW[key]), (name, key)


def test_rugs_follow_the_same_rule_and_analysts_see_only_their_own(world):
    people, rounds = world
    rugs = {"se_released": SE_LA, "se_open": SE_LA, "ne_released": NE_LA, "ne_open": NE_LA}
    allowed = {key: set(names) for key, names in OVERVIEW.items()}
    allowed["se_released"].add("se_analyst")
    allowed["ne_released"].add("ne_analyst")
    for name, person in people.items():
        client = signed_in(person)
        for key, round_ in rounds.items():
            url = reverse("reports:rug", kwargs={"round_id": round_.pk, "la_code": rugs[key]})
            assert seen(client, url) == (name in allowed[key]), (name, key)


def test_a_dbg_manages_only_its_own_groups_rounds(world):
    people, rounds = world
    for dbg, own in (("se_dbg", "se"), ("ne_dbg", "ne")):
        client = signed_in(people[dbg])
        for key, round_ in rounds.items():
            mine = key.startswith(own)
            assert seen(client, reverse("collection:round", kwargs={"round_id": round_.pk})) == mine
            la = SE_LA if key.startswith("se") else NE_LA
            detail = reverse("collection:return", kwargs={"round_id": round_.pk, "la_code": la})
            assert seen(client, detail) == mine, (dbg, key)
    # The other group's DBG cannot sign off, release or query the North East's open round.
    ne_open = rounds["ne_open"]
    client = signed_in(people["se_dbg"])
    for name in ("collection:sign-off", "collection:release"):
        response = client.post(reverse(name, kwargs={"round_id": ne_open.pk}))
        assert response.status_code in (403, 404)
    response = client.post(
        reverse("collection:query-new", kwargs={"round_id": ne_open.pk, "la_code": NE_LA}),
        {"subject": "Why?", "text": "Why?"},
    )
    assert response.status_code in (403, 404)
    ne_open.refresh_from_db()
    assert not ne_open.is_released
    assert not ne_open.sign_offs.exists()
    assert not ne_open.queries.exists()


def test_round_lists_hold_only_each_persons_own_groups_rounds(world):
    people, rounds = world
    for name, person in people.items():
        if name in ("dfe", "se_programme", "ne_programme"):
            continue
        page = signed_in(person).get(reverse("collection:rounds")).content.decode()
        for key, round_ in rounds.items():
            link = reverse("collection:round", kwargs={"round_id": round_.pk})
            shown = f'href="{link}"' in page or f"/rounds/{round_.pk}/" in page
            if not key.startswith(name[:2]):
                assert not shown, (name, key)


def test_an_analyst_cannot_submit_to_another_groups_round(world):
    people, rounds = world
    client = signed_in(people["se_analyst"])
    ne_open = rounds["ne_open"]
    before = ReturnVersion.objects.filter(round=ne_open).count()
    assert not seen(client, reverse("collection:template", kwargs={"round_id": ne_open.pk}))
    response = client.post(reverse("collection:submit", kwargs={"round_id": ne_open.pk}))
    assert response.status_code in (403, 404)
    assert ReturnVersion.objects.filter(round=ne_open).count() == before
    assert CollectionRound.objects.filter(group_key=OTHER).count() == 2


def test_the_dfes_national_view_lists_every_groups_released_quarters_only(world):
    people, rounds = world
    url = reverse("reports:national")
    page = signed_in(people["dfe"]).get(url).content.decode()
    for key, round_ in rounds.items():
        link = reverse("reports:overview", kwargs={"round_id": round_.pk})
        assert (link in page) == key.endswith("released"), key
    assert "South East Data Benchmarking Group" in page
    assert "North East Data Benchmarking Group" in page
    assert "31 authorities released by 2 groups" in page
    for name, person in people.items():
        if name != "dfe":
            assert signed_in(person).get(url).status_code == 403, name
    home = signed_in(people["dfe"]).get(reverse("home")).content.decode()
    assert url in home
