"""Ask for a file that is prepared in the background, watch it, download it once ready."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.views import load_round
from tartan.web.downloads import attachment
from tartan.web.permissions import requires
from tartan.web.prepared import policies  # noqa: F401  (policies register)
from tartan.web.prepared.models import PreparedFile, PreparedKind, PreparedStatus
from tartan.web.prepared.tasks import prepare


def load_prepared(request: HttpRequest, prepared_id: int, **_: Any) -> PreparedFile:
    return get_object_or_404(
        PreparedFile.objects.select_related("round").defer("content"), pk=prepared_id
    )


def agreed(user: Any, purpose: str) -> bool:
    """The DfE's purpose must be one it agreed (as for every download); others' is a note."""
    from tartan.web.sharing.models import AgreedPurpose

    if not user.has_role(Role.DFE_VIEWER):
        return True
    return AgreedPurpose.objects.filter(organisation=user.organisation, text=purpose).exists()


@requires("view_overview", load=load_round)
def ask_overview_workbook(
    request: HttpRequest, round_id: int, obj: CollectionRound
) -> HttpResponse:
    """POST: queue the workbook of the overview and every rug for the person asking."""
    if request.method != "POST":
        raise Http404("ask with the form on the overview")
    purpose = request.POST.get("purpose", "")[:300]
    if not agreed(request.user, purpose):
        raise PermissionDenied("the DfE downloads for one of its agreed purposes only")
    prepared = PreparedFile.objects.create(
        kind=PreparedKind.OVERVIEW_WORKBOOK,
        round=obj,
        requested_by=request.user,
        purpose=purpose,
        name=f"regional_overview_{obj.period.replace(' ', '_')}.xlsx",
    )
    prepare.enqueue(prepared.pk)
    return redirect("prepared:file", prepared_id=prepared.pk)


@requires("use_prepared_file", load=load_prepared)
def prepared_page(request: HttpRequest, prepared_id: int, obj: PreparedFile) -> HttpResponse:
    waiting = obj.status == PreparedStatus.WAITING
    response = render(
        request,
        "prepared/file.html",
        {"title": obj.get_kind_display(), "prepared": obj, "waiting": waiting},
    )
    if waiting:  # the page looks again by itself, with no script (the CSP allows none)
        response["Refresh"] = "5"
    return response


@requires("use_prepared_file", load=load_prepared)
def prepared_download(request: HttpRequest, prepared_id: int, obj: PreparedFile) -> HttpResponse:
    if obj.status != PreparedStatus.READY:
        raise Http404("not ready")
    content = PreparedFile.objects.values_list("content", flat=True).get(pk=obj.pk)
    record(
        request,
        Action.DOWNLOAD,
        obj=obj.round,
        la_codes=obj.la_codes,
        summary=obj.name,
        purpose=obj.purpose,
    )
    return attachment(bytes(content), obj.name)
