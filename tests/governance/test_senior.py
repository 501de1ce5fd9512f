"""DfE senior officials at the steering group, twice a financial year: counting runs from 1 April
to 31 March, a short year warns, and an uncovered half gets a proposed date."""

from __future__ import annotations

from datetime import date

from tartan.governance.senior import FinancialYear, next_due, schedule, year_of


def test_the_financial_year_turns_on_the_first_of_april():
    assert FinancialYear.of(date(2026, 3, 31)).label == "2025-26"
    assert FinancialYear.of(date(2026, 4, 1)).label == "2026-27"
    assert FinancialYear.of(date(2099, 12, 1)).label == "2099-00"


def test_two_meetings_either_side_of_the_boundary_leave_both_years_short():
    dates = [date(2026, 3, 20), date(2026, 4, 10)]
    years = schedule(dates, today=date(2026, 6, 1), since=date(2025, 5, 1))
    assert [y.year.label for y in years] == ["2026-27", "2025-26"]
    current, last = years
    assert current.held == [date(2026, 4, 10)]
    assert current.short
    assert last.held == [date(2026, 3, 20)]
    assert last.short
    assert last.warning(date(2026, 6, 1)).startswith("2025-26 had 1 meeting ")
    assert current.warning(date(2026, 6, 1)).startswith("2026-27 has had 1 meeting ")
    # The first half is covered; the second half gets its middle as the proposal.
    assert current.proposed == [date(2026, 12, 30)]
    assert last.proposed == []  # an ended year gets no proposal


def test_two_in_one_year_is_enough_and_planned_ones_count_for_a_year_not_over():
    today = date(2026, 5, 1)
    year = year_of(FinancialYear(2026), [date(2026, 4, 20), date(2026, 11, 5)], today)
    assert year.held == [date(2026, 4, 20)]
    assert year.planned == [date(2026, 11, 5)]
    assert not year.short
    assert year.warning(today) == ""


def test_a_proposal_leaves_four_weeks_notice_and_none_past_the_half():
    year = year_of(FinancialYear(2026), [], date(2026, 9, 20))
    # The first half ends before four weeks are up: only the second half gets a date.
    assert year.proposed == [date(2026, 12, 30)]
    assert year.warning(date(2026, 9, 20)).startswith("2026-27 has had 0 meetings")


def test_next_due_is_the_next_planned_else_the_proposal_else_next_years():
    today = date(2026, 5, 1)
    assert next_due([date(2026, 7, 1)], today) == date(2026, 7, 1)
    assert next_due([], today) == date(2026, 7, 1)  # middle of April-September
    assert next_due([date(2026, 4, 10), date(2026, 4, 20)], today) == date(2027, 7, 1)
