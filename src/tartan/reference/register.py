"""The register of local authorities, keyed by the old 3-digit DfE code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tartan.periods import Period
from tartan.reference.files import read_table

REGISTER_FILE = "la_register.csv"
REGISTER_COLUMNS = (
    "la_code",
    "ons_code",
    "former_ons_codes",
    "name",
    "region_code",
    "region_name",
    "la_type",
    "operating_from",
    "operating_to",
    "predecessors",
    "successors",
)


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    ons_code: str
    former_ons_codes: tuple[str, ...]
    name: str
    region_code: str
    region_name: str
    la_type: str
    operating_from: date
    operating_to: date | None
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]

    @property
    def is_current(self) -> bool:
        return self.operating_to is None

    def operates_in(self, period: Period) -> bool:
        """Whether the authority existed for the whole of ``period``."""
        started = self.operating_from <= period.start
        still_there = self.operating_to is None or self.operating_to >= period.end
        return started and still_there


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(";") if part)


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


class Register:
    """All local authorities past and present, with lookups by code, region and period."""

    def __init__(self, authorities: list[LocalAuthority]) -> None:
        self._by_code = {la.code: la for la in authorities}

    @classmethod
    def load(cls, folder: Path | None = None) -> Register:
        rows = read_table(REGISTER_FILE, folder)
        authorities = []
        for row in rows:
            operating_from = _date(row["operating_from"])
            assert operating_from is not None, f"LA {row['la_code']} has no start date"
            authorities.append(
                LocalAuthority(
                    code=row["la_code"],
                    ons_code=row["ons_code"],
                    former_ons_codes=_split(row["former_ons_codes"]),
                    name=row["name"],
                    region_code=row["region_code"],
                    region_name=row["region_name"],
                    la_type=row["la_type"],
                    operating_from=operating_from,
                    operating_to=_date(row["operating_to"]),
                    predecessors=_split(row["predecessors"]),
                    successors=_split(row["successors"]),
                )
            )
        return cls(authorities)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[LocalAuthority]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> LocalAuthority | None:
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> LocalAuthority:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{code} is not a local authority code in the register") from None

    def current(self) -> list[LocalAuthority]:
        return sorted((la for la in self if la.is_current), key=lambda la: la.code)

    def operating_in(self, period: Period) -> list[LocalAuthority]:
        return sorted((la for la in self if la.operates_in(period)), key=lambda la: la.code)

    def by_ons_code(self, ons_code: str) -> LocalAuthority | None:
        for la in self:
            if la.ons_code == ons_code or ons_code in la.former_ons_codes:
                return la
        return None

    def regions(self) -> dict[str, str]:
        """Region code → region name, for the regions that hold a current LA."""
        return {la.region_code: la.region_name for la in self.current()}


@cache
def shipped_register() -> Register:
    """The register shipped with the package (loaded once)."""
    return Register.load()
