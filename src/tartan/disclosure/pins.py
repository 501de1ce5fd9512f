"""Quartiles that pin one concealed authority's figure.

A quartile of n figures is one of them (when (n - 1) × p is whole) or a weighted mean of two
neighbours in order. Shown to its coarsened step it gives that figure, or, to a collecting
recipient who knows the neighbour's exact figure from the neighbour's own report, the other
one, to within step / weight. That is only a disclosure if the recipient can tell whose figure
it is: the gate weighs every comparator's published figure, scaled to the quarter, against the
figure the quartile gives under the calibrated noise. If the real authority's share of that
weight (the intruder's chance of naming it) is above chance plus 0.10, the quartile names an
authority's unpublished figure: it is withheld.

The gate judges the worst case: every quartile, every authority it rests on, and the neighbour
always known (a recipient holding six of eighteen reports holds a given neighbour's often).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from tartan.disclosure.intruder import Knowledge
from tartan.disclosure.model import CellKind, ConcealedExport, Truth

QUARTILE_AT = {CellKind.Q1: 0.25, CellKind.MEDIAN: 0.5, CellKind.Q3: 0.75}
CHANCE_MARGIN = 0.10  # as for every intruder: at most 1/n + 0.10 named correctly


@dataclass(frozen=True)
class Pin:
    table: str
    statistic: str
    la: str  # whose figure is pinned: for the DBG's audit view only
    low: float
    high: float
    candidates: int
    chance: float  # the intruder's chance of naming the authority right


def _rests_on(n: int, at: float) -> list[tuple[int, float]]:
    """The order positions a quartile of ``n`` figures is made of, with their weights
    (numpy's default linear interpolation, which the distribution design uses)."""
    position = (n - 1) * at
    lower = math.floor(position)
    fraction = position - lower
    if fraction < 1e-9:
        return [(lower, 1.0)]
    return [(lower, 1.0 - fraction), (lower + 1, fraction)]


def quartile_pins(
    export: ConcealedExport, truth: Truth, knowledge: Knowledge, ruled_out: frozenset[str]
) -> Iterator[Pin]:
    """Every shown quartile that gives an authority's figure to a recipient who can tell
    whose it is."""
    for cell in export.cells:
        at = QUARTILE_AT.get(cell.kind)
        if at is None or cell.number is None:
            continue
        ordered = sorted(truth.values.get(cell.table, {}).items(), key=lambda kv: (kv[1], kv[0]))
        if len(ordered) < 3:
            continue
        slots = _rests_on(len(ordered), at)
        for index, weight in slots:
            la = ordered[index][0]
            beside = [ordered[j] for j, _ in slots if j != index]
            known = sum(ordered[j][1] * w for j, w in slots if j != index)
            low = (cell.number - cell.precision / 2 - known) / weight
            high = (cell.number + cell.precision / 2 - known) / weight
            excluded = ruled_out | {code for code, _ in beside}
            pool = [code for code in truth.comparators if code not in excluded]
            chance = naming_chance(knowledge, cell.table, pool, la, (low + high) / 2)
            if chance > 1 / len(pool) + CHANCE_MARGIN:
                yield Pin(cell.table, cell.kind.value, la, low, high, len(pool), chance)


def naming_chance(
    knowledge: Knowledge, table: str, pool: list[str], la: str, figure: float
) -> float:
    """The chance the intruder names ``la`` as the authority with ``figure``: its share of
    the likelihood over the pool (its published figure against the calibrated noise).
    Authorities without a published figure fit as well as the average one does."""
    fits = {code: knowledge.likelihood(table, code, figure) for code in pool}
    known = [f for f in fits.values() if f is not None]
    average = sum(known) / len(known) if known else 1.0
    weights = {code: average if f is None else f for code, f in fits.items()}
    total = sum(weights.values())
    if total <= 0:
        return 1 / len(pool)
    return weights[la] / total
