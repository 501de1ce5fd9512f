"""The grant: a transfer needs the LA's acceptance of the conditions and cannot overspend; the
ledger shows received, transferred and the balance."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tartan.web.governance.models import Grant, GrantTransfer
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import grants as service
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(programme):
    return Grant.objects.create(
        year="2023-24",
        reference="s31 grant",
        amount_pence=15_000_000,
        received_on=TODAY,
        conditions="Improvement activities only",
        recorded_by=programme,
    )


def test_no_transfer_before_the_la_accepts_the_conditions(grant, programme):
    with pytest.raises(GovernanceError, match="acceptance of the grant conditions"):
        service.transfer(grant, "887", 100, "x", "PO", "INV", TODAY, programme)
    service.accept_conditions(
        grant, "887", TODAY, "Lee-Anne Farach, DCS", "letter", None, programme
    )
    made = service.transfer(
        grant, "887", 2_500_000, "Peer review", "PO-77", "MED-1", TODAY, programme
    )
    assert made.amount_pence == 2_500_000
    with pytest.raises(GovernanceError, match="already recorded"):
        service.accept_conditions(grant, "887", TODAY, "again", "x", None, programme)


def test_transfers_cannot_overspend_and_need_a_po_and_invoice(grant, programme):
    service.accept_conditions(grant, "887", TODAY, "DCS", "email", None, programme)
    with pytest.raises(GovernanceError, match="more than the grant has left"):
        service.transfer(grant, "887", 15_000_001, "x", "PO", "INV", TODAY, programme)
    with pytest.raises(GovernanceError, match="purchase order and invoice"):
        service.transfer(grant, "887", 1, "x", " ", "INV", TODAY, programme)
    service.transfer(grant, "887", 15_000_000, "all of it", "PO", "INV", TODAY, programme)
    with pytest.raises(GovernanceError, match="more than the grant has left"):
        service.transfer(grant, "887", 1, "x", "PO", "INV", TODAY, programme)


def test_the_ledger_page(grant, programme):
    client = signed_in(programme)
    client.post(
        reverse("governance:acceptance-new", args=[grant.pk]),
        {
            "la_code": "886",
            "accepted_on": TODAY.isoformat(),
            "accepted_by": "DCS Kent",
            "evidence_note": "signed letter",
        },
    )
    refused = client.post(
        reverse("governance:transfer-new", args=[grant.pk]),
        {
            "la_code": "887",
            "amount": "100",
            "purpose": "x",
            "purchase_order": "PO",
            "invoice_number": "I",
            "invoice_date": TODAY.isoformat(),
        },
    )
    assert "acceptance of the grant conditions" in refused.content.decode()
    client.post(
        reverse("governance:transfer-new", args=[grant.pk]),
        {
            "la_code": "886",
            "amount": "40,000.50",
            "purpose": "Practice leaders",
            "purchase_order": "PO-9",
            "invoice_number": "KCC-12",
            "invoice_date": TODAY.isoformat(),
        },
    )
    assert GrantTransfer.objects.get().amount_pence == 4_000_050
    html = client.get(reverse("governance:grant", args=[grant.pk])).content.decode()
    assert "£150,000.00" in html
    assert "£40,000.50" in html
    assert "£109,999.50" in html
    assert "PO PO-9, invoice KCC-12" in html


def test_a_refused_acceptance_keeps_no_evidence_file(grant, programme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tartan.web.governance.models import Document

    service.accept_conditions(grant, "886", TODAY, "DCS Kent", "letter", None, programme)
    documents = Document.objects.count()
    refused = signed_in(programme).post(
        reverse("governance:acceptance-new", args=[grant.pk]),
        {
            "la_code": "886",
            "accepted_on": TODAY.isoformat(),
            "accepted_by": "DCS Kent",
            "evidence_note": "signed letter, again",
            "evidence_file": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter"),
        },
    )
    assert "already recorded" in refused.content.decode()
    assert Document.objects.count() == documents
