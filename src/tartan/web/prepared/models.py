"""A file someone asked for that a background task prepares, kept in the database (like uploads)
until they download it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tartan.web.collection.models import CollectionRound


class PreparedStatus(models.TextChoices):
    WAITING = "waiting", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be prepared"


class PreparedKind(models.TextChoices):
    OVERVIEW_WORKBOOK = "overview-xlsx", "Regional overview and every rug (Excel workbook)"
    MEETING_PACK = "meeting-pack", "Meeting pack (PDF)"


class PackCommentary(models.Model):
    """The commentary the DBG writes for a quarter's meeting pack (one per round)."""

    round = models.OneToOneField(CollectionRound, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Commentary, {self.round.period}"


class PreparedFile(models.Model):
    kind = models.CharField(max_length=30, choices=PreparedKind.choices)
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    purpose = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=PreparedStatus.choices, default=PreparedStatus.WAITING
    )
    name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True)  # of content, as every stored file has
    la_codes = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.round.period}"
