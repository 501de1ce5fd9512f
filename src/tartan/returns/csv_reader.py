"""Read a CSV return as Excel and other tools save it: BOM, Windows-1252, blank rows, spaces."""

from __future__ import annotations

import csv
import io

from tartan.returns.findings import Finding
from tartan.returns.table import ReturnRow, ReturnTable, normalise_header

_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def decode_text(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else Windows-1252; None when it is neither."""
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def read_csv_table(name: str, text: str) -> tuple[ReturnTable | None, list[Finding]]:
    lines = list(csv.reader(io.StringIO(text, newline="")))
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1) if not _blank(cells)]
    if not numbered:
        return None, [Finding("E001", name, "The file has no rows: it is empty.")]
    header_line, header = numbered[0]
    if len(header) == 1:
        for delimiter, words in _OTHER_DELIMITERS.items():
            if delimiter in header[0]:
                message = (
                    f"The columns are separated by {words}, not commas. Save the file as "
                    "'CSV (Comma delimited)' or 'CSV UTF-8' and upload it again."
                )
                return None, [Finding("E006", name, message, row=header_line)]
    raw_columns = [cell.strip() for cell in header]
    columns = [normalise_header(cell) for cell in header]
    table = ReturnTable(
        name=name, header_line=header_line, columns=columns, raw_columns=raw_columns
    )
    for number, cells in numbered[1:]:
        values = {
            column: (cells[i].strip() if i < len(cells) else "")
            for i, column in enumerate(columns)
            if column
        }
        overflow = [cell for cell in cells[len(columns) :] if cell.strip()]
        if overflow:
            values["__overflow__"] = ", ".join(cell.strip() for cell in overflow)
        table.rows.append(ReturnRow(line=number, cells=values))
    return table, []
