"""Native Excel charts of the rug's spread: the spine (the whole rug in one picture) and a
funnel plot per rate and percentage.

Spine: Excel has no spine chart, so each row is a stacked column of its spread across England
(or the group) put on one common 0-100 scale, 100 the better end (the higher end where a row
has no polarity), with the LA, England's (or the group's) figure and the median as markers.
The figures themselves sit beside the positions under 'Spine chart data', so a reader can see
how each position was made.

Funnels: one scatter chart per rate or percentage row. Every LA of a group shares its group's
funnel (the same authorities and the same limits), so the figures are written once per group
and row on the 'Funnel data' sheet and every LA's chart points at them; only the highlighted
point differs, and it points at the LA's own line there. This keeps the workbook small and
quick to write for a national run (153 rugs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from tartan.rug.charts.data import FunnelChart, Spine
from tartan.rug.charts.svg import ticks
from tartan.rug.model import Rug
from tartan.rug.xlsx_refs import cells

FUNNEL_SHEET = "Funnel data"
LIMIT_POINTS = 10  # points per limit line: enough for a smooth curve, few to write
LIMIT_NAMES = ("Lower 99.8% limit", "Lower 95% limit", "Upper 95% limit", "Upper 99.8% limit")
LIMIT_DASH = ("solid", "dash", "dash", "solid")
SUBJECT = "#1d3d5c"
OTHER = "#8a9197"
LIMIT = "#505a5f"
INK = "#0b0c0c"
SPREAD, MIDDLE = "#dee0e2", "#a7b4c0"
CHART_ROWS = 16
MIN_POINTS = 2  # authorities with figures a funnel plot needs

# The spine data block's columns (after '#' and the row's label).
SPINE_COLUMNS = (
    "Spread over",
    "LA's figure",
    "Lowest",
    "Lower quartile",
    "Median",
    "Upper quartile",
    "Highest",
    "England (or group) figure",
    "Position: this LA",
    "Position: England (or group)",
    "Position: median",
    "Bar: worst end to quartile",
    "Bar: middle half",
    "Bar: quartile to best end",
)
FIGURES = 3  # the sheet column of "LA's figure"; the spread's figures follow it
POSITIONS = FIGURES + 7  # this LA's position, England's (or the group's), the median's
BARS = POSITIONS + 3  # the three stacked segments


def position(s: Spine, value: float) -> float:
    """Where ``value`` sits in the row's spread, 0 to 100; 100 the better end where the row has
    a polarity (lower is better: the lowest figure is 100), the highest figure otherwise."""
    span = s.high - s.low
    if span <= 0:
        return 50.0
    share = (value - s.low) / span
    return round(100 * (1 - share if s.polarity == "low" else share), 4)


def _spine_label(s: Spine) -> str:
    title = s.title if len(s.title) <= 30 else s.title[:29] + "…"
    return f"{s.row}. {title}"


def write_spine_chart(book: Workbook, sheet: Worksheet, name: str, rug: Rug, first_row: int) -> int:
    """The spine's data from ``first_row``, the chart under it; returns the next free row."""
    spines = rug.spine.spines if rug.spine else ()
    if not spines:
        return first_row
    sheet.write(
        first_row,
        0,
        "Spine chart data (each row's spread and this LA's figure; positions on a 0-100 scale, "
        "100 the better end, or the higher end where a row has no polarity)",
    )
    sheet.write_row(first_row + 1, 0, ["#", "Row", *SPINE_COLUMNS])
    start = first_row + 2
    for offset, s in enumerate(spines):
        q1, q3 = sorted((position(s, s.q1), position(s, s.q3)))
        reference = position(s, s.reference) if s.reference is not None else None
        figures = [s.value, s.low, s.q1, s.median, s.q3, s.high, s.reference]
        positions = [position(s, s.value), reference, position(s, s.median)]
        line = start + offset
        sheet.write_string(line, 0, s.row)
        sheet.write_string(line, 1, _spine_label(s))
        sheet.write_string(line, 2, s.scope)
        for col, value in enumerate([*figures, *positions, q1, q3 - q1, 100 - q3], start=FIGURES):
            if value is not None:
                sheet.write_number(line, col, value)
    end = start + len(spines) - 1
    categories = cells(name, start, 1, end, 1)
    chart = book.add_chart({"type": "column", "subtype": "stacked"})
    for col, label, colour in (
        (BARS, "Worse end to the quartile", SPREAD),
        (BARS + 1, "Middle half (quartile to quartile)", MIDDLE),
        (BARS + 2, "Quartile to the better end", SPREAD),
    ):
        chart.add_series(
            {
                "name": label,
                "categories": categories,
                "values": cells(name, start, col, end, col),
                "fill": {"color": colour},
                "border": {"none": True},
                "gap": 60,
            }
        )
    marks = book.add_chart({"type": "line"})
    for col, label, marker in (
        (POSITIONS, rug.la_name, {"type": "circle", "size": 8, "fill": {"color": SUBJECT}}),
        (
            POSITIONS + 1,
            "England (or the group)",
            {"type": "long_dash", "size": 9, "fill": {"color": INK}},
        ),
        (POSITIONS + 2, "Median", {"type": "diamond", "size": 5, "fill": {"color": "#ffffff"}}),
    ):
        marks.add_series(
            {
                "name": label,
                "categories": categories,
                "values": cells(name, start, col, end, col),
                "line": {"none": True},
                "marker": {**marker, "border": {"color": "#ffffff" if col == POSITIONS else INK}},
            }
        )
    chart.combine(marks)
    chart.set_title(
        {
            "name": f"Where {rug.la_name}'s figures sit, {rug.period} (spine chart)",
            "name_font": {"size": 10},
        }
    )
    chart.set_y_axis(
        {
            "name": "position in the spread (100 = better end)",
            "min": 0,
            "max": 100,
            "major_unit": 25,
            "name_font": {"size": 8},
            "num_font": {"size": 8},
        }
    )
    chart.set_x_axis({"num_font": {"size": 7, "rotation": -60}})
    chart.set_legend({"position": "bottom", "font": {"size": 7}})
    chart.set_size({"width": 1100, "height": 440})
    top = end + 2
    sheet.insert_chart(
        top,
        1,
        chart,
        {
            "object_position": 3,
            "description": f"Spine chart: for each row, the spread across England (or the group), "
            f"its middle half darker, the median, England's (or the group's) figure and {rug.la_name}'s "
            "position, on a 0-100 scale where 100 is the better end",
        },
    )
    return top + 24  # the chart is 440 px high: about 22 rows


