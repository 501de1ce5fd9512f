"""Each chart's marks against the benchmark table: the figures drawn, and where they are drawn."""

from __future__ import annotations

from io import BytesIO

import pdfplumber
import polars as pl
import pytest
from lxml import html as lxml_html

from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.rug.html import rug_page
from tartan.rug.model import build_rug
from tartan.rug.pdf import rugs_pdf

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)


@pytest.fixture(scope="module")
def page(south_east_table):
    rug = build_rug(south_east_table, "845", Q4, MARKING)
    return rug, lxml_html.fromstring(rug_page(rug))


def rows_of(table: pl.DataFrame, **match: object) -> list[dict]:
    return table.filter(pl.all_horizontal(pl.col(k) == v for k, v in match.items())).to_dicts()


def svg_of(tree, kind: str, row: str):
    [svg] = tree.xpath(f"//*[@id='chart-{kind}-845-{row}-t']/..")
    return svg


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


def test_every_trend_point_is_the_tables_figure_and_higher_is_drawn_higher(page, south_east_table):
    rug, tree = page
    columns = {
        "East Sussex": "value",
        "Statistical neighbours": "sn_average",
        "England": "england_value",
    }
    columns[rug.group_name] = "group_value"
    for row in rug.rows:
        svg = svg_of(tree, "trend", row.row)
        points = svg.xpath(".//*[@class='point']")
        table_rows = {
            r["period"]: r
            for r in rows_of(
                south_east_table, la_code="845", indicator=row.indicator, measure=row.measure
            )
        }
        expected = {
            (name, period): r[column]
            for period, r in table_rows.items()
            for name, column in columns.items()
            if r[column] is not None
        }
        drawn = {
            (p.get("data-series"), p.get("data-period")): float(p.get("data-value")) for p in points
        }
        assert drawn.keys() == expected.keys(), row.row
        assert all(close(drawn[key], expected[key]) for key in expected), row.row
        heights = sorted((float(p.get("data-value")), -_y(p)) for p in points)
        assert [h for _, h in heights] == sorted(h for _, h in heights), (
            f"{row.row}: y follows value"
        )


def _y(mark) -> float:
    if mark.get("cy") is not None:
        return float(mark.get("cy"))
    if mark.get("y") is not None:
        return float(mark.get("y")) + float(mark.get("height")) / 2
    first = mark.get("d").split("L")[1].split()  # diamond: right vertex
    return float(first[1])


def test_bars_show_every_group_la_the_la_and_its_neighbours(page, south_east_table):
    rug, tree = page
    for row in rug.rows:
        svg = svg_of(tree, "bars", row.row)
        group = rows_of(
            south_east_table, period=Q4.label, indicator=row.indicator, measure=row.measure
        )
        group = [r for r in group if r["group"] == rug.group_name]
        mine = next(r for r in group if r["la_code"] == "845")
        bars = {b.get("data-la"): b for b in svg.xpath(".//*[@class='bar']")}
        assert bars.keys() == {r["la_code"] for r in group if r["value"] is not None}, row.row
        for r in group:
            if r["value"] is not None:
                assert close(float(bars[r["la_code"]].get("data-value")), r["value"])
        assert bars["845"].get("stroke") != "none"  # the LA is outlined, the others not
        neighbours = set(mine["sn_codes"].split()) & bars.keys()
        assert {code for code, b in bars.items() if b.get("fill") == "#7fa7cc"} == neighbours - {
            "845"
        }
        [line] = svg.xpath(".//*[@class='reference']")
        reference = (
            mine["england_value"] if mine["england_value"] is not None else mine["group_value"]
        )
        assert close(float(line.get("data-value")), reference)


def test_funnel_points_and_limits_agree_with_the_tables_significance(page, south_east_table):
    rug, tree = page
    checked = 0
    for row in rug.rows:
        found = tree.xpath(f"//*[@id='chart-funnel-845-{row.row}-t']/..")
        if row.measure not in ("rate", "percent", "percent_2y"):
            assert not found
            continue
        [svg] = found
        group = [
            r
            for r in rows_of(
                south_east_table, period=Q4.label, indicator=row.indicator, measure=row.measure
            )
            if r["group"] == rug.group_name and r["value"] is not None
        ]
        points = {p.get("data-la"): p for p in svg.xpath(".//*[@class='point']")}
        assert points.keys() == {r["la_code"] for r in group}
        for r in group:
            point = points[r["la_code"]]
            assert close(float(point.get("data-denominator")), r["denominator"])
            assert close(float(point.get("data-value")), r["value"])
        mine = next(r for r in group if r["la_code"] == "845")
        if mine["england_value"] is None:
            continue
        # The chart's limits at the LA's size put it where the table's significance says.
        figure = next(f for c in rug.charts if c.row == row.row for f in [c.funnel])
        size, low998, low95, high95, high998 = min(
            figure.limits, key=lambda limit: abs(limit[0] - mine["denominator"])
        )
        assert size == mine["denominator"]
        label = mine["significance"]
        value = mine["numerator"] / mine["denominator"] * (10_000 if row.measure == "rate" else 100)
        assert (value > high998) == (label == "above 99.8%"), row.row
        assert (value < low998) == (label == "below 99.8%"), row.row
        assert (low95 <= value <= high95) == (label == "within"), row.row
        checked += 1
    assert checked >= 8


