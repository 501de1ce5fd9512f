"""A benchmark table split once for many rugs.

A rug reads its own LA's rows and its group's rows of the quarter. Filtering the whole table for
each of 153 rugs scans it hundreds of times (a third of the national run); splitting it once by
LA and by group and quarter gives each rug its rows directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl


@dataclass(frozen=True)
class TableParts:
    by_la: dict[str, pl.DataFrame]
    by_group_quarter: dict[tuple[str | None, str], pl.DataFrame]
    empty: pl.DataFrame
    # (group, period) -> each indicator and measure's rows, as a frame and as dicts: the same
    # for every LA of the group, so made once per group, not once per rug.
    _by_key: dict[tuple[str, str], GroupRows] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, table: pl.DataFrame) -> TableParts:
        shown = table.filter(pl.col("measure") != "count")
        by_la = {
            str(key[0]): part for key, part in shown.partition_by("la_code", as_dict=True).items()
        }
        by_group_quarter = {
            (None if key[0] is None else str(key[0]), str(key[1])): part
            for key, part in shown.partition_by("group", "period", as_dict=True).items()
        }
        return cls(by_la, by_group_quarter, shown.clear())

    def la(self, la_code: str) -> pl.DataFrame:
        """The LA's rows of every period, counts left out (as the rug leaves them out)."""
        return self.by_la.get(la_code, self.empty)

    def group_quarter(self, group: str, period: str) -> pl.DataFrame:
        return self.by_group_quarter.get((group, period), self.empty)

    def group_rows(self, group: str, period: str) -> GroupRows:
        """The group's rows of the quarter per indicator and measure."""
        key = (group, period)
        if key not in self._by_key:
            self._by_key[key] = GroupRows.of(self.group_quarter(group, period))
        return self._by_key[key]


@dataclass(frozen=True)
class GroupRows:
    """One group's rows of a quarter, split by indicator and measure."""

    frames: dict[tuple[Any, ...], pl.DataFrame]
    dicts: dict[tuple[Any, ...], list[dict[str, Any]]]
    empty: pl.DataFrame

    @classmethod
    def of(cls, rows: pl.DataFrame) -> GroupRows:
        frames = rows.partition_by("indicator", "measure", as_dict=True)
        return cls(frames, {k: f.to_dicts() for k, f in frames.items()}, rows.clear())

    def frame(self, key: tuple[str, str]) -> pl.DataFrame:
        return self.frames.get(key, self.empty)

    def rows(self, key: tuple[str, str]) -> list[dict[str, Any]]:
        return self.dicts.get(key, [])
