"""The national quarter: a group's release joins every other group's England ranks; an
unreleased quarter of one group never reaches another's figures."""

from __future__ import annotations

import polars as pl
import pytest

from tartan.web.groups.models import BenchmarkingGroup
from tartan.web.reports.data import View, benchmark_table
from tests.web.second_group import OTHER_MEMBERS, other_round

pytestmark = pytest.mark.django_db

# Indicator 8 (children on a plan, a stock) is published: England's field is every LA, each with its
# quarterly figure where a release holds one, else DfE's published year.
INDICATOR = 8


def england_of(table: pl.DataFrame, period: str) -> pl.DataFrame:
    return table.filter(
        (pl.col("period") == period) & (pl.col("indicator_number") == INDICATOR)
    ).select("la_code", "row", "england_rank", "england_n", "england_quarterly_n")


def quarterly_n(rows: pl.DataFrame) -> set[int]:
    return set(rows["england_quarterly_n"].to_list())


def test_a_release_in_one_group_changes_the_others_england_ranks(released_round, other_dbg):
    period = released_round.period
    alone = england_of(benchmark_table(released_round, View.RELEASED), period)
    assert quarterly_n(alone) == {19}

    signed_off_only = other_round(other_dbg, period, release=False)
    unchanged = england_of(benchmark_table(released_round, View.RELEASED), period)
    assert unchanged.equals(alone), "an unreleased quarter of another group reached the ranks"
    # Not in the DBG's working view either: only releases cross groups.
    working = england_of(benchmark_table(released_round, View.WORKING), period)
    assert quarterly_n(working) == {19}

    from tartan.web.collection import services

    services.release(signed_off_only, other_dbg, {})
    together = england_of(benchmark_table(released_round, View.RELEASED), period)
    assert quarterly_n(together) == {19 + len(OTHER_MEMBERS)}
    # The rows are still the South East's own, and some rank moved.
    assert together["la_code"].to_list() == alone["la_code"].to_list()
    assert together["england_rank"].to_list() != alone["england_rank"].to_list()


def test_the_other_group_ranks_against_the_first_groups_release(released_round, other_dbg):
    theirs = other_round(other_dbg, released_round.period, release=True)
    table = benchmark_table(theirs, View.RELEASED)
    assert set(table["la_code"].unique().to_list()) == set(OTHER_MEMBERS)
    rows = england_of(table, theirs.period)
    assert quarterly_n(rows) == {19 + len(OTHER_MEMBERS)}


def test_a_group_that_does_not_share_stays_out_of_the_national_quarter(released_round, other_dbg):
    BenchmarkingGroup.objects.filter(key="north-east").update(shares_national=False)
    other_round(other_dbg, released_round.period, release=True)
    rows = england_of(benchmark_table(released_round, View.RELEASED), released_round.period)
    assert quarterly_n(rows) == {19}
