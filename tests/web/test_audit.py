"""The audit trail: every sign-in, upload, view and download; append-only, in the database too."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AppendOnlyError, AuditEvent
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_sign_in_and_failed_sign_in_are_recorded(make_user, client):
    analyst = make_user(Role.LA_ANALYST, "845")
    client.post("/accounts/sign-in/", {"username": analyst.username, "password": "wrong"})
    client.post(
        "/accounts/sign-in/", {"username": analyst.username, "password": "a-long-test-password"}
    )
    actions = list(
        AuditEvent.objects.exclude(action="admin").order_by("id").values_list("action", "username")
    )
    assert actions == [("sign_in_failed", ""), ("sign_in", analyst.username)]
    assert AuditEvent.objects.get(action="sign_in").ip_address == "127.0.0.1"


def test_views_and_downloads_of_figures_are_recorded_with_whose_figures(make_user, released_round):
    from tartan.web.sharing.models import AgreedPurpose

    dfe = make_user(Role.DFE_VIEWER)
    purpose = AgreedPurpose.objects.create(
        organisation=dfe.organisation, text="Regional performance conversation"
    )
    client = signed_in(dfe)
    client.get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    client.get(f"/reports/rounds/{released_round.pk}/rugs/845.xlsx?purpose={purpose.pk}")
    events = AuditEvent.objects.filter(
        username=dfe.username, action__in=["view", "download"]
    ).order_by("id")
    view, download = events
    assert (view.action, view.la_code_list) == ("view", ["845"])
    assert (download.action, download.purpose) == ("download", "Regional performance conversation")
    assert download.organisation == "Department for Education"


def test_an_la_sees_who_viewed_its_figures_and_only_its_own(make_user, released_round):
    signed_in(make_user(Role.DFE_VIEWER)).get(f"/reports/rounds/{released_round.pk}/rugs/846/")
    signed_in(make_user(Role.DFE_VIEWER)).get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    page = (
        signed_in(make_user(Role.LA_KEY_STAFF, "846")).get("/audit/our-figures/").content.decode()
    )
    assert "rug 846" in page
    assert "rug 845" not in page


def test_an_las_own_view_names_organisation_and_role_never_another_organisations_address(
    make_user, released_round
):
    dfe = make_user(Role.DFE_VIEWER, username="dfe-reader")
    signed_in(dfe).get(f"/reports/rounds/{released_round.pk}/rugs/846/", REMOTE_ADDR="203.0.113.77")
    colleague = make_user(Role.LA_ANALYST, "846", username="own-analyst")
    signed_in(colleague).get(
        f"/reports/rounds/{released_round.pk}/rugs/846/", REMOTE_ADDR="198.51.100.9"
    )
    page = (
        signed_in(make_user(Role.LA_KEY_STAFF, "846")).get("/audit/our-figures/").content.decode()
    )
    assert "Department for Education" in page
    assert "DfE viewer" in page
    assert "203.0.113.77" not in page
    assert "dfe-reader" not in page
    assert "own-analyst" in page  # the LA's own staff by name
    assert "198.51.100.9" not in page
    everything = signed_in(make_user(Role.DBG_MEMBER)).get("/audit/?la=846").content.decode()
    assert "203.0.113.77" in everything
    assert "dfe-reader" in everything


def test_the_dbg_sees_every_event(make_user, released_round):
    signed_in(make_user(Role.DFE_VIEWER)).get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    page = signed_in(make_user(Role.DBG_MEMBER)).get("/audit/?action=view").content.decode()
    assert "rug 845" in page


def test_the_application_cannot_change_or_delete_an_event(make_user):
    event = AuditEvent.objects.create(action="view", summary="a view")
    event.summary = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET summary = 'changed'", "DELETE FROM audit_auditevent"]
)
def test_the_database_refuses_update_and_delete(statement):
    AuditEvent.objects.create(action="view", summary="a view")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.get().summary == "a view"


def test_concerns_events_are_not_listed_in_the_dbgs_audit_trail(make_user):
    AuditEvent.objects.create(action="concern", summary="worry 1c3e viewed")
    AuditEvent.objects.create(action="view", summary="rug 845 2024-25 Q4", la_codes=",845,")
    page = signed_in(make_user(Role.DBG_MEMBER)).get("/audit/").content.decode()
    assert "rug 845 2024-25 Q4" in page
    assert "worry 1c3e" not in page
    assert AuditEvent.objects.filter(action="concern").count() == 1
