"""An LA's own indicator values, quarter by quarter, from its returns alone.

The figures an LA sees on "your figures by quarter" before any comparison: the same measures,
denominators and half-up rounding to the DfE's published precision as the benchmark table
(``measures.indicator_values``), without the group, neighbours or England.
"""

from __future__ import annotations

import polars as pl

from tartan.benchmark.compare import MEASURE_KEYS, measure_meta
from tartan.benchmark.measures import QUARTER, indicator_values, windowed_items
from tartan.benchmark.table import headline_values
from tartan.catalogue import Catalogue
from tartan.periods import Period
from tartan.reference.population import Population

OWN_COLUMNS = [
    "la_code",
    "period",
    "indicator",
    "indicator_number",
    "indicator_title",
    "row",
    "row_title",
    "measure",
    "window",
    "value",
    "symbol",
    "quarter_value",
    "quarter_symbol",
    "numerator",
    "denominator",
    "polarity",
    "decimals",
    "source",
]


def own_values(
    observations: pl.DataFrame, catalogue: Catalogue, population: Population
) -> pl.DataFrame:
    """One row per period × indicator × measure: the headline figure (12 months for flows,
    quarter end for stocks, as on the rug) and the quarter's own figure, each with its symbol."""
    if observations.is_empty():
        return pl.DataFrame(schema={c: pl.String() for c in OWN_COLUMNS})
    values = indicator_values(windowed_items(observations, catalogue), catalogue, population)
    quarter_symbols = values.filter(pl.col("window") == QUARTER).select(
        "la_code", "period", *MEASURE_KEYS, pl.col("symbol").alias("quarter_symbol")
    )
    meta = measure_meta(catalogue).select(
        *MEASURE_KEYS,
        "indicator_number",
        "indicator_title",
        "row",
        "row_title",
        "polarity",
        "decimals",
    )
    order = {label: Period.parse(label).index for label in values["period"].unique().to_list()}
    table = (
        headline_values(values, catalogue)
        .join(quarter_symbols, on=["la_code", "period", *MEASURE_KEYS], how="left")
        .join(meta, on=MEASURE_KEYS, how="left")
        .with_columns(pl.col("period").replace_strict(order, return_dtype=pl.Int64).alias("_i"))
        .sort("la_code", "_i", "indicator_number", "row", "measure")
    )
    return table.select(OWN_COLUMNS)
