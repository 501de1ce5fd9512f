"""Two intruders against what the gate lets out.

The gate's own intruder (best one-to-one matching on published figures) is built in; the second
is written here and differs: it lines rows up by rank. For each table of each quarter, it sorts
the concealed rows from best band to worst and the candidate authorities by their published
figure, and pairs them in order, then votes over the quarters. Against exports the gate allows,
it must do no better than chance plus the margin.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import polars as pl
import pytest

from tartan.benchmark.table import quarterly_benchmark
from tartan.disclosure.designs import HALVES, build_export
from tartan.disclosure.gate import CHANCE_MARGIN, judge
from tartan.disclosure.intruder import HALF_INDEX, Knowledge
from tartan.disclosure.knowledge import published_knowledge
from tartan.disclosure.model import CellKind, ConcealedExport, Truth
from tartan.periods import Period, quarters_ending
from tartan.reference.groups import shipped_groups

MEMBERS = list(shipped_groups().default.members)
LAST = Period.parse("2024-25 Q4")
BAND_RANK = {band: i for i, band in enumerate("ABCD")}


def rank_pattern_attack(
    exports: list[tuple[ConcealedExport, Truth]], knowledge: Knowledge, polarity: dict[str, str]
) -> tuple[int, int]:
    """(rows named correctly, rows tried) by rank alignment over every table and quarter."""
    correct = tried = 0
    for export, truth in exports:
        for table in export.tables():
            rows = [
                c for c in export.cells if c.table == table and c.kind == CellKind.BAND and c.row
            ]
            known = knowledge.values.get(table, {})
            pool = [la for la in truth.comparators if la in known]
            if not rows or len(pool) < len(rows):
                continue
            better_high = polarity.get(table, "high") != "low"
            pool.sort(key=lambda la: known[la], reverse=better_high)

            def order(cell):
                text = cell.text
                return HALF_INDEX.get(text, BAND_RANK.get(text, 2))

            rows.sort(key=order)
            for cell, la in zip(rows, pool, strict=False):
                tried += 1
                correct += truth.row_la[cell.row] == la
    return correct, tried


@pytest.fixture(scope="module")
def quarterly_table(south_east_observations):
    return quarterly_benchmark(south_east_observations, periods=quarters_ending(LAST, 4))


def test_rank_pattern_intruder_fails_on_what_the_gate_lets_out(quarterly_table):
    knowledge = published_knowledge(LAST, MEMBERS)
    polarity = {
        f"{r['indicator']}:{r['measure']}": r["polarity"]
        for r in quarterly_table.select("indicator", "measure", "polarity")
        .unique()
        .iter_rows(named=True)
    }
    allowed = []
    for period in quarters_ending(LAST, 4):
        for la in ("845", "886", "852"):
            export, truth = build_export(
                quarterly_table, la, period.label, MEMBERS, "Ofsted", "halves"
            )
            if judge(export, truth, knowledge).allowed:
                allowed.append((export, truth))
    assert allowed, "the gate should let some half-banded exports out"
    correct, tried = rank_pattern_attack(allowed, knowledge, polarity)
    assert tried > 200
    chance = 1 / (len(MEMBERS) - 1)
    assert correct / tried <= chance + CHANCE_MARGIN, (correct, tried)


def test_rank_pattern_intruder_would_succeed_on_values_in_rank_order(quarterly_table):
    """The same intruder is not toothless: given exact figures it names many authorities."""
    knowledge = published_knowledge(LAST, MEMBERS)
    export, truth = build_export(quarterly_table, "845", LAST.label, MEMBERS, "Ofsted", "naive")
    hits = tried = 0
    for table in export.tables():
        known = knowledge.values.get(table, {})
        rows = [
            c
            for c in export.cells
            if c.table == table and c.kind == CellKind.VALUE and c.row and c.number is not None
        ]
        pool = [la for la in truth.comparators if la in known]
        if len(rows) < 5 or len(pool) < len(rows):
            continue
        rows.sort(key=lambda c: c.number)
        pool.sort(key=lambda la: known[la])
        for cell, la in zip(rows, pool, strict=False):
            tried += 1
            hits += truth.row_la[cell.row] == la
    assert hits / tried > 1 / (len(MEMBERS) - 1) + CHANCE_MARGIN


def test_halves_are_what_the_rows_show(quarterly_table):
    export, truth = build_export(quarterly_table, "845", LAST.label, MEMBERS, "Ofsted", "halves")
    shown = Counter(c.text for c in export.cells if c.kind == CellKind.BAND)
    assert set(shown) <= set(HALVES.values())
    assert len(truth.row_la) == len(export.rows())
    per_table = defaultdict(set)
    for cell in export.cells:
        if cell.row:
            per_table[cell.table].add(truth.row_la[cell.row])
    assert all(
        len(las) == len([c for c in export.cells if c.table == t and c.row])
        for t, las in per_table.items()
    )
    assert pl.Series(list(truth.row_la.values())).is_in(MEMBERS).all()
