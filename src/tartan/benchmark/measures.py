"""Measures: counts, rates per 10,000, percentages and average days, in polars.

Every ratio keeps its numerator and denominator so that comparators can pool them (sum of
numerators over sum of denominators), and is rounded half up to the indicator's published
precision exactly (integer arithmetic where both parts are whole), as DfE rounds.
"""

from __future__ import annotations

import polars as pl

from tartan.catalogue import POPULATION, Catalogue, MeasureKind
from tartan.periods import Period
from tartan.reference.population import Population

QUARTER = "quarter"
ROLLING = "12m"
YEAR = "year"

ITEM_COLUMNS = ("la_code", "period", "window", "item", "value", "symbol", "source")
VALUE_SCHEMA: dict[str, pl.DataType] = {
    "la_code": pl.String(),
    "period": pl.String(),
    "window": pl.String(),
    "indicator": pl.String(),
    "measure": pl.String(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "value_exact": pl.Float64(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "source": pl.String(),
}


def round_half_up(
    numerator: pl.Expr, denominator: pl.Expr, multiplier: int | pl.Expr, decimals: int | pl.Expr
) -> pl.Expr:
    """numerator / denominator × multiplier, rounded half up to ``decimals`` places.

    Whole numbers go through integers so that 0.5 boundaries are exact (16.65 → 16.7, never
    16.6 from a float that came out as 16.6499…); day sums with fractions use floats.
    ``multiplier`` and ``decimals`` may be columns, for frames that mix measures.
    """
    multiplier = pl.lit(multiplier, pl.Int64) if isinstance(multiplier, int) else multiplier
    scale = pl.lit(10, pl.Int64).pow(
        decimals if isinstance(decimals, pl.Expr) else pl.lit(decimals, pl.Int64)
    )
    whole = (numerator == numerator.round(0)) & (denominator == denominator.round(0))
    num_int = numerator.round(0).cast(pl.Int64)
    den_int = denominator.round(0).cast(pl.Int64)
    exact = ((num_int * multiplier * scale * 2 + den_int) // (den_int * 2)).cast(pl.Float64)
    approx = ((numerator * multiplier * scale / denominator) + 0.5 + 1e-9).floor()
    # The last round only snaps 127 / 10 to the float nearest 12.7 (a division by a literal
    # can become a multiplication by 0.1); no indicator has more than 3 decimals.
    return (pl.when(whole).then(exact).otherwise(approx) / scale.cast(pl.Float64)).round(3)


def round_value(value: pl.Expr, decimals: int | pl.Expr) -> pl.Expr:
    """A computed figure (a mean of neighbours) rounded half up to ``decimals`` places."""
    scale = pl.lit(10.0).pow(decimals if isinstance(decimals, pl.Expr) else pl.lit(decimals))
    return ((value * scale + 0.5 + 1e-9).floor() / scale).round(3)


def period_index(labels: pl.Series) -> dict[str, int]:
    return {label: Period.parse(label).index for label in labels.unique().to_list()}


def windowed_items(observations: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """Quarterly observations → the quarter's figure and the 12 months to the quarter's end.

    Flows are summed over the last four quarters (null unless all four are there); stocks are
    point-in-time, so their 12-month figure is the quarter-end figure.
    """
    if observations.is_empty():
        return pl.DataFrame(
            schema={c: pl.String() if c != "value" else pl.Float64() for c in ITEM_COLUMNS}
        )
    flows = [item.id for item in catalogue.items.values() if item.kind == "flow"]
    indexes = period_index(observations["period"])
    quarters = observations.select(
        "la_code",
        "period",
        "item",
        "value",
        "symbol",
        "source",
        pl.col("period").replace_strict(indexes, return_dtype=pl.Int64).alias("idx"),
    )
    first, last = quarters["idx"].min(), quarters["idx"].max()
    assert isinstance(first, int)
    assert isinstance(last, int)
    grid = (
        quarters.select("la_code", "item")
        .unique()
        .join(
            pl.DataFrame({"idx": range(first - 3, last + 1)}, schema={"idx": pl.Int64}), how="cross"
        )
        .join(quarters, on=["la_code", "item", "idx"], how="left")
        .sort("la_code", "item", "idx")
    )
    rolling = grid.with_columns(
        pl.col("value")
        .rolling_sum(window_size=4, min_samples=4)
        .over("la_code", "item")
        .alias("rolled"),
    ).filter(pl.col("period").is_not_null())
    quarter_rows = rolling.select(
        *ITEM_COLUMNS[:2], pl.lit(QUARTER).alias("window"), *ITEM_COLUMNS[3:]
    )
    twelve = rolling.select(
        "la_code",
        "period",
        pl.lit(ROLLING).alias("window"),
        "item",
        pl.when(pl.col("item").is_in(flows))
        .then(pl.col("rolled"))
        .otherwise(pl.col("value"))
        .alias("value"),
        pl.when(pl.col("item").is_in(flows) & pl.col("rolled").is_null())
        .then(pl.coalesce(pl.col("symbol"), pl.lit("x")))
        .otherwise(pl.col("symbol"))
        .alias("symbol"),
        "source",
    )
    return pl.concat([quarter_rows, twelve])


def population_frame(areas: list[str], periods: list[str], population: Population) -> pl.DataFrame:
    rows = []
    for area in areas:
        for label in periods:
            figure = population.for_period(area, Period.parse(label))
            rows.append(
                (
                    area,
                    label,
                    float(figure.value) if figure else None,
                    figure.carried_forward if figure else None,
                )
            )
    return pl.DataFrame(
        rows,
        schema={
            "la_code": pl.String(),
            "period": pl.String(),
            "population": pl.Float64(),
            "population_carried": pl.Boolean(),
        },
        orient="row",
    )


def indicator_values(
    items: pl.DataFrame,
    catalogue: Catalogue,
    population: Population,
    denominators: dict[tuple[str, str], dict[str, str]] | None = None,
) -> pl.DataFrame:
    """Long items (la_code, period, window, item, value, symbol, source) → one row per measure.

    ``denominators`` swaps an item for another in one measure (the published adoption
    percentage divides by DfE's reasons total, see ``published.sources``).
    """
    if items.is_empty():
        return pl.DataFrame(schema=VALUE_SCHEMA)
    keys = ["la_code", "period", "window"]
    wide = items.pivot(
        on="item", index=keys, values=["value", "symbol", "source"], aggregate_function="first"
    )
    pops = population_frame(
        items["la_code"].unique().sort().to_list(), items["period"].unique().to_list(), population
    )
    wide = wide.join(pops, on=["la_code", "period"], how="left")
    present = set(wide.columns)
    frames = []
    for indicator, measure in catalogue.measure_rows():
        swap = (denominators or {}).get((indicator.id, measure.kind.value), {})
        num_item = swap.get(measure.numerator, measure.numerator)
        den_item = swap.get(measure.denominator or "", measure.denominator)
        num = _item_value(num_item, present)
        num_symbol = _item_symbol(num_item, present)
        if den_item == POPULATION:
            den, den_symbol = pl.col("population"), pl.lit(None, pl.String)
        elif den_item is None:
            den, den_symbol = pl.lit(1.0), pl.lit(None, pl.String)
        else:
            den, den_symbol = _item_value(den_item, present), _item_symbol(den_item, present)
        decimals = indicator.decimals_of(measure.kind)
        multiplier = measure.kind.multiplier
        computable = num.is_not_null() & den.is_not_null() & (den > 0)
        # None of a suppressed (1-5, so non-zero) total is 0%: DfE prints it, so do we.
        zero_of_suppressed = (num == 0) & (den_symbol == "c")
        frames.append(
            wide.select(
                *keys,
                pl.lit(indicator.id).alias("indicator"),
                pl.lit(measure.kind.value).alias("measure"),
                num.alias("numerator"),
                (den if measure.kind != MeasureKind.COUNT else pl.lit(None, pl.Float64)).alias(
                    "denominator"
                ),
                pl.when(computable)
                .then(num * multiplier / den)
                .when(zero_of_suppressed)
                .then(0.0)
                .alias("value_exact"),
                pl.when(computable)
                .then(round_half_up(num, den, multiplier, decimals))
                .when(zero_of_suppressed)
                .then(0.0)
                .alias("value"),
                pl.when(computable | zero_of_suppressed)
                .then(pl.lit(None, pl.String))
                .otherwise(
                    pl.coalesce(
                        num_symbol,
                        den_symbol,
                        pl.when(den == 0).then(pl.lit("z")),
                        pl.lit("x"),
                    )
                )
                .alias("symbol"),
                _item_column("source", num_item, present, pl.String).alias("source"),
            )
        )
    return pl.concat(frames).cast(VALUE_SCHEMA)  # type: ignore[arg-type]


def _item_column(kind: str, item: str, present: set[str], dtype: type[pl.DataType]) -> pl.Expr:
    column = f"{kind}_{item}"
    return pl.col(column) if column in present else pl.lit(None, dtype)


def _item_value(item: str, present: set[str]) -> pl.Expr:
    return _item_column("value", item, present, pl.Float64)


def _item_symbol(item: str, present: set[str]) -> pl.Expr:
    return _item_column("symbol", item, present, pl.String)
