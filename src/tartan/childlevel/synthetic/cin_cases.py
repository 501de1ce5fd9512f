"""A synthetic CIN caseload whose census gives back chosen figures exactly.

Built in the order the items depend on each other: referrals (and whether each is a
re-referral, which fixes the child's earlier referrals), assessments, then enquiries and plans
(``protection``), then which episodes are still open at quarter end, topped up with children
whose cases simply continue. Dates are placed on working days, a chosen number of working days
apart, so that each timeliness flag is exact.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from tartan.childlevel.synthetic.caseload import FACTORS, Caseload, Pool, months_before
from tartan.childlevel.synthetic.model import Assessment, CinChild, Enquiry, Plan
from tartan.childlevel.synthetic.people import People, random_day
from tartan.childlevel.synthetic.protection import add_protection
from tartan.periods import Period

NO_FURTHER_ACTION_SHARE = 0.09
STILL_OPEN_SHARE = 0.55  # of episodes free to be open or closed at quarter end


def add_referrals(caseload: Caseload, referrals: int, rereferrals: int) -> None:
    rng = caseload.rng
    dates = sorted(caseload.days(caseload.working_days_in_quarter(referrals)))
    repeat = np.zeros(referrals, dtype=bool)
    repeat[rng.choice(referrals, rereferrals, replace=False)] = True
    before_quarter = caseload.start - timedelta(days=1)
    for referral, is_repeat in zip(dates, repeat, strict=True):
        history = None
        if is_repeat:
            # Strictly inside the 12 months, and before the quarter so it is not counted in it.
            earlier = random_day(
                rng, months_before(referral, 12) + timedelta(days=1), before_quarter
            )
        elif rng.random() < 0.25:
            earlier = referral - timedelta(days=int(rng.integers(400, 1500)))
        else:
            earlier = None
        if earlier is not None:
            history = caseload.episode(earlier)
            history.closure = random_day(
                rng, earlier, min(earlier + timedelta(days=300), before_quarter)
            )
            if rng.random() < 0.6:
                caseload.past_assessment(history, history.closure + timedelta(days=1))
        current = caseload.episode(referral)
        caseload.add_child([history, current] if history else [current])
        caseload.referred_in_quarter.append(current)


def add_assessments(caseload: Caseload, completed: int, on_time: int) -> None:
    rng = caseload.rng
    timely = np.zeros(completed, dtype=bool)
    timely[:on_time] = True
    rng.shuffle(timely)
    same_day = rng.random(completed) < 0.04
    span = np.where(
        timely,
        np.where(same_day, 0, rng.integers(1, 46, completed)),
        rng.integers(46, 100, completed),
    )
    authorised_index = caseload.working_days_in_quarter(completed)
    starts = caseload.days(authorised_index - span)
    authorised = caseload.days(authorised_index)
    pool = Pool(caseload, share=0.85)
    for i in np.argsort(authorised_index - span, kind="stable"):
        host = caseload.host({"assessment"}, starts[i], pool)
        factors = tuple(sorted({caseload.pick(FACTORS) for _ in range(int(rng.integers(1, 4)))}))
        host.assessments.append(Assessment(starts[i], authorised[i], factors))


def _continuing_child(caseload: Caseload, still_open: bool) -> None:
    """A child referred before the quarter with nothing counted in it: still open at quarter
    end (counted in cin_end only) or closed before the quarter began (counted nowhere)."""
    rng = caseload.rng
    before = caseload.start - timedelta(days=1)
    referral = before - timedelta(days=int(rng.integers(20, 900)))
    episode = caseload.episode(referral)
    caseload.add_child([episode])
    if rng.random() < 0.6:
        caseload.past_assessment(episode, caseload.start)
    if episode.assessments and rng.random() < 0.5:
        episode.cin_plan_start = episode.assessments[0].authorised
    if rng.random() < 0.08:
        # Conferences are held on working days (the DfE's rule 8875).
        calendar = caseload.calendar
        conference = calendar.date(
            calendar.first_on_or_after(referral + timedelta(days=int(rng.integers(5, 30))))
        )
        if conference < caseload.start:
            episode.enquiries.append(Enquiry(referral + timedelta(days=2), conference))
            end = conference + timedelta(days=int(rng.integers(90, 400)))
            if end < caseload.start:
                episode.plans.append(Plan(conference, end, 0, caseload.pick(("NEG", "EMO"))))
    if not still_open:
        episode.closure = random_day(rng, episode.last_event(), max(episode.last_event(), before))


def settle_closures(caseload: Caseload, cin_end: int) -> None:
    """Close or keep open each current episode so that exactly ``cin_end`` children are open."""
    rng = caseload.rng
    idle = [
        episode
        for episode in caseload.referred_in_quarter
        if not (episode.assessments or episode.enquiries or episode.plans)
    ]
    wanted = min(len(idle), round(NO_FURTHER_ACTION_SHARE * len(caseload.referred_in_quarter)))
    for at in rng.choice(len(idle), wanted, replace=False).tolist():
        idle[at].no_further_action = True
        idle[at].closure = idle[at].referral
    current = [child.current for child in caseload.children]
    forced_open = sum(1 for episode in current if episode.has_open_plan)
    free = [e for e in current if not e.has_open_plan and not e.no_further_action]
    still_open = min(round(STILL_OPEN_SHARE * len(free)), cin_end - forced_open)
    open_at = set(rng.choice(len(free), still_open, replace=False).tolist()) if free else set()
    for position, episode in enumerate(free):
        if position not in open_at:
            episode.closure = random_day(rng, episode.last_event(), caseload.end)
    for _ in range(cin_end - forced_open - still_open):
        _continuing_child(caseload, still_open=True)


def build_cin_caseload(
    figures: dict[str, int],
    period: Period,
    rng: np.random.Generator,
    people: People,
    children: int = 0,
) -> list[CinChild]:
    """Children whose census gives ``figures``; padded with children whose cases closed
    before the quarter up to ``children`` children in all."""
    caseload = Caseload(period, rng, people)
    add_referrals(caseload, figures["referrals"], figures["rereferrals_12m"])
    add_assessments(caseload, figures["assessments"], figures["assessments_45d"])
    add_protection(caseload, figures)
    settle_closures(caseload, figures["cin_end"])
    while len(caseload.children) < children:
        _continuing_child(caseload, still_open=False)
    order = rng.permutation(len(caseload.children))
    return [caseload.children[i] for i in order]
