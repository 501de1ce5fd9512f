"""Days for each adopted child so that the quarter's A1, A2 and A3 figures come out exactly.

A1 sums the days from entering care to moving in; A3 counts children who moved in less than
14 months after entering care. Fourteen months are 424 to 428 days depending on the months, so
a child counted in A3 gets at most 423 days and any other at least 428: whatever dates follow,
the A3 count cannot slip. A2 days (from court authority to the match) fit inside a child's A1
days, since both the authority and the match fall between entering care and moving in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tartan.childlevel.synthetic.allocate import InfeasibleTotal, allocate
from tartan.childlevel.synthetic.targets import GeneratorError

UNDER_14_MONTHS = 423
OVER_14_MONTHS = 428
LONGEST_WAIT = 5000  # days; a child adopted after 13 years in care is as far as it goes


@dataclass(frozen=True)
class AdoptionDays:
    entered_to_moved_in: np.ndarray  # A1 days per child
    authority_to_match: np.ndarray  # A2 days per child; -1 for a child with no court authority
    under_14_months: np.ndarray  # bool per child


def adoption_days(
    figures: dict[str, int],
    entered_in_quarter: int,
    quarter_days: int,
    rng: np.random.Generator,
) -> AdoptionDays:
    """Days for ``figures['adopted']`` children; the first ``entered_in_quarter`` of them came
    into care during the quarter itself, so they can have at most ``quarter_days`` days."""
    adopted, quick = figures["adopted"], figures["a3_under_14m"]
    if entered_in_quarter > quick:
        raise GeneratorError(
            f"{entered_in_quarter} children must be adopted within the quarter they entered "
            f"care, which makes them quicker than 14 months, but a3_under_14m is only {quick}"
        )
    under = np.zeros(adopted, dtype=bool)
    under[:entered_in_quarter] = True
    others = np.arange(entered_in_quarter, adopted)
    under[rng.choice(others, quick - entered_in_quarter, replace=False)] = True
    low = np.where(under, 0, OVER_14_MONTHS)
    high = np.where(under, UNDER_14_MONTHS, LONGEST_WAIT)
    high[:entered_in_quarter] = quarter_days
    mean = figures["a1_days"] / adopted if adopted else 0.0
    wanted = np.clip(rng.gamma(8.0, max(mean, 1.0) / 8.0, adopted), low, high)
    try:
        a1 = allocate(figures["a1_days"], wanted, low, high)
    except InfeasibleTotal as error:
        raise GeneratorError(
            f"a1_days {figures['a1_days']} cannot be shared among {adopted} adopted children "
            f"of whom {quick} moved in within 14 months (at most {UNDER_14_MONTHS} days each) "
            f"and {adopted - quick} did not (at least {OVER_14_MONTHS} days each): {error}"
        ) from None

    with_authority = figures["a2_children"]
    # The longest A1 waits leave the most room for A2 days.
    chosen = np.argsort(-a1, kind="stable")[:with_authority]
    mean2 = figures["a2_days"] / with_authority if with_authority else 0.0
    wanted2 = rng.gamma(3.0, max(mean2, 1.0) / 3.0, with_authority)
    try:
        a2_chosen = allocate(figures["a2_days"], wanted2, np.zeros(with_authority), a1[chosen])
    except InfeasibleTotal as error:
        raise GeneratorError(
            f"a2_days {figures['a2_days']} does not fit: the days from court authority to match "
            f"cannot exceed the days from entering care to moving in ({error})"
        ) from None
    a2 = np.full(adopted, -1, dtype=np.int64)
    a2[chosen] = a2_chosen
    return AdoptionDays(a1, a2, under)
