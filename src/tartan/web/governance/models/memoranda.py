"""Memoranda of understanding: parties, signatures, extensions and variations, reviews,
termination. Every change keeps its history (django-simple-history), so a memorandum can be
shown as it stood on any date.

The rule that matters most is enforced here, not only in the views: an extension or variation
takes effect only when every party has signed it in writing, and the term of a memorandum only
changes through such an extension.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.governance import signing
from tartan.governance.schedule import review_slots
from tartan.governance.signing import LA_ROLES, PartyKind, SignatoryRole
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind
from tartan.web.governance.models.documents import Document
from tartan.web.groups.tenancy import default_group_key

ROLE_CHOICES = [(role.value, role.label) for role in SignatoryRole]


class NotSignedByAll(ValueError):
    """A memorandum, extension or variation some party has not signed in writing yet."""

    def __init__(self, missing: list[signing.Missing], message: str = "") -> None:
        self.missing = missing
        super().__init__(
            message
            or "not every party has signed in writing; still to sign: "
            + "; ".join(m.text for m in missing)
        )


class MemorandumStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting signatures"
    IN_FORCE = "in_force", "In force"
    TERMINATED = "terminated", "Terminated"


class Memorandum(models.Model):
    title = models.CharField(max_length=300)
    # The group whose programme this belongs to (governance.tenancy).
    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    version = models.CharField(max_length=40, help_text="For example, 2023-24 or 1.2")
    summary = models.TextField(blank=True)
    starts_on = models.DateField("Term starts")
    ends_on = models.DateField("Term ends")
    first_review_on = models.DateField("First review", help_text="Then one review a year")
    status = models.CharField(
        max_length=20, choices=MemorandumStatus.choices, default=MemorandumStatus.AWAITING
    )
    la_signatories = models.JSONField(
        default=list, help_text="Who signs for each LA party (roles)", blank=True
    )
    regional_lead_may_sign = models.BooleanField(
        default=False, help_text="The regional lead may sign once on behalf of every member LA"
    )
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="term_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Memorandum:
        instance = super().from_db(db, field_names, values)
        instance._stored_ends_on = instance.__dict__.get("ends_on")  # type: ignore[attr-defined]
        return instance

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored = getattr(self, "_stored_ends_on", None)
        if self.pk is not None and stored is not None and stored != self.ends_on:
            extended = self.variations.filter(
                kind=VariationKind.EXTENSION, new_ends_on=self.ends_on, effective_on__isnull=False
            ).exists()
            if not extended:
                raise NotSignedByAll(
                    [], "the term changes only through an extension every party has signed"
                )
        if self.status == MemorandumStatus.IN_FORCE and self.pk is not None:
            missing = self.missing(None)
            if missing:
                raise NotSignedByAll(missing)
        super().save(*args, **kwargs)
        self._stored_ends_on = self.ends_on

    @property
    def la_roles(self) -> list[SignatoryRole]:
        return [SignatoryRole(r) for r in (self.la_signatories or [r.value for r in LA_ROLES])]

    def signing_parties(self) -> list[signing.Party]:
        return [p.as_signing_party() for p in self.parties.select_related("organisation")]

    def missing(self, variation: Variation | None) -> list[signing.Missing]:
        """Who has still to sign the memorandum itself (``None``) or one of its variations."""
        signed = [
            signing.Signed(str(s.party_id), SignatoryRole(s.role))
            for s in self.signatures.filter(variation=variation)
        ]
        return signing.missing_signatures(self.signing_parties(), signed, self.la_roles)

    @property
    def termination_or_none(self) -> Termination | None:
        return Termination.objects.filter(memorandum=self).first()

    @property
    def last_day(self) -> date:
        """The term's last day, or the day before a termination takes effect."""
        ending = self.termination_or_none
        if ending is not None:
            return min(self.ends_on, ending.takes_effect_on - timedelta(days=1))
        return self.ends_on

    def state_on(self, day: date) -> str:
        ending = self.termination_or_none
        if ending is not None and day >= ending.takes_effect_on:
            return f"Terminated from {ending.takes_effect_on:%d %B %Y}"
        if day > self.ends_on:
            return "Ended"
        if day < self.starts_on and self.status != MemorandumStatus.AWAITING:
            return "Signed, not started"
        if ending is not None:
            return f"In force; notice given, ends {ending.takes_effect_on:%d %B %Y}"
        return self.get_status_display()

    def review_slots(self, today: date) -> list[Any]:
        held = {r.due_on: r.held_on for r in self.reviews.all()}
        return review_slots(self.first_review_on, self.last_day, held, today)

    @property
    def la_codes(self) -> list[str]:
        return [
            p.organisation.la_code
            for p in self.parties.select_related("organisation")
            if p.organisation.la_code
        ]


