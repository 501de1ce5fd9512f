"""A concealed report prints each figure the same way in every format: CSV, HTML and XLSX
write the LA's figure, its count, England and the group's quartiles with the thousands
separators the rug uses (format_value), not '1234' in one file and '1,234' in another."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest
from lxml import html as lxml_html

from tartan.disclosure.knowledge import published_knowledge
from tartan.disclosure.model import CellKind, Released
from tartan.disclosure.release import gated_export
from tartan.disclosure.report import Marking, concealed_report, render
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.rug.formats import format_value

PERIOD = "2024-25 Q4"
MEMBERS = list(shipped_groups().default.members)


@pytest.mark.parametrize(
    ("number", "precision", "expected"),
    [
        (1234.0, 1.0, "1,234"),
        (920.0, 1.0, "920"),
        (12345.67, 0.1, "12,345.7"),
        (393.3, 0.1, "393.3"),
    ],
)
def test_a_released_figure_is_shown_as_the_rug_shows_it(number, precision, expected):
    cell = Released("t", CellKind.COUNT, number=number, precision=precision)
    assert cell.shown == expected
    assert Released("t", CellKind.COUNT, text="c").shown == "c"


@pytest.fixture(scope="module")
def report(south_east_table):
    knowledge = published_knowledge(Period.parse(PERIOD), MEMBERS)
    export, _, _ = gated_export(
        south_east_table, "845", PERIOD, MEMBERS, "Ofsted", "distribution", "", knowledge
    )
    marking = Marking("South East", "A. Key", datetime(2026, 12, 2, tzinfo=UTC), True)
    return concealed_report(export, south_east_table, marking)


def test_counts_and_figures_read_the_same_in_csv_html_and_xlsx(report):
    e = report.export
    rows = [
        r
        for r in csv.reader(io.StringIO(render(report, "csv").decode("utf-8")))
        if r and not r[0].startswith("#")
    ][1:]
    in_csv = {(r[0], r[2]): r[4] for r in rows if r[1] == e.la_name}
    tree = lxml_html.fromstring(render(report, "html"))
    [table] = tree.xpath("//table")
    heads = [" ".join(th.text_content().split()) for th in table.xpath(".//thead//th")]
    figure_col, number_col = heads.index(f"{e.la_name} {e.period}"), heads.index("Number")
    in_html = {
        tr.xpath("./th")[0].text_content(): [c.text_content() for c in tr.xpath("./th|./td")]
        for tr in table.xpath(".//tbody/tr")
    }
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))["Concealed report"]
    lines = list(sheet.iter_rows(values_only=True))
    header = next(i for i, line in enumerate(lines) if line[0] == "Indicator")
    in_xlsx = {line[0]: line for line in lines[header + 1 :] if line[0]}
    large = 0
    for row in report.rows:
        named = (c for c in e.cells if c.table == row.table and c.about_named)
        count = next((c for c in named if c.kind == CellKind.COUNT), None)
        if count is None or count.number is None:
            continue
        expected = format_value(count.number, "count", 0)
        assert in_csv[(row.title, "number")] == expected
        assert in_html[row.title][number_col] == expected
        assert in_xlsx[row.title][number_col] == expected
        assert in_csv[(row.title, "figure")] == in_html[row.title][figure_col]
        assert in_csv[(row.title, "figure")] == in_xlsx[row.title][figure_col]
        large += count.number >= 1000
    assert large >= 3  # the separators were really needed somewhere
    assert any("," in value for (_, what), value in in_csv.items() if what == "number")
