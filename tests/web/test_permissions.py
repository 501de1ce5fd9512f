"""Every role against every view of collection, reports and audit, denied cases included.

A denied object (another LA's return, an unreleased quarter) is a 404 so that nothing leaks;
a denied page without an object is a 403; someone not signed in is sent to sign in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.collection import services
from tartan.web.collection.models import ReturnVersion
from tests.web.conftest import GROUP, return_bytes, signed_in

pytestmark = pytest.mark.django_db

PEOPLE = {
    "analyst_845": (Role.LA_ANALYST, "845"),
    "analyst_846": (Role.LA_ANALYST, "846"),
    "analyst_301": (Role.LA_ANALYST, "301"),  # an LA outside the group
    "keystaff_845": (Role.LA_KEY_STAFF, "845"),
    "keystaff_846": (Role.LA_KEY_STAFF, "846"),
    "dbg": (Role.DBG_MEMBER, None),
    "programme": (Role.PROGRAMME_STAFF, None),
    "dfe": (Role.DFE_VIEWER, None),
    "partner": (Role.PARTNER_VIEWER, None),
    "admin": (Role.ADMINISTRATOR, None),
}


@dataclass
class World:
    released: object
    unreleased: object
    version_845: ReturnVersion
    query_845: object
    clients: dict
    users: dict


@pytest.fixture
def world(make_user, released_round) -> World:
    users = {name: make_user(role, la) for name, (role, la) in PEOPLE.items()}
    dbg = users["dbg"]
    unreleased = services.open_round(dbg, GROUP, "2025-26 Q1", date.today() + timedelta(days=10))
    for code in ("845", "846"):
        services.submit(unreleased, code, dbg, f"{code}.csv", return_bytes(code, unreleased.period))
    query = services.raise_query(unreleased, "845", dbg, "Referrals", "Why?")
    return World(
        released=released_round,
        unreleased=unreleased,
        version_845=ReturnVersion.objects.get(round=unreleased, la_code="845"),
        query_845=query,
        clients={name: signed_in(user) for name, user in users.items()},
        users=users,
    )


def _status(world: World, who: str, method: str, url: str, data: dict | None = None) -> int:
    client = world.clients[who]
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


def _check(
    world: World,
    method: str,
    url: str,
    allowed: set[str],
    ok: int = 200,
    denied: int = 404,
    data: dict | None = None,
):
    wrong = {}
    for who in PEOPLE:
        status = _status(world, who, method, url, data)
        expected = ok if who in allowed else denied
        if status != expected:
            wrong[who] = (status, expected)
    assert wrong == {}, url


def test_home_is_for_everyone_signed_in(world):
    _check(world, "get", "/", set(PEOPLE))


def test_round_list(world):
    _check(
        world,
        "get",
        "/rounds/",
        {"analyst_845", "analyst_846", "analyst_301", "keystaff_845", "keystaff_846", "dbg"},
        denied=403,
    )


def test_open_a_round_is_for_the_dbg(world):
    _check(world, "get", "/rounds/new/", {"dbg"}, denied=403)


def test_round_dashboard_is_for_the_dbg(world):
    _check(world, "get", f"/rounds/{world.unreleased.pk}/", {"dbg"})


def test_template_and_upload_are_for_analysts_of_member_las(world):
    analysts = {"analyst_845", "analyst_846"}
    _check(world, "get", f"/rounds/{world.unreleased.pk}/template/", analysts)
    _check(world, "get", f"/rounds/{world.unreleased.pk}/submit/", analysts)


def test_a_return_is_seen_by_its_la_and_the_dbg_only(world):
    _check(
        world,
        "get",
        f"/rounds/{world.unreleased.pk}/la/845/",
        {"analyst_845", "keystaff_845", "dbg"},
    )


def test_explaining_queries_is_for_the_las_analyst(world):
    _check(
        world,
        "post",
        f"/rounds/{world.unreleased.pk}/la/845/explain/",
        {"analyst_845"},
        ok=200,  # the page again, saying which query to choose (finding 0 is none)
        data={"finding": "0", "text": "x"},
    )


def test_context_notes_are_for_the_las_people(world):
    url = f"/rounds/{world.unreleased.pk}/la/845/notes/"
    _check(
        world,
        "post",
        url,
        {"analyst_845", "keystaff_845"},
        ok=302,
        data={"indicator": "cla", "text": "x"},
    )


def test_raising_a_query_is_for_the_dbg(world):
    _check(world, "get", f"/rounds/{world.unreleased.pk}/la/845/queries/new/", {"dbg"})


def test_a_query_thread_is_for_the_dbg_and_its_la(world):
    _check(
        world,
        "get",
        f"/rounds/queries/{world.query_845.pk}/",
        {"dbg", "analyst_845", "keystaff_845"},
    )


def test_original_upload_download(world):
    _check(
        world,
        "get",
        f"/rounds/versions/{world.version_845.pk}/download/",
        {"dbg", "analyst_845", "keystaff_845"},
    )


def test_sign_off_and_release_are_for_the_dbg(world):
    _check(world, "get", f"/rounds/{world.unreleased.pk}/release/", {"dbg"})
    _check(world, "post", f"/rounds/{world.unreleased.pk}/sign-off/", {"dbg"}, ok=302)


def test_released_rug(world):
    readers = {"dbg", "keystaff_845", "keystaff_846", "analyst_845", "dfe", "programme"}
    _check(world, "get", f"/reports/rounds/{world.released.pk}/rugs/845/", readers)
    _check(world, "get", f"/reports/rounds/{world.released.pk}/rugs/845.xlsx", readers)


def test_released_rug_pdf(world):
    readers = {"dbg", "keystaff_845", "keystaff_846", "analyst_846", "dfe", "programme"}
    _check(world, "get", f"/reports/rounds/{world.released.pk}/rugs/846.pdf", readers)


def test_unreleased_quarter_is_the_dbgs_only(world):
    _check(world, "get", f"/reports/rounds/{world.unreleased.pk}/rugs/845/", {"dbg"})
    _check(world, "get", f"/reports/rounds/{world.unreleased.pk}/overview/", {"dbg"})


def test_released_overview(world):
    readers = {"dbg", "keystaff_845", "keystaff_846", "dfe", "programme"}
    _check(world, "get", f"/reports/rounds/{world.released.pk}/overview/", readers)
    _check(world, "get", f"/reports/rounds/{world.released.pk}/overview.pdf", readers)


def test_an_la_outside_the_group_has_no_rug_here(world):
    _check(world, "get", f"/reports/rounds/{world.released.pk}/rugs/301/", set())


def test_trends_are_the_las_own(world):
    _check(world, "get", "/reports/trends/845/", {"analyst_845", "keystaff_845", "dbg"})


def test_audit_views(world):
    _check(world, "get", "/audit/", {"dbg", "admin"}, denied=403)
    _check(
        world,
        "get",
        "/audit/our-figures/",
        {"analyst_845", "analyst_846", "analyst_301", "keystaff_845", "keystaff_846"},
        denied=403,
    )


def test_admin_is_for_administrators(world):
    wrong = {
        who: _status(world, who, "get", "/admin/")
        for who in PEOPLE
        if (_status(world, who, "get", "/admin/") == 200) != (who == "admin")
    }
    assert wrong == {}


def _approved_share(world: World, make_user, requester: str, report: str, la_code: str):
    from tartan.web.sharing import services as sharing

    share = sharing.request_share(
        world.users[requester],
        world.released,
        "identified",
        report,
        la_code,
        "Police",
        "Joint review",
        date.today() + timedelta(days=30),
    )
    for code in sharing.asked(share):
        sharing.answer(share, code, make_user(Role.LA_KEY_STAFF, code), True, "agreed")
    assert sharing.status(share).state == "approved"
    return share


def test_a_shared_identified_report_goes_to_its_requester_only(world, make_user):
    share = _approved_share(world, make_user, "keystaff_845", "rug", "845")
    # The request page: the requester, the DBG, and key staff of the LAs asked; not the
    # requester's analyst colleague, whose organisation is the same but whose role is not.
    _check(world, "get", f"/sharing/requests/{share.pk}/", {"keystaff_845", "keystaff_846", "dbg"})
    for file_format in ("xlsx", "pdf"):
        _check(world, "get", f"/sharing/requests/{share.pk}/shared.{file_format}", {"keystaff_845"})


def test_a_shared_overview_goes_to_the_dfe_person_who_asked_only(world, make_user):
    share = _approved_share(world, make_user, "dfe", "overview", "")
    _check(world, "get", f"/sharing/requests/{share.pk}/shared.pdf", {"dfe"})


def test_only_an_administrator_can_change_a_persons_roles(world):
    admin = world.users["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    partner = world.users["partner"]
    for who in PEOPLE:
        world.clients[who].post(
            f"/admin/accounts/user/{partner.pk}/change/",
            {"username": partner.username, "roles": ["dbg_member"]},
        )
    partner.refresh_from_db()
    assert partner.roles == ["partner_viewer"]
    _check(world, "get", f"/admin/accounts/user/{partner.pk}/change/", {"admin"}, denied=302)


def test_unknown_objects_are_404_for_everyone(world):
    _check(world, "get", "/rounds/99999/la/845/", set())
    _check(world, "get", f"/rounds/{world.released.pk}/la/999/", set())
    _check(world, "get", "/rounds/versions/99999/download/", set())


def test_not_signed_in_goes_to_sign_in(world, client):
    for url in ("/", "/rounds/", f"/reports/rounds/{world.released.pk}/rugs/845/", "/audit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


def test_second_factor_is_required_before_any_figure(make_user, released_round):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    client = signed_in(keystaff, verified=False)
    response = client.get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/"
    analyst = make_user(Role.LA_ANALYST, "845")
    assert (
        signed_in(analyst, verified=False)
        .get(f"/reports/rounds/{released_round.pk}/rugs/845/")
        .status_code
        == 200
    )


# Issue 17 points 4-6: the protocol, people's rights and FOI. The protocol's version is
# acknowledged by everyone here, so that the acknowledgement middleware lets each page answer
# for itself (tests/web/protocol/ tests the middleware).


@pytest.fixture
def rights_world(world):
    from tartan.web.foi import services as foi
    from tartan.web.governance.models import Participant
    from tartan.web.protocol import services as protocol

    dbg = world.users["dbg"]
    version = protocol.publish(None, dbg, "1.0", date.today(), "Read it.", b"%PDF-1", "p.pdf")
    for user in world.users.values():
        protocol.acknowledge(None, user, version)
    issue = protocol.raise_issue(
        None, dbg, GROUP, "Late marking", "A rug went out unmarked", date.today()
    )
    entry = Participant.objects.create(
        name="Pat Person", organisation="East Sussex", role="DCS", email="pat@example.org"
    )
    request = foi.record_request(
        None, world.users["keystaff_845"], GROUP, "FOI-1", date.today(), "Every rug of 2024"
    )
    return world, version, issue, entry, request


def test_protocol_pages(rights_world):
    world, version, issue, _, _ = rights_world
    everyone = set(PEOPLE)
    _check(world, "get", "/protocol/acknowledge/", everyone)
    _check(world, "get", f"/protocol/document/{version.pk}/", everyone)
    for url in (
        "/protocol/versions/",
        "/protocol/acknowledgements/",
        "/protocol/issues/",
        f"/protocol/issues/{issue.pk}/close/",
        "/protocol/report/",
        "/protocol/report.csv",
    ):
        _check(world, "get", url, {"dbg"}, denied=403)


def test_rights_pages(rights_world):
    world, _, _, entry, _ = rights_world
    everyone = set(PEOPLE)
    _check(world, "get", "/your-data/", everyone)
    _check(world, "get", "/your-data/my-data.zip", everyone)
    _check(world, "get", "/your-data/people/", {"admin"}, denied=403)
    someone = world.users["analyst_846"]
    _check(world, "get", f"/your-data/people/{someone.pk}/export.zip", {"admin"})
    _check(world, "get", f"/your-data/directory/{entry.pk}/export.zip", {"admin"})
    _check(world, "get", f"/your-data/directory/{entry.pk}/erase/", {"admin"})
    # An LA's portability export: its own key staff only (not its analyst, nor the DBG).
    _check(world, "get", "/your-data/la/845/export.zip", {"keystaff_845"})
    _check(world, "get", "/your-data/la/846/export.zip", {"keystaff_846"})


def test_foi_pages(rights_world):
    world, _, _, _, request = rights_world
    _check(world, "get", "/foi/", {"keystaff_845", "keystaff_846", "dbg"}, denied=403)
    _check(world, "get", "/foi/new/", {"keystaff_845", "keystaff_846"}, denied=403)
    # The receiving LA, a consulted LA and the group's DBG; nobody else learns it exists.
    _check(world, "get", f"/foi/{request.pk}/", {"keystaff_845", "keystaff_846", "dbg"})
    _check(
        world,
        "post",
        f"/foi/{request.pk}/answer/",
        {"keystaff_846"},
        ok=302,
        data={"answer": "agree"},
    )
    _check(
        world,
        "post",
        f"/foi/{request.pk}/decide/",
        {"keystaff_845"},
        ok=302,
        data={"outcome": "withheld"},
    )


def test_another_groups_dbg_sees_none_of_this_groups_foi_or_protocol_log(
    rights_world, other_dbg, other_person
):
    from tartan.web.protocol import services as protocol
    from tests.web.second_group import OTHER_MEMBERS

    _world, _version, issue, _, request = rights_world
    their_version = protocol.publish(None, other_dbg, "1.0", date.today(), "Theirs.")
    theirs = (other_dbg, other_person(Role.LA_KEY_STAFF, OTHER_MEMBERS[0]))
    for person in theirs:
        protocol.acknowledge(None, person, their_version)
    for person in theirs:
        client = signed_in(person)
        assert client.get(f"/foi/{request.pk}/").status_code == 404, person.username
        assert "FOI-1" not in client.get("/foi/").content.decode()
        answer = client.post(f"/foi/{request.pk}/answer/", {"answer": "agree"})
        assert answer.status_code == 404, person.username
    dbg_client = signed_in(other_dbg)
    assert dbg_client.get(f"/protocol/issues/{issue.pk}/close/").status_code == 404
    assert "Late marking" not in dbg_client.get("/protocol/issues/").content.decode()
    listed = dbg_client.get("/protocol/acknowledgements/").content.decode()
    # The North East's two people only: none of the South East's ten, nor their LAs.
    assert "Acknowledged (2)" in listed
    assert "East Sussex" not in listed


def test_protocol_rights_and_foi_need_signing_in(rights_world, client):
    _world, version, _, entry, request = rights_world
    for url in (
        "/protocol/acknowledge/",
        f"/protocol/document/{version.pk}/",
        "/protocol/acknowledgements/",
        "/your-data/my-data.zip",
        f"/your-data/directory/{entry.pk}/erase/",
        "/your-data/la/845/export.zip",
        "/foi/",
        f"/foi/{request.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/sign-in/"), url


def test_every_protocol_rights_and_foi_route_is_in_the_matrix():
    """The three tests above cover each of these routes; a new one must join them."""
    from django.urls import URLPattern, get_resolver

    covered = {
        "protocol": {
            "acknowledge",
            "document",
            "versions",
            "acknowledgements",
            "issues",
            "close-issue",
            "report",
            "report-csv",
        },
        "rights": {"own", "own-export", "people", "account-export", "entry-export", "erase"}
        | {"la-export"},
        "foi": {"list", "new", "detail", "answer", "decide"},
    }
    found: dict[str, set[str]] = {}
    for include in get_resolver().url_patterns:
        namespace = getattr(include, "namespace", None)
        if namespace in covered:
            found[namespace] = {
                p.name for p in include.url_patterns if isinstance(p, URLPattern) and p.name
            }
    assert found == covered
