"""Benchmarking groups held by the service, and who is a member of each, from when to when.

A group (one of the nine regions, or any other set of authorities with its own DBG) is a tenant:
its rounds, releases, queries and protocol settings are its own. Membership is dated: an
authority joins or leaves from a date, and a round uses the members in force at the end of its
quarter (docs/groups.md). The shipped ``reference/data/groups.toml`` only seeds the demo.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from tartan.web.request_memo import forget


class BenchmarkingGroup(models.Model):
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    region_code = models.CharField(max_length=9, blank=True, help_text="ONS code, if a region")
    processor = models.CharField(
        max_length=200, blank=True, help_text="The authority that processes the group's returns"
    )
    # The protocol's setting: once the group releases a quarter, its figures join the national
    # quarter that every group compares with (the RIIA dataset, 2019 MOU 5.5.4).
    shares_national = models.BooleanField(
        default=True,
        help_text="Released quarters join the national quarter other groups compare with",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def in_force(self, day: date) -> MembershipQuerySet:
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Membership(models.Model):
    group = models.ForeignKey(
        BenchmarkingGroup, on_delete=models.PROTECT, related_name="memberships"
    )
    la_code = models.CharField(max_length=3, db_index=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="The last day of membership")
    # An authority from outside the region that elected to join (2023-24 MOU 5.5) is a member
    # like the others; the note records how it came in or went.
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "la_code", "starts_on"]

    def clean(self) -> None:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Membership cannot end before it starts"})
        others = Membership.objects.filter(group_id=self.group_id, la_code=self.la_code).exclude(
            pk=self.pk
        )
        end = self.ends_on or date.max
        for other in others:
            if other.starts_on <= end and (other.ends_on or date.max) >= self.starts_on:
                raise ValidationError(
                    f"{self.la_code} is already a member from {other.starts_on:%d %B %Y}"
                    + (f" to {other.ends_on:%d %B %Y}" if other.ends_on else "")
                )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.clean()
        super().save(*args, **kwargs)


@receiver([post_save, post_delete], sender=Membership)
@receiver([post_save, post_delete], sender=BenchmarkingGroup)
def _membership_changed(**_: Any) -> None:
    # The registry's name for this kind; spelt here since the registry imports these models.
    forget("membership")
