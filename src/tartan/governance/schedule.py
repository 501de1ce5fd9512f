"""Review schedules: a first review on a set date, then one a year while the memorandum runs."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

DUE_WITHIN_DAYS = 60


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st (or 29 February) falls back to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def scheduled_reviews(first_review: date, last_day: date) -> list[date]:
    """The first review, then each anniversary of it, up to the memorandum's last day."""
    dates = []
    count = 0
    while (due := add_months(first_review, 12 * count)) <= last_day:
        dates.append(due)
        count += 1
    return dates


class ReviewState(StrEnum):
    HELD = "held"
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return {"held": "Held", "overdue": "Overdue", "due": "Due soon", "upcoming": "Upcoming"}[
            self.value
        ]


@dataclass(frozen=True)
class ReviewSlot:
    due_on: date
    state: ReviewState
    held_on: date | None = None
    days: int = 0  # days overdue, or days until due


def review_slots(
    first_review: date,
    last_day: date,
    held: Mapping[date, date],
    today: date,
    due_within_days: int = DUE_WITHIN_DAYS,
) -> list[ReviewSlot]:
    """Every scheduled review with its state on ``today``; ``held`` maps a due date to the day
    the review was held."""
    slots = []
    for due in scheduled_reviews(first_review, last_day):
        if due in held:
            slots.append(ReviewSlot(due, ReviewState.HELD, held[due]))
        elif due < today:
            slots.append(ReviewSlot(due, ReviewState.OVERDUE, days=(today - due).days))
        elif (due - today).days <= due_within_days:
            slots.append(ReviewSlot(due, ReviewState.DUE, days=(due - today).days))
        else:
            slots.append(ReviewSlot(due, ReviewState.UPCOMING, days=(due - today).days))
    return slots


def next_review(slots: list[ReviewSlot]) -> ReviewSlot | None:
    """The earliest review not yet held."""
    return next((slot for slot in slots if slot.state is not ReviewState.HELD), None)
