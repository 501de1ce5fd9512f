"""Load SSD table extracts into a real database (SQLite or PostgreSQL), typed as the SSD's
SQL scripts type them: ``…_date`` columns as dates, everything else as text."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from sqlalchemy import Column, Date, MetaData, String, Table, create_engine, text

from tartan.childlevel.loose_values import dates


def load_ssd(folder: Path, url: str, schema: str | None = None) -> None:
    engine = create_engine(url)
    metadata = MetaData(schema=schema)
    with engine.begin() as connection:
        if schema:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        for path in sorted(folder.glob("ssd_*.csv")):
            frame = pl.read_csv(path, infer_schema=False)
            date_columns = [c for c in frame.columns if c.endswith("_date") or c == "pers_dob"]
            frame = frame.with_columns(dates(frame[c], c)[0] for c in date_columns)
            table = Table(
                path.stem,
                metadata,
                *(Column(c, Date if c in date_columns else String(64)) for c in frame.columns),
            )
            table.create(connection)
            if frame.height:
                connection.execute(table.insert(), frame.to_dicts())
    engine.dispose()


def drop_schema(url: str, schema: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()
