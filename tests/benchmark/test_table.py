"""The benchmark table: comparators, fallbacks to published figures, changes, significance."""

from __future__ import annotations

import polars as pl
import pytest

from tartan.benchmark.significance import significance
from tartan.benchmark.table import COLUMNS, published_benchmark, quarterly_benchmark
from tartan.periods import Period
from tartan.published.store import published_values
from tartan.reference.neighbours import shipped_neighbours
from tests.synthetic import pick, synthetic_observations

REQUIRED = [
    "period",
    "la_code",
    "la_name",
    "indicator",
    "measure",
    "value",
    "symbol",
    "published",
    "group_value",
    "group_rank",
    "group_n",
    "sn_average",
    "sn_count",
    "sn_rank",
    "sn_n",
    "england_value",
    "england_rank",
    "england_n",
    "quartile",
    "change_previous",
    "change_year_ago",
    "direction",
    "significance",
]


def test_table_has_the_agreed_columns(south_east_table):
    assert set(REQUIRED) <= set(south_east_table.columns)
    assert south_east_table.columns == COLUMNS
    assert set(south_east_table["measure"].unique()) == {
        "count",
        "rate",
        "percent",
        "percent_2y",
        "average_days",
    }


def test_one_row_per_period_la_indicator_measure(south_east_table):
    keys = south_east_table.select("period", "la_code", "indicator", "measure")
    assert keys.n_unique() == south_east_table.height
    assert south_east_table.height == 2 * 19 * 35


def _published(la: str, year: str, indicator: str, measure: str) -> float | None:
    rows = published_values().filter(
        (pl.col("la_code") == la)
        & (pl.col("period") == year)
        & (pl.col("indicator") == indicator)
        & (pl.col("measure") == measure)
    )
    return rows["value"].item() if rows.height else None


def test_neighbours_outside_the_region_fall_back_to_published_figures(south_east_table):
    row = pick(
        south_east_table,
        la_code="845",
        period="2024-25 Q4",
        indicator="rereferrals",
        measure="percent",
    )
    _, neighbours = shipped_neighbours().neighbours_of("845", Period.parse("2024-25 Q4"))
    group = set(south_east_table["la_code"].unique())
    quarterly = {
        r["la_code"]: r["value"]
        for r in south_east_table.filter(
            (pl.col("period") == "2024-25 Q4")
            & (pl.col("indicator") == "rereferrals")
            & (pl.col("measure") == "percent")
        ).iter_rows(named=True)
    }
    values = [
        quarterly[n.code]
        if n.code in group
        else _published(n.code, "2024-25", "rereferrals", "percent")
        for n in neighbours
    ]
    present = [v for v in values if v is not None]
    assert row["sn_count"] == len(present)
    assert row["sn_total"] == 10
    assert row["sn_average"] == pytest.approx(sum(present) / len(present), abs=0.051)
    in_group = sum(1 for n in neighbours if n.code in group)
    assert f"2024-25 ×{len(present) - in_group}" in row["sn_periods"]
    assert f"2024-25 Q4 ×{in_group}" in row["sn_periods"]


def test_england_comparator_is_the_latest_published_year_not_after_the_quarter(south_east_table):
    q4 = pick(
        south_east_table,
        la_code="845",
        period="2024-25 Q4",
        indicator="rereferrals",
        measure="percent",
    )
    q3 = pick(
        south_east_table,
        la_code="845",
        period="2024-25 Q3",
        indicator="rereferrals",
        measure="percent",
    )
    assert (q4["england_period"], q4["england_value"]) == ("2024-25", 22.6)
    assert q3["england_period"] == "2023-24"
    assert q4["england_n"] == 153  # every English LA: 19 quarterly, 134 published


def test_group_value_is_pooled_over_the_returns(south_east_observations, south_east_table):
    row = pick(
        south_east_table,
        la_code="845",
        period="2024-25 Q4",
        indicator="rereferrals",
        measure="percent",
    )
    periods = ["2024-25 Q1", "2024-25 Q2", "2024-25 Q3", "2024-25 Q4"]
    window = south_east_observations.filter(pl.col("period").is_in(periods))
    numerator = window.filter(pl.col("item") == "rereferrals_12m")["value"].sum()
    denominator = window.filter(pl.col("item") == "referrals")["value"].sum()
    assert row["group_value"] == round(numerator / denominator * 100 + 1e-9, 1)
    assert row["group_n"] == 19
    ranks = south_east_table.filter(
        (pl.col("period") == "2024-25 Q4")
        & (pl.col("indicator") == "rereferrals")
        & (pl.col("measure") == "percent")
    ).sort("value")
    assert ranks["group_rank"].to_list()[0] == 1


def test_change_on_previous_quarter_and_direction(south_east_table):
    q3 = pick(
        south_east_table, la_code="870", period="2024-25 Q3", indicator="cpp_start", measure="rate"
    )
    q4 = pick(
        south_east_table, la_code="870", period="2024-25 Q4", indicator="cpp_start", measure="rate"
    )
    assert q4["change_previous"] == pytest.approx(q4["value"] - q3["value"], abs=1e-9)
    expected = (
        "Improving"
        if q4["change_previous"] < 0
        else "Worsening"
        if q4["change_previous"] > 0
        else "No change"
    )
    assert q4["direction"] == expected  # CPP starts: lower is better


def test_counts_carry_positions_not_ranks(south_east_table):
    row = pick(
        south_east_table, la_code="845", period="2024-25 Q4", indicator="referrals", measure="count"
    )
    assert (row["polarity"], row["ranking"], row["quartile"]) == ("none", "position", None)