def test_spine_shows_englands_spread_or_the_groups(page, south_east_table):
    rug, tree = page
    spines = {s.get("data-row"): s for s in tree.xpath("//*[local-name()='svg'][@class='spine']")}
    assert len(spines) >= 17
    for row in rug.rows:
        mine = rows_of(
            south_east_table,
            la_code="845",
            period=Q4.label,
            indicator=row.indicator,
            measure=row.measure,
        )[0]
        spine = spines[row.row]
        assert close(float(spine.get("data-value")), mine["value"])
        if mine["england_q1"] is not None:
            assert spine.get("data-scope") == "England"
            assert close(float(spine.get("data-q1")), mine["england_q1"])
            assert close(float(spine.get("data-median")), mine["england_median"])
            assert close(float(spine.get("data-q3")), mine["england_q3"])
            assert float(spine.get("data-low")) == min(mine["england_min"], mine["value"])
        else:
            assert spine.get("data-scope") == "group"
            group = [
                r["value"]
                for r in rows_of(
                    south_east_table, period=Q4.label, indicator=row.indicator, measure=row.measure
                )
                if r["group"] == rug.group_name and r["value"] is not None
            ]
            assert close(float(spine.get("data-low")), min(group))
            assert close(float(spine.get("data-high")), max(group))


def test_every_chart_has_a_title_a_description_and_its_data_as_a_table(page):
    rug, tree = page
    charts = tree.xpath(
        "//figure[contains(@class, 'chart-figure')]//*[local-name()='svg'][@role='img']"
    )
    assert len(charts) >= 2 * len(rug.rows)
    for svg in charts:
        labelled = svg.get("aria-labelledby").split()
        assert [tree.get_element_by_id(i).text for i in labelled] == [
            svg.xpath("./*[local-name()='title']")[0].text,
            svg.xpath("./*[local-name()='desc']")[0].text,
        ]
        [table] = svg.getparent().xpath(".//table[@class='chart-table']")
        assert table.xpath("./caption")[0].text == svg.xpath("./*[local-name()='title']")[0].text
        assert table.xpath(".//tbody/tr")
    assert not tree.xpath("//script")
    assert not tree.xpath("//*[local-name()='svg']//*[@style]")  # the CSP allows no inline style


def test_the_pdf_has_the_charts_after_the_rug_with_their_text_alternatives(south_east_table):
    rug = build_rug(south_east_table, "845", Q4, MARKING)
    with pdfplumber.open(BytesIO(rugs_pdf([rug]))) as pdf:
        assert len(pdf.pages) > 2
        text = "\n".join(page.extract_text() for page in pdf.pages[1:])
        pages = len(pdf.pages)
    assert "Where East Sussex's figures sit" in text
    assert "Funnel plot: 2. Re-referrals within 12 months" in text
    assert "Trend: 11b. Repeat child protection plans: within 2 years" in text
    with pdfplumber.open(BytesIO(rugs_pdf([rug], charts=False))) as pdf:
        assert len(pdf.pages) < pages
        bare = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Funnel plot:" not in bare
    assert "Trend: 11b." not in bare


def test_the_workbook_has_a_native_trend_chart_per_row_plotting_the_tables_figures(
    south_east_table,
):
    import re
    import zipfile

    import openpyxl

    from tartan.catalogue import shipped_catalogue
    from tartan.rug.xlsx import rugs_workbook

    rug = build_rug(south_east_table, "845", Q4, MARKING)
    data = rugs_workbook([rug], None, shipped_catalogue())
    archive = zipfile.ZipFile(BytesIO(data))
    charts = sorted(
        (n for n in archive.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)),
        key=lambda n: int(re.sub(r"\D", "", n)),
    )
    charts = [  # the trend charts: lines only (the spine has columns, the funnels are scatter)
        n
        for n in charts
        if "<c:barChart>" not in (xml := archive.read(n).decode()) and "<c:lineChart>" in xml
    ]
    assert len(charts) == len(rug.rows)
    sheet = openpyxl.load_workbook(BytesIO(data))["845 East Sussex"]
    [start] = [c.row for c in sheet["A"] if c.value and str(c.value).startswith("Chart data")]
    periods = [sheet.cell(start + 1, col).value for col in range(3, 3 + len(rug.trend_periods))]
    assert periods == rug.trend_periods
    columns = {"value": 0, "group_value": 1, "sn_average": 2, "england_value": 3}
    for index, row in enumerate(rug.rows):
        for column, offset in columns.items():
            line = start + 2 + index * 4 + offset
            assert sheet.cell(line, 1).value == row.row
            for col, period in enumerate(periods, start=3):
                [claimed] = rows_of(
                    south_east_table,
                    la_code="845",
                    period=period,
                    indicator=row.indicator,
                    measure=row.measure,
                )
                assert close(sheet.cell(line, col).value, claimed[column]), (row.row, column)
    first = archive.read(charts[0]).decode()
    assert "<c:lineChart>" in first
    end = chr(ord("C") + len(periods) - 1)
    assert f"'845 East Sussex'!$C${start + 2}:${end}${start + 2}" in first  # the LA's line


