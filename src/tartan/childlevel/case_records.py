"""One shape for every route: the tables the indicator definitions read.

The CIN census route, the SSD route and the CSC API route each turn their input into
``CaseRecords``: the CIN census's ``episode``, ``assessment``, ``section47`` and ``plan`` tables
(with the census's column names) and SSDA903's ``Episodes`` and ``AD1``. The items are then
worked out by the same functions whatever the route, so a definition is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from tartan.childlevel.adoption_items import adoption_items
from tartan.childlevel.cin_items import cin_items
from tartan.childlevel.cla_items import cla_items, marked_episodes
from tartan.childlevel.findings import FindingLog
from tartan.periods import Period

# The columns each item function reads, with their types; ``file`` and ``row`` say where a
# record came from, for findings.
CIN_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "episode": {
        "child": pl.String(),
        "CINreferralDate": pl.Date(),
        "CINclosureDate": pl.Date(),
        "ReferralNFA": pl.Boolean(),
    },
    "assessment": {
        "child": pl.String(),
        "AssessmentActualStartDate": pl.Date(),
        "AssessmentAuthorisationDate": pl.Date(),
    },
    "section47": {
        "child": pl.String(),
        "S47ActualStartDate": pl.Date(),
        "DateOfInitialCPC": pl.Date(),
    },
    "plan": {
        "child": pl.String(),
        "CPPstartDate": pl.Date(),
        "CPPendDate": pl.Date(),
        "NumberOfPreviousCPP": pl.Int64(),
    },
}
EPISODE_COLUMNS: dict[str, pl.DataType] = {
    "CHILD": pl.String(),
    "DECOM": pl.Date(),
    "RNE": pl.String(),
    "LS": pl.String(),
    "PLACE": pl.String(),
    "DEC": pl.Date(),
    "REC": pl.String(),
    "file": pl.String(),
    "row": pl.Int64(),
}
AD1_COLUMNS: dict[str, pl.DataType] = {"CHILD": pl.String(), "DATE_MATCH": pl.Date()}


@dataclass
class CaseRecords:
    """The tables of one route; a part left as None was not supplied, and its items stay blank.
    ``not_given`` lists items the route cannot give even when its part is supplied."""

    cin: dict[str, pl.DataFrame] | None = None
    episodes: pl.DataFrame | None = None
    ad1: pl.DataFrame | None = None
    not_given: tuple[str, ...] = field(default_factory=tuple)


def shaped(frame: pl.DataFrame, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with exactly ``columns``, in order and typed; a column it lacks is null."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(kind).alias(name)
        for name, kind in columns.items()
    )


def figures(records: CaseRecords, period: Period, log: FindingLog) -> dict[str, int]:
    """Every item the records can give, by the one set of definitions."""
    out: dict[str, int] = {}
    if records.cin is not None:
        out.update(cin_items(records.cin, period))
    if records.episodes is not None:
        marked = marked_episodes(records.episodes)
        out.update(cla_items(marked, period))
        ad1 = records.ad1 if records.ad1 is not None else pl.DataFrame(schema=AD1_COLUMNS)
        out.update(adoption_items(marked, ad1, period, log))
    for item in records.not_given:
        out.pop(item, None)
    return out
