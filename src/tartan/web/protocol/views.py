"""The protocol's pages: acknowledging it, its versions, who has acknowledged, the issues log
and the periodic report to DCSs (page and CSV)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from tartan.web.downloads import attachment
from tartan.web.files import csv_text, marking_lines, marking_of_person
from tartan.web.groups.registry import dbg_group
from tartan.web.permissions import requires
from tartan.web.protocol import forms, services
from tartan.web.protocol.models import IssueStatus, ProtocolIssue, ProtocolVersion


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
    return wanted if safe and wanted.startswith("/") else "/"


@requires("acknowledge_protocol")
def acknowledge(request: HttpRequest) -> HttpResponse:
    binding = services.binding(request.user)
    if request.method == "POST":
        chosen = next((v for v in binding if request.POST.get("version") == str(v.pk)), None)
        if chosen is not None:
            services.acknowledge(request, request.user, chosen)  # type: ignore[arg-type]
            messages.success(request, f"You have acknowledged protocol version {chosen.version}.")
            # Someone in two groups is brought back for the other group's version.
            return redirect(_next(request))
    waiting = services.needs_acknowledgement(request.user)
    return render(
        request,
        "protocol/acknowledge.html",
        {
            "title": "The data sharing protocol",
            "version": waiting or (binding[0] if binding else None),
            "done": waiting is None and bool(binding),
            "next": _next(request),
        },
    )


def load_version(request: HttpRequest, version_id: int) -> ProtocolVersion:
    found = ProtocolVersion.objects.filter(pk=version_id).exclude(document_name="").first()
    if found is None:
        raise Http404("no such document")
    return found


@requires("read_protocol_document", load=load_version)
def document(request: HttpRequest, version_id: int, obj: ProtocolVersion) -> HttpResponse:
    return attachment(bytes(obj.document), obj.document_name)


@requires("publish_protocol")
def versions(request: HttpRequest) -> HttpResponse:
    form = forms.VersionForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("document")
        made = services.publish(
            request,
            request.user,  # type: ignore[arg-type]
            form.cleaned_data["version"],
            form.cleaned_data["effective_on"],
            form.cleaned_data["summary"],
            upload.read() if upload else b"",
            upload.name if upload else "",
        )
        messages.success(request, f"Protocol version {made.version} is published.")
        return redirect("protocol:versions")
    return render(
        request,
        "protocol/versions.html",
        {
            "title": "Protocol versions",
            "form": form,
            "versions": ProtocolVersion.objects.filter(group_key=dbg_group(request.user) or ""),
            "current": services.current_version(dbg_group(request.user) or ""),
        },
    )


@requires("view_acknowledgements")
def acknowledgements(request: HttpRequest) -> HttpResponse:
    # The DBG's own group only (its policy makes sure it has one).
    group = dbg_group(request.user) or ""
    version = services.current_version(group)
    rows = services.standings(version, group) if version else []
    return render(
        request,
        "protocol/acknowledgements.html",
        {
            "title": "Who has acknowledged the protocol",
            "version": version,
            "done": [r for r in rows if r.acknowledged_at],
            "waiting": [r for r in rows if not r.acknowledged_at],
        },
    )


@requires("keep_protocol_issues")
def issues(request: HttpRequest) -> HttpResponse:
    form = forms.IssueForm(posted(request), initial={"raised_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.raise_issue(
            request,
            request.user,  # type: ignore[arg-type]
            dbg_group(request.user) or "",
            form.cleaned_data["title"],
            form.cleaned_data["description"],
            form.cleaned_data["raised_on"],
        )
        messages.success(request, "The issue is in the log.")
        return redirect("protocol:issues")
    return render(
        request,
        "protocol/issues.html",
        {
            "title": "Issues in the protocol's operation",
            "form": form,
            "issues": ProtocolIssue.objects.filter(group_key=dbg_group(request.user) or ""),
        },
    )


@requires("keep_protocol_issues")
def close_issue(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(
        ProtocolIssue,
        pk=issue_id,
        status=IssueStatus.OPEN,
        group_key=dbg_group(request.user) or "",
    )
    form = forms.CloseIssueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.close_issue(request, request.user, issue, form.cleaned_data["resolution"])  # type: ignore[arg-type]
        messages.success(request, f"“{issue.title}” is closed.")
        return redirect("protocol:issues")
    return render(
        request,
        "protocol/close_issue.html",
        {"title": f"Close “{issue.title}”", "form": form, "issue": issue},
    )


def _period(request: HttpRequest) -> tuple[forms.PeriodForm, date, date]:
    today = timezone.localdate()
    default_start = today - timedelta(days=90)
    form = forms.PeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    if not request.GET:
        form = forms.PeriodForm(initial={"start": default_start, "end": today})
    return form, default_start, today


@requires("report_on_protocol")
def report(request: HttpRequest) -> HttpResponse:
    form, start, end = _period(request)
    made = services.period_report(dbg_group(request.user) or "", start, end)
    return render(
        request,
        "protocol/report.html",
        {
            "title": "Report to DCSs on the protocol's operation",
            "form": form,
            "report": made,
            "marking": marking_of_person(request.user),
        },
    )


@requires("report_on_protocol")
def report_csv(request: HttpRequest) -> HttpResponse:
    _form, start, end = _period(request)
    made = services.period_report(dbg_group(request.user) or "", start, end)
    rows = [
        *made.rows(),
        *((f"Issue: {i.title}", i.get_status_display()) for i in made.issues_raised),
    ]
    text = csv_text(["measure", "value"], rows, marking_lines(request.user))
    return attachment(text, f"protocol-report-{start}-{end}.csv")
