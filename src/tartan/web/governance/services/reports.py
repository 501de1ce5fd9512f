"""Progress reports in, highlight reports and meeting packs out."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from tartan.governance.documents import HighlightReport as HighlightDocument
from tartan.governance.documents import ProjectUpdate, Rag
from tartan.marking import ProtectiveMarking
from tartan.reference.groups import shipped_groups
from tartan.rug.model import Overview, build_overview
from tartan.web.collection.services import members
from tartan.web.governance.models import HighlightReport, Meeting, ProgressReport, Project
from tartan.web.governance.services import GovernanceError
from tartan.web.reports.data import View, benchmark_table, las_by_period

PROGRAMME = "South East Sector Led Improvement Programme"


@transaction.atomic
def assemble(meeting: Meeting, summary: str, user: Any) -> HighlightReport:
    """The latest report of each active project, kept with the highlight report."""
    projects = list(Project.objects.filter(active=True, group_key=meeting.group_key))
    latest = [p.latest_report for p in projects]
    reports = [r for r in latest if r is not None]
    if not reports:
        raise GovernanceError("no project has sent a progress report yet")
    highlight = HighlightReport.objects.create(
        meeting=meeting,
        summary=summary,
        assembled_by=user,
        without_report=[p.name for p, r in zip(projects, latest, strict=True) if r is None],
    )
    highlight.reports.set(reports)
    return highlight


def _manager(report: ProgressReport) -> str:
    person = report.project.manager or report.submitted_by
    return person.display_name


def document(highlight: HighlightReport) -> HighlightDocument:
    reports = highlight.reports.select_related("project__manager", "submitted_by").order_by(
        "project__name"
    )
    updates = [
        ProjectUpdate(
            project=r.project.name,
            manager=_manager(r),
            period=r.period,
            rag=Rag(r.rag),
            progress=r.progress,
            risks=r.risks,
            next_steps=r.next_steps,
            submitted_on=timezone.localtime(r.submitted_at).date(),
        )
        for r in reports
    ]
    return HighlightDocument(
        programme=PROGRAMME,
        meeting=highlight.meeting.title,
        meeting_on=highlight.meeting.held_on,
        prepared_by=highlight.assembled_by.display_name,
        prepared_on=timezone.localtime(highlight.assembled_at).date(),
        summary=highlight.summary,
        updates=updates,
        projects_without_report=list(highlight.without_report),
    )


def released_overview(meeting: Meeting, marking: ProtectiveMarking) -> Overview | None:
    """The meeting quarter's regional overview, from released figures only (None if the
    meeting has no quarter, or the quarter is not released)."""
    round_ = meeting.round
    if round_ is None or not round_.is_released:
        return None
    table = benchmark_table(round_, View.RELEASED)
    if round_.period not in las_by_period(table):
        return None
    return build_overview(table, round_.quarter, members(round_), marking)


def marking_for(user: Any, meeting: Meeting) -> ProtectiveMarking:
    round_ = meeting.round
    group = shipped_groups()[round_.group_key].name if round_ else shipped_groups().default.name
    who = f"{user.display_name}, {user.organisation}" if user.organisation else user.display_name
    return ProtectiveMarking(
        produced_for=who, group=group, synthetic=bool(round_ and round_.synthetic)
    )
