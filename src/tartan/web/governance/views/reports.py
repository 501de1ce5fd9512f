"""Projects and progress reports; meetings, highlight reports and meeting packs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from markupsafe import Markup

from tartan.governance.documents import (
    document_css,
    highlight_fragment,
    highlight_pdf,
    meeting_pack_pdf,
)
from tartan.rug.html import overview_fragment
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.downloads import attachment
from tartan.web.governance import policies, tenancy
from tartan.web.governance.forms import (
    HighlightForm,
    ProgressReportForm,
    ProjectForm,
    describe,
)
from tartan.web.governance.models import HighlightReport, Meeting, Project
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import reports as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render
from tartan.web.permissions import requires


@requires("report_progress")
def project_list(request: HttpRequest) -> HttpResponse:
    projects = Project.objects.select_related("manager").prefetch_related("reports")
    if policies.is_programme(request.user):
        projects = tenancy.mine(projects, request.user)
    else:
        projects = projects.filter(manager=request.user, active=True)
    return render(
        request,
        "governance/projects.html",
        {"title": "Projects and progress reports", "projects": projects},
    )


@requires("manage_highlight_reports")
def project_new(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(tenancy.new_group(request.user), request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        record(request, Action.GOVERNANCE, obj=project, summary=f"project {project.name}")
        return redirect("governance:projects")
    return form_page(
        request, form, "Add a project", caption="Projects", submit="Add", back="governance:projects"
    )


@requires("submit_progress_report", load=loaders.project)
def progress_new(request: HttpRequest, project_id: int, obj: Project) -> HttpResponse:
    form = ProgressReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.project = obj
        report.submitted_by = request.user
        report.save()
        record(
            request,
            Action.GOVERNANCE,
            obj=report,
            summary=f"progress report {obj.name} {report.period} ({report.rag})",
        )
        messages.success(request, f"Your progress report on {obj.name} is sent.")
        return redirect("governance:projects")
    return render(
        request,
        "governance/progress_new.html",
        {
            "title": f"Progress report: {obj.name}",
            "project": obj,
            "form": form,
            "fields": describe(form),
            "reports": obj.reports.select_related("submitted_by")[:8],
        },
    )


@requires("manage_highlight_reports", load=loaders.meeting)
def highlight_assemble(request: HttpRequest, meeting_id: int, obj: Meeting) -> HttpResponse:
    form = HighlightForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = service.assemble(obj, form.cleaned_data["summary"], request.user)
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            record(request, Action.GOVERNANCE, obj=made, summary=f"highlight report for {obj}")
            return redirect("governance:highlight", highlight_id=made.pk)
    return redirect("governance:meeting", meeting_id=obj.pk)


@requires("manage_highlight_reports", load=loaders.highlight)
def highlight_detail(request: HttpRequest, highlight_id: int, obj: HighlightReport) -> HttpResponse:
    return render(
        request,
        "governance/highlight.html",
        {
            "title": f"Highlight report: {obj.meeting}",
            "highlight": obj,
            "body": highlight_fragment(service.document(obj)),
            "css": Markup(document_css()),
            "pack": False,
        },
    )


@requires("manage_highlight_reports", load=loaders.highlight)
def highlight_download(
    request: HttpRequest, highlight_id: int, obj: HighlightReport
) -> HttpResponse:
    record(request, Action.DOWNLOAD, obj=obj, summary=f"highlight report for {obj.meeting}")
    name = f"highlight_report_{obj.meeting.held_on:%Y-%m-%d}.pdf"
    return attachment(highlight_pdf(service.document(obj)), name)


def _pack_overview(request: HttpRequest, obj: HighlightReport):  # type: ignore[no-untyped-def]
    overview = service.released_overview(
        obj.meeting, service.marking_for(request.user, obj.meeting)
    )
    if overview is not None:
        record(
            request,
            Action.VIEW,
            obj=obj.meeting.round,
            la_codes=overview.la_codes,
            summary=f"regional overview {obj.meeting.round} in the meeting pack",
        )
    return overview


@requires("manage_highlight_reports", load=loaders.highlight)
def pack(request: HttpRequest, highlight_id: int, obj: HighlightReport) -> HttpResponse:
    from tartan.rug.html import rug_css

    overview = _pack_overview(request, obj)
    return render(
        request,
        "governance/highlight.html",
        {
            "title": f"Meeting pack: {obj.meeting}",
            "highlight": obj,
            "body": highlight_fragment(service.document(obj)),
            "css": Markup(document_css() + rug_css()),
            "pack": True,
            "overview": overview_fragment(overview) if overview else None,
            "round": obj.meeting.round,
        },
    )


@requires("manage_highlight_reports", load=loaders.highlight)
def pack_download(request: HttpRequest, highlight_id: int, obj: HighlightReport) -> HttpResponse:
    overview = _pack_overview(request, obj)
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=overview.la_codes if overview else [],
        summary=f"meeting pack for {obj.meeting}",
    )
    name = f"meeting_pack_{obj.meeting.held_on:%Y-%m-%d}.pdf"
    return attachment(meeting_pack_pdf(service.document(obj), overview), name)
