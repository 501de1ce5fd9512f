"""The DfE's grant to the lead authority, each LA's acceptance of its conditions, and the
transfers to member LAs (by purchase order and invoice)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.reference.register import shipped_register
from tartan.web.governance.models.documents import Document
from tartan.web.groups.tenancy import default_group_key


class Grant(models.Model):
    year = models.CharField(max_length=7, help_text="Financial year, for example 2023-24")
    # The group whose programme this belongs to (governance.tenancy).
    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    reference = models.CharField(max_length=200, help_text="For example, s31 grant 2023-24")
    amount_pence = models.PositiveIntegerField()
    received_on = models.DateField()
    lead_la_code = models.CharField("Lead authority", max_length=3, default="845")
    conditions = models.TextField()
    conditions_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-received_on"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.year})"

    @property
    def lead_name(self) -> str:
        return shipped_register()[self.lead_la_code].name


class ConditionsAcceptance(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="acceptances")
    la_code = models.CharField(max_length=3)
    accepted_on = models.DateField()
    accepted_by = models.CharField(max_length=200, help_text="Name and position of who accepted")
    evidence_note = models.CharField(max_length=500)
    evidence = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set when the LA's own key staff accepted in the service (issue 17 point 3); empty when
    # programme staff recorded an acceptance made elsewhere (a signed letter, an email).
    accepted_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["la_code"]
        constraints = [models.UniqueConstraint(fields=["grant", "la_code"], name="accepted_once")]

    @property
    def la_name(self) -> str:
        return shipped_register()[self.la_code].name


class TransferStage(models.TextChoices):
    """A transfer is made by purchase order and invoice (memorandum 3.3)."""

    RAISED = "raised", "Purchase order raised"
    INVOICED = "invoiced", "Invoiced"
    PAID = "paid", "Paid"


class GrantTransfer(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="transfers")
    la_code = models.CharField(max_length=3)
    amount_pence = models.PositiveIntegerField()
    purpose = models.CharField(max_length=300)
    purchase_order = models.CharField(max_length=60)
    # Empty only on transfers recorded before purchase orders had their own stage.
    raised_on = models.DateField("Purchase order raised on", null=True, blank=True)
    invoice_number = models.CharField(
        max_length=60, blank=True, help_text="The LA's invoice to the lead"
    )
    invoice_date = models.DateField(null=True, blank=True)
    invoice_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invoice_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_on", "id"]

    @property
    def la_name(self) -> str:
        return shipped_register()[self.la_code].name

    @property
    def stage(self) -> TransferStage:
        if self.paid_on is not None:
            return TransferStage.PAID
        if self.invoice_number:
            return TransferStage.INVOICED
        return TransferStage.RAISED


class GrantReturn(models.Model):
    """A spend and monitoring return the programme asks of a recipient LA, and the LA files."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="returns")
    la_code = models.CharField(max_length=3)
    period = models.CharField(max_length=40, help_text="For example, 2024-25 Q3")
    due_on = models.DateField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    amount_spent_pence = models.PositiveIntegerField(null=True, blank=True)
    narrative = models.TextField(blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "la_code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "la_code", "period"], name="one_return_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.la_name}, {self.period}"

    @property
    def la_name(self) -> str:
        return shipped_register()[self.la_code].name

    @property
    def filed(self) -> bool:
        return self.filed_at is not None
