"""The data sharing protocol as people meet it: its versions, each person's acknowledgement of
each version (memorandum 5.5.3.v), and the DBG's log of issues in its operation (5.5.6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ProtocolVersion(models.Model):
    """One version of a group's protocol. The latest by ``effective_on`` (then id) is in force.

    Each group has its own protocol, published by its own DBG and binding its own people: one
    group's DBG never asks another group's people to acknowledge anything."""

    group_key = models.CharField(max_length=50, default="")
    version = models.CharField(max_length=30, help_text="For example, 2.1")
    effective_on = models.DateField()
    summary = models.TextField(help_text="What the protocol asks of people, or what changed")
    document = models.BinaryField(blank=True, default=b"")
    document_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["group_key", "version"], name="one_version_per_group")
        ]

    def __str__(self) -> str:
        return f"version {self.version} ({self.effective_on:%d %B %Y})"


class Acknowledgement(models.Model):
    version = models.ForeignKey(
        ProtocolVersion, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="protocol_acknowledgements"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="one_acknowledgement_each")
        ]


class IssueStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ProtocolIssue(models.Model):
    """Something that went wrong, or was unclear, in the protocol's operation, in one group's
    log (its DBG's): another group's DBG never sees it."""

    group_key = models.CharField(max_length=50, default="")
    title = models.CharField(max_length=200)
    description = models.TextField()
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    resolution = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return self.title
