"""Grants both ways (issue 17 point 3): the recipient LA accepts the main grant's conditions
itself, invoices against the purchase order it is sent, and files its spend and monitoring
returns; the programme sees what is outstanding. Each LA acts for itself alone."""

from __future__ import annotations

import secrets

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from tartan.web.accounts.roles import Position, Role
from tartan.web.audit.models import AuditEvent
from tartan.web.governance.models import (
    ConditionsAcceptance,
    Document,
    GrantReturn,
    TransferStage,
)
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import grants as service
from tartan.web.submissions.once import FIELD
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def kent(world, make_user):
    """Kent subscribes in the grant's year and has not accepted its conditions yet."""
    subscribe(world.year, world.users["programme"], {"886": 1_580_000})
    return {
        "key": make_user(Role.LA_KEY_STAFF, "886", Position.DCS),
        "analyst": make_user(Role.LA_ANALYST, "886", Position.ANALYST),
    }


def post(client, url, data):
    """A form sent once, with its own one-time token (as a page would give it)."""
    return client.post(url, {FIELD: secrets.token_hex(8), **data})


def test_an_la_s_key_staff_accept_the_conditions_themselves_for_their_own_la(world, kent):
    client = signed_in(kent["key"])
    page = client.get(reverse("governance:la-grant", args=[world.grant.pk])).content.decode()
    assert "Spend on improvement" in page
    assert "Accept the conditions" in page
    # The LA is the person's own, whatever the form says.
    response = post(
        client,
        reverse("governance:accept-conditions", args=[world.grant.pk]),
        {"confirm": "on", "la_code": "846"},
    )
    assert response.status_code == 302
    made = ConditionsAcceptance.objects.get(grant=world.grant, accepted_by_user=kent["key"])
    assert made.la_code == "886"
    assert made.recorded_by == kent["key"]
    assert ConditionsAcceptance.objects.filter(la_code="846").count() == 1  # untouched
    event = AuditEvent.objects.get(object_type="ConditionsAcceptance", object_id=str(made.pk))
    assert event.user == kent["key"]
    assert event.la_codes == ",886,"
    page = client.get(reverse("governance:la-grant", args=[world.grant.pk])).content.decode()
    assert "accepted the conditions on" in page
    assert "in the service" in page
    request = RequestFactory().post("/")
    request.user = kent["key"]
    with pytest.raises(GovernanceError, match="already accepted"):
        service.accept_in_service(world.grant, request)


def test_acceptance_needs_the_confirmation_and_analysts_cannot_accept(world, kent):
    client = signed_in(kent["key"])
    url = reverse("governance:accept-conditions", args=[world.grant.pk])
    assert post(client, url, {}).status_code == 200
    assert not ConditionsAcceptance.objects.filter(la_code="886").exists()
    analyst = signed_in(kent["analyst"])
    assert post(analyst, url, {"confirm": "on"}).status_code == 404
    assert not ConditionsAcceptance.objects.filter(la_code="886").exists()


def test_the_acceptance_is_undone_when_its_audit_event_cannot_be_written(world, kent, monkeypatch):
    def disk_full(**kwargs):
        raise OSError("disk full")

    client = signed_in(kent["key"])
    client.raise_request_exception = False
    monkeypatch.setattr(AuditEvent.objects, "create", disk_full)
    url = reverse("governance:accept-conditions", args=[world.grant.pk])
    assert post(client, url, {"confirm": "on"}).status_code == 500
    monkeypatch.undo()
    assert not ConditionsAcceptance.objects.filter(la_code="886").exists()


def test_a_purchase_order_is_raised_invoiced_by_the_la_and_paid(world):
    programme = signed_in(world.users["programme"])
    po = world.po846
    assert po.stage == TransferStage.RAISED
    # Another LA's key staff cannot invoice it: it does not exist for them.
    url = reverse("governance:invoice-submit", args=[po.pk])
    other = signed_in(world.users["key845"])
    assert post(other, url, {"invoice_number": "X", "invoice_date": TODAY}).status_code == 404
    key846 = signed_in(world.users["key846"])
    invoice = SimpleUploadedFile("inv.pdf", b"%PDF-1.4 invoice", "application/pdf")
    response = post(
        key846,
        url,
        {"invoice_number": "BH-77", "invoice_date": TODAY.isoformat(), "invoice_file": invoice},
    )
    assert response.status_code == 302
    po.refresh_from_db()
    assert po.stage == TransferStage.INVOICED
    assert po.invoice_number == "BH-77"
    assert po.invoice_submitted_by == world.users["key846"]
    # The LA and the programme can open the invoice's file; another LA cannot.
    doc = reverse("governance:document", args=[po.invoice_document_id])
    assert key846.get(doc).status_code == 200
    assert programme.get(doc).status_code == 200
    assert other.get(doc).status_code == 404
    # Invoicing twice is refused, and the refused invoice's file is not kept.
    documents = Document.objects.count()
    second = SimpleUploadedFile("inv2.pdf", b"%PDF-1.4 second", "application/pdf")
    again = post(
        key846,
        url,
        {"invoice_number": "BH-78", "invoice_date": TODAY.isoformat(), "invoice_file": second},
    )
    assert "already been invoiced" in again.content.decode()
    assert Document.objects.count() == documents
    paid = post(
        programme,
        reverse("governance:transfer-paid", args=[po.pk]),
        {"paid_on": TODAY.isoformat()},
    )
    assert paid.status_code == 302
    po.refresh_from_db()
    assert po.stage == TransferStage.PAID
    assert po.paid_on == TODAY


