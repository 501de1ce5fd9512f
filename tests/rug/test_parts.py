"""Rugs made many at a time from the table split once (tartan.rug.parts) are the rugs made one
at a time from the whole table: every row, every chart."""

from __future__ import annotations

from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.rug.model import build_rug
from tartan.rug.parts import TableParts

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)


def test_a_rug_from_the_split_table_is_the_rug_from_the_whole_table(south_east_table):
    parts = TableParts.of(south_east_table)
    members = shipped_groups()["south-east"].members
    for code in members:
        alone = build_rug(south_east_table, code, Q4, MARKING)
        split = build_rug(south_east_table, code, Q4, MARKING, parts=parts)
        assert split == alone, code
        # The group's charts hold the whole group, not only the LA itself.
        assert len(split.charts[0].bars.bars) == len(members)


def test_an_la_the_table_does_not_hold_has_no_rows(south_east_table):
    assert TableParts.of(south_east_table).la("999").is_empty()
