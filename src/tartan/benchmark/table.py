"""The benchmark table: one row per period × LA × indicator × measure, with every comparator.

Two entry points share ``compare.compare_period``:

- ``quarterly_benchmark``: LAs' quarterly returns (and other regions' released quarters), with
  statistical neighbours and England taken from quarterly data where the system has it and
  otherwise from the latest published annual figure not later than the quarter;
- ``published_benchmark``: DfE's published annual figures for every LA, the region as group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from tartan.benchmark.compare import MEASURE_KEYS, compare_period, measure_meta, pooled
from tartan.benchmark.measures import QUARTER, ROLLING, YEAR, indicator_values, windowed_items
from tartan.benchmark.ranks import direction
from tartan.benchmark.significance import significance
from tartan.catalogue import Catalogue, shipped_catalogue
from tartan.periods import Period
from tartan.published.store import latest_published, published_values
from tartan.reference.groups import BenchmarkingGroup, Groups, shipped_groups
from tartan.reference.neighbours import NeighbourModels, shipped_neighbours
from tartan.reference.population import ENGLAND, Population, shipped_population
from tartan.reference.register import Register, shipped_register

COLUMNS = [
    "period",
    "la_code",
    "la_name",
    "indicator",
    "indicator_number",
    "indicator_title",
    "row",
    "row_title",
    "measure",
    "window",
    "value",
    "quarter_value",
    "symbol",
    "published",
    "source",
    "numerator",
    "denominator",
    "polarity",
    "decimals",
    "ranking",
    "group",
    "group_value",
    "group_rank",
    "group_n",
    "sn_model",
    "sn_average",
    "sn_count",
    "sn_total",
    "sn_rank",
    "sn_n",
    "sn_periods",
    "sn_codes",
    "england_value",
    "england_period",
    "england_rank",
    "england_n",
    "england_quarterly_n",
    "england_min",
    "england_q1",
    "england_median",
    "england_q3",
    "england_max",
    "quartile",
    "change_previous",
    "change_year_ago",
    "direction",
    "direction_year_ago",
    "significance",
]


@dataclass(frozen=True)
class Reference:
    """The reference data a benchmark needs; the shipped tables unless a test swaps one."""

    catalogue: Catalogue = field(default_factory=shipped_catalogue)
    register: Register = field(default_factory=shipped_register)
    population: Population = field(default_factory=shipped_population)
    neighbours: NeighbourModels = field(default_factory=shipped_neighbours)
    groups: Groups = field(default_factory=shipped_groups)
    published: pl.DataFrame = field(default_factory=published_values)


@cache
def shipped_reference() -> Reference:
    return Reference()


def _neighbour_frame(ref: Reference, la_codes: list[str], period: Period) -> pl.DataFrame:
    rows: list[tuple[str, str, str]] = []
    for code in la_codes:
        model, found = ref.neighbours.neighbours_of(code, period)
        rows.extend((code, neighbour.code, model.name) for neighbour in found)
    return pl.DataFrame(
        rows,
        schema={"la_code": pl.String(), "neighbour_code": pl.String(), "sn_model": pl.String()},
        orient="row",
    )


def headline_values(values: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """The figure that compares with annual ones: 12 months for flows, quarter end for stocks;
    the quarter's own figure alongside as ``quarter_value``."""
    flows = [indicator.id for indicator in catalogue.indicators if indicator.is_flow]
    wanted = (
        pl.when(pl.col("indicator").is_in(flows)).then(pl.lit(ROLLING)).otherwise(pl.lit(QUARTER))
    )
    headline = values.filter(pl.col("window") == wanted)
    quarter = values.filter(pl.col("window") == QUARTER).select(
        "la_code", "period", *MEASURE_KEYS, pl.col("value").alias("quarter_value")
    )
    return headline.join(quarter, on=["la_code", "period", *MEASURE_KEYS], how="left")


