"""Annual subscriptions: each year's terms, the population figures the tiers come from, the
subscriptions, their invoices (lines, VAT, totals in pence), payments and reminders."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.governance.subscriptions import Tier, TierRule
from tartan.reference.register import shipped_register
from tartan.web.groups.tenancy import default_group_key


class SubscriptionYear(models.Model):
    """One financial year's terms; the amounts are reviewed each year."""

    year = models.CharField(max_length=7, help_text="For example, 2023-24")
    # The group whose programme this belongs to (governance.tenancy).
    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    large_from = models.PositiveIntegerField(
        "Large from (population)", default=400_000, help_text="Total population, all ages"
    )
    large_pence = models.PositiveIntegerField()
    small_pence = models.PositiveIntegerField()
    vat_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("20.00"))
    payment_days = models.PositiveIntegerField(default=30)
    issuer_name = models.CharField(max_length=200)
    issuer_address = models.TextField()
    issuer_vat_number = models.CharField(max_length=30, blank=True)
    payment_instructions = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["group_key", "year"], name="one_year_per_group")
        ]

    def __str__(self) -> str:
        return self.year

    @property
    def rule(self) -> TierRule:
        return TierRule(self.large_pence, self.small_pence, self.large_from)


class PopulationFigure(models.Model):
    """An LA's total population (all ages) used for a year's tier, and where it came from.

    Not the ONS 0-17 table the rates use: the memorandum's tiers are by total population, so
    the figure is entered or imported for each year, with its source.
    """

    year = models.ForeignKey(SubscriptionYear, on_delete=models.PROTECT, related_name="figures")
    la_code = models.CharField(max_length=3)
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["la_code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "la_code"], name="one_population_per_year")
        ]

    @property
    def la_name(self) -> str:
        return shipped_register()[self.la_code].name


class Subscription(models.Model):
    """An LA's subscription for a year, with the figure its tier came from, as it was then."""

    year = models.ForeignKey(
        SubscriptionYear, on_delete=models.PROTECT, related_name="subscriptions"
    )
    la_code = models.CharField(max_length=3, db_index=True)
    population = models.PositiveIntegerField()
    population_source = models.CharField(max_length=300)
    tier = models.CharField(max_length=10, choices=[(t.value, t.label) for t in Tier])
    net_pence = models.PositiveIntegerField()
    invoice_address = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    purchase_order = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "la_code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "la_code"], name="one_subscription_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.la_name} {self.year.year}"

    @property
    def la_name(self) -> str:
        return shipped_register()[self.la_code].name

    @property
    def current_invoice(self) -> Invoice | None:
        return self.invoices.exclude(status=InvoiceStatus.CANCELLED).first()


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", "Issued, not paid"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class InvoiceChangeError(RuntimeError):
    """An attempt to change what an issued invoice charges."""


class Invoice(models.Model):
    """An issued invoice: its amounts never change (cancel it and issue another instead)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(max_length=40, unique=True)
    issued_on = models.DateField()
    due_on = models.DateField()
    purchase_order = models.CharField(max_length=60, blank=True)
    vat_percent = models.DecimalField(max_digits=5, decimal_places=2)
    net_pence = models.PositiveIntegerField()
    vat_pence = models.PositiveIntegerField()
    total_pence = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    paid_on = models.DateField(null=True, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    AMOUNTS = ("number", "issued_on", "vat_percent", "net_pence", "vat_pence", "total_pence")

    class Meta:
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_pence=models.F("net_pence") + models.F("vat_pence")),
                name="invoice_total_is_net_plus_vat",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Invoice:
        instance = super().from_db(db, field_names, values)
        instance._stored = {f: instance.__dict__.get(f) for f in cls.AMOUNTS}  # type: ignore[attr-defined]
        return instance

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = getattr(self, "_stored", None)
        if stored and any(stored[f] != getattr(self, f) for f in self.AMOUNTS):
            raise InvoiceChangeError("an issued invoice never changes: cancel it and issue another")
        super().save(*args, **kwargs)

    @property
    def la_code(self) -> str:
        return self.subscription.la_code

    def days_overdue(self, today: Any) -> int:
        if self.status != InvoiceStatus.ISSUED:
            return 0
        return max(0, (today - self.due_on).days)


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    description = models.CharField(max_length=300)
    quantity = models.PositiveIntegerField(default=1)
    unit_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    @property
    def net_pence(self) -> int:
        return self.quantity * self.unit_pence


class Reminder(models.Model):
    """A reminder that an invoice is overdue (who reminded, when, how late it was)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="reminders")
    sent_on = models.DateField()
    days_overdue = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-sent_on", "-id"]
