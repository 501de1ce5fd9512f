"""The protocol's records: agreed purposes, permission to share wider, export decisions, and the
cross-regional dataset received from other regions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tartan.web.accounts.models import Organisation
from tartan.web.collection.models import CollectionRound


class AgreedPurpose(models.Model):
    """A purpose an organisation (the DfE) may use released figures for, as the memorandum says."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="purposes"
    )
    text = models.CharField(max_length=300)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it was agreed (memorandum, paragraph)"
    )

    def __str__(self) -> str:
        return self.text


class RequestKind(models.TextChoices):
    IDENTIFIED = "identified", "Share an identified report beyond the group"
    CROSS_GOVERNMENT = "cross_government", "DfE: share insights across government"


class Report(models.TextChoices):
    RUG = "rug", "One authority's rug"
    OVERVIEW = "overview", "The regional overview"


class ShareRequest(models.Model):
    kind = models.CharField(
        max_length=20, choices=RequestKind.choices, default=RequestKind.IDENTIFIED
    )
    round = models.ForeignKey(
        CollectionRound, on_delete=models.PROTECT, related_name="share_requests"
    )
    report = models.CharField(max_length=10, choices=Report.choices)
    la_code = models.CharField(max_length=3, blank=True, help_text="For a rug: whose")
    recipient = models.CharField(max_length=200)
    purpose = models.CharField(max_length=500)
    until = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    # A DfE request to share insights across government: notice to the region first.
    notice_ends = models.DateField(null=True, blank=True)
    region_response = models.TextField(blank=True)
    region_agrees = models.BooleanField(null=True)
    region_responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region_responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class ShareAnswer(models.Model):
    request = models.ForeignKey(ShareRequest, on_delete=models.PROTECT, related_name="answers")
    la_code = models.CharField(max_length=3)
    agrees = models.BooleanField()
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "la_code"], name="one_answer_per_la")
        ]


class ExportDecision(models.Model):
    """A concealed export and the gate's decision on it, with its evidence; the file only if allowed."""

    round = models.ForeignKey(
        CollectionRound, on_delete=models.PROTECT, related_name="export_decisions"
    )
    la_code = models.CharField(max_length=3)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="exports_received"
    )
    design = models.CharField(max_length=20)
    purpose = models.CharField(max_length=300)
    allowed = models.BooleanField()
    evidence = models.JSONField()  # for the exporting LA: never another LA's code or figure
    audit_evidence = models.JSONField(default=dict)  # for the DBG's audit view only
    file_format = models.CharField(max_length=4, default="csv")
    content = models.BinaryField(null=True)
    sha256 = models.CharField(max_length=64, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_at"]


class NationalImport(models.Model):
    """Another region's released quarters, received as the national dataset."""

    source = models.CharField(max_length=200)
    received = models.DateField()
    original_name = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    accepted = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list)
    findings = models.JSONField(default=list)

    class Meta:
        ordering = ["-uploaded_at"]


class NationalFigure(models.Model):
    dataset = models.ForeignKey(NationalImport, on_delete=models.PROTECT, related_name="figures")
    la_code = models.CharField(max_length=3, db_index=True)
    period = models.CharField(max_length=12, db_index=True)
    item = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    symbol = models.CharField(max_length=4, blank=True)
