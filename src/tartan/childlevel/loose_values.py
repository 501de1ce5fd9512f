"""Typed columns from sources that do not fix one text form: SSD extracts and databases, and
CSC API payloads.

A database hands over dates as dates; a CSV extract of the same table may write
``2024-05-01``, ``2024-05-01 00:00:00.000`` (SQL Server's default) or ``01/05/2024``; a payload
writes ``YYYY-MM-DD``. Flags come as ``Y``/``N``, ``1``/``0``, ``true``/``false`` or booleans.
Each column is converted whole (polars); the cells that fail are returned so that the reader can
name them in findings. A cell that fails becomes null: ignored, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

_ISO = r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+)?(?:Z|[+-]\d{2}:?\d{2})?$"
_UK = r"^(\d{1,2}/\d{1,2}/\d{4})(?: \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_TRUE = ("y", "yes", "true", "1", "t")
_FALSE = ("n", "no", "false", "0", "f")


@dataclass(frozen=True)
class BadValue:
    index: int
    column: str
    text: str


def _text(series: pl.Series) -> pl.Series:
    text = series.cast(pl.String).str.strip_chars()
    return text.set(text == "", None) if text.len() else text


def _bad(original: pl.Series, converted: pl.Series, column: str) -> list[BadValue]:
    text = _text(original)
    mask = text.is_not_null() & converted.is_null()
    if not mask.any():
        return []
    positions = mask.arg_true().to_list()
    return [BadValue(i, column, str(text[i])) for i in positions]


def dates(series: pl.Series, column: str) -> tuple[pl.Series, list[BadValue]]:
    if series.dtype == pl.Date:
        return series, []
    if isinstance(series.dtype, pl.Datetime):
        return series.dt.date(), []
    if series.dtype == pl.Null:
        return series.cast(pl.Date), []
    text = _text(series)
    frame = pl.DataFrame({"t": text})
    converted = frame.select(
        pl.coalesce(
            pl.col("t").str.extract(_ISO, 1).str.strptime(pl.Date, "%Y-%m-%d", strict=False),
            pl.col("t").str.extract(_UK, 1).str.strptime(pl.Date, "%d/%m/%Y", strict=False),
        )
    ).to_series()
    return converted.alias(series.name), _bad(series, converted, column)


def flags(series: pl.Series, column: str) -> tuple[pl.Series, list[BadValue]]:
    if series.dtype == pl.Boolean:
        return series, []
    if series.dtype == pl.Null:
        return series.cast(pl.Boolean), []
    frame = pl.DataFrame({"t": _text(series).str.to_lowercase()})
    converted = frame.select(
        pl.when(pl.col("t").is_in(_TRUE))
        .then(True)
        .when(pl.col("t").is_in(_FALSE))
        .then(False)
        .otherwise(None)
    ).to_series()
    return converted.alias(series.name), _bad(series, converted, column)


def codes(series: pl.Series) -> pl.Series:
    """Identifiers and codes as trimmed text (a database may hand over numbers)."""
    return _text(series) if series.dtype != pl.Null else series.cast(pl.String)
