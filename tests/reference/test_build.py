"""`tartan reference build` reproduces the committed tables byte for byte."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tartan.cli import app
from tartan.reference.files import shipped_path

PUBLISHED_DATA = Path(__file__).resolve().parents[2] / "src" / "tartan" / "published" / "data"


def test_build_reproduces_the_committed_tables(published_dir, tmp_path):
    result = CliRunner().invoke(
        app, ["reference", "build", str(published_dir), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(
        [
            "la_register.csv",
            "neighbours.csv",
            "neighbour_models.csv",
            "population.csv",
            "published_measures.csv",
            "published_observations.csv",
            "published_releases.csv",
        ]
    )
    for name in built:
        committed = shipped_path(name) if shipped_path(name).exists() else PUBLISHED_DATA / name
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), name


def test_build_refuses_a_missing_folder(tmp_path):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["reference", "build", str(tmp_path / "nowhere"), "--out", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert "not a folder" in result.output


@pytest.mark.parametrize("name", ["la_register.csv", "population.csv", "neighbours.csv"])
def test_committed_tables_are_not_copies_of_the_official_files(published_dir, name):
    ours = shipped_path(name).read_bytes()
    for official in published_dir.iterdir():
        assert official.read_bytes() != ours
