from datetime import date
from decimal import Decimal

import pytest

from tartan.governance.subscriptions import (
    InvoiceLine,
    Tier,
    TierRule,
    invoice_totals,
    payment_due,
)

TERMS_2023_24 = TierRule(large_pence=1250000, small_pence=625000)


@pytest.mark.parametrize(
    ("population", "tier"),
    [(399_999, Tier.SMALL), (400_000, Tier.LARGE), (400_001, Tier.LARGE), (0, Tier.SMALL)],
)
def test_tier_at_exactly_400000_is_large(population, tier):
    assert TERMS_2023_24.tier(population) is tier


def test_amounts_follow_the_tier_and_the_year():
    assert TERMS_2023_24.amount(Tier.LARGE) == 1250000
    assert TERMS_2023_24.amount(Tier.SMALL) == 625000
    later = TierRule(large_pence=1300000, small_pence=650000, large_from=450_000)
    assert later.tier(400_000) is Tier.SMALL
    assert later.amount(later.tier(450_000)) == 1300000


def test_a_negative_population_is_refused():
    with pytest.raises(ValueError, match="negative"):
        TERMS_2023_24.tier(-1)


def test_invoice_totals_add_vat_once_on_the_net():
    lines = [InvoiceLine("Subscription", 1, 1250000)]
    totals = invoice_totals(lines, Decimal("20"))
    assert (totals.net_pence, totals.vat_pence, totals.total_pence) == (1250000, 250000, 1500000)
    small = invoice_totals([InvoiceLine("Subscription", 1, 625000)], Decimal("20"))
    assert small.total_pence == 750000


def test_vat_on_the_sum_not_on_each_line():
    lines = [InvoiceLine("a", 1, 3), InvoiceLine("b", 1, 3)]  # 20% of 3p is 0.6p each
    totals = invoice_totals(lines, Decimal("20"))
    assert (totals.net_pence, totals.vat_pence, totals.total_pence) == (6, 1, 7)


def test_zero_rated_and_quantity():
    totals = invoice_totals([InvoiceLine("Places", 3, 1999)], Decimal("0"))
    assert (totals.net_pence, totals.vat_pence, totals.total_pence) == (5997, 0, 5997)


def test_payment_due_after_the_terms():
    assert payment_due(date(2024, 3, 15), 30) == date(2024, 4, 14)
