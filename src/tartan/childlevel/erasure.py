"""The register of erased children, by pseudonym, applied on every import and merge.

When an LA erases a child (a right-to-erasure request, or data that should never have been
shared), the child's pseudonym goes on the register. Any extract read afterwards, and any merge,
drops that pseudonym's rows, so an older extract that still holds the child cannot bring them
back. The register holds pseudonyms and the key id they belong to, never a child's identifier;
a reason may be noted but must not identify the child.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

COLUMNS = ("pseudonym", "key_id", "erased_on", "reason")


class RegisterError(ValueError):
    """The register is missing or damaged: nothing is imported without it."""


@dataclass(frozen=True)
class Erasure:
    pseudonym: str
    key_id: str
    erased_on: date
    reason: str = ""


class ErasureRegister:
    def __init__(self, path: Path, entries: list[Erasure]) -> None:
        self.path = path
        self.entries = entries

    @classmethod
    def load(cls, path: Path) -> ErasureRegister:
        """The register at ``path``; it must exist, so that a mistyped path cannot quietly
        apply no erasures."""
        if not path.is_file():
            raise RegisterError(
                f"There is no erasure register at {path}. Create it with "
                "'tartan childlevel erase --register PATH …' or check the path."
            )
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        entries = []
        for number, row in enumerate(rows, start=2):
            try:
                entries.append(
                    Erasure(
                        row["pseudonym"].strip(),
                        row["key_id"].strip(),
                        date.fromisoformat(row["erased_on"].strip()),
                        (row.get("reason") or "").strip(),
                    )
                )
            except (KeyError, ValueError, AttributeError):
                raise RegisterError(f"{path}, row {number}: not a register entry") from None
        return cls(path, entries)

    @classmethod
    def open_or_create(cls, path: Path) -> ErasureRegister:
        return cls.load(path) if path.exists() else cls(path, [])

    def erased(self, key_id: str) -> frozenset[str]:
        return frozenset(e.pseudonym for e in self.entries if e.key_id == key_id)

    def add(self, pseudonym: str, key_id: str, on: date, reason: str = "") -> bool:
        """Record an erasure; False when the pseudonym was already erased."""
        if pseudonym in self.erased(key_id):
            return False
        self.entries.append(Erasure(pseudonym, key_id, on, reason))
        return True

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for entry in self.entries:
                writer.writerow(
                    (entry.pseudonym, entry.key_id, entry.erased_on.isoformat(), entry.reason)
                )

    def without_erased(
        self, tables: dict[str, pl.DataFrame], key_id: str
    ) -> dict[str, pl.DataFrame]:
        erased = sorted(self.erased(key_id))
        if not erased:
            return tables
        return {
            name: frame.filter(~pl.col("pseudonym").is_in(erased)) for name, frame in tables.items()
        }
