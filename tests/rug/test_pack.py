"""The meeting pack (issue 13.11): one tagged PDF with a cover, contents, the commentary, the
regional overview and trends, every LA's rug and their context notes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.population import shipped_population
from tartan.rug.draft import Draft
from tartan.rug.model import build_overview
from tartan.rug.pack import MeetingPack, pack_html, pack_pdf, regional_trends
from tartan.rug.write import build_rugs
from tests.rug.pdf_words import pdf_info, pdf_text, pdf_words

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(
    produced_for="key staff of member LAs",
    group="South East Data Benchmarking Group",
    synthetic=True,
)
FEW = ["845", "846", "886"]  # three members keep the test quick; the web test makes all 19
COMMENTARY = "Referrals rose across the region this quarter.\n\nKent's assessments recovered."
NOTE = "Two large sibling groups came into care."


@pytest.fixture(scope="module")
def pack(south_east_table) -> MeetingPack:
    overview = build_overview(south_east_table, Q4, FEW, MARKING)
    rugs = build_rugs(
        south_east_table, FEW, Q4, MARKING, shipped_population(), {"846": {"cla": NOTE}}
    )
    return MeetingPack(
        overview.group_name, Q4.label, MARKING, overview, rugs, COMMENTARY, "Written by the DBG"
    )


@pytest.fixture(scope="module")
def printed(pack) -> bytes:
    return pack_pdf(pack)


def test_the_pack_is_tagged_and_titled(printed, pack):
    info = pdf_info(printed)
    assert info["Tagged"] == "yes"
    assert info["Title"] == pack.title


def test_the_pack_holds_every_part(printed, pack):
    text = pdf_text(printed)
    assert text.index("Meeting pack: South East Data Benchmarking Group") < text.index("Contents")
    for entry in (
        "Commentary from the group",
        "Regional overview",
        "Regional trends: the group against England",
        "Context notes from the authorities",
        "What each row counts",
    ):
        assert entry in text
    for rug in pack.rugs:
        assert f"{rug.la_name} ({rug.la_code}): tartan rug, 2024-25 Q4" in text
    assert "Referrals rose across the region this quarter." in text
    assert "Kent's assessments recovered." in text
    notes = text[text.index("Context notes from the authorities What each") :]
    assert f"Brighton and Hove (846) 12. Children looked after {NOTE}" in notes
    assert "INTERNAL AND LIMITED USE" in text


def test_the_contents_give_the_pages_they_point_to(printed, pack):
    words = pdf_words(printed)
    pages = {w.page for w in words}
    contents = [w for w in words if w.page == 2]
    for rug in pack.rugs:
        # the contents' line for the rug ends in the page its heading is on
        first = next(w for w in contents if w.text == f"({rug.la_code})")
        number = max((w for w in contents if abs(w.y0 - first.y0) < 1), key=lambda w: w.x1)
        heading = [w.page for w in words if w.text == f"({rug.la_code}):" and w.page > 2]
        assert int(number.text) == heading[0], rug.la_code
    assert len(pages) == int(pdf_info(printed)["Pages"])


def test_regional_trends_are_the_group_and_england_of_the_benchmark_table(pack, south_east_table):
    import polars as pl

    figures = regional_trends(pack.rugs)
    assert len(figures) == len(pack.rugs[0].rows)
    first = figures[0]
    assert first.columns == ("Quarter", pack.group_name, "England")
    row = south_east_table.filter(
        (pl.col("la_code") == "845")
        & (pl.col("period") == Q4.label)
        & (pl.col("row") == first.row)
        & (pl.col("measure") != "count")
    ).row(0, named=True)
    assert first.rows[-1][0] == Q4.label
    assert (
        first.rows[-1][1].replace(",", "").rstrip("%")
        == f"{row['group_value']:.{row['decimals']}f}"
    )


def test_a_draft_pack_says_so(pack):
    draft = replace(pack, draft=Draft(True, ("Kent (886)",), 18, 19))
    html = pack_html(draft)
    assert "DRAFT: signed off but not yet released." in html
    assert "No return yet from Kent (886)" in html
    assert "figures as they stand (not released)" in html
    assert "DRAFT" not in pack_html(pack)


def test_the_cli_writes_the_pack(tmp_path):
    from typer.testing import CliRunner

    from tartan.catalogue import shipped_catalogue
    from tartan.cli import app
    from tartan.demo.files import write_returns
    from tartan.demo.synthetic import synthetic_returns
    from tartan.reference.register import shipped_register

    folder = tmp_path / "returns"
    write_returns(synthetic_returns(FEW, Q4, 2), folder, shipped_register(), shipped_catalogue())
    note = tmp_path / "commentary.txt"
    note.write_text("The region held steady.\n\nMore to say next time.", encoding="utf-8")
    out = tmp_path / "pack.pdf"
    result = CliRunner().invoke(
        app,
        [
            "pack",
            "--returns",
            str(folder),
            "--period",
            Q4.label,
            "-o",
            str(out),
            "--commentary",
            str(note),
        ],
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert pdf_info(data)["Tagged"] == "yes"
    text = pdf_text(data)
    assert "The region held steady." in text
    for code in FEW:
        assert f"{shipped_register()[code].name} ({code})" in text
    assert shipped_groups().default.name in text
