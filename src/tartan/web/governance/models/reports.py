"""Projects, their progress reports, steering-group meetings and highlight reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.governance.documents import Rag
from tartan.web.collection.models import CollectionRound
from tartan.web.groups.tenancy import default_group_key

RAG_CHOICES = [(rag.value, rag.label) for rag in Rag]


class Project(models.Model):
    name = models.CharField(max_length=200)
    # The group whose programme this belongs to (governance.tenancy).
    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    description = models.TextField(blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_projects",
        help_text="The project manager, who submits its progress reports",
    )
    active = models.BooleanField(default=True)
    # The programme's public face (subscription terms 4): only what the programme manager chose
    # to publish; progress reports, RAG status and risks stay inside.
    shown_publicly = models.BooleanField(default=False)
    public_summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["group_key", "name"], name="project_name_per_group")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def latest_report(self) -> ProgressReport | None:
        return self.reports.first()


class ProgressReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reports")
    period = models.CharField(max_length=12, help_text="For example, 2024-25 Q3")
    rag = models.CharField("Status", max_length=10, choices=RAG_CHOICES)
    progress = models.TextField()
    risks = models.TextField("Risks and issues", blank=True)
    next_steps = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]


class MeetingKind(models.TextChoices):
    # 2019 MOU §14: the quarterly meetings on the released reports, and the steering group
    # (which the DfE's senior officials join twice a year).
    QUARTERLY = "quarterly", "Quarterly meeting on the released reports"
    STEERING = "steering", "Steering group"


class Meeting(models.Model):
    title = models.CharField(max_length=200, default="SESLIP Steering Group")
    # The group whose programme this belongs to (governance.tenancy).
    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    kind = models.CharField(
        max_length=12, choices=MeetingKind.choices, default=MeetingKind.STEERING
    )
    held_on = models.DateField()
    dfe_senior = models.BooleanField(
        "DfE senior officials join",
        default=False,
        help_text="Steering group only: the DfE's senior officials join part of it",
    )
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    round = models.ForeignKey(
        CollectionRound,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The released quarter whose regional overview goes in the pack",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title}, {self.held_on:%d %B %Y}"


class HighlightReport(models.Model):
    """The programme manager's report to a meeting: the latest report of each project when it
    was assembled (kept, so that later reports do not change what the meeting saw)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="highlights")
    summary = models.TextField(blank=True)
    reports = models.ManyToManyField(ProgressReport, related_name="+")
    without_report = models.JSONField(default=list, blank=True)
    assembled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assembled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assembled_at", "-id"]
