"""Synthetic quarterly observations for tests, and a helper to pick one row of a table."""

from __future__ import annotations

import polars as pl

from tartan.demo.synthetic import synthetic_returns
from tartan.observations import observation_frame
from tartan.periods import Period


def synthetic_observations(la_codes: list[str], last: str, quarters: int = 12) -> pl.DataFrame:
    made = synthetic_returns(la_codes, Period.parse(last), quarters)
    return observation_frame(
        (r.la_code, r.period.label, item, float(value), None, "synthetic", False)
        for r in made
        for item, value in r.figures.items()
    )


def pick(table: pl.DataFrame, **match: object) -> dict[str, object]:
    rows = table.filter(pl.all_horizontal(pl.col(k) == v for k, v in match.items()))
    assert rows.height == 1, (match, rows.height)
    return rows.row(0, named=True)
