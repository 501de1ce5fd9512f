"""The return's records from CSC API payloads (see ``api_payload``).

Each child's ``social_care_episodes`` become the CIN census's tables (the episode's referral,
closure and no-further-action flag; its assessments, section 47 enquiries with their
conference, and plans) and its ``child_looked_after_placements`` become SSDA903 Episodes
(start and reason, placement type, end and reason), with ``adoption.matched_date`` as AD1's
match date. Two things the payload does not carry, so the items follow from what it does:
- no legal status: every placement counts as care (short breaks cannot be told apart), and
- no court authority to place: A2 (``a2_days``, ``a2_children``) is left blank (C509).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from tartan.childlevel import loose_values
from tartan.childlevel.api_payload import Child, read_payloads
from tartan.childlevel.case_records import (
    AD1_COLUMNS,
    CIN_COLUMNS,
    EPISODE_COLUMNS,
    CaseRecords,
    shaped,
)
from tartan.childlevel.findings import FindingLog

# payload list -> (table, {payload field: column}, the field a record needs)
MODULES: dict[str, tuple[str, dict[str, str], str]] = {
    "child_and_family_assessments": (
        "assessment",
        {
            "start_date": "AssessmentActualStartDate",
            "authorisation_date": "AssessmentAuthorisationDate",
        },
        "start_date",
    ),
    "section_47_assessments": (
        "section47",
        {"start_date": "S47ActualStartDate", "icpc_date": "DateOfInitialCPC"},
        "start_date",
    ),
    "child_protection_plans": (
        "plan",
        {"start_date": "CPPstartDate", "end_date": "CPPendDate"},
        "start_date",
    ),
    "child_looked_after_placements": (
        "Episodes",
        {
            "start_date": "DECOM",
            "start_reason": "RNE",
            "placement_type": "PLACE",
            "end_date": "DEC",
            "end_reason": "REC",
        },
        "start_date",
    ),
}
EPISODE_FIELDS = {
    "referral_date": "CINreferralDate",
    "closure_date": "CINclosureDate",
    "referral_no_further_action_flag": "ReferralNFA",
}
DATE_COLUMNS = {
    "CINreferralDate",
    "CINclosureDate",
    "AssessmentActualStartDate",
    "AssessmentAuthorisationDate",
    "S47ActualStartDate",
    "DateOfInitialCPC",
    "CPPstartDate",
    "CPPendDate",
    "DECOM",
    "DEC",
    "DATE_MATCH",
}


class _Rows:
    """Columns of text built record by record: a payload is nested, so it is walked once in
    Python, keeping only the fields the items need."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = list(fields.items())
        self.children: list[str] = []
        self.columns: dict[str, list[Any]] = {column: [] for column in fields.values()}

    def add(self, child: str, record: dict[str, Any]) -> None:
        self.children.append(child)
        for field, column in self.fields:
            self.columns[column].append(record.get(field))

    def frame(self) -> pl.DataFrame:
        data = {"child": self.children, **self.columns}
        return pl.DataFrame(
            {k: [None if v is None else str(v) for v in vs] for k, vs in data.items()},
            schema={k: pl.String() for k in data},
        )


def _collect(state: dict[str, Child], file: str, log: FindingLog) -> dict[str, pl.DataFrame]:
    episodes = _Rows(EPISODE_FIELDS)
    modules = {name: (_Rows(fields), needed) for name, (_, fields, needed) in MODULES.items()}
    matches = _Rows({"matched_date": "DATE_MATCH"})
    for child_id, child in state.items():
        for episode in child.get("social_care_episodes") or ():
            if not isinstance(episode, dict):
                continue
            if episode.get("referral_date") in (None, ""):
                log.add(
                    "C508",
                    file,
                    f"Child {child_id}, social care episode "
                    f"{episode.get('social_care_episode_id')}: no referral_date; the referral "
                    "is left out (its assessments, enquiries, plans and placements still count).",
                    column="referral_date",
                )
            else:
                episodes.add(child_id, episode)
            for name, (rows, needed) in modules.items():
                for record in episode.get(name) or ():
                    if not isinstance(record, dict):
                        continue
                    if record.get(needed) in (None, ""):
                        log.add(
                            "C508",
                            file,
                            f"Child {child_id}: a record of {name} has no {needed}; it is left out.",
                            column=needed,
                        )
                        continue
                    rows.add(child_id, record)
            adoption = episode.get("adoption")
            if isinstance(adoption, dict) and adoption.get("matched_date"):
                matches.add(child_id, adoption)
    tables = {"episode": episodes.frame(), "AD1": matches.frame()}
    for name, (table, _, _) in MODULES.items():
        tables[table] = modules[name][0].frame()
    return tables


def _typed(frame: pl.DataFrame, file: str, log: FindingLog) -> pl.DataFrame:
    converted = []
    for column in frame.columns:
        if column in DATE_COLUMNS:
            series, bad = loose_values.dates(frame[column], column)
        elif column == "ReferralNFA":
            series, bad = loose_values.flags(frame[column], column)
        else:
            continue
        for cell in bad:
            log.add(
                "C507",
                file,
                f"Child {frame['child'][cell.index]}: {cell.column} '{cell.text}' is not a "
                "date in the form YYYY-MM-DD (or not true or false); the value is ignored.",
                column=cell.column,
            )
        converted.append(series.alias(column))
    return frame.with_columns(converted)


def read_api(source: Path, expected_la: str | None, log: FindingLog) -> CaseRecords | None:
    """The return's records from payload files; None when a finding blocks."""
    state = read_payloads(source, expected_la, log)
    if state is None:
        return None
    file = source.name
    tables = {name: _typed(frame, file, log) for name, frame in _collect(state, file, log).items()}
    episodes = (
        tables["Episodes"]
        .rename({"child": "CHILD"})
        .with_columns(LS=pl.lit(None, pl.String), file=pl.lit(file), row=pl.lit(None, pl.Int64))
    )
    log.add(
        "C509",
        file,
        "CSC API payloads carry no court authority to place (placement order date), so A2 "
        "(a2_days, a2_children) is left blank; give it from SSDA903 or the SSD.",
        item="a2_days",
    )
    return CaseRecords(
        cin={name: shaped(tables[name], CIN_COLUMNS[name]) for name in CIN_COLUMNS},
        episodes=shaped(episodes, EPISODE_COLUMNS),
        ad1=shaped(tables["AD1"].rename({"child": "CHILD"}), AD1_COLUMNS),
        not_given=("a2_days", "a2_children"),
    )
