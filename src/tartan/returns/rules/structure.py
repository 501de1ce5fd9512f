"""Structure: the columns of the template, each once, nothing outside them."""

from __future__ import annotations

from collections.abc import Iterator

from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding
from tartan.returns.rules.registry import Stage, rule
from tartan.returns.table import REQUIRED_COLUMNS, TEMPLATE_COLUMNS

_EXPECTED = ", ".join(TEMPLATE_COLUMNS)


@rule("E101", "A required column is missing", Stage.STRUCTURE)
def missing_columns(ret: CheckedReturn) -> Iterator[Finding]:
    for column in REQUIRED_COLUMNS:
        if column not in ret.table.columns:
            yield Finding(
                "E101",
                ret.name,
                f"The column '{column}' is missing. The first row must name the columns {_EXPECTED}.",
                row=ret.table.header_line,
                column=column,
            )


@rule("E102", "A column that is not in the template", Stage.STRUCTURE)
def unexpected_columns(ret: CheckedReturn) -> Iterator[Finding]:
    for raw, column in zip(ret.table.raw_columns, ret.table.columns, strict=True):
        if column not in TEMPLATE_COLUMNS:
            label = raw or "(blank)"
            yield Finding(
                "E102",
                ret.name,
                f"The column '{label}' is not in the template; the columns are {_EXPECTED}.",
                row=ret.table.header_line,
                column=label,
            )


@rule("E103", "A column appears twice", Stage.STRUCTURE)
def duplicate_columns(ret: CheckedReturn) -> Iterator[Finding]:
    seen: set[str] = set()
    for column in ret.table.columns:
        if column in seen and column in TEMPLATE_COLUMNS:
            yield Finding(
                "E103",
                ret.name,
                f"The column '{column}' appears more than once; keep one.",
                row=ret.table.header_line,
                column=column,
            )
        seen.add(column)


@rule("E104", "A row has values outside the named columns", Stage.ROWS)
def overflowing_rows(ret: CheckedReturn) -> Iterator[Finding]:
    for row in ret.table.rows:
        if "__overflow__" in row.cells:
            yield Finding(
                "E104",
                ret.name,
                f"This row has values beyond the last named column ({row.cells['__overflow__']}); "
                "a value may have been split by a comma. Put numbers without separators or in quotes.",
                row=row.line,
                item=row.get("item") or None,
            )
