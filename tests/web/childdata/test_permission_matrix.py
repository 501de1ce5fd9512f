"""Every role against every page of child-level data requests, denied cases included.

A request a person has no part in is a 404 whatever its id (another LA's, or none at all); a
page without an object that a role may not use is a 403; someone not signed in is sent to sign
in. The data itself goes to its named recipient only: not to the DBG, the asker or the LA.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tartan.web.childdata import transfers, urls
from tartan.web.childdata.models import ChildDataRequest, Dpia
from tests.web.childdata.conftest import PEOPLE, pseudonymise, zipped
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

EVERYONE = set(PEOPLE)
DBG = {"dbg", "recipient"}  # both DBG members: the DBG oversees every request
EAST_SUSSEX = {"analyst_845", "keystaff_845"}
BRIGHTON = {"analyst_846", "keystaff_846"}
PARTIES_845 = DBG | EAST_SUSSEX  # a request by the DBG for East Sussex's data


@dataclass
class World:
    draft: ChildDataRequest
    to_submit: ChildDataRequest
    submitted: ChildDataRequest
    received: ChildDataRequest
    of_brighton: ChildDataRequest  # the DBG asks for Brighton and Hove's data
    by_brighton: ChildDataRequest  # Brighton and Hove asks for East Sussex's data
    dpia: Dpia
    clients: dict


@pytest.fixture
def world(people, steps, source_files, tmp_path) -> World:
    received = steps.approved()
    folder = pseudonymise(source_files, tmp_path / "extract", received)
    transfers.receive_extract(received, people["analyst_845"], "x.zip", zipped(folder), steps.today)
    of_brighton = steps.submitted(la_code="846")
    by_brighton = steps.submitted(requester="keystaff_846", recipient="keystaff_846")
    return World(
        draft=steps.draft(),
        to_submit=steps.draft(),
        submitted=steps.submitted(),
        received=ChildDataRequest.objects.get(pk=received.pk),
        of_brighton=of_brighton,
        by_brighton=by_brighton,
        dpia=received.dpias.get(),
        clients={name: signed_in(user) for name, user in people.items()},
    )


def _check(world, url, allowed, ok=200, denied=404, method="get", data=None):
    wrong = {}
    for who in PEOPLE:
        client = world.clients[who]
        response = client.post(url, data or {}) if method == "post" else client.get(url)
        expected = ok if who in allowed else denied
        if response.status_code != expected:
            wrong[who] = (response.status_code, expected)
    assert wrong == {}, url


CHECKED = set()


def checks(name):
    CHECKED.add(name)
    return lambda test: test


@checks("list")
def test_the_list_is_for_everyone_who_asks_holds_or_receives(world):
    _check(world, "/child-data/", EVERYONE - {"dfe", "partner", "admin"}, denied=403)


@checks("new")
def test_asking_is_for_the_dbg_programme_staff_and_the_groups_las(world):
    _check(world, "/child-data/new/", DBG | {"programme"} | EAST_SUSSEX | BRIGHTON, denied=403)


@checks("retention")
def test_the_retention_page_and_its_button_are_the_dbgs(world):
    _check(world, "/child-data/retention/", DBG, denied=403)
    _check(world, "/child-data/retention/", DBG, ok=302, denied=403, method="post")


@checks("erasures")
def test_an_las_erasure_register_is_its_own(world):
    _check(world, "/child-data/erasures/", EAST_SUSSEX | BRIGHTON | {"analyst_301"}, denied=403)


@checks("request")
def test_a_request_is_seen_by_its_parties_and_the_dbg_only(world):
    _check(world, f"/child-data/{world.received.pk}/", PARTIES_845)
    _check(world, f"/child-data/{world.of_brighton.pk}/", DBG | BRIGHTON)
    _check(world, f"/child-data/{world.by_brighton.pk}/", DBG | BRIGHTON | EAST_SUSSEX)
    _check(world, "/child-data/999999/", set())


@checks("edit")
def test_a_draft_is_changed_by_the_asking_side(world):
    _check(world, f"/child-data/{world.draft.pk}/edit/", DBG)
    _check(world, f"/child-data/{world.by_brighton.pk}/edit/", BRIGHTON)


@checks("fields")
def test_fields_are_chosen_by_the_asking_side(world):
    _check(world, f"/child-data/{world.draft.pk}/fields/", DBG)
    _check(world, f"/child-data/{world.by_brighton.pk}/fields/", BRIGHTON)


@checks("submit")
def test_a_draft_is_submitted_by_the_asking_side(world):
    _check(world, f"/child-data/{world.to_submit.pk}/submit/", DBG, ok=302, method="post")


@checks("dpia")
def test_a_dpia_is_attached_by_the_asking_side_or_the_la_holding_the_data(world):
    _check(world, f"/child-data/{world.submitted.pk}/dpia/", PARTIES_845)
    _check(world, f"/child-data/{world.of_brighton.pk}/dpia/", DBG | BRIGHTON)
    _check(world, f"/child-data/{world.by_brighton.pk}/dpia/", BRIGHTON | EAST_SUSSEX)


@checks("dpia-download")
def test_a_dpia_is_downloaded_by_whoever_sees_the_request(world):
    _check(world, f"/child-data/dpias/{world.dpia.pk}/download/", PARTIES_845)
    _check(world, "/child-data/dpias/999999/download/", set())


@checks("decide")
def test_only_key_staff_of_the_la_holding_the_data_decide(world):
    _check(world, f"/child-data/{world.submitted.pk}/decide/", {"keystaff_845"})
    _check(world, f"/child-data/{world.of_brighton.pk}/decide/", {"keystaff_846"})
    _check(world, f"/child-data/{world.by_brighton.pk}/decide/", {"keystaff_845"})


@checks("upload")
def test_the_la_holding_the_data_uploads_it(world):
    _check(world, f"/child-data/{world.received.pk}/extract/", EAST_SUSSEX)


@checks("download")
def test_only_the_named_recipient_downloads_the_data(world):
    _check(world, f"/child-data/{world.received.pk}/extract/download/", {"recipient"})
    # Nothing to download yet under a request still waiting: a 404 for everyone.
    _check(world, f"/child-data/{world.submitted.pk}/extract/download/", set())


def test_every_page_of_the_area_is_in_the_matrix():
    assert {p.name for p in urls.urlpatterns} == CHECKED


def test_someone_not_signed_in_is_sent_to_sign_in(world, client):
    for name in sorted(CHECKED):
        pattern = next(p for p in urls.urlpatterns if p.name == name)
        route = str(pattern.pattern).replace("<int:request_id>", str(world.draft.pk))
        route = route.replace("<int:dpia_id>", str(world.dpia.pk))
        response = client.get(f"/child-data/{route}")
        assert response.status_code == 302, route
        assert response["Location"].startswith("/accounts/sign-in/"), route


def test_two_factor_roles_must_pass_the_second_factor(world, people):
    half = signed_in(people["recipient"], verified=False)
    response = half.get(f"/child-data/{world.received.pk}/extract/download/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/"
