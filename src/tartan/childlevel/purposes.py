"""Purposes as data: which tables and columns an extract for each purpose may carry.

The list lives in ``purposes.toml`` beside this module, so that adding a purpose, or narrowing
one, is a reviewed change to data rather than to code. Loading checks every table and column
exists and that no direct identifier is listed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tartan.childlevel import cin_schema, ssda903_schema

PURPOSES_FILE = Path(__file__).with_name("purposes.toml")

# Extract table → (source, table in that source, its columns).
EXTRACT_TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "cin_children": ("cin", "child", cin_schema.CHILD.columns),
    "cin_episodes": ("cin", "episode", cin_schema.EPISODE.columns),
    "cin_assessments": ("cin", "assessment", cin_schema.ASSESSMENT.columns),
    "cin_plan_dates": ("cin", "cin_plan", cin_schema.CIN_PLAN.columns),
    "cin_section47": ("cin", "section47", cin_schema.SECTION47.columns),
    "cin_protection_plans": ("cin", "plan", cin_schema.PLAN.columns),
    "ssda903_header": ("ssda903", "Header", ssda903_schema.HEADER.columns[1:]),
    "ssda903_episodes": ("ssda903", "Episodes", ssda903_schema.EPISODES.columns[1:]),
    "ssda903_ad1": ("ssda903", "AD1", ssda903_schema.AD1.columns[1:]),
    "ssda903_placed_adoption": (
        "ssda903",
        "PlacedAdoption",
        ssda903_schema.PLACED_ADOPTION.columns[1:],
    ),
}

DIRECT_IDENTIFIERS = frozenset({"UPN", "FormerUPN", "LAchildID", "CHILD"})


class PurposeError(ValueError):
    """A purpose that is not defined, or a purposes file that does not hang together."""


@dataclass(frozen=True)
class Purpose:
    name: str
    description: str
    tables: dict[str, tuple[str, ...]]

    @property
    def fields(self) -> tuple[str, ...]:
        """Every column the purpose allows, as ``table.column``."""
        return tuple(
            f"{table}.{column}" for table, columns in self.tables.items() for column in columns
        )

    def narrowed(self, fields: Iterable[str]) -> Purpose:
        """The purpose cut down to some of its fields (``table.column``), as a request for
        child-level data approves them; a field the purpose does not allow is refused."""
        wanted = set(fields)
        outside = sorted(wanted - set(self.fields))
        if outside:
            raise PurposeError(
                f"purpose {self.name} does not allow {', '.join(outside)}; it allows only "
                f"{', '.join(self.fields)}"
            )
        tables = {
            table: tuple(c for c in columns if f"{table}.{c}" in wanted)
            for table, columns in self.tables.items()
        }
        return Purpose(self.name, self.description, {t: c for t, c in tables.items() if c})


def load_purposes(path: Path = PURPOSES_FILE) -> dict[str, Purpose]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    purposes = {}
    for name, body in data.get("purposes", {}).items():
        tables: dict[str, tuple[str, ...]] = {}
        for table, columns in body.get("tables", {}).items():
            if table not in EXTRACT_TABLES:
                raise PurposeError(f"purpose {name}: there is no table {table}")
            known = EXTRACT_TABLES[table][2]
            for column in columns:
                if column in DIRECT_IDENTIFIERS:
                    raise PurposeError(
                        f"purpose {name}: {table}.{column} is a direct identifier and can never "
                        "leave in an extract"
                    )
                if column not in known:
                    raise PurposeError(f"purpose {name}: {table} has no column {column}")
            tables[table] = tuple(columns)
        if not body.get("description"):
            raise PurposeError(f"purpose {name} has no description")
        purposes[name] = Purpose(name, body["description"], tables)
    return purposes


@cache
def shipped_purposes() -> dict[str, Purpose]:
    return load_purposes()


def purpose(name: str) -> Purpose:
    purposes = shipped_purposes()
    if name not in purposes:
        raise PurposeError(
            f"'{name}' is not a purpose; the purposes are {', '.join(sorted(purposes))}"
        )
    return purposes[name]
