"""The audit trail, as the DBG sees it and as each LA sees it for its own figures."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tartan.web.audit.models import Action, AuditEvent
from tartan.web.audit.policies import administers
from tartan.web.groups import registry
from tartan.web.permissions import requires

PAGE = 100


@requires("view_audit_all")
def all_events(request: HttpRequest) -> HttpResponse:
    # The concerns protocol is confidential to the people in each conversation: its events are
    # kept (append-only, like every other) but not listed here, not even for the DBG.
    events = AuditEvent.objects.exclude(action=Action.CONCERN)
    group = registry.dbg_group(request.user)
    if group is not None and not administers(request.user):
        # A group's DBG sees what touches its own members and what its own people did.
        about = Q(organisation=str(request.user.organisation))  # type: ignore[union-attr]
        for code in registry.groups_with_members_on(timezone.localdate()).get(group, []):
            about |= Q(la_codes__contains=f",{code},")
        events = events.filter(about)
    action = request.GET.get("action", "")
    if action in Action.values:
        events = events.filter(action=action)
    la = request.GET.get("la", "")
    if la.isdigit() and len(la) == 3:
        events = events.about_la(la)
    page = Paginator(events, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/events.html",
        {
            "title": "Audit trail",
            "page": page,
            "actions": Action.choices,
            "action": action,
            "la": la,
            "mine": False,
        },
    )


@requires("view_own_audit")
def own_figures(request: HttpRequest) -> HttpResponse:
    la = request.user.la_code  # type: ignore[union-attr]
    events = AuditEvent.objects.about_la(la or "").filter(
        action__in=[Action.VIEW, Action.DOWNLOAD, Action.EXPORT, Action.SHARE, Action.CHILD_DATA]
    )
    page = Paginator(events, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/events.html",
        {
            "title": "Who has viewed or downloaded our figures",
            "page": page,
            "actions": [],
            "mine": True,
            "own_organisation": str(request.user.organisation),  # type: ignore[union-attr]
        },
    )
