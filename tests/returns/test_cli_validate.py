"""`tartan validate`: exit codes, text and JSON reports, no tracebacks."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tartan.cli import app
from tests.returns.samples import FIGURES, rows, to_csv

runner = CliRunner(env={"COLUMNS": "200"})


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_clean_return_exits_0(tmp_path):
    path = _write(tmp_path, "845.csv", to_csv(rows()))
    result = runner.invoke(app, ["validate", str(path), "--la", "845", "--period", "2024-25 Q1"])
    assert result.exit_code == 0, result.output
    assert "no errors" in result.output


def test_errors_exit_1_and_json_lists_findings(tmp_path):
    body = [[*r[:4], "-3", r[5]] if r[3] == "s47" else r for r in rows()]
    path = _write(tmp_path, "845.csv", to_csv(body))
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings == [
        {
            "code": "E302",
            "severity": "error",
            "file": "845.csv",
            "row": 7,
            "column": "value",
            "item": "s47",
            "message": findings[0]["message"],
        }
    ]


def test_queries_alone_exit_0(tmp_path):
    previous = _write(tmp_path, "prev.csv", to_csv(rows(period="2023-24 Q4")))
    body = [
        [*r[:4], str(int(FIGURES["referrals"]) * 2), r[5]] if r[3] == "referrals" else r
        for r in rows()
    ]
    path = _write(tmp_path, "845.csv", to_csv(body))
    result = runner.invoke(
        app, ["validate", str(path), "--previous", str(previous), "--format", "json"]
    )
    assert result.exit_code == 0
    assert [f["code"] for f in json.loads(result.stdout)] == ["Q601"]


def test_unreadable_file_exits_2_without_traceback(tmp_path):
    good = _write(tmp_path, "good.csv", to_csv(rows()))
    binary = _write(tmp_path, "bad.csv", bytes(range(256)))
    result = runner.invoke(app, ["validate", str(good), str(binary), str(tmp_path / "missing.csv")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "bad.csv" in result.output
    assert "missing.csv" in result.output


def test_uploader_restrictions(tmp_path):
    path = _write(tmp_path, "845.csv", to_csv(rows()))
    result = runner.invoke(
        app, ["validate", str(path), "--la", "846", "--period", "2024-25 Q2", "--format", "json"]
    )
    assert result.exit_code == 1
    assert {f["code"] for f in json.loads(result.stdout)} == {"E402", "E406"}


def test_bad_option_values_are_explained(tmp_path):
    path = _write(tmp_path, "845.csv", to_csv(rows()))
    result = runner.invoke(app, ["validate", str(path), "--period", "summer"])
    assert result.exit_code == 2
    assert "not a period" in result.output
    assert "Traceback" not in result.output
