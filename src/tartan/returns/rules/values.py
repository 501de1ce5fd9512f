"""Values: whole non-negative numbers (decimals only for day sums), x, z, or blank."""

from __future__ import annotations

from collections.abc import Iterator

from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding
from tartan.returns.numbers import looks_like_formula
from tartan.returns.rules.registry import Stage, rule


@rule("E301", "A value is not a number", Stage.ROWS)
def not_a_number(ret: CheckedReturn) -> Iterator[Finding]:
    for item, (row, value) in ret.values.items():
        if value.blank or value.symbol or value.is_number or value.formula_like:
            continue
        yield Finding(
            "E301",
            ret.name,
            f"'{row.get('value')}' is not a number. Give a whole number, x if not available, "
            "or z if not applicable.",
            row=row.line,
            column="value",
            item=item,
        )


@rule("E302", "A value is negative", Stage.ROWS)
def negative(ret: CheckedReturn) -> Iterator[Finding]:
    for item, (row, value) in ret.values.items():
        if value.number is not None and value.number < 0:
            yield Finding(
                "E302",
                ret.name,
                f"{value.number} is negative; counts and day sums cannot be below 0.",
                row=row.line,
                column="value",
                item=item,
            )


@rule("E303", "A count has decimals", Stage.ROWS)
def decimals_in_count(ret: CheckedReturn) -> Iterator[Finding]:
    for item, (row, value) in ret.values.items():
        number = value.number
        if number is None or number == number.to_integral_value():
            continue
        if not ret.catalogue.item(item).allows_decimals:
            yield Finding(
                "E303",
                ret.name,
                f"{number} has decimals, but '{item}' counts children or events: give a whole number.",
                row=row.line,
                column="value",
                item=item,
            )


@rule("E304", "A cell starts like a spreadsheet formula", Stage.ROWS)
def formula_like_text(ret: CheckedReturn) -> Iterator[Finding]:
    for row in ret.table.rows:
        for column, text in row.cells.items():
            if column != "__overflow__" and looks_like_formula(text):
                yield Finding(
                    "E304",
                    ret.name,
                    f"The cell starts with '{text.lstrip()[:1]}', which a spreadsheet would run as "
                    "a formula. Type the value itself, or reword the text so it starts with a letter or digit.",
                    row=row.line,
                    column=column,
                    item=row.get("item") or None,
                )


@rule("E305", "The workbook holds formulas", Stage.ROWS)
def workbook_formulas(ret: CheckedReturn) -> Iterator[Finding]:
    for line, column in ret.table.formula_cells:
        reference = ret.table.cell_refs.get((line, column), "")
        place = f" in cell {reference}" if reference else ""
        yield Finding(
            "E305",
            ret.name,
            f"There is a formula{place}. Returns must hold values: copy the sheet and "
            "'Paste Special → Values' before uploading.",
            row=line,
            column=column,
        )


@rule("Q201", "A figure is not yet supplied", Stage.ROWS)
def blank_value(ret: CheckedReturn) -> Iterator[Finding]:
    for item, (row, value) in ret.values.items():
        if value.blank:
            yield Finding(
                "Q201",
                ret.name,
                f"No figure for '{item}' yet. Give it, or put x if it is not available and say why "
                "in the comment.",
                row=row.line,
                column="value",
                item=item,
            )
