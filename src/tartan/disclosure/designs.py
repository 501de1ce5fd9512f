"""Designs of an export outside the group, built from the benchmark table (DOMAIN.md §6a).

- ``distribution`` (the default): the named LA's own figures beside the comparators'
  distribution: quartiles coarsened below the published precision, how many comparators fall in
  each half of England (better or worse; higher or lower without polarity), and England's
  published figure. No comparator appears as a row.
- ``halves``: the distribution, plus one row per comparator showing only its half, under a label
  that is fresh for every table and every export (so rows cannot be linked across tables). Rows
  of a half whose count is suppressed are withheld with it, so counting rows gives nothing back.
- ``naive``: exact figures and counts under fixed labels. It exists to be refused: the gate must
  catch it, and the tests show that it does.
- ``banded`` (four quartile bands, as rows or as counts) is withdrawn: with k bands and no
  linkage an intruder who knows the published bands names about k/n of the rows, above chance
  plus the margin for four bands (see docs/protocol.md).

Labels and the order of rows are drawn from a keyed hash of the export's inputs (the LA, the
quarter, the recipient, the purpose and the comparators' unpublished figures), so the same
export is the same file every time while a recipient cannot compute them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import polars as pl

from tartan.disclosure.model import CellKind, ConcealedExport, Released, Truth
from tartan.disclosure.suppression import SMALL, suppress_band_counts, suppress_small_counts
from tartan.rug.style import POSITIONS, neutral_style

DESIGNS = ("distribution", "halves", "naive")
WITHDRAWN = {
    "banded": "the banded design is withdrawn: with four bands and no linkage an intruder who "
    "knows the published bands names about 4 in 18 rows, above chance plus 0.10; use "
    "distribution or halves",
}
NEUTRAL_BANDS = tuple(style.label for style in POSITIONS)
HALVES = {"A": "better half", "B": "better half", "C": "worse half", "D": "worse half"} | {
    label: ("higher half" if index < 2 else "lower half")
    for index, label in enumerate(NEUTRAL_BANDS)
}


def coarse_step(decimals: int) -> float:
    """One decimal place fewer than published (a rate of 393.3 is shown as 393); whole
    numbers to the nearest 5. Coarsened statistics never equal a figure at full precision."""
    return 10.0 ** -(decimals - 1) if decimals >= 1 else 5.0


def round_to(value: float, step: float) -> float:
    return float(np.floor(value / step + 0.5) * step)


def band_of(row: dict[str, object]) -> str:
    """A comparator's England band, or its neutral position quarter without polarity."""
    if row["value"] is None:
        return ""
    if row["ranking"] == "position":
        rank, count = row["england_rank"], row["england_n"]
        if rank is None:
            rank, count = row["group_rank"], row["group_n"]
        return neutral_style(
            rank if isinstance(rank, int) else None, count if isinstance(count, int) else None
        ).label
    return str(row["quartile"] or "")


def half_of(band: str) -> str:
    return HALVES.get(band, "")


def export_seed(
    table: pl.DataFrame, la_code: str, period: str, recipient: str, purpose: str, design: str
) -> bytes:
    """The key of an export's labels: a hash of its inputs, the comparators' unpublished figures
    among them, and the deployment's secret (``TARTAN_DISCLOSURE_KEY``) when one is set. The
    same inputs give the same labels; a recipient, who lacks the figures, cannot compute them."""
    figures = sorted(
        (str(r["la_code"]), str(r["indicator"]), str(r["measure"]), repr(r["value"]))
        for r in table.filter(pl.col("period") == period)
        .select("la_code", "indicator", "measure", "value")
        .iter_rows(named=True)
    )
    payload = json.dumps([la_code, period, recipient, purpose, design, figures])
    key = os.environ.get("TARTAN_DISCLOSURE_KEY", "tartan-disclosure").encode()
    return hashlib.blake2b(payload.encode(), key=key[:64], digest_size=32).digest()


def row_label(seed: bytes, table: str, la_code: str) -> str:
    """A label new for each table of each export (never 'LA 1, LA 2' in a fixed order)."""
    digest = hashlib.blake2b(f"{table}|{la_code}".encode(), key=seed, digest_size=8).hexdigest()
    return "R-" + digest[:8].upper()