def test_measures_dfe_does_not_publish_get_no_england_rank(south_east_table):
    row = pick(
        south_east_table, la_code="845", period="2024-25 Q4", indicator="a1", measure="average_days"
    )
    assert row["england_rank"] is None
    assert row["quartile"] is None
    assert row["group_rank"] is not None


def test_published_benchmark_follows_lait():
    table = published_benchmark(2025)
    assert set(table["period"].unique()) == {"2024-25"}
    assert table["published"].all()
    rereferrals = pick(table, la_code="845", indicator="rereferrals", measure="percent")
    assert (
        rereferrals["value"],
        rereferrals["england_rank"],
        rereferrals["england_n"],
        rereferrals["quartile"],
    ) == (16.6, 34, 153, "A")
    starts = pick(table, la_code="845", indicator="cpp_start", measure="rate")
    assert (starts["value"], starts["england_rank"], starts["england_n"], starts["quartile"]) == (
        59.8,
        100,
        151,
        "C",
    )
    repeat = pick(table, la_code="845", indicator="cpp_repeat", measure="percent")
    assert (repeat["value"], repeat["quartile"]) == (32.3, "D")
    # LAIT gives 145 of 152: it leaves out one of the two authorities whose starts are
    # suppressed and whose repeat percentage DfE prints as 0 (see docs/benchmarking.md).
    assert (repeat["england_rank"], repeat["england_n"]) == (146, 153)
    assert rereferrals["group"] == "South East"
    assert rereferrals["group_value"] == 28.4  # DfE's regional percentage


def test_everyone_quarterly_pools_england_from_the_quarter():
    from tartan.reference.register import shipped_register

    codes = [la.code for la in shipped_register().current()]
    observations = synthetic_observations(codes, "2025-26 Q1", quarters=4)
    table = quarterly_benchmark(observations, periods=[Period.parse("2025-26 Q1")])
    row = pick(table, la_code="845", period="2025-26 Q1", indicator="referrals", measure="rate")
    assert row["england_period"] == "2025-26 Q1"
    assert row["england_n"] == 153
    window = observations.filter(pl.col("item") == "referrals")["value"].sum()
    assert row["england_value"] > 0
    assert window > 0


def test_significance_against_england():
    frame = pl.DataFrame(
        {
            "measure": ["rate", "rate", "percent", "percent", "percent", "count"],
            "numerator": [200.0, 101.0, 30.0, 40.0, 5.0, 10.0],
            "denominator": [10_000.0, 10_000.0, 100.0, 100.0, 100.0, None],
            "england_value": [100.0, 100.0, 22.6, 22.6, 22.6, 5.0],
        }
    )
    assert significance(frame).to_list() == [
        "above 99.8%",
        "within",
        "within",
        "above 99.8%",
        "below 99.8%",
        None,
    ]


def test_significance_between_the_two_limits():
    # Expected 100 events: 95% limits about 81-120, 99.8% about 71-132.
    frame = pl.DataFrame(
        {
            "measure": ["rate", "rate"],
            "numerator": [125.0, 76.0],
            "denominator": [10_000.0, 10_000.0],
            "england_value": [100.0, 100.0],
        }
    )
    assert significance(frame).to_list() == ["above 95%", "below 95%"]


def test_significance_in_words_with_and_without_polarity():
    from tartan.benchmark.significance import significance_words

    assert significance_words("above 99.8%", "low") == (
        "significantly higher than England (99.8%): worse"
    )
    assert significance_words("above 99.8%", "high") == (
        "significantly higher than England (99.8%): better"
    )
    assert (
        significance_words("below 95%", "high") == "significantly lower than England (95%): worse"
    )
    assert significance_words("above 95%", "none") == (
        "significantly higher than England (95%): higher, no polarity"
    )
    assert significance_words("within", "low") == "not significantly different from England (95%)"
    assert significance_words(None, "low") == ""


def test_a_change_on_a_year_ago_is_tested_where_it_can_be():
    from tartan.benchmark.significance import change_beyond_chance

    # 200 v 100 referrals in the same population: far beyond chance; 101 v 100: not.
    assert change_beyond_chance("rate", 200, 50_000, 100, 50_000) is True
    assert change_beyond_chance("rate", 101, 50_000, 100, 50_000) is False
    # 60% v 40% of 200: beyond chance; 41% v 40% of 100: not.
    assert change_beyond_chance("percent", 120, 200, 80, 200) is True
    assert change_beyond_chance("percent", 41, 100, 40, 100) is False
    assert change_beyond_chance("count", 10, None, 5, None) is None
    assert change_beyond_chance("average_days", 400, 2, 300, 2) is None
    assert change_beyond_chance("rate", 10, 1000, None, 1000) is None


def test_several_groups_rank_each_la_within_its_own():
    # A national run: each region is a group, and an LA's group rank and figure are its region's.
    from tartan.reference.groups import regional_groups
    from tartan.reference.register import shipped_register

    register = shipped_register()
    groups = [g for g in regional_groups(register) if g.name in ("South East", "North East")]
    codes = [code for g in groups for code in g.members]
    observations = synthetic_observations(codes, "2024-25 Q4")
    table = quarterly_benchmark(observations, periods=[Period.parse("2024-25 Q4")], group=groups)
    rates = table.filter((pl.col("indicator") == "referrals") & (pl.col("measure") == "rate"))
    by_group = {g.name: set(g.members) for g in groups}
    for name, members in by_group.items():
        rows = rates.filter(pl.col("group") == name)
        assert set(rows["la_code"]) == members
        assert rows["group_n"].unique().to_list() == [len(members)]
        assert sorted(rows["group_rank"].to_list()) == list(range(1, len(members) + 1))
    assert rates["group_value"].n_unique() == 2
