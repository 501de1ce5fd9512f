"""The children looked after items of the return, from SSDA903 Episodes.

Episodes under legal status V3 or V4 (a series of short breaks) are not care for these items:
they are dropped first, and the links between the remaining episodes decide where a period of
care starts and ends. A period starts with an episode whose reason for new episode is ``S``;
when a child on short breaks becomes looked after in full (a V3/V4 episode ends X1 and a
non-short-break episode begins that day) the new episode starts a period too. A period ends
with an episode whose reason ceased is anything but ``X1``, or with an X1 change onto short
breaks. The exact definitions are in docs/childlevel.md.
"""

from __future__ import annotations

import polars as pl

from tartan.childlevel.ssda903_schema import ADOPTED, CONTINUES, PERIOD_START, SHORT_BREAKS
from tartan.periods import Period


def marked_episodes(episodes: pl.DataFrame) -> pl.DataFrame:
    """Non-short-break episodes with ``starts_period`` and ``ends_period`` flags and ``period``,
    a running number of the child's periods of care (0 = begun before the first supplied
    episode)."""
    short = pl.col("LS").is_in(sorted(SHORT_BREAKS))
    flagged = episodes.with_columns(short=short)
    # A short-break episode that ends X1 hands over to the episode starting that day, and the
    # other way round.
    after_short = (
        flagged.filter(pl.col("short") & (pl.col("REC") == CONTINUES))
        .select("CHILD", pl.col("DEC").alias("DECOM"), pl.lit(True).alias("after_short"))
        .unique()
    )
    before_short = (
        flagged.filter(pl.col("short"))
        .select("CHILD", pl.col("DECOM").alias("DEC"), pl.lit(True).alias("before_short"))
        .unique()
    )
    kept = (
        flagged.filter(~pl.col("short"))
        .join(after_short, on=["CHILD", "DECOM"], how="left")
        .join(before_short, on=["CHILD", "DEC"], how="left")
        .with_columns(pl.col("after_short", "before_short").fill_null(False))
    )
    return (
        kept.with_columns(
            starts_period=(pl.col("RNE") == PERIOD_START) | pl.col("after_short"),
            ends_period=pl.col("DEC").is_not_null()
            & (
                (pl.col("REC") != CONTINUES).fill_null(True)
                | ((pl.col("REC") == CONTINUES) & pl.col("before_short"))
            ),
        )
        .sort("CHILD", "DECOM", "DEC", nulls_last=True)
        .with_columns(period=pl.col("starts_period").cast(pl.Int32).cum_sum().over("CHILD"))
    )


def last_ceasings(marked: pl.DataFrame, period: Period) -> pl.DataFrame:
    """Each child's last ceasing of the quarter: DfE counts a child once, at their last."""
    return (
        marked.filter(pl.col("ends_period") & pl.col("DEC").is_between(period.start, period.end))
        .sort("CHILD", "DEC", "DECOM")
        .group_by("CHILD", maintain_order=True)
        .last()
    )


def cla_items(marked: pl.DataFrame, period: Period) -> dict[str, int]:
    in_care = marked.filter(
        (pl.col("DECOM") <= period.end) & (pl.col("DEC").is_null() | (pl.col("DEC") > period.end))
    )
    started = marked.filter(
        pl.col("starts_period") & pl.col("DECOM").is_between(period.start, period.end)
    )
    ceased = last_ceasings(marked, period)
    adopted = ceased.filter(pl.col("REC").is_in(sorted(ADOPTED)))
    return {
        "cla_end": in_care["CHILD"].n_unique(),
        "cla_start": started["CHILD"].n_unique(),
        "cla_cease": ceased.height,
        "adopted": adopted.height,
    }