def build_export(
    table: pl.DataFrame,
    la_code: str,
    period: str,
    members: list[str],
    recipient: str,
    design: str = "distribution",
    purpose: str = "",
    withheld: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[ConcealedExport, Truth]:
    """The export of ``la_code``'s figures for ``period``; ``members`` are the group's LAs.
    ``withheld``: (table, statistic) pairs shown as "withheld" (quartiles the gate found
    pinning an authority's figure, see tartan.disclosure.pins)."""
    if design in WITHDRAWN:
        raise ValueError(WITHDRAWN[design])
    if design not in DESIGNS:
        raise ValueError(f"unknown design '{design}': choose from {', '.join(DESIGNS)}")
    rows = table.filter(pl.col("period") == period)
    mine = rows.filter(pl.col("la_code") == la_code)
    if mine.is_empty():
        raise ValueError(f"no figures for {la_code} in {period}")
    comparators = [code for code in members if code != la_code]
    others = rows.filter(pl.col("la_code").is_in(comparators) & (pl.col("measure") != "count"))
    cells: list[Released] = []
    titles: dict[str, str] = {}
    unpublished: dict[str, dict[str, float]] = {}
    values: dict[str, dict[str, float]] = {}
    row_la: dict[str, str] = {}
    in_band: dict[str, dict[str, list[str]]] = {}
    seed = export_seed(table, la_code, period, recipient, purpose, design)
    counts = {
        r["indicator"]: r for r in mine.filter(pl.col("measure") == "count").iter_rows(named=True)
    }
    builder: Callable[..., list[Released]] = {
        "distribution": _distribution,
        "halves": _halves,
        "naive": _naive,
    }[design]
    for own in (
        mine.filter(pl.col("measure") != "count")
        .sort("indicator_number", "measure")
        .iter_rows(named=True)
    ):
        key = f"{own['indicator']}:{own['measure']}"
        titles[key] = f"{own['indicator_title']} ({own['measure'].replace('_', ' ')})"
        same = others.filter(
            (pl.col("indicator") == own["indicator"]) & (pl.col("measure") == own["measure"])
        )
        theirs = list(same.iter_rows(named=True))
        values[key] = {
            str(r["la_code"]): float(r["value"]) for r in theirs if r["value"] is not None
        }
        unpublished[key] = {
            r["la_code"]: r["value"]
            for r in theirs
            if r["value"] is not None and not r["published"]
        }
        cells.extend(_named(key, own, counts.get(own["indicator"])))
        in_band[key] = {}
        for row in theirs:
            half = half_of(band_of(row))
            if half:
                in_band[key].setdefault(half, []).append(str(row["la_code"]))
        made = builder(key, own, theirs, row_la, seed)
        made = [
            replace(c, number=None, text="withheld") if (key, c.kind.value) in withheld else c
            for c in made
        ]
        cells.extend(made)
    la_name = str(mine["la_name"][0])
    export = ConcealedExport(
        la_code, la_name, period, recipient, design, suppress_small_counts(cells), titles, purpose
    )
    return export, Truth(
        row_la=row_la,
        unpublished=unpublished,
        comparators=comparators,
        named=la_code,
        in_band=in_band,
        values=values,
    )


def _decimals(row: dict[str, object]) -> int:
    decimals = row["decimals"]
    return decimals if isinstance(decimals, int) else 0


def _step(row: dict[str, object]) -> float:
    """The published precision of a row's figure: 0.1 for one decimal place, 1 for none."""
    return 10.0 ** -_decimals(row)


def _named(key: str, own: dict[str, object], count: dict[str, object] | None) -> list[Released]:
    step = _step(own)
    value = own["value"] if isinstance(own["value"], float | int) else None
    symbol = str(own["symbol"] or "")
    base = own["denominator"]
    if own["measure"] != "rate" and isinstance(base, float | int) and int(base) in SMALL:
        value, symbol = None, "c"  # a percentage of 1-5 children gives the count back
    cells = [
        Released(key, CellKind.VALUE, number=value, text=symbol, precision=step, about_named=True)
    ]
    if count is not None:
        number = count["value"] if isinstance(count["value"], float | int) else None
        cells.append(
            Released(
                key,
                CellKind.COUNT,
                number=number,
                text=str(count["symbol"] or ""),
                precision=1.0,
                about_named=True,
            )
        )
    england = own["england_value"] if isinstance(own["england_value"], float | int) else None
    if england is not None:
        cells.append(
            Released(
                key,
                CellKind.ENGLAND,
                number=england,
                text=str(own["england_period"] or ""),
                precision=step,
            )
        )
    return cells


def half_names(own: dict[str, object]) -> tuple[str, str]:
    return (
        ("better half", "worse half") if own["ranking"] == "rank" else ("higher half", "lower half")
    )


def _distribution(
    key: str,
    own: dict[str, object],
    theirs: list[dict[str, object]],
    row_la: dict[str, str],
    seed: bytes,
) -> list[Released]:
    values = np.array([r["value"] for r in theirs if r["value"] is not None], dtype=float)
    step = coarse_step(_decimals(own))
    cells = [Released(key, CellKind.COMPARATORS, number=float(values.size), precision=1.0)]
    if values.size >= 3:
        q1, median, q3 = np.quantile(values, [0.25, 0.5, 0.75])
        cells += [
            Released(key, CellKind.Q1, number=round_to(q1, step), precision=step),
            Released(key, CellKind.MEDIAN, number=round_to(median, step), precision=step),
            Released(key, CellKind.Q3, number=round_to(q3, step), precision=step),
        ]
    halves = [half_of(band_of(r)) for r in theirs]
    if any(halves):
        cells += suppress_band_counts(key, {half: halves.count(half) for half in half_names(own)})
    return cells


def _halves(
    key: str,
    own: dict[str, object],
    theirs: list[dict[str, object]],
    row_la: dict[str, str],
    seed: bytes,
) -> list[Released]:
    """The distribution, and a row per comparator in each half whose count is shown: a half
    whose count is suppressed keeps its rows back too, so rows and counts agree."""
    cells = _distribution(key, own, theirs, row_la, seed)
    shown = {c.band for c in cells if c.kind == CellKind.BAND_COUNT and c.number is not None}
    rows = []
    for row in theirs:
        half = half_of(band_of(row))
        if half and half in shown:
            rows.append((row_label(seed, key, str(row["la_code"])), half, str(row["la_code"])))
    for label, half, code in sorted(rows):
        row_la[label] = code
        cells.append(Released(key, CellKind.BAND, row=label, text=half))
    return cells


def _naive(
    key: str,
    own: dict[str, object],
    theirs: list[dict[str, object]],
    row_la: dict[str, str],
    seed: bytes,
) -> list[Released]:
    step = _step(own)
    cells = []
    for number, row in enumerate(sorted(theirs, key=lambda r: str(r["la_code"])), start=1):
        label = f"LA {number:02d}"
        row_la[label] = str(row["la_code"])
        value = row["value"] if isinstance(row["value"], float | int) else None
        cells.append(Released(key, CellKind.VALUE, row=label, number=value, precision=step))
        numerator = row["numerator"]
        if isinstance(numerator, float | int):
            cells.append(
                Released(key, CellKind.COUNT, row=label, number=float(numerator), precision=1.0)
            )
    return cells
