"""Synthetic SSDA903 episodes whose children looked after and adoption items come out exactly.

Children fall into groups by what the quarter's items count: entered care in the quarter and
still there at its end; entered and left in it; in care before it and still there; in care
before it and left in it. The adopted children are drawn from those who left (those in care
before the quarter first) and get the days that ``adoptions`` allocates. Placement moves (X1
changes), returns to care after an earlier period and children on short breaks (V3/V4) are
added because real files have them and the items must not count them.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from tartan.childlevel.synthetic.adoptions import adoption_days
from tartan.childlevel.synthetic.model import (
    Adoption,
    CareChild,
    CareEpisode,
    Person,
    PlacedForAdoption,
)
from tartan.childlevel.synthetic.people import People, random_day
from tartan.periods import Period

FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
# Codes the DfE's rules allow for any child: no placement with parents (P1 cannot be under
# section 20), no ending that needs an age (E17 at 18) or a foster placement (E45), no
# emergency or police status (L2 and J2 are limited to days).
OTHER_PLACES = ("K2", "R1", "H5", "U4", "U4", "U6", "U6")
LEFT_CARE = ("E4A", "E4A", "E13", "E41", "E48", "E8", "E3", "E15", "E9")
ENTRY_STATUS = ("C1", "C2", "V2", "V2", "C2")
# Adopters whose number, sexes and legal status agree (rules 511 to 520): one adopter is
# single (L0); a different-gender couple married (L11) or not (L3); a same-gender couple
# married (L12) or in a civil partnership (L2).
ADOPTERS = (
    (2, "MF", "L11"), (2, "MF", "L11"), (2, "MF", "L3"), (2, "MM", "L12"), (2, "FF", "L2"),
    (1, "F1", "L0"), (1, "M1", "L0"),
)  # fmt: skip
RESPITE = "U6"  # a short break is with a foster carer, not long term (rule 384)
LONGEST_BREAK = 7  # days; a single short break may not exceed 17 (rule 365)
SHORT_BREAK_SHARE = 0.05  # children on short breaks, per child in care at quarter end


# Placed for adoption with the current foster carers: the carer stays the same (rule 217).
WITH_FOSTER_CARERS = ("A3", "A5")


def _reason_new(before: tuple[str, str] | None, now: tuple[str, str]) -> str:
    if before is None:
        return "S"
    status_changed, place_changed = before[0] != now[0], before[1] != now[1]
    if place_changed and now[1] in WITH_FOSTER_CARERS:
        return "U" if status_changed else "T"
    return {(True, True): "B", (True, False): "L"}.get((status_changed, place_changed), "P")


def _chain(
    points: dict[date, tuple[str, str]], end: date | None, reason: str | None, people: People
) -> list[CareEpisode]:
    """Episodes from the dates where legal status or placement changed: each ends X1 where the
    next begins, the last with ``end`` and ``reason``. A placement keeps its postcode while it
    lasts, and is never the home's."""
    # A point that changes nothing (a move back onto the placement a later point already has)
    # is no new episode.
    days: list[date] = []
    for day in sorted(points):
        if not days or points[days[-1]] != points[day]:
            days.append(day)
    home = people.postcode()
    episodes = []
    placed_at = home
    for i, day in enumerate(days):
        status, place = points[day]
        before = points[days[i - 1]] if i else None
        if before is None or before[1] != place:
            placed_at = people.postcode()
            while placed_at == home:
                placed_at = people.postcode()
        following = days[i + 1] if i + 1 < len(days) else None
        episodes.append(
            CareEpisode(
                start=day,
                reason_new=_reason_new(before, (status, place)),
                legal_status=status,
                placement=place,
                end=following or end,
                reason_ceased="X1" if following else reason,
                home_postcode=home,
                placement_postcode=placed_at,
            )
        )
    return episodes