def test_a_purchase_order_needs_acceptance_and_cannot_promise_more_than_is_left(world):
    programme = world.users["programme"]
    with pytest.raises(GovernanceError, match="accept the grant conditions"):
        service.raise_purchase_order(world.grant, "845", 100, "x", "PO9", TODAY, programme)
    # 10,000,000 received, 100,000 transferred and 50,000 promised by an uninvoiced PO.
    left = service.grant_ledger(world.grant).balance_pence
    assert left == 10_000_000 - 100_000 - 50_000
    with pytest.raises(GovernanceError, match="more than the grant has left"):
        service.raise_purchase_order(world.grant, "846", left + 1, "x", "PO9", TODAY, programme)
    service.raise_purchase_order(world.grant, "846", left, "the rest", "PO9", TODAY, programme)


def test_the_recipient_files_its_return_and_only_its_own(world):
    url = reverse("governance:return-file", args=[world.return846.pk])
    data = {"amount_spent": "250.00", "narrative": "Two peer review days"}
    assert post(signed_in(world.users["key845"]), url, data).status_code == 404
    key846 = signed_in(world.users["key846"])
    assert post(key846, url, data).status_code == 302
    filed = GrantReturn.objects.get(pk=world.return846.pk)
    assert filed.filed
    assert filed.amount_spent_pence == 25_000
    assert filed.filed_by == world.users["key846"]
    assert AuditEvent.objects.filter(object_type="GrantReturn", object_id=str(filed.pk)).exists()
    documents = Document.objects.count()
    late = SimpleUploadedFile("spend.pdf", b"%PDF-1.4 spend", "application/pdf")
    again = post(key846, url, {**data, "narrative": "again", "document": late})
    assert "already been filed" in again.content.decode()
    assert Document.objects.count() == documents  # the refused return's file is not kept
    assert GrantReturn.objects.get(pk=filed.pk).narrative == "Two peer review days"


def test_the_programme_sees_what_is_outstanding(world, kent):
    waiting = service.outstanding(world.grant)
    assert [r.pk for r in waiting.returns_due] == [world.return846.pk]
    assert [t.pk for t in waiting.not_invoiced] == [world.po846.pk]
    # Kent subscribes in the grant's year and has not accepted; 846 has; 845 is the lead.
    assert waiting.not_accepted == ["886"]
    page = signed_in(world.users["programme"]).get(
        reverse("governance:grant", args=[world.grant.pk])
    )
    text = page.content.decode()
    assert "Spend return 2024-25 Q3 from Brighton" in text
    assert "Purchase order PO2 to Brighton" in text
    assert "not invoiced yet" in text
    assert "Kent: the grant conditions are not accepted yet" in text
    # Once filed, invoiced and accepted, nothing is outstanding.
    programme = signed_in(world.users["programme"])
    post(
        signed_in(world.users["key846"]),
        reverse("governance:return-file", args=[world.return846.pk]),
        {"amount_spent": "1", "narrative": "n"},
    )
    post(
        signed_in(world.users["key846"]),
        reverse("governance:invoice-submit", args=[world.po846.pk]),
        {"invoice_number": "I", "invoice_date": TODAY.isoformat()},
    )
    post(
        signed_in(kent["key"]),
        reverse("governance:accept-conditions", args=[world.grant.pk]),
        {"confirm": "on"},
    )
    assert service.outstanding(world.grant).count == 0
    assert (
        "Nothing outstanding"
        in programme.get(reverse("governance:grant", args=[world.grant.pk])).content.decode()
    )


def test_the_programme_asks_for_a_return_once_a_period(world):
    programme = signed_in(world.users["programme"])
    url = reverse("governance:return-ask", args=[world.grant.pk])
    data = {"la_code": "845", "period": "2024-25 Q4", "due_on": TODAY.isoformat()}
    assert post(programme, url, data).status_code == 302
    assert GrantReturn.objects.filter(la_code="845", period="2024-25 Q4").count() == 1
    response = programme.post(url, {FIELD: "another", **data})
    assert "already asked" in response.content.decode()


def test_an_la_s_grants_page_says_each_grant_s_state_in_queries_that_do_not_grow(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tartan.web.governance.models import Grant

    client = signed_in(world.users["key846"])
    url = reverse("governance:la-grants")

    def page() -> tuple[str, int]:
        client.get(url)  # warm the session and the request's memo
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return html, len(captured)

    html, one_grant = page()
    # 846 accepted the grant's conditions and has one return to file.
    assert "Accepted" in html
    assert "Not accepted yet" not in html
    assert 'numeric">1</td>' in html
    for year in ("2024-25", "2025-26"):
        Grant.objects.create(
            year=year,
            reference=f"s31 grant {year}",
            amount_pence=1_000,
            received_on=TODAY,
            conditions="Spend on improvement",
            recorded_by=world.users["programme"],
        )
    html, three_grants = page()
    assert html.count("Not accepted yet") == 2
    assert three_grants == one_grant
