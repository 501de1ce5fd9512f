"""Write the benchmark table: CSV with the protective marking on its first line, or Parquet
with the marking in the file's metadata."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tartan.marking import ProtectiveMarking

MARKING_KEY = "protective_marking"


def write_table(
    table: pl.DataFrame, path: Path, file_format: str, marking: ProtectiveMarking
) -> None:
    if file_format == "parquet":
        table.write_parquet(path, metadata={MARKING_KEY: marking.one_line})
        return
    path.write_bytes(csv_bytes(table, marking))


def csv_bytes(table: pl.DataFrame, marking: ProtectiveMarking) -> bytes:
    """The table as CSV, its first line the protective marking (a comment readers skip)."""
    return (marking.csv_line() + "\n" + table.write_csv()).encode("utf-8")


def read_table(path: Path) -> pl.DataFrame:
    """Read a table written by ``write_table`` (the marking line is skipped)."""
    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    return pl.read_csv(path, comment_prefix="#", infer_schema_length=10_000)