def _field(
    quarterly: pl.DataFrame, fallback: pl.DataFrame, la_codes: list[str], period: Period
) -> pl.DataFrame:
    """Every LA's comparison value: quarterly where there is one, else the published fallback."""
    cols = ["la_code", *MEASURE_KEYS, "value", "numerator", "denominator"]
    have = quarterly.filter(pl.col("period") == period.label).select(
        *cols, pl.lit(period.label).alias("field_period"), pl.lit(False).alias("field_published")
    )
    rest = fallback.filter(
        pl.col("la_code").is_in(la_codes)
        & ~pl.col("la_code").is_in(have["la_code"].unique().to_list())
    ).select(*cols, pl.col("period").alias("field_period"), pl.lit(True).alias("field_published"))
    return pl.concat([have.filter(pl.col("la_code").is_in(la_codes)), rest])


def _england(
    fallback: pl.DataFrame,
    field_frame: pl.DataFrame,
    everyone_quarterly: bool,
    period: Period,
    meta: pl.DataFrame,
) -> pl.DataFrame:
    if everyone_quarterly:
        pooled_all = pooled(
            field_frame.with_columns(pl.lit(ENGLAND).alias("la_code")),
            ["la_code", *MEASURE_KEYS],
            meta,
            "england_value",
        )
        return pooled_all.select(
            *MEASURE_KEYS, "england_value", pl.lit(period.label).alias("england_period")
        )
    return fallback.filter(pl.col("la_code") == ENGLAND).select(
        *MEASURE_KEYS,
        pl.col("value").alias("england_value"),
        pl.col("period").alias("england_period"),
    )


