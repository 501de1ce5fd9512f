"""Evidence for Ofsted (issue 17.7): peer review records and an LA's evidence pack, seen by the
LA's own key staff, its group's DBG and the programme, and by nobody else."""

from __future__ import annotations

import subprocess

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from tartan.web.evidence.models import FollowUp, PeerReview
from tartan.web.governance.services import meetings
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db

PEOPLE = ("programme", "key845", "analyst845", "key846", "dbg", "dfe", "partner", "admin")
SEE_845 = {"programme", "dbg", "key845"}
LISTS = {"programme", "dbg", "key845", "key846"}

ROUTES = [
    ("reviews", {}, LISTS, 200, False),
    ("review-new", {}, {"programme"}, 200, False),
    ("review", {"review_id": "review845"}, SEE_845, 200, True),
    ("review-document", {"review_id": "review845"}, SEE_845, 302, True),
    ("follow-up-new", {"review_id": "review845"}, {"programme"}, 302, True),
    ("follow-up-status", {"follow_up_id": "follow_up845"}, {"programme"}, 302, True),
    ("pack", {"la_code": "org845.la_code"}, SEE_845, 200, True),
    ("pack-pdf", {"la_code": "org845.la_code"}, SEE_845, 200, True),
]


def _resolve(world, kwargs):
    made = {}
    for name, path in kwargs.items():
        obj = world
        for part in path.split("."):
            obj = getattr(obj, part)
        made[name] = obj if isinstance(obj, str) else obj.pk
    return made


@pytest.mark.parametrize(
    ("name", "kwargs", "allowed", "ok", "has_object"),
    ROUTES,
    ids=[f"{r[0]}-{'-'.join(r[1].values()) or 'page'}" for r in ROUTES],
)
def test_matrix(world, name, kwargs, allowed, ok, has_object):
    url = reverse(f"evidence:{name}", kwargs=_resolve(world, kwargs))
    outcomes = {who: signed_in(world.users[who]).get(url).status_code for who in PEOPLE}
    outcomes["anonymous"] = Client().get(url).status_code
    expected = {
        who: ok if who in allowed else (302 if who == "anonymous" else 404 if has_object else 403)
        for who in (*PEOPLE, "anonymous")
    }
    assert outcomes == expected


def test_every_evidence_route_is_in_the_matrix():
    names = {
        p.name
        for p in get_resolver().url_patterns
        if not isinstance(p, URLPattern) and getattr(p, "namespace", "") == "evidence"
        for p in p.url_patterns
    }
    assert names == {r[0] for r in ROUTES}


def test_another_las_key_staff_cannot_see_its_pack_or_reviews(world):
    client = signed_in(world.users["key846"])
    assert client.get(reverse("evidence:pack", args=["845"])).status_code == 404
    listing = client.get(reverse("evidence:reviews")).content.decode()
    assert "Front door peer review" not in listing
    assert reverse("evidence:pack", args=["846"]) in listing
    assert reverse("evidence:pack", args=["845"]) not in listing
    dbg_listing = signed_in(world.users["dbg"]).get(reverse("evidence:reviews")).content.decode()
    assert reverse("evidence:pack", args=["845"]) in dbg_listing
    assert "Front door peer review" in dbg_listing
    assert client.get(reverse("evidence:pack", args=["846"])).status_code == 200


def test_programme_staff_record_a_review_with_its_report_and_follow_up(world):
    client = signed_in(world.users["programme"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("evidence:review-new"),
        {
            "la_code": "846",
            "title": "Adolescents peer review",
            "scheduled_on": TODAY.isoformat(),
            "reviewers": "Bea One, DCS, Surrey\nCal Two, Head of service, Kent",
            "report": "Good tracking of missing episodes.",
            "report_file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report"),
        },
    )
    review = PeerReview.objects.get(title="Adolescents peer review")
    assert response["Location"] == reverse("evidence:review", args=[review.pk])
    assert review.reviewer_list == ["Bea One, DCS, Surrey", "Cal Two, Head of service, Kent"]
    client.post(
        reverse("evidence:follow-up-new", args=[review.pk]),
        {"text": "Review return interviews", "owner": "Head of service", "due_on": TODAY},
    )
    follow_up = FollowUp.objects.get(review=review)
    client.post(reverse("evidence:follow-up-status", args=[follow_up.pk]), {"status": "done"})
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    download = signed_in(world.users["key846"]).get(
        reverse("evidence:review-document", args=[review.pk])
    )
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 report"


