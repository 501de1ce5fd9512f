"""The SSD route on hand-made tables: the joins it makes, and bad input (missing tables and
columns, wrong types, an unreachable database)."""

from __future__ import annotations

import csv
from pathlib import Path

from tartan.childlevel.compute import compute_return
from tartan.periods import Period
from tests.childlevel.ssd_database import load_ssd

Q1 = Period.parse("2024-25 Q1")

TABLES: dict[str, list[dict[str, str]]] = {
    "ssd_cin_episodes": [
        # P1 referred in the quarter, still open; P2 referred and closed NFA.
        {
            "cine_person_id": "P1",
            "cine_referral_date": "2024-04-10",
            "cine_close_date": "",
            "cine_referral_nfa": "N",
            "cine_referral_id": "R1",
        },
        {
            "cine_person_id": "P2",
            "cine_referral_date": "2024-05-01 00:00:00.000",
            "cine_close_date": "01/05/2024",
            "cine_referral_nfa": "Y",
            "cine_referral_id": "R2",
        },
    ],
    "ssd_cin_assessments": [
        {
            "cina_person_id": "P1",
            "cina_assessment_start_date": "2024-04-10",
            "cina_assessment_auth_date": "2024-04-30",
        },
    ],
    "ssd_s47_enquiry": [
        {"s47e_s47_enquiry_id": "S1", "s47e_person_id": "P1", "s47e_s47_start_date": "2024-04-15"},
        {"s47e_s47_enquiry_id": "S2", "s47e_person_id": "P1", "s47e_s47_start_date": "2024-06-20"},
    ],
    "ssd_initial_cp_conference": [
        # S1's conference 10 working days later; a transfer-in conference with no enquiry.
        {"icpc_person_id": "P1", "icpc_s47_enquiry_id": "S1", "icpc_icpc_date": "2024-04-29"},
        {"icpc_person_id": "P3", "icpc_s47_enquiry_id": "", "icpc_icpc_date": "2024-05-02"},
    ],
    "ssd_cp_plans": [
        {
            "cppl_person_id": "P1",
            "cppl_cp_plan_start_date": "2024-04-29",
            "cppl_cp_plan_end_date": "",
        },
    ],
    "ssd_cla_episodes": [
        # C1 came into care in the quarter (C2), moved placement, still in care.
        {
            "clae_person_id": "C1",
            "clae_cla_episode_start_date": "2024-04-02",
            "clae_cla_episode_start_reason": "S",
            "clae_cla_episode_ceased_date": "2024-05-01",
            "clae_cla_episode_ceased_reason": "X1",
            "clae_cla_placement_id": "PL1",
        },
        {
            "clae_person_id": "C1",
            "clae_cla_episode_start_date": "2024-05-01",
            "clae_cla_episode_start_reason": "P",
            "clae_cla_episode_ceased_date": "",
            "clae_cla_episode_ceased_reason": "",
            "clae_cla_placement_id": "PL2",
        },
        # C2 on short breaks (V3 in ssd_legal_status): not care.
        {
            "clae_person_id": "C2",
            "clae_cla_episode_start_date": "2024-04-05",
            "clae_cla_episode_start_reason": "S",
            "clae_cla_episode_ceased_date": "",
            "clae_cla_episode_ceased_reason": "",
            "clae_cla_placement_id": "PL3",
        },
    ],
    "ssd_cla_placement": [
        {"clap_person_id": "C1", "clap_cla_placement_id": "PL1", "clap_cla_placement_type": "U1"},
        {"clap_person_id": "C1", "clap_cla_placement_id": "PL2", "clap_cla_placement_type": "U4"},
        {"clap_person_id": "C2", "clap_cla_placement_id": "PL3", "clap_cla_placement_type": "U1"},
    ],
    "ssd_legal_status": [
        {
            "lega_person_id": "C1",
            "lega_legal_status": "C2",
            "lega_legal_status_start_date": "2024-04-02",
            "lega_legal_status_end_date": "",
        },
        {
            "lega_person_id": "C2",
            "lega_legal_status": "V3",
            "lega_legal_status_start_date": "2024-04-05",
            "lega_legal_status_end_date": "",
        },
    ],
    "ssd_permanence": [{"perm_person_id": "C9", "perm_matched_date": ""}],
}


