"""What every cell of a rug must say, worked out from the benchmark table alone.

The renderers go through the rug model; this goes straight to the table's rows, with its own
small formatting, so that a renderer, the model or a lookup between them that drifts from the
table shows up as a cell that differs.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

PERCENTS = ("percent", "percent_2y")
COUNTED = ("count", "rate", "percent", "percent_2y")
ARROWS = {"Improving": "▲", "Worsening": "▼", "Increasing": "↑", "Decreasing": "↓"}
POSITION_LABELS = ("high", "mid+", "mid-", "low")


def figure(value: object, measure: str, decimals: int) -> str:
    if value is None:
        return "x"
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    return text + "%" if measure in PERCENTS else text


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank(row: dict, prefix: str) -> str:
    place, of = row[f"{prefix}_rank"], row[f"{prefix}_n"]
    if place is None or not of:
        return ""
    if row["polarity"] == "none":
        return f"{ordinal(place)} highest of {of}"
    return f"{ordinal(place)} best of {of}"


def cell_label(row: dict) -> str:
    """The band letter (polarity) or the neutral position word (none) a coloured cell carries."""
    if row["value"] is None:
        return ""
    if row["polarity"] != "none":
        if row["quartile"] is None and row["group_rank"] and row["group_n"]:
            return "ABCD"[min(3, (row["group_rank"] - 1) * 4 // row["group_n"])] + " (group)"
        return row["quartile"] or ""
    place, of = row["england_rank"], row["england_n"]
    if place is None:
        place, of = row["group_rank"], row["group_n"]
    if not place or not of:
        return ""
    return POSITION_LABELS[min(3, (place - 1) * 4 // of)]


def england_label(row: dict) -> str:
    if row["value"] is None:
        return ""
    if row["polarity"] != "none":
        return row["quartile"] or ""
    if row["england_rank"] is None or not row["england_n"]:
        return ""
    return POSITION_LABELS[min(3, (row["england_rank"] - 1) * 4 // row["england_n"])]


def value_of(row: dict) -> str:
    if row["value"] is None:
        return row["symbol"] or "x"
    return figure(row["value"], row["measure"], row["decimals"])


def travel(word: str | None, when: str, tested: str = "") -> str:
    if not word:
        return ""
    arrow = ARROWS.get(word, "=")
    return f"{arrow} {word}{tested} {when}"


def meaning(label: str | None, polarity: str) -> str:
    """The significance label in words, as the issue asks for it."""
    if not label:
        return ""
    if label == "within":
        return "not significantly different from England (95%)"
    way = "higher" if label.startswith("above") else "lower"
    level = label.split()[1]
    head = f"significantly {way} than England ({level})"
    if polarity == "none":
        return f"{head}: {way}, no polarity"
    good = (way == "higher") == (polarity == "high")
    return f"{head}: {'better' if good else 'worse'}"


def chance(row: dict, history: dict) -> str:
    """' (beyond chance, 95%)' or ' (not beyond chance, 95%)' for a rate or percentage that
    changed since the same quarter a year earlier; '' where it cannot be tested."""
    from scipy import stats

    from tartan.periods import Period

    if row["measure"] not in ("rate", "percent", "percent_2y"):
        return ""
    if row["direction_year_ago"] in (None, "No change"):
        return ""
    then = history.get(
        (row["indicator"], row["measure"], Period.parse(row["period"]).year_ago().label)
    )
    figures = [row["numerator"], row["denominator"]]
    figures += [then["numerator"], then["denominator"]] if then else [None, None]
    if any(f is None for f in figures) or figures[1] <= 0 or figures[3] <= 0:
        return ""
    n1, d1, n0, d0 = (float(f) for f in figures)
    import math

    pooled = (n1 + n0) / (d1 + d0)
    if row["measure"] == "rate":
        se = math.sqrt(pooled / d1 + pooled / d0)
    else:
        se = math.sqrt(pooled * (1 - pooled) * (1 / d1 + 1 / d0))
    z = abs(n1 / d1 - n0 / d0) / se if se else (math.inf if n1 / d1 != n0 / d0 else 0)
    p = 2 * (1 - stats.norm.cdf(z))
    return f" ({'beyond' if p < 0.05 else 'not beyond'} chance, 95%)"


@dataclass(frozen=True)
class ExpectedRow:
    """One rug row: its key in the table and the text each column must show."""

    indicator: str
    measure: str
    row: str
    title: str
    trend: dict[str, tuple[str, str]]  # period → (figure, band or position word)
    value: str
    count: str
    group: tuple[str, str]
    neighbours: tuple[str, str, str]  # average, "9 of 10", rank
    england: tuple[str, str, str, str]  # value, period, rank, band or position word
    direction: tuple[str, str]
    significance: str


def expected_rows(table: pl.DataFrame, la_code: str, period: str) -> list[ExpectedRow]:
    mine = table.filter((pl.col("la_code") == la_code) & (pl.col("measure") != "count"))
    history = {(r["indicator"], r["measure"], r["period"]): r for r in mine.iter_rows(named=True)}
    periods = sorted({p for _, _, p in history})
    out = []
    for r in (
        mine.filter(pl.col("period") == period)
        .sort("indicator_number", "row")
        .iter_rows(named=True)
    ):
        trend = {}
        for label in periods:
            past = history.get((r["indicator"], r["measure"], label))
            trend[label] = (value_of(past), cell_label(past)) if past else ("", "")
        count = ""
        if r["measure"] in COUNTED:
            count = (
                figure(r["numerator"], "count", 0)
                if r["numerator"] is not None
                else r["symbol"] or "x"
            )
        decimals = r["decimals"]
        out.append(
            ExpectedRow(
                indicator=r["indicator"],
                measure=r["measure"],
                row=r["row"],
                title=r["row_title"],
                trend=trend,
                value=value_of(r),
                count=count,
                group=(figure(r["group_value"], r["measure"], decimals), rank(r, "group")),
                neighbours=(
                    figure(r["sn_average"], r["measure"], decimals),
                    f"{r['sn_count'] or 0} of {r['sn_total'] or 0} neighbours have figures",
                    rank(r, "sn"),
                ),
                england=(
                    figure(r["england_value"], r["measure"], decimals),
                    r["england_period"] or "",
                    rank(r, "england"),
                    england_label(r),
                ),
                direction=(
                    travel(r["direction"], "on quarter"),
                    travel(r["direction_year_ago"], "on year", chance(r, history)),
                ),
                significance=meaning(r["significance"], r["polarity"]),
            )
        )
    return out
