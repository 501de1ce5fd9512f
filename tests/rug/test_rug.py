"""The rug model and its three renderings."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from tartan.catalogue import shipped_catalogue
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.population import shipped_population
from tartan.returns.xlsx_reader import read_sheet
from tartan.rug.html import rug_page
from tartan.rug.model import build_overview, build_rug, format_value
from tartan.rug.pdf import render_rugs, rugs_pdf
from tartan.rug.style import BANDS, POSITIONS
from tartan.rug.write import build_rugs, write_rugs
from tartan.rug.xlsx import rugs_workbook

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(
    produced_for="key staff of member LAs",
    group="South East Data Benchmarking Group",
    synthetic=True,
)


@pytest.fixture(scope="module")
def rug(south_east_table):
    return build_rug(
        south_east_table, "845", Q4, MARKING, {"cla": "Two large sibling groups came into care."}
    )


def test_rug_has_every_indicator_and_the_trend(rug):
    assert len(rug.rows) == 19  # 18 indicators, repeat plans twice (ever and within 2 years)
    assert [row.number for row in rug.rows][:3] == [1, 2, 3]
    assert rug.trend_periods == ["2024-25 Q3", "2024-25 Q4"]
    assert all(len(row.trend) == 2 for row in rug.rows)
    assert rug.la_name == "East Sussex"


def test_every_coloured_cell_also_says_its_band_or_position(rug):
    coloured = [cell for row in rug.rows for cell in row.trend if cell.style.key != "none"]
    assert coloured
    assert all(cell.style.label for cell in coloured)
    neutral = [row for row in rug.rows if row.polarity == "none"]
    assert all(
        cell.style in POSITIONS for row in neutral for cell in row.trend if cell.style.key != "none"
    )
    banded = [row for row in rug.rows if row.polarity != "none" and row.england.rank]
    assert all(
        cell.style in BANDS.values()
        for row in banded
        for cell in row.trend
        if cell.style.key != "none"
    )


def test_context_note_shows_beside_the_figure(rug):
    [cla] = [row for row in rug.rows if row.indicator == "cla"]
    assert cla.note == "Two large sibling groups came into care."


def test_values_are_formatted_by_measure():
    assert format_value(1234.0, "count", 0) == "1,234"
    assert format_value(16.6, "percent", 1) == "16.6%"
    assert format_value(None, "rate", 1, "c") == "c"
    assert format_value(None, "rate", 1) == "x"


def test_html_page_is_accessible_table_with_marking(rug):
    html = rug_page(rug)
    assert '<html lang="en">' in html
    assert "<caption>" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    assert "INTERNAL AND LIMITED USE" in html
    assert "SYNTHETIC DEMONSTRATION DATA" in html
    assert "Two large sibling groups" in html
    assert "@media print" in html
    cells = re.findall(r'<td class="cell (band-[a-d])">([^<]*) <b class="band">([A-D])</b>', html)
    assert cells
    assert all(key[-1].upper() == letter for key, _, letter in cells)


def test_pdf_rugs_are_landscape_legible_and_each_starts_a_page(south_east_table):
    """Every word of a printed rug is at least 8 pt: the table runs on rather than shrinks."""
    import pdfplumber

    rugs = build_rugs(south_east_table, ["845", "886", "850"], Q4, MARKING, shipped_population())
    document = render_rugs(rugs, charts=False)
    assert all(page.width > page.height for page in document.pages)  # landscape
    data = rugs_pdf(rugs, charts=False)
    with pdfplumber.open(BytesIO(data)) as pdf:
        # The table runs on over three pages, then its sources and the notes of what each row counts.
        assert len(pdf.pages) <= 5 * len(rugs)
        sizes = [char["size"] for page in pdf.pages for char in page.chars]
        firsts = [page.extract_text().splitlines() for page in pdf.pages]
    assert min(sizes) >= 7.9
    starts = [i for i, lines in enumerate(firsts) if any("): tartan rug," in x for x in lines[:8])]
    assert len(starts) == len(rugs)


def test_workbook_sheets_marking_sparklines_and_print_setup(south_east_table):
    members = list(shipped_groups().default.members)
    rugs = build_rugs(south_east_table, members, Q4, MARKING, shipped_population())
    overview = build_overview(south_east_table, Q4, members, MARKING)
    data = rugs_workbook(rugs, overview, shipped_catalogue())
    archive = zipfile.ZipFile(BytesIO(data))
    workbook = archive.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    assert names[0] == "Overview"
    assert names[-2:] == ["Funnel data", "Notes"]  # the group's shared funnel figures
    assert len(names) == 22
    assert "845 East Sussex" in names
    sheet = archive.read("xl/worksheets/sheet5.xml").decode()  # a rug sheet
    assert "INTERNAL AND LIMITED USE" in sheet  # printed header
    assert "x14:sparklineGroup" in sheet
    assert 'orientation="landscape"' in sheet
    assert 'fitToHeight="0"' in sheet
    assert "<pane" in sheet  # frozen headings
    first = read_sheet(data, preferred="overview")
    assert "INTERNAL AND LIMITED USE" in first.cells[(1, 1)]
    assert any("SYNTHETIC" in text for text in first.cells.values())


def test_write_rugs_writes_every_format(south_east_table, tmp_path: Path):
    members = list(shipped_groups().default.members)
    written = write_rugs(
        south_east_table,
        ["845"],
        Q4,
        tmp_path,
        ("xlsx", "html", "pdf"),
        MARKING,
        shipped_catalogue(),
        shipped_population(),
        members,
    )
    names = sorted(path.name for path in written)
    assert names == [
        "regional_overview_2024-25_Q4.html",
        "regional_overview_2024-25_Q4.pdf",
        "tartan_rug_845_2024-25_Q4.html",
        "tartan_rug_845_2024-25_Q4.pdf",
        "tartan_rug_845_2024-25_Q4.xlsx",
    ]
    assert all(path.stat().st_size > 1000 for path in written)


def test_the_pdf_is_tagged_for_screen_readers(south_east_table, tmp_path):
    """pdfinfo (poppler) reads the document as tagged, with the page's language and title."""
    import subprocess

    rugs = build_rugs(south_east_table, ["845"], Q4, MARKING, shipped_population())
    path = tmp_path / "rug.pdf"
    path.write_bytes(rugs_pdf(rugs, charts=True))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields = {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in info.stdout.splitlines())
    }
    assert fields["Tagged"] == "yes"
    assert "East Sussex" in fields["Title"]
