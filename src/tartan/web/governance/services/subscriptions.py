"""Subscriptions: population figures in, subscriptions and invoices out, payments, reminders."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tartan.governance.subscriptions import InvoiceLine as Line
from tartan.governance.subscriptions import Tier, invoice_totals, payment_due
from tartan.reference.register import shipped_register
from tartan.web.governance.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    PopulationFigure,
    Reminder,
    Subscription,
    SubscriptionYear,
)
from tartan.web.governance.services import GovernanceError

REMIND_EVERY_DAYS = 14


@dataclass(frozen=True)
class FigureRow:
    la_code: str
    population: int


def parse_population_csv(text: str) -> list[FigureRow]:
    """``la_code,population`` lines (a header row and thousands separators are fine)."""
    register = shipped_register()
    rows, problems = [], []
    for number, fields in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [f.strip() for f in fields]
        if not any(cells):
            continue
        if number == 1 and not cells[0].isdigit():
            continue  # a header
        if len(cells) < 2:
            problems.append(f"line {number}: write an LA code and a population")
            continue
        code, value = cells[0], cells[1].replace(",", "").replace(" ", "")
        if code not in register:
            problems.append(f"line {number}: {code} is not an LA code")
        elif not value.isdigit():
            problems.append(f"line {number}: {cells[1]} is not a whole number")
        else:
            rows.append(FigureRow(code, int(value)))
    if problems:
        raise GovernanceError("; ".join(problems))
    return rows


@transaction.atomic
def record_population(
    year: SubscriptionYear, la_code: str, population: int, source: str, user: Any
) -> PopulationFigure:
    if Subscription.objects.filter(year=year, la_code=la_code).exists():
        raise GovernanceError(
            f"{la_code}'s subscription for {year.year} is already set from its figure"
        )
    if not source.strip():
        raise GovernanceError("say where the figure comes from")
    figure, _ = PopulationFigure.objects.update_or_create(
        year=year,
        la_code=la_code,
        defaults={"population": population, "source": source.strip(), "entered_by": user},
    )
    return figure


@transaction.atomic
def create_subscriptions(
    year: SubscriptionYear, la_codes: list[str], user: Any
) -> tuple[list[Subscription], list[str]]:
    """A subscription for each LA with a population figure; returns those made and the LAs
    still without a figure."""
    figures = {f.la_code: f for f in year.figures.all()}
    made, missing = [], []
    rule = year.rule
    for code in la_codes:
        if Subscription.objects.filter(year=year, la_code=code).exists():
            continue
        figure = figures.get(code)
        if figure is None:
            missing.append(code)
            continue
        tier = rule.tier(figure.population)
        made.append(
            Subscription.objects.create(
                year=year,
                la_code=code,
                population=figure.population,
                population_source=figure.source,
                tier=tier.value,
                net_pence=rule.amount(tier),
                created_by=user,
            )
        )
    return made, missing


def _next_number(year: SubscriptionYear) -> str:
    prefix = f"SLI-{year.year}-"
    last = Invoice.objects.filter(number__startswith=prefix).aggregate(Max("number"))
    count = int(last["number__max"][len(prefix) :]) if last["number__max"] else 0
    return f"{prefix}{count + 1:03d}"


def invoice_lines(subscription: Subscription) -> list[Line]:
    year = subscription.year
    tier = Tier(subscription.tier)
    return [
        Line(
            f"Annual subscription to the South East Sector Led Improvement Programme, "
            f"{year.year}: {tier.label.lower()} ({year.rule.describe(tier)})",
            1,
            subscription.net_pence,
        )
    ]


@transaction.atomic
def issue_invoice(subscription: Subscription, user: Any, issued_on: date | None = None) -> Invoice:
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if locked.current_invoice is not None:
        raise GovernanceError(f"{locked} already has invoice {locked.current_invoice.number}")
    year = locked.year
    issued_on = issued_on or timezone.localdate()
    lines = invoice_lines(locked)
    totals = invoice_totals(lines, year.vat_percent)
    invoice = Invoice.objects.create(
        subscription=locked,
        number=_next_number(year),
        issued_on=issued_on,
        due_on=payment_due(issued_on, year.payment_days),
        purchase_order=locked.purchase_order,
        vat_percent=year.vat_percent,
        net_pence=totals.net_pence,
        vat_pence=totals.vat_pence,
        total_pence=totals.total_pence,
        issued_by=user,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice, description=line.description, quantity=1, unit_pence=line.unit_pence
        )
        for line in lines
    )
    return invoice


@transaction.atomic
def record_payment(invoice: Invoice, paid_on: date, reference: str) -> Invoice:
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if locked.status != InvoiceStatus.ISSUED:
        raise GovernanceError(f"invoice {locked.number} is {locked.get_status_display().lower()}")
    if paid_on < locked.issued_on:
        raise GovernanceError("a payment cannot come before the invoice")
    locked.status = InvoiceStatus.PAID
    locked.paid_on = paid_on
    locked.payment_reference = reference
    locked.save()
    return locked


@transaction.atomic
def cancel_invoice(invoice: Invoice, reason: str) -> Invoice:
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if locked.status != InvoiceStatus.ISSUED:
        raise GovernanceError("only an unpaid invoice can be cancelled")
    if not reason.strip():
        raise GovernanceError("say why the invoice is cancelled")
    locked.status = InvoiceStatus.CANCELLED
    locked.cancelled_reason = reason.strip()
    locked.save()
    return locked


def overdue_invoices(today: date, group_key: str | None = None) -> list[Invoice]:
    """The overdue invoices of one group's years (of every group's, for the scheduled run)."""
    found = Invoice.objects.filter(status=InvoiceStatus.ISSUED, due_on__lt=today)
    if group_key is not None:
        found = found.filter(subscription__year__group_key=group_key)
    return list(
        found.select_related("subscription__year")
        .prefetch_related("reminders")
        .order_by("due_on", "number")
    )


def needs_reminder(invoice: Invoice, today: date) -> bool:
    last = invoice.reminders.first()
    return last is None or today - last.sent_on >= timedelta(days=REMIND_EVERY_DAYS)


@transaction.atomic
def remind(invoice: Invoice, today: date, user: Any = None, note: str = "") -> Reminder:
    if invoice.days_overdue(today) <= 0:
        raise GovernanceError(f"invoice {invoice.number} is not overdue")
    return Reminder.objects.create(
        invoice=invoice,
        sent_on=today,
        days_overdue=invoice.days_overdue(today),
        note=note[:300],
        recorded_by=user,
    )


def send_reminders(today: date, user: Any = None, group_key: str | None = None) -> list[Reminder]:
    """A reminder for each overdue invoice (of one group, if given) not reminded in the last
    fortnight."""
    return [
        remind(invoice, today, user, "reminder sent by the fortnightly run")
        for invoice in overdue_invoices(today, group_key)
        if needs_reminder(invoice, today)
    ]
