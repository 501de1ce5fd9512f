"""A return computed from the LA's case records, in the service: an SSD upload or CSC API
payloads.

The LA's analyst uploads its Standard Safeguarding Dataset extracts or its API payloads (a file
or a zip); the service unpacks them into a temporary folder, computes the return with
``tartan.childlevel`` (the same definitions as ``tartan childlevel return``) and deletes the
folder: the child-level files are never stored, and the audit event says so. The analyst sees
the computed return and its findings, then submits it as a new version of the LA's return,
which the service validates like any upload. Only the computed return, a few hundred bytes, is
kept in the session between the two pages.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.catalogue import shipped_catalogue
from tartan.reference.register import shipped_register
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection import services
from tartan.web.collection.case_record_files import UploadRefused, unpack
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.views import load_round
from tartan.web.permissions import requires

SESSION_KEY = "case_records_return"
ROUTES = {"ssd": "Standard Safeguarding Dataset extracts", "csc-api": "CSC API payloads"}
TOO_LARGE = (
    "The file is larger than 5 MB: zip the files, or leave out tables the return does not read"
)


class CaseRecordsForm(forms.Form):
    route = forms.ChoiceField(
        label="What are you uploading?",
        choices=list(ROUTES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are uploading"},
    )
    file = forms.FileField(
        label="Your case records",
        error_messages={"required": "Choose the file to upload"},
    )


def _compute(round_: CollectionRound, la_code: str, route: str, upload: Any) -> dict[str, Any]:
    from tartan.childlevel.compute import compute_return, return_csv

    with tempfile.TemporaryDirectory(prefix="tartan-case-records-") as name:
        folder = Path(name)
        files = unpack(upload.name, upload.read(), route, folder)
        if route == "ssd":
            result = compute_return(round_.quarter, la_code=la_code, ssd=str(folder))
        else:
            result = compute_return(round_.quarter, la_code=la_code, csc_api=folder)
    # The folder and every file in it are gone from here on.
    csv = b""
    if not result.blocked:
        csv = return_csv(result, shipped_register()[la_code], shipped_catalogue())
    return {
        "round": round_.pk,
        "la_code": la_code,
        "route": route,
        "upload": upload.name,
        "files": files,
        "blocked": result.blocked,
        "figures": result.figures,
        "findings": [f.as_dict() for f in result.findings],
        "csv": csv.decode("utf-8"),
    }


@requires("submit_return", load=load_round)
def case_records(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    # An upload over the service's limit is refused before it is read (RequestSizeLimit).
    form = CaseRecordsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        la_code = request.user.la_code  # type: ignore[union-attr]
        upload = form.cleaned_data["file"]
        route = form.cleaned_data["route"]
        try:
            computed = _compute(obj, la_code, route, upload)
        except UploadRefused as error:
            form.add_error("file", str(error))
        else:
            request.session[SESSION_KEY] = computed
            record(
                request,
                Action.UPLOAD,
                obj=obj,
                la_codes=[la_code],
                summary=f"case records ({ROUTES[route]}, {upload.name}, {upload.size} bytes, "
                f"{len(computed['files'])} files) computed into a return and deleted; "
                f"{len(computed['findings'])} findings",
            )
            return redirect("collection:case-records-computed", round_id=obj.pk)
    context = {"title": f"Compute your return for {obj.period}", "round": obj, "form": form}
    return render(request, "collection/case_records.html", context)


def _computed_for(request: HttpRequest, round_: CollectionRound) -> dict[str, Any] | None:
    computed = request.session.get(SESSION_KEY)
    la_code = request.user.la_code  # type: ignore[union-attr]
    if not computed or computed["round"] != round_.pk or computed["la_code"] != la_code:
        return None
    return computed  # type: ignore[no-any-return]


@requires("submit_return", load=load_round)
def case_records_computed(
    request: HttpRequest, round_id: int, obj: CollectionRound
) -> HttpResponse:
    computed = _computed_for(request, obj)
    if computed is None:
        return redirect("collection:case-records", round_id=obj.pk)
    if request.method == "POST" and not computed["blocked"]:
        la_code = computed["la_code"]
        name = f"return-{la_code}-{obj.period.replace(' ', '-')}-from-{computed['route']}.csv"
        # Every POST runs in one transaction (``run_once``): the version and its two audit
        # events commit together or not at all.
        version = services.submit(obj, la_code, request.user, name, computed["csv"].encode())
        record(
            request,
            Action.UPLOAD,
            obj=version,
            la_codes=[la_code],
            summary=f"{version.original_name} computed from {ROUTES[computed['route']]} "
            f"({version.size} bytes, sha256 {version.sha256[:12]}…)",
        )
        record(
            request,
            Action.VALIDATE,
            obj=version,
            la_codes=[la_code],
            summary=f"{version.status}: {version.error_count} errors, "
            f"{version.query_count} queries",
        )
        del request.session[SESSION_KEY]
        return redirect("collection:return", round_id=obj.pk, la_code=la_code)
    catalogue = shipped_catalogue()
    context = {
        "title": f"Your computed return for {obj.period}",
        "round": obj,
        "computed": computed,
        "route_name": ROUTES[computed["route"]],
        "rows": [(item, computed["figures"].get(item.id)) for item in catalogue.items.values()],
    }
    return render(request, "collection/case_records_computed.html", context)
