"""The disclosure gate: the naive export is refused, the default design passes, and each check
catches what it is for."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import replace

import pytest

from tartan.disclosure.designs import build_export
from tartan.disclosure.gate import judge
from tartan.disclosure.knowledge import published_knowledge
from tartan.disclosure.model import CellKind, Released
from tartan.disclosure.suppression import suppress_band_counts, suppress_small_counts
from tartan.periods import Period
from tartan.reference.groups import shipped_groups

PERIOD = "2024-25 Q4"
MEMBERS = list(shipped_groups().default.members)


@pytest.fixture(scope="module")
def knowledge():
    return published_knowledge(Period.parse(PERIOD), MEMBERS)


def _export(table, design, la="845"):
    """The export as tartan makes it: quartiles that pin an authority already withheld."""
    from tartan.disclosure.release import gated_export

    knowledge = published_knowledge(Period.parse(PERIOD), MEMBERS)
    export, truth, _ = gated_export(table, la, PERIOD, MEMBERS, "Ofsted", design, "", knowledge)
    return export, truth


def test_the_naive_export_is_refused_for_every_reason(south_east_table, knowledge):
    export, truth = _export(south_east_table, "naive")
    decision = judge(export, truth, knowledge)
    assert not decision.allowed
    failed = {check.name for check in decision.failed}
    assert {"exact_values", "count_next_to_rate", "matching", "candidates"} <= failed
    assert (
        decision.scores["matched"] >= 0.9 * decision.scores["rows"]
    )  # the intruder names nearly all
    assert any("distribution" in advice for advice in decision.advice)


def test_the_default_design_passes(south_east_table, knowledge):
    export, truth = _export(south_east_table, "distribution")
    decision = judge(export, truth, knowledge)
    assert decision.allowed, decision.summary()
    assert export.rows() == []
    kinds = {cell.kind for cell in export.cells}
    assert {
        CellKind.VALUE,
        CellKind.Q1,
        CellKind.MEDIAN,
        CellKind.Q3,
        CellKind.ENGLAND,
        CellKind.BAND_COUNT,
    } <= kinds
    assert not kinds & {CellKind.MINIMUM, CellKind.MAXIMUM, CellKind.MEAN}
    named = [c for c in export.cells if c.about_named]
    assert named
    assert all(not c.row for c in named)


def test_distribution_statistics_are_coarser_than_published(south_east_table):
    export, _ = _export(south_east_table, "distribution")
    published = {
        c.table: c.precision for c in export.cells if c.kind == CellKind.VALUE and c.about_named
    }
    for cell in export.cells:
        if cell.kind in (CellKind.Q1, CellKind.MEDIAN, CellKind.Q3):
            assert cell.precision > published[cell.table]


def test_labels_are_fresh_for_every_table_and_export_but_the_same_for_the_same_inputs(
    south_east_table,
):
    first, _ = _export(south_east_table, "halves")
    again, _ = _export(south_east_table, "halves")
    other = build_export(south_east_table, "845", PERIOD, MEMBERS, "Police", "halves")[0]
    purpose = build_export(south_east_table, "845", PERIOD, MEMBERS, "Ofsted", "halves", "audit")[0]
    tables = first.tables()
    labels = [set(first.rows(table)) for table in tables if first.rows(table)]
    assert all(not (a & b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    assert first.cells == again.cells  # the same export, the same file
    assert not set(first.rows()) & set(other.rows())  # another recipient
    assert not set(first.rows()) & set(purpose.rows())  # another purpose


def test_the_banded_design_is_withdrawn(south_east_table):
    with pytest.raises(ValueError, match="withdrawn"):
        _export(south_east_table, "banded")


def test_an_exact_unpublished_figure_is_caught_but_a_coarse_one_is_not(south_east_table, knowledge):
    export, truth = _export(south_east_table, "distribution")
    table, (la, value) = next((t, next(iter(v.items()))) for t, v in truth.unpublished.items() if v)
    step = next(
        c.precision
        for c in export.cells
        if c.table == table and c.kind == CellKind.VALUE and c.about_named
    )
    leaked = replace(
        export,
        cells=[
            *export.cells,
            Released(table, CellKind.MEDIAN, number=round(value / step) * step, precision=step),
        ],
    )
    decision = judge(leaked, truth, knowledge)
    assert "exact_values" in {c.name for c in decision.failed}
    check = next(c for c in decision.failed if c.name == "exact_values")
    # the exporting LA learns what failed and where, but not whose figure it is nor the figure
    assert la not in check.detail
    assert f"{value:.1f}" not in check.detail
    assert table in check.detail
    shown = json.dumps(decision.evidence())
    assert la not in shown
    assert f"{round(value / step) * step:.1f}" not in shown
    # the DBG's audit view keeps it all
    audit = json.dumps(decision.audit_evidence())
    assert la in audit
    assert f"is {la}'s unpublished figure" in audit
    coarse = replace(
        export,
        cells=[
            *export.cells,
            Released(table, CellKind.MEDIAN, number=round(value), precision=step * 100),
        ],
    )
    assert "exact_values" not in {c.name for c in judge(coarse, truth, knowledge).failed}


def test_minimum_and_maximum_are_refused(south_east_table, knowledge):
    export, truth = _export(south_east_table, "distribution")
    table = export.tables()[0]
    pinned = replace(
        export,
        cells=[*export.cells, Released(table, CellKind.MAXIMUM, number=999.0, precision=1.0)],
    )
    decision = judge(pinned, truth, knowledge)
    assert [c.name for c in decision.failed] == ["extremes"]
    assert any("quartiles" in advice for advice in decision.advice)


def test_small_counts_and_what_is_built_on_them_are_suppressed():
    cells = [
        Released("adopted:percent", CellKind.COUNT, number=3.0, precision=1.0, about_named=True),
        Released("adopted:percent", CellKind.VALUE, number=8.0, precision=1.0, about_named=True),
        Released("cla:rate", CellKind.COUNT, number=650.0, precision=1.0, about_named=True),
    ]
    out = suppress_small_counts(cells)
    assert [(c.number, c.text) for c in out] == [(None, "c"), (None, "c"), (650.0, "")]


def test_band_counts_get_secondary_suppression():
    cells = suppress_band_counts("t", {"A": 1, "B": 8, "C": 5, "D": 4})
    shown = {c.band: (c.number, c.text) for c in cells}
    assert shown == {"A": (None, "c"), "B": (8.0, ""), "C": (5.0, ""), "D": (None, "c")}
    halves = suppress_band_counts("t", {"better half": 2, "worse half": 15})
    assert [c.text for c in halves] == ["c", "c"]
    assert (
        suppress_band_counts("t", {"A": 2, "B": 0, "C": 0, "D": 0}) == []
    )  # the total would give it back
    assert all(c.text == "" for c in suppress_band_counts("t", {"A": 3, "B": 5, "C": 6, "D": 4}))


def test_a_lone_suppressed_band_count_is_caught(south_east_table, knowledge):
    export, truth = _export(south_east_table, "distribution")
    table = export.tables()[0]
    lone = [c for c in export.cells if not (c.table == table and c.kind == CellKind.BAND_COUNT)]
    lone += [
        Released(table, CellKind.BAND_COUNT, band="A", text="c"),
        Released(table, CellKind.BAND_COUNT, band="B", number=17.0, precision=1.0),
    ]
    decision = judge(replace(export, cells=lone), truth, knowledge)
    assert "suppression" in {c.name for c in decision.failed}


def test_evidence_holds_checks_scores_thresholds_and_the_file_hash(south_east_table, knowledge):
    export, truth = _export(south_east_table, "halves")
    decision = judge(export, truth, knowledge).with_file(b"the file")
    evidence = json.loads(json.dumps(decision.evidence()))
    assert {check["name"] for check in evidence["checks"]} >= {
        "suppression",
        "rows_and_counts",
        "exact_values",
        "count_next_to_rate",
        "extremes",
        "matching",
        "candidates",
        "linkage",
    }
    assert set(evidence["scores"]["intruders"]) == {"public", "collecting"}
    assert evidence["thresholds"] == {"chance_margin": 0.1, "min_candidates": 3}
    assert evidence["scores"]["rows"] > 0
    assert evidence["scores"]["after_removal"]
    assert evidence["file_sha256"] == hashlib.sha256(b"the file").hexdigest()


def test_a_label_the_recipient_has_seen_is_refused(south_east_table, knowledge):
    export, truth = _export(south_east_table, "halves")
    seen = set(export.rows()[:3])
    decision = judge(export, truth, knowledge, previous_labels=seen)
    assert [c.name for c in decision.failed] == ["linkage"]
    assert judge(export, truth, knowledge, previous_labels={"R-NOTSEEN"}).allowed


@pytest.mark.parametrize("design", ["distribution", "halves", "naive"])
def test_the_same_inputs_get_the_same_decision_every_time(south_east_table, knowledge, design):
    """No luck: labels come from a keyed hash of the inputs, ties go the intruder's way, and
    entries only a label tells apart count by expectation."""
    from datetime import UTC, datetime

    from tartan.disclosure.report import Marking, concealed_report, render

    runs = []
    for _ in range(3):
        export, truth = _export(south_east_table, design, la="886")
        runs.append((export, judge(export, truth, knowledge)))
    first = runs[0][1].audit_evidence()
    assert all(decision.audit_evidence() == first for _, decision in runs)
    assert all(export.cells == runs[0][0].cells for export, _ in runs)
    if runs[0][1].allowed:
        marking = Marking("South East", "A. Key", datetime(2026, 12, 2, tzinfo=UTC), True)
        for fmt in ("csv", "html", "xlsx"):
            files = {render(concealed_report(e, south_east_table, marking), fmt) for e, _ in runs}
            assert len(files) == 1, fmt


def test_the_decision_does_not_depend_on_the_labels_drawn(south_east_table, knowledge, monkeypatch):
    export, truth = _export(south_east_table, "halves", la="886")
    before = judge(export, truth, knowledge).evidence()
    monkeypatch.setenv("TARTAN_DISCLOSURE_KEY", "another deployment's secret")
    other, other_truth = _export(south_east_table, "halves", la="886")
    assert set(other.rows()) != set(export.rows())
    assert judge(other, other_truth, knowledge).evidence() == before


def _with_half(export, table, counts, rows):
    """The export with ``table``'s half counts and rows replaced."""
    kept = [
        c
        for c in export.cells
        if not (c.table == table and c.kind in (CellKind.BAND_COUNT, CellKind.BAND))
    ]
    kept += [
        Released(table, CellKind.BAND_COUNT, band=half, number=n, text="" if n else "c")
        for half, n in counts.items()
    ]
    kept += [Released(table, CellKind.BAND, row=label, text=half) for label, half in rows]
    return replace(export, cells=kept)


