"""Each benchmarking group has its own public face and complaints register: its pages name its
own seats, plans and contacts; a complaint made on its page is its own, acknowledged in its
office holder's name; and only its own programme manager and chair see it. ``world``
(conftest) is the South East's, the default group; the North East is the second group
(tests/web/second_group.py). Each denial is paired with the group's own people allowed."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse

import tartan.web
from tartan.benchmark.table import published_benchmark
from tartan.reference.register import shipped_register
from tartan.rug.formats import format_value
from tartan.web.accounts.roles import Role
from tartan.web.governance import models as gm
from tartan.web.governance.policies import complaint_offices
from tartan.web.governance.services.public import published_years
from tartan.web.groups.models import BenchmarkingGroup, Membership
from tartan.web.mail.models import Message
from tartan.web.submissions.once import FIELD
from tests.web.conftest import SEEDED_FROM, signed_in
from tests.web.governance.conftest import TODAY
from tests.web.second_group import OTHER, OTHER_MEMBERS

pytestmark = pytest.mark.django_db

SOUTH_EAST = "south-east"
PUBLIC_PAGES = (
    "group-public",
    "group-public-plans",
    "group-public-steering-group",
    "group-public-figures",
    "group-directory",
    "group-complaint-new",
    "group-complaint-sent",
)
COMPLAINT = {
    "addressed_to": "chair",
    "name": "Robin Resident",
    "email": "robin@example.org",
    "organisation": "",
    "details": "The North East's plans page is out of date.",
}


def post(client, url, data):
    return client.post(url, {FIELD: secrets.token_hex(8), **data})


def page(name: str, group_key: str, **query: str) -> str:
    response = Client().get(reverse(f"governance:{name}", args=[group_key]), query)
    assert response.status_code == 200, name
    return response.content.decode()


@pytest.fixture
def north_east(world, other_programme, other_person):
    """The North East's steering group: Nell (its programme staff) manages the programme and
    Norah (key staff of one of its LAs) chairs it; one project of its own is shown publicly."""
    norah_user = other_person(Role.LA_KEY_STAFF, OTHER_MEMBERS[0])
    nell = gm.Participant.objects.create(
        name="Nell North",
        organisation="North East programme",
        role="Programme manager",
        email="nell@example.org",
        user=other_programme,
        group_key=OTHER,
    )
    norah = gm.Participant.objects.create(
        name="Norah Chair",
        organisation="County Durham",
        role="DCS",
        email="norah@example.org",
        user=norah_user,
        group_key=OTHER,
    )
    for person, office in ((nell, gm.Office.PROGRAMME_MANAGER), (norah, gm.Office.CHAIR)):
        gm.SteeringSeat.objects.create(
            participant=person, office=office, started_on=TODAY, recorded_by=other_programme
        )
    gm.Project.objects.create(
        name="Tyne workforce",
        group_key=OTHER,
        shown_publicly=True,
        public_summary="Recruiting social workers together.",
    )
    world.project.shown_publicly = True
    world.project.save()
    return {"manager": other_programme, "chair": norah_user}


def test_a_group_s_public_pages_show_its_own_seats_plans_contacts_and_name(world, north_east):
    index = page("group-public", OTHER)
    assert "North East Data Benchmarking Group" in index
    assert "Nell North" in index  # its programme manager, to ask about its plans
    assert "Pat Manager" not in index
    steering = page("group-public-steering-group", OTHER)
    assert "Norah Chair" in steering
    assert "Nell North" in steering
    assert world.entry845.name not in steering
    assert "Pat Manager" not in steering
    plans = page("group-public-plans", OTHER)
    assert "Tyne workforce" in plans
    assert "Peer review" not in plans
    contacts = page("group-directory", OTHER)
    assert "Nell North" in contacts
    assert world.entry845.name not in contacts
    # Its pages link to each other, never to the South East's.
    assert reverse("governance:group-complaint-new", args=[OTHER]) in index
    assert f"/public/{SOUTH_EAST}/" not in index
    # And the South East's own pages name none of the North East's people or plans.
    assert "Nell North" not in page("group-public-steering-group", SOUTH_EAST)
    assert "Tyne workforce" not in page("group-public-plans", SOUTH_EAST)
    assert "Nell North" not in page("group-directory", SOUTH_EAST)
    assert world.entry845.name in page("group-public-steering-group", SOUTH_EAST)


def test_no_public_template_or_service_names_the_south_east():
    web = Path(tartan.web.__file__).parent
    written = [
        *(web / "templates/governance/public").glob("*.html"),
        web / "templates/governance/directory_public.html",
        web / "governance/services/public.py",
        web / "governance/views/public.py",
    ]
    assert [str(p) for p in written if "South East" in p.read_text()] == []


def test_a_complaint_on_a_group_s_page_is_that_group_s_and_names_its_office_holder(
    world, north_east
):
    response = post(Client(), reverse("governance:group-complaint-new", args=[OTHER]), COMPLAINT)
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:group-complaint-sent", args=[OTHER])
    made = gm.Complaint.objects.get(email="robin@example.org")
    assert made.group_key == OTHER
    (mail,) = Message.objects.filter(to_address="robin@example.org")
    assert "Norah Chair, Chair of the steering group" in mail.text
    assert world.entry845.name not in mail.text  # the South East's chair
    assert "North East Data Benchmarking Group" in mail.text
    assert mail.link.endswith(reverse("governance:group-public", args=[OTHER]))
    assert "out of date" not in mail.text


def test_one_group_s_chair_cannot_list_or_open_another_group_s_complaints(world, north_east):
    post(Client(), reverse("governance:group-complaint-new", args=[OTHER]), COMPLAINT)
    theirs = gm.Complaint.objects.get(email="robin@example.org")
    to_their_manager = gm.Complaint.objects.create(
        group_key=OTHER,
        reference="C-NE0002",
        addressed_to=gm.Office.PROGRAMME_MANAGER,
        name="Sam",
        email="sam@example.org",
        details="No reply.",
    )
    se_chair = signed_in(world.users["key845"])
    ne_chair = signed_in(north_east["chair"])
    ne_manager = signed_in(north_east["manager"])

    def opens(client, complaint) -> int:
        return client.get(reverse("governance:complaint", args=[complaint.pk])).status_code

    def lists(client) -> str:
        response = client.get(reverse("governance:complaints"))
        assert response.status_code == 200
        return response.content.decode()

    # The South East's chair: its own complaints, none of the North East's.
    register = lists(se_chair)
    assert world.complaint.reference in register
    assert theirs.reference not in register
    assert to_their_manager.reference not in register
    assert opens(se_chair, theirs) == 404
    outcome = reverse("governance:complaint-outcome", args=[theirs.pk])
    assert post(se_chair, outcome, {"outcome": "x", "outcome_on": TODAY}).status_code == 404
    # The North East's chair: both of its group's, none of the South East's.
    register = lists(ne_chair)
    assert theirs.reference in register
    assert to_their_manager.reference in register
    assert world.complaint.reference not in register
    assert opens(ne_chair, theirs) == 200
    assert opens(ne_chair, world.complaint) == 404
    # The North East's programme manager: the one addressed to them, not the chair's.
    register = lists(ne_manager)
    assert to_their_manager.reference in register
    assert theirs.reference not in register
    assert opens(ne_manager, to_their_manager) == 200
    assert opens(ne_manager, theirs) == 404
    assert post(ne_chair, outcome, {"outcome": "Replied.", "outcome_on": TODAY}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.closed


def test_the_offices_that_handle_complaints_are_each_group_s(world, north_east):
    assert complaint_offices(north_east["chair"]) == {(OTHER, "chair")}
    assert complaint_offices(world.users["key845"]) == {(SOUTH_EAST, "chair")}
    assert complaint_offices(world.users["analyst845"]) == set()


def test_an_unknown_group_has_no_public_face(world):
    for name in PUBLIC_PAGES:
        url = reverse(f"governance:{name}", args=["nowhere"])
        assert Client().get(url).status_code == 404, name
    url = reverse("governance:group-complaint-new", args=["nowhere"])
    assert post(Client(), url, COMPLAINT).status_code == 404
    assert not gm.Complaint.objects.filter(email="robin@example.org").exists()


def test_the_addresses_without_a_group_still_serve_the_default_group(world, north_east):
    for name in ("public", "public-plans", "public-steering-group", "public-figures"):
        assert Client().get(reverse(f"governance:{name}")).status_code == 200, name
    old = Client().get(reverse("governance:public-steering-group")).content.decode()
    assert world.entry845.name in old
    assert "Nell North" not in old
    response = post(Client(), reverse("governance:complaint-new"), COMPLAINT)
    assert response["Location"] == reverse("governance:group-complaint-sent", args=[SOUTH_EAST])
    assert gm.Complaint.objects.get(email="robin@example.org").group_key == SOUTH_EAST
    # A complaint made without a group (before each group had its own) is the default group's.
    assert world.complaint.group_key == SOUTH_EAST


def test_the_groups_page_lists_the_groups_with_a_steering_group(world, north_east):
    listing = Client().get(reverse("governance:public-groups")).content.decode()
    assert reverse("governance:group-public", args=[OTHER]) in listing
    assert reverse("governance:group-public", args=[SOUTH_EAST]) in listing
    assert "East Midlands" not in listing  # held, but nobody sits on its steering group


CELL = re.compile(r'<th scope="row" class="govuk-table__header">([^<]*)</th>')


def test_a_region_group_s_figures_are_its_region_s_with_the_region_s_value(world):
    html = page("group-public-figures", OTHER, year=str(published_years()[0]), indicator="cpp|rate")
    names = set(CELL.findall(html))
    register = shipped_register()
    assert {register[code].name for code in OTHER_MEMBERS} <= names
    assert "North East" in names
    assert "England" in names
    assert "West Sussex" not in names


def test_a_group_that_is_not_a_region_shows_its_members_and_no_group_value(world):
    coastal = BenchmarkingGroup.objects.create(key="coastal", name="Coastal authorities")
    for code in ("845", "886", OTHER_MEMBERS[0]):
        Membership.objects.create(group=coastal, la_code=code, starts_on=SEEDED_FROM)
    ended = Membership.objects.create(
        group=coastal, la_code="938", starts_on=SEEDED_FROM, ends_on=SEEDED_FROM
    )
    year = published_years()[0]
    html = page("group-public-figures", "coastal", year=str(year), indicator="cpp|rate")
    register = shipped_register()
    members = {register[code].name for code in ("845", "886", OTHER_MEMBERS[0])}
    names = set(CELL.findall(html))
    assert names == members | {"England"}  # no group row, nor any region's
    assert register[ended.la_code].name not in names  # no longer a member
    assert "not published by the Department for Education" in html
    assert "Coastal authorities" in html
    kent = (
        published_benchmark(year)
        .filter(
            (pl.col("la_code") == "886")
            & (pl.col("indicator") == "cpp")
            & (pl.col("measure") == "rate")
        )
        .row(0, named=True)
    )
    # Kent's region's value is published, but it is not this group's: it is nowhere on the page.
    region_value = format_value(kent["group_value"], "rate", kent["decimals"] or 0)
    assert f">{region_value}</td>" not in html


def test_a_group_with_no_member_today_has_no_figures_to_show(world):
    BenchmarkingGroup.objects.create(key="forming", name="A group still forming")
    html = page("group-public-figures", "forming")
    assert "No published figures" in html
    assert 'id="figures"' not in html
