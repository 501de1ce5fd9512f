"""The SSDA903 tables this package reads, their columns and code lists.

SSDA903 (the children looked after return) is a set of CSV tables, one row per record, dates
dd/mm/yyyy: Header, Episodes, UASC, Reviews, AD1, PlacedAdoption, PrevPerm, OC2, OC3, Missing,
SWEpisodes. The return needs Episodes (care, starts, ceases, adoptions) and AD1 (the match date
for A2); Header and PlacedAdoption are read too, so that pseudonymised extracts can carry them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Ssda903Table:
    name: str
    columns: tuple[str, ...]  # the specification's columns, in its order
    needed: tuple[str, ...]  # columns the return cannot do without
    required_values: tuple[str, ...]  # a row without one of these is left out
    dates: tuple[str, ...]
    codes: tuple[tuple[str, frozenset[str]], ...] = ()


LEGAL_STATUSES = frozenset(
    {"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"}
)
REASONS_NEW_EPISODE = frozenset({"S", "P", "L", "T", "U", "B"})
REASONS_CEASED = frozenset(
    {
        "E11",
        "E12",
        "E13",
        "E14",
        "E15",
        "E16",
        "E17",
        "E2",
        "E3",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E4A",
        "E4B",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "X1",
    }
)

SHORT_BREAKS = frozenset({"V3", "V4"})  # a series of short breaks: not counted as care
ADOPTED = frozenset({"E11", "E12"})
CONTINUES = "X1"  # the episode ends and the next begins the same day: no ceasing
PERIOD_START = "S"
PLACED_FOR_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
COURT_AUTHORITY = frozenset({"E1", "D1"})  # placement order; freeing order (before 2005)

HEADER = Ssda903Table(
    name="Header",
    columns=("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    needed=("CHILD",),
    required_values=("CHILD",),
    dates=("DOB", "MC_DOB"),
)

EPISODES = Ssda903Table(
    name="Episodes",
    columns=(
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    needed=("CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"),
    required_values=("CHILD", "DECOM", "RNE", "LS"),
    dates=("DECOM", "DEC"),
    codes=(
        ("RNE", REASONS_NEW_EPISODE),
        ("LS", LEGAL_STATUSES),
        ("REC", REASONS_CEASED),
    ),
)

AD1 = Ssda903Table(
    name="AD1",
    columns=(
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    needed=("CHILD", "DATE_MATCH"),
    required_values=("CHILD",),
    dates=("DOB", "DATE_INT", "DATE_MATCH"),
)

PLACED_ADOPTION = Ssda903Table(
    name="PlacedAdoption",
    columns=("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    needed=("CHILD",),
    required_values=("CHILD",),
    dates=("DOB", "DATE_PLACED", "DATE_PLACED_CEASED"),
)

TABLES = {table.name: table for table in (HEADER, EPISODES, AD1, PLACED_ADOPTION)}


def table_for_file(stem: str) -> Ssda903Table | None:
    """The table a file holds, from its name: ``episodes.csv``, ``Episodes_2024.csv``,
    ``placed_adoption.csv`` … (case, separators and a year do not matter)."""
    # Drop a year ("2024", "2023-24") and separators; keep the digit of "AD1".
    year = r"(?<!\d)\d{4}(?:\s*[-_/]\s*\d{2,4})?(?!\d)"
    key = re.sub(r"[^a-z0-9]", "", re.sub(year, "", stem.lower()))
    key = key.removeprefix("ssda903")
    key = ALIASES.get(key, key)
    for table in TABLES.values():
        if key == table.name.lower():
            return table
    return None


# Other names the same tables go by (Data to Insight's validator writes placed_for_adoption.csv).
ALIASES = {"placedforadoption": "placedadoption"}
