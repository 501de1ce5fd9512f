"""The rights pages: one's own data, administrators' subject-access and erasure, and an LA's
portability export. Every export is recorded in the audit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.downloads import attachment
from tartan.web.governance.models import Participant
from tartan.web.permissions import requires
from tartan.web.rights import services

ZIP = "application/zip"


class EraseForm(forms.Form):
    reason = forms.CharField(
        max_length=300, label="Why", help_text="For example, the person's request of 3 May 2026"
    )


def stamp() -> str:
    return timezone.localdate().isoformat()


@requires("export_own_data")
def own(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    la = user.organisation if user.la_code else None
    return render(request, "rights/own.html", {"title": "Your data", "la": la})


@requires("export_own_data")
def own_export(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    data = services.subject_access(user, person=user)
    record(request, Action.DOWNLOAD, obj=user, summary="subject-access export of own data")
    return attachment(data, f"my-data-{stamp()}.zip", ZIP)


@requires("manage_rights_requests")
def people(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rights/people.html",
        {
            "title": "Subject access and erasure",
            "accounts": User.objects.select_related("organisation").order_by("username"),
            "entries": Participant.objects.select_related("user").all(),
        },
    )


def load_account(request: HttpRequest, user_id: int) -> User:
    return get_object_or_404(User, pk=user_id)


def load_entry(request: HttpRequest, entry_id: int) -> Participant:
    return get_object_or_404(Participant, pk=entry_id)


@requires("export_person_data", load=load_account)
def account_export(request: HttpRequest, user_id: int, obj: User) -> HttpResponse:
    data = services.subject_access(request.user, person=obj)  # type: ignore[arg-type]
    record(request, Action.DOWNLOAD, obj=obj, summary=f"subject-access export for {obj.username}")
    return attachment(data, f"subject-access-{obj.username}-{stamp()}.zip", ZIP)


@requires("export_person_data", load=load_entry)
def entry_export(request: HttpRequest, entry_id: int, obj: Participant) -> HttpResponse:
    data = services.subject_access(request.user, person=obj.user, entry=obj)  # type: ignore[arg-type]
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        summary=f"subject-access export for directory entry {obj.pk}",
    )
    return attachment(data, f"subject-access-entry-{obj.pk}-{stamp()}.zip", ZIP)


@requires("erase_directory_entry", load=load_entry)
def erase(request: HttpRequest, entry_id: int, obj: Participant) -> HttpResponse:
    form = EraseForm(request.POST if request.method == "POST" else None)
    blockers = services.erasure_blockers(obj)
    if request.method == "POST" and form.is_valid() and not blockers:
        done = services.erase(request, request.user, obj, form.cleaned_data["reason"])  # type: ignore[arg-type]
        messages.success(
            request,
            f"The entry and its {done.versions_anonymised} historical versions are anonymised.",
        )
        return redirect("rights:people")
    return render(
        request,
        "rights/erase.html",
        {
            "title": f"Erase the directory entry of {obj.name}",
            "entry": obj,
            "form": form,
            "blockers": blockers,
        },
    )


def load_la(request: HttpRequest, la_code: str) -> Organisation:
    return get_object_or_404(Organisation, la_code=la_code, kind=OrganisationKind.LOCAL_AUTHORITY)


@requires("export_la_data", load=load_la)
def la_export(request: HttpRequest, la_code: str, obj: Organisation) -> HttpResponse:
    data = services.portability(request.user, obj)  # type: ignore[arg-type]
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=[la_code],
        summary=f"portability export of {obj.name}'s own data",
    )
    return attachment(data, f"{la_code}-own-data-{stamp()}.zip", ZIP)
