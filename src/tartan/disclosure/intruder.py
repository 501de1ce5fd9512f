"""The intruder: someone holding DfE's and ONS's published figures (and, as the collecting
recipient, other LAs' exact figures from their own concealed reports) tries to say which real
authority each concealed entry of an export is.

For each entry (a concealed row, or one of the comparators a half count stands for) and each
authority it could be, a distance measures how well the entry's disclosed cells fit the
authority's published figures (its band, its rate, and, where a count stands next to a rate, the
population the two imply). The best one-to-one matching (the Hungarian algorithm) is the
intruder's guess; the share it gets right, against the share chance would give (1/n), is the
risk. Entries also count their candidates: the authorities consistent with everything they show.
"""

from __future__ import annotations

import math
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
    # Calibration (tartan.disclosure.calibration), in log units of quarter / published: how a
    # published figure is scaled to the quarter, and how far the quarter strays from it.
    scale: dict[str, float] = field(default_factory=dict)  # table → median log ratio
    noise: dict[str, float] = field(default_factory=dict)  # table → robust spread

    def expected(self, table: str, la: str) -> float | None:
        """``la``'s published figure scaled to the quarter, if there is one."""
        published = self.values.get(table, {}).get(la)
        if published is None:
            return None
        return published * math.exp(self.scale.get(table, 0.0))

    def spread(self, table: str) -> float:
        """The calibrated noise of ``table`` in log units; without calibration, a quarter."""
        return self.noise.get(table, math.log(1.25))

    def likelihood(self, table: str, la: str, figure: float) -> float | None:
        """How well ``figure`` fits ``la``'s expected quarter figure under the calibrated
        noise (a normal density in log units, unscaled); None without a published figure."""
        expected = self.expected(table, la)
        if expected is None:
            return None
        if expected <= 0 or figure <= 0:
            return 1.0 if expected <= 0 and figure <= 1.0 else 0.0
        distance = math.log(figure / expected) / self.spread(table)
        return math.exp(-0.5 * distance * distance)


def _cost(
    rows: list[str],
    pool: list[str],
    cells_of: dict[str, list[Released]],
    knowledge: Knowledge,
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
        if table in knowledge.noise:
            known_value = known_value * math.exp(knowledge.scale.get(table, 0.0))
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
        # Calibrated: three spreads rule an authority out and six cost the most; uncalibrated,
        # a quarter of the figure rules it out and a gap the size of the figure costs the most.
        calibrated = table in knowledge.noise
        allowed_gap = 3 * knowledge.noise[table] if calibrated else 0.25
        reach = 2 * allowed_gap if calibrated else 1.0
        distance += np.where(
            unknown_value, UNKNOWN, 2 * np.minimum(np.nan_to_num(gap) / reach, 1.0)
        )
        consistent &= ~has_value | unknown_value | (gap <= allowed_gap)
        if table.endswith(":rate"):
            implied = count_row / np.where(value_row > 0, value_row, np.nan) * 10_000
            pop_gap = np.abs(implied[:, None] - population[None, :]) / population[None, :]
            applies = ~np.isnan(pop_gap)
            distance += np.where(applies, np.minimum(20 * np.nan_to_num(pop_gap), 5.0), 0.0)
            consistent &= ~applies | (pop_gap <= 0.02)
    return distance, consistent


@dataclass
class Problem:
    """Entries that can be told apart only by their own cells: the rows of one table (or of
    tables a reused label links), or the anonymous comparators a table's half counts stand
    for. Entries with the same cells are exchangeable: no label or order tells them apart."""

    tables: tuple[str, ...]
    signatures: list[str]
    entries: list[tuple[int, str]]  # (signature, the real authority behind the entry)
    cost: np.ndarray  # signature × comparator
    consistent: np.ndarray  # signature × comparator
    comparators: list[str]
    member: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    entry_sig: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    entry_col: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))

    def __post_init__(self) -> None:
        """Which comparator is really behind some entry of each signature, as arrays."""
        column = {la: j for j, la in enumerate(self.comparators)}
        self.member = np.zeros((len(self.signatures), len(self.comparators)), dtype=bool)
        self.entry_sig = np.array([sig for sig, _ in self.entries], dtype=int)
        self.entry_col = np.array([column.get(la, -1) for _, la in self.entries], dtype=int)
        for sig, la in self.entries:
            if la in column:
                self.member[sig, column[la]] = True


