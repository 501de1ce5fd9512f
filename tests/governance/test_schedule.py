from datetime import date

from tartan.governance.schedule import (
    ReviewState,
    add_months,
    next_review,
    review_slots,
    scheduled_reviews,
)


def test_first_review_then_annual_until_the_end_of_the_term():
    # 2019 memorandum: 1 April 2019 to 31 March 2021, first review in June 2019.
    assert scheduled_reviews(date(2019, 6, 30), date(2021, 3, 31)) == [
        date(2019, 6, 30),
        date(2020, 6, 30),
    ]
    assert scheduled_reviews(date(2022, 1, 1), date(2021, 3, 31)) == []


def test_month_ends_fall_back():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


def test_states_on_a_day():
    held = {date(2023, 6, 30): date(2023, 7, 4)}
    slots = review_slots(date(2023, 6, 30), date(2026, 3, 31), held, today=date(2025, 5, 15))
    assert [s.state for s in slots] == [ReviewState.HELD, ReviewState.OVERDUE, ReviewState.DUE]
    assert slots[1].days == (date(2025, 5, 15) - date(2024, 6, 30)).days
    assert slots[2].days == 46
    assert next_review(slots) == slots[1]
    later = review_slots(date(2023, 6, 30), date(2026, 3, 31), held, today=date(2023, 9, 1))
    assert later[1].state is ReviewState.UPCOMING
    assert next_review([s for s in slots if s.state is ReviewState.HELD]) is None
