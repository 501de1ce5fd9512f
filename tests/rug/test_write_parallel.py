"""The workbook written by a second process while the pages are written (write_rugs parallel)
is the workbook written in line: same sheets, same cells; and the pages are the same."""

from __future__ import annotations

import gc

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


def test_rugs_of_several_groups_get_a_workbook_per_group_written_by_forked_processes(tmp_path):
    # A national run: each region a group. Each group's workbook holds its own LAs' sheets,
    # and writing them in forked processes gives what writing them in line gives.
    from tartan.benchmark.table import quarterly_benchmark
    from tartan.reference.groups import regional_groups
    from tests.synthetic import synthetic_observations

    ref = shipped_reference()
    groups = [g for g in regional_groups(ref.register) if g.name in ("South East", "North East")]
    chosen = {g.name: list(g.members)[:2] for g in groups}
    codes = [code for members in chosen.values() for code in members]
    observations = synthetic_observations([c for g in groups for c in g.members], "2024-25 Q4")
    table = quarterly_benchmark(observations, ref, periods=[Q4], group=groups)

    def written(folder, parallel):
        return write_rugs(
            table,
            codes,
            Q4,
            tmp_path / folder,
            ("xlsx", "html"),
            MARKING,
            ref.catalogue,
            ref.population,
            parallel=parallel,
        )

    beside = written("beside", True)
    # The parent's heap is frozen only while the children run: left frozen, a long-running
    # process (the CLI's, a task worker's) would never collect what it had when it forked.
    assert gc.get_freeze_count() == 0
    in_line = written("in-line", False)
    assert [p.name for p in beside] == [p.name for p in in_line]
    workbooks = {p.name: p for p in beside if p.suffix == ".xlsx"}
    assert set(workbooks) == {
        "tartan_rugs_2024-25_Q4_South_East.xlsx",
        "tartan_rugs_2024-25_Q4_North_East.xlsx",
    }
    for name, members in chosen.items():
        path = workbooks[f"tartan_rugs_2024-25_Q4_{name.replace(' ', '_')}.xlsx"]
        sheets = openpyxl.load_workbook(path).sheetnames
        rug_sheets = [s for s in sheets if s[:3].isdigit()]
        assert sorted(s.split()[0] for s in rug_sheets) == sorted(members)
        assert _cells(path) == _cells(tmp_path / "in-line" / path.name)
    pages = [p.name for p in beside if p.suffix == ".html"]
    assert pages == [f"tartan_rug_{code}_2024-25_Q4.html" for code in codes]


def test_a_piece_runs_without_the_cyclic_collector_and_leaves_no_cycle_behind(tmp_path):
    """The collector is off while a forked piece writes (for speed) and sweeps after it: the
    cycles a piece made are gone once it returns, and the collector is on again."""
    import weakref

    from tartan.rug import forked

    class Node:
        pass

    seen: dict[str, object] = {}

    def piece():
        node = Node()
        node.self = node  # a cycle: reference counting alone never frees it
        seen["ref"] = weakref.ref(node)
        seen["collecting"] = gc.isenabled()
        return [tmp_path / "made"]

    forked._pieces = [piece]
    try:
        assert forked._run(0) == [tmp_path / "made"]
    finally:
        forked._pieces = ()
    assert seen["collecting"] is False
    assert gc.isenabled()
    assert seen["ref"]() is None
