"""The Standard Safeguarding Dataset (SSD) tables and columns the return reads.

Data to Insight's SSD (data-to-insight/ssd-data-model, ``data/objects/*.yml``) is one SQL
script per case management system that builds standard tables in the LA's own warehouse. The
return needs nine of them, and from each only the columns below: nothing else (names, addresses,
workers, outcomes) is read.

Each column has a kind: ``id`` (an identifier or code, kept as text), ``date`` or ``flag``
(Y/N, 1/0, true/false). ``required`` columns must hold a value or the row means nothing and is
left out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SsdTable:
    name: str
    person: str  # the person id column, for findings
    columns: dict[str, str]  # column -> kind
    required: tuple[str, ...]


TABLES = (
    SsdTable(
        "ssd_cin_episodes",
        "cine_person_id",
        {
            "cine_person_id": "id",
            "cine_referral_date": "date",
            "cine_close_date": "date",
            "cine_referral_nfa": "flag",
        },
        ("cine_person_id", "cine_referral_date"),
    ),
    SsdTable(
        "ssd_cin_assessments",
        "cina_person_id",
        {
            "cina_person_id": "id",
            "cina_assessment_start_date": "date",
            "cina_assessment_auth_date": "date",
        },
        ("cina_person_id", "cina_assessment_start_date"),
    ),
    SsdTable(
        "ssd_s47_enquiry",
        "s47e_person_id",
        {"s47e_s47_enquiry_id": "id", "s47e_person_id": "id", "s47e_s47_start_date": "date"},
        ("s47e_person_id", "s47e_s47_start_date"),
    ),
    SsdTable(
        "ssd_initial_cp_conference",
        "icpc_person_id",
        {"icpc_person_id": "id", "icpc_s47_enquiry_id": "id", "icpc_icpc_date": "date"},
        ("icpc_icpc_date",),
    ),
    SsdTable(
        "ssd_cp_plans",
        "cppl_person_id",
        {
            "cppl_person_id": "id",
            "cppl_cp_plan_start_date": "date",
            "cppl_cp_plan_end_date": "date",
        },
        ("cppl_person_id", "cppl_cp_plan_start_date"),
    ),
    SsdTable(
        "ssd_cla_episodes",
        "clae_person_id",
        {
            "clae_person_id": "id",
            "clae_cla_episode_start_date": "date",
            "clae_cla_episode_start_reason": "id",
            "clae_cla_episode_ceased_date": "date",
            "clae_cla_episode_ceased_reason": "id",
            "clae_cla_placement_id": "id",
        },
        ("clae_person_id", "clae_cla_episode_start_date", "clae_cla_episode_start_reason"),
    ),
    SsdTable(
        "ssd_cla_placement",
        "clap_person_id",
        {"clap_person_id": "id", "clap_cla_placement_id": "id", "clap_cla_placement_type": "id"},
        ("clap_cla_placement_id",),
    ),
    SsdTable(
        "ssd_legal_status",
        "lega_person_id",
        {
            "lega_person_id": "id",
            "lega_legal_status": "id",
            "lega_legal_status_start_date": "date",
            "lega_legal_status_end_date": "date",
        },
        ("lega_person_id", "lega_legal_status", "lega_legal_status_start_date"),
    ),
    SsdTable(
        "ssd_permanence",
        "perm_person_id",
        {"perm_person_id": "id", "perm_matched_date": "date"},
        ("perm_person_id",),
    ),
)
TABLE_BY_NAME = {table.name: table for table in TABLES}
