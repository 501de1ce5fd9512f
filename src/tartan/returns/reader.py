"""Open a return file safely, whatever arrives: limits first, then the CSV or XLSX reader."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tartan.returns.csv_reader import decode_text, read_csv_table
from tartan.returns.findings import Finding
from tartan.returns.table import ReturnRow, ReturnTable, normalise_header
from tartan.returns.xlsx_reader import SheetCells, WorkbookError, column_letter, read_sheet

# A return is about 25 rows (2 kB as CSV, 10 kB as XLSX); these limits leave room for
# formatting and notes while refusing anything that could exhaust the service.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_BYTES = 40 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ARCHIVE_MEMBERS = 500

_ZIP_MAGIC = b"PK\x03\x04"
_KNOWN_BINARIES = {
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook (save it as .xlsx or CSV)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
}


@dataclass
class ReadOutcome:
    table: ReturnTable | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.table is not None


def read_return_path(path: Path) -> ReadOutcome:
    """Read a return from disk without ever loading more than the size limit."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return ReadOutcome(
            None, [Finding("E002", path.name, f"The file cannot be opened: {error.strerror}.")]
        )
    return read_return_bytes(path.name, data)


def read_return_bytes(name: str, data: bytes) -> ReadOutcome:
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        message = f"The file is larger than {limit} MB; a return is a few kilobytes. Check you chose the right file."
        return ReadOutcome(None, [Finding("E003", name, message)])
    if not data.strip():
        return ReadOutcome(None, [Finding("E001", name, "The file is empty.")])
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(name, data)
    for magic, what in _KNOWN_BINARIES.items():
        if data.startswith(magic):
            return ReadOutcome(
                None, [Finding("E002", name, f"This is {what}, not a CSV or .xlsx return.")]
            )
    text = decode_text(data)
    if text is None:
        message = "The file is not text (it holds binary data). Upload the return as CSV or .xlsx."
        return ReadOutcome(None, [Finding("E002", name, message)])
    table, findings = read_csv_table(name, text)
    return ReadOutcome(table, findings)


def _archive_problem(name: str, data: bytes) -> Finding | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return Finding(
            "E004",
            name,
            "The workbook is damaged or is not an .xlsx file. Save it again from Excel.",
        )
    if len(members) > MAX_ARCHIVE_MEMBERS:
        return Finding(
            "E005",
            name,
            f"The workbook holds {len(members)} parts; a return needs a handful. It was not opened.",
        )
    expanded = sum(member.file_size for member in members)
    worst = max((member.file_size / max(member.compress_size, 1) for member in members), default=0)
    if expanded > MAX_EXPANDED_BYTES or (worst > MAX_COMPRESSION_RATIO and expanded > 1024 * 1024):
        megabytes = expanded / (1024 * 1024)
        message = (
            f"The workbook would expand to {megabytes:,.0f} MB (compressed {worst:,.0f} times); "
            "that is not a return. It was not opened."
        )
        return Finding("E005", name, message)
    if "xl/workbook.xml" not in {member.filename for member in members}:
        return Finding("E004", name, "The archive is not an Excel workbook (.xlsx).")
    return None


def _read_xlsx(name: str, data: bytes) -> ReadOutcome:
    problem = _archive_problem(name, data)
    if problem:
        return ReadOutcome(None, [problem])
    try:
        sheet = read_sheet(data)
    except (WorkbookError, zipfile.BadZipFile, KeyError, ValueError) as error:
        message = f"The workbook cannot be read ({error}). Save it again from Excel as .xlsx."
        return ReadOutcome(None, [Finding("E004", name, message)])
    if not sheet.cells:
        return ReadOutcome(None, [Finding("E001", name, f"The sheet '{sheet.name}' is empty.")])
    return ReadOutcome(sheet_to_table(name, sheet), [])


def sheet_to_table(name: str, sheet: SheetCells) -> ReturnTable:
    rows: dict[int, dict[int, str]] = {}
    for (row, column), text in sheet.cells.items():
        rows.setdefault(row, {})[column] = text
    header_line = min(rows)
    header = rows[header_line]
    names = {column: normalise_header(text) for column, text in header.items()}
    table = ReturnTable(
        name=name,
        header_line=header_line,
        columns=[names[c] for c in sorted(names)],
        raw_columns=[header[c].strip() for c in sorted(names)],
    )
    for line in sorted(rows)[1:]:
        cells = rows[line]
        values = {names[c]: text.strip() for c, text in cells.items() if names.get(c)}
        overflow = [text.strip() for c, text in sorted(cells.items()) if c not in names]
        if overflow:
            values["__overflow__"] = ", ".join(overflow)
        table.rows.append(ReturnRow(line=line, cells=values))
        for column in names:
            table.cell_refs[(line, names[column])] = f"{column_letter(column)}{line}"
    table.formula_cells = [
        (line, names.get(column, column_letter(column))) for line, column in sorted(sheet.formulas)
    ]
    return table
