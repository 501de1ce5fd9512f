"""Annual subscriptions: the tier by total population, and what an invoice adds up to.

The 2023-24 terms (appendix 1 of the regional memorandum): £12,500 a year for a large authority
(400,000 population plus), £6,250 for a small one (less than 400,000), excluding VAT, subject to
annual review. The tiers are by an authority's TOTAL population, not the 0-17 population the
rates use, so the figure and its source are recorded with each year's subscriptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from tartan.governance.money import percent_of

LARGE_FROM = 400_000


class Tier(StrEnum):
    LARGE = "large"
    SMALL = "small"

    @property
    def label(self) -> str:
        return "Large authority" if self is Tier.LARGE else "Small authority"


@dataclass(frozen=True)
class TierRule:
    """One year's terms: the threshold and the two subscriptions, in pence, excluding VAT."""

    large_pence: int
    small_pence: int
    large_from: int = LARGE_FROM

    def tier(self, population: int) -> Tier:
        """Large at the threshold and above ("400,000 population plus"), small below it."""
        if population < 0:
            raise ValueError("a population cannot be negative")
        return Tier.LARGE if population >= self.large_from else Tier.SMALL

    def amount(self, tier: Tier) -> int:
        return self.large_pence if tier is Tier.LARGE else self.small_pence

    def describe(self, tier: Tier) -> str:
        if tier is Tier.LARGE:
            return f"population {self.large_from:,} or more"
        return f"population under {self.large_from:,}"


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    quantity: int
    unit_pence: int

    @property
    def net_pence(self) -> int:
        return self.quantity * self.unit_pence


@dataclass(frozen=True)
class InvoiceTotals:
    net_pence: int
    vat_pence: int
    total_pence: int


def invoice_totals(lines: Sequence[InvoiceLine], vat_percent: Decimal) -> InvoiceTotals:
    """Net is the sum of the lines; VAT is charged once on the net, to the nearest penny."""
    if vat_percent < 0:
        raise ValueError("a VAT rate cannot be negative")
    net = sum(line.net_pence for line in lines)
    vat = percent_of(net, vat_percent)
    return InvoiceTotals(net, vat, net + vat)


def payment_due(issued_on: date, days: int) -> date:
    return issued_on + timedelta(days=days)
