"""Findings about child-level files: the return's ``Finding`` shape with codes of their own.

Child-level codes start with ``C`` so that they never collide with the return's ``E``/``Q``
codes. ``C1…`` are about the CIN census XML, ``C2…`` about the SSDA903 tables and ``C3…`` about
records that cannot be used for an item, ``C4…`` about Standard Safeguarding Dataset tables and
``C5…`` about CSC API payloads. A code that ``blocks`` means the file cannot be used at
all: no return is written from it. Every other finding leaves the return computable and says
which record or value was left out, so that the analyst can fix it at source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tartan.returns.findings import Finding


@dataclass(frozen=True)
class ChildLevelCode:
    title: str
    blocks: bool


CODES: dict[str, ChildLevelCode] = {
    "C101": ChildLevelCode("The CIN census file is empty", True),
    "C102": ChildLevelCode("The CIN census file is not well-formed XML", True),
    "C103": ChildLevelCode("The file declares a document type or entities", True),
    "C104": ChildLevelCode("The file is not a CIN census", True),
    "C105": ChildLevelCode("The census is for another LA than the return", True),
    "C106": ChildLevelCode("The file cannot be opened", True),
    "C107": ChildLevelCode("The file is in a foreign XML namespace", True),
    "C111": ChildLevelCode("A child has no LAchildID", False),
    "C112": ChildLevelCode("A date is not in the form yyyy-mm-dd", False),
    "C113": ChildLevelCode("A date that the record needs is missing", False),
    "C114": ChildLevelCode("A yes/no value is not true, false, 1 or 0", False),
    "C115": ChildLevelCode("A number of previous plans is not a whole number", False),
    "C116": ChildLevelCode("An element that no recent CIN census schema has", False),
    "C117": ChildLevelCode("An end date falls before its start date", False),
    "C118": ChildLevelCode("The same LAchildID appears for more than one child", False),
    "C201": ChildLevelCode("The SSDA903 folder has no Episodes table", True),
    "C202": ChildLevelCode("An SSDA903 table cannot be read as CSV", True),
    "C203": ChildLevelCode("An SSDA903 table lacks a column the return needs", True),
    "C204": ChildLevelCode("A date is not in the form dd/mm/yyyy", False),
    "C205": ChildLevelCode("A value that the row needs is missing", False),
    "C206": ChildLevelCode("A code that is not in the SSDA903 code list", False),
    "C207": ChildLevelCode("An episode ends before it starts", False),
    "C208": ChildLevelCode("An episode end date and reason ceased do not go together", False),
    "C209": ChildLevelCode("An X1 episode end with no episode starting that day", False),
    "C301": ChildLevelCode("An adopted child has no AD1 match date", False),
    "C302": ChildLevelCode("A period of care starts before the first episode supplied", False),
    "C401": ChildLevelCode("The SSD source cannot be opened or read", True),
    "C402": ChildLevelCode("An SSD table the return needs is missing", True),
    "C403": ChildLevelCode("An SSD table lacks a column the return needs", True),
    "C404": ChildLevelCode("An SSD value is not a date", False),
    "C405": ChildLevelCode("An SSD flag is not Y, N, 1, 0, true or false", False),
    "C406": ChildLevelCode("An SSD row lacks a value it needs", False),
    "C407": ChildLevelCode("An SSD care episode's legal status or placement is not found", False),
    "C408": ChildLevelCode("An SSD care episode ends before it starts", False),
    "C501": ChildLevelCode("A CSC API payload file cannot be read as JSON", True),
    "C502": ChildLevelCode("The file is not a CSC API payload", True),
    "C503": ChildLevelCode("The payload is for another LA than the return", True),
    "C504": ChildLevelCode("Payload files cannot be put in date order", True),
    "C505": ChildLevelCode("A delta dated before the latest snapshot is not applied", False),
    "C506": ChildLevelCode("A purge names a record the payloads do not hold", False),
    "C507": ChildLevelCode("A payload date is not in the form YYYY-MM-DD", False),
    "C508": ChildLevelCode("A payload record lacks its identifier or a date it needs", False),
    "C509": ChildLevelCode("The payload has no court authority date: A2 is left blank", False),
}

# Past this many findings of one code in one file, the rest are summed up in one finding: a
# file with a systematic fault (every date in the wrong format) stays readable as a report.
LISTED_PER_CODE = 50


def blocks(finding: Finding) -> bool:
    code = CODES.get(finding.code)
    return code is not None and code.blocks


@dataclass
class FindingLog:
    """Collects findings, listing at most ``LISTED_PER_CODE`` of each code per file."""

    findings: list[Finding] = field(default_factory=list)
    _seen: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(
        self,
        code: str,
        file: str,
        message: str,
        row: int | None = None,
        column: str | None = None,
        item: str | None = None,
    ) -> None:
        if code not in CODES:
            raise KeyError(f"{code} is not a child-level finding code")
        key = (code, file)
        self._seen[key] += 1
        if self._seen[key] <= LISTED_PER_CODE:
            self.findings.append(Finding(code, file, message, row, column, item))

    def summary(self) -> list[Finding]:
        """The listed findings, plus one line per code and file whose findings were cut short."""
        overflow = [
            Finding(
                code,
                file,
                f"{count - LISTED_PER_CODE:,} more finding(s) like the ones above were not "
                f"listed ({count:,} in all).",
            )
            for (code, file), count in self._seen.items()
            if count > LISTED_PER_CODE
        ]
        return self.findings + overflow

    @property
    def blocked(self) -> bool:
        return any(blocks(f) for f in self.findings)
