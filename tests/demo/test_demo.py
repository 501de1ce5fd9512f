"""The demo: synthetic returns around real figures, validated, benchmarked, rugs written."""

from __future__ import annotations

import itertools

import polars as pl
import pytest
from typer.testing import CliRunner

from tartan.cli import app
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.published.store import published_observations
from tartan.returns.folder import read_folder, return_files


def test_synthetic_returns_are_consistent_and_near_the_published_figures():
    made = synthetic_returns(["845"], Period.parse("2024-25 Q4"), 8, seed=7)
    assert next(r.period.label for r in made) == "2023-24 Q1"
    for previous, current in itertools.pairwise(made):
        f = current.figures
        assert f["cla_end"] == previous.figures["cla_end"] + f["cla_start"] - f["cla_cease"]
        assert f["cpp_end"] == previous.figures["cpp_end"] + f["cpp_start"] - f["cpp_cease"]
        assert f["rereferrals_12m"] <= f["referrals"]
        assert f["cpp_repeat_2y"] <= f["cpp_repeat_ever"] <= f["cpp_start"]
    year = sum(r.figures["referrals"] for r in made[-4:])
    published = (
        published_observations()
        .filter(
            (pl.col("la_code") == "845")
            & (pl.col("period") == "2024-25")
            & (pl.col("item") == "referrals")
        )["value"]
        .item()
    )
    assert abs(year - published) / published < 0.25


def test_same_seed_same_returns_other_seed_other_returns():
    first = synthetic_returns(["845"], Period.parse("2024-25 Q4"), 4, seed=1)
    again = synthetic_returns(["845"], Period.parse("2024-25 Q4"), 4, seed=1)
    other = synthetic_returns(["845"], Period.parse("2024-25 Q4"), 4, seed=2)
    assert first == again
    assert first != other


@pytest.mark.slow
def test_demo_command_writes_everything(tmp_path):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        app, ["demo", "--out", str(tmp_path), "--last", "2024-25 Q4", "--skip-database"]
    )
    assert result.exit_code == 0, result.output
    files = return_files(tmp_path / "returns")
    assert len(files) == 19 * 12
    assert (tmp_path / "returns" / "SYNTHETIC.txt").exists()
    assert all(report.accepted for report in read_folder(files).reports)
    rugs = {path.name for path in (tmp_path / "rugs").iterdir()}
    assert "tartan_rugs_2024-25_Q4.xlsx" in rugs
    assert "index.html" in rugs
    assert sum(name.endswith(".pdf") for name in rugs) == 20  # 19 rugs and the overview
    assert sum(name.endswith(".html") for name in rugs) == 21  # and the index
    assert (
        "SYNTHETIC DEMONSTRATION DATA"
        in (tmp_path / "rugs" / "tartan_rug_845_2024-25_Q4.html").read_text()
    )
    assert "benchmark_2024-25_Q4.csv" in result.output
