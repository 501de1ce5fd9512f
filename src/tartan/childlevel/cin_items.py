"""The CIN census items of the return (DOMAIN.md §4 and §9), from the typed census tables.

Each function is one item or a pair of a whole and its part, vectorised with polars. The exact
definitions, and the choices made where DfE's guidance leaves room, are in docs/childlevel.md;
the comments here say why a step is there.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from tartan.childlevel.workdays import working_days
from tartan.periods import Period

ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15


def _in(column: str, period: Period) -> pl.Expr:
    return pl.col(column).is_between(period.start, period.end)


def _open_at(start: str, end: str, day: date) -> pl.Expr:
    """Open on ``day``: started on or before it and not ended by it (an end on the day closes)."""
    return (pl.col(start) <= day) & (pl.col(end).is_null() | (pl.col(end) > day))


def referrals(episodes: pl.DataFrame, period: Period) -> dict[str, int]:
    # One referral per child and date: a referral entered in two episodes is still one referral,
    # and a same-day duplicate must not make the child's referral a re-referral of itself.
    distinct = (
        episodes.select("child", "CINreferralDate")
        .unique()
        .sort("child", "CINreferralDate")
        .with_columns(previous=pl.col("CINreferralDate").shift(1).over("child"))
    )
    in_quarter = distinct.filter(_in("CINreferralDate", period))
    window_start = pl.col("CINreferralDate").dt.offset_by("-12mo")
    rereferred = in_quarter.filter(
        pl.col("previous").is_not_null() & (pl.col("previous") >= window_start)
    )
    return {"referrals": in_quarter.height, "rereferrals_12m": rereferred.height}


def children_in_need(episodes: pl.DataFrame, period: Period) -> dict[str, int]:
    # A referral closed with no further action is not an episode of need.
    open_episodes = episodes.filter(
        _open_at("CINreferralDate", "CINclosureDate", period.end)
        & ~pl.col("ReferralNFA").fill_null(False)
    )
    return {"cin_end": open_episodes["child"].n_unique()}


def assessments(table: pl.DataFrame, period: Period) -> dict[str, int]:
    completed = table.filter(_in("AssessmentAuthorisationDate", period)).unique(
        ["child", "AssessmentActualStartDate", "AssessmentAuthorisationDate"]
    )
    days = working_days(pl.col("AssessmentActualStartDate"), pl.col("AssessmentAuthorisationDate"))
    on_time = completed.filter(days.is_between(0, ASSESSMENT_WORKING_DAYS))
    return {"assessments": completed.height, "assessments_45d": on_time.height}


def section47(table: pl.DataFrame, period: Period) -> dict[str, int]:
    # An enquiry recorded in two episodes is one enquiry: one per child and start date.
    enquiries = table.sort("DateOfInitialCPC", nulls_last=True).unique(
        ["child", "S47ActualStartDate"], keep="first"
    )
    started = enquiries.filter(_in("S47ActualStartDate", period))
    conferences = enquiries.filter(_in("DateOfInitialCPC", period))
    days = working_days(pl.col("S47ActualStartDate"), pl.col("DateOfInitialCPC"))
    on_time = conferences.filter(days.is_between(0, ICPC_WORKING_DAYS))
    return {"s47": started.height, "icpc": conferences.height, "icpc_15d": on_time.height}


def _distinct_plans(table: pl.DataFrame) -> pl.DataFrame:
    # A plan recorded in two episodes is one plan; if any copy has ended it, it has ended.
    return table.group_by("child", "CPPstartDate").agg(
        pl.col("CPPendDate").max(), pl.col("NumberOfPreviousCPP").max()
    )


def protection_plans(table: pl.DataFrame, period: Period) -> dict[str, int]:
    plans = _distinct_plans(table)
    at_end = plans.filter(_open_at("CPPstartDate", "CPPendDate", period.end))
    started = plans.filter(_in("CPPstartDate", period))
    ended = plans.filter(_in("CPPendDate", period))
    earlier = (
        started.select("child", "CPPstartDate")
        .join(
            plans.select(
                "child",
                pl.col("CPPstartDate").alias("earlier_start"),
                pl.col("CPPendDate").alias("earlier_end"),
            ),
            on="child",
        )
        .filter(pl.col("earlier_start") < pl.col("CPPstartDate"))
        .group_by("child", "CPPstartDate")
        .agg(
            # Only a plan that had ended by the new plan's start can be "the previous plan".
            pl.col("earlier_end")
            .filter(pl.col("earlier_end") <= pl.col("CPPstartDate"))
            .max()
            .alias("previous_end"),
            pl.len().gt(0).alias("has_earlier"),
        )
    )
    starts = started.join(earlier, on=["child", "CPPstartDate"], how="left").with_columns(
        pl.col("has_earlier").fill_null(False)
    )
    ever = starts.filter(pl.col("has_earlier") | (pl.col("NumberOfPreviousCPP").fill_null(0) >= 1))
    within_2y = starts.filter(
        pl.col("previous_end").is_not_null()
        & (pl.col("CPPstartDate") <= pl.col("previous_end").dt.offset_by("2y"))
    )
    return {
        "cpp_end": at_end["child"].n_unique(),
        "cpp_start": started.height,
        "cpp_cease": ended.height,
        "cpp_repeat_ever": ever.height,
        "cpp_repeat_2y": within_2y.height,
    }


def cin_items(tables: dict[str, pl.DataFrame], period: Period) -> dict[str, int]:
    figures: dict[str, int] = {}
    figures.update(referrals(tables["episode"], period))
    figures.update(assessments(tables["assessment"], period))
    figures.update(children_in_need(tables["episode"], period))
    figures.update(section47(tables["section47"], period))
    figures.update(protection_plans(tables["plan"], period))
    return figures