def write_ssd(folder: Path, tables: dict[str, list[dict[str, str]]] = TABLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return folder


def _codes(result) -> list[str]:
    return [finding.code for finding in result.findings]


def test_the_tables_are_joined_into_the_items(tmp_path):
    result = compute_return(Q1, ssd=str(write_ssd(tmp_path / "ssd")))
    assert result.findings == []
    figures = result.figures
    assert (figures["referrals"], figures["cin_end"]) == (2, 1)  # P2 was NFA
    assert (figures["assessments"], figures["assessments_45d"]) == (1, 1)
    # The transfer-in conference has no enquiry: not an ICPC following a section 47.
    assert (figures["s47"], figures["icpc"], figures["icpc_15d"]) == (2, 1, 1)
    assert (figures["cpp_start"], figures["cpp_end"], figures["cpp_repeat_ever"]) == (1, 1, 0)
    # C2's episode is under V3 (from ssd_legal_status): short breaks are not care.
    assert (figures["cla_start"], figures["cla_end"], figures["cla_cease"]) == (1, 1, 0)


def test_a_missing_table_and_a_missing_column_are_named(tmp_path):
    folder = write_ssd(tmp_path / "ssd")
    (folder / "ssd_permanence.csv").unlink()
    rows = [
        {k: v for k, v in row.items() if k != "cina_assessment_auth_date"}
        for row in TABLES["ssd_cin_assessments"]
    ]
    write_ssd(folder, {"ssd_cin_assessments": rows})
    result = compute_return(Q1, ssd=str(folder))
    assert result.blocked
    assert result.figures == {}
    by_code = {f.code: f for f in result.findings}
    assert set(by_code) == {"C402", "C403"}
    assert "ssd_permanence" in by_code["C402"].message
    assert by_code["C403"].file == "ssd_cin_assessments.csv"
    assert "cina_assessment_auth_date" in by_code["C403"].message


def test_values_of_the_wrong_type_are_named_and_ignored(tmp_path):
    tables = dict(TABLES)
    tables["ssd_cin_episodes"] = [
        dict(TABLES["ssd_cin_episodes"][0], cine_close_date="soon"),
        dict(TABLES["ssd_cin_episodes"][1], cine_referral_nfa="maybe"),
        dict(TABLES["ssd_cin_episodes"][1], cine_person_id="P4", cine_referral_date="31/02/2024"),
    ]
    result = compute_return(Q1, ssd=str(write_ssd(tmp_path / "ssd", tables)))
    assert not result.blocked
    found = {(f.code, f.row, f.column) for f in result.findings}
    assert ("C404", 2, "cine_close_date") in found
    assert ("C405", 3, "cine_referral_nfa") in found
    assert ("C404", 4, "cine_referral_date") in found
    assert ("C406", 4, "cine_referral_date") in found  # no referral date: left out
    # P1's closure was ignored (still open); P2 was closed on 1 May whatever its flag; P4 is
    # left out.
    assert (result.figures["referrals"], result.figures["cin_end"]) == (2, 1)


def test_an_episode_whose_legal_status_or_placement_is_not_found_is_reported(tmp_path):
    tables = dict(TABLES)
    tables["ssd_legal_status"] = TABLES["ssd_legal_status"][:1]
    tables["ssd_cla_placement"] = TABLES["ssd_cla_placement"][:2]
    result = compute_return(Q1, ssd=str(write_ssd(tmp_path / "ssd", tables)))
    assert _codes(result) == ["C407", "C407"]
    assert all(f.row == 4 for f in result.findings)  # C2's episode, the third record


def test_a_database_with_date_columns_reads_as_the_extracts_do(tmp_path):
    url = f"sqlite:///{tmp_path / 'ssd.db'}"
    load_ssd(write_ssd(tmp_path / "ssd"), url)
    from_folder = compute_return(Q1, ssd=str(tmp_path / "ssd"))
    from_database = compute_return(Q1, ssd=url)
    assert from_database.figures == from_folder.figures


def test_a_source_that_cannot_be_opened_blocks_with_the_reason(tmp_path):
    nowhere = compute_return(Q1, ssd=str(tmp_path / "nowhere"))
    assert _codes(nowhere) == ["C401"]
    assert nowhere.blocked
    refused = compute_return(Q1, ssd="postgresql+psycopg://nobody:secret@127.0.0.1:1/ssd")
    assert _codes(refused) == ["C401"]
    assert "secret" not in refused.findings[0].message
    empty = compute_return(Q1, ssd=f"sqlite:///{tmp_path / 'empty.db'}")
    assert {f.code for f in empty.findings} == {"C402"}
    assert len(empty.findings) == 9
