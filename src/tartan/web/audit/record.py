"""Recording audit events from views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from tartan.web.audit.models import AuditEvent


def client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def record(
    request: HttpRequest | None,
    action: str,
    *,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    la_codes: Iterable[str] = (),
    purpose: str = "",
    summary: str = "",
    user: Any = None,
) -> AuditEvent:
    """One append-only event. ``la_codes``: whose figures the event touches."""
    who = user if user is not None else getattr(request, "user", None)
    signed_in = who is not None and getattr(who, "is_authenticated", False)
    codes = sorted(set(la_codes))
    return AuditEvent.objects.create(
        user=who if signed_in else None,
        username=getattr(who, "username", "") if signed_in else "",
        organisation=str(getattr(who, "organisation", "") or "") if signed_in else "",
        roles=", ".join(getattr(who, "role_labels", []))[:200] if signed_in else "",
        action=action,
        object_type=object_type or (type(obj).__name__ if obj is not None else ""),
        object_id=object_id or (str(getattr(obj, "pk", "")) if obj is not None else ""),
        la_codes=f",{','.join(codes)}," if codes else "",
        purpose=purpose[:300],
        summary=summary[:500],
        ip_address=client_address(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
    )
