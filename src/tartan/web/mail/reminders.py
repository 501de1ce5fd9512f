"""Reminders that depend on the calendar rather than on someone's action: deadlines near and
passed (then the DCS, after the set delay), a DfE notice period closing, memorandum signatures
outstanding, reviews due, invoices due and overdue. ``send_reminders`` runs them daily (cron);
each reminder has a key, so a second run on the same day writes nothing twice."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tartan.reference.register import shipped_register
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import Role
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.services import latest_accepted, members
from tartan.web.mail import audiences, outbox
from tartan.web.mail.models import Message

INVOICE_NOTICE = timedelta(days=7)
NOTICE_WARNING = timedelta(days=3)


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}w{week}"


def overdue_message(
    round_: CollectionRound, code: str, today: date, dcs: bool, chase: bool = False
) -> list[Message]:
    """The overdue message to an LA (key staff and analysts; its DCS when ``dcs``). A chase
    from the DBG's dashboard is a message of its own, whenever it is made."""
    people = audiences.dcs_of(code) if dcs else audiences.la_people([code])
    when = timezone.now().isoformat() if chase else today.isoformat()
    return outbox.to_people(
        "overdue",
        people,
        {
            "la_name": shipped_register()[code].name,
            "period": round_.period,
            "deadline": round_.deadline,
        },
        reverse("collection:submit", args=[round_.pk]),
        dedupe=f"overdue{round_.pk}-{code}-{'dcs' if dcs else when}",
    )


def deadlines(today: date) -> list[Message]:
    made: list[Message] = []
    soon = timedelta(days=settings.TARTAN_DEADLINE_REMINDER_DAYS)
    dcs_after = timedelta(days=settings.TARTAN_OVERDUE_DCS_AFTER_DAYS)
    for round_ in CollectionRound.objects.filter(status="open"):
        missing = [code for code in members(round_) if code not in latest_accepted(round_)]
        for code in missing:
            if today <= round_.deadline <= today + soon:
                days = (round_.deadline - today).days
                made += outbox.to_people(
                    "deadline_soon",
                    audiences.la_people([code], Role.LA_ANALYST),
                    {
                        "la_name": shipped_register()[code].name,
                        "period": round_.period,
                        "deadline": round_.deadline,
                        "days": days,
                    },
                    reverse("collection:submit", args=[round_.pk]),
                    dedupe=f"soon{round_.pk}-{code}",
                )
            elif today == round_.deadline + timedelta(days=1):
                made += overdue_message(round_, code, today, dcs=False)
            if today >= round_.deadline + dcs_after:
                made += overdue_message(round_, code, today, dcs=True)
    return made


def notice_periods(today: date) -> list[Message]:
    from tartan.web.sharing.models import RequestKind, ShareRequest

    made: list[Message] = []
    closing = ShareRequest.objects.filter(
        kind=RequestKind.CROSS_GOVERNMENT,
        notice_ends__gte=today,
        notice_ends__lte=today + NOTICE_WARNING,
    ).select_related("round", "requested_by")
    for share in closing:
        state = (
            "The region has not responded yet."
            if share.region_agrees is None
            else "The region has responded."
        )
        made += outbox.to_people(
            "notice_closing",
            [
                *audiences.dbg(share.round.group_key),
                *audiences.programme_staff(share.round.group_key),
                share.requested_by,
            ],
            {
                "reference": str(share.pk),
                "period": share.round.period,
                "due": share.notice_ends,
                "state": state,
            },
            reverse("sharing:request", args=[share.pk]),
            dedupe=f"closing{share.pk}",
        )
    return made


def governance(today: date) -> list[Message]:
    from tartan.web.governance.models import Invoice, Memorandum, MemorandumStatus
    from tartan.web.governance.views.dashboard import reviews_due

    made: list[Message] = []
    week = _week(today)
    for memo in Memorandum.objects.filter(status=MemorandumStatus.AWAITING):
        missing = memo.missing(None)
        if not missing:
            continue
        path = reverse("governance:memorandum", args=[memo.pk])
        made += outbox.to_people(
            "signatures_outstanding",
            audiences.programme_staff(memo.group_key),  # its own group's programme, no other
            {"title": memo.title, "count": len(missing)},
            path,
            dedupe=f"signatures{memo.pk}-{week}",
        )
        by_party: dict[str, int] = {}
        for gap in missing:
            by_party[gap.party.key] = by_party.get(gap.party.key, 0) + 1
        for party in memo.parties.select_related("organisation"):
            organisation: Organisation = party.organisation
            count = by_party.get(str(party.pk), 0)
            if count and organisation.la_code:
                made += outbox.to_people(
                    "signatures_outstanding",
                    audiences.la_people([organisation.la_code], Role.LA_KEY_STAFF),
                    {"title": memo.title, "count": count, "la_name": organisation.name},
                    path,
                    dedupe=f"signatures{memo.pk}-{party.pk}-{week}",
                )
    for memo, slot in reviews_due(today):
        made += outbox.to_people(
            "review_due",
            audiences.programme_staff(memo.group_key),
            {"title": memo.title, "due": slot.due_on},
            reverse("governance:memorandum", args=[memo.pk]),
            dedupe=f"review{memo.pk}-{slot.due_on}",
        )
    issued = Invoice.objects.filter(status="issued").select_related("subscription__year")
    for invoice in issued.filter(due_on__lte=today + INVOICE_NOTICE):
        kind = "invoice_overdue" if invoice.due_on < today else "invoice_due"
        code = invoice.subscription.la_code
        made += outbox.to_people(
            kind,
            [
                *audiences.la_people([code], Role.LA_KEY_STAFF),
                *audiences.programme_staff(invoice.subscription.year.group_key),
            ],
            {
                "reference": invoice.number,
                "la_name": shipped_register()[code].name,
                "due": invoice.due_on,
            },
            reverse("governance:invoice", args=[invoice.pk]),
            dedupe=f"{kind}{invoice.pk}-{week if kind == 'invoice_overdue' else 'once'}",
        )
    return made


def send_reminders(today: date) -> list[Message]:
    return [*deadlines(today), *notice_periods(today), *governance(today)]