class _CareBuilder:
    def __init__(
        self, period: Period, rng: np.random.Generator, people: People, known: list[Person]
    ) -> None:
        self.start, self.end = period.start, period.end
        self.rng = rng
        self.people = people
        self.known = known  # children of the CIN census who can also be in care
        self.children: list[CareChild] = []

    def pick(self, items: tuple[str, ...]) -> str:
        return items[int(self.rng.integers(0, len(items)))]

    def person(self, entered: date, reuse: bool = False) -> Person:
        if reuse and self.known and self.known[-1].birth <= entered:
            return self.known.pop()
        person = self.people.new(entered)
        person.birth = entered - timedelta(days=int(self.rng.integers(0, 16 * 365)))
        return person

    def moves(self, points: dict[date, tuple[str, str]], after: date, before: date) -> None:
        """Up to two placement moves strictly between ``after`` and ``before``."""
        for _ in range(int(self.rng.integers(0, 3))):
            if (before - after).days < 2:
                return
            day = random_day(self.rng, after + timedelta(days=1), before - timedelta(days=1))
            earlier = max(d for d in points if d <= day)
            status, place = points[earlier]
            new_place = self.pick(OTHER_PLACES)
            if day not in points and new_place != place:
                points[day] = (status, new_place)

    def left_or_stayed(self, entered_in_quarter: bool, leaves: bool) -> None:
        before = self.start - timedelta(days=1)
        if entered_in_quarter:
            # A child who leaves again must stay a day at least, within the quarter.
            entered = random_day(self.rng, self.start, self.end - timedelta(days=int(leaves)))
        else:
            entered = before - timedelta(days=int(self.rng.integers(0, 2500)))
        # An episode lasts at least a day (rule 355).
        first_day = max(entered + timedelta(days=1), self.start)
        left = random_day(self.rng, first_day, max(first_day, self.end)) if leaves else None
        points = {entered: (self.pick(ENTRY_STATUS), self.pick(FOSTER))}
        self.moves(points, entered, left or self.end)
        child = CareChild(self.person(entered, reuse=not leaves))
        if entered_in_quarter and self.rng.random() < 0.2:
            earlier = entered - timedelta(days=int(self.rng.integers(200, 900)))
            ended = earlier + timedelta(days=int(self.rng.integers(30, 150)))
            if ended < min(entered, self.start) and child.person.birth <= earlier:
                child.episodes += _chain(
                    {earlier: ("V2", self.pick(FOSTER))}, ended, "E13", self.people
                )
        child.episodes += _chain(
            points, left, self.pick(LEFT_CARE) if leaves else None, self.people
        )
        if not leaves and not entered_in_quarter and self.rng.random() < 0.04:
            child.placed = PlacedForAdoption(
                entered + timedelta(days=int(self.rng.integers(60, 400)))
            )
        self.children.append(child)

    def adopted(self, entered_in_quarter: bool, a1: int, a2: int) -> None:
        rng = self.rng
        if entered_in_quarter:
            adopted_on = random_day(rng, self.start + timedelta(days=a1), self.end)
            moved_in = random_day(rng, self.start + timedelta(days=a1), adopted_on)
        else:
            adopted_on = random_day(rng, self.start, self.end)
            # Long enough placed that the child entered care before the quarter.
            settled = max(int(rng.integers(90, 400)), (adopted_on - self.start).days - a1 + 1)
            moved_in = adopted_on - timedelta(days=settled)
        entered = moved_in - timedelta(days=a1)
        by_foster_carer = bool(rng.random() < 0.15)
        court: date | None = None
        if a2 >= 0:
            matched = moved_in - timedelta(days=int(rng.integers(0, min(a1 - a2, 45) + 1)))
            court = matched - timedelta(days=a2)
            if a2 == 0:  # matched first (or the same day): the authority came after the match
                court = random_day(rng, matched, moved_in)
            placed = "A5" if by_foster_carer else "A6"
        else:
            matched = moved_in - timedelta(days=int(rng.integers(0, min(a1, 45) + 1)))
            placed = "A3" if by_foster_carer else "A4"
        foster, first_status = self.pick(FOSTER), ("C2" if court else "V2")
        points = {}
        for day in sorted({entered, moved_in, *([court] if court else [])}):
            status = "E1" if court is not None and day >= court else first_status
            points[day] = (status, placed if day >= moved_in else foster)
        child = CareChild(self.person(entered))
        child.person.birth = entered - timedelta(days=int(rng.integers(0, 1500)))
        child.episodes = _chain(points, adopted_on, self.pick(("E11", "E11", "E12")), self.people)
        decided = max(
            entered, min(matched, court or matched) - timedelta(days=int(rng.integers(0, 60)))
        )
        adopters, sex, status = ADOPTERS[int(rng.integers(0, len(ADOPTERS)))]
        child.adoption = Adoption(decided, matched, by_foster_carer, adopters, sex, status)
        child.placed = PlacedForAdoption(decided)
        self.children.append(child)

    def short_breaks(self, count: int) -> None:
        """Children on a series of short breaks: one to three breaks of a few days each."""
        for _ in range(count):
            status = self.pick(("V3", "V4"))
            latest = self.end - timedelta(days=LONGEST_BREAK + 1)
            first = random_day(self.rng, self.start - timedelta(days=200), latest)
            child = CareChild(self.person(first))
            began = first
            for _ in range(int(self.rng.integers(1, 4))):
                if began > latest:
                    break
                ended = began + timedelta(days=int(self.rng.integers(1, LONGEST_BREAK + 1)))
                child.episodes += _chain({began: (status, RESPITE)}, ended, "E8", self.people)
                began = ended + timedelta(days=int(self.rng.integers(14, 60)))
            self.children.append(child)


def build_care_caseload(
    figures: dict[str, int],
    period: Period,
    rng: np.random.Generator,
    people: People,
    known: list[Person],
) -> list[CareChild]:
    started, ceased, in_care = figures["cla_start"], figures["cla_cease"], figures["cla_end"]
    started_staying = min(started, in_care)
    started_leaving = started - started_staying
    before_leaving = ceased - started_leaving
    adopted = figures["adopted"]
    adopted_before = min(adopted, before_leaving)
    adopted_in_quarter = adopted - adopted_before
    days = adoption_days(figures, adopted_in_quarter, (period.end - period.start).days, rng)
    builder = _CareBuilder(period, rng, people, list(known))
    for i in range(adopted):
        builder.adopted(
            i < adopted_in_quarter,
            int(days.entered_to_moved_in[i]),
            int(days.authority_to_match[i]),
        )
    for _ in range(started_leaving - adopted_in_quarter):
        builder.left_or_stayed(entered_in_quarter=True, leaves=True)
    for _ in range(before_leaving - adopted_before):
        builder.left_or_stayed(entered_in_quarter=False, leaves=True)
    for _ in range(started_staying):
        builder.left_or_stayed(entered_in_quarter=True, leaves=False)
    for _ in range(in_care - started_staying):
        builder.left_or_stayed(entered_in_quarter=False, leaves=False)
    builder.short_breaks(round(SHORT_BREAK_SHARE * in_care))
    order = rng.permutation(len(builder.children))
    return [builder.children[i] for i in order]
