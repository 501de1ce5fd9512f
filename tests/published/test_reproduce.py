"""Published figures: recomputed from counts and the ONS population, they equal DfE's."""

from __future__ import annotations

import csv

import polars as pl
import pytest

from tartan.published.importer import import_published
from tartan.published.store import published_measures, published_values

IS_LA = pl.col("la_code").str.contains(r"^\d{3}$")


def test_every_published_la_rate_and_percentage_is_reproduced_exactly():
    values = published_values()
    printed = published_measures()
    joined = values.join(printed, on=["la_code", "period", "indicator", "measure"]).filter(IS_LA)
    assert joined.height > 7000
    mismatch = joined.filter(
        (pl.col("value") != pl.col("published_value"))
        | (pl.col("value").is_null() != pl.col("published_value").is_null())
        | (pl.col("symbol").fill_null("") != pl.col("published_symbol").fill_null(""))
    )
    assert mismatch.is_empty(), mismatch.head()


def _row(path, **match):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if all(r[k] == v for k, v in match.items()))


def _value(la, period, indicator, measure="rate"):
    row = published_values().filter(
        (pl.col("la_code") == la)
        & (pl.col("period") == period)
        & (pl.col("indicator") == indicator)
        & (pl.col("measure") == measure)
    )
    return row["value"].item()


@pytest.mark.parametrize(
    ("la", "indicator", "measure", "expected"),
    [
        # DOMAIN.md §5 worked example, year ending 31 March 2025.
        ("E92000001", "referrals", "rate", 519.4),
        ("E92000001", "rereferrals", "percent", 22.6),
        ("E92000001", "cin", "rate", 330.3),
        ("E92000001", "s47", "rate", 189.3),
        ("E92000001", "icpc_15d", "percent", 81.4),
        ("E92000001", "cpp", "rate", 40.6),
        ("E92000001", "cpp_start", "rate", 50.8),
        ("E92000001", "cpp_repeat", "percent", 24.5),
        ("E92000001", "cla", "rate", 67),
        ("845", "referrals", "rate", 393.3),
        ("845", "rereferrals", "percent", 16.6),
        ("845", "cin", "rate", 336.8),
        ("845", "cpp_repeat", "percent", 32.3),
        ("845", "cpp_start", "rate", 59.8),
        ("845", "cla", "rate", 66),
    ],
)
def test_worked_example(la, indicator, measure, expected):
    assert _value(la, "2024-25", indicator, measure) == expected


def test_sample_of_real_las_against_the_official_files(published_dir):
    """Kent, Birmingham and Cornwall, read straight from the official files."""
    c1 = published_dir / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    cla = published_dir / "cla_number_and_rate_per_10k_children.csv"
    for la in ("886", "330", "908"):
        row = _row(c1, time_period="2024", old_la_code=la)
        assert _value(la, "2023-24", "rereferrals", "percent") == float(row["rereferral_percent"])
        row = _row(
            cla,
            time_period="2025",
            old_la_code=la,
            population_type="Children looked after on 31 March each year",
        )
        assert _value(la, "2024-25", "cla", "rate") == float(row["rate_per_10000"])


def test_symbols_are_kept_never_zeros(published_dir):
    observations, _ = import_published(published_dir)
    symbols = {row[4] for row in observations if row[4]}
    assert symbols <= {"c", "x", "z", "k", "low", "u"}
    assert "c" in symbols
    hartlepool = [
        r for r in observations if r[0] == "805" and r[1] == "2024-25" and r[2] == "icpc_15d"
    ]
    assert hartlepool == [
        ["805", "2024-25", "icpc_15d", "", "c", "c4"]
    ]  # a band suppressed: no sum


def test_each_observation_names_its_release(published_dir):
    observations, _ = import_published(published_dir)
    assert {row[5] for row in observations} == {"b1", "c1", "c4", "d3", "d5", "cla", "ceased"}
