"""The four charts of a rug drawn as SVG, each with its title, description and data table.

Every mark carries its figure in ``data-*`` attributes and a ``<title>`` (a tooltip, and what a
screen reader's explore mode reads), so the tests can hold each mark against the table.
Colour never carries meaning alone: series differ by dash and marker too, and are named.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from tartan.rug.charts.data import BarsChart, FunnelChart, Spine, SpineChart, TrendChart
from tartan.rug.charts.svg import (
    GRID,
    INK,
    MUTED,
    Figure,
    LegendKey,
    Scale,
    box_swatch,
    fitted_text,
    line_swatch,
    nice_range,
    svg_document,
    text,
    tick_labels,
    ticks,
)
from tartan.rug.formats import format_value

POLARITY = {"high": "↑ higher is better", "low": "↓ lower is better", "none": "no polarity"}
SERIES_STYLE = (  # the LA, the group, neighbours, England: colour, dash, width, marker
    ("#1d3d5c", "", 2.5, "circle"),
    ("#b35c00", "5 3", 1.5, "square"),
    ("#6f2c91", "2 2", 1.5, "diamond"),
    ("#0b0c0c", "8 3 2 3", 1.5, ""),
)
HIGHLIGHT, NEIGHBOUR, OTHER = "#1d3d5c", "#7fa7cc", "#c8ccd0"
W, H = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 42, 10, 8, 18


def _show(value: float | None, measure: str, decimals: int) -> str:
    return format_value(value, measure, decimals)


def _ident(kind: str, row: str, la: str) -> str:
    return f"chart-{kind}-{la}-{row}"


def _y_axis(scale: Scale, lo: float, hi: float, width: int) -> str:
    parts = []
    marks = ticks(lo, hi)
    for tick, label in zip(marks, tick_labels(marks), strict=True):
        y = scale(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y}" y2="{y}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        parts.append(fitted_text(LEFT - 4, y + 3, label, width, 8, "end", MUTED))
    return "".join(parts)


def _marker(kind: str, x: float, y: float, colour: str, tip: str, attrs: str) -> str:
    title = f"<title>{escape(tip)}</title>"
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}" {attrs}>{title}</circle>'
    if kind == "square":
        return f'<rect x="{x - 2.5}" y="{y - 2.5}" width="5" height="5" fill="{colour}" {attrs}>{title}</rect>'
    if kind == "diamond":
        return f'<path d="M{x} {y - 3.5}L{x + 3.5} {y}L{x} {y + 3.5}L{x - 3.5} {y}Z" fill="{colour}" {attrs}>{title}</path>'
    return f'<circle cx="{x}" cy="{y}" r="1.5" fill="{colour}" {attrs}>{title}</circle>'


def trend_figure(chart: TrendChart, la_code: str) -> Figure:
    values = [v for s in chart.series for v in s.values if v is not None]
    lo, hi = nice_range(values or [0.0, 1.0])
    x = Scale(0, max(len(chart.periods) - 1, 1), LEFT + 6, W - RIGHT - 6)
    y = Scale(lo, hi, H - BOTTOM, TOP)
    parts = [_y_axis(y, lo, hi, W)]
    for i, period in enumerate(chart.periods):
        # Every other quarter counted back from the latest, so the latest is always labelled.
        if (len(chart.periods) - 1 - i) % 2 == 0 or len(chart.periods) <= 4:
            parts.append(fitted_text(x(i), H - BOTTOM + 11, period, W, 7, "middle", MUTED))
    for series, (colour, dash, width, marker) in zip(chart.series, SERIES_STYLE, strict=False):
        points = [(x(i), y(v)) for i, v in enumerate(series.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px},{py}" for px, py in points)
            dashing = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}"{dashing}/>'
            )
        for i, v in enumerate(series.values):
            if v is None:
                continue
            tip = f"{series.name}, {chart.periods[i]}: {_show(v, chart.measure, chart.decimals)}"
            attrs = f'class="point" data-series="{escape(series.name)}" data-period="{chart.periods[i]}" data-value="{v:g}"'
            parts.append(_marker(marker, x(i), y(v), colour, tip, attrs))
    la = chart.series[0]
    first = next((v for v in la.values if v is not None), None)
    last = la.values[-1] if la.values else None
    title = f"Trend: {chart.row}. {chart.title}"
    description = (
        f"{la.name}'s {_unit(chart.measure)} by quarter from {chart.periods[0]} to {chart.periods[-1]}, "
        f"from {_show(first, chart.measure, chart.decimals)} to {_show(last, chart.measure, chart.decimals)}, with "
        + ", ".join(s.name for s in chart.series[1:])
        + f" over the same quarters; {POLARITY.get(chart.polarity, '')}."
    )
    rows = tuple(
        (period, *(_show(s.values[i], chart.measure, chart.decimals) for s in chart.series))
        for i, period in enumerate(chart.periods)
    )
    ident = _ident("trend", chart.row, la_code)
    return Figure(
        "trend",
        chart.row,
        title,
        description,
        svg_document(W, H, ident, title, description, "".join(parts)),
        ("Quarter", *(s.name for s in chart.series)),
        rows,
        f"{_unit(chart.measure)} by quarter; {POLARITY.get(chart.polarity, '')}",
        tuple(
            LegendKey(series.name, line_swatch(colour, dash))
            for series, (colour, dash, _, _) in zip(chart.series, SERIES_STYLE, strict=False)
        ),
    )


def _unit(measure: str) -> str:
    return {
        "rate": "rate per 10,000 children",
        "percent": "%",
        "percent_2y": "% within 2 years",
        "average_days": "average days",
    }.get(measure, measure)


def bars_figure(chart: BarsChart, la_code: str) -> Figure:
    values = [b.value for b in chart.bars if b.value is not None]
    if chart.line_value is not None:
        values.append(chart.line_value)
    lo, hi = nice_range(values or [0.0, 1.0], floor_zero=True)
    y = Scale(lo, hi, H - BOTTOM, TOP)
    n = max(len(chart.bars), 1)
    step = (W - LEFT - RIGHT) / n
    parts = [_y_axis(y, lo, hi, W)]
    for i, bar in enumerate(chart.bars):
        left = round(LEFT + i * step + step * 0.12, 1)
        width = round(step * 0.76, 1)
        colour = HIGHLIGHT if bar.subject else NEIGHBOUR if bar.neighbour else OTHER
        role = (
            "this authority"
            if bar.subject
            else "a statistical neighbour"
            if bar.neighbour
            else "group member"
        )
        tip = f"{bar.la_name} ({role}): {_show(bar.value, chart.measure, chart.decimals)}"
        attrs = f'class="bar" data-la="{bar.la_code}" data-value="{"" if bar.value is None else f"{bar.value:g}"}"'
        if bar.value is not None:
            top = y(max(bar.value, lo))
            parts.append(
                f'<rect x="{left}" y="{top}" width="{width}" height="{round(y(lo) - top, 1)}" fill="{colour}" stroke="{INK if bar.subject else "none"}" {attrs}><title>{escape(tip)}</title></rect>'
            )
        if bar.neighbour:
            parts.append(
                text(
                    left + width / 2,
                    TOP - 2 if bar.value is None else y(bar.value) - 2,
                    "N",
                    7,
                    "middle",
                    MUTED,
                    bold=True,
                )
            )
        parts.append(
            fitted_text(
                left + width / 2,
                H - BOTTOM + 9,
                bar.la_code,
                W,
                6,
                "middle",
                INK if bar.subject else MUTED,
                bold=bar.subject,
            )
        )
    if chart.line_value is not None:
        ly = y(chart.line_value)
        parts.append(
            f'<line class="reference" data-value="{chart.line_value:g}" x1="{LEFT}" x2="{W - RIGHT}" y1="{ly}" y2="{ly}" stroke="{INK}" stroke-width="1.2" stroke-dasharray="8 3 2 3"><title>{escape(chart.line_name)}: {escape(_show(chart.line_value, chart.measure, chart.decimals))}</title></line>'
        )
    subject = next((b for b in chart.bars if b.subject), None)
    place = next((i + 1 for i, b in enumerate(chart.bars) if b.subject), None)
    title = f"Where the authority sits: {chart.row}. {chart.title}"
    description = (
        f"{len(values)} group authorities' figures as bars, highest first. "
        + (
            f"{subject.la_name} is bar {place} of {len(chart.bars)} at {_show(subject.value, chart.measure, chart.decimals)}. "
            if subject
            else ""
        )
        + f"{chart.line_name}: {_show(chart.line_value, chart.measure, chart.decimals)}."
    )
    rows = tuple(
        (
            b.la_name,
            _show(b.value, chart.measure, chart.decimals),
            "this authority" if b.subject else "statistical neighbour" if b.neighbour else "",
        )
        for b in chart.bars
    )
    ident = _ident("bars", chart.row, la_code)
    return Figure(
        "bars",
        chart.row,
        title,
        description,
        svg_document(W, H, ident, title, description, "".join(parts)),
        ("Authority", "Figure", "Which"),
        rows,
        f"the group's authorities, highest first; {POLARITY.get(chart.polarity, '')}",
        (
            LegendKey("this authority", box_swatch(HIGHLIGHT, INK)),
            LegendKey("statistical neighbour (N)", box_swatch(NEIGHBOUR)),
            LegendKey("other group member", box_swatch(OTHER)),
            LegendKey(chart.line_name, line_swatch(INK, "8 3 2 3", 1.2)),
        ),
    )


@lru_cache(maxsize=1024)
def _limit_lines(
    limits: tuple[tuple[float, float, float, float, float], ...], lo: float, hi: float, top: float
) -> str:
    """The four control-limit lines: the same for every LA of a group, so drawn once."""
    x = Scale(0, top, LEFT, W - RIGHT)
    y = Scale(lo, hi, H - BOTTOM, TOP)
    lines = []
    for index, (level, dash) in enumerate(
        (("99.8%", ""), ("95%", "4 2"), ("95%", "4 2"), ("99.8%", ""))
    ):
        points = " ".join(f"{x(lim[0])},{y(min(max(lim[index + 1], lo), hi))}" for lim in limits)
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        lines.append(
            f'<polyline class="limit" data-level="{level}" points="{points}" fill="none" stroke="{MUTED}" stroke-width="1"{dashing}/>'
        )
    return "".join(lines)


def funnel_figure(chart: FunnelChart, la_code: str) -> Figure:
    sizes = [p.denominator for p in chart.points] + [lim[0] for lim in chart.limits]
    values = [p.value for p in chart.points] + [chart.target]
    values += [v for lim in chart.limits[len(chart.limits) // 4 :] for v in (lim[1], lim[4])]
    lo, hi = nice_range(values)
    x = Scale(0, max(sizes) or 1.0, LEFT, W - RIGHT)
    y = Scale(lo, hi, H - BOTTOM, TOP)
    parts = [_y_axis(y, lo, hi, W)]
    marks = ticks(0, max(sizes))
    for tick, label in zip(marks, tick_labels(marks), strict=True):
        parts.append(fitted_text(x(tick), H - BOTTOM + 10, label, W, 7, "middle", MUTED))
    parts.append(_limit_lines(chart.limits, lo, hi, max(sizes) or 1.0))
    ty = y(chart.target)
    parts.append(
        f'<line class="reference" data-value="{chart.target:g}" x1="{LEFT}" x2="{W - RIGHT}" y1="{ty}" y2="{ty}" stroke="{INK}" stroke-width="1.2"><title>{escape(chart.target_name)}: {escape(_show(chart.target, chart.measure, chart.decimals))}</title></line>'
    )
    for point in sorted(chart.points, key=lambda p: p.subject):
        tip = f"{point.la_name}: {_show(point.value, chart.measure, chart.decimals)} of {point.denominator:,.0f}"
        attrs = f'class="point" data-la="{point.la_code}" data-denominator="{point.denominator:g}" data-value="{point.value:g}"'
        radius, colour = (4.5, HIGHLIGHT) if point.subject else (2.8, "#8a9197")
        parts.append(
            f'<circle cx="{x(point.denominator)}" cy="{y(point.value)}" r="{radius}" fill="{colour}" stroke="#ffffff" stroke-width="0.8" {attrs}><title>{escape(tip)}</title></circle>'
        )
    base = "children aged 0-17" if chart.measure == "rate" else "denominator"
    title = f"Funnel plot: {chart.row}. {chart.title}"
    description = (
        f"The group's {len(chart.points)} authorities plotted by size ({base}) against their figure, "
        f"with {chart.target_name}'s {_show(chart.target, chart.measure, chart.decimals)} as the centre line and the 95% and "
        "99.8% control limits around it; a point outside a limit differs from it beyond chance."
    )
    rows = tuple(
        (
            p.la_name,
            f"{p.denominator:,.0f}",
            _show(p.value, chart.measure, chart.decimals),
            "this authority" if p.subject else "",
        )
        for p in sorted(chart.points, key=lambda p: p.denominator)
    )
    ident = _ident("funnel", chart.row, la_code)
    return Figure(
        "funnel",
        chart.row,
        title,
        description,
        svg_document(W, H, ident, title, description, "".join(parts)),
        ("Authority", "Size", "Figure", "Which"),
        rows,
        f"against {chart.target_name}, by size ({base}); {POLARITY.get(chart.polarity, '')}",
        (
            LegendKey("this authority", box_swatch(HIGHLIGHT)),
            LegendKey("other group member", box_swatch("#8a9197")),
            LegendKey(chart.target_name, line_swatch(INK, "", 1.2)),
            LegendKey("95% limits", line_swatch(MUTED, "4 2", 1)),
            LegendKey("99.8% limits", line_swatch(MUTED, "", 1)),
        ),
    )


@dataclass(frozen=True)
class SpineLine:
    row: str
    title: str
    value: str
    scope: str
    svg: Markup
    data_uri: str


@dataclass(frozen=True)
class SpineFigure:
    """The whole rug in one picture: a table whose rows each carry a spine (as Fingertips
    draws it), so the labels are text and the picture is one bar per row."""

    title: str
    description: str
    lines: tuple[SpineLine, ...]


def _spine_svg(s: Spine) -> Markup:
    width, height, pad = 300, 14, 6
    flip = s.polarity == "low"
    scale = (
        Scale(s.high, s.low, pad, width - pad) if flip else Scale(s.low, s.high, pad, width - pad)
    )
    a, b = sorted((scale(s.q1), scale(s.q3)))
    mid = height / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spine" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false" '
        f'data-row="{s.row}" data-scope="{s.scope}" data-low="{s.low:g}" data-q1="{s.q1:g}" data-median="{s.median:g}" data-q3="{s.q3:g}" data-high="{s.high:g}" data-value="{s.value:g}">',
        f'<rect x="{pad}" y="{mid - 4}" width="{width - 2 * pad}" height="8" fill="#dee0e2"/>',
        f'<rect x="{a}" y="{mid - 4}" width="{round(b - a, 1)}" height="8" fill="#a7b4c0"/>',
        f'<line x1="{scale(s.median)}" x2="{scale(s.median)}" y1="{mid - 5}" y2="{mid + 5}" stroke="#ffffff" stroke-width="1.2"/>',
    ]
    if s.reference is not None:
        rx = scale(s.reference)
        parts.append(
            f'<line class="reference" data-value="{s.reference:g}" x1="{rx}" x2="{rx}" y1="0" y2="{height}" stroke="{INK}" stroke-width="1.5"/>'
        )
    parts.append(
        f'<circle class="value" cx="{scale(s.value)}" cy="{mid}" r="4.5" fill="{HIGHLIGHT}" stroke="#ffffff"/></svg>'
    )
    return Markup("".join(parts))


def spine_figure(chart: SpineChart, la_code: str) -> SpineFigure:
    """Flipped where lower is better, so that better is always to the right."""
    lines = []
    for s in chart.spines:
        svg = _spine_svg(s)
        scope = f"{s.scope}: {_show(s.low, s.measure, s.decimals)} to {_show(s.high, s.measure, s.decimals)}"
        lines.append(
            SpineLine(
                s.row,
                s.title,
                _show(s.value, s.measure, s.decimals),
                scope,
                svg,
                "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode(),
            )
        )
    return SpineFigure(
        f"Where {chart.la_name}'s figures sit, {chart.period}",
        "For each row: the spread across England (or the group, where England has no figure) from "
        "lowest to highest, its middle half darker, the median in white, England's (or the group's) "
        "figure as a black line and this authority as a dot. Where lower is better the bar is "
        "flipped, so better is always to the right.",
        tuple(lines),
    )
