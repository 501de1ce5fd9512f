"""Read an .xlsx return cell by cell, keeping each cell's true position.

Why not fastexcel: it drops the empty rows and columns before the data, so a finding could not
name the cell the analyst sees, and it cannot tell a typed value from a formula's cached result.
This reader walks the sheet XML with lxml (no entity resolution, no network) after the archive
has passed the size checks in ``reader.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^([A-Z]+)(\d+)$")


class WorkbookError(ValueError):
    """The archive is not a workbook we can read."""


@dataclass
class SheetCells:
    """Non-empty cells of one sheet: (row, column number) → text, plus where formulas are."""

    name: str
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: list[tuple[int, int]] = field(default_factory=list)


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _xml(archive: zipfile.ZipFile, member: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(member), parser=_parser())
    except (KeyError, etree.XMLSyntaxError) as error:
        raise WorkbookError(f"{member}: {error}") from None


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = _xml(archive, "xl/sharedStrings.xml")
    return [
        "".join(text.text or "" for text in item.iter(f"{_MAIN}t"))
        for item in root.iter(f"{_MAIN}si")
    ]


def _sheet_member(archive: zipfile.ZipFile, preferred: str) -> tuple[str, str]:
    """(sheet name, archive member) of the sheet called ``preferred``, else the first sheet."""
    workbook = _xml(archive, "xl/workbook.xml")
    rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    sheets = [
        (sheet.get("name", ""), targets.get(sheet.get(f"{_REL}id"), ""))
        for sheet in workbook.iter(f"{_MAIN}sheet")
    ]
    if not sheets:
        raise WorkbookError("the workbook has no sheets")
    name, target = next((s for s in sheets if s[0].strip().lower() == preferred), sheets[0])
    member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return name, member


def _number_text(raw: str) -> str:
    """Excel stores 1234 as '1234' and sometimes 0.1+0.2 as '0.30000000000000004'."""
    try:
        number = float(raw)
    except ValueError:
        return raw
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(round(number, 10))


def read_sheet(data: bytes, preferred: str = "return") -> SheetCells:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise WorkbookError(str(error)) from None
    with archive:
        strings = _shared_strings(archive)
        name, member = _sheet_member(archive, preferred)
        sheet = SheetCells(name=name)
        root = _xml(archive, member)
    for cell in root.iter(f"{_MAIN}c"):
        match = _REF.match(cell.get("r", ""))
        if not match:
            continue
        position = (int(match.group(2)), _column_number(match.group(1)))
        if cell.find(f"{_MAIN}f") is not None:
            sheet.formulas.append(position)
        kind = cell.get("t", "n")
        value = cell.find(f"{_MAIN}v")
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
        elif value is None or value.text is None:
            continue
        elif kind == "s":
            index = int(value.text)
            text = strings[index] if 0 <= index < len(strings) else ""
        elif kind == "b":
            text = "TRUE" if value.text == "1" else "FALSE"
        elif kind in ("str", "e"):
            text = value.text
        else:
            text = _number_text(value.text)
        if text.strip():
            sheet.cells[position] = text
    return sheet
