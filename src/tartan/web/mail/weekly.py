"""The weekly update: who gets it, what is due this week, and sending it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tartan.web.collection.models import CollectionRound
from tartan.web.mail import outbox
from tartan.web.mail.models import Unsubscribed, WeeklyUpdate

SALT = "tartan.weekly-update.unsubscribe"


def subscribers(group_key: str) -> list[tuple[str, Any]]:
    """(address, account or None) of every current entry of the group's directory that has not
    withheld consent nor unsubscribed, once per address (another group's directory is its own
    programme's to write to)."""
    from tartan.web.governance.models import Participant

    gone = {address.lower() for address in Unsubscribed.objects.values_list("address", flat=True)}
    found: dict[str, Any] = {}
    for entry in Participant.public.filter(group_key=group_key).select_related("user"):
        address = entry.email.strip().lower()
        if address and address not in gone:
            found.setdefault(address, entry.user)
    return sorted(found.items())


def unsubscribe_token(address: str) -> str:
    return signing.dumps(address.lower(), salt=SALT)


def address_of(token: str) -> str | None:
    try:
        return str(signing.loads(token, salt=SALT))
    except signing.BadSignature:
        return None


def due_this_week(today: date, group_key: str) -> list[str]:
    """Suggestions for the group's update's "due this week" (staff edit them before sending)."""
    from tartan.web.governance.views.dashboard import reviews_due

    end = today + timedelta(days=7)
    lines = [
        f"Returns for {r.period} are due by {r.deadline:%A %d %B}"
        for r in CollectionRound.objects.filter(
            group_key=group_key, status="open", deadline__gte=today, deadline__lt=end
        )
    ]
    lines += [
        f"Review of {memo.title} due by {slot.due_on:%d %B}"
        for memo, slot in reviews_due(today, group_key)
        if slot.due_on < end
    ]
    return lines


def facts(update: WeeklyUpdate) -> dict[str, Any]:
    return {"title": update.title, "news": update.news_paragraphs, "items": update.due_lines}


def send(update: WeeklyUpdate, user: Any) -> int:
    """Put the update in the outbox for every subscriber, once."""
    count = 0
    for address, person in subscribers(update.group_key):
        unsubscribe = outbox.absolute(
            reverse("mail:unsubscribe", args=[unsubscribe_token(address)])
        )
        made = outbox.to_address(
            "weekly_update",
            address,
            {
                **facts(update),
                "unsubscribe": unsubscribe,
                "name": person.display_name if person else None,
            },
            "",
            dedupe=f"weekly{update.pk}",
            person=person,
        )
        count += made is not None
    update.sent_at = timezone.now()
    update.sent_by = user
    update.recipients = count
    update.save(update_fields=["sent_at", "sent_by", "recipients"])
    return count
