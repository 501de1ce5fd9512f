"""The workbook written by a second process while the pages are written (write_rugs parallel)
is the workbook written in line: same sheets, same cells; and the pages are the same."""

from __future__ import annotations

import openpyxl

from tartan.benchmark.table import shipped_reference
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.rug.write import write_rugs

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)


def _cells(path):
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in book.worksheets
    }


def test_the_workbook_written_beside_the_pages_is_the_workbook_written_in_line(
    south_east_table, tmp_path
):
    ref = shipped_reference()
    members = list(shipped_groups()["south-east"].members)[:4]

    def written(folder, parallel):
        steps: list[str] = []
        paths = write_rugs(
            south_east_table,
            members,
            Q4,
            tmp_path / folder,
            ("xlsx", "html"),
            MARKING,
            ref.catalogue,
            ref.population,
            members,
            steps.append,
            parallel=parallel,
        )
        return paths, steps

    in_line, in_line_steps = written("in-line", False)
    beside, beside_steps = written("beside", True)
    assert [p.name for p in beside] == [p.name for p in in_line]
    assert sorted(beside_steps) == sorted(in_line_steps)
    assert beside[0].suffix == ".xlsx"
    assert _cells(beside[0]) == _cells(in_line[0])
    for one, other in zip(beside[1:], in_line[1:], strict=True):
        assert one.read_text(encoding="utf-8") == other.read_text(encoding="utf-8")
