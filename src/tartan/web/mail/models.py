"""The outbox: every message is a row first, written in the same transaction as the action
that causes it, then sent by the worker (``send_outbox``), retried until the mail server takes it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tartan.web.groups.tenancy import default_group_key


class Message(models.Model):
    kind = models.CharField(max_length=40, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_received",
    )
    to_address = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    # One message per event and person: a reminder job run twice sends nothing twice.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_address}"


class Preference(models.Model):
    """A person's choice about one optional kind of message (no row: they get it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences"
    )
    kind = models.CharField(max_length=40)
    wanted = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_choice_per_kind")]


class WeeklyUpdate(models.Model):
    """The programme's weekly update email (subscription terms 2.iv): written and previewed in
    the service, sent to the consenting subscribers of its group's directory, kept once sent.
    Each group is a tenant: an update belongs to the group whose programme wrote it."""

    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    title = models.CharField(max_length=150)
    news = models.TextField(help_text="Paragraphs, separated by a blank line")
    due = models.TextField(blank=True, help_text="What is due this week: one line each")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def news_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.news.replace("\r\n", "\n").split("\n\n") if p.strip()]

    @property
    def due_lines(self) -> list[str]:
        return [line.strip() for line in self.due.splitlines() if line.strip()]


class Unsubscribed(models.Model):
    """An address that asked, from the update's own link, not to get the weekly update."""

    address = models.EmailField(unique=True)
    at = models.DateTimeField(auto_now_add=True)
