"""Freedom of information requests an LA receives that concern the group's unpublished data:
the request, the consultation of every other member LA with its deadline, their answers, and
the outcome the receiving LA decides (data sharing protocol: no release without the group's
permission)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Outcome(models.TextChoices):
    PENDING = "pending", "Not yet decided"
    WITHHELD = "withheld", "Withheld (exemption applied)"
    RELEASED = "released", "Released with the group's permission"
    PARTLY = "partly", "Partly released with the group's permission"
    PUBLISHED_ONLY = "published_only", "Answered from published figures only"


class FoiRequest(models.Model):
    group_key = models.CharField(max_length=50)
    la_code = models.CharField(max_length=3, help_text="The LA that received the request")
    reference = models.CharField(max_length=60, help_text="The LA's own reference")
    received_on = models.DateField()
    summary = models.TextField(help_text="What is asked for (no requester's personal details)")
    respond_by = models.DateField(help_text="When the consulted LAs should answer by")
    deadline_rule = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"FOI {self.reference} ({self.la_code})"


class Answer(models.TextChoices):
    WAITING = "waiting", "Not yet answered"
    AGREE = "agree", "Agrees to release"
    OBJECT = "object", "Objects to release"


class Consultation(models.Model):
    request = models.ForeignKey(FoiRequest, on_delete=models.PROTECT, related_name="consultations")
    la_code = models.CharField(max_length=3)
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.WAITING)
    comment = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["la_code"]
        constraints = [
            models.UniqueConstraint(fields=["request", "la_code"], name="one_consultation_per_la")
        ]
