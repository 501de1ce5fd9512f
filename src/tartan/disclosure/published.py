"""The published-only exception: an export whose every figure DfE has published needs no
concealment and no permission. The check says so, or names what is not published, and cites
the releases the figures come from."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tartan.published.store import releases


@dataclass(frozen=True)
class PublishedCheck:
    all_published: bool
    releases: list[str]
    problems: list[str]


def check_published_only(rows: pl.DataFrame) -> PublishedCheck:
    """``rows``: the benchmark-table rows an export would hold."""
    problems = []
    unpublished = rows.filter(~pl.col("published"))
    if unpublished.height:
        problems.append(
            f"{unpublished.height} figure(s) of {', '.join(sorted(set(unpublished['la_code'].to_list())))} are not published"
        )
    quarterly = [text for text in rows["sn_periods"].drop_nulls().to_list() if " Q" in text]
    if quarterly:
        problems.append(f"statistical neighbour averages use quarterly figures ({quarterly[0]})")
    england = [p for p in rows["england_period"].drop_nulls().unique().to_list() if " Q" in p]
    if england:
        problems.append(f"the England figure is pooled from quarterly figures ({england[0]})")
    titles = releases()
    cited = sorted(
        {
            titles.get(key, key)
            for key in rows["source"].drop_nulls().unique().to_list()
            if key in titles
        }
    )
    return PublishedCheck(not problems, cited, problems)