def _signature(cells: list[Released]) -> str:
    return "|".join(
        sorted(f"{c.table}:{c.kind.value}:{c.text}:{c.number}" for c in cells if c.row is not None)
    )


def problems(export: ConcealedExport, truth: Truth, knowledge: Knowledge) -> list[Problem]:
    """Every matching problem of the export. Rows are entries; a table without rows gives
    one entry per comparator counted in each half (the counts are rows written in unary)."""
    cells_of: dict[str, list[Released]] = defaultdict(list)
    tables_of: dict[str, set[str]] = defaultdict(set)
    for cell in export.cells:
        if cell.row is not None:
            cells_of[cell.row].append(cell)
            tables_of[cell.row].add(cell.table)
    groups: list[tuple[tuple[str, ...], list[tuple[str, list[Released]]]]] = []
    linked = [row for row, tables in tables_of.items() if len(tables) > 1]
    if linked:
        spanned = tuple(sorted({t for row in linked for t in tables_of[row]}))
        groups.append((spanned, [(truth.row_la[row], cells_of[row]) for row in linked]))
    per_table: dict[str, list[tuple[str, list[Released]]]] = defaultdict(list)
    for row, held in tables_of.items():
        if len(held) == 1:
            per_table[next(iter(held))].append((truth.row_la[row], cells_of[row]))
    for table in export.tables():
        if table in per_table or any(table in t for t, _ in groups):
            continue
        for cell in export.cells:
            if cell.table != table or cell.kind != CellKind.BAND_COUNT or not cell.number:
                continue
            members = truth.in_band.get(table, {}).get(cell.band, [])
            shown = Released(table, CellKind.BAND, row="*", text=cell.band)
            per_table[table].extend((la, [shown]) for la in members[: int(cell.number)])
    groups += [((table,), entries) for table, entries in per_table.items()]
    out = []
    for tables, found in groups:
        index: dict[str, int] = {}
        representative: dict[str, list[Released]] = {}
        entries = []
        for la, cells in found:
            key = _signature(cells)
            if key not in index:
                index[key] = len(index)
                representative[key] = cells
            entries.append((index[key], la))
        keys = list(index)
        cost, consistent = _cost(keys, truth.comparators, representative, knowledge)
        out.append(Problem(tables, keys, entries, cost, consistent, truth.comparators))
    return out


@dataclass(frozen=True)
class Outcome:
    """The intruder's result on one problem: the expected number of entries named correctly."""

    tables: tuple[str, ...]
    rows: int
    correct: float
    fewest: int | None

    @property
    def share(self) -> float:
        return self.correct / self.rows if self.rows else 0.0

    @property
    def threshold(self) -> float:
        return 1 / self.rows + 0.10 if self.rows else 1.0


def attack(problem: Problem, known: frozenset[str] = frozenset()) -> Outcome:
    """The intruder's best matching when it knows the authorities in ``known`` exactly (their
    entries and candidacies are removed), judged without luck: ties between equally good
    candidates are broken the intruder's way (the worst case), and entries with the same cells,
    which only a random label or order tells apart, count by expectation (a set of m
    authorities matched to m such entries, k of them right, names k/m of them on average)."""
    out = np.array([la in known for la in problem.comparators], dtype=bool)
    keep = ~out[problem.entry_col] if problem.entry_col.size else problem.entry_col.astype(bool)
    keep &= problem.entry_col >= 0
    columns = np.flatnonzero(~out)
    sigs = problem.entry_sig[keep]
    if not sigs.size or not columns.size:
        return Outcome(problem.tables, 0, 0.0, None)
    favour = problem.member[:, columns][sigs]
    cost = problem.cost[:, columns][sigs] - 1e-6 * favour
    chosen_rows, chosen_cols = linear_sum_assignment(cost)
    size = np.bincount(sigs, minlength=len(problem.signatures))
    hits = np.bincount(
        sigs[chosen_rows], weights=favour[chosen_rows, chosen_cols], minlength=size.size
    )
    present = np.flatnonzero(size)
    correct = float((hits[present] / size[present]).sum())
    candidates = problem.consistent[:, columns][present].sum(axis=1)
    return Outcome(problem.tables, int(sigs.size), correct, int(candidates.min()))
