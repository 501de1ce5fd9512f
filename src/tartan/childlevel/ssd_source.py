"""Where SSD tables come from: a folder of extracts (CSV or Parquet) or a database.

A folder holds one file per table named after it (``ssd_cin_episodes.csv`` or
``ssd_cin_episodes.parquet``, any case), as an export of the SSD's tables writes them. A
database is reached through an SQLAlchemy URL (``postgresql://…``, ``sqlite:///…``,
``mssql+pyodbc://…`` with the LA's ODBC driver), optionally in a schema. Either way only the
columns asked for are read, and a missing table or column is reported, not guessed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import polars as pl

from tartan.returns.csv_reader import decode_text


class SsdSourceError(Exception):
    """The source cannot be opened or a table cannot be read; the message says why."""


class SsdSource(Protocol):
    label: str
    first_row: int  # the row number of a table's first record (CSV: 2, after the header)

    def columns(self, table: str) -> list[str] | None: ...

    def read(self, table: str, columns: list[str]) -> pl.DataFrame: ...

    def where(self, table: str) -> str: ...


def _is_url(source: str) -> bool:
    return "://" in source or source.startswith("sqlite:")


def open_source(source: str, schema: str | None = None) -> SsdSource:
    if _is_url(source):
        return DatabaseSource(source, schema)
    return FolderSource(Path(source))


@dataclass
class FolderSource:
    folder: Path
    first_row: int = 2

    def __post_init__(self) -> None:
        if not self.folder.is_dir():
            raise SsdSourceError(f"{self.folder} is not a folder of SSD extracts")
        self.label = self.folder.name or str(self.folder)
        self._files: dict[str, Path] = {}
        for path in sorted(self.folder.iterdir()):
            if path.suffix.lower() in (".csv", ".parquet"):
                self._files.setdefault(path.stem.lower(), path)
        self._headers: dict[str, dict[str, str]] = {}

    def where(self, table: str) -> str:
        path = self._files.get(table)
        return path.name if path is not None else f"{table}.csv"

    def _header(self, table: str) -> dict[str, str] | None:
        path = self._files.get(table)
        if path is None:
            return None
        if table not in self._headers:
            try:
                if path.suffix.lower() == ".parquet":
                    names = list(pl.read_parquet_schema(path))
                else:
                    names = pl.read_csv(self._csv_bytes(path), n_rows=0).columns
            except (pl.exceptions.PolarsError, OSError) as error:
                raise SsdSourceError(f"{path.name} cannot be read: {error}") from None
            self._headers[table] = {name.strip().lower(): name for name in names}
        return self._headers[table]

    def _csv_bytes(self, path: Path) -> io.BytesIO:
        text = decode_text(path.read_bytes())
        if text is None:
            raise SsdSourceError(
                f"{path.name} is not text in UTF-8 or Windows-1252 (a workbook saved as .csv?)"
            )
        return io.BytesIO(text.encode("utf-8"))

    def columns(self, table: str) -> list[str] | None:
        header = self._header(table)
        return None if header is None else list(header)

    def read(self, table: str, columns: list[str]) -> pl.DataFrame:
        path = self._files[table]
        header = self._header(table) or {}
        actual = [header[column] for column in columns]
        try:
            if path.suffix.lower() == ".parquet":
                frame = pl.read_parquet(path, columns=actual)
            else:
                frame = pl.read_csv(self._csv_bytes(path), columns=actual, infer_schema=False)
        except (pl.exceptions.PolarsError, OSError) as error:
            raise SsdSourceError(f"{path.name} cannot be read: {error}") from None
        return frame.rename(dict(zip(actual, columns, strict=True)))


class DatabaseSource:
    first_row = 1

    def __init__(self, url: str, schema: str | None) -> None:
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, SQLAlchemyError

        try:
            parsed = make_url(url)
            self.label = parsed.render_as_string(hide_password=True)
            self._engine = create_engine(parsed)
            with self._engine.connect() as connection:
                inspector = inspect(connection)
                self._tables = {
                    name.lower(): name for name in inspector.get_table_names(schema=schema)
                }
                self._columns: dict[str, dict[str, str]] = {}
                for lower, name in self._tables.items():
                    if lower.startswith("ssd_"):
                        found = inspector.get_columns(name, schema=schema)
                        self._columns[lower] = {c["name"].lower(): c["name"] for c in found}
        except (ArgumentError, SQLAlchemyError, ImportError) as error:
            message = str(error).splitlines()[0]
            raise SsdSourceError(f"the database cannot be reached: {message}") from None
        self._schema = schema

    def where(self, table: str) -> str:
        return f"{self._schema}.{table}" if self._schema else table

    def columns(self, table: str) -> list[str] | None:
        found = self._columns.get(table)
        return None if found is None else list(found)

    def read(self, table: str, columns: list[str]) -> pl.DataFrame:
        from sqlalchemy import column, select
        from sqlalchemy import table as sql_table
        from sqlalchemy.exc import SQLAlchemyError

        actual = [self._columns[table][name] for name in columns]
        query: Any = select(*(column(name) for name in actual)).select_from(
            sql_table(self._tables[table], schema=self._schema)
        )
        try:
            with self._engine.connect() as connection:
                rows: list[Any] = [tuple(row) for row in connection.execute(query)]
        except SQLAlchemyError as error:
            raise SsdSourceError(f"{table} cannot be read: {str(error).splitlines()[0]}") from None
        data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
        try:
            return pl.DataFrame(data, strict=False)
        except (pl.exceptions.PolarsError, TypeError):
            # Mixed types in one column (SQLite keeps what it is given): read them as text.
            return pl.DataFrame(
                {k: [None if v is None else str(v) for v in vs] for k, vs in data.items()},
                schema={k: pl.String() for k in data},
            )
