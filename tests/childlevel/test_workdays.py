"""Working days: Monday to Friday less England and Wales bank holidays; the start is day 0."""

from datetime import date

import polars as pl
import pytest

from tartan.childlevel.workdays import bank_holidays, working_days, working_days_between


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2024, 6, 3), date(2024, 6, 3), 0),  # same day
        (date(2024, 6, 7), date(2024, 6, 10), 1),  # Friday to Monday
        (date(2024, 6, 8), date(2024, 6, 10), 1),  # a Saturday start: Monday is day 1
        (date(2024, 6, 3), date(2024, 6, 17), 10),  # two whole weeks
        # Easter 2024: Good Friday 29 March and Easter Monday 1 April are not working days.
        (date(2024, 3, 28), date(2024, 4, 2), 1),
        (date(2024, 3, 28), date(2024, 4, 19), 14),
        (date(2024, 3, 28), date(2024, 4, 22), 15),
        (date(2024, 3, 28), date(2024, 4, 23), 16),
        # The Coronation bank holiday, Monday 8 May 2023.
        (date(2023, 5, 5), date(2023, 5, 9), 1),
        # The State Funeral of Queen Elizabeth II, Monday 19 September 2022.
        (date(2022, 9, 16), date(2022, 9, 20), 1),
        # Christmas 2022 fell on a Sunday: the substitute day was Tuesday 27 December.
        (date(2022, 12, 23), date(2022, 12, 28), 1),
    ],
)
def test_working_days_count_from_day_0(start, end, days):
    assert working_days_between(start, end) == days
    frame = pl.DataFrame({"start": [start], "end": [end]})
    assert frame.select(working_days(pl.col("start"), pl.col("end"))).item() == days


def test_an_end_before_the_start_counts_negative():
    assert working_days_between(date(2024, 6, 10), date(2024, 6, 7)) < 0
    frame = pl.DataFrame({"start": [date(2024, 6, 10)], "end": [date(2024, 6, 7)]})
    assert frame.select(working_days(pl.col("start"), pl.col("end"))).item() < 0


def test_bank_holidays_are_england_and_wales_not_scotland():
    holidays = set(bank_holidays())
    assert date(2024, 8, 26) in holidays  # summer bank holiday, last Monday of August
    assert date(2024, 8, 5) not in holidays  # Scotland's, first Monday of August
    assert date(2024, 1, 2) not in holidays  # Scotland's second of January
    assert all(day.weekday() < 5 for day in holidays)
