"""The shipped published tables as polars frames, and the indicators computed from them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl

from tartan.benchmark.measures import YEAR, indicator_values
from tartan.catalogue import Catalogue, shipped_catalogue
from tartan.periods import Period
from tartan.published.importer import MEASURES_FILE, OBSERVATIONS_FILE, RELEASES_FILE
from tartan.published.sources import PUBLISHED_DENOMINATORS
from tartan.reference.population import Population, shipped_population

DATA = Path(__file__).with_name("data")
_MEASURE = ["indicator", "measure"]
_IS_LA = pl.col("la_code").str.contains(r"^\d{3}$")


def _read(name: str, folder: Path | None) -> pl.DataFrame:
    return pl.read_csv((folder or DATA) / name, infer_schema=False)


def published_observations(folder: Path | None = None) -> pl.DataFrame:
    """Published counts as observations (``published`` True, ``source`` = the release key)."""
    frame = _read(OBSERVATIONS_FILE, folder)
    return frame.select(
        pl.col("area_code").alias("la_code"),
        "period",
        "item",
        pl.col("value").cast(pl.Float64),
        pl.col("symbol").replace("", None),
        pl.col("release").alias("source"),
        pl.lit(True).alias("published"),
    )


def published_measures(folder: Path | None = None) -> pl.DataFrame:
    """The rates and percentages as DfE prints them."""
    return _read(MEASURES_FILE, folder).select(
        pl.col("area_code").alias("la_code"),
        "period",
        "indicator",
        "measure",
        pl.col("value").cast(pl.Float64).alias("published_value"),
        pl.col("symbol").replace("", None).alias("published_symbol"),
    )


def releases(folder: Path | None = None) -> dict[str, str]:
    """Release key → title."""
    frame = _read(RELEASES_FILE, folder)
    return dict(zip(frame["release"], frame["title"], strict=True))


def compute_published_values(
    observations: pl.DataFrame,
    measures: pl.DataFrame,
    catalogue: Catalogue,
    population: Population,
) -> pl.DataFrame:
    """Indicator values for every LA, region and England and every published year.

    LA figures are recomputed from the counts (and reproduce DfE's). National and regional
    counts are rounded to 10 by DfE, so where DfE prints the aggregate rate or percentage
    itself, that printed figure is used.
    """
    items = observations.select(
        "la_code", "period", pl.lit(YEAR).alias("window"), "item", "value", "symbol", "source"
    )
    values = indicator_values(items, catalogue, population, PUBLISHED_DENOMINATORS)
    aggregate = ~_IS_LA
    joined = values.join(measures, on=["la_code", "period", "indicator", "measure"], how="left")
    use_printed = aggregate & (
        pl.col("published_value").is_not_null() | pl.col("published_symbol").is_not_null()
    )
    return joined.with_columns(
        pl.when(use_printed)
        .then(pl.col("published_value"))
        .otherwise(pl.col("value"))
        .alias("value"),
        pl.when(use_printed)
        .then(pl.col("published_value"))
        .otherwise(pl.col("value_exact"))
        .alias("value_exact"),
        pl.when(use_printed)
        .then(pl.col("published_symbol"))
        .otherwise(pl.col("symbol"))
        .alias("symbol"),
    ).drop("published_value", "published_symbol")


@cache
def published_values() -> pl.DataFrame:
    """Published indicator values from the shipped tables (computed once per process)."""
    return compute_published_values(
        published_observations(), published_measures(), shipped_catalogue(), shipped_population()
    )


def latest_published(published: pl.DataFrame, not_after: Period) -> pl.DataFrame:
    """Per measure, every area's value in the latest published year up to ``not_after``.

    The year is chosen per measure (adoptions are published a year behind the rest), and is
    the same for every LA of that measure, so a suppressed figure stays suppressed rather than
    reaching back to an older year.
    """
    year_end = pl.col("period").str.slice(0, 4).cast(pl.Int64) + 1
    years = (
        published.filter(_IS_LA & pl.col("value").is_not_null() & (year_end <= not_after.year_end))
        .group_by(_MEASURE)
        .agg(pl.col("period").max())
    )
    return published.join(years, on=[*_MEASURE, "period"], how="inner")


def published_ranges(not_after: Period) -> dict[tuple[str, str], tuple[float, float, str]]:
    """(indicator, measure) → (lowest, highest, year) over all English LAs' published rates and
    percentages, in the latest published year up to ``not_after``."""
    latest = latest_published(published_values(), not_after).filter(
        _IS_LA & pl.col("measure").is_in(["rate", "percent"])
    )
    summary = latest.group_by("indicator", "measure", "period").agg(
        pl.col("value").min().alias("low"), pl.col("value").max().alias("high")
    )
    return {
        (row["indicator"], row["measure"]): (row["low"], row["high"], row["period"])
        for row in summary.iter_rows(named=True)
        if row["low"] is not None
    }
