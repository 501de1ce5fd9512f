from typer.testing import CliRunner

from tartan.catalogue import shipped_catalogue
from tartan.cli import app
from tartan.returns.reader import read_return_path
from tartan.returns.xlsx_reader import read_sheet

runner = CliRunner(env={"COLUMNS": "200"})


def test_csv_template_has_every_item_blank(tmp_path):
    path = tmp_path / "blank.csv"
    result = runner.invoke(
        app, ["template", "--la", "845", "--period", "2024-25 Q1", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    lines = path.read_text().splitlines()
    assert lines[0] == "la_code,la_name,period,item,value,comment"
    assert lines[1] == "845,East Sussex,2024-25 Q1,referrals,,"
    assert len(lines) == 1 + len(shipped_catalogue().items)


def test_xlsx_template_has_labels_and_guidance(tmp_path):
    path = tmp_path / "blank.xlsx"
    result = runner.invoke(
        app, ["template", "--la", "845", "--period", "2024-25 Q1", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    table = read_return_path(path).table
    assert table is not None
    assert table.columns == ["la_code", "la_name", "period", "item", "value", "comment"]
    assert [row.get("item") for row in table.rows] == list(shipped_catalogue().item_ids)
    guidance = read_sheet(path.read_bytes(), preferred="guidance")
    texts = set(guidance.cells.values())
    assert "Referrals received" in texts
    assert any("x if a figure is not available" in text for text in texts)


def test_template_refuses_a_year_or_an_unknown_la(tmp_path):
    year = runner.invoke(
        app, ["template", "--la", "845", "--period", "2024-25", "-o", str(tmp_path / "a.csv")]
    )
    assert year.exit_code == 2
    assert "one quarter" in year.output
    unknown = runner.invoke(
        app, ["template", "--la", "999", "--period", "2024-25 Q1", "-o", str(tmp_path / "b.csv")]
    )
    assert unknown.exit_code == 2
    assert "not a DfE local authority code" in unknown.output
