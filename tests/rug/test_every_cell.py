"""Every cell of every rug, in every format, against the benchmark table row it claims.

The 19 demo LAs' rugs for one quarter are built once for the module (the demo's synthetic
returns, 8 quarters benchmarked), written as HTML, one PDF and one workbook, and read back:
HTML through lxml, the PDF's tables through pdfplumber (cells found from the drawn borders),
the workbook through openpyxl (values and the number formats that carry the band letter).
"""

from __future__ import annotations

import re
from io import BytesIO

import openpyxl
import pdfplumber
import polars as pl
import pytest
from lxml import html as lxml_html

from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.marking import ProtectiveMarking
from tartan.periods import Period, quarters_ending
from tartan.rug.html import rug_page
from tartan.rug.pdf import rugs_pdf
from tartan.rug.write import build_rugs
from tartan.rug.xlsx import rugs_workbook
from tests.rug.expected import ExpectedRow, expected_rows
from tests.synthetic import synthetic_observations

LAST = Period.parse("2026-27 Q2")
MARKING = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)
NOTE_2Y = "Two families with repeat plans moved in from another authority."
NOTE_EVER = "A sibling group of five started plans in the quarter."

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo():
    ref = shipped_reference()
    members = list(ref.groups.default.members)
    observations = synthetic_observations(members, LAST.label)
    table = quarterly_benchmark(
        observations, ref, periods=quarters_ending(LAST, 8), group=ref.groups.default
    )
    notes = {"845": {"cpp_repeat:percent_2y": NOTE_2Y, "cpp_repeat": NOTE_EVER}}
    rugs = build_rugs(table, members, LAST, MARKING, ref.population, notes)
    return table, rugs, {code: expected_rows(table, code, LAST.label) for code in members}


def squash(text: str | None) -> str:
    """Whitespace removed: line breaks fall differently in a PDF cell than on a page."""
    return re.sub(r"\s+", "", text or "")


def joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def expected_cells(row: ExpectedRow, periods: list[str]) -> list[str]:
    """The text of each column of the page's table, left to right (the title column: its start)."""
    england_value, england_period, england_rank, _ = row.england
    england = joined(england_value, f"({england_period})" if england_period else "")
    neighbours_average, neighbours_with, neighbours_rank = row.neighbours
    return [
        row.row,
        row.title,
        *[joined(*row.trend[label]) for label in periods],
        row.count,
        row.group[0],
        row.group[1],
        joined(neighbours_average, neighbours_with),
        neighbours_rank,
        england,
        england_rank,
        joined(*row.direction),
        row.significance,
    ]


def check_table(cells: list[list[str]], expected: list[ExpectedRow], where: str) -> None:
    header, *body = cells
    periods = [squash(text) for text in header[2:-9]]
    assert len(body) == len(expected), where
    for got, want in zip(body, expected, strict=True):
        wanted = expected_cells(want, [p for p in want.trend if squash(p) in periods])
        assert len(got) == len(wanted), (where, want.row)
        for column, (text, claim) in enumerate(zip(got, wanted, strict=True)):
            label = f"{where} row {want.row} column {squash(header[column])}"
            if column == 1:
                assert squash(text).startswith(squash(claim)), label
            else:
                assert squash(text) == squash(claim), (label, text, claim)


def html_cells(page: str) -> list[list[str]]:
    tree = lxml_html.fromstring(page)
    [table] = tree.xpath("//table[contains(@class, 'rug')]")
    return [
        [" ".join(cell.itertext()) for cell in tr.xpath("./th|./td")] for tr in table.xpath(".//tr")
    ]


def test_the_within_2_years_row_shows_its_own_count(demo):
    table, rugs, _ = demo
    [rug] = [rug for rug in rugs if rug.la_code == "845"]
    rows = {row.row: row for row in rug.rows if row.indicator == "cpp_repeat"}
    assert sorted(rows) == ["11a", "11b"]
    claimed = table.filter(
        (pl.col("la_code") == "845")
        & (pl.col("period") == LAST.label)
        & (pl.col("indicator") == "cpp_repeat")
    )
    numerators = dict(zip(claimed["measure"], claimed["numerator"], strict=True))
    assert rows["11a"].count == f"{numerators['percent']:,.0f}"
    assert rows["11b"].count == f"{numerators['percent_2y']:,.0f}"
    assert rows["11a"].count != rows["11b"].count
    assert rows["11a"].title.endswith(": ever")
    assert rows["11b"].title.endswith(": within 2 years")


