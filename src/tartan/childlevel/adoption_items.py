"""The adoption timings A1, A2 and A3 for the children adopted in the quarter.

For each child whose last ceasing of the quarter is an adoption (E11/E12), within the period of
care that the adoption ends:
- entering care: the start of that period (the first episode supplied, with a C302 finding, if
  the period began before it);
- moving in with the adoptive family: the start of the first episode placed for adoption
  (A3 to A6); the adoption date if the child was never placed for adoption first;
- court authority to place: the start of the first episode under a placement order (E1) or a
  freeing order (D1);
- the match: AD1's DATE_MATCH (the latest one on or before the adoption).
"""

from __future__ import annotations

import polars as pl

from tartan.childlevel.cla_items import last_ceasings
from tartan.childlevel.findings import FindingLog
from tartan.childlevel.ssda903_schema import ADOPTED, COURT_AUTHORITY, PLACED_FOR_ADOPTION
from tartan.periods import Period


def _adoptions(marked: pl.DataFrame, period: Period) -> pl.DataFrame:
    adopted = last_ceasings(marked, period).filter(pl.col("REC").is_in(sorted(ADOPTED)))
    keys = adopted.select(
        "CHILD",
        "period",
        pl.col("DEC").alias("adopted_on"),
        pl.col("DECOM").alias("last_start"),
        pl.col("file").alias("adoption_file"),
        pl.col("row").alias("adoption_row"),
    )
    in_period = marked.join(keys, on=["CHILD", "period"]).filter(
        pl.col("DECOM") <= pl.col("last_start")
    )
    return in_period.group_by("CHILD", maintain_order=True).agg(
        pl.col("adopted_on").first(),
        pl.col("adoption_file").first(),
        pl.col("adoption_row").first(),
        pl.col("period").first(),
        pl.col("DECOM").min().alias("entered_care"),
        pl.col("DECOM")
        .filter(pl.col("PLACE").is_in(sorted(PLACED_FOR_ADOPTION)))
        .min()
        .alias("placed"),
        pl.col("DECOM")
        .filter(pl.col("LS").is_in(sorted(COURT_AUTHORITY)))
        .min()
        .alias("authority"),
    )


def _matches(ad1: pl.DataFrame, adoptions: pl.DataFrame) -> pl.DataFrame:
    return (
        ad1.select("CHILD", "DATE_MATCH")
        .filter(pl.col("DATE_MATCH").is_not_null())
        .join(adoptions.select("CHILD", "adopted_on"), on="CHILD")
        .filter(pl.col("DATE_MATCH") <= pl.col("adopted_on"))
        .group_by("CHILD")
        .agg(pl.col("DATE_MATCH").max().alias("matched"))
    )


def _row(value: object) -> int | None:
    return int(str(value)) if value is not None else None


def adoption_items(
    marked: pl.DataFrame, ad1: pl.DataFrame, period: Period, log: FindingLog
) -> dict[str, int]:
    adoptions = _adoptions(marked, period)
    timed = adoptions.join(_matches(ad1, adoptions), on="CHILD", how="left").with_columns(
        moved_in=pl.coalesce("placed", "adopted_on")
    )
    timed = timed.with_columns(
        a1=(pl.col("moved_in") - pl.col("entered_care")).dt.total_days(),
        under_14m=pl.col("moved_in") < pl.col("entered_care").dt.offset_by("14mo"),
        a2=pl.max_horizontal((pl.col("matched") - pl.col("authority")).dt.total_days(), pl.lit(0)),
    )
    for row in timed.filter(pl.col("period") == 0).to_dicts():
        log.add(
            "C302",
            str(row["adoption_file"]),
            f"Child {row['CHILD']} was adopted on {row['adopted_on']}, but the episodes supplied "
            f"do not include the start of that period of care (RNE S); A1 and A3 count from "
            f"the first episode supplied ({row['entered_care']}). Add earlier years' Episodes.",
            row=_row(row["adoption_row"]),
            item="a1_days",
        )
    for row in timed.filter(
        pl.col("authority").is_not_null() & pl.col("matched").is_null()
    ).to_dicts():
        log.add(
            "C301",
            str(row["adoption_file"]),
            f"Child {row['CHILD']} was adopted on {row['adopted_on']} under a court authority "
            "to place, but AD1 gives no match date on or before then: the child is left out "
            "of A2 (a2_days and a2_children).",
            row=_row(row["adoption_row"]),
            item="a2_children",
        )
    with_authority = timed.filter(
        pl.col("authority").is_not_null() & pl.col("matched").is_not_null()
    )
    return {
        "a1_days": int(timed["a1"].sum()),
        "a2_days": int(with_authority["a2"].sum()),
        "a2_children": with_authority.height,
        "a3_under_14m": int(timed["under_14m"].sum()),
    }
