"""Read the published DfE files into observations, keeping symbols and releases.

Output (our compact tables, committed so the demo runs without the official files):
- ``published_observations.csv``: area, period, item, value or symbol, release;
- ``published_measures.csv``: the rates and percentages DfE prints, as printed.
Areas are LA 3-digit codes, region codes (E12…) and England (E92000001).
"""

from __future__ import annotations

from pathlib import Path

from tartan.periods import Period
from tartan.published.sources import (
    CEASED_GROUP,
    RELEASES,
    SYMBOLS,
    ItemColumns,
    PublishedColumn,
    Release,
)
from tartan.reference.files import read_official_csv, write_table
from tartan.reference.population import ENGLAND

OBSERVATIONS_FILE = "published_observations.csv"
OBSERVATIONS_COLUMNS = ("area_code", "period", "item", "value", "symbol", "release")
MEASURES_FILE = "published_measures.csv"
MEASURES_COLUMNS = ("area_code", "period", "indicator", "measure", "value", "symbol", "release")
RELEASES_FILE = "published_releases.csv"
RELEASES_COLUMNS = ("release", "file", "title")


def _area(row: dict[str, str]) -> str | None:
    level = row["geographic_level"]
    if level == "National":
        return ENGLAND
    if level == "Regional":
        return row["region_code"]
    if level == "Local authority" and row["old_la_code"].isdigit():
        return row["old_la_code"]
    return None


def _cell(text: str) -> tuple[str, str]:
    """(value, symbol): a number keeps its digits; a symbol is never turned into 0."""
    text = text.strip()
    if text in SYMBOLS:
        return "", text
    if not text:
        return "", "x"
    float(text)  # fail loudly on anything unexpected in an official file
    return text, ""


def _sum(row: dict[str, str], spec: ItemColumns) -> tuple[str, str]:
    parts = [_cell(row[column]) for column in spec.columns]
    symbols = [symbol for _, symbol in parts if symbol]
    if symbols:
        # A sum with a suppressed or missing part cannot be given: keep the strongest symbol.
        return "", "c" if "c" in symbols else symbols[0]
    total = sum(int(value) for value, _ in parts)
    return str(total), ""


def _rows_of(
    release: Release, row: dict[str, str]
) -> tuple[tuple[ItemColumns, ...], tuple[PublishedColumn, ...]]:
    if not release.slice_column:
        return release.items, release.published
    if "cla_group" in row and row["cla_group"] != CEASED_GROUP:
        return (), ()
    return release.slices.get(row[release.slice_column], ((), ()))


def import_published(source: Path) -> tuple[list[list[object]], list[list[object]]]:
    observations: list[list[object]] = []
    measures: list[list[object]] = []
    for release in RELEASES:
        for row in read_official_csv(source / release.file):
            area = _area(row)
            if area is None:
                continue
            period = Period.financial_year(int(row["time_period"])).label
            items, published = _rows_of(release, row)
            for spec in items:
                value, symbol = _sum(row, spec)
                observations.append([area, period, spec.item, value, symbol, release.key])
            for column in published:
                value, symbol = _cell(row[column.column])
                measures.append(
                    [area, period, column.indicator, column.measure, value, symbol, release.key]
                )
    observations.sort(key=lambda r: (str(r[0]), str(r[1]), str(r[2])))
    measures.sort(key=lambda r: (str(r[0]), str(r[1]), str(r[2]), str(r[3])))
    return observations, measures


def build_published(source: Path, out: Path) -> list[Path]:
    observations, measures = import_published(source)
    out.mkdir(parents=True, exist_ok=True)
    write_table(out / OBSERVATIONS_FILE, OBSERVATIONS_COLUMNS, observations)
    write_table(out / MEASURES_FILE, MEASURES_COLUMNS, measures)
    write_table(out / RELEASES_FILE, RELEASES_COLUMNS, [[r.key, r.file, r.title] for r in RELEASES])
    return [out / OBSERVATIONS_FILE, out / MEASURES_FILE, out / RELEASES_FILE]
