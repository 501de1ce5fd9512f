"""Meetings: the list (with the DfE senior officials' schedule), arranging one, its page
(agenda, pack, invitations, attendance, minutes, decisions, actions, follow-up), and the
minutes as a marked PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from tartan.governance import senior
from tartan.governance.minutes import MinutesDocument, minutes_pdf
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.downloads import attachment
from tartan.web.governance import policies, tenancy
from tartan.web.governance.forms import HighlightForm, MeetingForm, describe
from tartan.web.governance.meeting_forms import (
    ActionForm,
    ActionUpdateForm,
    AttendanceForm,
    DecisionForm,
    InviteForm,
    MinutesForm,
)
from tartan.web.governance.models import Meeting, MeetingAction, Project
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import meetings as service
from tartan.web.governance.services.reports import marking_for
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, today
from tartan.web.permissions import is_allowed, requires


@requires("view_meetings")
def meeting_list(request: HttpRequest) -> HttpResponse:
    programme = policies.is_programme(request.user)
    day = today()
    context: dict[str, object] = {
        "title": "Meetings",
        "meetings": service.visible_to(request.user, programme),
        "programme": programme,
    }
    if programme:
        group = tenancy.new_group(request.user)
        context.update(
            senior=service.senior_schedule(day, group),
            warnings=service.senior_warnings(day, group),
            next_senior=senior.next_due(service.senior_dates(group), day),
            today=day,
        )
    return render(request, "governance/meetings.html", context)


@requires("manage_meetings")
def meeting_new(request: HttpRequest) -> HttpResponse:
    group = tenancy.new_group(request.user)
    form = MeetingForm(
        group,
        request.POST or None,
        initial={"title": "SESLIP Steering Group", "kind": "steering"},
    )
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.created_by = request.user
        meeting.group_key = group
        meeting.save()
        record(request, Action.GOVERNANCE, obj=meeting, summary=f"meeting {meeting}")
        return redirect("governance:meeting", meeting_id=meeting.pk)
    return form_page(
        request,
        form,
        "Arrange a meeting",
        caption="Meetings",
        intro="Only released quarters can go in a meeting pack.",
        submit="Arrange the meeting",
        back="governance:meetings",
    )


@requires("view_meeting", load=loaders.meeting)
def meeting_detail(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    manage = is_allowed(request.user, "manage_meetings", obj)
    context: dict[str, object] = {
        "title": str(obj),
        "meeting": obj,
        "manage": manage,
        "invitations": obj.invitations.select_related("user"),
        "decisions": obj.decisions.all(),
        "actions": obj.actions.select_related("owner").prefetch_related("updates"),
        "follow_up": service.follow_up(obj),
        "previous": service.previous(obj),
        "released": obj.round is not None and obj.round.is_released,
        "may_see_pack": obj.round is not None
        and is_allowed(request.user, "view_meeting_pack", obj.round),
        # The minutes and actions are an output like any other: marked for the reader.
        "marking": marking_for(request.user, obj),
    }
    if manage:
        projects = list(
            Project.objects.filter(active=True, group_key=obj.group_key).prefetch_related("reports")
        )
        context.update(
            highlights=obj.highlights.all(),
            projects=[(p, p.latest_report) for p in projects],
            highlight_form=describe(HighlightForm()),
            invite_form=describe(InviteForm(obj)),
            attendance_form=describe(AttendanceForm(obj)),
            minutes_form=describe(MinutesForm(instance=obj)),
            decision_form=describe(DecisionForm()),
            action_form=describe(ActionForm(obj)),
            update_form=describe(ActionUpdateForm()),
        )
    return render(request, "governance/meeting.html", context)


def _back(obj: Meeting) -> HttpResponse:
    return redirect("governance:meeting", meeting_id=obj.pk)


def _problem(request: HttpRequest, form: object) -> None:
    errors = getattr(form, "errors", {})
    text = "; ".join(str(e) for field in errors.values() for e in field)
    messages.error(request, text or "Check the form and try again")


@requires("manage_meetings", load=loaders.meeting)
def invite(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    form = InviteForm(obj, request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            _problem(request, form)
            return _back(obj)
        try:
            made = service.invite(
                obj,
                request.user,
                user=form.cleaned_data["user"],
                participant=form.cleaned_data["participant"],
            )
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            record(request, Action.GOVERNANCE, obj=made, summary=f"invited {made.name} to {obj}")
            messages.success(request, f"{made.name} is invited; the invitation is on its way.")
    return _back(obj)


@requires("manage_meetings", load=loaders.meeting)
def attendance(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    form = AttendanceForm(obj, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            present = {int(pk) for pk in form.cleaned_data["attended"]}
            count = service.record_attendance(obj, present)
            record(request, Action.GOVERNANCE, obj=obj, summary=f"attendance at {obj}: {count}")
            messages.success(request, f"Attendance recorded: {count} attended.")
        else:
            _problem(request, form)
    return _back(obj)


@requires("manage_meetings", load=loaders.meeting)
def minutes(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    form = MinutesForm(request.POST or None, instance=obj)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            record(request, Action.GOVERNANCE, obj=obj, summary=f"agenda and minutes of {obj}")
            messages.success(request, "The agenda and minutes are saved.")
        else:
            _problem(request, form)
    return _back(obj)


@requires("manage_meetings", load=loaders.meeting)
def decision_new(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            made = service.add_decision(obj, form.cleaned_data["text"], request.user)
            record(request, Action.GOVERNANCE, obj=made, summary=f"decision at {obj}")
        else:
            _problem(request, form)
    return _back(obj)


@requires("manage_meetings", load=loaders.meeting)
def action_new(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    form = ActionForm(obj, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            made = service.add_action(
                obj, data["text"], data["owner"], data["due_on"], request.user
            )
            record(
                request,
                Action.GOVERNANCE,
                obj=made,
                summary=f"action for {made.owner.name} due {made.due_on} at {obj}",
            )
        else:
            _problem(request, form)
    return _back(obj)


@requires("manage_meetings", load=loaders.meeting_action)
def action_update(request: HttpRequest, action_id: int, obj: MeetingAction) -> HttpResponse:
    """An update on an action, given at the meeting named in the form (the one following it
    up), or between meetings."""
    form = ActionUpdateForm(request.POST or None)
    at = request.POST.get("at_meeting") if request.method == "POST" else None
    # isdecimal, not isdigit: "²" is a digit that int() refuses (a 500, not a 404).
    # The meeting following it up is one of the same group's: another group's is not found.
    at_meeting = (
        get_object_or_404(Meeting, pk=int(at), group_key=obj.meeting.group_key)
        if at and at.isdecimal()
        else None
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            made = service.update_action(
                obj, data["text"], data["status"], request.user, at_meeting
            )
            record(
                request,
                Action.GOVERNANCE,
                obj=made,
                summary=f"update on action {obj.pk}: {made.get_status_display()}",
            )
        else:
            _problem(request, form)
    return _back(at_meeting or obj.meeting)


@requires("view_meeting", load=loaders.meeting)
def minutes_download(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    marking = marking_for(request.user, obj)
    invitations = list(obj.invitations.all())
    document = MinutesDocument(
        title=str(obj),
        kind=obj.get_kind_display(),
        held_on=obj.held_on,
        dfe_senior=obj.dfe_senior,
        agenda=obj.agenda,
        minutes=obj.minutes,
        attended=[i.name for i in invitations if i.attended],
        apologies=[i.name for i in invitations if i.attended is False],
        decisions=[d.text for d in obj.decisions.all()],
        actions=[
            (a.text, a.owner.name, a.due_on, a.get_status_display())
            for a in obj.actions.select_related("owner")
        ],
        marking=marking.lines,
    )
    record(request, Action.DOWNLOAD, obj=obj, summary=f"minutes of {obj}")
    return attachment(minutes_pdf(document), f"minutes_{obj.held_on:%Y-%m-%d}.pdf")
