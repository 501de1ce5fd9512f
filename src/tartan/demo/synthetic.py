"""Synthetic quarterly returns around each LA's real published annual figures.

There is no public quarterly data, so demo and test quarters are made here: each LA's latest
published yearly counts are split into quarters with seasonality, a gentle trend of its own and
Poisson noise; parts are drawn as binomial shares of their whole; stocks move by exactly their
starts minus their ends, pulled back towards the published level, so the stock-flow identity
holds. Items DfE does not publish (assessments, plans ended, repeat plans within 2 years, the
adoption timings) are made from England-wide shares stated below. Fixed seed: the same call
gives the same returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from tartan.periods import Period, quarters_ending
from tartan.published.store import published_observations
from tartan.reference.population import ENGLAND, Population, shipped_population
from tartan.reference.register import shipped_register

SYNTHETIC_NOTE = "Synthetic demonstration data: not real figures"

# Activity dips in the summer holidays (Q2) and peaks in the autumn term (Q3).
SEASONALITY = {1: 1.02, 2: 0.92, 3: 1.07, 4: 0.99}

# Shares for items without published LA figures (England-wide orders of magnitude).
ASSESSMENTS_PER_REFERRAL = 0.92
ASSESSMENTS_ON_TIME = 0.83
REPEAT_WITHIN_2Y_SHARE = 0.30
A1_AVERAGE_DAYS = 480.0
A2_AVERAGE_DAYS = 190.0
A2_SHARE_OF_ADOPTED = 0.95
# 14 months after entering care is 423 to 428 days later, depending on the months: a child
# counted as under 14 months has at most 420 days, one not counted at least 430, so the day
# sum and the count could come from real records.
UNDER_14_MONTHS_DAYS = 420
OVER_14_MONTHS_DAYS = 430

FLOW_BASES = ("referrals", "s47", "icpc", "cpp_start", "cla_start", "adopted")
RATIOS = (
    ("rereferrals_12m", "referrals"),
    ("icpc_15d", "icpc"),
    ("cpp_repeat_ever", "cpp_start"),
    ("adopted", "cla_cease"),
)
STOCKS = ("cin_end", "cpp_end", "cla_end")


@dataclass(frozen=True)
class SyntheticReturn:
    la_code: str
    period: Period
    figures: dict[str, float]


def _annual_bases(
    la_codes: list[str], population: Population, last: Period
) -> dict[str, dict[str, float]]:
    """Latest published yearly count per LA and item; England's rate × population where an
    LA's figure is suppressed or missing."""
    observations = published_observations().filter(pl.col("value").is_not_null())
    latest = observations.sort("period").group_by("la_code", "item").agg(pl.col("value").last())
    lookup = {(row["la_code"], row["item"]): row["value"] for row in latest.iter_rows(named=True)}
    england_population = population.for_period(ENGLAND, last)
    assert england_population is not None
    bases: dict[str, dict[str, float]] = {}
    for code in la_codes:
        figure = population.for_period(code, last)
        share = figure.value / england_population.value if figure else 0.001
        bases[code] = {}
        for item in {*FLOW_BASES, *STOCKS, "cla_cease", *(part for part, _ in RATIOS)}:
            value = lookup.get((code, item))
            if value is None:
                value = lookup.get((ENGLAND, item), 0.0) * share
            bases[code][item] = float(value)
    return bases


def _ratio(bases: dict[str, float], part: str, whole: str) -> float:
    return min(0.95, bases[part] / bases[whole]) if bases.get(whole) else 0.2


def _days_to_adoption(rng: np.random.Generator, children: int) -> np.ndarray:
    """Each adopted child's days from entering care to moving in (about a third within 14
    months), kept clear of the ambiguous days around the 14-month mark."""
    days = np.rint(rng.gamma(8.0, A1_AVERAGE_DAYS / 8.0, children)).astype(int)
    ambiguous = (days > UNDER_14_MONTHS_DAYS) & (days < OVER_14_MONTHS_DAYS)
    days[ambiguous] = np.where(days[ambiguous] < 425, UNDER_14_MONTHS_DAYS, OVER_14_MONTHS_DAYS)
    return days


