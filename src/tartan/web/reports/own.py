"""An LA's own accepted returns, quarter by quarter: the figures behind "your figures by quarter"
and its download, as long tables."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from tartan.benchmark.own import own_values
from tartan.catalogue import shipped_catalogue
from tartan.reference.population import shipped_population
from tartan.reference.register import shipped_register
from tartan.web.collection.models import CollectionRound, ReturnVersion
from tartan.web.collection.services import latest_accepted, members
from tartan.web.reports.data import observations_of

FIGURE_SCHEMA: dict[str, pl.DataType] = {
    "la_code": pl.String(),
    "la_name": pl.String(),
    "period": pl.String(),
    "item": pl.String(),
    "item_label": pl.String(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "source": pl.String(),
}


@dataclass(frozen=True)
class OwnFigures:
    rounds: list[CollectionRound]  # the rounds whose returns are shown, oldest first
    figures: pl.DataFrame  # one row per quarter × data item, as submitted
    values: pl.DataFrame  # one row per quarter × indicator × measure (``own_values``)

    @property
    def periods(self) -> list[str]:
        return [r.period for r in self.rounds]


def own_figures(la_code: str) -> OwnFigures:
    """The latest accepted return of each quarter the LA has one in (an LA in two groups files
    one return per quarter to each: the later round's is shown)."""
    rounds = [r for r in CollectionRound.objects.all() if la_code in members(r)]
    rounds.sort(key=lambda r: (r.quarter.index, r.pk))
    chosen: dict[str, tuple[CollectionRound, ReturnVersion]] = {}
    for round_ in rounds:
        version = latest_accepted(round_).get(la_code)
        if version is not None:
            chosen[round_.period] = (round_, version)
    shown = [round_ for round_, _ in chosen.values()]
    ids = [version.pk for _, version in chosen.values()]
    labels = {item.id: item.label for item in shipped_catalogue().items.values()}
    observations = observations_of(ids)
    name = shipped_register()[la_code].name
    figures = pl.DataFrame(
        [
            (
                la_code,
                name,
                row["period"],
                row["item"],
                labels.get(row["item"], row["item"]),
                row["value"],
                row["symbol"],
                row["source"],
            )
            for row in observations.iter_rows(named=True)
        ],
        schema=FIGURE_SCHEMA,
        orient="row",
    )
    order = {item: n for n, item in enumerate(labels)}
    index = {r.period: r.quarter.index for r in shown}
    figures = figures.sort(
        pl.col("period").replace_strict(index, default=0, return_dtype=pl.Int64),
        pl.col("item").replace_strict(order, default=len(order), return_dtype=pl.Int64),
    )
    values = own_values(observations, shipped_catalogue(), shipped_population())
    return OwnFigures(shown, figures, values)
