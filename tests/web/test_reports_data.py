"""Tidy data downloads of the report pages' tables (issue 13.12): CSV, XLSX and Parquet read back
by polars (and pandas where installed) with the header in the first row and the values of the
benchmark table; the protective marking in each; the page's permission, denied cases included."""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest

from tartan.benchmark.export import MARKING_KEY
from tartan.benchmark.tidy import MARKING_COLUMN
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action, AuditEvent
from tartan.web.reports.data import View, benchmark
from tartan.web.reports.tidy_data import overview_table, rug_table
from tartan.web.sharing.models import AgreedPurpose
from tests.web.conftest import MEMBERS, signed_in
from tests.web.test_permissions import World, _check
from tests.web.test_permissions import world as world

pytestmark = pytest.mark.django_db
FORMATS = ("csv", "xlsx", "parquet")


def _marked_schema(expected: pl.DataFrame) -> dict[str, pl.DataType]:
    return {**expected.schema, MARKING_COLUMN: pl.String()}


def _read(data: bytes, file_format: str, expected: pl.DataFrame) -> pl.DataFrame:
    """What an analyst's tool reads: the first line (row) is the header, nothing skipped."""
    if file_format == "csv":
        return pl.read_csv(io.BytesIO(data), schema=_marked_schema(expected))
    if file_format == "parquet":
        return pl.read_parquet(io.BytesIO(data))
    read = pl.read_excel(io.BytesIO(data), sheet_name="data")
    # A spreadsheet has numbers, text and booleans only: cast back to the table's types.
    return read.select(
        pl.col(name).cast(dtype, strict=True) for name, dtype in _marked_schema(expected).items()
    )


def _assert_same(read: pl.DataFrame, expected: pl.DataFrame, marking_line: str) -> None:
    assert read.columns == [*expected.columns, MARKING_COLUMN]
    assert read.height == expected.height > 0
    assert set(read[MARKING_COLUMN].to_list()) == {marking_line}
    got = read.drop(MARKING_COLUMN)
    for name in expected.columns:
        left, right = got[name], expected[name]
        if right.dtype.is_float():
            assert (left.is_null() == right.is_null()).all(), name
            assert ((left - right).abs().fill_null(0) < 1e-9).all(), name
        else:
            assert left.to_list() == right.to_list(), name


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_rug_and_the_overview_download_as_the_benchmark_table(
    released_round, make_user, file_format
):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    client = signed_in(keystaff)
    table = benchmark(released_round, View.RELEASED).table
    cases = {
        f"/reports/rounds/{released_round.pk}/rugs/846/data.{file_format}": rug_table(table, "846"),
        f"/reports/rounds/{released_round.pk}/overview/data.{file_format}": overview_table(
            table, released_round
        ),
    }
    for url, expected in cases.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].endswith(f'.{file_format}"')
        read = _read(response.content, file_format, expected)
        marking = read[MARKING_COLUMN][0]
        assert marking.startswith("INTERNAL AND LIMITED USE under the South East")
        assert "Produced for" in marking
        assert keystaff.display_name in marking
        _assert_same(read, expected, marking)
        if file_format == "parquet":
            assert pl.read_parquet_metadata(io.BytesIO(response.content))[MARKING_KEY] == marking
    rug = rug_table(table, "846")
    assert set(rug["la_code"].to_list()) == {"846"}
    overview = overview_table(table, released_round)
    assert set(overview["la_code"].to_list()) == set(MEMBERS)


def test_the_csv_header_is_the_first_line_and_counts_are_whole_numbers(released_round, dbg):
    response = signed_in(dbg).get(f"/reports/rounds/{released_round.pk}/rugs/845/data.csv")
    text = response.content.decode("utf-8-sig")  # what Excel and R (UTF-8-BOM) read
    rows = list(csv.reader(io.StringIO(text)))
    table = rug_table(benchmark(released_round, View.WORKING).table, "845")
    assert rows[0] == [*table.columns, MARKING_COLUMN]
    assert response.content.startswith(b"\xef\xbb\xbf")  # so Excel reads "×" as UTF-8
    value = rows[0].index("quarter_value")
    measure = rows[0].index("measure")
    counts = [row[value] for row in rows[1:] if row[measure] == "count" and row[value]]
    assert counts
    assert all(c.isdigit() for c in counts), counts[:5]  # "1019", not "1019.0"
    assert not any(c.endswith((".0", ".00")) for row in rows[1:] for c in row)