def test_rows_cannot_give_back_a_suppressed_count_nor_stand_alone(south_east_table, knowledge):
    export, truth = _export(south_east_table, "halves")
    table = next(t for t in export.tables() if export.rows(t))
    labels = export.rows(table)
    # a suppressed half whose rows are still shown: counting them gives the count back
    behind = _with_half(
        export,
        table,
        {"better half": None, "worse half": None},
        [(label, "better half") for label in labels[:2]],
    )
    check = next(c for c in judge(behind, truth, knowledge).checks if c.name == "rows_and_counts")
    assert not check.passed
    assert "suppressed still show their rows" in check.detail
    assert "fewer than 3 rows" in check.detail
    # rows that do not add up to the count
    unequal = _with_half(
        export,
        table,
        {"better half": 9.0, "worse half": 9.0},
        [(label, "better half") for label in labels[:4]],
    )
    check = next(c for c in judge(unequal, truth, knowledge).checks if c.name == "rows_and_counts")
    assert "do not add up" in check.detail


def test_halves_with_one_or_two_comparators_are_withheld_rows_and_all(south_east_table):
    from tartan.disclosure.designs import _halves

    own = {"ranking": "rank", "decimals": 1}
    theirs = [
        {"la_code": f"9{i:02d}", "value": 10.0 + i, "ranking": "rank", "quartile": q}
        for i, q in enumerate("AABBBBBBBBBBBBBBBB")
    ]
    cells = _halves("t:rate", own, theirs, {}, b"seed")
    counts = {c.band: c.number for c in cells if c.kind == CellKind.BAND_COUNT}
    assert counts == {"better half": 18.0, "worse half": 0.0}  # an empty half hides no one
    assert len([c for c in cells if c.kind == CellKind.BAND]) == 18
    few = [dict(t, quartile="C") for t in theirs[:2]] + [dict(t, quartile="A") for t in theirs[2:]]
    cells = _halves("t:rate", own, few, {}, b"seed")
    assert {c.band: c.text for c in cells if c.kind == CellKind.BAND_COUNT} == {
        "better half": "c",
        "worse half": "c",
    }
    assert not [c for c in cells if c.kind == CellKind.BAND]


