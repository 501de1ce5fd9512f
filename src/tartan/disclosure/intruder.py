"""The intruder: someone holding DfE's and ONS's published figures tries to say which real
authority each concealed row of an export is.

For each concealed row and each authority it could be, a distance measures how well the row's
disclosed cells fit the authority's published figures (its band, its rate, and, where a count
stands next to a rate, the population the two imply). The best one-to-one matching of rows to
authorities (the Hungarian algorithm) is the intruder's guess; the share of rows it gets right,
against the share chance would give (1/n), is the risk. Rows also count their candidates: the
authorities consistent with everything the row shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from tartan.disclosure.designs import HALVES, NEUTRAL_BANDS
from tartan.disclosure.model import CellKind, ConcealedExport, Released, Truth

BAND_INDEX = {band: index for index, band in enumerate(("A", "B", "C", "D"))} | {
    band: index for index, band in enumerate(NEUTRAL_BANDS)
}
HALF_INDEX = {"better half": 0, "worse half": 1, "higher half": 0, "lower half": 1}
UNKNOWN = 0.5  # the intruder has no published figure for that authority and table


@dataclass(frozen=True)
class Knowledge:
    """What the intruder holds: published figures, bands and populations, per authority."""

    values: dict[str, dict[str, float]] = field(default_factory=dict)  # table → LA → figure
    bands: dict[str, dict[str, str]] = field(default_factory=dict)  # table → LA → band
    population: dict[str, float] = field(default_factory=dict)  # LA → children aged 0-17


@dataclass(frozen=True)
class Attack:
    """One matching problem: rows that can be told apart only by their own cells."""

    tables: tuple[str, ...]
    rows: int
    correct: int
    candidates: dict[str, int]
    guess: dict[str, str]

    @property
    def share(self) -> float:
        return self.correct / self.rows if self.rows else 0.0

    @property
    def threshold(self) -> float:
        return 1 / self.rows + 0.10 if self.rows else 1.0


def _fit(cells: list[Released], la: str, knowledge: Knowledge) -> tuple[float, bool]:
    """(distance, consistent) of a row's cells with one authority's published figures."""
    distance, consistent = 0.0, True
    by_table: dict[str, list[Released]] = defaultdict(list)
    for cell in cells:
        by_table[cell.table].append(cell)
    for table, group in by_table.items():
        value = next(
            (c.number for c in group if c.kind == CellKind.VALUE and c.number is not None), None
        )
        for cell in group:
            if cell.kind == CellKind.BAND and cell.text in HALF_INDEX:
                known = knowledge.bands.get(table, {}).get(la)
                step = (
                    abs(HALF_INDEX[cell.text] - HALF_INDEX[HALVES[known]])
                    if known in HALVES
                    else UNKNOWN
                )
                distance += step
                consistent &= step in (0, UNKNOWN)  # what the intruder cannot rule out fits
            elif cell.kind == CellKind.BAND and cell.text in BAND_INDEX:
                known = knowledge.bands.get(table, {}).get(la)
                step = (
                    abs(BAND_INDEX[cell.text] - BAND_INDEX[known])
                    if known in BAND_INDEX
                    else UNKNOWN
                )
                distance += step
                consistent &= step <= 1
            elif cell.kind == CellKind.VALUE and cell.number is not None:
                known_value = knowledge.values.get(table, {}).get(la)
                if known_value is None:
                    distance += UNKNOWN  # nothing published to compare: it still fits
                    continue
                gap = abs(cell.number - known_value) / max(abs(known_value), 1.0)
                distance += 2 * min(gap, 1.0)
                consistent &= gap <= 0.25
            elif cell.kind == CellKind.COUNT and cell.number and value and table.endswith(":rate"):
                population = knowledge.population.get(la)
                if population:
                    implied = cell.number / value * 10_000
                    gap = abs(implied - population) / population
                    distance += min(20 * gap, 5.0)
                    consistent &= gap <= 0.02
    return distance, consistent


def _problems(export: ConcealedExport) -> list[list[str]]:
    """Rows grouped into matching problems: labels used in one table only are matched table by
    table; a label reused across tables links them, and all such rows are matched together."""
    tables_of: dict[str, set[str]] = defaultdict(set)
    for cell in export.cells:
        if cell.row is not None:
            tables_of[cell.row].add(cell.table)
    linked = [row for row, tables in tables_of.items() if len(tables) > 1]
    problems = [linked] if linked else []
    per_table: dict[str, list[str]] = defaultdict(list)
    for row, tables in tables_of.items():
        if len(tables) == 1:
            per_table[next(iter(tables))].append(row)
    return problems + list(per_table.values())


def simulate(
    export: ConcealedExport,
    truth: Truth,
    knowledge: Knowledge,
    leave_out: frozenset[str] = frozenset(),
) -> list[Attack]:
    """Every matching problem of the export; ``leave_out``: authorities the intruder can rule
    out (the recipient's own, or the named one), with their rows removed."""
    cells_of: dict[str, list[Released]] = defaultdict(list)
    for cell in export.cells:
        if cell.row is not None:
            cells_of[cell.row].append(cell)
    pool = [la for la in truth.comparators if la not in leave_out]
    attacks = []
    for rows in _problems(export):
        rows = [row for row in rows if truth.row_la.get(row) not in leave_out]
        if not rows or not pool:
            continue
        cost = np.zeros((len(rows), len(pool)))
        candidates = {}
        for i, row in enumerate(rows):
            fits = [_fit(cells_of[row], la, knowledge) for la in pool]
            cost[i] = [distance for distance, _ in fits]
            candidates[row] = sum(1 for _, consistent in fits if consistent)
        chosen_rows, chosen_las = linear_sum_assignment(cost)
        guess = {rows[i]: pool[j] for i, j in zip(chosen_rows, chosen_las, strict=True)}
        correct = sum(1 for row, la in guess.items() if truth.row_la.get(row) == la)
        tables = tuple(sorted({cell.table for row in rows for cell in cells_of[row]}))
        attacks.append(Attack(tables, len(rows), correct, candidates, guess))
    return attacks
