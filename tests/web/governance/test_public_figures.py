"""The public figures page (memorandum 6.2.4 and 5.5.3.iv): DfE's published figures only, never
a figure of the group's unpublished quarterly returns."""

from __future__ import annotations

import re

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse

from tartan.benchmark.table import published_benchmark
from tartan.catalogue import shipped_catalogue
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.rug.formats import format_value
from tartan.web.collection.models import CollectionRound
from tartan.web.demo_load import load_demo_database
from tartan.web.governance.services.public import (
    indicator_choices,
    public_group,
    published_years,
)
from tartan.web.reports.data import View, benchmark_table

pytestmark = pytest.mark.django_db
CELL = re.compile(r'govuk-table__cell--numeric">([^<]*)</td>')


def figure_cells(html: str) -> set[str]:
    """The figures shown (ranks, "12 of 153", are positions, not figures)."""
    return {t.strip() for t in CELL.findall(html) if t.strip() and " of " not in t}


def formatted(rows: pl.DataFrame, column: str) -> set[str]:
    return {
        format_value(r[column], r["measure"], r["decimals"] or 0)
        for r in rows.iter_rows(named=True)
        if r[column] is not None
    }


def test_the_page_shows_dfe_s_published_figures_for_the_region(organisations):
    """The default group (the South East) is a region: its LAs, the region and England."""
    year = published_years()[0]
    html = (
        Client()
        .get(reverse("governance:public-figures"), {"year": year, "indicator": "cpp|rate"})
        .content.decode()
    )
    table = published_benchmark(year).filter(
        (pl.col("group") == "South East")
        & (pl.col("indicator") == "cpp")
        & (pl.col("measure") == "rate")
    )
    assert table.height == 19
    west_sussex = table.filter(pl.col("la_code") == "938").row(0, named=True)
    shown = format_value(west_sussex["value"], "rate", west_sussex["decimals"] or 0)
    assert re.search(rf"West Sussex</th>\s*<td[^>]*>{re.escape(shown)}</td>", html)
    assert "Children in need, reporting year" in html  # the release is cited


def test_the_public_figures_page_holds_no_value_of_the_demo_s_unpublished_returns(tmp_path):
    members = list(shipped_groups().default.members)
    write_returns(
        synthetic_returns(members, Period.parse("2024-25 Q4"), 3),
        tmp_path,
        shipped_register(),
        shipped_catalogue(),
    )
    load_demo_database(tmp_path)
    unpublished: set[str] = set()
    for round_ in CollectionRound.objects.filter(group_key=shipped_groups().default_key):
        rows = benchmark_table(round_, View.WORKING).filter(~pl.col("published"))
        unpublished |= formatted(rows, "quarter_value") | formatted(rows, "value")
    client = Client()
    shown: set[str] = set()
    published: set[str] = set()
    for year in published_years()[:2]:
        table = published_benchmark(year)
        published |= formatted(table, "value") | formatted(table, "group_value")
        published |= formatted(table, "england_value")
        for value, _ in indicator_choices(public_group(), year):
            page = client.get(
                reverse("governance:public-figures"), {"year": year, "indicator": value}
            )
            assert page.status_code == 200
            shown |= figure_cells(page.content.decode())
    # A figure the returns share with a published one cannot tell which it came from; every
    # other unpublished figure must be absent. There are plenty of them to find.
    telling = unpublished - published
    assert len(telling) > 200
    figures = {t for t in shown if not re.fullmatch(r"[a-z\[\].]+", t)}  # DfE's symbols apart
    assert figures
    assert figures <= published
    assert not shown & telling
