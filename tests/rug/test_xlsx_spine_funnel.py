"""The XLSX rug's native spine and funnel charts, read back: each series' cell range holds the
benchmark table's figures (or positions worked out here from them), not just a chart."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import openpyxl
import polars as pl
import pytest
from lxml import etree

from tartan.benchmark.significance import control_limits
from tartan.catalogue import shipped_catalogue
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.rug.model import build_rug
from tartan.rug.xlsx import rugs_workbook
from tartan.rug.xlsx_spine_funnel import SUBJECT

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FUNNEL_MEASURES = ("rate", "percent", "percent_2y")


@pytest.fixture(scope="module")
def workbook(south_east_table):
    """Two LAs of one group, so that the shared funnel data is shared for real."""
    rugs = [build_rug(south_east_table, code, Q4, MARKING) for code in ("845", "846")]
    data = rugs_workbook(rugs, None, shipped_catalogue())
    archive = zipfile.ZipFile(BytesIO(data))
    return rugs, archive, openpyxl.load_workbook(BytesIO(data))


def charts_of(archive: zipfile.ZipFile, sheet_name: str, book) -> list[etree._Element]:
    """The charts drawn on one sheet (sheet -> drawing -> charts, through the relationships)."""
    index = book.sheetnames.index(sheet_name) + 1
    rels = etree.fromstring(archive.read(f"xl/worksheets/_rels/sheet{index}.xml.rels"))
    [drawing] = [r.get("Target") for r in rels if "drawing" in r.get("Type")]
    drawing_name = drawing.rsplit("/", 1)[1]
    drels = etree.fromstring(archive.read(f"xl/drawings/_rels/{drawing_name}.rels"))
    return [
        etree.fromstring(archive.read("xl/charts/" + r.get("Target").rsplit("/", 1)[1]))
        for r in drels
        if r.get("Type").endswith("/chart")
    ]


def title_of(chart: etree._Element) -> str:
    return "".join(chart.xpath("./c:chart/c:title//text()", namespaces=NS))


def cells(book, formula: str) -> list[object]:
    """The values of a one-column or one-row range such as 'Funnel data'!$C$9:$C$27."""
    sheet, ref = formula.rsplit("!", 1)
    rows = book[sheet.strip("'")][ref.replace("$", "")]
    if not isinstance(rows, tuple):
        return [rows.value]
    return [c.value for row in rows for c in (row if isinstance(row, tuple) else (row,))]


def series_of(chart: etree._Element, kind: str) -> dict[str, etree._Element]:
    return {
        "".join(s.xpath("c:tx//c:v/text()", namespaces=NS))
        or "".join(s.xpath("c:tx//text()", namespaces=NS)): s
        for s in chart.xpath(f"//c:{kind}/c:ser", namespaces=NS)
    }


def ref(series: etree._Element, part: str) -> str:
    return series.xpath(f"c:{part}//c:f/text()", namespaces=NS)[0]


def close(a: object, b: object) -> bool:
    return isinstance(a, int | float) and isinstance(b, int | float) and abs(a - b) < 1e-3


def row_of(table: pl.DataFrame, **match: object) -> dict:
    [found] = table.filter(pl.all_horizontal(pl.col(k) == v for k, v in match.items())).to_dicts()
    return found


def expected_spread(table: pl.DataFrame, group: str, mine: dict) -> tuple[list[float], str]:
    """Lowest, quartiles, median and highest as the spine should take them: England's from the
    table where it has them, the group's own figures otherwise; the LA's figure widens them."""
    value = mine["value"]
    if mine["england_q1"] is not None:
        low, q1, median = (mine[c] for c in ("england_min", "england_q1", "england_median"))
        q3, high = mine["england_q3"], mine["england_max"]
        return [min(low, value), q1, median, q3, max(high, value)], "England"
    values = table.filter(
        (pl.col("period") == Q4.label)
        & (pl.col("group") == group)
        & (pl.col("indicator") == mine["indicator"])
        & (pl.col("measure") == mine["measure"])
    )["value"].drop_nulls()
    quartiles = [values.quantile(q, "linear") for q in (0.25, 0.5, 0.75)]
    return [min(values.min(), value), *quartiles, max(values.max(), value)], "group"


def place(value: float, low: float, high: float, polarity: str) -> float:
    share = (value - low) / (high - low) if high > low else 0.5
    return 100 * (1 - share if polarity == "low" else share)


def test_the_spine_chart_plots_each_rows_position_worked_out_from_the_table(
    workbook, south_east_table
):
    rugs, archive, book = workbook
    rug = rugs[0]
    [spine] = [
        c for c in charts_of(archive, "845 East Sussex", book) if "(spine chart)" in title_of(c)
    ]
    assert title_of(spine) == f"Where East Sussex's figures sit, {Q4.label} (spine chart)"
    columns = series_of(spine, "barChart")
    marks = series_of(spine, "lineChart")
    assert list(marks) == ["East Sussex", "England (or the group)", "Median"]
    labels = cells(book, ref(marks["East Sussex"], "cat"))
    shown = [r for r in rug.rows if r.row in {str(label).split(".")[0] for label in labels}]
    assert len(shown) == len(labels) >= 17
    la = cells(book, ref(marks["East Sussex"], "val"))
    reference = cells(book, ref(marks["England (or the group)"], "val"))
    median = cells(book, ref(marks["Median"], "val"))
    segments = [cells(book, ref(s, "val")) for s in columns.values()]
    assert len(segments) == 3
    for i, (label, row) in enumerate(zip(labels, shown, strict=True)):
        assert str(label).startswith(f"{row.row}. ")
        mine = row_of(
            south_east_table,
            la_code="845",
            period=Q4.label,
            indicator=row.indicator,
            measure=row.measure,
        )
        (low, q1, mid, q3, high), scope = expected_spread(south_east_table, rug.group_name, mine)
        polarity = mine["polarity"]
        assert close(la[i], place(mine["value"], low, high, polarity)), row.row
        assert close(median[i], place(mid, low, high, polarity)), row.row
        target = mine["england_value"] if scope == "England" else mine["group_value"]
        if target is None:
            assert reference[i] is None
        else:
            assert close(reference[i], place(target, low, high, polarity)), row.row
        first, middle, last = (segment[i] for segment in segments)
        inner = sorted((place(q1, low, high, polarity), place(q3, low, high, polarity)))
        assert close(first, inner[0]), row.row
        assert close(middle, inner[1] - inner[0]), row.row
        assert close(first + middle + last, 100.0)
        if polarity in ("high", "low"):  # better is up: the best figure is at 100
            best = high if polarity == "high" else low
            assert close(place(best, low, high, polarity), 100.0)
    # The figures the positions were made from are beside them, equal to the table's.
    sheet = book["845 East Sussex"]
    first_line = int(re.search(r"\$(\d+):", ref(marks["East Sussex"], "val")).group(1))
    header = [c.value for c in sheet[first_line - 1]]
    for offset, row in enumerate(shown):
        line = [c.value for c in sheet[first_line + offset]]
        mine = row_of(
            south_east_table,
            la_code="845",
            period=Q4.label,
            indicator=row.indicator,
            measure=row.measure,
        )
        assert close(line[header.index("LA's figure")], mine["value"])
        if mine["england_q1"] is not None:
            assert close(line[header.index("Lower quartile")], mine["england_q1"])
            assert close(line[header.index("Median")], mine["england_median"])
            assert close(line[header.index("Upper quartile")], mine["england_q3"])


def test_each_funnel_plots_the_groups_figures_the_la_and_the_limits(workbook, south_east_table):
    rugs, archive, book = workbook
    rug = rugs[0]
    funnels = {
        title_of(c): c
        for c in charts_of(archive, "845 East Sussex", book)
        if title_of(c).startswith("Funnel plot: ")
    }
    rows = [r for r in rug.rows if r.measure in FUNNEL_MEASURES]
    assert len(funnels) == len(rows) >= 8
    checked_limits = 0
    for row in rows:
        [chart] = [c for t, c in funnels.items() if t.startswith(f"Funnel plot: {row.row}. ")]
        series = series_of(chart, "scatterChart")
        group = south_east_table.filter(
            (pl.col("period") == Q4.label)
            & (pl.col("group") == rug.group_name)
            & (pl.col("indicator") == row.indicator)
            & (pl.col("measure") == row.measure)
            & pl.col("value").is_not_null()
            & (pl.col("denominator") > 0)
        )
        mine = row_of(group, la_code="845")
        pairs = sorted(
            zip(
                cells(book, ref(series["Authorities of the group"], "xVal")),
                cells(book, ref(series["Authorities of the group"], "yVal")),
                strict=True,
            )
        )
        expected = sorted(
            zip(group["denominator"].to_list(), group["value"].to_list(), strict=True)
        )
        assert len(pairs) == len(expected)
        assert all(
            close(a[0], b[0]) and close(a[1], b[1]) for a, b in zip(pairs, expected, strict=False)
        ), row.row
        # The LA: one point, its own figures, drawn in the highlight colour.
        [x] = cells(book, ref(series["East Sussex"], "xVal"))
        [y] = cells(book, ref(series["East Sussex"], "yVal"))
        assert close(x, mine["denominator"])
        assert close(y, mine["value"])
        fill = series["East Sussex"].xpath(
            "c:marker//c:spPr/*[local-name()='solidFill']", namespaces=NS
        )
        assert fill[0].find(f"{A}srgbClr").get("val") == SUBJECT.lstrip("#").upper()
        target = mine["england_value"] if mine["england_value"] is not None else mine["group_value"]
        name = "England" if mine["england_value"] is not None else rug.group_name
        centre = cells(book, ref(series[name], "yVal"))
        assert centre
        assert all(close(v, target) for v in centre)
        # The limit lines: at each size on the sheet, the limits computed from England's figure.
        sizes = cells(book, ref(series["Upper 95% limit"], "xVal"))
        limits = control_limits(row.measure, sizes, target)
        for index, label in enumerate(
            ("Lower 99.8% limit", "Lower 95% limit", "Upper 95% limit", "Upper 99.8% limit"),
            start=1,
        ):
            drawn = cells(book, ref(series[label], "yVal"))
            assert all(close(d, lim[index]) for d, lim in zip(drawn, limits, strict=True)), (
                row.row,
                label,
                [
                    (d, lim[index])
                    for d, lim in zip(drawn, limits, strict=False)
                    if not close(d, lim[index])
                ],
            )
        assert abs(max(sizes) - max(group["denominator"]) * 1.1) <= 0.5  # past the largest LA
        checked_limits += 1
    assert checked_limits == len(rows)


def test_the_group_shares_one_block_of_funnel_data_each_la_highlighting_itself(workbook):
    rugs, archive, book = workbook
    ranges = {}
    for rug in rugs:
        sheet = next(name for name in book.sheetnames if name.startswith(rug.la_code))
        [chart] = [
            c for c in charts_of(archive, sheet, book) if title_of(c).startswith("Funnel plot: 2. ")
        ]
        series = series_of(chart, "scatterChart")
        ranges[rug.la_code] = (
            ref(series["Authorities of the group"], "yVal"),
            ref(series[rug.la_name], "yVal"),
        )
    assert ranges["845"][0] == ranges["846"][0]  # the same cells for the group
    assert ranges["845"][1] != ranges["846"][1]  # each its own point
    assert all(r[0].startswith("'Funnel data'!") for r in ranges.values())
    sheet = book["Funnel data"]
    assert sheet["A1"].value == "\n".join(MARKING.lines)  # the marking on top, as every sheet