def _generate_la(
    code: str, bases: dict[str, float], periods: list[Period], seed: int
) -> list[SyntheticReturn]:
    rng = np.random.default_rng([seed, int(code)])
    drift = rng.normal(0.0, 0.05)  # this LA's yearly trend
    stocks = {item: float(round(bases[item])) for item in STOCKS}
    out = []
    for step, period in enumerate(periods):
        assert period.quarter is not None
        level = SEASONALITY[period.quarter] * (1 + drift * step / 4)

        def flow(annual: float, level: float = level) -> int:
            return int(rng.poisson(max(annual, 0.0) / 4 * level))

        figures: dict[str, float] = {}
        figures["referrals"] = flow(bases["referrals"])
        figures["assessments"] = flow(bases["referrals"] * ASSESSMENTS_PER_REFERRAL)
        figures["s47"] = flow(bases["s47"])
        figures["icpc"] = flow(bases["icpc"])
        figures["cla_start"] = flow(bases["cla_start"])
        figures["cpp_start"] = flow(bases["cpp_start"])
        # Ends balance starts over a year, and pull the stock back to its published level.
        figures["cpp_cease"] = int(
            rng.poisson(
                max(0.0, figures["cpp_start"] + 0.15 * (stocks["cpp_end"] - bases["cpp_end"]))
            )
        )
        figures["cla_cease"] = int(
            rng.poisson(
                max(0.0, figures["cla_start"] + 0.10 * (stocks["cla_end"] - bases["cla_end"]))
            )
        )
        for part, whole in RATIOS:
            figures[part] = int(rng.binomial(int(figures[whole]), _ratio(bases, part, whole)))
        figures["assessments_45d"] = int(
            rng.binomial(int(figures["assessments"]), ASSESSMENTS_ON_TIME)
        )
        figures["cpp_repeat_2y"] = int(
            rng.binomial(int(figures["cpp_repeat_ever"]), REPEAT_WITHIN_2Y_SHARE)
        )
        adopted = int(figures["adopted"])
        figures["a2_children"] = int(rng.binomial(adopted, A2_SHARE_OF_ADOPTED))
        days = _days_to_adoption(rng, adopted)
        figures["a1_days"] = float(days.sum())
        figures["a3_under_14m"] = int((days <= UNDER_14_MONTHS_DAYS).sum())
        figures["a2_days"] = float(
            round(sum(rng.gamma(3.0, A2_AVERAGE_DAYS / 3.0, int(figures["a2_children"]))))
        )
        stocks["cpp_end"] = max(
            0.0, stocks["cpp_end"] + figures["cpp_start"] - figures["cpp_cease"]
        )
        stocks["cla_end"] = max(
            0.0, stocks["cla_end"] + figures["cla_start"] - figures["cla_cease"]
        )
        stocks["cin_end"] = max(0.0, round(stocks["cin_end"] * (1 + rng.normal(drift / 8, 0.015))))
        figures.update(stocks)
        out.append(SyntheticReturn(code, period, figures))
    return out


def synthetic_returns(
    la_codes: list[str],
    last: Period,
    quarters: int = 12,
    seed: int = 2019,
    population: Population | None = None,
) -> list[SyntheticReturn]:
    """``quarters`` quarters ending with ``last`` for each LA, around its published figures."""
    population = population or shipped_population()
    periods = quarters_ending(last, quarters)
    bases = _annual_bases(la_codes, population, last)
    register = shipped_register()
    returns: list[SyntheticReturn] = []
    for code in la_codes:
        # No return for a quarter before the LA existed (Cumberland before April 2023).
        operating = [period for period in periods if register[code].operates_in(period)]
        returns.extend(_generate_la(code, bases[code], operating, seed))
    return returns
