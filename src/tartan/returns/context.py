"""Everything a validation rule may look at, computed once per return."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from tartan.catalogue import Catalogue
from tartan.periods import Period, PeriodError
from tartan.reference.population import Population
from tartan.reference.register import Register
from tartan.returns.lookalikes import canonical
from tartan.returns.numbers import CellValue, read_value
from tartan.returns.table import ReturnRow, ReturnTable


@dataclass(frozen=True)
class Thresholds:
    """Plausibility limits for queries. Small numbers move a lot, hence the minimums."""

    change_share: float = 0.5  # Q601: more than 50% up or down on the previous quarter …
    change_minimum: int = 10  # … and by more than 10
    identity_share: float = 0.05  # Q603: stock-flow gap above 5% of the stock …
    identity_minimum: int = 5  # … and above 5 children


@dataclass(frozen=True)
class PublishedRange:
    """The lowest and highest published value over all English LAs, for a rate or percentage."""

    low: float
    high: float
    year: str
    measure: str  # "rate" or "percent"


@dataclass
class ValidationSettings:
    catalogue: Catalogue
    register: Register
    population: Population
    expected_la: str | None = None
    expected_period: Period | None = None
    previous: dict[str, Decimal] | None = None
    # The published range of every rate and percentage for a period's comparison year.
    published_ranges: Callable[[Period], dict[tuple[str, str], PublishedRange]] = lambda _: {}
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass
class CheckedReturn:
    """A return table under validation, with the views the rules share."""

    table: ReturnTable
    settings: ValidationSettings

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def catalogue(self) -> Catalogue:
        return self.settings.catalogue

    @cached_property
    def rows_by_item(self) -> dict[str, list[ReturnRow]]:
        """Known item id → the rows that carry it (more than one is a duplicate)."""
        known = set(self.catalogue.item_ids)
        found: dict[str, list[ReturnRow]] = {}
        for row in self.table.rows:
            item = canonical(row.get("item"))
            if item in known:
                found.setdefault(item, []).append(row)
        return found

    @cached_property
    def values(self) -> dict[str, tuple[ReturnRow, CellValue]]:
        """First row of each known item and what its value cell holds."""
        return {
            item: (rows[0], read_value(rows[0].get("value")))
            for item, rows in self.rows_by_item.items()
        }

    @cached_property
    def numbers(self) -> dict[str, Decimal]:
        """Items with a usable number: present, numeric, not negative."""
        return {
            item: value.number
            for item, (_, value) in self.values.items()
            if value.number is not None and value.number >= 0
        }

    @cached_property
    def la_code(self) -> str | None:
        codes = Counter(row.get("la_code") for row in self.table.rows if row.get("la_code"))
        return codes.most_common(1)[0][0] if codes else None

    @cached_property
    def period(self) -> Period | None:
        labels = Counter(row.get("period") for row in self.table.rows if row.get("period"))
        if not labels:
            return None
        try:
            return Period.parse(labels.most_common(1)[0][0])
        except PeriodError:
            return None
