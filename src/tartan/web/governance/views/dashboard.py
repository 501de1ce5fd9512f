"""The governance dashboard: reviews due and overdue, overdue invoices, settlements due; for an
LA, its own memoranda, subscriptions and invoices."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from tartan.governance import senior
from tartan.governance.schedule import ReviewState
from tartan.web.accounts.roles import Role
from tartan.web.governance import policies, tenancy
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


def reviews_due(day, group_key=None):  # type: ignore[no-untyped-def]
    """Every scheduled review not yet held, of the memoranda still running (one group's, if
    given; every group's for the mail runs, which write to each memorandum's own parties), that
    is overdue or due soon, oldest first."""
    found = []
    running = Memorandum.objects.exclude(status=MemorandumStatus.TERMINATED)
    if group_key is not None:
        running = running.filter(group_key=group_key)
    for memo in running:
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
        group = tenancy.new_group(user)
        context.update(
            programme=True,
            group_key=group,
            reviews=reviews_due(day, group),
            overdue=subscriptions.overdue_invoices(day, group),
            shares_due=tenancy.mine(
                SettlementShare.objects.filter(settled_on__isnull=True), user
            ).select_related("settlement__memorandum"),
            awaiting=Memorandum.objects.filter(status=MemorandumStatus.AWAITING, group_key=group),
            warnings=meetings.senior_warnings(day, group),
            next_senior=senior.next_due(meetings.senior_dates(group), day),
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
