"""Joining and leaving: invitations by email, password resets, deactivation (issue 14.10)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tartan.web.accounts.models import Invitation, Organisation, User
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.mail.delivery import deliver_due
from tartan.web.mail.models import Message

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _form(client: Client, path: str) -> dict[str, str]:
    page = client.get(path).content.decode()
    return {"_once": re.search(r'name="_once" value="([^"]+)"', page).group(1)}


def _invite(client: Client, org: Organisation, role: Role, email: str = "new.person@example.org"):
    return client.post(
        "/accounts/people/invite/",
        {
            **_form(client, "/accounts/people/invite/"),
            "email": email,
            "first_name": "New",
            "last_name": "Person",
            "organisation": org.pk,
            "role": role.value,
            "position": "",
        },
    )


def _link(message: Message) -> str:
    return message.link.split("127.0.0.1:8000", 1)[-1]


def test_programme_staff_invite_and_the_mail_reaches_the_smtp_server(make_user, mail_server):
    staff = make_user(Role.PROGRAMME_STAFF)
    client = signed_in(staff)
    la = Organisation.objects.get(la_code="846")
    response = _invite(client, la, Role.LA_KEY_STAFF)
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="new.person@example.org")
    assert person.organisation == la
    assert person.roles == ["la_key_staff"]
    assert not person.has_usable_password()
    invitation = Invitation.objects.get(person=person)
    assert invitation.invited_by == staff
    days = (invitation.expires_at - timezone.now()).total_seconds() / 86400
    assert 6.9 < days <= 7
    assert AuditEvent.objects.filter(
        summary__contains="new.person@example.org invited as LA key staff"
    ).exists()

    message = Message.objects.get(kind="invitation")
    assert message.to_address == "new.person@example.org"
    assert "/accounts/invitation/" in message.link
    assert "set up your authenticator app" in message.text
    deliver_due()
    (received,) = mail_server.messages
    assert received["To"] == "new.person@example.org"
    assert received["Subject"] == "You are invited to tartan"
    assert message.link in received.get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("role", "la_code"),
    [(Role.LA_ANALYST, "846"), (Role.LA_KEY_STAFF, "846"), (Role.DBG_MEMBER, None)],
)
def test_others_cannot_invite_or_deactivate(make_user, role, la_code):
    client = signed_in(make_user(role, la_code=la_code))
    target = make_user(Role.LA_ANALYST, la_code="846")
    assert client.get("/accounts/people/").status_code == 403
    assert client.get("/accounts/people/invite/").status_code == 403
    org = Organisation.objects.get(la_code="846")
    response = client.post(
        "/accounts/people/invite/",
        {
            "email": "x@example.org",
            "first_name": "X",
            "last_name": "Y",
            "organisation": org.pk,
            "role": "la_analyst",
        },
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()
    assert client.post(f"/accounts/people/{target.pk}/active/", {"active": "no"}).status_code == 404
    target.refresh_from_db()
    assert target.is_active


def test_signed_out_people_are_sent_to_sign_in(db):
    response = Client().get("/accounts/people/invite/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_an_invitation_must_follow_role_rules(make_user):
    client = signed_in(make_user(Role.PROGRAMME_STAFF))
    la = Organisation.objects.get(la_code="846")
    response = _invite(client, la, Role.DBG_MEMBER)
    assert response.status_code == 200
    assert (
        "Data benchmarking group member cannot be held in a local authority"
        in response.content.decode()
    )
    programme = Organisation.objects.get(name="SESLIP")
    response = _invite(client, programme, Role.ADMINISTRATOR)
    assert "Only an administrator can invite an administrator." in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()
    assert not Message.objects.exists()


def test_an_administrator_may_invite_an_administrator(make_user):
    client = signed_in(make_user(Role.ADMINISTRATOR))
    response = _invite(client, Organisation.objects.get(name="SESLIP"), Role.ADMINISTRATOR)
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").roles == ["administrator"]


def test_the_same_address_cannot_be_invited_twice(make_user):
    client = signed_in(make_user(Role.PROGRAMME_STAFF))
    la = Organisation.objects.get(la_code="846")
    assert _invite(client, la, Role.LA_ANALYST).status_code == 302
    again = _invite(client, la, Role.LA_ANALYST, email="NEW.person@example.org")
    assert "already has an account" in again.content.decode()
    assert User.objects.filter(email="new.person@example.org").count() == 1


def test_accepting_sets_the_password_once_and_then_the_link_is_used(make_user):
    client = signed_in(make_user(Role.PROGRAMME_STAFF))
    _invite(client, Organisation.objects.get(la_code="846"), Role.LA_ANALYST)
    link = _link(Message.objects.get(kind="invitation"))
    guest = Client()
    page = guest.get(link)
    assert page.status_code == 200
    assert "Choose your password" in page.content.decode()
    short = guest.post(
        link, {**_form(guest, link), "new_password1": "short", "new_password2": "short"}
    )
    assert "too short" in short.content.decode()
    done = guest.post(
        link,
        {
            **_form(guest, link),
            "new_password1": "a-long-new-password",
            "new_password2": "a-long-new-password",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == "/"
    person = User.objects.get(email="new.person@example.org")
    assert person.check_password("a-long-new-password")
    assert Invitation.objects.get(person=person).used_at is not None
    assert AuditEvent.objects.filter(summary__contains="accepted the invitation").exists()
    again = Client().get(link)
    assert again.status_code == 410
    assert "This invitation has already been used" in again.content.decode()


def test_a_person_needing_two_factors_goes_on_to_set_up_the_app(make_user):
    client = signed_in(make_user(Role.PROGRAMME_STAFF))
    _invite(client, Organisation.objects.get(la_code="846"), Role.LA_KEY_STAFF)
    link = _link(Message.objects.get(kind="invitation"))
    guest = Client()
    done = guest.post(
        link,
        {
            **_form(guest, link),
            "new_password1": "a-long-new-password",
            "new_password2": "a-long-new-password",
        },
    )
    assert done["Location"] == "/accounts/two-factor/set-up/"
    # Signed in by password only: the service's pages still wait for the second factor.
    assert guest.get("/rounds/")["Location"] == "/accounts/two-factor/"


def test_an_expired_link_says_so_and_a_new_one_works(make_user):
    staff_client = signed_in(make_user(Role.PROGRAMME_STAFF))
    _invite(staff_client, Organisation.objects.get(la_code="846"), Role.LA_ANALYST)
    link = _link(Message.objects.get(kind="invitation"))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    page = Client().get(link)
    assert page.status_code == 410
    assert "This invitation has expired" in page.content.decode()
    assert Client().get("/accounts/invitation/not-a-token/").status_code == 404

    person = User.objects.get(email="new.person@example.org")
    path = f"/accounts/people/{person.pk}/reinvite/"
    assert staff_client.post(path, _form(staff_client, path)).status_code == 302
    newer = _link(Message.objects.filter(kind="invitation").latest("pk"))
    assert newer != link
    assert Client().get(newer).status_code == 200
    assert Client().get(link).status_code == 410


def test_invitation_days_come_from_the_setting(make_user, settings):
    settings.TARTAN_INVITATION_DAYS = 2
    client = signed_in(make_user(Role.PROGRAMME_STAFF))
    _invite(client, Organisation.objects.get(la_code="846"), Role.LA_ANALYST)
    invitation = Invitation.objects.get()
    assert timedelta(days=1, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=2)


def test_deactivation_keeps_the_person_and_stops_sign_in(make_user):
    staff = make_user(Role.PROGRAMME_STAFF)
    client = signed_in(staff)
    leaver = make_user(Role.LA_ANALYST, la_code="846")
    leaver_client = signed_in(leaver)
    assert leaver_client.get("/rounds/").status_code == 200
    path = f"/accounts/people/{leaver.pk}/active/"
    assert "will no longer be able to sign in" in client.get(path).content.decode()
    assert client.post(path, {**_form(client, path), "active": "no"}).status_code == 302
    leaver.refresh_from_db()
    assert not leaver.is_active
    event = AuditEvent.objects.filter(
        object_id=str(leaver.pk), summary__contains="is_active True → False"
    ).get()
    assert event.username == staff.username
    # Their open session no longer works, and neither does their password.
    assert leaver_client.get("/rounds/").status_code == 302
    fresh = Client()
    page = fresh.post(
        "/accounts/sign-in/",
        {
            **_form(fresh, "/accounts/sign-in/"),
            "username": leaver.username,
            "password": "a-long-test-password",
        },
    )
    assert page.status_code == 200
    assert "not right" in page.content.decode()
    assert "Deactivated" in client.get("/accounts/people/").content.decode()


def test_programme_staff_cannot_deactivate_an_administrator_or_themselves(make_user):
    staff = make_user(Role.PROGRAMME_STAFF)
    admin = make_user(Role.ADMINISTRATOR)
    client = signed_in(staff)
    for person, problem in (
        (admin, "Only an administrator can change an administrator"),
        (staff, "You cannot change your own account here."),
    ):
        path = f"/accounts/people/{person.pk}/active/"
        page = client.get(path).content.decode()
        assert problem in page
        assert "_once" not in page  # no form to send
        refused = client.post(path, {"_once": "made-up", "active": "no"})
        assert problem in refused.content.decode()
        person.refresh_from_db()
        assert person.is_active


def test_password_reset_through_the_outbox_and_same_page_for_unknown(make_user, settings):
    cache.clear()
    person = make_user(Role.LA_ANALYST, la_code="846")
    guest = Client()
    known = guest.post(
        "/accounts/password-reset/",
        {**_form(guest, "/accounts/password-reset/"), "email": person.email},
    )
    unknown = guest.post(
        "/accounts/password-reset/",
        {**_form(guest, "/accounts/password-reset/"), "email": "nobody@example.org"},
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password-reset/sent/"
    (message,) = Message.objects.filter(kind="password_reset")
    assert message.to_address == person.email
    link = _link(message)
    landed = guest.get(link, follow=True)
    assert "Choose a new password" in landed.content.decode()
    set_path = landed.redirect_chain[-1][0]
    done = guest.post(
        set_path,
        {
            **_form(guest, set_path),
            "new_password1": "another-long-password",
            "new_password2": "another-long-password",
        },
    )
    assert done["Location"] == "/accounts/password-reset/done/"
    person.refresh_from_db()
    assert person.check_password("another-long-password")
    assert AuditEvent.objects.filter(
        summary__contains="chose a new password from a reset link"
    ).exists()
    # Used once: the same link no longer works.
    assert "This reset link does not work" in Client().get(link, follow=True).content.decode()


def test_password_reset_is_rate_limited_per_address(make_user, settings):
    settings.TARTAN_RESET_PER_HOUR = 2
    cache.clear()
    person = make_user(Role.LA_ANALYST, la_code="846")
    guest = Client()
    for _ in range(4):
        response = guest.post(
            "/accounts/password-reset/",
            {**_form(guest, "/accounts/password-reset/"), "email": person.email},
        )
        assert response["Location"] == "/accounts/password-reset/sent/"
    assert Message.objects.filter(kind="password_reset").count() == 2


def test_an_invitation_sent_twice_invites_once(make_user):
    client = signed_in(make_user(Role.PROGRAMME_STAFF))
    org = Organisation.objects.get(la_code="846")
    data = {
        **_form(client, "/accounts/people/invite/"),
        "email": "twice@example.org",
        "first_name": "Two",
        "last_name": "Clicks",
        "organisation": org.pk,
        "role": "la_analyst",
    }
    first = client.post("/accounts/people/invite/", data)
    second = client.post("/accounts/people/invite/", data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert User.objects.filter(email="twice@example.org").count() == 1
    assert Message.objects.filter(kind="invitation").count() == 1
    assert Invitation.objects.count() == 1
