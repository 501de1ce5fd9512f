"""What each chart of a rug shows, taken from the benchmark table and nothing else.

Every chart is data first (these frozen classes), drawn second (``draw``): the tests compare
the data, and the marks drawn from it, with the table's rows.

- trend: the LA's figure quarter by quarter, with the group's pooled figure, its statistical
  neighbours' average and England over the same quarters (each a column of the LA's rows);
- where the LA sits: every group LA's figure for the quarter, the LA highlighted, its
  neighbours marked, England (or the group, where England has no figure) as a line;
- spine: each row's spread across England (or the group), quartiles, and the LA's figure;
- funnel: the group's LAs against their denominators, with 95% and 99.8% limits around
  England's figure (or the group's, where England has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import polars as pl

from tartan.benchmark.significance import control_limits
from tartan.rug.parts import GroupRows, TableParts

FUNNEL_MEASURES = ("rate", "percent", "percent_2y")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per period of the chart


@dataclass(frozen=True)
class TrendChart:
    row: str
    title: str
    measure: str
    decimals: int
    polarity: str
    periods: tuple[str, ...]
    series: tuple[Series, ...]  # the LA first, then group, neighbours, England


@dataclass(frozen=True)
class Bar:
    la_code: str
    la_name: str
    value: float | None
    subject: bool
    neighbour: bool


@dataclass(frozen=True)
class BarsChart:
    row: str
    title: str
    measure: str
    decimals: int
    polarity: str
    bars: tuple[Bar, ...]  # highest first
    line_name: str  # "England" or the group's name
    line_value: float | None


@dataclass(frozen=True)
class Spine:
    row: str
    title: str
    measure: str
    decimals: int
    polarity: str
    scope: str  # "England" or "group": what the spread is taken over
    low: float
    q1: float
    median: float
    q3: float
    high: float
    value: float
    reference: float | None  # England's figure (or the group's)


@dataclass(frozen=True)
class SpineChart:
    la_name: str
    period: str
    spines: tuple[Spine, ...]


@dataclass(frozen=True)
class FunnelPoint:
    la_code: str
    la_name: str
    denominator: float
    value: float
    subject: bool


@dataclass(frozen=True)
class FunnelChart:
    row: str
    title: str
    measure: str
    decimals: int
    polarity: str
    target_name: str
    target: float
    points: tuple[FunnelPoint, ...]
    limits: tuple[tuple[float, float, float, float, float], ...]  # size, lo99.8, lo95, hi95, hi99.8


@dataclass(frozen=True)
class RowCharts:
    row: str
    trend: TrendChart
    bars: BarsChart
    funnel: FunnelChart | None


def _whole(value: object) -> int:
    return int(value) if isinstance(value, int | float) else 0


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def trend_chart(rows: dict[str, dict[str, object]], periods: list[str], group: str) -> TrendChart:
    """``rows``: the LA's rows of one indicator and measure, by period."""
    sample = next(iter(rows.values()))

    def series(name: str, column: str) -> Series:
        return Series(name, tuple(_num(rows[p][column]) if p in rows else None for p in periods))

    return TrendChart(
        row=str(sample["row"]),
        title=str(sample["row_title"]),
        measure=str(sample["measure"]),
        decimals=_whole(sample["decimals"]),
        polarity=str(sample["polarity"]),
        periods=tuple(periods),
        series=(
            series(str(sample["la_name"]), "value"),
            series(group or "Group", "group_value"),
            series("Statistical neighbours", "sn_average"),
            series("England", "england_value"),
        ),
    )


def bars_chart(current: list[dict[str, Any]], mine: dict[str, object]) -> BarsChart:
    """``current``: every group LA's row of the indicator and measure in the quarter."""
    neighbours = set(str(mine["sn_codes"] or "").split())
    bars = [
        Bar(
            la_code=r["la_code"],
            la_name=r["la_name"],
            value=_num(r["value"]),
            subject=r["la_code"] == mine["la_code"],
            neighbour=r["la_code"] in neighbours,
        )
        for r in current
    ]
    bars.sort(key=lambda bar: (bar.value is None, -(bar.value or 0.0), bar.la_name))
    england = _num(mine["england_value"])
    return BarsChart(
        row=str(mine["row"]),
        title=str(mine["row_title"]),
        measure=str(mine["measure"]),
        decimals=_whole(mine["decimals"]),
        polarity=str(mine["polarity"]),
        bars=tuple(bars),
        line_name="England" if england is not None else str(mine["group"] or "Group"),
        line_value=england if england is not None else _num(mine["group_value"]),
    )


