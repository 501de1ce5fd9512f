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


def _cost(
    rows: list[str], pool: list[str], cells_of: dict[str, list[Released]], knowledge: Knowledge
) -> tuple[np.ndarray, np.ndarray]:
    """(distance, consistent) for every row against every authority, table by table, in numpy.

    A band costs the number of bands between the row's and the authority's published one (0 or
    1 for halves); a figure its relative gap to the published figure; a count beside a rate the
    gap between the population the two imply and the real one, weighted heavily (it names the
    authority). Whatever the intruder has no published figure for fits at a small cost.
    """
    distance = np.zeros((len(rows), len(pool)))
    consistent = np.ones((len(rows), len(pool)), dtype=bool)
    tables = sorted({cell.table for row in rows for cell in cells_of[row]})
    population = np.array([knowledge.population.get(la, np.nan) for la in pool])
    for table in tables:
        bands = knowledge.bands.get(table, {})
        values = knowledge.values.get(table, {})
        band_row = np.full(len(rows), np.nan)
        half_row = np.full(len(rows), np.nan)
        value_row = np.full(len(rows), np.nan)
        count_row = np.full(len(rows), np.nan)
        for i, row in enumerate(rows):
            for cell in cells_of[row]:
                if cell.table != table:
                    continue
                if cell.kind == CellKind.BAND and cell.text in HALF_INDEX:
                    half_row[i] = HALF_INDEX[cell.text]
                elif cell.kind == CellKind.BAND and cell.text in BAND_INDEX:
                    band_row[i] = BAND_INDEX[cell.text]
                elif cell.kind == CellKind.VALUE and cell.number is not None:
                    value_row[i] = cell.number
                elif cell.kind == CellKind.COUNT and cell.number:
                    count_row[i] = cell.number
        known_band = np.array([BAND_INDEX.get(bands.get(la, ""), np.nan) for la in pool])
        known_half = np.array(
            [HALF_INDEX.get(HALVES.get(bands.get(la, ""), ""), np.nan) for la in pool]
        )
        known_value = np.array([values.get(la, np.nan) for la in pool])
        for shown, known, tolerance in ((band_row, known_band, 1), (half_row, known_half, 0)):
            steps = np.abs(shown[:, None] - known[None, :])
            present = ~np.isnan(shown)[:, None]
            unknown = present & np.isnan(known)[None, :]
            distance += np.where(unknown, UNKNOWN, np.nan_to_num(steps))
            consistent &= ~present | unknown | (steps <= tolerance)
        gap = (
            np.abs(value_row[:, None] - known_value[None, :])
            / np.maximum(np.abs(known_value), 1.0)[None, :]
        )
        has_value = ~np.isnan(value_row)[:, None]
        unknown_value = has_value & np.isnan(known_value)[None, :]
        distance += np.where(unknown_value, UNKNOWN, 2 * np.minimum(np.nan_to_num(gap), 1.0))
        consistent &= ~has_value | unknown_value | (gap <= 0.25)
        if table.endswith(":rate"):
            implied = count_row / np.where(value_row > 0, value_row, np.nan) * 10_000
            pop_gap = np.abs(implied[:, None] - population[None, :]) / population[None, :]
            applies = ~np.isnan(pop_gap)
            distance += np.where(applies, np.minimum(20 * np.nan_to_num(pop_gap), 5.0), 0.0)
            consistent &= ~applies | (pop_gap <= 0.02)
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
        cost, consistent = _cost(rows, pool, cells_of, knowledge)
        candidates = {row: int(consistent[i].sum()) for i, row in enumerate(rows)}
        chosen_rows, chosen_las = linear_sum_assignment(cost)
        guess = {rows[i]: pool[j] for i, j in zip(chosen_rows, chosen_las, strict=True)}
        correct = sum(1 for row, la in guess.items() if truth.row_la.get(row) == la)
        tables = tuple(sorted({cell.table for row in rows for cell in cells_of[row]}))
        attacks.append(Attack(tables, len(rows), correct, candidates, guess))
    return attacks