class Party(models.Model):
    memorandum = models.ForeignKey(Memorandum, on_delete=models.PROTECT, related_name="parties")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "organisation"], name="party_once")
        ]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def kind(self) -> PartyKind:
        kind = self.organisation.kind
        if kind == OrganisationKind.LOCAL_AUTHORITY:
            return PartyKind.LA
        if kind == OrganisationKind.DFE:
            return PartyKind.DFE
        return PartyKind.OTHER

    def as_signing_party(self) -> signing.Party:
        return signing.Party(str(self.pk), self.organisation.name, self.kind)


class VariationKind(models.TextChoices):
    EXTENSION = "extension", "Extension of the term"
    VARIATION = "variation", "Variation of the terms"


class Variation(models.Model):
    memorandum = models.ForeignKey(Memorandum, on_delete=models.PROTECT, related_name="variations")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=VariationKind.choices)
    summary = models.TextField(help_text="What changes, in the words the parties agreed")
    new_ends_on = models.DateField("New end of the term", null=True, blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField()
    effective_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["memorandum", "number"]
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "number"], name="variation_numbers"),
            models.CheckConstraint(
                condition=~models.Q(kind="extension") | models.Q(new_ends_on__isnull=False),
                name="extension_has_new_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.effective_on is not None:
            if self.pk is None:
                raise NotSignedByAll([], "a variation takes effect only once every party signs it")
            missing = self.memorandum.missing(self)
            if missing:
                raise NotSignedByAll(missing)
        super().save(*args, **kwargs)

    @property
    def in_effect(self) -> bool:
        return self.effective_on is not None


class Signature(models.Model):
    """A party's written signature of the memorandum (no variation) or of a variation."""

    memorandum = models.ForeignKey(Memorandum, on_delete=models.PROTECT, related_name="signatures")
    variation = models.ForeignKey(
        Variation, null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="signatures")
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    signatory_name = models.CharField(max_length=200)
    signed_on = models.DateField()
    evidence_note = models.CharField(
        max_length=500, help_text="Where the signed copy is: for example, 'signed PDF by email'"
    )
    evidence = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["party__organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["memorandum", "party", "role"],
                condition=models.Q(variation__isnull=True),
                name="one_signature_per_role",
            ),
            models.UniqueConstraint(
                fields=["variation", "party", "role"],
                condition=models.Q(variation__isnull=False),
                name="one_variation_signature_per_role",
            ),
        ]

    @property
    def role_label(self) -> str:
        return SignatoryRole(self.role).label


class Review(models.Model):
    memorandum = models.ForeignKey(Memorandum, on_delete=models.PROTECT, related_name="reviews")
    due_on = models.DateField(help_text="The scheduled review this was")
    held_on = models.DateField()
    outcome = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["memorandum", "due_on"], name="one_review_per_date")
        ]


class Termination(models.Model):
    """A party's written notice to terminate, and the date it takes effect."""

    memorandum = models.OneToOneField(
        Memorandum, on_delete=models.PROTECT, related_name="termination"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    notice_given_on = models.DateField()
    takes_effect_on = models.DateField()
    reason = models.TextField(blank=True)
    evidence_note = models.CharField(max_length=500)
    evidence = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()
