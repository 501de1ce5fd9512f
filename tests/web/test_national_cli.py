"""`tartan national export` and `tartan national import`, against the service's database."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tartan.cli import app
from tartan.web.sharing.models import NationalImport
from tests.web.conftest import MEMBERS

pytestmark = pytest.mark.django_db(transaction=True)
runner = CliRunner(env={"COLUMNS": "200"})


def test_export_the_released_quarter_and_import_it_back(released_round, tmp_path):
    out = tmp_path / "national.csv"
    result = runner.invoke(app, ["national", "export", "--period", "2024-25 Q4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# INTERNAL AND LIMITED USE")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body[0] == "la_code,la_name,period,item,value,comment"
    assert {line.split(",")[0] for line in body[1:]} == set(MEMBERS)
    result = runner.invoke(
        app,
        [
            "national",
            "import",
            str(out),
            "--source",
            "South East (test)",
            "--received",
            "2025-06-01",
        ],
    )
    assert result.exit_code == 0, result.output
    dataset = NationalImport.objects.get()
    assert (dataset.accepted, dataset.rejected) == (len(MEMBERS), [])


def test_nothing_released_is_explained(open_round, tmp_path):
    result = runner.invoke(
        app, ["national", "export", "--period", "2024-25 Q4", "-o", str(tmp_path / "n.csv")]
    )
    assert result.exit_code == 2
    assert "no released returns" in result.output


def test_import_refuses_a_bad_date(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("la_code,la_name,period,item,value,comment\n")
    result = runner.invoke(
        app, ["national", "import", str(path), "--source", "x", "--received", "yesterday"]
    )
    assert result.exit_code == 2
    assert "--received" in result.output


def test_a_synthetic_round_is_marked_synthetic(released_round, tmp_path):
    """Issue 17, point 8: synthetic figures say so in the national export too."""
    out = tmp_path / "national.csv"
    runner.invoke(app, ["national", "export", "--period", "2024-25 Q4", "-o", str(out)])
    assert "SYNTHETIC" not in out.read_text()
    type(released_round).objects.filter(pk=released_round.pk).update(synthetic=True)
    result = runner.invoke(app, ["national", "export", "--period", "2024-25 Q4", "-o", str(out)])
    assert result.exit_code == 0, result.output
    marking = [line for line in out.read_text().splitlines() if line.startswith("#")]
    assert "# SYNTHETIC DEMONSTRATION DATA: these are not real figures." in marking


def test_a_synthetic_folder_is_marked_synthetic(tmp_path):
    from tartan.catalogue.loader import shipped_catalogue
    from tartan.demo.files import write_returns
    from tartan.demo.synthetic import synthetic_returns
    from tartan.periods import Period
    from tartan.reference.register import shipped_register

    folder = tmp_path / "returns"
    made = synthetic_returns(["845", "886"], Period.parse("2024-25 Q4"), quarters=1)
    write_returns(made, folder, shipped_register(), shipped_catalogue())
    out = tmp_path / "national.csv"
    result = runner.invoke(
        app,
        ["national", "export", "--period", "2024-25 Q4", "--returns", str(folder), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC DEMONSTRATION DATA" in out.read_text()
