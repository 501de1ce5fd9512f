"""The return's records from Standard Safeguarding Dataset tables (see ``ssd_schema``).

The SSD keeps what the CIN census and SSDA903 hold in separate tables: a care episode's legal
status is in ``ssd_legal_status`` (the status in force on the day the episode began) and its
placement type in ``ssd_cla_placement``; a conference is linked to its enquiry by the enquiry's
id. The reader joins them into the same ``CaseRecords`` the census route makes, so every item
has one definition. The SSD has no "number of previous plans": a repeat plan is one with an
earlier plan in the tables.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from tartan.childlevel import loose_values
from tartan.childlevel.case_records import (
    AD1_COLUMNS,
    CIN_COLUMNS,
    EPISODE_COLUMNS,
    CaseRecords,
    shaped,
)
from tartan.childlevel.findings import FindingLog
from tartan.childlevel.ssd_schema import TABLE_BY_NAME, TABLES, SsdTable
from tartan.childlevel.ssd_source import SsdSource, SsdSourceError, open_source

Progress = Callable[[int], None]


def _check_shape(source: SsdSource, log: FindingLog) -> bool:
    fine = True
    for table in TABLES:
        found = source.columns(table.name)
        if found is None:
            log.add(
                "C402",
                source.where(table.name),
                f"The SSD has no {table.name} table; the return needs it.",
            )
            fine = False
            continue
        missing = [column for column in table.columns if column not in found]
        if missing:
            log.add(
                "C403",
                source.where(table.name),
                f"{table.name} has no {', '.join(missing)} column(s); the return needs "
                f"{', '.join(table.columns)}.",
            )
            fine = False
    return fine


def _typed(
    table: SsdTable, frame: pl.DataFrame, source: SsdSource, log: FindingLog
) -> pl.DataFrame:
    where = source.where(table.name)
    frame = frame.with_columns(_row=pl.int_range(pl.len()) + source.first_row)
    person = loose_values.codes(frame[table.person])
    converted = []
    for column, kind in table.columns.items():
        series = frame[column]
        if kind == "date":
            series, bad = loose_values.dates(series, column)
            code, expected = "C404", "a date"
        elif kind == "flag":
            series, bad = loose_values.flags(series, column)
            code, expected = "C405", "Y, N, 1, 0, true or false"
        else:
            series, bad = loose_values.codes(series), []
            code, expected = "", ""
        for cell in bad:
            log.add(
                code,
                where,
                f"{table.name} row {cell.index + source.first_row}, person {person[cell.index]}: "
                f"{column} '{cell.text}' is not {expected}; the value is ignored.",
                row=cell.index + source.first_row,
                column=column,
            )
        converted.append(series.alias(column))
    frame = frame.with_columns(converted)
    keep = pl.Series([True] * frame.height, dtype=pl.Boolean)
    for column in table.required:
        missing = frame[column].is_null() & keep
        for index in missing.arg_true().to_list():
            log.add(
                "C406",
                where,
                f"{table.name} row {frame['_row'][index]}, person {frame[table.person][index]}: "
                f"{column} is missing or unusable; the row is left out.",
                row=int(frame["_row"][index]),
                column=column,
            )
        keep = keep & ~missing
    return frame.filter(keep)


def _cin_tables(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    enquiries = tables["ssd_s47_enquiry"]
    conferences = tables["ssd_initial_cp_conference"].filter(
        pl.col("icpc_s47_enquiry_id").is_not_null()
    )
    section47 = enquiries.join(
        conferences.select("icpc_s47_enquiry_id", "icpc_icpc_date"),
        left_on="s47e_s47_enquiry_id",
        right_on="icpc_s47_enquiry_id",
        how="left",
    )
    renamed = {
        "episode": tables["ssd_cin_episodes"].rename(
            {
                "cine_person_id": "child",
                "cine_referral_date": "CINreferralDate",
                "cine_close_date": "CINclosureDate",
                "cine_referral_nfa": "ReferralNFA",
            }
        ),
        "assessment": tables["ssd_cin_assessments"].rename(
            {
                "cina_person_id": "child",
                "cina_assessment_start_date": "AssessmentActualStartDate",
                "cina_assessment_auth_date": "AssessmentAuthorisationDate",
            }
        ),
        "section47": section47.rename(
            {
                "s47e_person_id": "child",
                "s47e_s47_start_date": "S47ActualStartDate",
                "icpc_icpc_date": "DateOfInitialCPC",
            }
        ),
        "plan": tables["ssd_cp_plans"].rename(
            {
                "cppl_person_id": "child",
                "cppl_cp_plan_start_date": "CPPstartDate",
                "cppl_cp_plan_end_date": "CPPendDate",
            }
        ),
    }
    return {name: shaped(frame, CIN_COLUMNS[name]) for name, frame in renamed.items()}


def _care_episodes(
    tables: dict[str, pl.DataFrame], source: SsdSource, log: FindingLog
) -> pl.DataFrame:
    where = source.where("ssd_cla_episodes")
    episodes = tables["ssd_cla_episodes"]
    backwards = (
        episodes["clae_cla_episode_ceased_date"] < episodes["clae_cla_episode_start_date"]
    ).fill_null(False)
    for row in episodes.filter(backwards).to_dicts():
        log.add(
            "C408",
            where,
            f"ssd_cla_episodes row {row['_row']}, person {row['clae_person_id']}: the episode "
            f"ceased {row['clae_cla_episode_ceased_date']}, before it began "
            f"{row['clae_cla_episode_start_date']}; the episode is left out.",
            row=int(row["_row"]),
            column="clae_cla_episode_ceased_date",
        )
    episodes = episodes.filter(~backwards)
    placements = tables["ssd_cla_placement"].unique("clap_cla_placement_id", keep="first")
    statuses = (
        tables["ssd_legal_status"]
        .select(
            pl.col("lega_person_id").alias("clae_person_id"),
            pl.col("lega_legal_status_start_date").alias("clae_cla_episode_start_date"),
            pl.col("lega_legal_status_start_date").alias("status_from"),
            "lega_legal_status",
            "lega_legal_status_end_date",
        )
        .sort("clae_person_id", "clae_cla_episode_start_date")
    )
    joined = (
        episodes.sort("clae_person_id", "clae_cla_episode_start_date")
        .join_asof(
            statuses,
            on="clae_cla_episode_start_date",
            by="clae_person_id",
            strategy="backward",
            check_sortedness=False,
        )
        .join(
            placements.select("clap_cla_placement_id", "clap_cla_placement_type"),
            left_on="clae_cla_placement_id",
            right_on="clap_cla_placement_id",
            how="left",
        )
    )
    # The status in force on the day the episode began: the latest to start by then, and not
    # ended before it (a status ending that day is the one of an episode lasting one day).
    in_force = pl.col("lega_legal_status_end_date").is_null() | (
        pl.col("lega_legal_status_end_date") >= pl.col("clae_cla_episode_start_date")
    )
    joined = joined.with_columns(
        LS=pl.when(in_force).then(pl.col("lega_legal_status")).otherwise(None)
    )
    for row in joined.filter(pl.col("LS").is_null()).to_dicts():
        log.add(
            "C407",
            where,
            f"ssd_cla_episodes row {row['_row']}, person {row['clae_person_id']}: no "
            f"ssd_legal_status row is in force on {row['clae_cla_episode_start_date']}, when the "
            "episode began; it is counted as care, but cannot count as a court authority.",
            row=int(row["_row"]),
            column="clae_cla_episode_start_date",
        )
    for row in joined.filter(
        pl.col("clae_cla_placement_id").is_not_null() & pl.col("clap_cla_placement_type").is_null()
    ).to_dicts():
        log.add(
            "C407",
            where,
            f"ssd_cla_episodes row {row['_row']}, person {row['clae_person_id']}: placement "
            f"{row['clae_cla_placement_id']} is not in ssd_cla_placement; the placement type is "
            "blank.",
            row=int(row["_row"]),
            column="clae_cla_placement_id",
        )
    return shaped(
        joined.select(
            pl.col("clae_person_id").alias("CHILD"),
            pl.col("clae_cla_episode_start_date").alias("DECOM"),
            pl.col("clae_cla_episode_start_reason").alias("RNE"),
            "LS",
            pl.col("clap_cla_placement_type").alias("PLACE"),
            pl.col("clae_cla_episode_ceased_date").alias("DEC"),
            pl.col("clae_cla_episode_ceased_reason").alias("REC"),
            pl.lit(where).alias("file"),
            pl.col("_row").alias("row"),
        ),
        EPISODE_COLUMNS,
    )


def read_ssd(
    source: str,
    schema: str | None = None,
    progress: Progress | None = None,
    log: FindingLog | None = None,
) -> CaseRecords | None:
    """The return's records from an SSD folder or database; None when a finding blocks."""
    log = log if log is not None else FindingLog()
    try:
        opened = open_source(source, schema)
        if not _check_shape(opened, log):
            return None
        tables = {}
        for table in TABLES:
            frame = opened.read(table.name, list(table.columns))
            tables[table.name] = _typed(TABLE_BY_NAME[table.name], frame, opened, log)
            if progress is not None:
                progress(frame.height)
    except SsdSourceError as error:
        log.add(
            "C401",
            str(source).rsplit("/", 1)[-1] or str(source),
            f"The SSD source cannot be used: {error}.",
        )
        return None
    ad1 = tables["ssd_permanence"].select(
        pl.col("perm_person_id").alias("CHILD"), pl.col("perm_matched_date").alias("DATE_MATCH")
    )
    return CaseRecords(
        cin=_cin_tables(tables),
        episodes=_care_episodes(tables, opened, log),
        ad1=shaped(ad1, AD1_COLUMNS),
    )
