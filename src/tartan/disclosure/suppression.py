"""Suppression (DOMAIN.md §6a): counts of 1 to 5 become ``c``; figures built on them too; and a
second cell is suppressed where a total would otherwise give the first back."""

from __future__ import annotations

from dataclasses import replace

from tartan.disclosure.model import CellKind, Released

SMALL = range(1, 6)
# Fewer comparators than this in a band would narrow who they are below three candidates.
FEW_IN_BAND = range(1, 3)


def suppress_small_counts(cells: list[Released]) -> list[Released]:
    """Counts of 1-5 as ``c``, and every figure of the same row and table with them."""
    suppressed = {
        (cell.table, cell.row, cell.about_named)
        for cell in cells
        if cell.kind == CellKind.COUNT and cell.number is not None and int(cell.number) in SMALL
    }
    out = []
    for cell in cells:
        if (cell.table, cell.row, cell.about_named) in suppressed and cell.kind in (
            CellKind.COUNT,
            CellKind.VALUE,
        ):
            out.append(replace(cell, number=None, text="c"))
        else:
            out.append(cell)
    return out


def suppress_band_counts(table: str, tally: dict[str, int]) -> list[Released]:
    """How many comparators fall in each band, with 1 or 2 suppressed and, where only one is,
    the next smallest suppressed as well so that the total cannot give it back. When no second
    cell can hide it, the table's band counts are left out altogether."""
    small = {band for band, count in tally.items() if count in FEW_IN_BAND}
    if len(small) == 1:
        others = sorted(
            (count, band) for band, count in tally.items() if count and band not in small
        )
        if not others:
            return []
        small.add(others[0][1])
    return [
        Released(
            table,
            CellKind.BAND_COUNT,
            band=band,
            number=None if band in small else float(count),
            text="c" if band in small else "",
            precision=1.0,
        )
        for band, count in tally.items()
    ]