def spine(mine: dict[str, object], current: pl.DataFrame) -> Spine | None:
    """England's spread where the table has it; the group's (its own rows) otherwise."""
    value = _num(mine["value"])
    if value is None:
        return None
    if mine["england_q1"] is not None:
        scope = "England"
        cuts = [_num(mine[c]) for c in ("england_min", "england_q1", "england_median")]
        cuts += [_num(mine[c]) for c in ("england_q3", "england_max")]
        reference = _num(mine["england_value"])
    else:
        values = current["value"].drop_nulls()
        if values.len() < 2:
            return None
        scope = "group"
        cuts = [
            _num(values.min()),
            *(_num(values.quantile(q, "linear")) for q in (0.25, 0.5, 0.75)),
        ]
        cuts.append(_num(values.max()))
        reference = _num(mine["group_value"])
    low, q1, median, q3, high = (c if c is not None else value for c in cuts)
    return Spine(
        row=str(mine["row"]),
        title=str(mine["row_title"]),
        measure=str(mine["measure"]),
        decimals=_whole(mine["decimals"]),
        polarity=str(mine["polarity"]),
        scope=scope,
        low=min(low, value),
        q1=q1,
        median=median,
        q3=q3,
        high=max(high, value),
        value=value,
        reference=reference,
    )


def funnel_chart(current: list[dict[str, Any]], mine: dict[str, object]) -> FunnelChart | None:
    measure = str(mine["measure"])
    if measure not in FUNNEL_MEASURES:
        return None
    england = _num(mine["england_value"])
    target = england if england is not None else _num(mine["group_value"])
    usable = [
        r
        for r in current
        if r["value"] is not None and r["denominator"] is not None and r["denominator"] > 0
    ]
    if target is None or not usable:
        return None
    points = tuple(
        FunnelPoint(
            r["la_code"],
            r["la_name"],
            float(r["denominator"]),
            float(r["value"]),
            r["la_code"] == mine["la_code"],
        )
        for r in usable
    )
    largest = max(p.denominator for p in points) * 1.1
    smallest = max(1.0, min(p.denominator for p in points) * 0.5)
    # Whole sizes: a percentage's limits are taken at a whole number of trials, and a size
    # like 942.4999... written to a workbook and read back must not round the other way.
    grid = [float(round(smallest + (largest - smallest) * (i / 40) ** 2)) for i in range(41)]
    # The limits at each LA's own size too: where a point sits against them is then exact.
    sizes = sorted({*grid, *(p.denominator for p in points)})
    return FunnelChart(
        row=str(mine["row"]),
        title=str(mine["row_title"]),
        measure=measure,
        decimals=_whole(mine["decimals"]),
        polarity=str(mine["polarity"]),
        target_name="England" if england is not None else str(mine["group"] or "Group"),
        target=target,
        points=points,
        limits=_funnel_limits(measure, tuple(sizes), target),
    )


@lru_cache(maxsize=4096)
def _funnel_limits(
    measure: str, sizes: tuple[float, ...], target: float
) -> tuple[tuple[float, float, float, float, float], ...]:
    """Every LA of a group shares its group's funnel (same sizes, same centre line): computed
    once per group and indicator, not once per rug."""
    return control_limits(measure, list(sizes), target)


def rug_charts(
    table: pl.DataFrame,
    la_code: str,
    period: str,
    periods: list[str],
    parts: TableParts | None = None,
) -> tuple[list[RowCharts], SpineChart | None]:
    """Every row's charts, and the spine chart, for one LA's rug."""
    if parts is None:
        shown = table.filter(pl.col("period").is_in(periods) & (pl.col("measure") != "count"))
        mine = shown.filter(pl.col("la_code") == la_code)
    else:
        mine = parts.la(la_code).filter(pl.col("period").is_in(periods))
    now = mine.filter(pl.col("period") == period)
    if now.is_empty():
        return [], None
    group = now["group"][0]
    if group is None:
        per_group = GroupRows.of(now)
    elif parts is None:
        per_group = GroupRows.of(
            shown.filter((pl.col("period") == period) & (pl.col("group") == group))
        )
    else:
        per_group = parts.group_rows(str(group), period)
    by_key: dict[tuple[str, str], dict[str, dict[str, object]]] = {}
    for r in mine.iter_rows(named=True):
        by_key.setdefault((r["indicator"], r["measure"]), {})[r["period"]] = r
    charts, spines = [], []
    for r in now.sort("indicator_number", "row").iter_rows(named=True):
        key = (r["indicator"], r["measure"])
        current = per_group.frame(key)
        group_rows = per_group.rows(key)
        charts.append(
            RowCharts(
                row=r["row"],
                trend=trend_chart(by_key[key], periods, group or ""),
                bars=bars_chart(group_rows, r),
                funnel=funnel_chart(group_rows, r),
            )
        )
        found = spine(r, current)
        if found is not None:
            spines.append(found)
    return charts, SpineChart(str(now["la_name"][0]), period, tuple(spines))
