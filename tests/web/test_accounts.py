"""Roles follow the organisation's kind wherever they are set, and every change to who a person
is (roles, organisation, active state, second factor) is in the append-only audit (issue 11.4-5)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.audit.models import AuditEvent
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def _admin(make_user) -> User:
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return admin


def _change_page_data(client, person: User) -> dict:
    """The admin's change form for a person, as the page fills it in."""
    page = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    data = {
        name: value
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)
        if name not in {"roles"}
    }
    data.update(
        {
            "username": person.username,
            "organisation": str(person.organisation_id),
            "position": person.position,
            "roles": person.roles,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "is_active": "on" if person.is_active else "",
        }
    )
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        (Role.DBG_MEMBER, OrganisationKind.PARTNER),
        (Role.DBG_MEMBER, OrganisationKind.LOCAL_AUTHORITY),
        (Role.LA_KEY_STAFF, OrganisationKind.PARTNER),
        (Role.DFE_VIEWER, OrganisationKind.LOCAL_AUTHORITY),
        (Role.PARTNER_VIEWER, OrganisationKind.DFE),
        (Role.ADMINISTRATOR, OrganisationKind.LOCAL_AUTHORITY),
    ],
)
def test_the_model_refuses_a_role_the_organisation_cannot_hold(make_user, role, kind):
    organisation = Organisation.objects.filter(kind=kind).first() or Organisation.objects.create(
        name=f"A {kind}", kind=kind
    )
    person = User(username="someone", organisation=organisation, roles=[role.value])
    with pytest.raises(ValidationError, match="cannot be held"):
        person.save()
    assert not User.objects.filter(username="someone").exists()


def test_a_role_needs_an_organisation_and_must_exist(db):
    with pytest.raises(ValidationError, match="must belong to an organisation"):
        User(username="nobody", roles=[Role.LA_ANALYST.value]).save()
    with pytest.raises(ValidationError, match="unknown role"):
        User(username="nobody", roles=["emperor"]).save()


def test_an_organisations_kind_cannot_change_under_its_people(make_user):
    partner = make_user(Role.PARTNER_VIEWER)
    ofsted = partner.organisation
    ofsted.kind = OrganisationKind.PROCESSOR
    with pytest.raises(ValidationError, match="holds roles this kind cannot"):
        ofsted.save()
    assert Organisation.objects.get(pk=ofsted.pk).kind == OrganisationKind.PARTNER


def test_the_admin_cannot_make_a_partners_account_a_dbg_member(make_user):
    admin = signed_in(_admin(make_user))
    partner = make_user(Role.PARTNER_VIEWER)
    data = _change_page_data(admin, partner)
    data["roles"] = [Role.DBG_MEMBER.value]
    response = admin.post(f"/admin/accounts/user/{partner.pk}/change/", data)
    assert response.status_code == 200
    assert "cannot be held in a partner organisation" in response.content.decode()
    partner.refresh_from_db()
    assert partner.roles == [Role.PARTNER_VIEWER.value]
    assert signed_in(partner).get("/reports/rounds/1/overview/").status_code == 404


def test_a_role_change_through_the_admin_is_audited_with_who_made_it(make_user):
    admin_user = _admin(make_user)
    admin = signed_in(admin_user)
    analyst = make_user(Role.LA_ANALYST, "845")
    data = _change_page_data(admin, analyst)
    data["roles"] = [Role.LA_KEY_STAFF.value]
    response = admin.post(f"/admin/accounts/user/{analyst.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="admin", object_id=str(analyst.pk)).latest("id")
    assert event.username == admin_user.username
    assert "roles la_analyst → la_key_staff" in event.summary


def test_organisation_active_state_and_second_factor_changes_are_audited(make_user):
    person = make_user(Role.LA_ANALYST, "845")
    person.organisation = Organisation.objects.get(la_code="846")
    person.save()
    person.is_active = False
    person.save()
    device = TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=False)
    device.confirmed = True
    device.save()
    device.save()  # django-otp saves its counters at every check: not a change
    device.delete()
    summaries = list(
        AuditEvent.objects.filter(action="admin", object_id=str(person.pk))
        .order_by("id")
        .values_list("summary", flat=True)
    )
    assert summaries[1:] == [
        f"account {person.username}: organisation East Sussex → Brighton and Hove (outside the service's pages)",
        f"account {person.username}: is_active True → False (outside the service's pages)",
        f"second factor added for {person.username}: authenticator app (not yet confirmed) (outside the service's pages)",
        f"second factor authenticator app of {person.username} confirmed (outside the service's pages)",
        f"second factor removed for {person.username}: authenticator app (outside the service's pages)",
    ]


def test_a_command_cannot_set_a_role_that_does_not_fit(make_user):
    partner = make_user(Role.PARTNER_VIEWER)
    with pytest.raises(ValidationError):
        call_command(
            "shell",
            command=(
                "from tartan.web.accounts.models import User; "
                f"u = User.objects.get(pk={partner.pk}); u.roles = ['dbg_member']; u.save()"
            ),
        )
    partner.refresh_from_db()
    assert partner.roles == [Role.PARTNER_VIEWER.value]


def test_the_admin_never_shows_a_second_factor_secret(make_user):
    admin = signed_in(_admin(make_user))
    person = make_user(Role.LA_KEY_STAFF, "845")
    device = TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    page = admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page
    listing = admin.get("/admin/otp_totp/totpdevice/").content.decode()
    assert device.key not in listing
