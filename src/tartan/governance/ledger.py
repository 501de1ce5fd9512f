"""The grant ledger: what the lead authority received, what it transferred, and the balance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Entry:
    on: date
    description: str
    received_pence: int = 0
    transferred_pence: int = 0


@dataclass(frozen=True)
class Line:
    entry: Entry
    balance_pence: int


@dataclass(frozen=True)
class Ledger:
    lines: list[Line]
    received_pence: int
    transferred_pence: int

    @property
    def balance_pence(self) -> int:
        return self.received_pence - self.transferred_pence


def ledger(entries: Iterable[Entry]) -> Ledger:
    """Entries in date order (receipts before transfers on the same day) with a running balance."""
    ordered = sorted(entries, key=lambda e: (e.on, e.received_pence == 0))
    lines = []
    balance = received = transferred = 0
    for entry in ordered:
        received += entry.received_pence
        transferred += entry.transferred_pence
        balance += entry.received_pence - entry.transferred_pence
        lines.append(Line(entry, balance))
    return Ledger(lines, received, transferred)
