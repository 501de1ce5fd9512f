"""Load the object a URL names (or 404); the policy then decides on it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from tartan.web.governance.models import (
    Document,
    Grant,
    HighlightReport,
    Invoice,
    Meeting,
    MeetingAction,
    Memorandum,
    Participant,
    Project,
    Settlement,
    SettlementShare,
    Subscription,
    SubscriptionYear,
)


def memorandum(request: HttpRequest, memorandum_id: int, **_: Any) -> Memorandum:
    return get_object_or_404(Memorandum, pk=memorandum_id)


def document(request: HttpRequest, document_id: int, **_: Any) -> Document:
    return get_object_or_404(Document.objects.defer("content"), pk=document_id)


def year(request: HttpRequest, year_id: int, **_: Any) -> SubscriptionYear:
    return get_object_or_404(SubscriptionYear, pk=year_id)


def subscription(request: HttpRequest, subscription_id: int, **_: Any) -> Subscription:
    return get_object_or_404(Subscription.objects.select_related("year"), pk=subscription_id)


def invoice(request: HttpRequest, invoice_id: int, **_: Any) -> Invoice:
    return get_object_or_404(Invoice.objects.select_related("subscription__year"), pk=invoice_id)


def grant(request: HttpRequest, grant_id: int, **_: Any) -> Grant:
    return get_object_or_404(Grant, pk=grant_id)


def settlement(request: HttpRequest, settlement_id: int, **_: Any) -> Settlement:
    return get_object_or_404(Settlement, pk=settlement_id)


def share(request: HttpRequest, share_id: int, **_: Any) -> SettlementShare:
    return get_object_or_404(SettlementShare.objects.select_related("settlement"), pk=share_id)


def project(request: HttpRequest, project_id: int, **_: Any) -> Project:
    return get_object_or_404(Project, pk=project_id)


def meeting(request: HttpRequest, meeting_id: int, **_: Any) -> Meeting:
    return get_object_or_404(Meeting, pk=meeting_id)


def meeting_action(request: HttpRequest, action_id: int, **_: Any) -> MeetingAction:
    return get_object_or_404(MeetingAction.objects.select_related("meeting"), pk=action_id)


def highlight(request: HttpRequest, highlight_id: int, **_: Any) -> HighlightReport:
    return get_object_or_404(HighlightReport.objects.select_related("meeting"), pk=highlight_id)


def participant(request: HttpRequest, participant_id: int, **_: Any) -> Participant:
    return get_object_or_404(Participant, pk=participant_id)


def own_entry(request: HttpRequest, **_: Any) -> Participant:
    entry = Participant.objects.filter(user_id=request.user.pk).first()
    if entry is None:
        raise Http404("you have no entry in the directory")
    return entry
