"""What the child-level data pages share: loading a request or a DPIA, recording refused
attempts, and showing a refusal from the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tartan.web.audit.models import Action, AuditEvent
from tartan.web.audit.record import record
from tartan.web.childdata import policies  # noqa: F401  (policies register with the pages)
from tartan.web.childdata.errors import ChildDataError
from tartan.web.childdata.fields import by_table, purpose_of
from tartan.web.childdata.models import HOLDS_APPROVAL, ChildDataRequest, Dpia
from tartan.web.childdata.people import la_name
from tartan.web.childdata.retention import DUE_SOON_DAYS


def today() -> date:
    return timezone.localdate()


def load_request(request: HttpRequest, request_id: int, **_: Any) -> ChildDataRequest:
    return get_object_or_404(
        ChildDataRequest.objects.select_related(
            "requester__organisation", "recipient__organisation", "decided_by"
        ),
        pk=request_id,
    )


def load_dpia(request: HttpRequest, dpia_id: int, **_: Any) -> Dpia:
    return get_object_or_404(Dpia.objects.defer("content").select_related("request"), pk=dpia_id)


def audited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Record an attempt on a request a person has no part in (or that does not exist) before
    the 404, without saying whose it was."""

    @wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if request.user.is_authenticated:
                kind, ref = (
                    ("Dpia", kwargs["dpia_id"])
                    if "dpia_id" in kwargs
                    else ("ChildDataRequest", kwargs.get("request_id", ""))
                )
                record(
                    request,
                    Action.CHILD_DATA,
                    object_type=kind,
                    object_id=str(ref),
                    summary=f"refused: {request.resolver_match.url_name if request.resolver_match else ''}",
                )
            raise

    return run


def refused(
    request: HttpRequest, error: ChildDataError, template: str, context: dict[str, Any]
) -> HttpResponse:
    """The page again, with the services' reason at the top."""
    return render(
        request, template, {**context, "problem": error.message}, status=error.http_status
    )


def request_context(request: HttpRequest, obj: ChildDataRequest) -> dict[str, Any]:
    now = today()
    holds = obj.status in HOLDS_APPROVAL
    return {
        "req": obj,
        "la": la_name(obj.la_code),
        "purpose": purpose_of(obj.purpose),
        "field_groups": by_table(obj.purpose, obj.fields),
        "past_retention": holds and obj.past_retention(now),
        "due_soon": holds
        and not obj.past_retention(now)
        and (obj.retention_until - now).days <= DUE_SOON_DAYS,
        "today": now,
        "command": extract_command(obj),
    }


def extract_command(obj: ChildDataRequest) -> str:
    """The command the LA runs on its own machine to make the extract this request approved."""
    tables = {field.split(".", 1)[0] for field in obj.fields}
    sources = []
    if any(t.startswith("cin_") for t in tables):
        sources.append("--cin cin_census.xml")
    if any(t.startswith("ssda903_") for t in tables):
        sources.append("--ssda903 ssda903/")
    return " \\\n  ".join(
        [
            f"tartan childlevel pseudonymise --purpose {obj.purpose}",
            f"--fields {','.join(obj.fields)}",
            f'--recipient "{obj.extract_recipient}"',
            " ".join(sources),
            f"--key-file KEY-FILE --register erased.csv --out request-{obj.pk}/",
        ]
    )


def history(obj: ChildDataRequest) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="ChildDataRequest", object_id=str(obj.pk)).order_by(
            "at", "id"
        )
    )
