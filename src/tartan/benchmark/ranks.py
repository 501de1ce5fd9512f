"""Ranks, positions, quartile bands and direction of travel, by LAIT's rules (DOMAIN.md §3).

- Rank only where there is a polarity: 1 = best, ties share the lowest rank ('min'), missing
  or suppressed values are not ranked. Without polarity: a neutral position, 1 = highest.
- Ranks and bands use values already rounded to the published precision.
- Bands A-D over all English LAs: type-7 quantiles; lower-is-better A = [min, Q1],
  B = (Q1, Q2], C = (Q2, Q3], D = (Q3, max]; higher-is-better mirrors it. A is best.
"""

from __future__ import annotations

import polars as pl

RANK = "rank"
POSITION = "position"


def rank_within(value: pl.Expr, polarity: pl.Expr, partition: list[str]) -> pl.Expr:
    """1 = best (polarity) or highest (no polarity); ties share the lowest rank."""
    ascending = value.rank("min", descending=False).over(partition)
    descending = value.rank("min", descending=True).over(partition)
    return (
        pl.when(value.is_null())
        .then(None)
        .when(polarity == "low")
        .then(ascending)
        .otherwise(descending)
        .cast(pl.Int64)
    )


def ranking_kind(polarity: pl.Expr) -> pl.Expr:
    return pl.when(polarity == "none").then(pl.lit(POSITION)).otherwise(pl.lit(RANK))


def quartile_cuts(values: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Q1, Q2, Q3 per measure over the values given (type 7, numpy's default)."""
    return values.group_by(keys).agg(
        pl.col("value").drop_nulls().quantile(0.25, "linear").alias("q1"),
        pl.col("value").drop_nulls().quantile(0.5, "linear").alias("q2"),
        pl.col("value").drop_nulls().quantile(0.75, "linear").alias("q3"),
    )


def quartile_band(value: pl.Expr, polarity: pl.Expr) -> pl.Expr:
    """A-D (A best) where there is a polarity; no band without one."""
    q1, q2, q3 = pl.col("q1"), pl.col("q2"), pl.col("q3")
    low_better = (
        pl.when(value <= q1)
        .then(pl.lit("A"))
        .when(value <= q2)
        .then(pl.lit("B"))
        .when(value <= q3)
        .then(pl.lit("C"))
        .otherwise(pl.lit("D"))
    )
    high_better = (
        pl.when(value > q3)
        .then(pl.lit("A"))
        .when(value > q2)
        .then(pl.lit("B"))
        .when(value > q1)
        .then(pl.lit("C"))
        .otherwise(pl.lit("D"))
    )
    return (
        pl.when(value.is_null() | (polarity == "none") | q1.is_null())
        .then(pl.lit(None, pl.String))
        .when(polarity == "low")
        .then(low_better)
        .otherwise(high_better)
    )


def direction(change: pl.Expr, polarity: pl.Expr) -> pl.Expr:
    """Improving/Worsening with a polarity; Increasing/Decreasing without; 'No change' at 0."""
    up = change > 0
    return (
        pl.when(change.is_null())
        .then(pl.lit(None, pl.String))
        .when(change == 0)
        .then(pl.lit("No change"))
        .when(polarity == "none")
        .then(pl.when(up).then(pl.lit("Increasing")).otherwise(pl.lit("Decreasing")))
        .when((polarity == "high") == up)
        .then(pl.lit("Improving"))
        .otherwise(pl.lit("Worsening"))
    )


def ordinal(number: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def rank_text(rank: int | None, count: int | None, ranking: str, compact: bool = False) -> str:
    """One wording for both: '34th best of 153' for a rank (polarity), '3rd highest of 19' for
    a neutral position (no polarity); '3rd of 19' compact."""
    if rank is None or not count:
        return ""
    if compact:
        return f"{ordinal(rank)} of {count}"
    return f"{ordinal(rank)} {'highest' if ranking == POSITION else 'best'} of {count}"
