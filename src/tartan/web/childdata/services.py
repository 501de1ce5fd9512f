"""A request's way from draft to decision. Pages call these and nothing else to change a
request (the data in ``transfers``, retention in ``retention``): each locks the request's row,
checks its status allows the step, and records the audit event in the same transaction, so that
nothing happens unrecorded.

The rules enforced here, whatever the page shows: the data of another LA of the group; fields
only within the purpose; a recipient who signs in with two factors; retention of at most two
years; no approval without a DPIA on record, nor once the retention date has come.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tartan.web.accounts.models import User
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.childdata.errors import ChildDataError, DpiaMissing, NotNow
from tartan.web.childdata.fields import checked_fields, purpose_of
from tartan.web.childdata.models import (
    AWAITING_DECISION,
    ChildDataRequest,
    Dpia,
    Status,
)
from tartan.web.childdata.people import askable_las, la_name, on_behalf_of, recipients
from tartan.web.mail import casework as casework_messages

MAX_RETENTION_DAYS = 731  # two years from the day the request is drafted or submitted


@dataclass(frozen=True)
class Details:
    la_code: str
    purpose: str
    question: str
    recipient: User
    retention_until: date


def audit(
    request: ChildDataRequest,
    summary: str,
    *,
    user: Any = None,
    via: HttpRequest | None = None,
) -> None:
    """One audit event about a request; every event of a request carries its id and purpose."""
    record(
        via,
        Action.CHILD_DATA,
        object_type="ChildDataRequest",
        object_id=str(request.pk),
        la_codes=[request.la_code],
        purpose=request.purpose,
        summary=summary,
        user=user,
    )
    # The people with a part hear of each new status once, in the same transaction.
    casework_messages.child_data_step(request)


def locked(request: ChildDataRequest) -> ChildDataRequest:
    return ChildDataRequest.objects.select_for_update().get(pk=request.pk)


def require(request: ChildDataRequest, statuses: Iterable[str], doing: str) -> None:
    allowed = list(statuses)
    if request.status not in allowed:
        wanted = " or ".join(Status(s).label.lower() for s in allowed)
        raise NotNow(
            f"{request.reference} is {request.get_status_display().lower()}: it can be {doing} "
            f"only when it is {wanted}."
        )


def _check_retention(until: date, today: date) -> None:
    if until <= today:
        raise ChildDataError("The date to keep the data until must be after today.")
    if until > today + timedelta(days=MAX_RETENTION_DAYS):
        raise ChildDataError(
            "Child-level data may be kept for at most two years: choose an earlier date."
        )


def _check_details(user: Any, details: Details, today: date) -> None:
    purpose_of(details.purpose)
    if details.la_code not in dict(askable_las(user)):
        raise ChildDataError("You cannot ask for that authority's child-level data.")
    if details.recipient.pk not in {p.pk for p in recipients(user, details.la_code)}:
        raise ChildDataError(
            "The recipient must be someone of your organisation or the DBG who signs in with "
            "two factors, and not of the authority that holds the data."
        )
    if not details.question.strip():
        raise ChildDataError("Say what question the data is to answer.")
    _check_retention(details.retention_until, today)


def create(
    user: Any, details: Details, today: date, via: HttpRequest | None = None
) -> ChildDataRequest:
    _check_details(user, details, today)
    with transaction.atomic():
        request = ChildDataRequest.objects.create(
            la_code=details.la_code,
            requester=user,
            requesting_organisation=user.organisation,
            on_behalf_of=on_behalf_of(user),
            purpose=details.purpose,
            question=details.question.strip(),
            recipient=details.recipient,
            retention_until=details.retention_until,
        )
        audit(request, f"drafted for {details.purpose}", user=user, via=via)
    return request


def update(
    request: ChildDataRequest,
    user: Any,
    details: Details,
    today: date,
    via: HttpRequest | None = None,
) -> ChildDataRequest:
    _check_details(user, details, today)
    with transaction.atomic():
        request = locked(request)
        require(request, [Status.DRAFT], "changed")
        allowed = set(purpose_of(details.purpose).fields)
        request.fields = [f for f in request.fields if f in allowed]
        request.la_code = details.la_code
        request.purpose = details.purpose
        request.question = details.question.strip()
        request.recipient = details.recipient
        request.retention_until = details.retention_until
        request.save()
        audit(request, "draft changed", user=user, via=via)
    return request


def choose_fields(
    request: ChildDataRequest, user: Any, fields: Iterable[str], via: HttpRequest | None = None
) -> ChildDataRequest:
    with transaction.atomic():
        request = locked(request)
        require(request, [Status.DRAFT], "given its fields")
        chosen = checked_fields(request.purpose, fields)
        if not chosen:
            raise ChildDataError("Choose at least one field.")
        request.fields = chosen
        request.save()
        audit(request, f"fields chosen: {', '.join(chosen)}", user=user, via=via)
    return request


def submit(
    request: ChildDataRequest, user: Any, today: date, via: HttpRequest | None = None
) -> ChildDataRequest:
    with transaction.atomic():
        request = locked(request)
        require(request, [Status.DRAFT], "submitted")
        if not request.fields:
            raise ChildDataError("Choose the fields before you submit the request.")
        _check_retention(request.retention_until, today)
        request.status = Status.SUBMITTED
        request.submitted_at = timezone.now()
        request.save()
        audit(request, f"submitted to {la_name(request.la_code)}", user=user, via=via)
    return request


def attach_dpia(
    request: ChildDataRequest,
    user: Any,
    *,
    document_name: str,
    content: bytes,
    approver_name: str,
    approver_role: str,
    approved_on: date,
    today: date,
    via: HttpRequest | None = None,
) -> Dpia:
    if not content:
        raise ChildDataError("The DPIA document is empty.")
    if not approver_name.strip() or not approver_role.strip():
        raise ChildDataError("Give the name and role of the person who approved the DPIA.")
    if approved_on > today:
        raise ChildDataError("The DPIA's approval date cannot be in the future.")
    with transaction.atomic():
        request = locked(request)
        require(request, AWAITING_DECISION, "given a DPIA")
        dpia = Dpia.objects.create(
            request=request,
            document_name=document_name[:255],
            content=content,
            approver_name=approver_name.strip()[:200],
            approver_role=approver_role.strip()[:200],
            approved_on=approved_on,
            attached_by=user,
        )
        request.status = Status.DPIA_ATTACHED
        request.save()
        audit(
            request,
            f"DPIA attached: {dpia.document_name}, approved by {dpia.approver_name} "
            f"({dpia.approver_role}) on {approved_on:%d %B %Y}",
            user=user,
            via=via,
        )
    return dpia


def approve(
    request: ChildDataRequest, user: Any, note: str, today: date, via: HttpRequest | None = None
) -> ChildDataRequest:
    with transaction.atomic():
        request = locked(request)
        dpia = request.current_dpia
        if request.status in AWAITING_DECISION and dpia is None:
            raise DpiaMissing(
                f"{request.reference} cannot be approved until a Data Protection Impact "
                "Assessment is attached: the document, who approved it and when."
            )
        require(request, [Status.DPIA_ATTACHED], "approved")
        assert dpia is not None
        if request.past_retention(today) or request.retention_until == today:
            raise NotNow("Its retention date has come: refuse it, and ask again with a later date.")
        request.status = Status.APPROVED
        request.approved_dpia = dpia
        request.decided_by = user
        request.decided_at = timezone.now()
        request.decision_note = note.strip()
        request.save()
        audit(request, f"approved on the DPIA {dpia.document_name}", user=user, via=via)
    return request


def refuse(
    request: ChildDataRequest, user: Any, note: str, via: HttpRequest | None = None
) -> ChildDataRequest:
    if not note.strip():
        raise ChildDataError("Say why the request is refused.")
    with transaction.atomic():
        request = locked(request)
        require(request, AWAITING_DECISION, "refused")
        request.status = Status.REFUSED
        request.decided_by = user
        request.decided_at = timezone.now()
        request.decision_note = note.strip()
        request.save()
        audit(request, "refused", user=user, via=via)
    return request
