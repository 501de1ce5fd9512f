"""A quarterly return once read: the LA's figures for one quarter, item by item."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tartan.observations import Observation
from tartan.periods import Period
from tartan.returns.context import CheckedReturn


@dataclass(frozen=True)
class QuarterlyReturn:
    la_code: str
    period: Period
    numbers: dict[str, Decimal]
    symbols: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_checked(cls, checked: CheckedReturn) -> QuarterlyReturn | None:
        """The figures of a return whose LA and period could be read; None otherwise."""
        if checked.la_code is None or checked.period is None:
            return None
        symbols = {
            item: value.symbol for item, (_, value) in checked.values.items() if value.symbol
        }
        comments = {
            item: row.get("comment")
            for item, (row, _) in checked.values.items()
            if row.get("comment")
        }
        return cls(checked.la_code, checked.period, dict(checked.numbers), symbols, comments)

    def observations(self, source: str) -> list[Observation]:
        """One observation per item; a symbol or a blank has no value (never a fake 0)."""
        rows: list[Observation] = []
        for item in sorted(set(self.numbers) | set(self.symbols)):
            number = self.numbers.get(item)
            rows.append(
                (
                    self.la_code,
                    self.period.label,
                    item,
                    float(number) if number is not None else None,
                    self.symbols.get(item),
                    source,
                    False,
                )
            )
        return rows
