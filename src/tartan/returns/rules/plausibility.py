"""Plausibility queries: accepted, but the LA explains them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tartan.catalogue import POPULATION, MeasureKind
from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding
from tartan.returns.rules.registry import Stage, rule

# A quarter's rate or percentage on fewer cases than this swings too much to query it.
_MIN_CASES = 10


@rule("Q601", "A big change on the previous quarter", Stage.PLAUSIBILITY)
def big_change(ret: CheckedReturn) -> Iterator[Finding]:
    previous = ret.settings.previous
    if previous is None:
        return
    limits = ret.settings.thresholds
    for item, now in ret.numbers.items():
        before = previous.get(item)
        # Day sums swing with the handful of children adopted; their averages are what count.
        if before is None or ret.catalogue.item(item).unit == "days":
            continue
        change = now - before
        if abs(change) <= limits.change_minimum:
            continue
        if before == 0 or abs(change) / before > Decimal(str(limits.change_share)):
            share = f" ({change / before:+.0%})" if before else ""
            row, _ = ret.values[item]
            yield Finding(
                "Q601",
                ret.name,
                f"{item} went from {before} last quarter to {now}{share}. Please explain the change "
                "or correct the figure.",
                row=row.line,
                column="value",
                item=item,
            )


@rule("Q602", "A rate outside the range of all English LAs", Stage.PLAUSIBILITY)
def outside_published_range(ret: CheckedReturn) -> Iterator[Finding]:
    """Quarter figures are compared with annual published ones: flow rates are multiplied by 4
    (a quarter is a quarter of a year); stocks and percentages are compared as they are."""
    period = ret.period
    la_code = ret.la_code
    if period is None or la_code is None:
        return
    ranges = ret.settings.published_ranges(period)
    population = ret.settings.population.for_period(la_code, period)
    numbers = ret.numbers
    for indicator, measure in ret.catalogue.measure_rows():
        published = ranges.get((indicator.id, measure.kind.value))
        if published is None or measure.numerator not in numbers:
            continue
        numerator = numbers[measure.numerator]
        if numerator < _MIN_CASES:
            continue
        if measure.denominator == POPULATION:
            if population is None:
                continue
            factor = 4 if indicator.is_flow else 1
            value = float(numerator) * factor * 10_000 / population.value
            what = (
                f"annualised rate per 10,000 ({value:.1f})"
                if factor == 4
                else f"rate per 10,000 ({value:.1f})"
            )
        elif measure.kind in (MeasureKind.PERCENT, MeasureKind.PERCENT_2Y):
            base = numbers.get(measure.denominator or "")
            if not base or base < _MIN_CASES:
                continue
            value = float(numerator) * 100 / float(base)
            what = f"percentage ({value:.1f}%)"
        else:
            continue
        if published.low <= value <= published.high:
            continue
        row, _ = ret.values[measure.numerator]
        yield Finding(
            "Q602",
            ret.name,
            f"The {indicator.title.lower()} {what} is outside the range of all English LAs in "
            f"{published.year} ({published.low:g} to {published.high:g}). Please check it.",
            row=row.line,
            column="value",
            item=measure.numerator,
        )


@rule("Q603", "Stocks and flows do not add up", Stage.PLAUSIBILITY)
def stock_flow_identity(ret: CheckedReturn) -> Iterator[Finding]:
    previous = ret.settings.previous
    if previous is None:
        return
    limits = ret.settings.thresholds
    numbers = ret.numbers
    for identity in ret.catalogue.identities:
        needed = (identity.stock, identity.inflow, identity.outflow)
        if identity.stock not in previous or any(name not in numbers for name in needed):
            continue
        expected = previous[identity.stock] + numbers[identity.inflow] - numbers[identity.outflow]
        actual = numbers[identity.stock]
        gap = actual - expected
        tolerance = max(
            Decimal(limits.identity_minimum), expected * Decimal(str(limits.identity_share))
        )
        if abs(gap) > tolerance:
            row, _ = ret.values[identity.stock]
            yield Finding(
                "Q603",
                ret.name,
                f"{identity.stock} is {actual}, but last quarter's {previous[identity.stock]} + "
                f"{identity.inflow} {numbers[identity.inflow]} - {identity.outflow} "
                f"{numbers[identity.outflow]} gives {expected} ({gap:+} apart). Please explain "
                "the difference or correct the figures.",
                row=row.line,
                column="value",
                item=identity.stock,
            )
