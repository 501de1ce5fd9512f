"""One definition, three inputs: the same synthetic children as a CIN census with SSDA903, as
SSD extracts (CSV, Parquet, SQLite, PostgreSQL) and as CSC API payloads give exactly the return
the generator was built from (the API route leaves A2 blank: the payload has no court
authority)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import polars as pl
import pytest

from tartan.childlevel.compute import compute_return
from tartan.childlevel.synthetic import GeneratorError, generate
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tests.childlevel.ssd_database import drop_schema, load_ssd

FORMATS = ("census", "ssd", "csc-api")
API_BLANK = {"a2_days", "a2_children"}


def _generated(la: str, quarter: str, seed: int, folder: Path):
    period = Period.parse(quarter)
    for attempt in range(seed, seed + 25):
        figures = synthetic_returns([la], period, quarters=1, seed=attempt)[-1].figures
        try:
            files = generate(figures, la, period, folder, seed=attempt, formats=FORMATS)
        except GeneratorError:
            continue
        return period, files
    raise AssertionError(f"no synthetic return for {la} {quarter}")


@pytest.fixture(scope="module")
def east_sussex(tmp_path_factory):
    return _generated("845", "2024-25 Q1", 1, tmp_path_factory.mktemp("three"))


def test_the_census_route_gives_the_return(east_sussex):
    period, files = east_sussex
    result = compute_return(period, files.cin, files.ssda903, "845")
    assert result.findings == []
    assert result.figures == files.figures


def test_ssd_csv_extracts_give_the_return(east_sussex):
    period, files = east_sussex
    result = compute_return(period, la_code="845", ssd=str(files.ssd))
    assert result.findings == []
    assert result.figures == files.figures


def test_ssd_parquet_extracts_give_the_return(east_sussex, tmp_path):
    period, files = east_sussex
    for path in files.ssd.glob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False)
        dates = [c for c in frame.columns if c.endswith("_date")]
        frame = frame.with_columns(pl.col(dates).str.strptime(pl.Date, "%Y-%m-%d"))
        frame.write_parquet(tmp_path / f"{path.stem.upper()}.parquet")
    result = compute_return(period, la_code="845", ssd=str(tmp_path))
    assert result.findings == []
    assert result.figures == files.figures


def test_an_ssd_in_sqlite_gives_the_return(east_sussex, tmp_path):
    period, files = east_sussex
    url = f"sqlite:///{tmp_path / 'ssd.db'}"
    load_ssd(files.ssd, url)
    result = compute_return(period, la_code="845", ssd=url)
    assert result.findings == []
    assert result.figures == files.figures


@pytest.mark.skipif(
    not os.environ.get("TARTAN_TEST_POSTGRES"), reason="TARTAN_TEST_POSTGRES is not set"
)
def test_an_ssd_in_postgresql_gives_the_return(east_sussex):
    period, files = east_sussex
    url = os.environ["TARTAN_TEST_POSTGRES"].replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"ssd_{uuid.uuid4().hex[:8]}"
    load_ssd(files.ssd, url, schema)
    try:
        result = compute_return(period, la_code="845", ssd=url, ssd_schema=schema)
    finally:
        drop_schema(url, schema)
    assert result.findings == []
    assert result.figures == files.figures


def test_csc_api_payloads_give_the_return_but_a2(east_sussex):
    period, files = east_sussex
    result = compute_return(period, la_code="845", csc_api=files.csc_api)
    assert [f.code for f in result.findings] == ["C509"]
    expected = {k: v for k, v in files.figures.items() if k not in API_BLANK}
    assert result.figures == expected
    # The snapshot alone is a week stale: the delta changes the return.
    snapshot = next(files.csc_api.glob("snapshot-*.json"))
    stale = compute_return(period, la_code="845", csc_api=snapshot)
    assert stale.figures != expected


@pytest.mark.parametrize(
    ("la", "quarter", "seed"), [("886", "2024-25 Q4", 3), ("871", "2024-25 Q3", 5)]
)
def test_other_las_and_quarters_agree_on_all_three_routes(tmp_path, la, quarter, seed):
    period, files = _generated(la, quarter, seed, tmp_path)
    census = compute_return(period, files.cin, files.ssda903, la)
    ssd = compute_return(period, la_code=la, ssd=str(files.ssd))
    api = compute_return(period, la_code=la, csc_api=files.csc_api)
    assert census.figures == ssd.figures == files.figures
    assert api.figures == {k: v for k, v in files.figures.items() if k not in API_BLANK}