def test_the_workbook_has_a_native_bar_chart_per_row_of_the_groups_figures(south_east_table):
    """Each bar chart's cached values in the xlsx zip are the group's figures from the table,
    the LA's bar is the dark one, and the reference line is England's figure."""
    import re
    import zipfile

    from lxml import etree

    from tartan.catalogue import shipped_catalogue
    from tartan.rug.xlsx import rugs_workbook
    from tartan.rug.xlsx_charts import NEIGHBOUR_COLOUR, SUBJECT_COLOUR

    rug = build_rug(south_east_table, "845", Q4, MARKING)
    archive = zipfile.ZipFile(BytesIO(rugs_workbook([rug], None, shipped_catalogue())))
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    names = [n for n in archive.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
    bar_charts = {}
    for member in names:
        tree = etree.fromstring(archive.read(member))
        if tree.xpath("//c:barChart", namespaces=ns):
            title = "".join(tree.xpath("//c:title//text()", namespaces=ns))
            if "(spine chart)" not in title:  # the spine stacks columns too
                bar_charts[title] = tree
    assert len(bar_charts) == len(rug.rows)
    current = south_east_table.filter(pl.col("period") == Q4.label)
    for row in rug.rows:
        [tree] = [
            t for title, t in bar_charts.items() if title.startswith(f"Where it sits: {row.row}. ")
        ]
        [series] = tree.xpath("//c:barChart/c:ser", namespaces=ns)
        labels = series.xpath("c:cat//c:pt/c:v/text()", namespaces=ns)
        values = {
            int(pt.get("idx")): float(pt.findtext("c:v", namespaces=ns))
            for pt in series.xpath("c:val//c:pt", namespaces=ns)
        }
        group_rows = rows_of(
            current, group=rug.group_name, indicator=row.indicator, measure=row.measure
        )
        [mine] = [r for r in group_rows if r["la_code"] == "845"]
        neighbours = set((mine["sn_codes"] or "").split())
        assert len(labels) == len(group_rows)
        by_name = {r["la_name"]: r for r in group_rows}
        fills = {
            int(dpt.find("c:idx", namespaces=ns).get("val")): dpt.find(f".//{a}srgbClr").get("val")
            for dpt in series.xpath("c:dPt", namespaces=ns)
        }
        for index, label in enumerate(labels):
            name = re.sub(r" \((this LA|neighbour)\)$", "", label)
            table_row = by_name[name]
            assert close(values.get(index), table_row["value"]), (row.row, name)
            if table_row["la_code"] == "845":
                assert fills[index] == SUBJECT_COLOUR.lstrip("#").upper()
                assert label.endswith("(this LA)")
            elif table_row["la_code"] in neighbours:
                assert fills[index] == NEIGHBOUR_COLOUR.lstrip("#").upper()
                assert label.endswith("(neighbour)")
        if mine["england_value"] is not None:
            [line] = tree.xpath("//c:lineChart/c:ser", namespaces=ns)
            assert "England" in "".join(line.xpath("c:tx//text()", namespaces=ns))
            points = [float(v) for v in line.xpath("c:val//c:pt/c:v/text()", namespaces=ns)]
            assert points
            assert all(close(p, mine["england_value"]) for p in points)


def test_each_row_has_its_definition_on_the_page_and_in_the_pdf_notes(page, south_east_table):
    """The web rug: a <details> per row with the catalogue's definition, numerator,
    denominator and source; the PDF: the same in its notes after the table."""
    from tartan.catalogue import shipped_catalogue

    rug, tree = page
    catalogue = shipped_catalogue()
    details = tree.xpath("//table[contains(@class,'rug')]//details[@class='definition']")
    assert len(details) == len(rug.rows)
    for row, box in zip(rug.rows, details, strict=True):
        [measure] = [
            m for m in catalogue.indicator(row.indicator).measures if m.kind.value == row.measure
        ]
        text = " ".join(" ".join(box.itertext()).split())
        item = catalogue.item(measure.numerator)
        assert " ".join(item.definition.split()) in text
        assert f"Numerator {item.label}" in text
        if measure.denominator and measure.denominator != "population":
            assert f"Denominator {catalogue.item(measure.denominator).label}" in text
        if measure.lait:
            assert measure.lait in text
    with pdfplumber.open(BytesIO(rugs_pdf([rug], charts=False))) as pdf:
        notes = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "Notes: what each row counts" in notes
    assert "Numerator:" in notes
    assert "Denominator:" in notes
