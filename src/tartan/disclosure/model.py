"""What an export outside the group discloses, cell by cell, and what the exporter alone knows.

Every design (the distribution, banded rows, or a naive table) is expressed as a list of
``Released`` cells so that one gate can judge them all. The mapping from concealed row labels to
the real authorities never leaves the exporter: it is held in ``Truth`` for the gate's intruder
simulation only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from tartan.rug.formats import format_value


def decimals_of(step: float) -> int:
    """0.1 → 1, 0.01 → 2, 1 or 5 → 0."""
    return max(0, round(-math.log10(step))) if step < 1 else 0


class CellKind(StrEnum):
    VALUE = "value"  # a figure of one authority: its rate, percentage or average
    COUNT = "count"  # a count of children or events of one authority
    BAND = "band"  # the England quartile band (or neutral position) of one authority
    Q1 = "q1"
    MEDIAN = "median"
    Q3 = "q3"
    MINIMUM = "min"
    MAXIMUM = "max"
    MEAN = "mean"
    ENGLAND = "england"
    BAND_COUNT = "band_count"  # how many comparators fall in a band
    COMPARATORS = "comparators"  # how many comparators the distribution covers


STATISTICS = (
    CellKind.Q1,
    CellKind.MEDIAN,
    CellKind.Q3,
    CellKind.MINIMUM,
    CellKind.MAXIMUM,
    CellKind.MEAN,
)


@dataclass(frozen=True)
class Released:
    """One number or band that leaves in the export."""

    table: str  # "indicator:measure"
    kind: CellKind
    row: str | None = None  # a concealed row label, or None (the named LA, or table-level)
    number: float | None = None
    text: str = ""  # a band letter, or a symbol such as "c"
    precision: float = 0.1  # the step the number is shown to (0.1 for one decimal place)
    about_named: bool = False  # the named LA's own figure
    band: str = ""  # for BAND_COUNT: which band

    @property
    def shown(self) -> str:
        """As every format prints it (the rug's ``format_value``): '1,234', '393.3', or the
        symbol; the CSV, HTML, PDF and XLSX of a report then all read alike."""
        if self.number is None:
            return self.text or ""
        return format_value(self.number, "count", decimals_of(self.precision))


@dataclass(frozen=True)
class ConcealedExport:
    """An export naming one LA and concealing every other, ready to be written or refused."""

    la_code: str
    la_name: str
    period: str
    recipient: str
    design: str
    cells: list[Released]
    titles: dict[str, str] = field(default_factory=dict)  # table → human title
    purpose: str = ""

    def tables(self) -> list[str]:
        return list(dict.fromkeys(cell.table for cell in self.cells))

    def rows(self, table: str | None = None) -> list[str]:
        return list(
            dict.fromkeys(
                c.row
                for c in self.cells
                if c.row is not None and (table is None or c.table == table)
            )
        )


@dataclass(frozen=True)
class Truth:
    """What only the exporter knows: the real authority behind each concealed row, and every
    comparator's unpublished figure (to test for exact values leaking)."""

    row_la: dict[str, str]  # concealed row label → LA code
    unpublished: dict[str, dict[str, float]]  # table → LA code → unpublished figure
    comparators: list[str]  # the LAs concealed in the export
    named: str
    # table → half → the LAs in it (what a count of comparators in a half stands for)
    in_band: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # table → LA code → the quarter's figure of every comparator, published or not (what the
    # quartiles are computed from, and what the intruder's noise is calibrated against)
    values: dict[str, dict[str, float]] = field(default_factory=dict)
