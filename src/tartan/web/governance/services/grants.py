"""The grant: acceptance of its conditions, transfers by purchase order and invoice, the
recipients' spend and monitoring returns, what is outstanding, and the ledger.

What an LA does itself (accepting the conditions, invoicing a purchase order, filing a return)
is recorded with its audit event in one transaction: both or neither."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tartan.governance.ledger import Entry, Ledger, ledger
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance.models import (
    ConditionsAcceptance,
    Document,
    Grant,
    GrantReturn,
    GrantTransfer,
    Subscription,
    TransferStage,
)
from tartan.web.governance.services import GovernanceError


def grant_ledger(grant: Grant) -> Ledger:
    entries = [Entry(grant.received_on, f"Received: {grant.reference}", grant.amount_pence)]
    # A purchase order commits its amount when it is raised, so that two POs cannot together
    # promise more than the grant holds.
    entries += [
        Entry(
            t.raised_on or t.invoice_date or grant.received_on,
            f"Transfer to {t.la_name}: PO {t.purchase_order}, "
            + (f"invoice {t.invoice_number}" if t.invoice_number else "awaiting the LA's invoice"),
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
        raised_on=invoice_date,
        invoice_number=invoice_number.strip(),
        invoice_date=invoice_date,
        recorded_by=user,
    )


def accepted(grant: Grant, la_code: str) -> bool:
    return ConditionsAcceptance.objects.filter(grant=grant, la_code=la_code).exists()


@transaction.atomic
def accept_in_service(grant: Grant, request: HttpRequest) -> ConditionsAcceptance:
    """The LA's own key staff accept the conditions of the main grant (memorandum 3.2)."""
    user: Any = request.user
    locked = Grant.objects.select_for_update().get(pk=grant.pk)
    if accepted(locked, user.la_code):
        raise GovernanceError("your authority has already accepted these conditions")
    position = user.get_position_display() if user.position else ""
    made = ConditionsAcceptance.objects.create(
        grant=locked,
        la_code=user.la_code,
        accepted_on=timezone.localdate(),
        accepted_by=", ".join(p for p in (user.display_name, position) if p)[:200],
        evidence_note="accepted in the service by the authority's key staff",
        recorded_by=user,
        accepted_by_user=user,
    )
    record(
        request,
        Action.GOVERNANCE,
        obj=made,
        la_codes=[made.la_code],
        summary=f"grant conditions accepted in the service for {locked}",
    )
    return made


@transaction.atomic
def raise_purchase_order(
    grant: Grant,
    la_code: str,
    amount_pence: int,
    purpose: str,
    purchase_order: str,
    raised_on: date,
    user: Any,
) -> GrantTransfer:
    """The first stage of a transfer (3.3): the lead raises a PO the LA then invoices against."""
    locked = Grant.objects.select_for_update().get(pk=grant.pk)
    if not accepted(locked, la_code):
        raise GovernanceError("the LA must accept the grant conditions before a purchase order")
    if amount_pence <= 0:
        raise GovernanceError("a purchase order must be for more than nothing")
    if amount_pence > grant_ledger(locked).balance_pence:
        raise GovernanceError("the purchase order is more than the grant has left")
    if not purchase_order.strip():
        raise GovernanceError("give the purchase order number")
    return GrantTransfer.objects.create(
        grant=locked,
        la_code=la_code,
        amount_pence=amount_pence,
        purpose=purpose,
        purchase_order=purchase_order.strip(),
        raised_on=raised_on,
        recorded_by=user,
    )


@transaction.atomic
def submit_invoice(
    transfer: GrantTransfer,
    invoice_number: str,
    invoice_date: date,
    document: Document | None,
    request: HttpRequest,
) -> GrantTransfer:
    """The LA invoices the lead against its purchase order."""
    locked = GrantTransfer.objects.select_for_update().get(pk=transfer.pk)
    if locked.stage != TransferStage.RAISED:
        raise GovernanceError("this purchase order has already been invoiced")
    if not invoice_number.strip():
        raise GovernanceError("give your invoice number")
    locked.invoice_number = invoice_number.strip()
    locked.invoice_date = invoice_date
    locked.invoice_document = document
    locked.invoice_submitted_by = request.user
    locked.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=locked,
        la_codes=[locked.la_code],
        summary=f"invoice {locked.invoice_number} against PO {locked.purchase_order}",
    )
    return locked


@transaction.atomic
def record_paid(transfer: GrantTransfer, paid_on: date, request: HttpRequest) -> GrantTransfer:
    locked = GrantTransfer.objects.select_for_update().get(pk=transfer.pk)
    if locked.stage != TransferStage.INVOICED:
        raise GovernanceError("only an invoiced purchase order can be paid")
    locked.paid_on = paid_on
    locked.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=locked,
        la_codes=[locked.la_code],
        summary=f"PO {locked.purchase_order} paid",
    )
    return locked


@transaction.atomic
def ask_for_return(
    grant: Grant, la_code: str, period: str, due_on: date, request: HttpRequest
) -> GrantReturn:
    if GrantReturn.objects.filter(grant=grant, la_code=la_code, period=period).exists():
        raise GovernanceError("a return for that period is already asked of this LA")
    made = GrantReturn.objects.create(
        grant=grant, la_code=la_code, period=period, due_on=due_on, asked_by=request.user
    )
    record(
        request,
        Action.GOVERNANCE,
        obj=made,
        la_codes=[la_code],
        summary=f"grant return {period} asked of {la_code}",
    )
    return made


@transaction.atomic
def file_return(
    grant_return: GrantReturn,
    amount_spent_pence: int,
    narrative: str,
    document: Document | None,
    request: HttpRequest,
) -> GrantReturn:
    """The recipient files its spend and monitoring return, once."""
    locked = GrantReturn.objects.select_for_update().get(pk=grant_return.pk)
    if locked.filed:
        raise GovernanceError("this return has already been filed")
    if not narrative.strip():
        raise GovernanceError("say what the money was spent on and what it achieved")
    locked.amount_spent_pence = amount_spent_pence
    locked.narrative = narrative.strip()
    locked.document = document
    locked.filed_by = request.user
    locked.filed_at = timezone.now()
    locked.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=locked,
        la_codes=[locked.la_code],
        summary=f"grant return {locked.period} filed",
    )
    return locked


@dataclass(frozen=True)
class Outstanding:
    """What the programme is waiting for on a grant."""

    returns_due: list[GrantReturn]
    not_invoiced: list[GrantTransfer]
    not_accepted: list[str]

    @property
    def count(self) -> int:
        return len(self.returns_due) + len(self.not_invoiced) + len(self.not_accepted)


def outstanding(grant: Grant) -> Outstanding:
    """Returns asked and not filed, purchase orders not invoiced, and the LAs subscribing in the
    grant's year (or holding a PO or return) that have not accepted the conditions, the lead
    authority apart."""
    returns_due = list(grant.returns.filter(filed_at__isnull=True))
    not_invoiced = [t for t in grant.transfers.all() if t.stage == TransferStage.RAISED]
    expected = set(
        Subscription.objects.filter(
            year__year=grant.year, year__group_key=grant.group_key
        ).values_list("la_code", flat=True)
    )
    expected |= {t.la_code for t in grant.transfers.all()}
    expected |= {r.la_code for r in grant.returns.all()}
    done = set(grant.acceptances.values_list("la_code", flat=True))
    done.add(grant.lead_la_code)  # the lead holds the grant itself
    return Outstanding(returns_due, not_invoiced, sorted(expected - done))
