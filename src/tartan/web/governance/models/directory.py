"""The programme's contact directory (memorandum 5.6): shown on a public page unless the person
withholds consent; withdrawing takes effect at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.web.groups.tenancy import default_group_key


class PublicDirectory(models.Manager["Participant"]):
    def get_queryset(self) -> models.QuerySet[Participant]:
        return super().get_queryset().filter(consent_withheld=False, active=True)


class Participant(models.Model):
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    role = models.CharField(
        max_length=200, help_text="For example, Director of Children's Services"
    )
    email = models.EmailField("Work email")
    phone = models.CharField("Work phone", max_length=40, blank=True)
    # The group whose programme this belongs to (governance.tenancy).
    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_entry",
        help_text="The person's own account, so that they can change their entry",
    )
    consent_withheld = models.BooleanField(default=False)
    consent_changed_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = models.Manager()
    public = PublicDirectory()

    class Meta:
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name
