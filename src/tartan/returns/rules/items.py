"""Items: each item of the catalogue exactly once, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding
from tartan.returns.lookalikes import (
    canonical,
    closest,
    describe_character,
    foreign_characters,
    lookalike_of,
)
from tartan.returns.rules.registry import Stage, rule


@rule("E201", "An item that is not in the template", Stage.ROWS)
def unknown_items(ret: CheckedReturn) -> Iterator[Finding]:
    known = ret.catalogue.item_ids
    for row in ret.table.rows:
        text = row.get("item")
        if canonical(text) in known:
            continue
        if not text:
            message = "The item is blank: every row needs an item name from the template."
        elif (imitated := lookalike_of(text, known)) is not None:
            characters = ", ".join(
                f"{describe_character(char)} at position {position}"
                for position, char in foreign_characters(text)
            )
            message = (
                f"'{text}' looks like '{imitated}' but contains {characters}. "
                f"Retype the item name as '{imitated}'."
            )
        elif (suggestion := closest(text, known)) is not None:
            message = f"'{text}' is not an item of the return. Did you mean '{suggestion}'?"
        else:
            message = f"'{text}' is not an item of the return; see the Guidance sheet for the list."
        yield Finding("E201", ret.name, message, row=row.line, column="item", item=text or None)


@rule("E202", "An item appears more than once", Stage.ROWS)
def duplicate_items(ret: CheckedReturn) -> Iterator[Finding]:
    for item, rows in ret.rows_by_item.items():
        for row in rows[1:]:
            yield Finding(
                "E202",
                ret.name,
                f"'{item}' appears again (first on row {rows[0].line}); give each item once.",
                row=row.line,
                column="item",
                item=item,
            )


@rule("E203", "An item of the template is missing", Stage.ROWS)
def missing_items(ret: CheckedReturn) -> Iterator[Finding]:
    for item in ret.catalogue.item_ids:
        if item not in ret.rows_by_item:
            label = ret.catalogue.item(item).label
            yield Finding(
                "E203",
                ret.name,
                f"The item '{item}' ({label}) is missing. Add its row; use x if the figure is not available.",
                column="item",
                item=item,
            )
