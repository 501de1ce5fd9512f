"""Comparators for one period: group, statistical neighbours and England, with ranks and bands.

The frames passed in say where every comparator value comes from, so the quarterly and the
published benchmark share this code:

- ``subjects``: the LAs being benchmarked, one row per indicator and measure;
- ``field``: every English LA's value for the comparison (its quarterly figure where the
  system has one, else its latest published annual figure), with ``field_period``;
- ``england``: the England figure and its period;
- ``group_field``: the values ranked and pooled within each benchmarking group (or region);
- ``neighbours``: (la_code, neighbour_code) of the neighbour model for the period.
"""

from __future__ import annotations

import polars as pl

from tartan.benchmark.measures import round_half_up, round_value
from tartan.benchmark.ranks import quartile_band, quartile_cuts, rank_within, ranking_kind
from tartan.catalogue import POPULATION, Catalogue, Indicator, MeasureKind

MEASURE_KEYS = ["indicator", "measure"]


def row_labels(indicator: Indicator) -> dict[str, tuple[str, str]]:
    """Measure kind → (row number, row title) on the rug: '11a', 'Repeat child protection
    plans: ever'. One ratio row keeps the indicator's number; two or more are lettered in the
    catalogue's order. A count takes the row of the ratio that counts the same item."""
    ratios = [m for m in indicator.measures if m.kind != MeasureKind.COUNT]
    labels: dict[str, tuple[str, str]] = {}
    for letter, measure in zip("abcdefgh", ratios, strict=False):
        if len(ratios) == 1:
            labels[measure.kind.value] = (str(indicator.number), indicator.title)
        else:
            name = measure.name or measure.kind.unit
            labels[measure.kind.value] = (
                f"{indicator.number}{letter}",
                f"{indicator.title}: {name}",
            )
    by_item = {m.numerator: labels[m.kind.value] for m in ratios}
    for measure in indicator.measures:
        if measure.kind == MeasureKind.COUNT:
            labels[measure.kind.value] = by_item.get(
                measure.numerator, (str(indicator.number), indicator.title)
            )
    return labels


def measure_meta(catalogue: Catalogue) -> pl.DataFrame:
    rows = [
        (
            indicator.id,
            indicator.number,
            indicator.title,
            measure.kind.value,
            *row_labels(indicator)[measure.kind.value],
            indicator.polarity_of(measure.kind).value,
            indicator.decimals_of(measure.kind),
            measure.kind.multiplier,
            indicator.is_flow,
            measure.denominator == POPULATION,
        )
        for indicator, measure in catalogue.measure_rows()
    ]
    return pl.DataFrame(
        rows,
        schema={
            "indicator": pl.String(),
            "indicator_number": pl.Int64(),
            "indicator_title": pl.String(),
            "measure": pl.String(),
            "row": pl.String(),
            "row_title": pl.String(),
            "polarity": pl.String(),
            "decimals": pl.Int64(),
            "multiplier": pl.Int64(),
            "is_flow": pl.Boolean(),
            "per_population": pl.Boolean(),
        },
        orient="row",
    )


def pooled(frame: pl.DataFrame, keys: list[str], meta: pl.DataFrame, name: str) -> pl.DataFrame:
    """Sum of numerators over sum of denominators (a count is just the sum), rounded half up."""
    sums = (
        frame.filter(pl.col("value").is_not_null())
        .group_by(keys)
        .agg(
            pl.col("numerator").sum().alias("_num"),
            pl.col("denominator").sum().alias("_den"),
        )
    )
    sums = sums.join(
        meta.select(*MEASURE_KEYS, "decimals", "multiplier"), on=MEASURE_KEYS, how="left"
    )
    return sums.select(
        *keys,
        pl.when(pl.col("measure") == "count")
        .then(pl.col("_num"))
        .when(pl.col("_den") > 0)
        .then(
            round_half_up(pl.col("_num"), pl.col("_den"), pl.col("multiplier"), pl.col("decimals"))
        )
        .alias(name),
    )


# An England rank or band needs figures for most English LAs: a measure DfE does not publish,
# known only from a region's own returns, would otherwise be "ranked in England" among 19.
ENGLAND_COVERAGE = 0.75


def _england_comparison(
    subjects: pl.DataFrame, field: pl.DataFrame, meta: pl.DataFrame, england_size: int
) -> pl.DataFrame:
    polarity = meta.select(*MEASURE_KEYS, "polarity")
    # How much of England's field is this quarter's own figures (the national quarter), not a
    # published fallback: the rug says so beside every England rank.
    quarterly = (
        field.filter(pl.col("value").is_not_null() & ~pl.col("field_published"))
        .group_by(MEASURE_KEYS)
        .len("england_quarterly_n")
    )
    covered = field.filter(pl.col("value").is_not_null()).group_by(MEASURE_KEYS).len()
    covered = covered.filter(pl.col("len") >= ENGLAND_COVERAGE * england_size)
    field = field.join(covered.select(MEASURE_KEYS), on=MEASURE_KEYS, how="semi")
    ranked = field.join(polarity, on=MEASURE_KEYS, how="left").with_columns(
        rank_within(pl.col("value"), pl.col("polarity"), MEASURE_KEYS).alias("england_rank"),
        pl.col("value").count().over(MEASURE_KEYS).alias("england_n"),
    )
    cuts = quartile_cuts(field, MEASURE_KEYS).join(
        field.group_by(MEASURE_KEYS).agg(
            pl.col("value").min().alias("england_min"), pl.col("value").max().alias("england_max")
        ),
        on=MEASURE_KEYS,
    )
    out = subjects.join(
        ranked.select("la_code", *MEASURE_KEYS, "england_rank", "england_n"),
        on=["la_code", *MEASURE_KEYS],
        how="left",
    ).join(cuts, on=MEASURE_KEYS, how="left")
    out = out.join(quarterly, on=MEASURE_KEYS, how="left").with_columns(
        pl.col("england_quarterly_n").fill_null(0)
    )
    return out.with_columns(
        quartile_band(pl.col("value"), pl.col("polarity")).alias("quartile"),
        pl.when(pl.col("value").is_null())
        .then(None)
        .otherwise(pl.col("england_rank"))
        .alias("england_rank"),
    ).rename({"q1": "england_q1", "q2": "england_median", "q3": "england_q3"})


