"""Operations on child-level data requests. Pages and the purge command call these and nothing
else to change a request: each locks the request's row, checks its status allows the step, and
records the audit event in the same transaction, so that nothing happens unrecorded.

The rules the service enforces here, whatever the page shows: fields only within the purpose;
no approval without a DPIA on record; data only under an approved request, before its
retention date, and only when it carries the approved fields and no raw identifier; erased
children never stored; data past its retention date purged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from tartan.childlevel.erasure import Erasure, ErasureRegister
from tartan.web.accounts.models import User
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.childdata import extract_files
from tartan.web.childdata.errors import ChildDataError, DpiaMissing, ExtractRefused, NotNow
from tartan.web.childdata.fields import checked_fields, purpose_of
from tartan.web.childdata.models import (
    AWAITING_DECISION,
    HOLDS_APPROVAL,
    ChildDataExtract,
    ChildDataRequest,
    Dpia,
    ErasedChild,
    Removal,
    Status,
)
from tartan.web.childdata.people import askable_las, la_name, on_behalf_of, recipients

MAX_RETENTION_DAYS = 731  # two years from the day the request is drafted or submitted
DUE_SOON_DAYS = 30


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


def _locked(request: ChildDataRequest) -> ChildDataRequest:
    return ChildDataRequest.objects.select_for_update().get(pk=request.pk)


def _require(request: ChildDataRequest, statuses: Iterable[str], doing: str) -> None:
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
        request = _locked(request)
        _require(request, [Status.DRAFT], "changed")
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
        request = _locked(request)
        _require(request, [Status.DRAFT], "given its fields")
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
        request = _locked(request)
        _require(request, [Status.DRAFT], "submitted")
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
        request = _locked(request)
        _require(request, AWAITING_DECISION, "given a DPIA")
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
        request = _locked(request)
        dpia = request.current_dpia
        if request.status in AWAITING_DECISION and dpia is None:
            raise DpiaMissing(
                f"{request.reference} cannot be approved until a Data Protection Impact "
                "Assessment is attached: the document, who approved it and when."
            )
        _require(request, [Status.DPIA_ATTACHED], "approved")
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
        request = _locked(request)
        _require(request, AWAITING_DECISION, "refused")
        request.status = Status.REFUSED
        request.decided_by = user
        request.decided_at = timezone.now()
        request.decision_note = note.strip()
        request.save()
        audit(request, "refused", user=user, via=via)
    return request


def erasure_register(la_code: str) -> ErasureRegister:
    """The LA's erasures as the library's register: only an LA erases its own children."""
    entries = [
        Erasure(e.pseudonym, e.key_id, e.erased_on, e.reason)
        for e in ErasedChild.objects.filter(la_code=la_code).order_by("id")
    ]
    return ErasureRegister(Path(f"erasure register of {la_code}, in the database"), entries)


def _folder_name(request: ChildDataRequest) -> str:
    return f"child-level-request-{request.pk}"


def _remove(extract: ChildDataExtract, because: Removal) -> int:
    size = len(extract.content or b"")
    extract.content = None
    extract.removed_at = timezone.now()
    extract.removed_because = because
    extract.save(update_fields=["content", "removed_at", "removed_because"])
    return size


def _store(
    request: ChildDataRequest,
    user: Any,
    name: str,
    checked: extract_files.CheckedExtract,
    left_out: int,
) -> ChildDataExtract:
    manifest = checked.extract.manifest
    return ChildDataExtract.objects.create(
        request=request,
        original_name=name[:255],
        content=checked.data,
        sha256=hashlib.sha256(checked.data).hexdigest(),
        size=len(checked.data),
        key_id=manifest.key_id,
        made_on=manifest.made_on,
        children=len(checked.extract.pseudonyms()),
        erased_left_out=left_out,
        tables={t: list(frame.columns) for t, frame in checked.extract.tables.items()},
        uploaded_by=user,
    )


def receive_extract(
    request: ChildDataRequest,
    user: Any,
    name: str,
    data: bytes,
    today: date,
    via: HttpRequest | None = None,
) -> ChildDataExtract:
    with transaction.atomic():
        request = _locked(request)
        _require(request, HOLDS_APPROVAL, "sent data")
        if request.past_retention(today):
            raise NotNow("Its retention date has passed: no data may be sent under it.")
        approved = extract_files.Approved(
            request.purpose, request.extract_recipient, tuple(request.fields)
        )
        checked = extract_files.receive(
            data, approved, erasure_register(request.la_code), _folder_name(request)
        )
        key_id = checked.extract.manifest.key_id
        if (
            ChildDataExtract.objects.filter(key_id=key_id)
            .exclude(request__recipient=request.recipient_id)
            .exists()
        ):
            raise ExtractRefused(
                [
                    "This key was used for an extract to another recipient: use one key per recipient."
                ]
            )
        for old in request.extracts.filter(removed_at__isnull=True):
            _remove(old, Removal.SUPERSEDED)
        stored = _store(request, user, name, checked, checked.erased_left_out)
        request.status = Status.DATA_RECEIVED
        request.save()
        audit(
            request,
            f"extract received: {stored.children} children, tables {', '.join(stored.tables)}; "
            f"{stored.erased_left_out} erased child(ren) left out",
            user=user,
            via=via,
        )
    return stored


def record_erasures(
    user: Any, entries: Iterable[Erasure], via: HttpRequest | None = None
) -> tuple[int, int]:
    """Put pseudonyms on the LA's register, and rewrite every stored extract of the LA that
    still holds one. Returns (erasures added, extracts rewritten)."""
    la_code = user.la_code
    added = 0
    rewritten = 0
    with transaction.atomic():
        for entry in entries:
            if not extract_files.PSEUDONYM.match(entry.pseudonym) or not extract_files.KEY_ID.match(
                entry.key_id
            ):
                raise ChildDataError(
                    "A pseudonym is 64 and a key id 16 hexadecimal characters, as "
                    "'tartan childlevel erase' writes them."
                )
            _, created = ErasedChild.objects.get_or_create(
                pseudonym=entry.pseudonym,
                key_id=entry.key_id,
                defaults={
                    "erased_on": entry.erased_on,
                    "reason": entry.reason[:200],
                    "la_code": la_code,
                    "recorded_by": user,
                },
            )
            added += created
        register = erasure_register(la_code)
        stored = ChildDataExtract.objects.filter(
            removed_at__isnull=True, request__la_code=la_code
        ).select_related("request")
        for extract in stored:
            if not register.erased(extract.key_id):
                continue
            again = extract_files.rewrite(
                bytes(extract.content or b""), register, _folder_name(extract.request)
            )
            if again is None:
                continue
            _remove(extract, Removal.ERASURE)
            _store(
                extract.request,
                user,
                extract.original_name,
                again,
                extract.erased_left_out + again.erased_left_out,
            )
            audit(
                extract.request,
                f"stored extract rewritten without {again.erased_left_out} erased child(ren)",
                user=user,
                via=via,
            )
            rewritten += 1
        record(
            via,
            Action.CHILD_DATA,
            object_type="ErasedChild",
            la_codes=[la_code],
            summary=f"{added} erasure(s) recorded; {rewritten} stored extract(s) rewritten",
            user=user,
        )
    return added, rewritten


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
            request = _locked(candidate)
            if request.status not in HOLDS_APPROVAL or not request.past_retention(today):
                continue
            removed = [
                _remove(extract, Removal.PURGED)
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
