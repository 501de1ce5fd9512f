from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tartan.governance.settlement import (
    SettlementError,
    settlement_due,
    share_balance,
    statements,
)

partners = st.dictionaries(
    st.sampled_from([f"{n:03d}" for n in range(800, 960)]),
    st.one_of(st.just(0), st.integers(min_value=1, max_value=10**9)),
    min_size=1,
    max_size=19,
).filter(lambda c: sum(c.values()) > 0)
balances = st.one_of(
    st.integers(min_value=-(10**11), max_value=10**11),
    st.sampled_from([0, 1, -1, 2, -2, 7, -7, 99, -99, 100003, -100003]),
)


@given(balances, partners)
def test_shares_add_up_exactly_to_the_balance(balance, contributions):
    shares = share_balance(balance, contributions)
    assert set(shares) == set(contributions)
    assert sum(shares.values()) == balance


@given(balances, partners)
def test_each_share_is_within_a_penny_of_its_exact_proportion(balance, contributions):
    total = sum(contributions.values())
    for key, share in share_balance(balance, contributions).items():
        exact = Fraction(balance * contributions[key], total)
        assert abs(share - exact) < 1


@given(balances, partners)
def test_no_contribution_no_share_and_the_sign_follows_the_balance(balance, contributions):
    for key, share in share_balance(balance, contributions).items():
        if contributions[key] == 0:
            assert share == 0
        assert share * balance >= 0


@given(balances, partners)
def test_a_bigger_contribution_never_gets_a_smaller_share(balance, contributions):
    shares = share_balance(balance, contributions)
    for a in contributions:
        for b in contributions:
            if contributions[a] > contributions[b]:
                assert abs(shares[a]) >= abs(shares[b])


@given(balances, partners)
def test_the_order_partners_are_listed_in_does_not_matter(balance, contributions):
    reversed_order = dict(reversed(list(contributions.items())))
    assert share_balance(balance, contributions) == share_balance(balance, reversed_order)


def test_a_worked_example_with_pence_left_over():
    # £100.00 surplus over three equal partners: 3333.33p each, one penny left over.
    shares = share_balance(10000, {"845": 625000, "846": 625000, "850": 625000})
    assert sorted(shares.values()) == [3333, 3333, 3334]
    assert shares["845"] == 3334  # ties broken by key, so the answer is the same every time


def test_a_deficit_is_shared_like_a_surplus():
    shares = share_balance(-1000001, {"large": 1250000, "small": 625000})
    assert shares == {"large": -666667, "small": -333334}


def test_nobody_contributed():
    assert share_balance(0, {"845": 0}) == {"845": 0}
    with pytest.raises(SettlementError, match="nobody contributed"):
        share_balance(500, {"845": 0, "846": 0})
    with pytest.raises(SettlementError, match="negative"):
        share_balance(500, {"845": -1})


def test_due_within_three_months_of_termination():
    assert settlement_due(date(2024, 3, 31)) == date(2024, 6, 30)
    assert settlement_due(date(2023, 11, 30)) == date(2024, 2, 29)


def test_statements_say_which_way_the_money_goes():
    made = statements(-900, {"845": 200, "846": 100, "301": 0}, date(2024, 1, 15))
    by_partner = {s.partner: s for s in made}
    assert by_partner["845"].share_pence == -600
    assert by_partner["845"].direction == "to be paid by the partner"
    assert by_partner["845"].proportion_text == "66.67%"
    assert by_partner["301"].direction == "nothing to pay or reimburse"
    assert by_partner["846"].due_on == date(2024, 4, 15)
    assert statements(300, {"845": 1}, date(2024, 1, 1))[0].direction == (
        "to be reimbursed to the partner"
    )
