"""`tartan childlevel …`: the commands end to end, their exit codes and refusals."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from tartan.catalogue import shipped_catalogue
from tartan.childlevel.compute import CIN_ITEMS, SSDA903_ITEMS
from tartan.childlevel.pseudonyms import PseudonymKey
from tartan.cli import app
from tests.childlevel.builders import Episode, census_xml, child_xml, episode_row, write_ssda903

runner = CliRunner(env={"COLUMNS": "200"})
QUARTER = "2024-25 Q1"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    result = runner.invoke(
        app,
        [
            "childlevel",
            "generate",
            "--la",
            "845",
            "--period",
            QUARTER,
            "--out",
            str(folder),
            "--seed",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    return folder


def _figures(path):
    with path.open(newline="") as handle:
        return {row["item"]: row["value"] for row in csv.DictReader(handle)}


def test_every_catalogue_item_has_a_source():
    assert sorted(CIN_ITEMS + SSDA903_ITEMS) == sorted(shipped_catalogue().item_ids)


def test_the_return_from_generated_files_passes_validation(generated, tmp_path):
    output = tmp_path / "return.csv"
    result = runner.invoke(
        app,
        [
            "childlevel",
            "return",
            "--cin",
            str(generated / "cin_census.xml"),
            "--ssda903",
            str(generated / "ssda903"),
            "--la",
            "845",
            "--period",
            QUARTER,
            "-o",
            str(output),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = _figures(output)
    assert set(figures) == set(shipped_catalogue().item_ids)
    assert all(value.isdigit() for value in figures.values())
    assert (generated / "SYNTHETIC.txt").exists()
    checked = runner.invoke(app, ["validate", str(output), "--la", "845", "--period", QUARTER])
    assert checked.exit_code == 0, checked.output


def test_one_source_leaves_the_others_items_blank(tmp_path):
    census = tmp_path / "cin.xml"
    census.write_bytes(census_xml(child_xml("A", Episode("2024-04-02"))))
    output = tmp_path / "return.csv"
    result = runner.invoke(
        app,
        [
            "childlevel",
            "return",
            "--cin",
            str(census),
            "--la",
            "845",
            "--period",
            QUARTER,
            "-o",
            str(output),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = _figures(output)
    assert figures["referrals"] == "1"
    assert figures["cla_end"] == ""


def test_an_unusable_file_writes_nothing_and_exits_2(tmp_path):
    census = tmp_path / "cin.xml"
    census.write_bytes(b"<Message><Children>")
    folder = write_ssda903(tmp_path / "903", [episode_row("A", "01/04/2024", "S", "C2", "U1")])
    output = tmp_path / "return.csv"
    result = runner.invoke(
        app,
        [
            "childlevel",
            "return",
            "--cin",
            str(census),
            "--ssda903",
            str(folder),
            "--la",
            "845",
            "--period",
            QUARTER,
            "-o",
            str(output),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 2
    assert not output.exists()
    findings = json.loads(result.stdout)
    assert [(f["code"], f["severity"]) for f in findings] == [("C102", "blocks")]


def test_pseudonymise_refuses_without_a_key(generated, tmp_path):
    result = runner.invoke(
        app,
        [
            "childlevel",
            "pseudonymise",
            "--purpose",
            "quarterly_return",
            "--recipient",
            "DBG",
            "--out",
            str(tmp_path / "x"),
            "--ssda903",
            str(generated / "ssda903"),
        ],
        env={"TARTAN_PSEUDONYM_KEY": ""},
    )
    assert result.exit_code == 2
    assert "No key" in result.output
    assert not (tmp_path / "x").exists()


def test_pseudonymise_erase_and_merge(generated, tmp_path):
    key = tmp_path / "keys" / "dbg.key"
    key.parent.mkdir()
    key.write_text("0123456789abcdef" * 4)
    common = ["--purpose", "adoption_timeliness", "--recipient", "DBG", "--key-file", str(key)]
    source = ["--ssda903", str(generated / "ssda903")]
    first = runner.invoke(
        app, ["childlevel", "pseudonymise", *common, *source, "--out", str(tmp_path / "q1")]
    )
    assert first.exit_code == 0, first.output
    with (tmp_path / "q1" / "ssda903_episodes.csv").open() as handle:
        victim = next(csv.DictReader(handle))["pseudonym"]
    key_id = json.loads((tmp_path / "q1" / "manifest.json").read_text())["key_id"]
    register = tmp_path / "register.csv"
    erased = runner.invoke(
        app,
        [
            "childlevel",
            "erase",
            "--register",
            str(register),
            "--pseudonym",
            victim,
            "--key-id",
            key_id,
        ],
    )
    assert erased.exit_code == 0, erased.output
    second = runner.invoke(
        app,
        [
            "childlevel",
            "pseudonymise",
            *common,
            *source,
            "--out",
            str(tmp_path / "q2"),
            "--register",
            str(register),
        ],
    )
    assert second.exit_code == 0, second.output
    assert victim not in (tmp_path / "q2" / "ssda903_episodes.csv").read_text()
    merged = runner.invoke(
        app,
        [
            "childlevel",
            "merge",
            str(tmp_path / "q1"),
            str(tmp_path / "q2"),
            "--register",
            str(register),
            "--out",
            str(tmp_path / "all"),
        ],
    )
    assert merged.exit_code == 0, merged.output
    everything = "".join(p.read_text() for p in (tmp_path / "all").iterdir())
    assert victim not in everything
    assert "0123456789abcdef" not in everything


def test_a_key_kept_with_the_data_is_refused(generated, tmp_path):
    key = generated / "ssda903" / "oops.key"
    key.write_text("k" * 64)
    try:
        result = runner.invoke(
            app,
            [
                "childlevel",
                "pseudonymise",
                "--purpose",
                "quarterly_return",
                "--recipient",
                "DBG",
                "--out",
                str(tmp_path / "x"),
                "--ssda903",
                str(generated / "ssda903"),
                "--key-file",
                str(key),
            ],
        )
    finally:
        key.unlink()
    assert result.exit_code == 2
    assert "with the data" in result.output


def test_merge_refuses_a_register_that_does_not_exist(tmp_path):
    result = runner.invoke(
        app,
        [
            "childlevel",
            "merge",
            str(tmp_path),
            "--register",
            str(tmp_path / "typo.csv"),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert "no erasure register" in result.output


def test_purposes_are_listed():
    result = runner.invoke(app, ["childlevel", "purposes"])
    assert result.exit_code == 0
    assert "quarterly_return" in result.output
    assert "placement_stability" in result.output


def test_erase_by_child_id_purges_existing_extracts(generated, tmp_path):
    key = tmp_path / "keys" / "dbg.key"
    key.parent.mkdir()
    key.write_text("fedcba9876543210" * 4)
    made = runner.invoke(
        app,
        [
            "childlevel",
            "pseudonymise",
            "--purpose",
            "placement_stability",
            "--recipient",
            "DBG",
            "--key-file",
            str(key),
            "--ssda903",
            str(generated / "ssda903"),
            "--out",
            str(tmp_path / "x"),
        ],
    )
    assert made.exit_code == 0, made.output
    with (generated / "ssda903" / "episodes.csv").open() as handle:
        child_id = next(csv.DictReader(handle))["CHILD"]
    pseudonym = PseudonymKey(key.read_bytes()).pseudonym(child_id)
    assert pseudonym in (tmp_path / "x" / "ssda903_episodes.csv").read_text()
    register = tmp_path / "register.csv"
    erased = runner.invoke(
        app,
        [
            "childlevel",
            "erase",
            "--register",
            str(register),
            "--child-id",
            child_id,
            "--key-file",
            str(key),
            "--purge",
            str(tmp_path / "x"),
        ],
    )
    assert erased.exit_code == 0, erased.output
    assert child_id not in register.read_text()
    assert pseudonym in register.read_text()
    assert pseudonym not in (tmp_path / "x" / "ssda903_episodes.csv").read_text()
    assert (tmp_path / "x" / "manifest.json").exists()
