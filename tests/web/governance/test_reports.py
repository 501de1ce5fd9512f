"""Progress reports from project managers; highlight reports from the latest report of each
project (HTML and PDF); meeting packs with the quarter's released regional overview."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from weasyprint import HTML

from tartan.governance.documents import highlight_page, meeting_pack
from tartan.rug.pdf import render_rugs
from tartan.web.accounts.roles import Position, Role
from tartan.web.collection import services as collection
from tartan.web.governance.forms import MeetingForm
from tartan.web.governance.models import HighlightReport, Meeting, ProgressReport, Project
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import reports as service
from tests.web.conftest import GROUP, signed_in
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user):
    return make_user(Role.LA_ANALYST, "887", Position.HEAD_OF_SERVICE)


def _report(client, project, period, rag, progress):
    return client.post(
        reverse("governance:progress-new", args=[project.pk]),
        {"period": period, "rag": rag, "progress": progress, "risks": "", "next_steps": "More"},
    )


def test_a_project_manager_reports_on_their_own_project_only(manager, make_user):
    mine = Project.objects.create(name="Peer review", manager=manager)
    theirs = Project.objects.create(name="Data to insight")
    client = signed_in(manager)
    response = _report(client, mine, "2024/25 q3", "amber", "Two reviews done")
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.period, report.rag, report.submitted_by) == ("2024-25 Q3", "amber", manager)
    assert _report(client, theirs, "2024-25 Q3", "green", "x").status_code == 404
    listing = client.get(reverse("governance:projects")).content.decode()
    assert "Peer review" in listing
    assert "Data to insight" not in listing
    refused = _report(client, mine, "Q3", "purple", "")
    html = refused.content.decode()
    assert "is not a period" in html
    assert "Select a valid choice" in html
    bystander = make_user(Role.LA_ANALYST, "886")
    assert signed_in(bystander).get(reverse("governance:projects")).status_code == 403


def test_the_highlight_report_takes_the_latest_report_of_each_project(programme, manager):
    peer = Project.objects.create(name="Peer review", manager=manager)
    data = Project.objects.create(name="Data to insight", manager=programme)
    Project.objects.create(name="Leadership", manager=programme)
    Project.objects.create(name="Closed project", active=False)
    client = signed_in(manager)
    _report(client, peer, "2024-25 Q2", "red", "Stalled in Q2")
    _report(client, peer, "2024-25 Q3", "amber", "Recovering in Q3")
    _report(signed_in(programme), data, "2024-25 Q3", "green", "Dataset submitted")
    meeting = Meeting.objects.create(held_on=TODAY + timedelta(days=7), created_by=programme)
    response = signed_in(programme).post(
        reverse("governance:highlight-assemble", args=[meeting.pk]), {"summary": "On track"}
    )
    highlight = HighlightReport.objects.get()
    assert response["Location"] == reverse("governance:highlight", args=[highlight.pk])
    assert sorted(r.progress for r in highlight.reports.all()) == [
        "Dataset submitted",
        "Recovering in Q3",
    ]
    assert highlight.without_report == ["Leadership"]
    _report(client, peer, "2024-25 Q4", "green", "Later report")  # does not change it
    document = service.document(highlight)
    assert [u.project for u in document.updates] == ["Data to insight", "Peer review"]
    page = signed_in(programme).get(reverse("governance:highlight", args=[highlight.pk]))
    html = page.content.decode()
    assert "Recovering in Q3" in html
    assert "Later report" not in html
    assert "No progress report yet:</strong> Leadership" in html
    pdf = signed_in(programme).get(reverse("governance:highlight-pdf", args=[highlight.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert len(HTML(string=highlight_page(document)).render().pages) == 1


def test_nothing_to_assemble_without_reports(programme):
    meeting = Meeting.objects.create(held_on=TODAY, created_by=programme)
    Project.objects.create(name="Quiet")
    with pytest.raises(GovernanceError, match="no project has sent"):
        service.assemble(meeting, "", programme)


def test_the_meeting_pack_holds_the_released_overview(programme, released_round, dbg):
    project = Project.objects.create(name="Peer review", manager=programme)
    ProgressReport.objects.create(
        project=project, period="2024-25 Q4", rag="green", progress="Fine", submitted_by=programme
    )
    meeting = Meeting.objects.create(held_on=TODAY, round=released_round, created_by=programme)
    highlight = service.assemble(meeting, "", programme)
    client = signed_in(programme)
    html = client.get(reverse("governance:pack", args=[highlight.pk])).content.decode()
    assert "Regional overview: 2024-25 Q4" in html
    assert "INTERNAL AND LIMITED USE" in html
    assert "East Sussex" in html
    pdf = client.get(reverse("governance:pack-pdf", args=[highlight.pk]))
    assert pdf.content.startswith(b"%PDF")
    overview = service.released_overview(meeting, service.marking_for(programme, meeting))
    assert overview is not None
    assert len(overview.la_codes) == 19
    pages = meeting_pack(service.document(highlight), overview).pages
    assert len(pages) == 1 + len(render_rugs([], overview).pages)
    assert pages[0].width < pages[0].height  # the highlight report: portrait
    assert pages[1].width > pages[1].height  # the overview: landscape


def test_only_released_quarters_go_in_a_pack(programme, dbg):
    unreleased = collection.open_round(dbg, GROUP, "2025-26 Q1", TODAY + timedelta(days=30))
    assert unreleased.pk not in [r.pk for r in MeetingForm("south-east").fields["round"].queryset]
    refused = MeetingForm(
        "south-east", {"title": "SG", "held_on": TODAY.isoformat(), "round": unreleased.pk}
    )
    assert not refused.is_valid()
    meeting = Meeting.objects.create(held_on=TODAY, round=unreleased, created_by=programme)
    assert service.released_overview(meeting, service.marking_for(programme, meeting)) is None
