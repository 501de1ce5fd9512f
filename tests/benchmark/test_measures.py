"""Rates, percentages, rolling 12 months and pooling, in polars."""

from __future__ import annotations

import polars as pl
import pytest

from tartan.benchmark.compare import measure_meta, pooled
from tartan.benchmark.measures import indicator_values, round_half_up, windowed_items
from tartan.catalogue import shipped_catalogue
from tartan.observations import observation_frame
from tartan.reference.population import shipped_population


@pytest.mark.parametrize(
    ("num", "den", "mult", "dp", "expected"),
    [
        (333, 2000, 100, 1, 16.7),  # exactly 16.65: half up, never the float's 16.6499…
        (1, 8, 100, 0, 13.0),  # 12.5 → 13
        (7, 55, 100, 1, 12.7),
        (4107, 104428, 10_000, 1, 393.3),  # East Sussex referrals 2024-25
        (0, 5, 100, 1, 0.0),
    ],
)
def test_round_half_up_is_exact(num, den, mult, dp, expected):
    frame = pl.DataFrame({"n": [float(num)], "d": [float(den)]})
    assert frame.select(round_half_up(pl.col("n"), pl.col("d"), mult, dp))["n"].item() == expected


def _quarters(values: dict[str, int], item: str = "referrals", la: str = "845"):
    return observation_frame(
        (la, period, item, float(v), None, "test", False) for period, v in values.items()
    )


def test_rolling_12_months_sums_four_quarters_and_needs_all_four():
    quarters = {
        "2023-24 Q3": 100,
        "2023-24 Q4": 110,
        "2024-25 Q1": 120,
        "2024-25 Q2": 130,
        "2024-25 Q4": 150,
    }
    items = windowed_items(_quarters(quarters), shipped_catalogue())
    rolled = dict(items.filter(pl.col("window") == "12m").select("period", "value").iter_rows())
    assert rolled["2024-25 Q2"] == 460  # Q3, Q4, Q1, Q2
    assert rolled["2024-25 Q1"] is None  # only three quarters before it
    assert rolled["2024-25 Q4"] is None  # Q3 2024-25 is missing: no 12-month figure


def test_stocks_are_not_summed():
    items = windowed_items(
        _quarters({"2024-25 Q1": 600, "2024-25 Q2": 610}, item="cla_end"), shipped_catalogue()
    )
    rolled = dict(items.filter(pl.col("window") == "12m").select("period", "value").iter_rows())
    assert rolled == {"2024-25 Q1": 600, "2024-25 Q2": 610}


def test_rate_uses_mid_t_minus_one_population():
    items = windowed_items(_quarters({"2024-25 Q2": 1050}), shipped_catalogue())
    values = indicator_values(items, shipped_catalogue(), shipped_population())
    rate = values.filter(
        (pl.col("window") == "quarter")
        & (pl.col("indicator") == "referrals")
        & (pl.col("measure") == "rate")
    )
    assert rate["denominator"].item() == 104428  # East Sussex, mid-2024
    assert rate["value"].item() == 100.5  # 1050 / 104428 × 10,000 = 100.547…


def test_pooled_percentage_is_sum_over_sum_not_mean_of_percentages():
    frame = pl.DataFrame(
        {
            "group": ["g", "g"],
            "indicator": ["rereferrals", "rereferrals"],
            "measure": ["percent", "percent"],
            "value": [50.0, 10.0],
            "numerator": [1.0, 10.0],
            "denominator": [2.0, 100.0],
        }
    )
    out = pooled(
        frame, ["group", "indicator", "measure"], measure_meta(shipped_catalogue()), "pooled"
    )
    assert out["pooled"].item() == 10.8  # 11 / 102, not (50 + 10) / 2


def test_symbols_and_zero_denominators_never_become_numbers():
    observations = observation_frame(
        [
            ("845", "2024-25 Q1", "adopted", 0.0, None, "t", False),
            ("845", "2024-25 Q1", "cla_cease", 0.0, None, "t", False),
            ("845", "2024-25 Q1", "icpc", None, "x", "t", False),
            ("845", "2024-25 Q1", "icpc_15d", 10.0, None, "t", False),
        ]
    )
    values = indicator_values(
        windowed_items(observations, shipped_catalogue()), shipped_catalogue(), shipped_population()
    )
    quarter = values.filter(pl.col("window") == "quarter")
    adopted = quarter.filter(
        (pl.col("indicator") == "adopted") & (pl.col("measure") == "percent")
    ).row(0, named=True)
    assert (adopted["value"], adopted["symbol"]) == (None, "z")
    icpc = quarter.filter(
        (pl.col("indicator") == "icpc_15d") & (pl.col("measure") == "percent")
    ).row(0, named=True)
    assert (icpc["value"], icpc["symbol"]) == (None, "x")
