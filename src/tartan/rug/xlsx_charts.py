"""Native Excel charts on a rug sheet: each row's trend with the group, neighbours and England.

Excel and LibreOffice both draw these (sparklines alone LibreOffice shows as stray dots). The
figures the charts plot are written on the sheet, under the heading 'Chart data', so a reader
can see and reuse them; they come from the rug's chart data, which comes from the table.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from tartan.rug.model import Rug

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
                    "name": [name, start + offset, 1],
                    "categories": [name, first_row + 1, 2, first_row + 1, last_col],
                    "values": [name, start + offset, 2, start + offset, last_col],
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
    return top + ((len(rug.charts) + PER_ROW - 1) // PER_ROW) * CHART_ROWS
