"""A return as read from its file, before any interpretation: cells as text, with positions."""

from __future__ import annotations

from dataclasses import dataclass, field

REQUIRED_COLUMNS = ("la_code", "la_name", "period", "item", "value")
OPTIONAL_COLUMNS = ("comment",)
TEMPLATE_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


@dataclass(frozen=True)
class ReturnRow:
    """One data row. ``line`` is the row number the analyst sees in Excel or a text editor."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class ReturnTable:
    """The header and rows of a return file, with column names normalised."""

    name: str
    header_line: int
    columns: list[str]
    raw_columns: list[str]
    rows: list[ReturnRow] = field(default_factory=list)
    cell_refs: dict[tuple[int, str], str] = field(default_factory=dict)
    formula_cells: list[tuple[int, str]] = field(default_factory=list)


def normalise_header(text: str) -> str:
    """'  LA Code ' → 'la_code'. Case and spacing differ in real files; the names do not."""
    return "_".join(text.strip().lower().replace("-", " ").split())
