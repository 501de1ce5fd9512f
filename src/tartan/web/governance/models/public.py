"""The programme's public face (subscription terms 2.iv, 4, 5, 7): who holds which seat on the
steering group, and the complaints made to the programme manager or the chair."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tartan.web.governance.models.directory import Participant
from tartan.web.groups.tenancy import default_group_key


class Office(models.TextChoices):
    CHAIR = "chair", "Chair of the steering group"
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    MEMBER = "member", "Member of the steering group"


# The two people a complaint may be addressed to (subscription terms 7).
COMPLAINT_OFFICES = (Office.PROGRAMME_MANAGER, Office.CHAIR)


class CurrentSeats(models.Manager["SteeringSeat"]):
    def get_queryset(self) -> models.QuerySet[SteeringSeat]:
        today = timezone.localdate()
        return (
            super()
            .get_queryset()
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today), started_on__lte=today)
            .select_related("participant")
        )


class SteeringSeat(models.Model):
    """A person from the directory holding an office on the steering group from a date."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="seats")
    office = models.CharField(max_length=20, choices=Office.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = models.Manager()
    current = CurrentSeats()

    class Meta:
        ordering = ["office", "participant__name"]

    def __str__(self) -> str:
        return f"{self.participant.name}, {self.get_office_display()}"


class Complaint(models.Model):
    """A complaint or dispute about the conduct of a group's programme, from anyone: it is
    the group's whose public page it was made on, and only that group's offices handle it."""

    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    reference = models.CharField(max_length=20, unique=True)
    addressed_to = models.CharField(
        max_length=20, choices=[(o.value, o.label) for o in COMPLAINT_OFFICES]
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation = models.CharField(max_length=200, blank=True)
    details = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.TextField(blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"Complaint {self.reference}"

    @property
    def closed(self) -> bool:
        return self.outcome_on is not None
