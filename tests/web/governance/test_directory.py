"""The contact directory: public without signing in, consent withdrawn at once by the person
themselves, audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action, AuditEvent
from tartan.web.governance.models import Participant
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_user):
    user = make_user(Role.LA_ANALYST, "887")
    entry = Participant.objects.create(
        name="Priya Analyst",
        organisation="Medway",
        role="Performance lead",
        email="priya@medway.example",
        phone="01634 000000",
        user=user,
    )
    return user, entry


def test_the_public_page_needs_no_sign_in(person):
    response = Client().get(reverse("governance:directory"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Priya Analyst" in html
    assert "priya@medway.example" in html
    assert "01634 000000" in html
    assert response["Cache-Control"] == "no-store"


def test_withdrawn_consent_disappears_from_the_public_page_at_once(person):
    user, entry = person
    client = signed_in(user)
    assert (
        reverse("governance:my-entry") in client.get(reverse("governance:index")).content.decode()
    )
    own = client.get(reverse("governance:my-entry"))
    assert "Withdraw consent" in own.content.decode()
    response = client.post(reverse("governance:consent", args=[entry.pk]), {"consent": "withhold"})
    assert response["Location"] == reverse("governance:my-entry")
    public = Client().get(reverse("governance:directory")).content.decode()
    assert "Priya Analyst" not in public
    assert "priya@medway.example" not in public
    event = AuditEvent.objects.get(action=Action.GOVERNANCE)
    assert event.summary == "consent withheld for the public directory: Priya Analyst"
    assert event.username == user.username
    client.post(reverse("governance:consent", args=[entry.pk]), {"consent": "give"})
    assert "Priya Analyst" in Client().get(reverse("governance:directory")).content.decode()


def test_a_person_edits_their_own_entry_and_nobody_elses(person, make_user):
    user, entry = person
    client = signed_in(user)
    client.post(
        reverse("governance:my-entry"),
        {
            "name": "Priya A.",
            "role": "Head of performance",
            "email": "p@medway.example",
            "phone": "",
        },
    )
    entry.refresh_from_db()
    assert (entry.name, entry.role, entry.email) == (
        "Priya A.",
        "Head of performance",
        "p@medway.example",
    )
    assert entry.history.count() == 2
    other = Participant.objects.create(
        name="Other", organisation="Kent", role="DCS", email="o@k.example"
    )
    assert client.get(reverse("governance:participant-edit", args=[other.pk])).status_code == 404
    assert (
        client.post(
            reverse("governance:consent", args=[other.pk]), {"consent": "withhold"}
        ).status_code
        == 404
    )
    other.refresh_from_db()
    assert not other.consent_withheld
    stranger = make_user(Role.LA_ANALYST, "886")
    assert signed_in(stranger).get(reverse("governance:my-entry")).status_code == 404


def test_programme_staff_manage_the_directory(programme, person):
    _, entry = person
    client = signed_in(programme)
    client.post(
        reverse("governance:participant-new"),
        {
            "name": "New Person",
            "organisation": "Kent",
            "role": "DCS",
            "email": "n@kent.example",
            "phone": "",
            "consent_withheld": "on",
        },
    )
    added = Participant.objects.get(name="New Person")
    assert added.consent_withheld
    listing = client.get(reverse("governance:directory-manage")).content.decode()
    assert "Consent withheld" in listing
    assert "New Person" not in Client().get(reverse("governance:directory")).content.decode()
    client.post(reverse("governance:consent", args=[entry.pk]), {"consent": "withhold"})
    entry.refresh_from_db()
    assert entry.consent_withheld
