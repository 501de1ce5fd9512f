"""Data under an approved request: the LA's extract received and checked, its erasures
applied to every upload and to what is already stored."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tartan.childlevel.erasure import Erasure, ErasureRegister
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.childdata import extract_files
from tartan.web.childdata.errors import ChildDataError, ExtractRefused, NotNow
from tartan.web.childdata.models import (
    HOLDS_APPROVAL,
    ChildDataExtract,
    ChildDataRequest,
    ErasedChild,
    Removal,
    Status,
)
from tartan.web.childdata.services import audit, locked, require


def erasure_register(la_code: str) -> ErasureRegister:
    """The LA's erasures as the library's register: only an LA erases its own children."""
    entries = [
        Erasure(e.pseudonym, e.key_id, e.erased_on, e.reason)
        for e in ErasedChild.objects.filter(la_code=la_code).order_by("id")
    ]
    return ErasureRegister(Path(f"erasure register of {la_code}, in the database"), entries)


def _folder_name(request: ChildDataRequest) -> str:
    return f"child-level-request-{request.pk}"


def remove(extract: ChildDataExtract, because: Removal) -> int:
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
        request = locked(request)
        require(request, HOLDS_APPROVAL, "sent data")
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
            remove(old, Removal.SUPERSEDED)
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
            remove(extract, Removal.ERASURE)
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
