"""Who is invited to a meeting and who came; its decisions; its actions, with their owners,
due dates and updates (followed up at the next meeting of the same kind)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.web.governance.models.directory import Participant
from tartan.web.governance.models.reports import Meeting


class Invitation(models.Model):
    """A named person invited: an account, or a directory entry (someone without an account,
    an LGA adviser say). Attendance is recorded on the invitation after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    # The LA the person speaks for, if any: kept so that the LA's evidence pack can list the
    # meetings its people attended.
    la_code = models.CharField(max_length=3, blank=True)
    attended = models.BooleanField(null=True, help_text="Unknown until recorded")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="invited_once_by_account",
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant"],
                condition=models.Q(participant__isnull=False),
                name="invited_once_by_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} to {self.meeting}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class MeetingAction(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    text = models.TextField("Action")
    owner = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="actions")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default="open")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionUpdate(models.Model):
    """Progress on an action, given at a later meeting (or between meetings)."""

    action = models.ForeignKey(MeetingAction, on_delete=models.PROTECT, related_name="updates")
    at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="action_updates"
    )
    text = models.TextField("Update")
    status = models.CharField(max_length=10, choices=ActionStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