@dataclass
class _Block:
    row: int  # first data line on the funnel sheet
    chart: FunnelChart
    codes: dict[str, int]  # LA code -> its line on the sheet
    sizes: list[tuple[float, float, float, float, float]]


def _thin(limits: tuple[tuple[float, float, float, float, float], ...]) -> list:
    """At most LIMIT_POINTS of the limits, spaced along the (already size-curved) grid."""
    if len(limits) <= LIMIT_POINTS:
        return list(limits)
    last = len(limits) - 1
    picks = sorted({round(i * last / (LIMIT_POINTS - 1)) for i in range(LIMIT_POINTS)})
    return [limits[i] for i in picks]


@dataclass
class FunnelData:
    """The 'Funnel data' sheet: one block per group and row, shared by the group's LAs' charts.
    Blocks are placed while the rug sheets are written and written out last (``write``), so
    the sheet comes after the rugs in the workbook."""

    blocks: dict[tuple[object, ...], _Block] = field(default_factory=dict)
    next_row: int = 6

    def place(self, chart: FunnelChart, group: str) -> _Block:
        points = tuple(
            sorted(
                ((p.la_code, p.la_name, p.denominator, p.value) for p in chart.points),
                key=lambda p: p[2],
            )
        )
        key = (group, chart.row, chart.target, chart.limits, points)
        if key not in self.blocks:
            sizes = _thin(chart.limits)
            first = self.next_row + 2
            codes = {code: first + i for i, (code, *_rest) in enumerate(points)}
            self.blocks[key] = _Block(first, chart, codes, sizes)
            self.next_row = first + max(len(points), len(sizes)) + 1
        return self.blocks[key]

    def write(self, book: Workbook) -> Worksheet | None:
        """The sheet (rows 4 on; the caller puts the marking above), or None if no funnels."""
        if not self.blocks:
            return None
        sheet = book.add_worksheet(FUNNEL_SHEET)
        sheet.write(4, 0, "Funnel plot data")
        sheet.write(
            5,
            0,
            "The figures the rug sheets' funnel plots draw: per group and row, each authority's "
            "size (children aged 0-17 for a rate, the denominator for a percentage) and figure, "
            "and the 95% and 99.8% control limits around England's (or the group's) figure.",
        )
        for (group, *_rest), block in self.blocks.items():
            chart = block.chart
            title = f"{chart.row}. {chart.title}, {group}: around {chart.target_name}'s {chart.target:g}"
            sheet.write(block.row - 2, 0, title)
            sheet.write_row(
                block.row - 1,
                0,
                ["LA code", "Authority", "Size", "Figure", "", "Size", *LIMIT_NAMES],
            )
            sheet.write_row(block.row - 1, 10, ["Centre size", chart.target_name])
            for point in sorted(chart.points, key=lambda p: p.denominator):
                line = block.codes[point.la_code]
                sheet.write_row(line, 0, [point.la_code, point.la_name])
                sheet.write_number(line, 2, point.denominator)
                sheet.write_number(line, 3, point.value)
            for offset, limit in enumerate(block.sizes):
                for col, value in enumerate(limit, start=5):
                    sheet.write_number(block.row + offset, col, value)
            sheet.write_number(block.row, 10, 0)
            sheet.write_number(block.row + 1, 10, block.sizes[-1][0])
            sheet.write_number(block.row, 11, chart.target)
            sheet.write_number(block.row + 1, 11, chart.target)
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 28)
        sheet.set_column(2, 11, 12)
        return sheet


