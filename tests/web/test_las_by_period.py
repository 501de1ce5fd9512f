"""Which LAs a benchmark table has figures for, per quarter (reports.data.las_by_period): the
answer every rug page asks, remembered per table, never carried over to another table."""

from __future__ import annotations

import polars as pl

from tartan.web.reports.data import las_by_period


def _table(rows: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["period", "la_code"], orient="row")


def test_each_quarter_names_its_own_las():
    table = _table([("2024-25 Q4", "845"), ("2024-25 Q4", "846"), ("2024-25 Q3", "845")] * 2)
    index = las_by_period(table)
    assert index == {"2024-25 Q4": {"845", "846"}, "2024-25 Q3": {"845"}}
    assert las_by_period(table) is index  # remembered for the same table


def test_a_new_table_of_the_same_shape_gets_its_own_answer():
    first = _table([("2024-25 Q4", "845")])
    assert las_by_period(first) == {"2024-25 Q4": {"845"}}
    second = _table([("2024-25 Q4", "886")])
    assert las_by_period(second) == {"2024-25 Q4": {"886"}}
    assert las_by_period(pl.DataFrame()) == {}
