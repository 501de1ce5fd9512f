"""The fields a request may ask for: the purposes of ``tartan.childlevel.purposes`` and their
columns, named ``table.column``. The service keeps no list of its own; a field is allowed
exactly when the library's purpose allows it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tartan.childlevel.purposes import EXTRACT_TABLES, Purpose, PurposeError, shipped_purposes
from tartan.web.childdata.errors import FieldsOutsidePurpose

TABLE_LABELS = {
    "cin_children": "CIN census: the child",
    "cin_episodes": "CIN census: episodes of need",
    "cin_assessments": "CIN census: assessments",
    "cin_plan_dates": "CIN census: child in need plans",
    "cin_section47": "CIN census: section 47 enquiries",
    "cin_protection_plans": "CIN census: child protection plans",
    "ssda903_header": "SSDA903: header",
    "ssda903_episodes": "SSDA903: episodes of care",
    "ssda903_ad1": "SSDA903: adoption (AD1)",
    "ssda903_placed_adoption": "SSDA903: placed for adoption",
}


@dataclass(frozen=True)
class TableFields:
    table: str
    label: str
    fields: tuple[tuple[str, str], ...]  # (table.column, column)


def purpose_of(name: str) -> Purpose:
    try:
        return shipped_purposes()[name]
    except KeyError:
        raise FieldsOutsidePurpose(f"'{name}' is not one of the purposes") from None


def purpose_choices() -> list[tuple[str, str, str]]:
    """(name, label, description) of every purpose."""
    return [
        (p.name, p.name.replace("_", " ").capitalize(), p.description)
        for p in shipped_purposes().values()
    ]


def checked_fields(purpose_name: str, fields: Iterable[str]) -> list[str]:
    """The fields in the purpose's order; refused if one is beyond what the purpose allows."""
    chosen = purpose_of(purpose_name)
    wanted = list(fields)
    try:
        narrowed = chosen.narrowed(wanted)
    except PurposeError:
        outside = sorted(set(wanted) - set(chosen.fields))
        raise FieldsOutsidePurpose(
            f"The purpose '{purpose_name}' does not allow {', '.join(outside)}. A request "
            "can ask only for fields its purpose allows."
        ) from None
    return list(narrowed.fields)


def by_table(purpose_name: str, fields: Iterable[str] | None = None) -> list[TableFields]:
    """The purpose's fields (or those of ``fields`` within it) grouped by table."""
    chosen = purpose_of(purpose_name)
    keep = set(chosen.fields if fields is None else fields)
    groups = []
    for table, columns in chosen.tables.items():
        inside = tuple((f"{table}.{c}", c) for c in columns if f"{table}.{c}" in keep)
        if inside:
            groups.append(TableFields(table, TABLE_LABELS.get(table, table), inside))
    return groups


def link_columns(table: str) -> frozenset[str]:
    """What an extract's table carries besides the approved columns: the pseudonym, and for a
    CIN module the episode number that ties it to its episode (``make_extract``)."""
    source, name, _ = EXTRACT_TABLES[table]
    return frozenset(
        {"pseudonym", "episode"} if source == "cin" and name != "child" else {"pseudonym"}
    )
