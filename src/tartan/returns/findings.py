"""Validation findings: a stable code, a severity, a place and a message an analyst understands."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks acceptance
    QUERY = "query"  # plausibility: accepted, but the LA must explain it

    @classmethod
    def of(cls, code: str) -> Severity:
        return cls.ERROR if code.startswith("E") else cls.QUERY


@dataclass(frozen=True)
class Finding:
    code: str
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    item: str | None = None

    @property
    def severity(self) -> Severity:
        return Severity.of(self.code)

    @property
    def place(self) -> str:
        """Where to look, in words: 'row 7, column value (item referrals)'."""
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.item:
            parts.append(f"item {self.item}")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": data["file"],
            "row": data["row"],
            "column": data["column"],
            "item": data["item"],
            "message": data["message"],
        }


# Codes raised while reading a file, before any rule runs. A file with one of these cannot be
# read at all (``tartan validate`` exits 2).
READ_CODES: dict[str, str] = {
    "E001": "The file is empty",
    "E002": "The file is not a CSV or an Excel workbook",
    "E003": "The file is larger than a return can be",
    "E004": "The workbook is damaged or is not an .xlsx file",
    "E005": "The workbook would expand to far more than a return needs (a zip bomb)",
    "E006": "The columns are not separated by commas",
}