def test_the_xlsx_has_a_data_sheet_and_a_marking_sheet(released_round, dbg):
    response = signed_in(dbg).get(f"/reports/rounds/{released_round.pk}/rugs/845/data.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["data", "marking"]
    data = book["data"]
    header = [cell.value for cell in data[1]]
    assert header[0] == "period"
    assert header[-1] == MARKING_COLUMN
    assert book["marking"]["A1"].value.startswith("INTERNAL AND LIMITED USE under the South East")
    measure, value = header.index("measure"), header.index("quarter_value")
    shown = {
        (row[measure].value, row[value].number_format)
        for row in data.iter_rows(min_row=2)
        if row[value].value is not None
    }
    assert ("count", "#,##0") in shown  # counts: whole numbers with thousands separators
    assert ("rate", "#,##0.0") in shown  # rates: the indicator's published precision


def test_pandas_reads_each_format(released_round, dbg):
    pd = pytest.importorskip("pandas")
    client = signed_in(dbg)
    expected = rug_table(benchmark(released_round, View.WORKING).table, "845")
    base = f"/reports/rounds/{released_round.pk}/rugs/845/data"
    frames = [
        pd.read_csv(io.BytesIO(client.get(f"{base}.csv").content), dtype={"la_code": str}),
        pd.read_excel(io.BytesIO(client.get(f"{base}.xlsx").content), sheet_name="data"),
        pd.read_parquet(io.BytesIO(client.get(f"{base}.parquet").content)),
    ]
    for frame in frames:
        assert list(frame.columns) == [*expected.columns, MARKING_COLUMN]
        assert frame["quarter_value"].sum() == pytest.approx(expected["quarter_value"].sum())


@pytest.mark.parametrize("file_format", FORMATS)
def test_rug_data_has_the_rugs_permission(world: World, file_format):
    readers = {"dbg", "keystaff_845", "keystaff_846", "analyst_845", "dfe", "programme"}
    url = f"/reports/rounds/{world.released.pk}/rugs/845/data.{file_format}"
    _check(world, "get", url, readers)


def test_overview_data_has_the_overviews_permission(world: World):
    readers = {"dbg", "keystaff_845", "keystaff_846", "dfe", "programme"}
    _check(world, "get", f"/reports/rounds/{world.released.pk}/overview/data.csv", readers)


def test_an_unreleased_quarter_is_downloadable_by_its_dbg_alone(world: World):
    for url in (
        f"/reports/rounds/{world.unreleased.pk}/rugs/845/data.csv",
        f"/reports/rounds/{world.unreleased.pk}/rugs/845/data.parquet",
        f"/reports/rounds/{world.unreleased.pk}/overview/data.xlsx",
    ):
        _check(world, "get", url, {"dbg"})
    body = world.clients["dbg"].get(f"/reports/rounds/{world.unreleased.pk}/rugs/845/data.csv")
    read = pl.read_csv(io.BytesIO(body.content), infer_schema_length=0)
    assert set(read["period"].to_list()) >= {world.unreleased.period}
    drafts = set(read["draft"].to_list())
    assert len(drafts) == 1
    assert drafts.pop().startswith("DRAFT: not signed off.")


def test_released_data_has_no_draft_column(released_round, dbg):
    body = signed_in(dbg).get(f"/reports/rounds/{released_round.pk}/rugs/845/data.csv")
    read = pl.read_csv(io.BytesIO(body.content), infer_schema_length=0)
    assert "draft" not in read.columns


def test_trends_data_is_the_las_own(world: World):
    own = {"analyst_845", "keystaff_845", "dbg"}
    for table in ("indicators", "figures"):
        for file_format in FORMATS:
            _check(world, "get", f"/reports/trends/845/{table}.{file_format}", own)


def test_national_data_is_the_dfes(world: World):
    _check(world, "get", "/reports/national/quarters.csv", {"dfe"}, denied=403)
    body = world.clients["dfe"].get("/reports/national/quarters.parquet").content
    read = pl.read_parquet(io.BytesIO(body))
    assert read.columns[:4] == ["period", "group_key", "group", "authorities"]
    assert read.row(0, named=True)["authorities"] == len(MEMBERS)
    assert read.row(0, named=True)["period"] == world.released.period


def test_the_dfe_names_an_agreed_purpose_and_the_download_is_audited(world: World):
    dfe = world.users["dfe"]
    url = f"/reports/rounds/{world.released.pk}/overview/data.csv"
    client = world.clients["dfe"]
    asked = client.get(url)
    assert asked["Content-Type"].startswith("text/html")  # the purpose page, not the file
    purpose = AgreedPurpose.objects.create(organisation=dfe.organisation, text="Regional trends")
    response = client.get(f"{url}?purpose={purpose.pk}")
    assert response["Content-Type"].startswith("text/csv")
    event = AuditEvent.objects.filter(action=Action.DOWNLOAD, user=dfe).latest("pk")
    assert event.purpose == "Regional trends"
    assert event.summary.startswith("data regional_overview_data_")
    assert ",845," in event.la_codes
    assert ",846," in event.la_codes