def _with_changes(table: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    """change_previous / change_year_ago (on rounded values) and their directions."""
    labels = table["period"].unique().to_list()
    lookup = pl.DataFrame(
        [
            (label, Period.parse(label).previous().label, Period.parse(label).year_ago().label)
            for label in labels
        ],
        schema={"period": pl.String(), "_previous": pl.String(), "_year_ago": pl.String()},
        orient="row",
    )
    table = table.join(lookup, on="period", how="left")
    keyed = history.select("la_code", "period", *MEASURE_KEYS, pl.col("value").alias("_before"))
    for name, column in (("change_previous", "_previous"), ("change_year_ago", "_year_ago")):
        table = (
            table.join(
                keyed.rename({"period": column}), on=["la_code", column, *MEASURE_KEYS], how="left"
            )
            .with_columns((pl.col("value") - pl.col("_before")).round(3).alias(name))
            .drop("_before")
        )
    return table.drop("_previous", "_year_ago").with_columns(
        direction(pl.col("change_previous"), pl.col("polarity")).alias("direction"),
        direction(pl.col("change_year_ago"), pl.col("polarity")).alias("direction_year_ago"),
    )


def _finish(table: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    names = {la.code: la.name for la in ref.register}
    table = table.with_columns(
        pl.col("la_code")
        .replace_strict(names, default=None, return_dtype=pl.String)
        .alias("la_name"),
        significance(table),
    )
    for column in COLUMNS:
        if column not in table.columns:
            table = table.with_columns(pl.lit(None).alias(column))
    return table.select(COLUMNS).sort("period", "la_code", "indicator_number", "measure")


def quarterly_benchmark(
    returns: pl.DataFrame,
    ref: Reference | None = None,
    periods: list[Period] | None = None,
    group: BenchmarkingGroup | Sequence[BenchmarkingGroup] | None = None,
    national: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Benchmark every LA that has quarterly returns, for each quarter asked (default: all).

    ``returns`` are observations of the group's returns; ``national`` other regions' released
    quarters, used as comparators only. ``group``: the benchmarking group (default: the
    shipped default), or several, each LA then ranked within its own (a national run).
    """
    ref = ref or shipped_reference()
    chosen = [group or ref.groups.default] if not isinstance(group, Sequence) else list(group)
    group_of = {code: g.name for g in chosen for code in g.members}
    catalogue = ref.catalogue
    observations = returns if national is None else pl.concat([returns, national])
    values = indicator_values(windowed_items(observations, catalogue), catalogue, ref.population)
    headline = headline_values(values, catalogue).with_columns(
        pl.lit(False).alias("published"),
        pl.when(pl.col("indicator").is_in([i.id for i in catalogue.indicators if i.is_flow]))
        .then(pl.lit(ROLLING))
        .otherwise(pl.lit(QUARTER))
        .alias("window"),
    )
    subject_codes = returns["la_code"].unique().to_list()
    wanted = periods or sorted({Period.parse(p) for p in returns["period"].unique().to_list()})
    meta = measure_meta(catalogue)
    parts = []
    for period in wanted:
        subjects = headline.filter(
            (pl.col("period") == period.label) & pl.col("la_code").is_in(subject_codes)
        )
        if subjects.is_empty():
            continue
        current = [la.code for la in ref.register.operating_in(period)]
        fallback = latest_published(ref.published, period.latest_year_not_after())
        field_frame = _field(headline, fallback, current, period)
        everyone = field_frame.filter(~pl.col("field_published"))["la_code"].n_unique() >= len(
            current
        )
        members = [code for code in group_of if code in subject_codes]
        group_name = pl.col("la_code").replace_strict(
            group_of, default=None, return_dtype=pl.String
        )
        group_field = headline.filter(
            (pl.col("period") == period.label) & pl.col("la_code").is_in(members)
        ).with_columns(group_name.alias("group"))
        subjects = subjects.with_columns(group_name.alias("group"))
        parts.append(
            compare_period(
                subjects,
                field_frame,
                _england(fallback, field_frame, everyone, period, meta),
                group_field,
                _neighbour_frame(ref, subject_codes, period),
                catalogue,
                len(current),
            )
        )
    if not parts:
        return pl.DataFrame(schema={column: pl.String() for column in COLUMNS})
    table = pl.concat(parts, how="diagonal_relaxed")
    table = _with_changes(table, headline)
    return _finish(table, ref)


def published_benchmark(year_end: int, ref: Reference | None = None) -> pl.DataFrame:
    """DfE's published figures for a year for every LA: region as group, ranks over England."""
    ref = ref or shipped_reference()
    period = Period.financial_year(year_end)
    published = ref.published.with_columns(
        pl.lit(True).alias("published"), pl.lit(YEAR).alias("window")
    )
    year = published.filter(pl.col("period") == period.label)
    available = year.filter(pl.col("value").is_not_null()).select(MEASURE_KEYS).unique()
    year = year.join(available, on=MEASURE_KEYS, how="inner")
    is_la = pl.col("la_code").str.contains(r"^\d{3}$")
    regions = {la.code: la.region_code for la in ref.register}
    region_names = {la.region_code: la.region_name for la in ref.register}
    operating = [la.code for la in ref.register.operating_in(period)]
    subjects = year.filter(pl.col("la_code").is_in(operating)).with_columns(
        pl.col("la_code")
        .replace_strict(regions, default=None, return_dtype=pl.String)
        .alias("_region"),
        pl.lit(None, pl.Float64).alias("quarter_value"),
    )
    subjects = subjects.with_columns(
        pl.col("_region")
        .replace_strict(region_names, default=None, return_dtype=pl.String)
        .alias("group")
    )
    field_frame = subjects.select(
        "la_code",
        *MEASURE_KEYS,
        "value",
        "numerator",
        "denominator",
        pl.lit(period.label).alias("field_period"),
        pl.lit(True).alias("field_published"),
    )
    group_values = year.filter(pl.col("la_code").str.starts_with("E12")).select(
        pl.col("la_code")
        .replace_strict(region_names, default=None, return_dtype=pl.String)
        .alias("group"),
        *MEASURE_KEYS,
        pl.col("value").alias("group_value"),
    )
    england = year.filter(pl.col("la_code") == ENGLAND).select(
        *MEASURE_KEYS,
        pl.col("value").alias("england_value"),
        pl.lit(period.label).alias("england_period"),
    )
    codes = subjects["la_code"].unique().to_list()
    table = compare_period(
        subjects.drop("_region"),
        field_frame,
        england,
        subjects.select("la_code", "group", *MEASURE_KEYS, "value", "numerator", "denominator"),
        _neighbour_frame(ref, codes, period),
        ref.catalogue,
        len(ref.register.operating_in(period)),
        group_values=group_values,
    )
    history = published.filter(is_la)
    table = _with_changes(table, history)
    return _finish(table, ref)
