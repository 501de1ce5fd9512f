"""What waits for a person: the home page lists it, with counts and links, for each role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tartan.reference.register import shipped_register
from tartan.web.accounts.roles import Role
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound, DbgQuery, QueryStatus
from tartan.web.groups import registry
from tartan.web.groups.tenancy import programme_group


@dataclass(frozen=True)
class Waiting:
    text: str
    count: int
    link: str
    urgent: bool = False


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _unreleased() -> list[CollectionRound]:
    return [r for r in CollectionRound.objects.order_by("-period") if not r.is_released]


def for_la(user: Any, today: date) -> list[Waiting]:
    code = user.la_code
    found: list[Waiting] = []
    name = shipped_register()[code].name
    for round_ in _unreleased():
        if code not in services.members(round_):
            continue
        page = reverse("collection:return", args=[round_.pk, code])
        accepted = services.latest_accepted(round_).get(code)
        if accepted is None:
            late = today > round_.deadline
            found.append(
                Waiting(
                    f"{name}'s return for {round_.period} "
                    + (
                        f"was due by {round_.deadline:%d %B %Y}: it is overdue"
                        if late
                        else f"is due by {round_.deadline:%d %B %Y}"
                    ),
                    1,
                    reverse("collection:submit", args=[round_.pk])
                    if user.has_role(Role.LA_ANALYST)
                    else page,
                    urgent=late,
                )
            )
        else:
            unexplained = len(services.unexplained_queries(accepted))
            if unexplained:
                found.append(
                    Waiting(
                        f"{_plural(unexplained, 'validation query', 'validation queries')} to "
                        f"explain on the return for {round_.period}",
                        unexplained,
                        page + "#queries",
                    )
                )
        asked = round_.queries.filter(la_code=code, status=QueryStatus.OPEN)
        for query in asked:
            found.append(
                Waiting(
                    f"A question from the DBG waits for your answer: {query.subject} "
                    f"({round_.period})",
                    1,
                    reverse("collection:query", args=[query.pk]),
                    urgent=True,
                )
            )
    if user.has_role(Role.LA_KEY_STAFF):
        found += _share_answers(code)
    return found


def _share_answers(code: str) -> list[Waiting]:
    from tartan.web.sharing import services as sharing
    from tartan.web.sharing.models import ShareRequest

    found = []
    for share in ShareRequest.objects.select_related("round").exclude(answers__la_code=code):
        state = sharing.status(share)
        if state.state == "waiting" and code in state.missing:
            found.append(
                Waiting(
                    f"Request {share.pk} to share {share.round.period} with {share.recipient} "
                    "waits for your authority's answer",
                    1,
                    reverse("sharing:request", args=[share.pk]),
                )
            )
    return found


def for_dbg(group_key: str, today: date) -> list[Waiting]:
    found: list[Waiting] = []
    for round_ in _unreleased():
        if round_.group_key != group_key:
            continue
        states = services.dashboard(round_, today)
        link = reverse("collection:round", args=[round_.pk])
        ready = sum(1 for s in states if s.state == "ready")
        late = sum(1 for s in states if s.state == "late")
        if ready:
            found.append(
                Waiting(
                    f"{_plural(ready, 'return', 'returns')} for {round_.period} ready to check",
                    ready,
                    link + "?show=ready",
                )
            )
        if late:
            found.append(
                Waiting(
                    f"{_plural(late, 'LA is', 'LAs are')} late for {round_.period}",
                    late,
                    link + "?show=late",
                    urgent=True,
                )
            )
    answered = DbgQuery.objects.filter(
        status=QueryStatus.ANSWERED, round__group_key=group_key
    ).select_related("round")
    for query in answered:
        found.append(
            Waiting(
                f"{shipped_register()[query.la_code].name} answered your question "
                f"\u201c{query.subject}\u201d ({query.round.period}): read it and close it",
                1,
                reverse("collection:query", args=[query.pk]),
            )
        )
    return found


def for_programme(group_key: str, today: date) -> list[Waiting]:
    """What waits on a group's programme: its own memoranda and invoices, never another
    group's (each group is a tenant)."""
    from tartan.web.governance.models import Invoice, Memorandum, MemorandumStatus

    found: list[Waiting] = []
    for memo in Memorandum.objects.filter(status=MemorandumStatus.AWAITING, group_key=group_key):
        missing = len(memo.missing(None))
        if missing:
            found.append(
                Waiting(
                    f"{_plural(missing, 'signature', 'signatures')} outstanding on {memo.title} "
                    f"({memo.version})",
                    missing,
                    reverse("governance:memorandum", args=[memo.pk]),
                )
            )
    unpaid = Invoice.objects.filter(status="issued", subscription__year__group_key=group_key)
    overdue = unpaid.filter(due_on__lt=today).count()
    if unpaid.exists():
        found.append(
            Waiting(
                f"{_plural(unpaid.count(), 'invoice', 'invoices')} unpaid, {overdue} overdue",
                unpaid.count(),
                reverse("governance:subscriptions"),
                urgent=bool(overdue),
            )
        )
    return found


def for_person(user: Any) -> list[Waiting]:
    today = timezone.localdate()
    found: list[Waiting] = []
    if user.la_code and user.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF):
        found += for_la(user, today)
    group = registry.dbg_group(user)
    if group is not None:
        found += for_dbg(group, today)
    served = programme_group(user)
    if served is not None:
        found += for_programme(served, today)
    return sorted(found, key=lambda w: not w.urgent)
