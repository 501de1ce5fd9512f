"""Write a synthetic caseload as Standard Safeguarding Dataset table extracts (CSV).

The same children as the CIN census and SSDA903 files, in the SSD's tables and column names
(data-to-insight/ssd-data-model): one row per CIN episode, assessment, enquiry, conference and
plan, per care episode with its placement and legal status, and per adoption's permanence
record. Dates are written yyyy-mm-dd, as an export of the SSD's datetime columns gives them.
Some columns the return never reads (need codes, closure reasons, postcodes) are written too,
as a real extract has them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from tartan.childlevel.synthetic.model import CareChild, CinChild

Row = tuple[object, ...]


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _write(path: Path, header: tuple[str, ...], rows: Iterable[Row]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def _cin_rows(children: list[CinChild]) -> dict[str, list[Row]]:
    tables: dict[str, list[Row]] = {
        "episodes": [],
        "assessments": [],
        "s47": [],
        "icpc": [],
        "plans": [],
    }
    for child in children:
        person = child.person.id
        for number, episode in enumerate(child.episodes, 1):
            referral = f"R{person}-{number}"
            tables["episodes"].append(
                (
                    referral,
                    person,
                    _day(episode.referral),
                    episode.need,
                    episode.source,
                    "Y" if episode.no_further_action else "N",
                    episode.closure_reason if episode.closure else "",
                    _day(episode.closure),
                )
            )
            for at, assessment in enumerate(episode.assessments, 1):
                tables["assessments"].append(
                    (
                        f"{referral}-A{at}",
                        person,
                        referral,
                        _day(assessment.start),
                        _day(assessment.authorised),
                    )
                )
            for at, enquiry in enumerate(episode.enquiries, 1):
                ident = f"{referral}-S{at}"
                tables["s47"].append((ident, referral, person, _day(enquiry.start)))
                if enquiry.conference is not None:
                    tables["icpc"].append(
                        (f"{ident}-C", ident, person, referral, _day(enquiry.conference))
                    )
            for at, plan in enumerate(episode.plans, 1):
                tables["plans"].append(
                    (f"{referral}-P{at}", referral, person, _day(plan.start), _day(plan.end))
                )
    return tables


def _care_rows(children: list[CareChild]) -> Iterator[tuple[str, Row]]:
    for child in children:
        person = child.person.id
        for number, episode in enumerate(child.episodes, 1):
            ident = f"E{person}-{number}"
            placement = f"PL{person}-{number}"
            yield (
                "episodes",
                (
                    ident,
                    person,
                    _day(episode.start),
                    episode.reason_new,
                    _day(episode.end),
                    episode.reason_ceased or "",
                    placement,
                ),
            )
            yield (
                "placements",
                (
                    placement,
                    person,
                    episode.placement,
                    _day(episode.start),
                    _day(episode.end),
                    episode.placement_postcode,
                ),
            )
            yield (
                "legal",
                (
                    f"LS{person}-{number}",
                    person,
                    episode.legal_status,
                    _day(episode.start),
                    _day(episode.end),
                ),
            )
        if child.adoption is not None:
            yield (
                "permanence",
                (
                    f"PM{person}",
                    person,
                    _day(child.adoption.decision),
                    _day(child.adoption.matched),
                ),
            )


def write_ssd(folder: Path, cin_children: list[CinChild], care_children: list[CareChild]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    people = {c.person.id: c.person for c in cin_children}
    people.update({c.person.id: c.person for c in care_children})
    _write(
        folder / "ssd_person.csv",
        ("pers_person_id", "pers_sex", "pers_ethnicity", "pers_dob"),
        ((p.id, {"1": "M", "2": "F"}[p.sex], p.ethnicity, _day(p.birth)) for p in people.values()),
    )
    cin = _cin_rows(cin_children)
    _write(
        folder / "ssd_cin_episodes.csv",
        (
            "cine_referral_id",
            "cine_person_id",
            "cine_referral_date",
            "cine_cin_primary_need_code",
            "cine_referral_source_code",
            "cine_referral_nfa",
            "cine_close_reason",
            "cine_close_date",
        ),
        cin["episodes"],
    )
    _write(
        folder / "ssd_cin_assessments.csv",
        (
            "cina_assessment_id",
            "cina_person_id",
            "cina_referral_id",
            "cina_assessment_start_date",
            "cina_assessment_auth_date",
        ),
        cin["assessments"],
    )
    _write(
        folder / "ssd_s47_enquiry.csv",
        ("s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id", "s47e_s47_start_date"),
        cin["s47"],
    )
    _write(
        folder / "ssd_initial_cp_conference.csv",
        (
            "icpc_icpc_id",
            "icpc_s47_enquiry_id",
            "icpc_person_id",
            "icpc_referral_id",
            "icpc_icpc_date",
        ),
        cin["icpc"],
    )
    _write(
        folder / "ssd_cp_plans.csv",
        (
            "cppl_cp_plan_id",
            "cppl_referral_id",
            "cppl_person_id",
            "cppl_cp_plan_start_date",
            "cppl_cp_plan_end_date",
        ),
        cin["plans"],
    )
    care: dict[str, list[Row]] = {"episodes": [], "placements": [], "legal": [], "permanence": []}
    for table, row in _care_rows(care_children):
        care[table].append(row)
    _write(
        folder / "ssd_cla_episodes.csv",
        (
            "clae_cla_episode_id",
            "clae_person_id",
            "clae_cla_episode_start_date",
            "clae_cla_episode_start_reason",
            "clae_cla_episode_ceased_date",
            "clae_cla_episode_ceased_reason",
            "clae_cla_placement_id",
        ),
        care["episodes"],
    )
    _write(
        folder / "ssd_cla_placement.csv",
        (
            "clap_cla_placement_id",
            "clap_person_id",
            "clap_cla_placement_type",
            "clap_cla_placement_start_date",
            "clap_cla_placement_end_date",
            "clap_cla_placement_postcode",
        ),
        care["placements"],
    )
    _write(
        folder / "ssd_legal_status.csv",
        (
            "lega_legal_status_id",
            "lega_person_id",
            "lega_legal_status",
            "lega_legal_status_start_date",
            "lega_legal_status_end_date",
        ),
        care["legal"],
    )
    _write(
        folder / "ssd_permanence.csv",
        ("perm_table_id", "perm_person_id", "perm_adm_decision_date", "perm_matched_date"),
        care["permanence"],
    )
