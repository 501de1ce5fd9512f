"""Population aged 0-17 (ONS mid-year estimates) and DfE's mid-(T-1) rule."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tartan.periods import Period
from tartan.reference.files import read_table

POPULATION_FILE = "population.csv"
POPULATION_COLUMNS = ("area_code", "area_level", "mid_year", "population", "symbol")
ENGLAND = "E92000001"


@dataclass(frozen=True)
class PopulationFigure:
    """The population used for a period, and whether it had to be carried forward.

    ``carried_forward`` is True when the mid-year estimate the rule asks for is not published
    yet and the latest published year stands in for it; rates built on it say so.
    """

    area_code: str
    mid_year_wanted: int
    mid_year_used: int
    value: int

    @property
    def carried_forward(self) -> bool:
        return self.mid_year_used != self.mid_year_wanted

    @property
    def note(self) -> str:
        if not self.carried_forward:
            return f"mid-{self.mid_year_used} estimate"
        return (
            f"mid-{self.mid_year_wanted} estimate not yet published: "
            f"mid-{self.mid_year_used} carried forward"
        )


class Population:
    """Children aged 0-17 by area (LA 3-digit code, region E12 code, England) and mid-year."""

    def __init__(self, values: dict[tuple[str, int], int]) -> None:
        self._values = values
        self._latest_year = max((year for _, year in values), default=0)

    @classmethod
    def load(cls, folder: Path | None = None) -> Population:
        values = {
            (row["area_code"], int(row["mid_year"])): int(row["population"])
            for row in read_table(POPULATION_FILE, folder)
            if row["population"]
        }
        return cls(values)

    @property
    def latest_mid_year(self) -> int:
        return self._latest_year

    def estimate(self, area_code: str, mid_year: int) -> int | None:
        """The published estimate for exactly that mid-year, or None."""
        return self._values.get((area_code, mid_year))

    def for_period(self, area_code: str, period: Period) -> PopulationFigure | None:
        """The population a rate for ``period`` uses: mid-(T-1), carried forward if unpublished.

        Carrying forward only happens past the last published year; a gap inside the published
        years (an authority that did not exist yet) gives None.
        """
        wanted = period.population_mid_year
        value = self.estimate(area_code, wanted)
        if value is not None:
            return PopulationFigure(area_code, wanted, wanted, value)
        if wanted <= self._latest_year:
            return None
        value = self.estimate(area_code, self._latest_year)
        if value is None:
            return None
        return PopulationFigure(area_code, wanted, self._latest_year, value)

    def items(self) -> list[tuple[str, int, int]]:
        return [(area, year, value) for (area, year), value in sorted(self._values.items())]


@cache
def shipped_population() -> Population:
    return Population.load()
