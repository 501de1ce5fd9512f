"""The governance dashboard: reviews due and overdue, overdue invoices, settlements due; for an
LA, its own memoranda, subscriptions and invoices."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from tartan.governance import senior
from tartan.governance.schedule import ReviewState
from tartan.web.accounts.roles import Role
from tartan.web.governance import policies
from tartan.web.governance.models import (
    Memorandum,
    MemorandumStatus,
    Participant,
    SettlementShare,
    Subscription,
)
from tartan.web.governance.services import meetings, subscriptions
from tartan.web.governance.views.common import render, today
from tartan.web.permissions import requires


def reviews_due(day):  # type: ignore[no-untyped-def]
    """Every scheduled review not yet held, of the memoranda still running, that is overdue
    or due soon, oldest first."""
    found = []
    for memo in Memorandum.objects.exclude(status=MemorandumStatus.TERMINATED):
        if memo.last_day < day:
            continue  # ended: no more reviews to hold
        for slot in memo.review_slots(day):
            if slot.state in (ReviewState.OVERDUE, ReviewState.DUE):
                found.append((memo, slot))
    return sorted(found, key=lambda pair: pair[1].due_on)


@requires("view_governance")
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    day = today()
    context: dict[str, object] = {
        "title": "Programme governance",
        "today": day,
        "has_entry": Participant.objects.filter(user_id=user.pk).exists(),
    }
    if policies.is_programme(user):
        context.update(
            programme=True,
            reviews=reviews_due(day),
            overdue=subscriptions.overdue_invoices(day),
            shares_due=SettlementShare.objects.filter(settled_on__isnull=True).select_related(
                "settlement__memorandum"
            ),
            awaiting=Memorandum.objects.filter(status=MemorandumStatus.AWAITING),
            warnings=meetings.senior_warnings(day),
            next_senior=senior.next_due(meetings.senior_dates(), day),
        )
    else:
        memoranda = [
            m
            for m in Memorandum.objects.prefetch_related("parties__organisation")
            if policies.own_party(user, m) is not None
        ]
        context.update(
            programme=False,
            memoranda=[(m, m.state_on(day)) for m in memoranda],
            subscriptions=Subscription.objects.filter(la_code=user.la_code or "-")  # type: ignore[union-attr]
            .select_related("year")
            .prefetch_related("invoices")
            if policies.view_subscriptions(user)
            else [],
            evidence_la=user.la_code if user.has_role(Role.LA_KEY_STAFF) else "",  # type: ignore[union-attr]
        )
    return render(request, "governance/index.html", context)
