"""Peer reviews of an LA: when, by whom, the report, and the follow-up actions.

Peer review reports are for internal and limited use (memorandum 5.5.3.i): the reviewed LA's
key staff, the DBG and the programme see them, nobody else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class PeerReview(models.Model):
    la_code = models.CharField("LA reviewed", max_length=3, db_index=True)
    title = models.CharField(max_length=200, help_text="For example, Front door peer review")
    reviewers = models.TextField(help_text="One per line: name, role and authority")
    scheduled_on = models.DateField("Review date")
    report = models.TextField("Report", blank=True, help_text="The findings, or a summary")
    report_document = models.ForeignKey(
        "governance.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The review's report as a file, if there is one",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-scheduled_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.la_code}), {self.scheduled_on:%d %B %Y}"

    @property
    def reviewer_list(self) -> list[str]:
        return [line.strip() for line in self.reviewers.splitlines() if line.strip()]


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class FollowUp(models.Model):
    review = models.ForeignKey(PeerReview, on_delete=models.PROTECT, related_name="follow_ups")
    text = models.TextField("Action")
    owner = models.CharField(max_length=200, help_text="Who in the LA does it")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=FollowUpStatus.choices, default="open")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]
