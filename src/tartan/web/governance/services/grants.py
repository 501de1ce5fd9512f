"""The grant: acceptance of its conditions, transfers, and the ledger."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from tartan.governance.ledger import Entry, Ledger, ledger
from tartan.web.governance.models import ConditionsAcceptance, Document, Grant, GrantTransfer
from tartan.web.governance.services import GovernanceError


def grant_ledger(grant: Grant) -> Ledger:
    entries = [Entry(grant.received_on, f"Received: {grant.reference}", grant.amount_pence)]
    entries += [
        Entry(
            t.invoice_date,
            f"Transfer to {t.la_name}: PO {t.purchase_order}, invoice {t.invoice_number}",
            transferred_pence=t.amount_pence,
        )
        for t in grant.transfers.all()
    ]
    return ledger(entries)


@transaction.atomic
def accept_conditions(
    grant: Grant,
    la_code: str,
    accepted_on: date,
    accepted_by: str,
    evidence_note: str,
    evidence: Document | None,
    user: Any,
) -> ConditionsAcceptance:
    if ConditionsAcceptance.objects.filter(grant=grant, la_code=la_code).exists():
        raise GovernanceError("this LA's acceptance is already recorded")
    return ConditionsAcceptance.objects.create(
        grant=grant,
        la_code=la_code,
        accepted_on=accepted_on,
        accepted_by=accepted_by,
        evidence_note=evidence_note,
        evidence=evidence,
        recorded_by=user,
    )


@transaction.atomic
def transfer(
    grant: Grant,
    la_code: str,
    amount_pence: int,
    purpose: str,
    purchase_order: str,
    invoice_number: str,
    invoice_date: date,
    user: Any,
) -> GrantTransfer:
    """A transfer needs the LA's acceptance of the conditions first, and cannot overspend."""
    locked = Grant.objects.select_for_update().get(pk=grant.pk)
    if not ConditionsAcceptance.objects.filter(grant=locked, la_code=la_code).exists():
        raise GovernanceError(
            "record the LA's acceptance of the grant conditions before transferring any of it"
        )
    if amount_pence <= 0:
        raise GovernanceError("a transfer must be more than nothing")
    if amount_pence > grant_ledger(locked).balance_pence:
        raise GovernanceError("the transfer is more than the grant has left")
    if not purchase_order.strip() or not invoice_number.strip():
        raise GovernanceError("a transfer is made by purchase order and invoice: give both")
    return GrantTransfer.objects.create(
        grant=locked,
        la_code=la_code,
        amount_pence=amount_pence,
        purpose=purpose,
        purchase_order=purchase_order.strip(),
        invoice_number=invoice_number.strip(),
        invoice_date=invoice_date,
        recorded_by=user,
    )
