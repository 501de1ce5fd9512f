"""Section 47 enquiries, initial conferences and child protection plans for a caseload.

Enquiries come in three groups: started in the quarter with their conference in it too,
started before the quarter with the conference in it, and started in it with no conference
(yet, or not needed). Most plans start at a conference of the quarter, the rest after a
conference elsewhere (a transfer-in). A repeat plan needs an earlier plan in the same child's
history: its child is referred before the quarter, so that the earlier episode cannot change
whether any referral of the quarter is a re-referral.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from tartan.childlevel.synthetic.caseload import Caseload, Pool
from tartan.childlevel.synthetic.model import CinEpisode, Enquiry, Plan
from tartan.childlevel.synthetic.people import random_day

CATEGORIES = ("NEG", "NEG", "NEG", "EMO", "EMO", "PHY", "SAB", "MUL")
LINKED_SHARE = 0.85  # of plans starting at a conference of the quarter
PAIRED_SHARE = 0.7  # of the quarter's conferences whose enquiry also started in it


@dataclass
class _Start:
    plan: Plan
    # "within_2y", "earlier" (in the file, over 2 years before), "first". Every repeat has its
    # earlier plan in the records: the SSD and the CSC API carry no NumberOfPreviousCPP, and the
    # three forms of a caseload must give the same return.
    kind: str

    @property
    def needs_history(self) -> bool:
        return self.kind in ("within_2y", "earlier")


def _enquiries(caseload: Caseload, started: int, held: int, on_time: int) -> list[Enquiry]:
    rng = caseload.rng
    paired = min(started, held, round(PAIRED_SHARE * held))
    timely = np.zeros(held, dtype=bool)
    timely[:on_time] = True
    rng.shuffle(timely)
    in_quarter = np.arange(held) < paired
    # Working days from the enquiry to the conference; an enquiry from before the quarter
    # needs at least one, so that it started before the quarter did.
    low = np.where(timely, np.where(in_quarter, 0, 1), 16)
    high = np.where(timely, 16, np.where(in_quarter, 41, 61))
    span = rng.integers(low, high) if held else np.zeros(0, dtype=np.int64)
    first, last = caseload.first_working_day, caseload.last_working_day
    latest = np.where(in_quarter, last, np.minimum(last, first + span - 1))
    earliest = np.where(in_quarter, first + span, first)
    held_index = earliest + (rng.random(held) * (latest - earliest + 1)).astype(np.int64)
    conferences = caseload.days(held_index)
    starts = caseload.days(held_index - span)
    enquiries = [Enquiry(s, c) for s, c in zip(starts, conferences, strict=True)]
    alone = caseload.days(caseload.working_days_in_quarter(started - paired))
    enquiries += [Enquiry(s, None, bool(rng.random() < 0.6)) for s in alone]
    return enquiries


def _starts(caseload: Caseload, figures: dict[str, int]) -> list[_Start]:
    rng = caseload.rng
    total, ever, within = figures["cpp_start"], figures["cpp_repeat_ever"], figures["cpp_repeat_2y"]
    kinds = ["within_2y"] * within + ["first"] * (total - ever)
    kinds += ["earlier"] * (ever - within)
    rng.shuffle(kinds)
    ending = rng.choice(total, total - min(total, figures["cpp_end"]), replace=False)
    starts = []
    for kind in kinds:
        previous = 0 if kind == "first" else int(rng.integers(1, 3))
        starts.append(_Start(Plan(caseload.end, None, previous, caseload.pick(CATEGORIES)), kind))
    for position in ending.tolist():
        starts[position].plan.end = caseload.end  # placed once the start is known
    return starts


def _repeat_host(caseload: Caseload, start: _Start, covers: date) -> CinEpisode:
    """A child referred before the quarter, by ``covers``, whose earlier episode holds the
    plan before this one: ended within 2 years of this start or more than 2 years before it."""
    rng = caseload.rng
    gap = rng.integers(180, 701) if start.kind == "within_2y" else rng.integers(760, 2001)
    ended = start.plan.start - timedelta(days=int(gap))
    began = ended - timedelta(days=int(rng.integers(90, 600)))
    history = caseload.episode(began - timedelta(days=int(rng.integers(0, 60))))
    history.closure = ended + timedelta(days=int(rng.integers(0, 21)))
    history.plans.append(
        Plan(began, ended, max(0, start.plan.previous_plans - 1), caseload.pick(CATEGORIES))
    )
    return caseload.earlier_child(covers, history)


def _place(caseload: Caseload, start: _Start, covers: date, pool: Pool) -> CinEpisode:
    if start.needs_history:
        host = _repeat_host(caseload, start, covers)
        caseload.used.setdefault(id(host), set()).update({"plan", "enquiry"})
        return host
    return caseload.host({"plan", "enquiry"}, covers, pool)


def add_protection(caseload: Caseload, figures: dict[str, int]) -> None:
    rng = caseload.rng
    enquiries = _enquiries(caseload, figures["s47"], figures["icpc"], figures["icpc_15d"])
    starts = _starts(caseload, figures)
    with_conference = [e for e in enquiries if e.conference is not None]
    linked = min(len(starts), round(LINKED_SHARE * len(with_conference)))
    chosen = rng.choice(len(with_conference), linked, replace=False).tolist()
    links = {id(with_conference[at]): starts[i] for i, at in enumerate(chosen)}
    for start in starts[linked:]:
        start.plan.start = caseload.days(caseload.working_days_in_quarter(1))[0]
    for enquiry in with_conference:
        if id(enquiry) in links:
            assert enquiry.conference is not None
            links[id(enquiry)].plan.start = enquiry.conference
    for start in starts:
        if start.plan.end is not None:
            start.plan.end = random_day(rng, start.plan.start, caseload.end)

    # One pool per pass: a pool hands out episodes in referral order to events in start order.
    pool = Pool(caseload, share=0.8)
    for enquiry in sorted(enquiries, key=lambda e: e.start):
        linked_start = links.get(id(enquiry))
        if linked_start is None:
            host = caseload.host({"enquiry"}, enquiry.start, pool)
        else:
            host = _place(caseload, linked_start, enquiry.start, pool)
            host.plans.append(linked_start.plan)
        host.enquiries.append(enquiry)
    pool = Pool(caseload, share=0.8)
    for start in sorted(starts[linked:], key=lambda s: s.plan.start):
        _place(caseload, start, start.plan.start, pool).plans.append(start.plan)
    _plans_from_before(caseload, figures, len(starts))


def _plans_from_before(caseload: Caseload, figures: dict[str, int], started: int) -> None:
    """Plans that began before the quarter: some still open at its end, some ending in it."""
    rng = caseload.rng
    started_open = min(started, figures["cpp_end"])
    started_ended = started - started_open
    still_open = figures["cpp_end"] - started_open
    ending = figures["cpp_cease"] - started_ended
    before = caseload.start - timedelta(days=1)
    for position in range(still_open + ending):
        began = before - timedelta(days=int(rng.integers(0, 500)))
        end = None if position < still_open else random_day(rng, caseload.start, caseload.end)
        host = caseload.earlier_child(began)
        host.plans.append(Plan(began, end, int(rng.random() < 0.2), caseload.pick(CATEGORIES)))