def _group_comparison(
    subjects: pl.DataFrame,
    group_field: pl.DataFrame,
    group_values: pl.DataFrame | None,
    meta: pl.DataFrame,
) -> pl.DataFrame:
    polarity = meta.select(*MEASURE_KEYS, "polarity")
    partition = ["group", *MEASURE_KEYS]
    ranked = group_field.join(polarity, on=MEASURE_KEYS, how="left").with_columns(
        rank_within(pl.col("value"), pl.col("polarity"), partition).alias("group_rank"),
        pl.col("value").count().over(partition).alias("group_n"),
    )
    values = (
        group_values
        if group_values is not None
        else pooled(group_field, partition, meta, "group_value")
    )
    return subjects.join(
        ranked.select("la_code", *MEASURE_KEYS, "group_rank", "group_n"),
        on=["la_code", *MEASURE_KEYS],
        how="left",
    ).join(values, on=partition, how="left")


def _neighbour_comparison(
    subjects: pl.DataFrame, field: pl.DataFrame, neighbours: pl.DataFrame, meta: pl.DataFrame
) -> pl.DataFrame:
    own = subjects.select("la_code", *MEASURE_KEYS, pl.col("value").alias("_own"), "polarity")
    theirs = field.select(
        pl.col("la_code").alias("neighbour_code"),
        *MEASURE_KEYS,
        pl.col("value").alias("_theirs"),
        "field_period",
    )
    pairs = neighbours.join(own, on="la_code", how="inner").join(
        theirs, on=["neighbour_code", *MEASURE_KEYS], how="left"
    )
    better = (
        pl.when(pl.col("polarity") == "low")
        .then(pl.col("_theirs") < pl.col("_own"))
        .otherwise(pl.col("_theirs") > pl.col("_own"))
    )
    summary = pairs.group_by("la_code", *MEASURE_KEYS).agg(
        pl.col("_theirs").mean().alias("_mean"),
        pl.col("_theirs").count().alias("sn_count"),
        pl.len().alias("sn_total"),
        better.sum().alias("_better"),
        pl.col("sn_model").first(),
        pl.col("neighbour_code").str.join(" ").alias("sn_codes"),
    )
    # Which periods the neighbours' figures come from: "2024-25 Q2 ×3; 2023-24 ×7".
    periods = (
        pairs.filter(pl.col("_theirs").is_not_null())
        .group_by("la_code", *MEASURE_KEYS, "field_period")
        .agg(pl.len().alias("_n"))
        .sort("field_period", descending=True)
        .group_by("la_code", *MEASURE_KEYS)
        .agg(pl.format("{} ×{}", "field_period", "_n").str.join("; ").alias("sn_periods"))
    )
    summary = (
        summary.join(meta.select(*MEASURE_KEYS, "decimals"), on=MEASURE_KEYS, how="left")
        .join(periods, on=["la_code", *MEASURE_KEYS], how="left")
        .with_columns(round_value(pl.col("_mean"), pl.col("decimals")).alias("sn_average"))
    )
    out = subjects.join(
        summary.select(
            "la_code",
            *MEASURE_KEYS,
            "sn_model",
            "sn_average",
            "sn_count",
            "sn_total",
            "_better",
            "sn_periods",
            "sn_codes",
        ),
        on=["la_code", *MEASURE_KEYS],
        how="left",
    )
    return out.with_columns(
        pl.when(pl.col("value").is_not_null())
        .then(pl.col("_better") + 1)
        .cast(pl.Int64)
        .alias("sn_rank"),
        pl.when(pl.col("value").is_not_null())
        .then(pl.col("sn_count") + 1)
        .cast(pl.Int64)
        .alias("sn_n"),
    ).drop("_better")


def compare_period(
    subjects: pl.DataFrame,
    field: pl.DataFrame,
    england: pl.DataFrame,
    group_field: pl.DataFrame,
    neighbours: pl.DataFrame,
    catalogue: Catalogue,
    england_size: int,
    group_values: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``england_size``: how many LAs England has in the period (152 or 153)."""
    meta = measure_meta(catalogue)
    out = subjects.join(meta, on=MEASURE_KEYS, how="left").with_columns(
        ranking_kind(pl.col("polarity")).alias("ranking")
    )
    out = _england_comparison(out, field, meta, england_size)
    out = _group_comparison(out, group_field, group_values, meta)
    out = _neighbour_comparison(out, field, neighbours, meta)
    return out.join(england, on=MEASURE_KEYS, how="left")
