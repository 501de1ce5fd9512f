"""The figures a rug shows: per row its trend, where the LA sits and its funnel; the spine."""

from __future__ import annotations

from dataclasses import dataclass

from tartan.rug.charts.data import RowCharts, SpineChart
from tartan.rug.charts.draw import (
    SpineFigure,
    bars_figure,
    funnel_figure,
    spine_figure,
    trend_figure,
)
from tartan.rug.charts.svg import Figure


@dataclass(frozen=True)
class RowFigures:
    row: str
    title: str
    figures: tuple[Figure, ...]


def spine_of(spine: SpineChart | None, la_code: str) -> SpineFigure | None:
    return spine_figure(spine, la_code) if spine and spine.spines else None


def row_figures(charts: list[RowCharts], la_code: str) -> list[RowFigures]:
    """Per rug row: its trend, where the LA sits, and (rates and percentages) its funnel."""
    out = []
    for chart in charts:
        drawn = [trend_figure(chart.trend, la_code), bars_figure(chart.bars, la_code)]
        if chart.funnel is not None:
            drawn.append(funnel_figure(chart.funnel, la_code))
        out.append(RowFigures(chart.row, chart.trend.title, tuple(drawn)))
    return out
