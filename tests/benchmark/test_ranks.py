"""LAIT's rules: ranks with ties and missing values, polarity, quartile bands, direction."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from tartan.benchmark.ranks import (
    direction,
    ordinal,
    quartile_band,
    quartile_cuts,
    rank_text,
    rank_within,
)


def _ranks(values, polarity):
    frame = pl.DataFrame(
        {"k": ["a"] * len(values), "value": values, "polarity": [polarity] * len(values)}
    )
    return frame.select(rank_within(pl.col("value"), pl.col("polarity"), ["k"]).alias("out"))[
        "out"
    ].to_list()


def test_lower_is_better_ranks_smallest_first_and_ties_share_the_lowest_rank():
    assert _ranks([16.6, 22.6, 16.6, 10.0, None], "low") == [2, 4, 2, 1, None]


def test_higher_is_better_ranks_largest_first():
    assert _ranks([80.0, 95.5, 80.0, None, 60.0], "high") == [2, 1, 2, None, 4]


def test_without_polarity_position_counts_from_the_highest():
    assert _ranks([300.0, 500.0, 100.0], "none") == [2, 1, 3]


def test_missing_values_are_not_ranked_and_do_not_count():
    frame = pl.DataFrame({"k": ["a"] * 4, "value": [1.0, None, 3.0, None], "polarity": ["low"] * 4})
    out = frame.with_columns(
        rank_within(pl.col("value"), pl.col("polarity"), ["k"]).alias("rank"),
        pl.col("value").count().over("k").alias("n"),
    )
    assert out["rank"].to_list() == [1, None, 2, None]
    assert out["n"].to_list() == [2, 2, 2, 2]


def test_quartile_cuts_are_type_7_like_numpy():
    values = [3.0, 7.5, 1.2, 9.9, 4.4, 6.1, 2.8, 8.3, 5.0]
    cuts = quartile_cuts(pl.DataFrame({"k": ["a"] * 9, "value": values}), ["k"]).row(0, named=True)
    expected = np.quantile(values, [0.25, 0.5, 0.75])  # numpy's default is linear (type 7)
    assert [cuts["q1"], cuts["q2"], cuts["q3"]] == pytest.approx(list(expected))


def _bands(values, polarity):
    frame = pl.DataFrame(
        {"value": values, "polarity": [polarity] * len(values), "q1": 10.0, "q2": 20.0, "q3": 30.0}
    )
    return frame.select(quartile_band(pl.col("value"), pl.col("polarity")).alias("out"))[
        "out"
    ].to_list()


def test_quartile_edges_lower_is_better():
    # A = [min, Q1], B = (Q1, Q2], C = (Q2, Q3], D = (Q3, max]
    assert _bands([5.0, 10.0, 10.1, 20.0, 20.1, 30.0, 30.1], "low") == [
        "A",
        "A",
        "B",
        "B",
        "C",
        "C",
        "D",
    ]


def test_quartile_edges_higher_is_better_mirror():
    # A = (Q3, max], B = (Q2, Q3], C = (Q1, Q2], D = [min, Q1]
    assert _bands([5.0, 10.0, 10.1, 20.0, 20.1, 30.0, 30.1], "high") == [
        "D",
        "D",
        "C",
        "C",
        "B",
        "B",
        "A",
    ]


def test_no_band_without_polarity_or_value():
    assert _bands([15.0, None], "none") == [None, None]
    assert _bands([None], "low") == [None]


@pytest.mark.parametrize(
    ("change", "polarity", "expected"),
    [
        (1.5, "low", "Worsening"),
        (-1.5, "low", "Improving"),
        (2.0, "high", "Improving"),
        (-2.0, "high", "Worsening"),
        (3.0, "none", "Increasing"),
        (-3.0, "none", "Decreasing"),
        (0.0, "low", "No change"),
        (None, "high", None),
    ],
)
def test_direction_of_travel(change, polarity, expected):
    frame = pl.DataFrame({"c": [change], "p": [polarity]}, schema={"c": pl.Float64, "p": pl.String})
    assert frame.select(direction(pl.col("c"), pl.col("p")).alias("out"))["out"].item() == expected


def test_rank_words():
    assert rank_text(34, 153, "rank") == "34th best of 153"
    assert rank_text(34, 153, "rank", compact=True) == "34th of 153"
    assert rank_text(3, 19, "position") == "3rd highest of 19"
    assert rank_text(None, 19, "rank") == ""
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
