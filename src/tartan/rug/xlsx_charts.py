"""Native Excel charts on a rug sheet: each row's trend with the group, neighbours and England.

Excel and LibreOffice both draw these (sparklines alone LibreOffice shows as stray dots). The
figures the charts plot are written on the sheet, under the heading 'Chart data', so a reader
can see and reuse them; they come from the rug's chart data, which comes from the table.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from tartan.rug.model import Rug
from tartan.rug.xlsx_refs import cell, cells

SERIES_COLOURS = ("#1d3d5c", "#b35c00", "#6f2c91", "#0b0c0c")
SERIES_DASH = ("solid", "dash", "round_dot", "long_dash_dot")
PER_ROW = 3  # charts side by side
CHART_ROWS = 16  # sheet rows a chart takes


def write_trend_charts(
    book: Workbook, sheet: Worksheet, name: str, rug: Rug, first_row: int
) -> int:
    """Chart data from ``first_row``, then the charts under it; returns the next free row."""
    if not rug.charts:
        return first_row
    sheet.write(first_row, 0, "Chart data (the figures the charts below plot)")
    row = first_row + 1
    sheet.write_row(row, 1, ["Series", *rug.trend_periods])
    placed: list[tuple[str, int]] = []
    for chart in rug.charts:
        trend = chart.trend
        start = row + 1
        for offset, series in enumerate(trend.series):
            sheet.write(start + offset, 0, trend.row)
            sheet.write(start + offset, 1, series.name)
            for col, value in enumerate(series.values, start=2):
                if value is not None:
                    sheet.write_number(start + offset, col, value)
        placed.append((trend.row, start))
        row = start + len(trend.series) - 1
    last_col = 1 + len(rug.trend_periods)
    top = row + 2
    for index, ((label, start), chart) in enumerate(zip(placed, rug.charts, strict=True)):
        trend = chart.trend
        excel = book.add_chart({"type": "line"})
        for offset in range(len(trend.series)):
            excel.add_series(
                {
                    "name": cell(name, start + offset, 1),
                    "categories": cells(name, first_row + 1, 2, first_row + 1, last_col),
                    "values": cells(name, start + offset, 2, start + offset, last_col),
                    "line": {
                        "color": SERIES_COLOURS[offset],
                        "width": 2.25 if offset == 0 else 1.25,
                        "dash_type": SERIES_DASH[offset],
                    },
                    "marker": {
                        "type": "circle" if offset == 0 else "none",
                        "size": 4,
                        "fill": {"color": SERIES_COLOURS[offset]},
                    },
                }
            )
        polarity = {"high": "higher is better", "low": "lower is better"}.get(
            trend.polarity, "no polarity"
        )
        excel.set_title({"name": f"{label}. {trend.title}", "name_font": {"size": 10}})
        excel.set_y_axis({"name": polarity, "name_font": {"size": 8}, "num_font": {"size": 8}})
        excel.set_x_axis({"num_font": {"size": 7}})
        excel.set_legend({"position": "bottom", "font": {"size": 7}})
        excel.set_size({"width": 460, "height": 300})
        sheet.insert_chart(
            top + (index // PER_ROW) * CHART_ROWS,
            1 + (index % PER_ROW) * 6,
            excel,
            {
                "object_position": 3,
                "description": f"Trend of {label}. {trend.title}: {rug.la_name}, the group, statistical neighbours and England",
            },
        )
    after = top + ((len(rug.charts) + PER_ROW - 1) // PER_ROW) * CHART_ROWS
    return write_bar_charts(book, sheet, name, rug, after + 1)


SUBJECT_COLOUR = "#1d3d5c"
NEIGHBOUR_COLOUR = "#6d9cc9"
OTHER_COLOUR = "#c8cdd1"
LINE_COLOUR = "#0b0c0c"


def write_bar_charts(book: Workbook, sheet: Worksheet, name: str, rug: Rug, first_row: int) -> int:
    """Where the LA sits: per row, the group's LAs as columns (the LA dark, its neighbours mid
    blue, others grey, each bar's label says which), England (or the group) as a line.
    The figures are written first under 'Bar chart data'; returns the next free row."""
    if not rug.charts:
        return first_row
    sheet.write(first_row, 0, "Bar chart data (where each LA of the group sits, per row)")
    sheet.write_row(first_row + 1, 1, ["Local authority", "Figure", "Reference line", "Role"])
    row = first_row + 2
    placed: list[tuple[int, int]] = []
    for chart in rug.charts:
        bars = chart.bars
        start = row
        for bar in bars.bars:
            role = "this LA" if bar.subject else "neighbour" if bar.neighbour else ""
            sheet.write(row, 0, bars.row)
            sheet.write(row, 1, bar.la_name + (f" ({role})" if role else ""))
            if bar.value is not None:
                sheet.write_number(row, 2, bar.value)
            if bars.line_value is not None:
                sheet.write_number(row, 3, bars.line_value)
            sheet.write(row, 4, role)
            row += 1
        placed.append((start, row - 1))
    top = row + 1
    for index, ((start, end), chart) in enumerate(zip(placed, rug.charts, strict=True)):
        bars = chart.bars
        if end < start:
            continue
        excel = book.add_chart({"type": "column"})
        # Only the LA's and its neighbours' bars differ from the series' own colour: a point
        # per bar would be formatted (and deep-copied by xlsxwriter) 2,900 times a national run.
        points = [
            {
                "fill": {"color": SUBJECT_COLOUR if bar.subject else NEIGHBOUR_COLOUR},
                "border": {"color": LINE_COLOUR, "width": 0.5},
            }
            if bar.subject or bar.neighbour
            else None
            for bar in bars.bars
        ]
        excel.add_series(
            {
                "name": f"{bars.row}. {bars.title}",
                "categories": cells(name, start, 1, end, 1),
                "values": cells(name, start, 2, end, 2),
                "fill": {"color": OTHER_COLOUR},
                "border": {"color": LINE_COLOUR, "width": 0.5},
                "points": points,
                "gap": 40,
            }
        )
        if bars.line_value is not None:
            line = book.add_chart({"type": "line"})
            line.add_series(
                {
                    "name": bars.line_name,
                    "categories": cells(name, start, 1, end, 1),
                    "values": cells(name, start, 3, end, 3),
                    "line": {"color": LINE_COLOUR, "width": 1.5, "dash_type": "dash"},
                    "marker": {"type": "none"},
                }
            )
            excel.combine(line)
        polarity = {"high": "higher is better", "low": "lower is better"}.get(
            bars.polarity, "no polarity"
        )
        excel.set_title(
            {"name": f"Where it sits: {bars.row}. {bars.title}", "name_font": {"size": 10}}
        )
        excel.set_y_axis({"name": polarity, "name_font": {"size": 8}, "num_font": {"size": 8}})
        excel.set_x_axis({"num_font": {"size": 7, "rotation": -45}})
        excel.set_legend({"position": "bottom", "font": {"size": 7}})
        excel.set_size({"width": 460, "height": 300})
        sheet.insert_chart(
            top + (index // PER_ROW) * CHART_ROWS,
            1 + (index % PER_ROW) * 6,
            excel,
            {
                "object_position": 3,
                "description": f"Where {rug.la_name} sits among the group for {bars.row}. {bars.title}; {bars.line_name} as a line",
            },
        )
    return top + ((len(rug.charts) + PER_ROW - 1) // PER_ROW) * CHART_ROWS
