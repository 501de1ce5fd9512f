"""Changes to who a person is in the service go into the append-only audit trail.

A change of roles, organisation, active state or administrator flags, and every second-factor
device added, confirmed or removed, is an event, whoever made it: the admin, a page, a command.
The person who made the change is the signed-in user of the request in progress (the history
middleware keeps it); from a command there is none, and the event says so.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from tartan.web.accounts.models import User
from tartan.web.audit.models import Action
from tartan.web.audit.record import record

WATCHED = ("roles", "organisation_id", "is_active", "is_staff", "is_superuser")
BEFORE = "_audited_before"


def _request() -> Any:
    return getattr(HistoricalRecords.context, "request", None)


def _record(person: User, summary: str) -> None:
    request = _request()
    if request is None:
        summary += " (outside the service's pages)"
    record(
        request,
        Action.ADMIN,
        obj=person,
        summary=summary,
        user=request.user if request is not None else None,
    )


def _shown(field: str, value: Any) -> str:
    if field == "organisation_id":
        from tartan.web.accounts.models import Organisation

        found = Organisation.objects.filter(pk=value).first() if value else None
        return str(found) if found else "none"
    if field == "roles":
        return ", ".join(value) or "none"
    return str(value)


@receiver(pre_save, sender=User)
def remember_before(sender: Any, instance: User, **kwargs: Any) -> None:
    if instance.pk is None:
        setattr(instance, BEFORE, None)
        return
    setattr(instance, BEFORE, User.objects.filter(pk=instance.pk).values(*WATCHED).first())


@receiver(post_save, sender=User)
def record_person_change(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, BEFORE, None)
    if created or before is None:
        if instance.roles or instance.organisation_id:
            _record(
                instance,
                f"account {instance.username} made: roles {_shown('roles', instance.roles)}, "
                f"organisation {_shown('organisation_id', instance.organisation_id)}",
            )
        return
    changed = [
        f"{field.removesuffix('_id')} {_shown(field, before[field])} → "
        f"{_shown(field, getattr(instance, field))}"
        for field in WATCHED
        if before[field] != getattr(instance, field)
    ]
    if changed:
        _record(instance, f"account {instance.username}: " + "; ".join(changed))


def _device_owner(device: Any) -> User | None:
    return User.objects.filter(pk=device.user_id).first()


def _kind(sender: Any) -> str:
    return "authenticator app" if sender is TOTPDevice else "backup codes"


@receiver(pre_save, sender=TOTPDevice)
@receiver(pre_save, sender=StaticDevice)
def remember_confirmed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A device is saved at every check of a code (django-otp keeps its counters on it): only
    # its creation and its confirmation are changes to record.
    before = (
        sender.objects.filter(pk=instance.pk).values("confirmed").first() if instance.pk else None
    )
    setattr(instance, BEFORE, before)


@receiver(post_save, sender=TOTPDevice)
@receiver(post_save, sender=StaticDevice)
def record_device_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    owner = _device_owner(instance)
    if owner is None:
        return
    before = getattr(instance, BEFORE, None)
    if created:
        state = "confirmed" if instance.confirmed else "not yet confirmed"
        _record(owner, f"second factor added for {owner.username}: {_kind(sender)} ({state})")
    elif before is not None and before["confirmed"] != instance.confirmed:
        state = "confirmed" if instance.confirmed else "unconfirmed"
        _record(owner, f"second factor {_kind(sender)} of {owner.username} {state}")


@receiver(post_delete, sender=TOTPDevice)
@receiver(post_delete, sender=StaticDevice)
def record_device_removed(sender: Any, instance: Any, **kwargs: Any) -> None:
    owner = _device_owner(instance)
    if owner is None:
        return
    _record(owner, f"second factor removed for {owner.username}: {_kind(sender)}")
