"""Inviting a person: an account with no password yet, and a single-use link by email.

The account is made at once (so that the audit says who invited whom, and a council's own
sign-in can find the person by their address) but has no usable password until the person
follows the link. Only a hash of the link's token is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tartan.web.accounts.models import Invitation, Organisation, User
from tartan.web.accounts.roles import ROLE_LABELS, Role
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.mail import outbox


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def days_valid() -> int:
    return int(settings.TARTAN_INVITATION_DAYS)


@dataclass
class Invited:
    person: User
    invitation: Invitation
    token: str


def invite(
    request: object,
    by: User,
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    role: Role,
    position: str = "",
) -> Invited:
    """Make the account and put the invitation in the outbox (in the caller's transaction)."""
    person = User(
        username=email.lower(),
        email=email.lower(),
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        roles=[role.value],
        position=position,
    )
    person.set_unusable_password()
    person.save()
    return _send(request, by, person)


def reinvite(request: object, by: User, person: User) -> Invited:
    """A new link for someone whose link expired; earlier links stop working."""
    Invitation.objects.filter(person=person, used_at__isnull=True).update(expires_at=timezone.now())
    return _send(request, by, person)


def _send(request: object, by: User, person: User) -> Invited:
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        person=person,
        token_hash=_hash(token),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=days_valid()),
    )
    la_name = person.organisation.name if person.organisation else None
    outbox.to_address(
        "invitation",
        person.email,
        {
            "name": person.display_name,
            "la_name": la_name,
            "step": "set up your authenticator app" if person.needs_two_factor else None,
            "valid_until": timezone.localtime(invitation.expires_at),
        },
        reverse("accounts:accept-invitation", args=[token]),
        person=person,
    )
    roles = ", ".join(ROLE_LABELS[Role(r)] for r in person.roles)
    record(
        request,  # type: ignore[arg-type]
        Action.ADMIN,
        obj=person,
        summary=f"{person.username} invited as {roles} of {person.organisation}, "
        f"link valid until {timezone.localtime(invitation.expires_at):%d %B %Y %H:%M}",
        user=by,
    )
    return Invited(person, invitation, token)


class LinkProblem(Exception):
    """Why an invitation link does not work (said to the person on a page of its own)."""


def find(token: str) -> Invitation:
    invitation = Invitation.objects.select_related("person").filter(token_hash=_hash(token)).first()
    if invitation is None:
        raise LinkProblem("unknown")
    if invitation.used_at is not None:
        raise LinkProblem("used")
    if invitation.expires_at <= timezone.now():
        raise LinkProblem("expired")
    if not invitation.person.is_active:
        raise LinkProblem("inactive")
    return invitation
