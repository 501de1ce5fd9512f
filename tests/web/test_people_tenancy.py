"""Groups are tenants for people too: a group's programme staff list, invite, deactivate and
invite again only their own group's people (its programme, its DBG's processor, its member
LAs); another group's, the DfE's and partners' accounts are an administrator's to manage.
Each denial is paired with the same request allowed to the person who may make it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import Role
from tests.web.conftest import signed_in
from tests.web.second_group import OTHER_MEMBERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, other_person, other_programme):
    return {
        "se_programme": make_user(Role.PROGRAMME_STAFF),
        "se_analyst": make_user(Role.LA_ANALYST, "846"),
        "other_programme": other_programme,
        "ne_analyst": other_person(Role.LA_ANALYST, OTHER_MEMBERS[0]),
        "dfe": make_user(Role.DFE_VIEWER),
        "admin": make_user(Role.ADMINISTRATOR),
    }


def _listed(client: Client) -> set[str]:
    page = client.get("/accounts/people/")
    assert page.status_code == 200
    return set(re.findall(r"[\w.-]+@example\.org", page.content.decode()))


def _once(client: Client, path: str) -> str:
    return re.search(r'name="_once" value="([^"]+)"', client.get(path).content.decode()).group(1)


def test_the_list_holds_only_the_groups_own_people(people):
    se = _listed(signed_in(people["se_programme"]))
    assert people["se_analyst"].email in se
    assert people["ne_analyst"].email not in se
    assert people["other_programme"].email not in se
    assert people["dfe"].email not in se  # national: the administrator's
    ne = _listed(signed_in(people["other_programme"]))
    assert people["ne_analyst"].email in ne
    assert people["se_analyst"].email not in ne
    everyone = _listed(signed_in(people["admin"]))
    assert {people["se_analyst"].email, people["ne_analyst"].email, people["dfe"].email} <= everyone


def test_another_groups_person_cannot_be_deactivated_or_invited_again(people):
    target = people["se_analyst"]
    outsider = signed_in(people["other_programme"])
    for path in (
        f"/accounts/people/{target.pk}/active/",
        f"/accounts/people/{target.pk}/reinvite/",
    ):
        assert outsider.get(path).status_code == 404
        assert outsider.post(path, {"active": "no"}).status_code == 404
    target.refresh_from_db()
    assert target.is_active
    own = signed_in(people["se_programme"])
    path = f"/accounts/people/{target.pk}/active/"
    response = own.post(path, {"_once": _once(own, path), "active": "no"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active


def test_only_the_groups_own_organisations_are_offered_and_accepted_for_an_invitation(people):
    outsider = signed_in(people["other_programme"])
    form = outsider.get("/accounts/people/invite/").content.decode()
    east_sussex = Organisation.objects.get(la_code="845")
    ne_la = Organisation.objects.get(la_code=OTHER_MEMBERS[0])
    assert f'value="{ne_la.pk}"' in form
    assert f'value="{east_sussex.pk}"' not in form
    response = outsider.post(
        "/accounts/people/invite/",
        {
            "_once": _once(outsider, "/accounts/people/invite/"),
            "email": "smuggled@example.org",
            "first_name": "Not",
            "last_name": "Allowed",
            "organisation": east_sussex.pk,
            "role": Role.LA_ANALYST.value,
            "position": "",
        },
    )
    assert response.status_code == 200  # the form again, with its problem
    assert not User.objects.filter(email="smuggled@example.org").exists()
    dfe = Organisation.objects.get(people=people["dfe"])
    assert f'value="{dfe.pk}"' not in form
    assert (
        f'value="{dfe.pk}"'
        in signed_in(people["admin"]).get("/accounts/people/invite/").content.decode()
    )


def test_programme_staff_serving_no_group_manage_nobody(people):
    staff = people["se_programme"]
    staff.organisation.group_key = ""
    staff.organisation.save()
    assert _listed(signed_in(User.objects.get(pk=staff.pk))) == set()