def test_a_context_note_shows_on_the_row_it_was_written_on(demo):
    _, rugs, _ = demo
    [rug] = [rug for rug in rugs if rug.la_code == "845"]
    notes = {row.row: row.note for row in rug.rows if row.note}
    assert notes == {"11a": NOTE_EVER, "11b": NOTE_2Y}


def test_every_html_cell_matches_the_table(demo):
    _, rugs, expected = demo
    for rug in rugs:
        check_table(html_cells(rug_page(rug)), expected[rug.la_code], f"HTML {rug.la_code}")


def test_every_pdf_cell_matches_the_table(demo):
    _, rugs, expected = demo
    # The rug tables only: the chart pages after each are checked in test_charts.py.
    # A rug's table may run on to a second page (legible at 8 pt or more), its header repeated.
    with pdfplumber.open(BytesIO(rugs_pdf(rugs, charts=False))) as pdf:
        found: dict[str, list[list[str]]] = {}
        code = ""
        for page in pdf.pages:
            text = page.extract_text() or ""
            starts = [r.la_code for r in rugs if f"({r.la_code}): tartan rug" in text]
            if starts:
                [code] = starts
            for table in page.extract_tables():
                # Stray ruling at a page's edge makes a column without a heading: not a column.
                keep = [i for i, heading in enumerate(table[0]) if heading]
                header, *body = [[row[i] or "" for i in keep] for row in table]
                found.setdefault(code, [header]).extend(body)
        assert list(found) == [rug.la_code for rug in rugs]
        for rug in rugs:
            check_table(found[rug.la_code], expected[rug.la_code], f"PDF of {rug.la_code}")


def shown(cell: openpyxl.cell.Cell) -> str:
    """A cell as Excel shows it: the number through its format ('#,##0.0"% A"' → '16.1% A')."""
    value = cell.value
    if not isinstance(value, int | float):
        return "" if value is None else str(value)
    number_format = cell.number_format
    decimals = len(number_format.split(".")[1].split('"')[0]) if "." in number_format else 0
    suffix = re.findall(r'"([^"]*)"', number_format)
    return f"{value:,.{decimals}f}" + (suffix[0] if suffix else "")


def test_every_xlsx_cell_matches_the_table(demo):
    _, rugs, expected = demo
    book = openpyxl.load_workbook(BytesIO(rugs_workbook(rugs, None, shipped_reference().catalogue)))
    for rug in rugs:
        [name] = [n for n in book.sheetnames if n.startswith(rug.la_code)]
        sheet = book[name]
        rows = list(sheet.iter_rows(min_row=7, max_row=7 + len(expected[rug.la_code])))
        heading = [cell.value for cell in rows[0]]
        for got, want in zip(rows[1:], expected[rug.la_code], strict=True):
            text = {heading[i]: shown(cell) for i, cell in enumerate(got) if heading[i]}
            where = f"XLSX {name} row {want.row}"
            assert text["#"] == want.row, where
            assert text["Indicator"] == want.title, where
            for period, claim in want.trend.items():
                assert text[period] == "".join(claim[:1]) + (f" {claim[1]}" if claim[1] else ""), (
                    where,
                    period,
                )
            england_value, england_period, england_rank, _ = want.england
            average, with_figures, neighbours_rank = want.neighbours
            assert {
                "Number": text["Number"],
                "Group": text["Group figure"],
                "Group rank": text["LA's rank in group"],
                "Neighbours average": text["Neighbours' average"],
                "Neighbours with figures": text["Neighbours with figures"],
                "Neighbours rank": text["LA's rank among neighbours"],
                "England": text["England figure"],
                "England period": text["England period"],
                "England rank": text["LA's rank in England"],
                "Direction on last quarter": text["Direction on last quarter"],
                "Direction on a year ago": text["Direction on a year ago"],
                "Against England": text["Against England"],
            } == {
                "Number": want.count,
                "Group": want.group[0],
                "Group rank": want.group[1],
                "Neighbours average": average,
                "Neighbours with figures": with_figures,
                "Neighbours rank": neighbours_rank,
                "England": england_value,
                "England period": england_period,
                "England rank": england_rank,
                "Direction on last quarter": want.direction[0].removesuffix(" on quarter"),
                "Direction on a year ago": want.direction[1].removesuffix(" on year"),
                "Against England": want.significance,
            }, where