PER_ROW = 3


def _axis(values: list[float]) -> tuple[float, float, float]:
    """Round bounds around the points and the centre line (the limits beyond them are cut off,
    as on the web's funnel), and the step between their ticks; never below 0."""
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
    marks = ticks(lo - pad, hi + pad, 5)
    step = marks[1] - marks[0] if len(marks) > 1 else pad
    low = max(0.0, math.floor((lo - pad) / step) * step)
    return round(low, 6), round(math.ceil((hi + pad) / step) * step, 6), step


def write_funnel_charts(
    book: Workbook, sheet: Worksheet, rug: Rug, first_row: int, data: FunnelData
) -> int:
    """A funnel plot per rate and percentage row of the rug, drawn from the shared sheet."""
    # A funnel needs a group to spread: where the LA has no group (it is alone in its
    # 'group'), its place against England's limits is the rug's 'Against England' column.
    funnels = [
        c.funnel for c in rug.charts if c.funnel is not None and len(c.funnel.points) >= MIN_POINTS
    ]
    if not funnels:
        return first_row
    sheet.write(
        first_row,
        0,
        f"Funnel plots: their figures are on the '{FUNNEL_SHEET}' sheet (shared by the group's authorities)",
    )
    ref = FUNNEL_SHEET
    for index, funnel in enumerate(funnels):
        block = data.place(funnel, rug.group_name)
        last_point = block.row + len(funnel.points) - 1
        last_size = block.row + len(block.sizes) - 1
        mine = block.codes.get(rug.la_code)
        chart = book.add_chart({"type": "scatter"})
        chart.add_series(
            {
                "name": "Authorities of the group",
                "categories": cells(ref, block.row, 2, last_point, 2),
                "values": cells(ref, block.row, 3, last_point, 3),
                "marker": {
                    "type": "circle",
                    "size": 5,
                    "fill": {"color": OTHER},
                    "border": {"color": "#ffffff"},
                },
            }
        )
        for offset, (label, dash) in enumerate(zip(LIMIT_NAMES, LIMIT_DASH, strict=True)):
            chart.add_series(
                {
                    "name": label,
                    "categories": cells(ref, block.row, 5, last_size, 5),
                    "values": cells(ref, block.row, 6 + offset, last_size, 6 + offset),
                    "line": {"color": LIMIT, "width": 1, "dash_type": dash},
                    "marker": {"type": "none"},
                }
            )
        chart.add_series(
            {
                "name": funnel.target_name,
                "categories": cells(ref, block.row, 10, block.row + 1, 10),
                "values": cells(ref, block.row, 11, block.row + 1, 11),
                "line": {"color": INK, "width": 1.25},
                "marker": {"type": "none"},
            }
        )
        if mine is not None:
            chart.add_series(
                {
                    "name": rug.la_name,
                    "categories": cells(ref, mine, 2, mine, 2),
                    "values": cells(ref, mine, 3, mine, 3),
                    "marker": {
                        "type": "diamond",
                        "size": 9,
                        "fill": {"color": SUBJECT},
                        "border": {"color": "#ffffff"},
                    },
                }
            )
        low, high, step = _axis([p.value for p in funnel.points] + [funnel.target])
        base = "children aged 0-17" if funnel.measure == "rate" else "denominator"
        chart.set_title(
            {"name": f"Funnel plot: {funnel.row}. {funnel.title}", "name_font": {"size": 10}}
        )
        chart.set_x_axis(
            {
                "name": f"size ({base})",
                "min": 0,
                "num_format": "#,##0",
                "name_font": {"size": 8},
                "num_font": {"size": 7},
            }
        )
        chart.set_y_axis(
            {
                "name": "rate per 10,000" if funnel.measure == "rate" else "%",
                "min": low,
                "max": high,
                "major_unit": step,
                "num_format": "#,##0" if step >= 1 else "#,##0.0",
                "name_font": {"size": 8},
                "num_font": {"size": 8},
                "major_gridlines": {"visible": False},
            }
        )
        chart.set_legend({"position": "bottom", "font": {"size": 7}})
        chart.set_size({"width": 460, "height": 300})
        sheet.insert_chart(
            first_row + 1 + (index // PER_ROW) * CHART_ROWS,
            1 + (index % PER_ROW) * 6,
            chart,
            {
                "object_position": 3,
                "description": f"Funnel plot of {funnel.row}. {funnel.title}: the group's authorities by size "
                f"against their figure, {rug.la_name} highlighted, with the 95% and 99.8% limits around "
                f"{funnel.target_name}'s figure",
            },
        )
    return first_row + 1 + ((len(funnels) + PER_ROW - 1) // PER_ROW) * CHART_ROWS
