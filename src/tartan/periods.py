"""Reporting periods: financial quarters (``2024-25 Q1``) and financial years (``2024-25``).

A financial year ``T-1``–``T`` runs from 1 April T-1 to 31 March T. DfE files label it by the
year it ends in (``time_period`` 2025). Quarters are financial: Q1 = April–June … Q4 =
January–March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_LABEL = re.compile(r"^\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})(?:\s*Q\s*([1-4]))?\s*$", re.IGNORECASE)


class PeriodError(ValueError):
    """A period label that cannot be understood."""


@dataclass(frozen=True)
class Period:
    """A financial year (``quarter`` is None) or one of its quarters.

    Ordering sorts by year, then quarter, with a whole year after its own quarters.
    """

    year_end: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and self.quarter not in (1, 2, 3, 4):
            raise PeriodError(f"quarter must be 1 to 4, not {self.quarter}")
        if not 1990 <= self.year_end <= 2100:
            raise PeriodError(f"year {self.year_end} is out of range")

    @classmethod
    def parse(cls, label: str) -> Period:
        """Read ``2024-25 Q1``, ``2024-25`` or ``2024/25 Q1``; raise PeriodError otherwise."""
        # Periods are immutable and few: a page asking every round its quarter (a picker of
        # 40, each policy check) reads the same labels hundreds of times.
        return _parsed(label) if cls is Period else cls._read(label)

    @classmethod
    def _read(cls, label: str) -> Period:
        match = _LABEL.match(label or "")
        if not match:
            raise PeriodError(
                f"'{label}' is not a period: write a financial year and quarter like '2024-25 Q1'"
            )
        start, end_text, quarter = match.groups()
        start_year = int(start)
        end_year = (
            int(end_text) if len(end_text) == 4 else (start_year // 100) * 100 + int(end_text)
        )
        if end_year < start_year:
            end_year += 100
        if end_year != start_year + 1:
            raise PeriodError(f"'{label}' is not a financial year: the years must be consecutive")
        return cls(end_year, int(quarter) if quarter else None)

    @classmethod
    def financial_year(cls, year_end: int) -> Period:
        return cls(year_end, None)

    @classmethod
    def containing(cls, day: date) -> Period:
        """The financial quarter that contains ``day``."""
        year_end = day.year + 1 if day.month >= 4 else day.year
        quarter = ((day.month - 4) % 12) // 3 + 1
        return cls(year_end, quarter)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None

    @property
    def label(self) -> str:
        year = f"{self.year_end - 1}-{self.year_end % 100:02d}"
        return f"{year} Q{self.quarter}" if self.quarter else year

    @property
    def year(self) -> Period:
        """The financial year this period belongs to."""
        return Period(self.year_end, None)

    @property
    def start(self) -> date:
        if self.quarter is None:
            return date(self.year_end - 1, 4, 1)
        month = 4 + 3 * (self.quarter - 1)
        year = self.year_end - 1 if month <= 12 else self.year_end
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        if self.quarter is None:
            return date(self.year_end, 3, 31)
        nxt = self.shift(1)
        return nxt.start - timedelta(days=1)

    @property
    def population_mid_year(self) -> int:
        """DfE's rule: a period in financial year T-1–T uses the mid-(T-1) population estimate."""
        return self.year_end - 1

    @property
    def index(self) -> int:
        """A running number of quarters (only for quarters), so that differences count quarters."""
        if self.quarter is None:
            raise PeriodError(f"{self.label} is a year, not a quarter")
        return self.year_end * 4 + self.quarter - 1

    def shift(self, steps: int) -> Period:
        """The period ``steps`` quarters (or years, for a year) later; negative goes back."""
        if self.quarter is None:
            return Period(self.year_end + steps, None)
        index = self.index + steps
        return Period(index // 4, index % 4 + 1)

    def previous(self) -> Period:
        return self.shift(-1)

    def year_ago(self) -> Period:
        return self.shift(-4) if self.quarter else self.shift(-1)

    def rolling_quarters(self) -> list[Period]:
        """The four quarters of the 12 months ending with this quarter, oldest first."""
        return [self.shift(offset) for offset in (-3, -2, -1, 0)]

    def latest_year_not_after(self) -> Period:
        """The latest financial year that ends no later than this period ends.

        A quarterly figure for ``2024-25 Q3`` is compared with the published ``2023-24`` year;
        ``2024-25 Q4`` with ``2024-25`` (whose 12 months are the same).
        """
        if self.quarter is None or self.quarter == 4:
            return Period(self.year_end, None)
        return Period(self.year_end - 1, None)

    def __str__(self) -> str:
        return self.label

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year_end, self.quarter or 5)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: Period) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: Period) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: Period) -> bool:
        return self.sort_key >= other.sort_key


def quarters_ending(last: Period, count: int) -> list[Period]:
    """``count`` consecutive quarters ending with ``last``, oldest first."""
    return [last.shift(-offset) for offset in range(count - 1, -1, -1)]


@lru_cache(maxsize=4096)
def _parsed(label: str) -> Period:
    return Period._read(label)
