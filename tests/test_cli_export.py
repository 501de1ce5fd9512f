"""`tartan export concealed|published` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tartan.catalogue import shipped_catalogue
from tartan.cli import app
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def returns(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("returns")
    made = synthetic_returns(list(shipped_groups().default.members), Period.parse("2024-25 Q4"), 4)
    write_returns(made, folder, shipped_register(), shipped_catalogue())
    return folder


def test_default_design_is_written_with_its_decision(returns, tmp_path):
    out = tmp_path / "ofsted.csv"
    args = [
        "export",
        "concealed",
        "--la",
        "845",
        "--period",
        "2024-25 Q4",
        "--for",
        "Ofsted",
        "-o",
        str(out),
        "--returns",
        str(returns),
        "--format",
        "csv",
        "--by",
        "Alex Key",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0].startswith("# CONCEALED REPORT. INTERNAL AND LIMITED USE")
    assert "made by Alex Key" in lines[1]
    assert "every other authority of the group is concealed" in lines[2]
    body = "\n".join(lines)
    for other in ("Brighton", "Kent", "Surrey", "846", "886"):
        assert other not in body
    evidence = json.loads((tmp_path / "ofsted.csv.decision.json").read_text())
    assert evidence["allowed"] is True
    assert len(evidence["file_sha256"]) == 64


def test_naive_design_is_refused_and_nothing_is_written(returns, tmp_path):
    out = tmp_path / "naive.csv"
    args = [
        "export",
        "concealed",
        "--la",
        "845",
        "--period",
        "2024-25 Q4",
        "--for",
        "Ofsted",
        "-o",
        str(out),
        "--returns",
        str(returns),
        "--design",
        "naive",
    ]
    result = runner.invoke(app, [*args, "--audit", str(tmp_path / "audit.json")])
    assert result.exit_code == 1
    assert not out.exists()
    assert "Refused" in result.output
    assert "distribution" in result.output  # what would pass
    shown = (tmp_path / "naive.csv.decision.json").read_text()
    evidence = json.loads(shown)
    assert {c["name"] for c in evidence["checks"] if not c["passed"]} >= {
        "exact_values",
        "matching",
    }
    # what failed and why, but no other LA's code or unpublished figure
    assert "unpublished figure (" in shown
    others = [code for code in shipped_groups().default.members if code != "845"]
    assert not [code for code in others if f"{code}'s" in shown or f'"{code}"' in shown]
    audit = (tmp_path / "audit.json").read_text()
    assert any(f"{code}'s unpublished figure" in audit for code in others)


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "html"])
def test_the_report_is_written_in_each_format(returns, tmp_path, fmt):
    out = tmp_path / f"ofsted.{fmt}"
    result = runner.invoke(
        app,
        [
            "export",
            "concealed",
            "--la",
            "845",
            "--period",
            "2024-25 Q4",
            "--for",
            "Ofsted",
            "-o",
            str(out),
            "--returns",
            str(returns),
            "--format",
            fmt,
            "--design",
            "halves",
        ],
    )
    assert result.exit_code == 0, result.output
    from tests.disclosure.scan import leaks

    assert leaks(out.read_bytes(), fmt, "845") == []


def test_the_banded_design_is_withdrawn(returns, tmp_path):
    result = runner.invoke(
        app,
        [
            "export",
            "concealed",
            "--la",
            "845",
            "--period",
            "2024-25 Q4",
            "--for",
            "Ofsted",
            "-o",
            str(tmp_path / "b.pdf"),
            "--returns",
            str(returns),
            "--design",
            "banded",
        ],
    )
    assert result.exit_code == 2
    assert "withdrawn" in result.output


def test_published_export_cites_its_releases(tmp_path):
    out = tmp_path / "published.csv"
    result = runner.invoke(
        app, ["export", "published", "--la", "845", "--year", "2025", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("# PUBLISHED FIGURES ONLY")
    assert "Children in need, reporting year 2025" in result.output


def test_an_unknown_la_is_explained(returns, tmp_path):
    result = runner.invoke(
        app,
        [
            "export",
            "concealed",
            "--la",
            "999",
            "--period",
            "2024-25 Q4",
            "--for",
            "Ofsted",
            "-o",
            str(tmp_path / "x.csv"),
            "--returns",
            str(returns),
        ],
    )
    assert result.exit_code == 2
    assert "not a DfE local authority code" in result.output
