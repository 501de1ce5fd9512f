"""Retention: requests whose data is past its date are flagged, then purged with an audit
event; by the daily command and by the DBG's button."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from tartan.web.childdata.models import HOLDS_APPROVAL, ChildDataRequest, Removal, Status
from tartan.web.childdata.services import audit, locked
from tartan.web.childdata.transfers import remove

DUE_SOON_DAYS = 30


def past_retention(today: date) -> QuerySet[ChildDataRequest]:
    """Requests whose data is past its retention date and not yet purged: flagged."""
    return ChildDataRequest.objects.filter(
        status__in=HOLDS_APPROVAL, retention_until__lt=today
    ).order_by("retention_until", "id")


def due_soon(today: date) -> QuerySet[ChildDataRequest]:
    return ChildDataRequest.objects.filter(
        status__in=HOLDS_APPROVAL,
        retention_until__gte=today,
        retention_until__lte=today + timedelta(days=DUE_SOON_DAYS),
    ).order_by("retention_until", "id")


def purge_expired(
    today: date, user: Any = None, via: HttpRequest | None = None
) -> list[ChildDataRequest]:
    """Remove the data of every request past its retention date, mark it purged, and record
    an audit event for each. The request, its DPIA and the extracts' descriptions stay, as
    the record of what moved and when it went."""
    purged = []
    for candidate in past_retention(today):
        with transaction.atomic():
            request = locked(candidate)
            if request.status not in HOLDS_APPROVAL or not request.past_retention(today):
                continue
            removed = [
                remove(extract, Removal.PURGED)
                for extract in request.extracts.filter(content__isnull=False)
            ]
            request.status = Status.PURGED
            request.purged_at = timezone.now()
            request.save()
            audit(
                request,
                f"purged: retention date {request.retention_until:%d %B %Y} passed; "
                f"{len(removed)} extract(s), {sum(removed)} bytes removed",
                user=user,
                via=via,
            )
        purged.append(request)
    return purged
