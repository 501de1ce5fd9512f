"""The contact directory: the public page, a person's own entry, programme staff's list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance import policies, tenancy
from tartan.web.governance.forms import OwnEntryForm, ParticipantForm, describe
from tartan.web.governance.models import Participant
from tartan.web.governance.services import directory as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render
from tartan.web.governance.views.public import public_group_or_404, public_page
from tartan.web.permissions import PUBLIC, requires


@requires(PUBLIC)
def public_directory(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    """A group's public contacts; withdrawn consent takes effect at once (public_page keeps no
    copy in a browser or proxy)."""
    group = public_group_or_404(group_key)
    context = {"title": "Contacts", "people": Participant.public.filter(group_key=group.key)}
    return public_page(request, "governance/directory_public.html", group, context)


@requires("manage_directory")
def directory_manage(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/directory.html",
        {
            "title": "Contact directory",
            "people": tenancy.mine(Participant.objects.select_related("user"), request.user),
            "group_key": tenancy.programme_group(request.user),
        },
    )


@requires("manage_directory")
def participant_new(request: HttpRequest) -> HttpResponse:
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        person.group_key = tenancy.new_group(request.user)
        person.save()
        record(request, Action.GOVERNANCE, obj=person, summary=f"directory entry {person.name}")
        return redirect("governance:directory-manage")
    return form_page(
        request,
        form,
        "Add a person to the directory",
        caption="Contact directory",
        intro="Work email and phone are shown on the public contacts page unless the person "
        "withholds consent.",
        submit="Add",
        back="governance:directory-manage",
    )


def _entry_page(request: HttpRequest, person: Participant, form: object, own: bool) -> HttpResponse:
    return render(
        request,
        "governance/entry.html",
        {
            "title": "Your entry in the directory" if own else f"Directory entry: {person.name}",
            "person": person,
            "fields": describe(form),  # type: ignore[arg-type]
            "own": own,
        },
    )


def _edit(request: HttpRequest, person: Participant, own: bool) -> HttpResponse:
    form_class = (
        ParticipantForm if policies.runs(request.user, person) and not own else OwnEntryForm
    )
    form = form_class(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, Action.GOVERNANCE, obj=person, summary="directory entry changed")
        messages.success(request, "The entry is saved.")
        return redirect("governance:my-entry" if own else "governance:directory-manage")
    return _entry_page(request, person, form, own)


@requires("edit_directory_entry", load=loaders.own_entry)
def my_entry(request: HttpRequest, obj: Participant) -> HttpResponse:
    return _edit(request, obj, own=True)


@requires("edit_directory_entry", load=loaders.participant)
def participant_edit(request: HttpRequest, participant_id: int, obj: Participant) -> HttpResponse:
    return _edit(request, obj, own=obj.user_id == request.user.pk)


@requires("edit_directory_entry", load=loaders.participant)
def consent(request: HttpRequest, participant_id: int, obj: Participant) -> HttpResponse:
    if request.method == "POST":
        withhold = request.POST.get("consent") == "withhold"
        if service.set_consent(obj, withhold):
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                summary=("consent withheld" if withhold else "consent given")
                + f" for the public directory: {obj.name}",
            )
        whose = "Your" if obj.user_id == request.user.pk else f"{obj.name}'s"
        messages.success(
            request,
            f"{whose} details are no longer on the public contacts page."
            if withhold
            else f"{whose} details are shown on the public contacts page.",
        )
    own = obj.user_id == request.user.pk
    return redirect("governance:my-entry" if own else "governance:directory-manage")
