"""Concealed exports as CSV: the protective marking first, then one line per released cell."""

from __future__ import annotations

import csv
import io

from tartan.disclosure.model import CellKind, ConcealedExport

WHAT = {
    CellKind.VALUE: "figure",
    CellKind.COUNT: "number",
    CellKind.BAND: "band",
    CellKind.Q1: "comparators' lower quartile",
    CellKind.MEDIAN: "comparators' median",
    CellKind.Q3: "comparators' upper quartile",
    CellKind.MINIMUM: "comparators' minimum",
    CellKind.MAXIMUM: "comparators' maximum",
    CellKind.MEAN: "comparators' mean",
    CellKind.ENGLAND: "England",
    CellKind.BAND_COUNT: "comparators in band",
    CellKind.COMPARATORS: "comparators",
}


def marking_lines(export: ConcealedExport, group: str, produced: str, synthetic: bool) -> list[str]:
    lines = [
        f"INTERNAL AND LIMITED USE under the {group} data sharing protocol.",
        f"Shared by {export.la_name} ({export.la_code}) with {export.recipient} on {produced}: "
        f"{export.la_name} is named; every other authority is concealed.",
        f"Contains {export.la_name}'s unpublished figures for {export.period}: not to be passed on.",
    ]
    if synthetic:
        lines.append("SYNTHETIC DEMONSTRATION DATA: these are not real figures.")
    return lines


def export_csv(export: ConcealedExport, marking: list[str]) -> bytes:
    buffer = io.StringIO()
    for line in marking:
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["indicator", "who", "what", "band", "value", "period_or_note"])
    for cell in export.cells:
        who = (
            f"{export.la_name} ({export.la_code})"
            if cell.about_named
            else (cell.row or "comparators")
        )
        if cell.kind == CellKind.ENGLAND:
            who = "England"
        note = cell.text if cell.kind == CellKind.ENGLAND else ""
        value = cell.shown if cell.kind != CellKind.ENGLAND else f"{cell.number}"
        if cell.kind == CellKind.BAND:
            value = ""
        writer.writerow(
            [
                export.titles.get(cell.table, cell.table),
                who,
                WHAT[cell.kind],
                cell.band or (cell.text if cell.kind == CellKind.BAND else ""),
                value,
                note,
            ]
        )
    return buffer.getvalue().encode("utf-8")
