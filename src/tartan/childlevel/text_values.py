"""Typed columns from the text of child-level files, and the cells that would not convert.

Both readers keep every value as text first and convert whole columns at once (polars), so a
large file is converted quickly; only the cells that fail are then looked at one by one to
write findings. A cell that fails becomes null: the value is ignored, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

# xs:date, with the time or time zone that some case systems append (2024-05-01T00:00:00,
# 2024-05-01Z, 2024-05-01+01:00): the date part is what the census means.
_ISO = r"^(\d{4}-\d{2}-\d{2})(?:T[0-9:.]+)?(?:Z|[+-]\d{2}:\d{2})?$"
# SSDA903's dd/mm/yyyy, with the midnight time Excel adds when it saves a date cell.
_UK = r"^(\d{1,2}/\d{1,2}/\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"

_TRUE = ("true", "1", "yes", "y")
_FALSE = ("false", "0", "no", "n")


@dataclass(frozen=True)
class BadCell:
    index: int  # position of the row in the frame
    column: str
    text: str


def _clean(column: str) -> pl.Expr:
    text = pl.col(column).cast(pl.String).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _bad_cells(frame: pl.DataFrame, column: str, converted: pl.Series) -> list[BadCell]:
    text = frame.select(_clean(column)).to_series()
    mask = text.is_not_null() & converted.is_null()
    if not mask.any():
        return []
    positions = mask.arg_true().to_list()
    values = text.gather(positions).to_list()
    return [BadCell(i, column, v) for i, v in zip(positions, values, strict=True)]


def _convert(
    frame: pl.DataFrame, columns: list[str], build: Callable[[str], pl.Expr]
) -> tuple[pl.DataFrame, list[BadCell]]:
    bad: list[BadCell] = []
    converted: dict[str, pl.Series] = {}
    for column in columns:
        if column not in frame.columns:
            continue
        series = frame.select(build(column)).to_series().alias(column)
        bad.extend(_bad_cells(frame, column, series))
        converted[column] = series
    return frame.with_columns(list(converted.values())), bad


def _iso_date(column: str) -> pl.Expr:
    return _clean(column).str.extract(_ISO, 1).str.strptime(pl.Date, "%Y-%m-%d", strict=False)


def _uk_date(column: str) -> pl.Expr:
    return _clean(column).str.extract(_UK, 1).str.strptime(pl.Date, "%d/%m/%Y", strict=False)


def _yes_no(column: str) -> pl.Expr:
    text = _clean(column).str.to_lowercase()
    return (
        pl.when(text.is_in(_TRUE)).then(True).when(text.is_in(_FALSE)).then(False).otherwise(None)
    )


def _whole_number(column: str) -> pl.Expr:
    return _clean(column).cast(pl.Int64, strict=False)


def iso_dates(frame: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, list[BadCell]]:
    """yyyy-mm-dd columns (the CIN census) as dates."""
    return _convert(frame, columns, _iso_date)


def uk_dates(frame: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, list[BadCell]]:
    """dd/mm/yyyy columns (SSDA903) as dates."""
    return _convert(frame, columns, _uk_date)


def yes_no(frame: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, list[BadCell]]:
    return _convert(frame, columns, _yes_no)


def whole_numbers(frame: pl.DataFrame, columns: list[str]) -> tuple[pl.DataFrame, list[BadCell]]:
    return _convert(frame, columns, _whole_number)
