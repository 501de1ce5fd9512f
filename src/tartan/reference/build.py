"""Build the shipped reference tables from the official DfE and ONS files.

Run by ``tartan reference build ../shared/data/published``. The output is deterministic: running
it again over the same files reproduces the committed tables byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tartan.reference.files import read_official_csv, write_table
from tartan.reference.neighbours import (
    MODELS_COLUMNS,
    MODELS_FILE,
    NEIGHBOURS_COLUMNS,
    NEIGHBOURS_FILE,
)
from tartan.reference.population import ENGLAND, POPULATION_COLUMNS, POPULATION_FILE
from tartan.reference.register import REGISTER_COLUMNS, REGISTER_FILE

LA_LOOKUP = "la_lookup_dfeR.csv"
POPULATION_SOURCE = "ons_mid-year_population_estimates_2012_to_2024.csv"
SN_2021 = "New_Statistical_Neighbour_Groupings_April_2021.csv"
SN_2025 = "sn_model_2025_wide.csv"

_THREE_DIGITS = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class Reorganisation:
    """A local government reorganisation, as DfE's codes record it."""

    effective: date
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]


# The reorganisations DOMAIN.md §8 names. The lookup file gives each authority's dates but not
# which authority became which, so that is stated here.
REORGANISATIONS = (
    # Bournemouth (837) and Poole (836), with Christchurch from Dorset county (835), became
    # Bournemouth, Christchurch and Poole (839); the rest of Dorset county became Dorset (838).
    Reorganisation(date(2019, 4, 1), ("835", "836", "837"), ("838", "839")),
    Reorganisation(date(2021, 4, 1), ("928",), ("940", "941")),
    Reorganisation(date(2023, 4, 1), ("909",), ("942", "943")),
)

# Model effective dates: the 2021 groupings were published in April 2021 and the 2025 model
# applies from the 2025-26 financial year. Periods before April 2021 use the 2021 model, the
# earliest we hold.
NEIGHBOUR_MODELS = (
    ("2021", date(2021, 4, 1), SN_2021),
    ("2025", date(2025, 4, 1), SN_2025),
)


def _day(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _region_names(population_rows: list[dict[str, str]]) -> dict[str, str]:
    return {
        row["region_code"]: row["region_name"]
        for row in population_rows
        if row["geographic_level"] == "Regional"
    }


def build_register(source: Path, region_names: dict[str, str]) -> list[list[object]]:
    """One row per 3-digit code; an authority that changed ONS code keeps one row."""
    by_code: dict[str, list[dict[str, str]]] = {}
    for row in read_official_csv(source / LA_LOOKUP):
        if _THREE_DIGITS.match(row["old_la_code"]) and row["new_la_code"].startswith("E"):
            by_code.setdefault(row["old_la_code"], []).append(row)
    predecessors: dict[str, set[str]] = {}
    successors: dict[str, set[str]] = {}
    for change in REORGANISATIONS:
        for new in change.successors:
            predecessors.setdefault(new, set()).update(change.predecessors)
        for old in change.predecessors:
            successors.setdefault(old, set()).update(change.successors)
    rows: list[list[object]] = []
    for code in sorted(by_code):
        history = sorted(by_code[code], key=lambda row: _day(row["date_of_operation"]) or date.min)
        latest = history[-1]
        started = _day(history[0]["date_of_operation"])
        ended = _day(latest["date_of_termination"]) if latest["status"] != "live" else None
        former = [
            row["new_la_code"]
            for row in history[:-1]
            if row["new_la_code"] != latest["new_la_code"]
        ]
        rows.append(
            [
                code,
                latest["new_la_code"],
                ";".join(former),
                latest["la_name"],
                latest["parent_geography_code"],
                region_names[latest["parent_geography_code"]],
                latest["entity_description"],
                started.isoformat() if started else "",
                ended.isoformat() if ended else "",
                ";".join(sorted(predecessors.get(code, ()))),
                ";".join(sorted(successors.get(code, ()))),
            ]
        )
    return rows


def build_population(population_rows: list[dict[str, str]]) -> list[list[object]]:
    """Long table: area, level, mid-year, population (or the file's symbol)."""
    levels = {"National": "england", "Regional": "region", "Local authority": "la"}
    rows: list[list[object]] = []
    for row in population_rows:
        level = levels[row["geographic_level"]]
        area = {"england": ENGLAND, "region": row["region_code"], "la": row["old_la_code"]}[level]
        value = row["population_estimate"]
        numeric = value.isdigit()
        rows.append(
            [
                area,
                level,
                int(row["time_period"]),
                value if numeric else "",
                "" if numeric else value,
            ]
        )
    order = {"england": 0, "region": 1, "la": 2}
    rows.sort(key=lambda r: (order[str(r[1])], str(r[0]), int(str(r[2]))))
    return rows


def _closeness(text: str) -> str:
    """'Very Close', 'Close ' → 'Very close', 'Close'."""
    cleaned = " ".join(text.split()).lower()
    return cleaned[:1].upper() + cleaned[1:]


def build_neighbours(source: Path) -> list[list[object]]:
    rows: list[list[object]] = []
    for model, _, filename in NEIGHBOUR_MODELS:
        seen: set[str] = set()
        for record in _wide_neighbour_rows(source / filename):
            la_code, pairs = record
            if la_code in seen:
                continue
            seen.add(la_code)
            for rank, (neighbour, closeness) in enumerate(pairs, start=1):
                rows.append([model, la_code, rank, neighbour, _closeness(closeness)])
    return rows


def _wide_neighbour_rows(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Read either wide layout: LA code first, then 10 (neighbour, closeness) pairs.

    The 2021 file repeats the column name ``SNP`` and ends with a section of pre-reorganisation
    authorities ("Old SNs"), so it is read by position, not by name.
    """
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header = [cell.strip() for cell in lines[0]]
    first = next(i for i, name in enumerate(header) if name in ("SN1", "SN_1"))
    records = []
    for cells in lines[1:]:
        code = cells[0].strip() if cells else ""
        if not _THREE_DIGITS.match(code):
            continue
        pairs = [
            (cells[first + 2 * k].strip(), cells[first + 2 * k + 1])
            for k in range(10)
            if _THREE_DIGITS.match(cells[first + 2 * k].strip())
        ]
        records.append((code, pairs))
    return records


def build_reference(source: Path, out: Path) -> list[Path]:
    """Write every reference table into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    population_rows = read_official_csv(source / POPULATION_SOURCE)
    region_names = _region_names(population_rows)
    written = []
    tables = (
        (REGISTER_FILE, REGISTER_COLUMNS, build_register(source, region_names)),
        (POPULATION_FILE, POPULATION_COLUMNS, build_population(population_rows)),
        (NEIGHBOURS_FILE, NEIGHBOURS_COLUMNS, build_neighbours(source)),
        (
            MODELS_FILE,
            MODELS_COLUMNS,
            [[name, start.isoformat(), filename] for name, start, filename in NEIGHBOUR_MODELS],
        ),
    )
    for name, columns, rows in tables:
        path = out / name
        write_table(path, columns, rows)
        written.append(path)
    return written
