"""Audit events. Nothing in the application updates or deletes one: the model refuses it, and
the database refuses it too (triggers on PostgreSQL and SQLite, see the migrations)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """An attempt to change or remove an audit event."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    def about_la(self, la_code: str) -> AuditQuerySet:
        """Events touching an LA's figures."""
        return self.filter(la_codes__contains=f",{la_code},")


class Action(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    TWO_FACTOR = "two_factor", "Two-factor check"
    UPLOAD = "upload", "Uploaded a return"
    VALIDATE = "validate", "Validated a return"
    EXPLAIN = "explain", "Explained a query"
    NOTE = "note", "Added a context note"
    QUERY = "query", "Raised or answered a query"
    ROUND = "round", "Opened or changed a round"
    SIGN_OFF = "sign_off", "Signed a quarter off"
    RELEASE = "release", "Released a quarter"
    VIEW = "view", "Viewed figures"
    DOWNLOAD = "download", "Downloaded"
    SHARE = "share", "Sharing request or decision"
    EXPORT = "export", "Export decision"
    GOVERNANCE = "governance", "Governance record"
    CONCERN = "concern", "Concerns protocol"
    CHILD_DATA = "child_data", "Child-level data"
    ADMIN = "admin", "Administration"


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    # The person's roles when the event happened (labels), so that an LA's own view can say
    # who looked without giving other organisations' addresses.
    roles = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    # The LAs whose figures the event touches, as ",845,846," so that a plain LIKE finds them
    # on every database.
    la_codes = models.CharField(max_length=400, blank=True, db_index=True)
    purpose = models.CharField(max_length=300, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    @property
    def la_code_list(self) -> list[str]:
        return [code for code in self.la_codes.split(",") if code]
