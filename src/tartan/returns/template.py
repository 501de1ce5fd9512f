"""The blank return for one LA and quarter, as CSV or as a guided XLSX workbook."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import xlsxwriter

from tartan.catalogue import Catalogue
from tartan.periods import Period
from tartan.reference.register import LocalAuthority
from tartan.returns.table import TEMPLATE_COLUMNS

_GUIDANCE = (
    "Fill in the value column only: one figure per item for the quarter, or at quarter end "
    "where the item says so.",
    "Give counts as whole numbers without separators; the two day sums (a1_days, a2_days) may "
    "have decimals.",
    "Write x if a figure is not available and z if it does not apply; say why in the comment.",
    "Do not add, remove, rename or reorder rows or columns; do not type formulas.",
    "Rates and percentages are worked out centrally from your counts and the ONS population, "
    "so that every authority's are made the same way.",
)


Figures = dict[str, float]


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def template_rows(
    la: LocalAuthority,
    period: Period,
    catalogue: Catalogue,
    figures: Figures | None = None,
    comments: dict[str, str] | None = None,
) -> list[list[str]]:
    """One row per item; blank values unless ``figures`` fills them (a filled-in return)."""
    figures = figures or {}
    comments = comments or {}
    return [
        [
            la.code,
            la.name,
            period.label,
            item,
            _number_text(figures.get(item)),
            comments.get(item, ""),
        ]
        for item in catalogue.item_ids
    ]


def template_csv(
    la: LocalAuthority,
    period: Period,
    catalogue: Catalogue,
    figures: Figures | None = None,
    comments: dict[str, str] | None = None,
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerows(template_rows(la, period, catalogue, figures, comments))
    return buffer.getvalue().encode("utf-8")


def template_xlsx(
    la: LocalAuthority,
    period: Period,
    catalogue: Catalogue,
    figures: Figures | None = None,
    comments: dict[str, str] | None = None,
) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties(
        {"title": f"Quarterly return {la.code} {la.name} {period.label}", "author": "tartan"}
    )
    heading = workbook.add_format(
        {"bold": True, "bg_color": "#1d3d5c", "font_color": "#ffffff", "border": 1}
    )
    fixed = workbook.add_format({"bg_color": "#eeeeee", "border": 1, "locked": True})
    entry = workbook.add_format(
        {"bg_color": "#fff7d6", "border": 1, "locked": False, "num_format": "#,##0"}
    )
    note = workbook.add_format({"border": 1, "locked": False, "text_wrap": True})

    sheet = workbook.add_worksheet("Return")
    sheet.write_row(0, 0, TEMPLATE_COLUMNS, heading)
    for row_number, (row, item_id) in enumerate(
        zip(
            template_rows(la, period, catalogue, figures, comments), catalogue.item_ids, strict=True
        ),
        start=1,
    ):
        item = catalogue.item(item_id)
        sheet.write_row(row_number, 0, row[:4], fixed)
        value = (figures or {}).get(item_id)
        if value is None:
            sheet.write_blank(row_number, 4, None, entry)
        else:
            sheet.write_number(row_number, 4, value, entry)
        sheet.write(row_number, 5, row[5], note)
        sheet.write_comment(
            row_number, 3, f"{item.label}\n\n{item.definition}", {"x_scale": 2, "y_scale": 2}
        )
        sheet.data_validation(
            row_number,
            4,
            row_number,
            4,
            {
                "validate": "any",
                "input_title": item.label[:32],
                "input_message": item.definition[:255],
            },
        )
    sheet.set_column(0, 0, 9)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3, 18)
    sheet.set_column(4, 4, 12)
    sheet.set_column(5, 5, 48)
    sheet.freeze_panes(1, 0)
    sheet.protect(
        "",
        {
            "format_columns": True,
            "format_rows": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
        },
    )

    guidance = workbook.add_worksheet("Guidance")
    title = workbook.add_format({"bold": True, "font_size": 14})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    bold = workbook.add_format({"bold": True, "valign": "top"})
    guidance.write(0, 0, f"Quarterly return: {la.code} {la.name}, {period.label}", title)
    guidance.write(1, 0, f"Quarter {period.start:%d %B %Y} to {period.end:%d %B %Y}")
    for offset, text in enumerate(_GUIDANCE, start=3):
        guidance.write(offset, 0, f"{offset - 2}. {text}")
    first = 4 + len(_GUIDANCE)
    guidance.write_row(
        first,
        0,
        ("item", "label", "definition", "in the quarter or at its end", "must not exceed"),
        heading,
    )
    for offset, item in enumerate(catalogue.items.values(), start=first + 1):
        guidance.write(offset, 0, item.id, bold)
        guidance.write(offset, 1, item.label, wrap)
        guidance.write(offset, 2, item.definition, wrap)
        guidance.write(
            offset, 3, "at quarter end" if item.kind == "stock" else "in the quarter", wrap
        )
        guidance.write(offset, 4, ", ".join(item.part_of), wrap)
    guidance.set_column(0, 0, 18)
    guidance.set_column(1, 1, 36)
    guidance.set_column(2, 2, 70)
    guidance.set_column(3, 4, 20)
    workbook.close()
    return buffer.getvalue()


def write_template(
    la: LocalAuthority,
    period: Period,
    catalogue: Catalogue,
    path: Path,
    figures: Figures | None = None,
    comments: dict[str, str] | None = None,
) -> None:
    """The blank template (or a filled-in return): XLSX when the name ends .xlsx, else CSV."""
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(template_xlsx(la, period, catalogue, figures, comments))
    else:
        path.write_bytes(template_csv(la, period, catalogue, figures, comments))
