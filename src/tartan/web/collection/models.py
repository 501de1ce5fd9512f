"""The quarterly cycle as records: rounds, return versions, findings, queries, sign-off, releases.

A return version is immutable: its original bytes, their hash, who uploaded it and when. A
resubmission is a new version; nothing is overwritten. A release snapshots which version of each
LA it contains; a correction after release is a new release and the earlier one is kept, marked
superseded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tartan.periods import Period
from tartan.web.request_memo import forget, remembered

RELEASES = "releases"  # the request memo's kind for each round's current release


class ImmutableError(RuntimeError):
    """An attempt to change a record that must never change."""


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open for returns"
    SIGNED_OFF = "signed_off", "Signed off"
    RELEASED = "released", "Released"


class CollectionRound(models.Model):
    group_key = models.CharField(max_length=50)
    period = models.CharField(max_length=12)
    deadline = models.DateField()
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    synthetic = models.BooleanField(default=False, help_text="Demo data, not real figures")

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["group_key", "period"], name="one_round_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.period}"

    @property
    def quarter(self) -> Period:
        return Period.parse(self.period)

    @property
    def current_release(self) -> Release | None:
        # Asked of every quarter a picker offers: one query for the group's rounds per request.
        current = remembered(RELEASES, self.group_key, lambda: _current_releases(self.group_key))
        return current.get(self.pk)

    @property
    def is_released(self) -> bool:
        return self.current_release is not None


class VersionStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Has errors"
    UNREADABLE = "unreadable", "Cannot be read"


class ReturnVersion(models.Model):
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="versions")
    la_code = models.CharField(max_length=3, db_index=True)
    number = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=VersionStatus.choices)
    error_count = models.PositiveIntegerField(default=0)
    query_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["round", "la_code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "la_code", "number"], name="version_numbers_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.la_code} {self.round.period} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError("a return version never changes: upload a new version")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("a return version is never deleted")

    @property
    def accepted(self) -> bool:
        return self.status == VersionStatus.ACCEPTED


class Finding(models.Model):
    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="findings")
    code = models.CharField(max_length=8)
    severity = models.CharField(max_length=10)
    row = models.PositiveIntegerField(null=True)
    column = models.CharField(max_length=60, blank=True)
    item = models.CharField(max_length=60, blank=True)
    message = models.TextField()

    class Meta:
        ordering = ["id"]

    @property
    def is_query(self) -> bool:
        return self.severity == "query"


class Figure(models.Model):
    """An accepted version's figures, item by item (a symbol has no value)."""

    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="figures")
    item = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    symbol = models.CharField(max_length=4, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "item"], name="one_figure_per_item")
        ]


class Explanation(models.Model):
    """The LA's explanation of a query finding."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="explanations")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]


class ContextNote(models.Model):
    """Interpretative information an LA attaches to an indicator; the latest shows on the rug."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="notes")
    la_code = models.CharField(max_length=3)
    indicator = models.CharField(max_length=40)
    text = models.TextField(max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]


class QueryStatus(models.TextChoices):
    OPEN = "open", "Waiting for the LA"
    ANSWERED = "answered", "Answered by the LA"
    CLOSED = "closed", "Closed"


class DbgQuery(models.Model):
    """A question the DBG raises on an LA's return: a thread the LA answers (or resubmits)."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="queries")
    la_code = models.CharField(max_length=3)
    version = models.ForeignKey(
        ReturnVersion, null=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=QueryStatus.choices, default=QueryStatus.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-raised_at"]


class QueryMessage(models.Model):
    query = models.ForeignKey(DbgQuery, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ["at", "id"]


class SignOff(models.Model):
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="sign_offs")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)


class Release(models.Model):
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="releases")
    number = models.PositiveIntegerField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True, help_text="Why a correction was released")
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    class Meta:
        ordering = ["round", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="release_numbers_unique")
        ]

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None


class ReleasedReturn(models.Model):
    """Which version of an LA's return a release contains."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="returns")
    la_code = models.CharField(max_length=3)
    version = models.ForeignKey(ReturnVersion, on_delete=models.PROTECT, related_name="+")


class Exclusion(models.Model):
    """An LA explicitly left out of a release (no accepted return), with the reason."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="exclusions")
    la_code = models.CharField(max_length=3)
    reason = models.CharField(max_length=300)


def _current_releases(group_key: str) -> dict[int, Release]:
    """The current (newest, not superseded) release of each of a group's rounds."""
    current: dict[int, Release] = {}
    for release in Release.objects.filter(
        round__group_key=group_key, superseded_by__isnull=True
    ).order_by("number"):
        current[release.round_id] = release
    return current


@receiver([post_save, post_delete], sender=Release)
def _release_changed(**_: Any) -> None:
    forget(RELEASES)