def test_the_evidence_pack_lists_rounds_rugs_meetings_reviews_and_actions(world, released_round):
    programme = world.users["programme"]
    world.invitation845.attended = True
    world.invitation845.save()
    # A meeting 845's key staff were invited to and missed is not evidence of attendance.
    missed = meetings.invite(world.other_meeting, programme, user=world.users["key845"])
    missed.attended = False
    missed.save()
    client = signed_in(world.users["key845"])
    html = client.get(reverse("evidence:pack", args=["845"])).content.decode()
    assert released_round.period in html
    assert reverse("reports:rug", args=[released_round.pk, "845"]) in html
    assert "SESLIP Steering Group" in html
    assert "Quarterly meeting on the released reports" not in html
    assert "Front door peer review" in html
    assert "Ann Reviewer, DCS, Kent" in html
    assert "Audit re-referrals" in html
    assert "Circulate the front door findings" in html
    assert "INTERNAL AND LIMITED USE" in html
    assert "SYNTHETIC" not in html
    # A group whose rounds are synthetic (the demo's) has its packs say so.
    type(released_round).objects.filter(pk=released_round.pk).update(synthetic=True)
    pdf = client.get(reverse("evidence:pack-pdf", args=["845"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Benchmarking and peer review evidence: East Sussex" in text
    assert "INTERNAL AND LIMITED USE" in text
    assert f"Produced for {world.users['key845'].display_name}" in text
    assert "SYNTHETIC DEMONSTRATION DATA" in text
    assert released_round.period in text
    assert "Front door peer review" in text
    assert "Circulate the front door findings" in text
    # Tagged, as the meeting pack is (pdfinfo, poppler, reads it so), and titled.
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    fields = {
        k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines())
    }
    assert fields["Tagged"] == "yes"
    assert "East Sussex" in fields["Title"]


@pytest.fixture
def other_programme(other_group):
    from tartan.web.accounts.models import Organisation, User
    from tartan.web.accounts.roles import OrganisationKind, Role
    from tests.web.second_group import OTHER

    organisation, _ = Organisation.objects.get_or_create(
        name="North East programme",
        defaults={"kind": OrganisationKind.PROGRAMME, "group_key": OTHER},
    )
    return User.objects.create_user(
        username="ne-programme",
        email="ne-programme@example.org",
        password="a-long-test-password",
        organisation=organisation,
        roles=[Role.PROGRAMME_STAFF.value],
    )


def test_another_groups_programme_neither_sees_nor_keeps_this_groups_reviews(
    world, other_programme
):
    """Each group is a tenant: the North East's programme staff are outsiders to a South East
    LA's peer reviews (internal and limited use), as the North East's DBG is."""
    client = signed_in(other_programme)
    review, follow_up = world.review845, world.follow_up845
    for url in (
        reverse("evidence:review", args=[review.pk]),
        reverse("evidence:review-document", args=[review.pk]),
        reverse("evidence:pack", args=["845"]),
        reverse("evidence:pack-pdf", args=["845"]),
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("evidence:reviews")).content.decode()
    assert "Front door peer review" not in listing
    assert reverse("evidence:pack", args=["845"]) not in listing
    status = client.post(
        reverse("evidence:follow-up-status", args=[follow_up.pk]), {"status": "done"}
    )
    added = client.post(
        reverse("evidence:follow-up-new", args=[review.pk]),
        {"text": "Not theirs to add", "owner": "Someone", "due_on": TODAY},
    )
    assert (status.status_code, added.status_code) == (404, 404)
    follow_up.refresh_from_db()
    assert follow_up.status == "open"
    assert not FollowUp.objects.filter(text="Not theirs to add").exists()
    # Nor can they record a review of a South East LA.
    client.post(
        reverse("evidence:review-new"),
        {
            "la_code": "845",
            "title": "Not theirs to record",
            "scheduled_on": TODAY.isoformat(),
            "reviewers": "Someone",
        },
    )
    assert not PeerReview.objects.filter(title="Not theirs to record").exists()


def test_a_follow_up_status_the_form_does_not_offer_is_refused_with_the_reason(world):
    client = signed_in(world.users["programme"])
    response = client.post(
        reverse("evidence:follow-up-status", args=[world.follow_up845.pk]),
        {"status": "finished"},
        follow=True,
    )
    assert "Choose the follow-up&#39;s status" in response.content.decode()
    world.follow_up845.refresh_from_db()
    assert world.follow_up845.status == "open"
