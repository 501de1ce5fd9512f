"""Each group's public face, open to anyone without signing in: its current plans, steering
group, the published-only benchmarking figures of its authorities and the complaints route.
The addresses without a group are the default group's, as they were before each group had its
own. The complaints register behind them is each group's programme manager's and chair's alone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from tartan.rug.formats import format_value
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance import public_forms as pf
from tartan.web.governance import tenancy
from tartan.web.governance.models import Complaint, Office, Project, SteeringSeat
from tartan.web.governance.policies import complaint_offices
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import public as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, today
from tartan.web.groups.models import BenchmarkingGroup
from tartan.web.groups.registry import UnknownGroup
from tartan.web.permissions import PUBLIC, requires


def complaint_loader(request: HttpRequest, complaint_id: int, **_: Any) -> Complaint:
    return get_object_or_404(Complaint, pk=complaint_id)


def seat_loader(request: HttpRequest, seat_id: int, **_: Any) -> SteeringSeat:
    return get_object_or_404(SteeringSeat, pk=seat_id)


def public_group_or_404(group_key: str | None) -> BenchmarkingGroup:
    try:
        return service.public_group(group_key)
    except UnknownGroup:
        raise Http404("no such benchmarking group") from None


def _unkept(response: HttpResponse) -> HttpResponse:
    # A withdrawn consent or a changed seat shows at once: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


def public_page(
    request: HttpRequest, template: str, group: BenchmarkingGroup, context: dict[str, Any]
) -> HttpResponse:
    return _unkept(render(request, template, {"group": group, **context}))


@requires(PUBLIC)
def public_groups(request: HttpRequest) -> HttpResponse:
    context = {
        "title": "Benchmarking groups' programmes",
        "groups": service.groups_with_a_public_face(),
    }
    return _unkept(render(request, "governance/public/groups.html", context))


@requires(PUBLIC)
def public_index(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    group = public_group_or_404(group_key)
    context = {
        "title": "The programme",
        "manager": service.holder(group.key, Office.PROGRAMME_MANAGER),
    }
    return public_page(request, "governance/public/index.html", group, context)


@requires(PUBLIC)
def public_plans(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    group = public_group_or_404(group_key)
    projects = Project.objects.filter(active=True, shown_publicly=True, group_key=group.key)
    context = {"title": "Current plans", "projects": projects}
    return public_page(request, "governance/public/plans.html", group, context)


@requires(PUBLIC)
def public_steering_group(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    group = public_group_or_404(group_key)
    seats = list(service.public_seats(group.key))
    context = {
        "title": "Steering group",
        "chair": next((s for s in seats if s.office == Office.CHAIR), None),
        "manager": next((s for s in seats if s.office == Office.PROGRAMME_MANAGER), None),
        "members": [s for s in seats if s.office == Office.MEMBER],
    }
    return public_page(request, "governance/public/steering_group.html", group, context)


def _chosen(asked: str | None, offered: list[Any]) -> Any:
    """What the visitor asked for if it is on offer, else the first on offer."""
    return next((o for o in offered if str(o) == asked), offered[0])


@requires(PUBLIC)
def public_figures(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    """DfE's published figures only (memorandum 6.2.4), never the group's quarterly returns."""
    group = public_group_or_404(group_key)
    years = service.published_years()
    year = _chosen(request.GET.get("year"), years)
    choices = service.indicator_choices(group, year)
    if not choices:  # a group with no member today has no authority's figures to show
        context = {"title": "Published benchmarking figures", "years": years, "year": year}
        return public_page(request, "governance/public/figures.html", group, context)
    chosen = _chosen(request.GET.get("indicator"), [value for value, _ in choices])
    indicator, measure = chosen.split("|")
    figures = service.public_figures(group, year, indicator, measure)
    rows = [
        {
            "la_name": r["la_name"],
            "value": format_value(r["value"], measure, r["decimals"] or 0, r["symbol"]),
            "rank": f"{r['england_rank']} of {r['england_n']}" if r["england_rank"] else "",
        }
        for r in figures.rows.iter_rows(named=True)
    ]
    decimals = int(figures.rows["decimals"][0] or 0) if figures.rows.height else 0
    context = {
        "title": "Published benchmarking figures",
        "years": years,
        "year": year,
        "choices": choices,
        "chosen": chosen,
        "chosen_label": dict(choices)[chosen],
        "rows": rows,
        "region_name": figures.region,
        "region": format_value(figures.group_value, measure, decimals),
        "england": format_value(figures.england_value, measure, decimals),
        "releases": figures.releases,
    }
    return public_page(request, "governance/public/figures.html", group, context)


@requires(PUBLIC)
def complaint_new(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    group = public_group_or_404(group_key)
    form = pf.ComplaintForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = service.submit_complaint(
                request,
                group,
                data["addressed_to"],
                data["name"],
                data["email"],
                data["organisation"],
                data["details"],
            )
        except service.TooManyComplaints as error:
            response = form_page(request, form, "Make a complaint", problem=str(error))
            response.status_code = 429
            return response
        except GovernanceError as error:
            problem = str(error)
        else:
            request.session["complaint_reference"] = made.reference
            return redirect("governance:group-complaint-sent", group_key=group.key)
    return form_page(
        request,
        form,
        "Make a complaint",
        caption=group.name,
        intro="If you have a complaint or dispute about the conduct of the programme, send it "
        "to the programme manager or to the chair of the steering group. It is recorded, you "
        "are sent an acknowledgement by email, and the outcome is recorded.",
        submit="Send the complaint",
        problem=problem,
    )


@requires(PUBLIC)
def complaint_sent(request: HttpRequest, group_key: str | None = None) -> HttpResponse:
    group = public_group_or_404(group_key)
    context = {
        "title": "Complaint received",
        "reference": request.session.get("complaint_reference"),
    }
    return public_page(request, "governance/public/complaint_sent.html", group, context)


def _handled_by(held: set[tuple[str, str]]) -> Q:
    """The complaints the offices held open, as policies.may_see_complaint says: a group's
    chair sees all of that group's, its programme manager those addressed to them."""
    visible = Q(pk__in=[])
    for group_key, office in held:
        if office == Office.CHAIR:
            visible |= Q(group_key=group_key)
        else:
            visible |= Q(group_key=group_key, addressed_to=office)
    return visible


