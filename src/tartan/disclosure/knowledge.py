"""What an intruder can know from DfE's and ONS's publications, for a period."""

from __future__ import annotations

from functools import cache

import polars as pl

from tartan.benchmark.table import published_benchmark
from tartan.disclosure.designs import band_of
from tartan.disclosure.intruder import Knowledge
from tartan.periods import Period
from tartan.reference.population import shipped_population


@cache
def _published_year(year_end: int) -> pl.DataFrame:
    return published_benchmark(year_end)


def published_knowledge(period: Period, la_codes: list[str]) -> Knowledge:
    """Each authority's latest published figure and band per table (a year back where the
    latest year does not publish the measure, as for adoptions), and its child population."""
    year = period.latest_year_not_after().year_end
    values: dict[str, dict[str, float]] = {}
    bands: dict[str, dict[str, str]] = {}
    for year_end in (year, year - 1):
        table = _published_year(year_end).filter(
            pl.col("la_code").is_in(la_codes) & (pl.col("measure") != "count")
        )
        for row in table.iter_rows(named=True):
            key = f"{row['indicator']}:{row['measure']}"
            if row["value"] is None or row["la_code"] in values.get(key, {}):
                continue
            values.setdefault(key, {})[row["la_code"]] = row["value"]
            bands.setdefault(key, {})[row["la_code"]] = band_of(row)
    population = {}
    for code in la_codes:
        figure = shipped_population().for_period(code, period)
        if figure is not None:
            population[code] = float(figure.value)
    return Knowledge(values, bands, population)
