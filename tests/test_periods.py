from datetime import date

import pytest

from tartan.periods import Period, PeriodError, quarters_ending


@pytest.mark.parametrize(
    ("label", "year_end", "quarter"),
    [
        ("2024-25 Q1", 2025, 1),
        ("2024/25 q4", 2025, 4),
        ("2024-2025 Q2", 2025, 2),
        ("1999-00", 2000, None),
    ],
)
def test_parse_labels(label, year_end, quarter):
    period = Period.parse(label)
    assert (period.year_end, period.quarter) == (year_end, quarter)


@pytest.mark.parametrize("label", ["2024-26 Q1", "2024 Q1", "2024-25 Q5", "", "Q1 2024-25"])
def test_bad_labels_are_refused(label):
    with pytest.raises(PeriodError):
        Period.parse(label)


def test_quarter_dates_follow_the_financial_year():
    assert Period.parse("2024-25 Q1").start == date(2024, 4, 1)
    assert Period.parse("2024-25 Q1").end == date(2024, 6, 30)
    assert Period.parse("2024-25 Q4").start == date(2025, 1, 1)
    assert Period.parse("2024-25 Q4").end == date(2025, 3, 31)
    assert Period.parse("2024-25").end == date(2025, 3, 31)


def test_population_year_is_mid_t_minus_one():
    assert Period.parse("2024-25 Q3").population_mid_year == 2024
    assert Period.parse("2024-25").population_mid_year == 2024


def test_shifts_previous_year_ago_and_rolling_window():
    q1 = Period.parse("2024-25 Q1")
    assert q1.previous().label == "2023-24 Q4"
    assert q1.year_ago().label == "2023-24 Q1"
    assert [p.label for p in q1.rolling_quarters()] == [
        "2023-24 Q2",
        "2023-24 Q3",
        "2023-24 Q4",
        "2024-25 Q1",
    ]
    assert [p.label for p in quarters_ending(q1, 2)] == ["2023-24 Q4", "2024-25 Q1"]


def test_comparison_year_for_a_quarter():
    assert Period.parse("2024-25 Q3").latest_year_not_after().label == "2023-24"
    assert Period.parse("2024-25 Q4").latest_year_not_after().label == "2024-25"


def test_ordering_puts_a_year_after_its_quarters():
    labels = ["2024-25", "2024-25 Q2", "2023-24 Q4", "2024-25 Q1"]
    assert [p.label for p in sorted(Period.parse(x) for x in labels)] == [
        "2023-24 Q4",
        "2024-25 Q1",
        "2024-25 Q2",
        "2024-25",
    ]


def test_containing_a_day():
    assert Period.containing(date(2026, 11, 22)).label == "2026-27 Q3"
    assert Period.containing(date(2026, 3, 31)).label == "2025-26 Q4"