@requires("view_complaints")
def complaint_list(request: HttpRequest) -> HttpResponse:
    held = complaint_offices(request.user)
    complaints = Complaint.objects.filter(_handled_by(held))
    groups = dict(BenchmarkingGroup.objects.values_list("key", "name"))
    context = {
        "title": "Complaints register",
        "complaints": complaints,
        "groups": groups,
        "several_groups": len({key for key, _ in held}) > 1,
    }
    return render(request, "governance/complaints.html", context)


@requires("handle_complaint", load=complaint_loader)
def complaint_detail(request: HttpRequest, complaint_id: int, obj: Complaint) -> HttpResponse:
    context = {
        "title": str(obj),
        "complaint": obj,
        "group_name": service.group_name_of(obj.group_key),
    }
    return render(request, "governance/complaint.html", context)


@requires("handle_complaint", load=complaint_loader)
def complaint_outcome(request: HttpRequest, complaint_id: int, obj: Complaint) -> HttpResponse:
    form = pf.OutcomeForm(request.POST or None, initial={"outcome_on": today()})
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            service.record_outcome(
                obj, form.cleaned_data["outcome"], form.cleaned_data["outcome_on"], request
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            messages.success(request, "The outcome is recorded.")
            return redirect("governance:complaint", complaint_id=obj.pk)
    return form_page(
        request,
        form,
        "Record the outcome",
        caption=str(obj),
        submit="Record the outcome",
        problem=problem,
    )


@requires("manage_public_face")
def seats(request: HttpRequest) -> HttpResponse:
    context = {
        "title": "Steering group seats",
        "seats": tenancy.mine(SteeringSeat.objects.select_related("participant"), request.user),
        "projects": tenancy.mine(Project.objects.all(), request.user),
        "group_key": tenancy.programme_group(request.user),
    }
    return render(request, "governance/seats.html", context)


@requires("manage_public_face")
def seat_new(request: HttpRequest) -> HttpResponse:
    form = pf.SeatForm(
        tenancy.new_group(request.user), request.POST or None, initial={"started_on": today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service.add_seat(data["participant"], data["office"], data["started_on"], request)
        return redirect("governance:seats")
    return form_page(
        request,
        form,
        "Add a seat on the steering group",
        caption="Steering group",
        intro="A new chair or programme manager takes over from the previous one.",
        submit="Add the seat",
        back="governance:seats",
    )


@requires("manage_public_face", load=seat_loader)
def seat_end(request: HttpRequest, seat_id: int, obj: SteeringSeat) -> HttpResponse:
    if request.method == "POST":
        try:
            service.end_seat(obj, today(), request)
        except GovernanceError as error:
            messages.error(request, str(error))
    return redirect("governance:seats")


@requires("manage_public_face", load=loaders.project)
def project_public(request: HttpRequest, project_id: int, obj: Project) -> HttpResponse:
    form = pf.ProjectPublicForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, Action.GOVERNANCE, obj=obj, summary=f"public face of project {obj}")
        return redirect("governance:seats")
    return form_page(
        request,
        form,
        "What the public plans page shows",
        caption=str(obj),
        submit="Save",
        back="governance:seats",
    )
