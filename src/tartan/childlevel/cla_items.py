"""The children looked after items of the return, from SSDA903-shaped Episodes.

Episodes under legal status V3 or V4 (a series of short breaks) are not care for these items
and are dropped first. As in the DfE's own statistics, a period of care starts with an episode
whose reason for new episode is ``S`` and ends with an episode end whose reason ceased is not
``X1``. A change between short breaks and full care is an ``X1`` boundary (the DfE's rule 431
forbids an ``S`` episode starting the day the last one ended), so it neither starts nor ends a
period: docs/childlevel.md, "Short breaks becoming full care", gives the review of that choice.
"""

from __future__ import annotations

import polars as pl

from tartan.childlevel.ssda903_schema import ADOPTED, CONTINUES, PERIOD_START, SHORT_BREAKS
from tartan.periods import Period


def marked_episodes(episodes: pl.DataFrame) -> pl.DataFrame:
    """Non-short-break episodes with ``starts_period`` and ``ends_period`` flags and ``period``,
    a running number of the child's periods of care (0 = begun before the first supplied
    episode). An episode whose legal status is not known (the CSC API payload has none) is
    counted as care."""
    kept = episodes.filter(~pl.col("LS").is_in(sorted(SHORT_BREAKS)).fill_null(False))
    return (
        kept.with_columns(
            starts_period=(pl.col("RNE") == PERIOD_START).fill_null(False),
            # A blank reason with an end date still ends the episode (choice 12).
            ends_period=pl.col("DEC").is_not_null() & (pl.col("REC") != CONTINUES).fill_null(True),
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
