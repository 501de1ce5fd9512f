"""People whose actions are in the audit trail are deactivated, never deleted (issue 11.10): the
database would refuse the delete; the admin offers none, says why, and records the deactivation."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from tartan.web.accounts.models import User
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tests.web.conftest import signed_in
from tests.web.test_accounts import _admin, _change_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return signed_in(_admin(make_user))


@pytest.fixture
def acted(make_user, client) -> User:
    """An analyst who has signed in: an event of theirs is in the trail."""
    person = make_user(Role.LA_ANALYST, "845", username="has-acted")
    client.post(
        "/accounts/sign-in/", {"username": person.username, "password": "a-long-test-password"}
    )
    assert AuditEvent.objects.filter(user=person).exists()
    return person


def test_the_database_refuses_to_delete_someone_in_the_trail(acted):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        acted.delete()
    assert User.objects.filter(pk=acted.pk).exists()


def test_the_admin_offers_no_delete_and_says_to_deactivate(admin, acted):
    page = admin.get(f"/admin/accounts/user/{acted.pk}/change/").content.decode()
    assert f"/admin/accounts/user/{acted.pk}/delete/" not in page
    assert "The account has-acted cannot be deleted: their actions are in the audit trail" in page
    assert "untick Active and save" in page
    assert admin.get(f"/admin/accounts/user/{acted.pk}/delete/").status_code == 403
    selected = {"action": "delete_selected", "_selected_action": [acted.pk]}
    asked = admin.post("/admin/accounts/user/", selected).content.decode()
    assert "doesn't have permission to delete the following types of objects" in asked
    assert admin.post("/admin/accounts/user/", {**selected, "post": "yes"}).status_code == 403
    assert User.objects.filter(pk=acted.pk).exists()


def test_deactivating_in_the_admin_is_recorded(admin, acted):
    data = _change_page_data(admin, acted)
    del data["is_active"]
    response = admin.post(f"/admin/accounts/user/{acted.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    acted.refresh_from_db()
    assert not acted.is_active
    event = AuditEvent.objects.filter(action="admin", object_id=str(acted.pk)).latest("id")
    assert "is_active True → False" in event.summary
    assert event.username.startswith("administrator")


def test_someone_who_never_acted_can_still_be_deleted(admin, make_user):
    mistake = make_user(Role.LA_ANALYST, "845", username="made-by-mistake")
    page = admin.get(f"/admin/accounts/user/{mistake.pk}/change/").content.decode()
    assert f"/admin/accounts/user/{mistake.pk}/delete/" in page
    assert "cannot be deleted" not in page
    response = admin.post(f"/admin/accounts/user/{mistake.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=mistake.pk).exists()
