"""Tidy data files of a table a page shows: CSV, XLSX and Parquet that analysts' tools read as is.

One row per observation and one column per variable, the header on the first line (row 1 of the
sheet), so Excel, Power Query, pandas, polars and R read it without skipping anything. The
protective marking travels with the data in a way each format keeps:

- CSV: a ``marking`` column, the same text on every row (a comment line above the header would
  break Excel's and Power Query's header detection, and is lost by a filter anyway). UTF-8 with a
  byte order mark, which Excel needs to read "×" or "é"; pandas, polars and readr skip it.
- XLSX: the data sheet with the ``marking`` column, and a ``marking`` sheet that states it in
  full, one statement per line;
- Parquet: the ``marking`` column, and the file's key-value metadata (``protective_marking``,
  the key ``tartan.benchmark.export`` already uses).

Numbers are numbers: a whole number is written without decimals (a count is "920", never
"920.0" or "920.00"), anything else as the shortest text that reads back to the same value. In
the XLSX a figure is shown to its indicator's published precision (the row's ``decimals``) with
thousands separators, and counts as whole numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import polars as pl
import xlsxwriter

from tartan.benchmark.export import MARKING_KEY
from tartan.marking import ProtectiveMarking

MARKING_COLUMN = "marking"
DATA_SHEET = "data"
MARKING_SHEET = "marking"
BOM = "\ufeff"

# Columns that hold an indicator's figure (or a statistic of figures): shown in the XLSX to the
# row's published precision. Other numbers are counts, ranks or sizes: whole numbers.
FIGURE_COLUMNS = frozenset(
    {
        "value",
        "quarter_value",
        "group_value",
        "sn_average",
        "england_value",
        "england_min",
        "england_q1",
        "england_median",
        "england_q3",
        "england_max",
        "change_previous",
        "change_year_ago",
    }
)
DECIMALS_COLUMN = "decimals"


def with_marking(table: pl.DataFrame, marking: ProtectiveMarking) -> pl.DataFrame:
    """The table with the marking as its last column (every row; a table with no rows keeps
    the column, so the header still names it)."""
    return table.with_columns(pl.lit(marking.one_line, pl.String).alias(MARKING_COLUMN))


def _whole_as_integer(column: str, dtype: pl.DataType) -> pl.Expr:
    value = pl.col(column)
    if not dtype.is_float():
        return value
    whole = value.is_finite() & (value == value.round(0)) & (value.abs() < 2**53)
    return (
        pl.when(whole)
        .then(value.cast(pl.Int64).cast(pl.String))
        .otherwise(value.cast(pl.String))
        .alias(column)
    )


def csv_bytes(table: pl.DataFrame, marking: ProtectiveMarking) -> bytes:
    """The table as CSV: the header on the first line, the marking in its own column."""
    marked = with_marking(table, marking)
    written = marked.select(_whole_as_integer(name, dtype) for name, dtype in marked.schema.items())
    return (BOM + written.write_csv()).encode("utf-8")


def parquet_bytes(table: pl.DataFrame, marking: ProtectiveMarking) -> bytes:
    """The table as Parquet: the marking in a column and in the file's metadata."""
    out = io.BytesIO()
    with_marking(table, marking).write_parquet(out, metadata={MARKING_KEY: marking.one_line})
    return out.getvalue()


def xlsx_bytes(
    table: pl.DataFrame, marking: ProtectiveMarking, title: str = "", sources: Iterable[str] = ()
) -> bytes:
    """The table as a workbook: sheet ``data`` (the header in row 1, a filter on it, the top row
    frozen) and sheet ``marking`` (the marking, the title, where the figures come from)."""
    marked = with_marking(table, marking)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    header = book.add_format({"bold": True, "text_wrap": False, "bottom": 1})
    formats: dict[int, object] = {}

    def number_format(decimals: int) -> object:
        if decimals not in formats:
            pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
            formats[decimals] = book.add_format({"num_format": pattern})
        return formats[decimals]

    sheet = book.add_worksheet(DATA_SHEET)
    columns = marked.columns
    for c, name in enumerate(columns):
        sheet.write_string(0, c, name, header)
    decimals_at = columns.index(DECIMALS_COLUMN) if DECIMALS_COLUMN in columns else None
    for r, row in enumerate(marked.iter_rows(), start=1):
        row_decimals = row[decimals_at] if decimals_at is not None else None
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                if columns[c] in FIGURE_COLUMNS and isinstance(row_decimals, int):
                    shown = row_decimals
                else:
                    shown = 0 if float(value).is_integer() else 2
                sheet.write_number(r, c, value, number_format(shown))
            else:
                sheet.write_string(r, c, str(value))
    sheet.freeze_panes(1, 0)
    if marked.height:
        sheet.autofilter(0, 0, marked.height, len(columns) - 1)
    for c, name in enumerate(columns):
        sheet.set_column(c, c, 60 if name == MARKING_COLUMN else max(10, min(40, len(name) + 2)))

    about = book.add_worksheet(MARKING_SHEET)
    about.set_column(0, 0, 110)
    lines = [*marking.lines, "", *([title] if title else []), *sources]
    bold = book.add_format({"bold": True})
    for r, line in enumerate(lines):
        about.write_string(r, 0, line, bold if r == 0 else None)
    book.close()
    return out.getvalue()


FORMATS = {"csv": csv_bytes, "parquet": parquet_bytes}


def tidy_bytes(
    table: pl.DataFrame, marking: ProtectiveMarking, file_format: str, title: str = ""
) -> bytes:
    """The table in ``file_format`` (``csv``, ``xlsx`` or ``parquet``)."""
    if file_format == "xlsx":
        return xlsx_bytes(table, marking, title)
    if file_format not in FORMATS:
        raise ValueError(f"no tidy format {file_format}")
    return FORMATS[file_format](table, marking)