def test_a_quartile_that_pins_an_authority_is_withheld_and_nothing_else(
    south_east_table, knowledge
):
    """Raw quartiles of the demo quarter rest on authorities the calibrated intruder names
    better than chance: the gate refuses them alone, names them only in the audit, and the
    export made again withholds exactly those and passes."""
    from tartan.disclosure.gate import pinned
    from tartan.disclosure.release import gated_export

    raw, truth = build_export(south_east_table, "845", PERIOD, MEMBERS, "Ofsted", "distribution")
    refused = judge(raw, truth, knowledge)
    assert [c.name for c in refused.failed] == ["quartile_pins"]
    pins = pinned(refused)
    assert pins
    assert all(kind in {"q1", "median", "q3"} for _, kind in pins)
    shown_to_la = json.dumps(refused.evidence())
    audit = json.dumps(refused.audit_evidence())
    pinned_las = {code for code in truth.comparators if f"gives {code}'s figure" in audit}
    assert pinned_las
    assert not any(f"{code}'s" in shown_to_la for code in truth.comparators)
    export, _, decision = gated_export(
        south_east_table, "845", PERIOD, MEMBERS, "Ofsted", "distribution", "", knowledge
    )
    assert decision.allowed, decision.summary()
    withheld = {(c.table, c.kind.value) for c in export.cells if c.text == "withheld"}
    assert withheld == pins
    shown = {
        (c.table, c.kind.value)
        for c in export.cells
        if c.kind in (CellKind.Q1, CellKind.MEDIAN, CellKind.Q3) and c.number is not None
    }
    assert shown
    assert not shown & pins
    assert decision.audit["noise"]  # the intruder was calibrated on the quarter


def test_the_intruder_is_calibrated_on_how_the_quarter_strays_from_published():
    from tartan.disclosure.calibration import FLOOR, measured

    published = {"t:rate": {"a": 100.0, "b": 200.0, "c": 50.0, "d": 80.0}}
    quarter = {"t:rate": {"a": 110.0, "b": 220.0, "c": 55.0, "d": 96.0}}
    scale, noise = measured(quarter, published)
    assert abs(scale["t:rate"] - math.log(1.1)) < 1e-9  # the median ratio
    assert noise["t:rate"] == FLOOR  # three of four exactly 1.1: under the floor
    quarter["t:rate"] |= {"b": 160.0, "c": 65.0}
    _, noisier = measured(quarter, published)
    assert noisier["t:rate"] > 0.1
    assert measured({"t:rate": {"a": 1.0}}, published) == ({}, {})  # too few to measure
