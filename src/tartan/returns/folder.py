"""A folder of returns, as a benchmarking group collects them: read, validate, turn into observations.

Each LA's return is checked against its own previous quarter (when the folder holds it), so the
change and stock-flow queries run as they would in a collection round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tartan.observations import empty_observations, observation_frame
from tartan.returns.context import CheckedReturn
from tartan.returns.model import QuarterlyReturn
from tartan.returns.reader import read_return_path
from tartan.returns.validate import ValidationReport, default_settings, report_for

RETURN_SUFFIXES = (".csv", ".xlsx")


@dataclass
class FolderResult:
    reports: list[ValidationReport] = field(default_factory=list)
    observations: pl.DataFrame = field(default_factory=empty_observations)

    @property
    def accepted(self) -> list[ValidationReport]:
        return [r for r in self.reports if r.accepted]

    @property
    def rejected(self) -> list[ValidationReport]:
        return [r for r in self.reports if not r.accepted]


def return_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in RETURN_SUFFIXES
    )


def read_folder(
    paths: Iterable[Path], on_file: Callable[[Path], None] | None = None
) -> FolderResult:
    """Validate every file, quarter by quarter; accepted returns become observations."""
    plain = default_settings()
    entries = []
    for path in paths:
        outcome = read_return_path(path)
        peek = CheckedReturn(outcome.table, plain) if outcome.table is not None else None
        la_code = peek.la_code if peek else None
        period = peek.period if peek else None
        entries.append(
            (period.sort_key if period else (0, 0), path.name, path, outcome, la_code, period)
        )
    result = FolderResult()
    latest: dict[str, QuarterlyReturn] = {}
    rows = []
    for _, _, path, outcome, la_code, period in sorted(entries, key=lambda entry: entry[:2]):
        before = latest.get(la_code or "")
        is_next = before is not None and period is not None and before.period == period.previous()
        settings = default_settings(previous=before.numbers) if before and is_next else plain
        report = report_for(outcome, path.name, settings)
        result.reports.append(report)
        if report.quarterly_return is not None:
            latest[report.quarterly_return.la_code] = report.quarterly_return
            rows.extend(report.quarterly_return.observations(source=path.name))
        if on_file:
            on_file(path)
    if rows:
        result.observations = observation_frame(rows)
    return result
