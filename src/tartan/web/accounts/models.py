"""Organisations and the people who belong to them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from tartan.web.accounts.roles import (
    POSITION_LABELS,
    ROLE_LABELS,
    TWO_FACTOR_ROLES,
    OrganisationKind,
    Position,
    Role,
    role_problems,
)


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=20,
        choices=[(k.value, k.name.replace("_", " ").title()) for k in OrganisationKind],
    )
    # For a local authority: its 3-digit DfE code and the benchmarking group it belongs to.
    la_code = models.CharField(max_length=3, unique=True, null=True, blank=True)
    group_key = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_la(self) -> bool:
        return self.kind == OrganisationKind.LOCAL_AUTHORITY

    def clean(self) -> None:
        if self.pk is None:
            return
        for person in self.people.all():
            problems = role_problems(self.kind, list(person.roles))
            if problems:
                raise ValidationError(
                    {"kind": f"{person.username} holds roles this kind cannot: {problems[0]}"}
                )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The model itself refuses a kind its people's roles do not fit, whoever saves it.
        self.clean()
        super().save(*args, **kwargs)


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    roles = models.JSONField(default=list, blank=True)
    position = models.CharField(
        max_length=30, blank=True, choices=[(p.value, POSITION_LABELS[p]) for p in Position]
    )

    def clean(self) -> None:
        super().clean()
        organisation = self.organisation if self.organisation_id else None
        problems = role_problems(organisation.kind if organisation else None, list(self.roles))
        if problems:
            raise ValidationError({"roles": problems})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Admin, forms, commands and code all come here: a role that does not follow the
        # organisation's kind is refused whatever set it.
        fields = kwargs.get("update_fields")
        if fields is None or {"roles", "organisation"} & set(fields):
            organisation = self.organisation if self.organisation_id else None
            kind = organisation.kind if organisation else None
            problems = role_problems(kind, list(self.roles))
            if problems:
                raise ValidationError({"roles": problems})
        super().save(*args, **kwargs)

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and any(role.value in self.roles for role in roles)

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[Role(r)] for r in self.roles if r in Role._value2member_map_]

    @property
    def la_code(self) -> str | None:
        """The LA this person works for, if they work for one."""
        org = self.organisation
        return org.la_code if org is not None and org.is_la else None

    @property
    def needs_two_factor(self) -> bool:
        return self.is_superuser or any(
            Role(r) in TWO_FACTOR_ROLES for r in self.roles if r in Role._value2member_map_
        )

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Invitation(models.Model):
    """A link that lets an invited person choose a password and enrol their second factor.

    Only a hash of the link's token is kept (the token is in the mail alone); the link works
    once, until ``expires_at``. Invitations are never deleted: they are the record of who
    invited whom, and when it was accepted.
    """

    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation of {self.person.username}"
