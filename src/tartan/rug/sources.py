"""What a rug says about where its figures come from and which periods they cover."""

from __future__ import annotations

import polars as pl

from tartan.periods import Period
from tartan.published.store import releases
from tartan.reference.population import Population


def rug_sources(
    table: pl.DataFrame, la_code: str, period: Period, population: Population, synthetic: bool
) -> list[str]:
    rows = table.filter((pl.col("la_code") == la_code) & (pl.col("period") == period.label))
    if rows.is_empty():
        return []
    first = rows.row(0, named=True)
    kind = "synthetic demonstration data" if synthetic else "unpublished and unaudited"
    if first["published"]:
        own = f"{first['la_name']}: DfE published figures for {period.label} ({_release_titles(rows['source'])})."
    else:
        own = f"{first['la_name']}: its quarterly returns to the {first['group'] or 'group'} ({kind})."
    lines = [own]
    periods = sorted(
        {p for text in rows["sn_periods"].drop_nulls().to_list() for p in _periods_in(text)},
        reverse=True,
    )
    lines.append(
        f"Statistical neighbours: DfE's {first['sn_model']} model, 10 nearest authorities; each neighbour's "
        "figure is its quarterly one where the system holds it, otherwise its latest published DfE annual "
        f"figure. Periods used: {', '.join(periods) or 'none'}."
    )
    england = sorted(set(rows["england_period"].drop_nulls().to_list()), reverse=True)
    if england:
        lines.append(
            f"England: DfE published figures for {', '.join(england)}; ranks and bands over every English "
            "authority with a figure (quarterly where held, otherwise published)."
        )
    quarterly: list[int] = (
        rows["england_quarterly_n"].drop_nulls().to_list()
        if "england_quarterly_n" in rows.columns
        else []
    )
    if quarterly:
        held = int(max(quarterly))
        lines.append(
            f"The national quarter: {held} English authorities have figures of their own for {period.label} "
            "(their groups' released returns); England ranks on measures DfE does not publish appear once "
            "these cover three quarters of England's authorities."
        )
    figure = population.for_period(la_code, period)
    if figure is not None:
        lines.append(
            f"Rates per 10,000 children aged 0-17 use the ONS {figure.note} (DfE's rule: a period in "
            f"{period.year.label} uses the mid-{period.population_mid_year} estimate)."
        )
    lines.append(
        "Ranks and bands use figures rounded to their published precision, as DfE's LAIT does; ties share "
        "the best rank. 'Against England': funnel-plot limits around England's figure at 95% and 99.8% "
        "(exact Poisson for rates, exact binomial for percentages)."
    )
    return lines


def _periods_in(text: str) -> list[str]:
    return [part.split(" ×")[0] for part in text.split("; ") if part]


def _release_titles(keys: pl.Series) -> str:
    titles = releases()
    return "; ".join(sorted({titles.get(key, key) for key in keys.drop_nulls().unique().to_list()}))
