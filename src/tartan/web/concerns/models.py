"""Worries about an authority's services, as records (2023-24 memorandum, section 4).

The route itself (states, moves, who may make each) is ``tartan.concerns.route``; these models
store where a worry stands and refuse any change of state the route does not have. A peer's
response, a disclosure and a step after escalation never change once written. A disclosure
holds only parts the peer agreed can be shared, copied word for word from the conversation:
the model refuses anything else, whichever way it is written.

None of these models is registered in Django's admin: administrators are not in the
conversation.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from tartan.concerns.parts import (
    PART_LABELS,
    Part,
    beyond,
    carried_by_escalation,
    ordered,
    parse,
    shareable_further,
)
from tartan.concerns.route import ROUTE, STATE_LABELS, State
from tartan.web.groups.tenancy import default_group_key


class ConcernRecordError(RuntimeError):
    """A change the protocol does not allow to a record of a worry."""


class BeyondAgreement(ConcernRecordError):
    """A disclosure holding something the peer did not agree can be shared."""


class Unchangeable(models.QuerySet):
    """Bulk writes bypass ``save``: refused, so that every write goes through its checks."""

    def update(self, **kwargs: Any) -> int:
        raise ConcernRecordError(f"{self.model.__name__} records are not changed in bulk")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[Any]:
        raise ConcernRecordError(f"{self.model.__name__} records are written one at a time")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise ConcernRecordError(f"{self.model.__name__} records are not changed in bulk")


class WrittenOnce(models.Model):
    """A record that never changes and is never deleted once written."""

    objects = Unchangeable.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ConcernRecordError(f"a {type(self).__name__} never changes once written")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ConcernRecordError(f"a {type(self).__name__} is never deleted")


class SteeringGroupQuerySet(models.QuerySet["SteeringGroupMembership"]):
    def current(self) -> SteeringGroupQuerySet:
        return self.filter(left_on__isnull=True, person__is_active=True)

    def of_group(self, group_key: str) -> SteeringGroupQuerySet:
        return self.filter(group_key=group_key)


class SteeringGroupMembership(models.Model):
    """A person's membership of the programme's steering group, from one date to another.

    The steering group is a committee (the subscription terms: "maintain a steering group to
    manage the programme", chaired by a DCS): membership is a record with dates, kept by
    programme staff, not a flag on a person, so that who could have been chosen for an
    escalation at any time stays known. Each group is a tenant with its own programme and so its
    own steering group (``group_key``), kept by that group's programme staff.
    """

    group_key = models.CharField(max_length=50, default=default_group_key, db_index=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="steering_memberships"
    )
    joined_on = models.DateField(default=date.today)
    left_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = SteeringGroupQuerySet.as_manager()

    class Meta:
        ordering = ["left_on", "person__last_name", "person__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["group_key", "person"],
                condition=models.Q(left_on__isnull=True),
                name="one_current_steering_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.joined_on}–{self.left_on or ''})"


LEGAL_CHANGES = frozenset((s, t.target) for t in ROUTE for s in t.sources if s is not None)


class Worry(models.Model):
    """One worry about the overall quality of children's services in a named authority."""

    ref = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    la_code = models.CharField(max_length=3, help_text="The authority the worry is about")
    state = models.CharField(max_length=20, choices=[(s.value, STATE_LABELS[s]) for s in State])
    # A practice leader or other staff member who took the worry to their own DCS.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referral_text = models.TextField(blank=True)
    # The colleague who raises it with the peer; for a referral, the referrer's DCS.
    raiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raiser_post = models.CharField(max_length=30)
    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    peer_post = models.CharField(max_length=30, blank=True)
    nature = models.TextField(blank=True, help_text="The worry as raised with the peer")
    steering_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The DCS found a referral to be an individual statutory case: its text was erased.
    statutory_stop = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    raised_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = Unchangeable.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "worries"

    def __str__(self) -> str:
        return f"worry {self.ref}"

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Worry:
        loaded = super().from_db(db, field_names, values)
        loaded._stored_state = loaded.state  # type: ignore[attr-defined]
        return loaded

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new worry starts where raising or referring leaves it; a saved one moves only along
        the route."""
        stored = getattr(self, "_stored_state", None)
        if self.pk is None and self.state not in (State.WITH_PEER, State.REFERRED):
            raise ConcernRecordError(f"a worry cannot start at {self.state}")
        moved = stored is not None and stored != self.state
        if moved and (State(stored), State(self.state)) not in LEGAL_CHANGES:
            raise ConcernRecordError(f"the route has no move from {stored} to {self.state}")
        super().save(*args, **kwargs)
        self._stored_state = self.state

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ConcernRecordError("a worry is never deleted")

    @property
    def current_state(self) -> State:
        return State(self.state)

    def part_text(self, part: Part) -> str:
        """The words of one part of the conversation, as a disclosure copies them."""
        if part is Part.NATURE:
            return self.nature
        return self.response.text_of(part)


class FactsVerified(models.TextChoices):
    YES = "yes", "Yes, the facts are verified"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class SelfReferral(models.TextChoices):
    NONE = "none", "No self-referral"
    PROGRAMME = "programme", "To the regional improvement programme (SESLIP)"
    LGA = "lga", "To the LGA"
    EXTERNAL = "external", "To an external agency"


class PeerResponse(WrittenOnce):
    """The peer's answer to the four questions of 4.4.4, and what may be shared further."""

    worry = models.OneToOneField(Worry, on_delete=models.PROTECT, related_name="response")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    facts_verified = models.CharField(max_length=10, choices=FactsVerified.choices)
    facts_note = models.TextField(blank=True)
    account = models.TextField()
    helpful_actions = models.TextField()
    self_referral = models.CharField(max_length=20, choices=SelfReferral.choices)
    self_referral_note = models.TextField(blank=True)
    agreed = models.JSONField(default=list, help_text="Parts the peer agreed can be shared")
    at = models.DateTimeField(auto_now_add=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.agreed = [p.value for p in ordered(parse(self.agreed))]
        super().save(*args, **kwargs)

    @property
    def agreed_parts(self) -> frozenset[Part]:
        return parse(self.agreed)

    @property
    def withheld_parts(self) -> tuple[Part, ...]:
        return ordered(set(Part) - self.agreed_parts)

    def text_of(self, part: Part) -> str:
        if part is Part.FACTS:
            verified = FactsVerified(self.facts_verified).label
            return f"{verified}. {self.facts_note}".strip() if self.facts_note else verified
        if part is Part.ACCOUNT:
            return self.account
        if part is Part.ACTIONS:
            return self.helpful_actions
        if part is Part.SELF_REFERRAL:
            referral = SelfReferral(self.self_referral).label
            return f"{referral}. {self.self_referral_note}" if self.self_referral_note else referral
        raise ValueError(f"{part} is not part of a response")


class DisclosureKind(models.TextChoices):
    FURTHER = "further", "Shared further with the peer's agreement"
    ESCALATION = "escalation", "Escalation to the steering group"


class Disclosure(WrittenOnce):
    """What left the peer-to-peer conversation, to whom, word for word.

    There is no free text: ``content`` holds parts of the conversation, each copied from it when
    the disclosure is made, and only parts the peer agreed can be shared (for an escalation:
    the worry as raised, and the agreed parts of the response).
    """

    worry = models.ForeignKey(Worry, on_delete=models.PROTECT, related_name="disclosures")
    kind = models.CharField(max_length=20, choices=DisclosureKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_description = models.CharField(max_length=200)
    content = models.JSONField(help_text="Part name to its words, copied from the conversation")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "id"]

    def permitted_parts(self) -> frozenset[Part]:
        response = PeerResponse.objects.filter(worry_id=self.worry_id).first()
        if response is None:
            return frozenset()
        if self.kind == DisclosureKind.ESCALATION:
            return carried_by_escalation(response.agreed_parts)
        return shareable_further(response.agreed_parts)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is None:
            self.check_within_agreement()
        super().save(*args, **kwargs)

    def check_within_agreement(self) -> None:
        if not isinstance(self.content, dict) or not self.content:
            raise BeyondAgreement("a disclosure holds at least one agreed part")
        try:
            parts = parse(self.content)
        except ValueError as error:
            raise BeyondAgreement(str(error)) from None
        outside = beyond(parts, self.permitted_parts())
        if outside:
            names = ", ".join(p.value for p in ordered(outside))
            raise BeyondAgreement(f"the peer has not agreed that {names} can be shared")
        worry = Worry.objects.get(pk=self.worry_id)
        for part in parts:
            if self.content[part.value] != worry.part_text(part):
                raise BeyondAgreement(f"{part.value} must be the words of the conversation")

    @property
    def items(self) -> list[tuple[str, str]]:
        return [(PART_LABELS[p], self.content[p.value]) for p in ordered(parse(self.content))]


class StepKind(models.TextChoices):
    SUPPORT_AGREED = "support_agreed", "Support agreed"
    ADCS_CHAIR_CONSULTED = "adcs_chair_consulted", "ADCS regional chair consulted"
    NOTE = "note", "Other step"
    OUTCOME = "outcome", "Outcome"


class EscalationStep(WrittenOnce):
    """A step after an escalation (4.4.8), recorded by the steering-group member."""

    worry = models.ForeignKey(Worry, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(max_length=30, choices=StepKind.choices)
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Notification(models.Model):
    """A message in the service to one person in the conversation (there is no email)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="concern_notifications"
    )
    worry = models.ForeignKey(Worry, on_delete=models.PROTECT, related_name="notifications")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def mark_read(self) -> None:
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])
