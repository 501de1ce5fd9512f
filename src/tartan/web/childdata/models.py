"""Requests for child-level data, the DPIAs attached to them, the extracts that move under them,
and the service's register of erased children.

A request names the LA whose children the data is about (the data controller), the purpose
(one of the library's purposes), the fields within it, the recipient and the date the data may
be kept until. It cannot hold an approval without a DPIA: ``save`` refuses it and so does the
database. DPIA documents and extracts are kept in the database, never where a web server could
serve them, and leave only through permission-checked views. An extract's bytes are only ever
removed (superseded, rewritten after an erasure, or purged at the end of retention), never
changed.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from tartan.web.accounts.models import Organisation
from tartan.web.childdata.errors import DpiaMissing
from tartan.web.childdata.fields import checked_fields


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    DPIA_ATTACHED = "dpia_attached", "DPIA attached"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    DATA_RECEIVED = "data_received", "Data received"
    PURGED = "purged", "Purged"


HOLDS_APPROVAL = (Status.APPROVED, Status.DATA_RECEIVED)
AWAITING_DECISION = (Status.SUBMITTED, Status.DPIA_ATTACHED)
# Once decided, the fields are what was decided on: a later change to the purposes file must
# not stop the data being received or purged.
FIELDS_FROZEN = (Status.REFUSED, Status.DATA_RECEIVED, Status.PURGED)


class ChildDataRequest(models.Model):
    # The LA whose children the data is about: the data controller, who decides.
    la_code = models.CharField(max_length=3, db_index=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requesting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.CharField(max_length=200)
    purpose = models.CharField(max_length=60)
    question = models.TextField()
    fields = models.JSONField(default=list, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    retention_until = models.DateField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    approved_dpia = models.ForeignKey(
        "Dpia", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in HOLDS_APPROVAL])
                | Q(approved_dpia__isnull=False),
                name="childdata_approval_needs_a_dpia",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"Request {self.pk}"

    @property
    def extract_recipient(self) -> str:
        """What ``tartan childlevel pseudonymise --recipient`` must be given, so that an extract
        made for another request or person cannot be uploaded against this one."""
        return f"child-level request {self.pk} for {self.recipient.username}"

    def past_retention(self, today: date) -> bool:
        """The data may be kept up to and including its retention date."""
        return today > self.retention_until

    @property
    def current_dpia(self) -> Dpia | None:
        return self.dpias.defer("content").order_by("-attached_at", "-id").first()

    @property
    def current_extract(self) -> ChildDataExtract | None:
        return (
            self.extracts.filter(removed_at__isnull=True)
            .defer("content")
            .order_by("-uploaded_at", "-id")
            .first()
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.status in HOLDS_APPROVAL and self.approved_dpia_id is None:
            raise DpiaMissing(
                f"{self.reference} cannot be approved: no Data Protection Impact Assessment "
                "is attached."
            )
        if self.status not in FIELDS_FROZEN:
            self.fields = checked_fields(self.purpose, self.fields)
        super().save(*args, **kwargs)


class Dpia(models.Model):
    """A Data Protection Impact Assessment: the document, who approved it, and when."""

    request = models.ForeignKey(ChildDataRequest, on_delete=models.PROTECT, related_name="dpias")
    document_name = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    approver_name = models.CharField(max_length=200)
    approver_role = models.CharField(max_length=200)
    approved_on = models.DateField()
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-attached_at", "-id"]

    def __str__(self) -> str:
        return self.document_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("a DPIA on record never changes: attach a new one")
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        self.size = len(self.content)
        super().save(*args, **kwargs)


class Removal(models.TextChoices):
    SUPERSEDED = "superseded", "Replaced by a later upload"
    ERASURE = "erasure", "Rewritten without an erased child"
    PURGED = "purged", "Purged at the end of retention"


class ChildDataExtract(models.Model):
    """A pseudonymised, minimised extract as stored: re-written by the service from what it
    checked, without erased children."""

    request = models.ForeignKey(ChildDataRequest, on_delete=models.PROTECT, related_name="extracts")
    original_name = models.CharField(max_length=255)
    content = models.BinaryField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    key_id = models.CharField(max_length=16, db_index=True)
    made_on = models.DateField()
    children = models.PositiveIntegerField()
    erased_left_out = models.PositiveIntegerField(default=0)
    tables = models.JSONField(default=dict)  # table → columns, as stored
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_because = models.CharField(max_length=20, choices=Removal.choices, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name


class ErasedChild(models.Model):
    """One entry of the erasure register: a pseudonym under a key id, never a child's id."""

    pseudonym = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)
    erased_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    la_code = models.CharField(max_length=3, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-erased_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pseudonym", "key_id"], name="childdata_erased_once")
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym[:12]}… ({self.key_id})"
