"""DfE senior officials at the steering group, twice a financial year (2019 MOU §14).

The memorandum says the DfE's senior officials are invited to join part of the steering group
twice a year. The programme's year is the financial year (1 April to 31 March), as its
subscriptions and grants are, so the count runs per financial year: one meeting in each half
(April to September, October to March) keeps them spread, and a half with none gets a proposed
date. Pure dates in, statements out: the web service supplies the meetings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

EXPECTED = 2
# A proposal leaves time to invite people: never sooner than four weeks from today.
NOTICE = timedelta(days=28)


@dataclass(frozen=True)
class FinancialYear:
    start_year: int

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def halves(self) -> tuple[tuple[date, date], tuple[date, date]]:
        return (
            (self.starts_on, date(self.start_year, 9, 30)),
            (date(self.start_year, 10, 1), self.ends_on),
        )

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class YearOfSeniorMeetings:
    year: FinancialYear
    held: list[date]  # on or before today
    planned: list[date]  # after today
    proposed: list[date] = field(default_factory=list)

    @property
    def short(self) -> bool:
        """Fewer than two held, or (for a year not over) held and planned together."""
        return len(self.held) + len(self.planned) < EXPECTED

    def warning(self, today: date) -> str:
        if not self.short:
            return ""
        count = len(self.held)
        had = f"{count} meeting" + ("" if count == 1 else "s")
        if self.year.ends_on < today:
            return (
                f"{self.year.label} had {had} of the steering group with DfE senior officials; "
                f"the memorandum expects {EXPECTED} a year."
            )
        planned = f" and {len(self.planned)} planned" if self.planned else ""
        return (
            f"{self.year.label} has had {had} of the steering group with DfE senior officials"
            f"{planned}; the memorandum expects {EXPECTED} a year."
        )


def _propose(half: tuple[date, date], today: date) -> date | None:
    first, last = half
    middle = first + (last - first) / 2
    earliest = today + NOTICE
    proposal = max(middle, earliest)
    return proposal if proposal <= last else None


def year_of(year: FinancialYear, dates: Iterable[date], today: date) -> YearOfSeniorMeetings:
    inside = sorted(d for d in dates if year.contains(d))
    held = [d for d in inside if d <= today]
    planned = [d for d in inside if d > today]
    proposed: list[date] = []
    if len(inside) < EXPECTED and year.ends_on >= today:
        for half in year.halves():
            if any(half[0] <= d <= half[1] for d in inside):
                continue
            when = _propose(half, today)
            if when is not None and len(inside) + len(proposed) < EXPECTED:
                proposed.append(when)
    return YearOfSeniorMeetings(year=year, held=held, planned=planned, proposed=proposed)


def schedule(
    dates: Iterable[date], today: date, since: date | None = None
) -> list[YearOfSeniorMeetings]:
    """Each financial year from ``since`` (the first steering group recorded; this year if
    none) to this one, newest first."""
    known = list(dates)
    current = FinancialYear.of(today)
    first = FinancialYear.of(since) if since and since <= today else current
    years = [FinancialYear(y) for y in range(current.start_year, first.start_year - 1, -1)]
    return [year_of(y, known, today) for y in years]


def next_due(dates: Iterable[date], today: date) -> date | None:
    """The next senior-officials meeting: the next one planned, or else the date proposed
    (in this financial year if it is short, otherwise early in the next)."""
    known = list(dates)
    planned = sorted(d for d in known if d > today)
    if planned:
        return planned[0]
    current = year_of(FinancialYear.of(today), known, today)
    if current.proposed:
        return current.proposed[0]
    following = FinancialYear(current.year.start_year + 1)
    return year_of(following, known, today).proposed[0]
