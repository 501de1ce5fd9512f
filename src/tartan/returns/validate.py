"""Run every rule over a return and report what was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from tartan.catalogue import shipped_catalogue
from tartan.periods import Period
from tartan.published.store import published_ranges
from tartan.reference.population import shipped_population
from tartan.reference.register import shipped_register
from tartan.returns.context import CheckedReturn, PublishedRange, ValidationSettings
from tartan.returns.findings import Finding, Severity
from tartan.returns.model import QuarterlyReturn
from tartan.returns.reader import ReadOutcome, read_return_bytes, read_return_path
from tartan.returns.rules import RULES, Stage
from tartan.returns.table import ReturnTable


@dataclass
class ValidationReport:
    file: str
    readable: bool
    findings: list[Finding] = field(default_factory=list)
    quarterly_return: QuarterlyReturn | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def queries(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.QUERY]

    @property
    def accepted(self) -> bool:
        """Readable and free of errors (queries still need an explanation)."""
        return self.readable and not self.errors


def check_table(
    table: ReturnTable, settings: ValidationSettings
) -> tuple[list[Finding], CheckedReturn]:
    checked = CheckedReturn(table, settings)
    findings: list[Finding] = []
    for stage in Stage:
        for code in sorted(RULES):
            if RULES[code].stage == stage:
                findings.extend(RULES[code].check(checked))
        # A broken structure (missing columns, not a return) makes every later finding a
        # repeat of the same cause. Past it, every rule runs on the values that could be read
        # (a non-number in one cell skips only the checks that need that cell), so that one
        # pass reports everything that can be found.
        if stage == Stage.STRUCTURE and findings:
            break
    return findings, checked


def report_for(outcome: ReadOutcome, name: str, settings: ValidationSettings) -> ValidationReport:
    if outcome.table is None:
        return ValidationReport(name, readable=False, findings=outcome.findings)
    findings, checked = check_table(outcome.table, settings)
    report = ValidationReport(name, readable=True, findings=outcome.findings + findings)
    if report.accepted:
        report.quarterly_return = QuarterlyReturn.from_checked(checked)
    return report


def validate_bytes(name: str, data: bytes, settings: ValidationSettings) -> ValidationReport:
    return report_for(read_return_bytes(name, data), name, settings)


def validate_path(path: Path, settings: ValidationSettings) -> ValidationReport:
    return report_for(read_return_path(path), path.name, settings)


def figures_of(path: Path) -> dict[str, Decimal] | None:
    """The usable numbers of a return (for comparing with the next quarter), or None."""
    outcome = read_return_path(path)
    if outcome.table is None:
        return None
    _, checked = check_table(outcome.table, default_settings())
    return dict(checked.numbers)


@cache
def shipped_ranges(period: Period) -> dict[tuple[str, str], PublishedRange]:
    """Ranges from the shipped published figures, for the year a quarter compares with."""
    return {
        key: PublishedRange(low, high, year, key[1])
        for key, (low, high, year) in published_ranges(period.latest_year_not_after()).items()
    }


def default_settings(
    expected_la: str | None = None,
    expected_period: Period | None = None,
    previous: dict[str, Decimal] | None = None,
) -> ValidationSettings:
    return ValidationSettings(
        catalogue=shipped_catalogue(),
        register=shipped_register(),
        population=shipped_population(),
        expected_la=expected_la,
        expected_period=expected_period,
        previous=previous,
        published_ranges=shipped_ranges,
    )
