"""Working days: Monday to Friday, excluding the bank holidays of England and Wales.

DfE's timeliness measures count working days with the start day as day 0: an ICPC is on time
when it is held 0 to 15 working days after the section 47 enquiry started, an assessment when it
is authorised at most 45 working days after it started. So the count is of working days in the
half-open span (start, end]: a same-day event is 0, the next working day is 1, and a start on a
Saturday followed by an end on Monday is 1.

The bank holidays come from the ``holidays`` package (``GB``, subdivision ``ENG``: England and
Wales share their bank holidays), including substitute days and one-off days such as the State
Funeral of 19 September 2022 and the Coronation of 8 May 2023.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays
import numpy as np
import polars as pl

# Wide enough for any child's history in a current file; the list is computed once.
FIRST_YEAR = 1990
LAST_YEAR = 2060


@cache
def bank_holidays() -> tuple[date, ...]:
    """England and Wales bank holidays falling on a weekday, oldest first."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return tuple(sorted(day for day in days if day.weekday() < 5))


@cache
def _holiday_array() -> np.ndarray:
    return np.array(bank_holidays(), dtype="datetime64[D]")


def working_days(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Working days from ``start`` (day 0) to ``end``; negative when ``end`` is earlier.

    ``business_day_count`` counts [start, end); shifting both by a day counts (start, end].
    """
    one_day = pl.duration(days=1)
    return pl.business_day_count(start + one_day, end + one_day, holidays=list(bank_holidays()))


def working_days_between(start: date, end: date) -> int:
    """The same count for one pair of dates, outside a table."""
    return int(
        np.busday_count(
            np.datetime64(start + timedelta(days=1)),
            np.datetime64(end + timedelta(days=1)),
            holidays=_holiday_array(),
        )
    )


class WorkingDayIndex:
    """Working days numbered consecutively, so that "k working days later" is index + k.

    The generator places events a chosen number of working days apart; working with numbers
    instead of dates keeps that exact and vectorised.
    """

    def __init__(self) -> None:
        self._origin = np.datetime64(date(FIRST_YEAR, 1, 2))  # a Tuesday, not a holiday

    def first_on_or_after(self, day: date) -> int:
        rolled = np.busday_offset(np.datetime64(day), 0, roll="forward", holidays=_holiday_array())
        return int(np.busday_count(self._origin, rolled, holidays=_holiday_array()))

    def last_on_or_before(self, day: date) -> int:
        rolled = np.busday_offset(np.datetime64(day), 0, roll="backward", holidays=_holiday_array())
        return int(np.busday_count(self._origin, rolled, holidays=_holiday_array()))

    def dates(self, indices: np.ndarray) -> list[date]:
        days = np.busday_offset(self._origin, indices.astype(np.int64), holidays=_holiday_array())
        return [day.item() for day in days]

    def date(self, index: int) -> date:
        return self.dates(np.array([index]))[0]
