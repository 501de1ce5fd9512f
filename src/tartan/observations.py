"""Observations: the one table everything flows through.

``(la_code, period, item, value, symbol, source, published)``: a return version, a published DfE
file and the cross-regional dataset all yield rows of this shape.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

OBSERVATION_SCHEMA: dict[str, pl.DataType] = {
    "la_code": pl.String(),
    "period": pl.String(),
    "item": pl.String(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "source": pl.String(),
    "published": pl.Boolean(),
}

Observation = tuple[str, str, str, float | None, str | None, str, bool]


def observation_frame(rows: Iterable[Observation]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=OBSERVATION_SCHEMA, orient="row")


def empty_observations() -> pl.DataFrame:
    return pl.DataFrame(schema=OBSERVATION_SCHEMA)
