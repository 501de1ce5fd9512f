"""The children of a synthetic CIN census and where each counted event is recorded.

Every event that an item counts (an assessment authorised in the quarter, an enquiry, a plan)
needs an episode whose referral came before it. Episodes referred in the quarter host events
where their dates allow, as in life; otherwise the event goes to a child whose episode began
before the quarter, which adds to no flow item. Each episode hosts at most one event of each
kind, so that no two counted events can be mistaken for one record entered twice.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

import numpy as np

from tartan.childlevel.synthetic.model import Assessment, CinChild, CinEpisode
from tartan.childlevel.synthetic.people import People, random_day
from tartan.childlevel.workdays import WorkingDayIndex
from tartan.periods import Period

SOURCES = (
    "1A",
    "1B",
    "1C",
    "2A",
    "2B",
    "3A",
    "3B",
    "3E",
    "4",
    "5A",
    "5B",
    "6",
    "7",
    "8",
    "9",
    "10",
)
NEEDS = ("N1", "N1", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
# RC2 (died) is not drawn: a death needs a date of death and no later episode.
CLOSURES = ("RC1", "RC3", "RC4", "RC5", "RC6", "RC7", "RC7", "RC8")
# Not "21" (no factors identified): it goes with closure RC8/RC9 only (the DfE's query 8873Q).
FACTORS = ("1B", "1C", "2A", "2B", "3A", "3B", "4A", "4B", "5A", "6A", "7A", "8B", "9A", "22")
DISABILITIES = ("MOB", "COMM", "LD", "BEH", "AUT", "VIS", "HEAR")


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clipped to the month's end (29 Feb → 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


class Caseload:
    """The children built so far, with the quarter, a random generator and the calendar."""

    def __init__(self, period: Period, rng: np.random.Generator, people: People) -> None:
        self.period = period
        self.start = period.start
        self.end = period.end
        self.rng = rng
        self.people = people
        self.children: list[CinChild] = []
        self.referred_in_quarter: list[CinEpisode] = []
        self.used: dict[int, set[str]] = {}  # id(episode) -> kinds of event it hosts
        self.calendar = WorkingDayIndex()
        self.first_working_day = self.calendar.first_on_or_after(self.start)
        self.last_working_day = self.calendar.last_on_or_before(self.end)

    def pick(self, items: tuple[str, ...]) -> str:
        return items[int(self.rng.integers(0, len(items)))]

    def days(self, indices: np.ndarray) -> list[date]:
        return self.calendar.dates(indices)

    def working_days_in_quarter(self, count: int) -> np.ndarray:
        return self.rng.integers(self.first_working_day, self.last_working_day + 1, count)

    def episode(self, referral: date) -> CinEpisode:
        return CinEpisode(
            referral=referral,
            source=self.pick(SOURCES),
            need=self.pick(NEEDS),
            closure_reason=self.pick(CLOSURES),
        )

    def add_child(self, episodes: list[CinEpisode]) -> CinChild:
        disabilities = ("NONE",)
        if self.rng.random() < 0.12:
            disabilities = (self.pick(DISABILITIES),)
        child = CinChild(self.people.new(episodes[0].referral), disabilities, episodes)
        self.children.append(child)
        return child

    def earlier_child(self, latest: date, history: CinEpisode | None = None) -> CinEpisode:
        """A child whose current episode was referred before the quarter and by ``latest``;
        after ``history`` (an earlier, closed episode) when there is one."""
        last = min(latest, self.start - timedelta(days=1))
        first = last - timedelta(days=300)
        if history is not None and history.closure is not None:
            first = max(first, history.closure + timedelta(days=1))
        current = self.episode(random_day(self.rng, first, last))
        self.add_child([history, current] if history else [current])
        return current

    def past_assessment(self, episode: CinEpisode, before: date) -> None:
        """An assessment completed before ``before`` (realism; it counts in no item)."""
        start = episode.referral + timedelta(days=int(self.rng.integers(0, 8)))
        authorised = start + timedelta(days=int(self.rng.integers(5, 60)))
        if authorised < before:
            episode.assessments.append(Assessment(start, authorised, (self.pick(FACTORS),)))

    def host(self, kinds: set[str], start: date, pool: Pool | None) -> CinEpisode:
        """An episode free for ``kinds`` of event starting ``start``: one referred in the
        quarter when ``pool`` has one, else a new child referred before the quarter."""
        episode = pool.take(kinds, start) if pool is not None and start >= self.start else None
        if episode is None:
            episode = self.earlier_child(start)
        self.used.setdefault(id(episode), set()).update(kinds)
        return episode


class Pool:
    """Episodes referred in the quarter, offered in referral order to events in start order.

    ``share`` of events take a host from the pool when one fits; the rest go to children
    referred earlier, as some assessments and enquiries always do in life.
    """

    def __init__(self, caseload: Caseload, share: float) -> None:
        self._caseload = caseload
        self._waiting = sorted(caseload.referred_in_quarter, key=lambda e: e.referral)
        self._next = 0
        self._eligible: list[CinEpisode] = []
        self._share = share

    def take(self, kinds: set[str], start: date) -> CinEpisode | None:
        while self._next < len(self._waiting) and self._waiting[self._next].referral <= start:
            self._eligible.append(self._waiting[self._next])
            self._next += 1
        rng = self._caseload.rng
        if not self._eligible or rng.random() >= self._share:
            return None
        for _ in range(4):
            if not self._eligible:
                return None
            at = int(rng.integers(0, len(self._eligible)))
            episode = self._eligible[at]
            # Either way the episode is done with for this pool: it hosts this kind now, or
            # already did.
            self._eligible[at] = self._eligible[-1]
            self._eligible.pop()
            if not kinds & self._caseload.used.get(id(episode), set()):
                return episode
        return None
