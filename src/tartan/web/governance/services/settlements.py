"""Settlement at termination: contributions for the year, shares to the penny, the due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from tartan.governance.settlement import SettlementError, settlement_due, share_balance
from tartan.web.governance.models import (
    InvoiceStatus,
    Memorandum,
    Settlement,
    SettlementShare,
    SubscriptionYear,
    Termination,
)
from tartan.web.governance.services import GovernanceError


def contributions(year: SubscriptionYear) -> dict[str, int]:
    """Each partner's contribution for the year: its subscription, net of VAT, as invoiced
    (a cancelled invoice contributes nothing)."""
    found: dict[str, int] = {}
    for sub in year.subscriptions.prefetch_related("invoices"):
        invoice = sub.current_invoice
        found[sub.la_code] = invoice.net_pence if invoice is not None else 0
    return found


@transaction.atomic
def settle(
    memorandum: Memorandum, year: SubscriptionYear, balance_pence: int, note: str, user: Any
) -> Settlement:
    ending = Termination.objects.filter(memorandum=memorandum).first()
    if ending is None:
        raise GovernanceError("a settlement follows the termination of the memorandum")
    if Settlement.objects.filter(memorandum=memorandum).exists():
        raise GovernanceError("this memorandum's settlement is already worked out")
    if memorandum.group_key != year.group_key:
        # Groups are tenants: one group's balance is never shared by another's subscriptions.
        raise GovernanceError("the memorandum and the year belong to different groups")
    paid_in = contributions(year)
    try:
        shares = share_balance(balance_pence, paid_in)
    except SettlementError as error:
        raise GovernanceError(str(error)) from None
    settlement = Settlement.objects.create(
        memorandum=memorandum,
        year=year,
        balance_pence=balance_pence,
        terminated_on=ending.takes_effect_on,
        due_on=settlement_due(ending.takes_effect_on),
        note=note,
        computed_by=user,
    )
    SettlementShare.objects.bulk_create(
        SettlementShare(
            settlement=settlement,
            la_code=code,
            contribution_pence=paid_in[code],
            share_pence=shares[code],
        )
        for code in sorted(paid_in)
    )
    return settlement


@transaction.atomic
def mark_settled(share: SettlementShare, settled_on: date, reference: str) -> SettlementShare:
    if share.settled_on is not None:
        raise GovernanceError("this share is already settled")
    share.settled_on = settled_on
    share.settled_reference = reference
    share.save()
    return share


__all__ = ["InvoiceStatus"]
