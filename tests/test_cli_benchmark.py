"""The benchmarking commands, end to end on files."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tartan.benchmark.export import read_table
from tartan.catalogue import shipped_catalogue
from tartan.cli import app
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.register import shipped_register

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def returns_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    made = synthetic_returns(["845", "846", "886"], Period.parse("2024-25 Q4"), 5)
    write_returns(made, folder, shipped_register(), shipped_catalogue())
    (folder / "2024-25_Q4" / "broken.csv").write_text("la_code;value\n845;3\n")
    return folder


def test_benchmark_csv_starts_with_the_marking(returns_folder, tmp_path):
    out = tmp_path / "table.csv"
    result = runner.invoke(
        app,
        ["benchmark", "--returns", str(returns_folder), "--period", "2024-25 Q4", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    first = out.read_text().splitlines()[0]
    assert first.startswith("# INTERNAL AND LIMITED USE")
    assert "SYNTHETIC" in first
    table = read_table(out)
    assert set(table["la_code"].cast(pl.String).unique()) == {"845", "846", "886"}
    assert set(table["period"].unique()) == {"2024-25 Q4"}
    assert "broken.csv" in result.output  # left out, and said so


def test_benchmark_parquet(returns_folder, tmp_path):
    out = tmp_path / "table.parquet"
    result = runner.invoke(
        app, ["benchmark", "--returns", str(returns_folder), "--format", "parquet", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "INTERNAL AND LIMITED USE" in pl.read_parquet_metadata(out)["protective_marking"]
    assert set(read_table(out)["period"].unique()) == {
        "2024-25 Q1",
        "2024-25 Q2",
        "2024-25 Q3",
        "2024-25 Q4",
        "2023-24 Q4",
    }


def test_published_benchmark_command(tmp_path):
    out = tmp_path / "published.csv"
    result = runner.invoke(app, ["published", "benchmark", "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[0].startswith("# PUBLISHED FIGURES ONLY")
    table = read_table(out)
    assert table["la_code"].n_unique() == 153
    missing = runner.invoke(app, ["published", "benchmark", "--year", "1990", "-o", str(out)])
    assert missing.exit_code == 2


def test_rug_single_file_and_all(returns_folder, tmp_path):
    single = tmp_path / "east_sussex.html"
    result = runner.invoke(
        app,
        [
            "rug",
            "--returns",
            str(returns_folder),
            "--la",
            "845",
            "--period",
            "2024-25 Q4",
            "-o",
            str(single),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "East Sussex (845)" in single.read_text()
    folder = tmp_path / "rugs"
    result = runner.invoke(
        app,
        [
            "rug",
            "--returns",
            str(returns_folder),
            "--la",
            "all",
            "--period",
            "2024-25 Q4",
            "-o",
            str(folder),
            "--format",
            "xlsx,html",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "regional_overview_2024-25_Q4.html",
        "tartan_rug_845_2024-25_Q4.html",
        "tartan_rug_846_2024-25_Q4.html",
        "tartan_rug_886_2024-25_Q4.html",
        "tartan_rugs_2024-25_Q4.xlsx",
    ]


def test_rug_refuses_unknown_formats_and_missing_las(returns_folder, tmp_path):
    bad = runner.invoke(
        app,
        [
            "rug",
            "--returns",
            str(returns_folder),
            "--la",
            "845",
            "--period",
            "2024-25 Q4",
            "-o",
            str(tmp_path),
            "--format",
            "docx",
        ],
    )
    assert bad.exit_code == 2
    assert "unknown format docx" in bad.output
    absent = runner.invoke(
        app,
        [
            "rug",
            "--returns",
            str(returns_folder),
            "--la",
            "850",
            "--period",
            "2024-25 Q4",
            "-o",
            str(tmp_path),
        ],
    )
    assert absent.exit_code == 2
    assert "no accepted return for 850" in absent.output
