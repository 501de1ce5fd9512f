"""Three intruders of our own against everything the gate lets out.

They are written here, apart from the gate's intruder, and work differently: they guess each
authority's half of England from its published figure, rank candidates by how sure that guess
is, and hand out the concealed entries (rows, or the comparators a half count stands for) at
random among equals, averaged over 6 fixed seeds.

- the public-data intruder holds DfE's published figures and bands;
- the collecting recipient also holds the concealed reports of six LAs of the group for the same
  quarter, so it knows their exact figures and halves and takes them out (every rotation of
  six, so every LA is sometimes collected and sometimes not);
- the collecting recipient also sets the quartiles against those exact figures: where a quartile
  is one authority's figure, or a weighted mean of a figure it holds and one it does not, it
  solves for the unknown figure and names whose it is by the nearest published figure, scaled
  to the quarter on the reports it holds (its own calibration);
- the repeat recipient holds one LA's reports for four quarters and two purposes: it looks for
  labels seen twice (links) and differences the half counts from quarter to quarter, moving
  the authorities closest to the boundary to follow the change.

Over all 19 demo LAs, four quarters and every design the gate allows (the formats all render
the same released cells), none may beat chance plus 0.10.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import UTC, datetime

import pytest

from tartan.benchmark.table import quarterly_benchmark
from tartan.disclosure.designs import HALVES, build_export, half_of
from tartan.disclosure.gate import CHANCE_MARGIN, judge
from tartan.disclosure.intruder import Knowledge
from tartan.disclosure.knowledge import published_knowledge
from tartan.disclosure.model import CellKind, ConcealedExport, Released, Truth
from tartan.disclosure.release import gated_export
from tartan.disclosure.report import Marking, concealed_report, render
from tartan.periods import Period, quarters_ending
from tartan.reference.groups import shipped_groups

pytestmark = pytest.mark.slow  # about a minute of CPU: every export of 19 LAs over 4 quarters

MEMBERS = list(shipped_groups().default.members)
LAST = Period.parse("2024-25 Q4")
QUARTERS = quarters_ending(LAST, 4)
SEEDS = range(6)
COLLECTED = 6


def entries(export: ConcealedExport, truth: Truth) -> dict[str, list[tuple[str, str]]]:
    """table → [(what the entry shows, the real LA)]: the rows, or the half counts in unary."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cell in export.cells:
        if cell.kind == CellKind.BAND and cell.row:
            found[cell.table].append((cell.text, truth.row_la[cell.row]))
    for cell in export.cells:
        if cell.kind == CellKind.BAND_COUNT and cell.number and cell.table not in found:
            members = truth.in_band[cell.table][cell.band]
            assert len(members) == int(cell.number)  # the count is what the rows would be
            found[cell.table].extend((cell.band, la) for la in members)
    return found


def confident_guess(table: str, knowledge: Knowledge, pool: list[str]) -> dict[str, str]:
    """Each candidate's half by its published band (A, B or the higher positions → first half)."""
    bands = knowledge.bands.get(table, {})
    return {la: HALVES.get(bands.get(la, ""), "") for la in pool}


def hand_out(
    shown: list[tuple[str, str]], guess: dict[str, str], order: list[str], rng: random.Random
) -> int:
    """Give each entry an authority guessed to be in its half, most confident first, randomly
    among entries that look the same; the rest at random. The number named correctly."""
    by_half: dict[str, list[str]] = defaultdict(list)
    for half, la in shown:
        by_half[half].append(la)
    free = list(order)
    correct = 0
    for half, truths in sorted(by_half.items()):
        wanted = [la for la in free if guess.get(la) == half][: len(truths)]
        for la in wanted:
            free.remove(la)
        rng.shuffle(free)
        while len(wanted) < len(truths) and free:
            wanted.append(free.pop())
        rows = list(truths)
        rng.shuffle(rows)
        correct += sum(1 for real, named in zip(rows, wanted, strict=False) if real == named)
    return correct


def success(runs: list[tuple[int, int, int]]) -> tuple[float, float]:
    """(share named correctly, chance + margin) over (correct, entries, pool) runs."""
    correct = sum(c for c, _, _ in runs)
    tried = sum(n for _, n, _ in runs)
    allowed = sum(n * (1 / pool + CHANCE_MARGIN) for _, n, pool in runs)
    return correct / tried, allowed / tried


@pytest.fixture(scope="module")
def quarterly_table(south_east_observations):
    return quarterly_benchmark(south_east_observations, periods=quarters_ending(LAST, 8))


@pytest.fixture(scope="module")
def knowledge():
    return published_knowledge(LAST, MEMBERS)


@pytest.fixture(scope="module")
def released(quarterly_table, knowledge):
    """Every export the gate lets out, over 19 LAs × 4 quarters × every design, with counts."""
    allowed: dict[str, list[tuple[ConcealedExport, Truth]]] = defaultdict(list)
    tried: dict[str, int] = defaultdict(int)
    for design in ("distribution", "halves", "naive"):
        for period in QUARTERS:
            for la in MEMBERS:
                export, truth, decision = gated_export(
                    quarterly_table,
                    la,
                    period.label,
                    MEMBERS,
                    "Ofsted",
                    design,
                    "Inspection",
                    knowledge,
                )
                tried[design] += 1
                if decision.allowed:
                    allowed[design].append((export, truth))
    return allowed, tried


def public_attack(exports, knowledge, removed=lambda export, truth: set()):
    runs = []
    for export, truth in exports:
        out = removed(export, truth)
        for table, shown in entries(export, truth).items():
            left = [(half, la) for half, la in shown if la not in out]
            pool = [la for la in truth.comparators if la not in out]
            if not left:
                continue
            guess = confident_guess(table, knowledge, pool)
            for seed in SEEDS:
                rng = random.Random(f"{seed}|{export.la_code}|{export.period}|{table}")
                runs.append((hand_out(left, guess, sorted(pool), rng), len(left), len(pool)))
    return runs


def test_the_gate_lets_out_the_safe_designs_and_refuses_the_naive_one(released):
    allowed, tried = released
    assert tried == {"distribution": 76, "halves": 76, "naive": 76}
    assert len(allowed["distribution"]) >= 60
    assert len(allowed["halves"]) >= 60
    assert allowed["naive"] == []


def test_the_public_data_intruder_does_not_beat_chance(released, knowledge):
    allowed, _ = released
    for design in ("distribution", "halves"):
        share, limit = success(public_attack(allowed[design], knowledge))
        assert share <= limit, (design, share, limit)
        print(f"public intruder, {design}: {share:.3f} (limit {limit:.3f})")


def test_the_collecting_recipient_does_not_beat_chance(released, quarterly_table, knowledge):
    """It holds six LAs' own reports for the quarter: their exact halves come out of the
    counts, and it matches what is left among fewer candidates."""
    allowed, _ = released
    halves = {
        (r["la_code"], r["period"], f"{r['indicator']}:{r['measure']}"): half_of(
            str(r["quartile"] or "")
        )
        for r in quarterly_table.iter_rows(named=True)
    }
    assert halves

    def collected(export: ConcealedExport, truth: Truth) -> set[str]:
        start = (MEMBERS.index(export.la_code) * 5 + Period.parse(export.period).quarter) % 18
        ring = [la for la in MEMBERS if la != export.la_code]
        return {ring[(start + i) % len(ring)] for i in range(COLLECTED)}

    for design in ("distribution", "halves"):
        share, limit = success(public_attack(allowed[design], knowledge, collected))
        assert share <= limit, (design, share, limit)
        print(f"collecting intruder, {design}: {share:.3f} (limit {limit:.3f})")


def collected_six(export: ConcealedExport, truth: Truth) -> set[str]:
    """Six other LAs' reports for the quarter, a different six for each export."""
    start = (MEMBERS.index(export.la_code) * 5 + Period.parse(export.period).quarter) % 18
    ring = [la for la in MEMBERS if la != export.la_code]
    return {ring[(start + i) % len(ring)] for i in range(COLLECTED)}


QUARTILE_AT = {CellKind.Q1: 0.25, CellKind.MEDIAN: 0.5, CellKind.Q3: 0.75}


def quartile_attack(exports, quarterly_table, knowledge, held_of=collected_six):
    """The collector against the quartiles: (correct, 1, pool) for every claim it can make.

    It knows the held LAs' exact figures (their own reports), estimates every other
    comparator's figure by its published one scaled by the median ratio it measures on the
    held LAs, and orders them all. A quartile resting on one unknown position (alone, or beside
    a held LA's exact figure) gives that position's figure; it names the unknown comparator
    whose estimate is nearest. Right when that is the authority really there."""
    exact = {
        (r["la_code"], r["period"], f"{r['indicator']}:{r['measure']}"): r["value"]
        for r in quarterly_table.iter_rows(named=True)
        if r["value"] is not None
    }
    runs = []
    for export, truth in exports:
        held = held_of(export, truth)
        for cell in export.cells:
            at = QUARTILE_AT.get(cell.kind)
            if at is None or cell.number is None:
                continue
            table, published = cell.table, knowledge.values.get(cell.table, {})
            mine = {
                la: exact[(la, export.period, table)]
                for la in held
                if (la, export.period, table) in exact
            }
            ratios = [
                math.log(v / published[la])
                for la, v in mine.items()
                if v > 0 and published.get(la, 0) > 0
            ]
            scale = math.exp(sorted(ratios)[len(ratios) // 2]) if ratios else 1.0
            guess = {
                la: published[la] * scale
                for la in truth.values.get(table, {})
                if la not in held and la in published
            }
            if len(guess) + len(mine) != len(truth.values.get(table, {})):
                continue  # it cannot place everyone
            ordered = sorted(
                [(v, la, True) for la, v in mine.items()]
                + [(v, la, False) for la, v in guess.items()]
            )
            position = (len(ordered) - 1) * at
            lower, fraction = math.floor(position), position - math.floor(position)
            slots = (
                [(lower, 1.0)]
                if fraction < 1e-9
                else [(lower, 1 - fraction), (lower + 1, fraction)]
            )
            unknown = [(i, w) for i, w in slots if not ordered[i][2]]
            if len(unknown) != 1:
                continue  # two unknown figures share the quartile: neither is pinned
            index, weight = unknown[0]
            solved = (cell.number - sum(ordered[i][0] * w for i, w in slots if i != index)) / weight
            named = min(guess, key=lambda la: (abs(guess[la] - solved), la))
            really = sorted(truth.values[table].items(), key=lambda kv: (kv[1], kv[0]))
            truly_there = {really[i][0] for i, _ in slots if really[i][0] not in held}
            runs.append((int(named in truly_there), 1, len(guess)))
    return runs


def test_the_collecting_recipient_cannot_pin_a_figure_through_the_quartiles(
    released, quarterly_table, knowledge
):
    allowed, _ = released
    for design in ("distribution", "halves"):
        runs = quartile_attack(allowed[design], quarterly_table, knowledge)
        assert len(runs) > 100  # it had plenty to work on
        share, limit = success(runs)
        assert share <= limit, (design, share, limit)
        print(f"collector on quartiles, {design}: {share:.3f} of {len(runs)} (limit {limit:.3f})")


def test_the_quartile_attacker_is_not_toothless(quarterly_table, knowledge):
    """On the same exports with every quartile shown (no gate), it names far more."""
    exports = [
        build_export(quarterly_table, la, period.label, MEMBERS, "Ofsted", "distribution")
        for period in QUARTERS
        for la in MEMBERS
    ]
    share, limit = success(quartile_attack(exports, quarterly_table, knowledge))
    assert share > limit, (share, limit)
    print(f"collector on ungated quartiles: {share:.3f} (limit {limit:.3f})")


def test_the_repeat_recipient_cannot_link_and_gains_nothing_by_differencing(
    released, quarterly_table, knowledge
):
    allowed, _ = released
    for design in ("distribution", "halves"):
        by_la: dict[str, list[tuple[ConcealedExport, Truth]]] = defaultdict(list)
        for export, truth in allowed[design]:
            by_la[export.la_code].append((export, truth))
        runs = []
        for la, exports in by_la.items():
            # a second purpose for the same quarter: new labels, so still no link
            again, _ = build_export(
                quarterly_table, la, exports[-1][0].period, MEMBERS, "Ofsted", design, "Audit"
            )
            labels = [set(e.rows()) for e, _ in exports] + [set(again.rows())]
            assert all(not (a & b) for i, a in enumerate(labels) for b in labels[i + 1 :])
            exports = sorted(exports, key=lambda pair: Period.parse(pair[0].period))
            before: dict[str, dict[str, int]] = {}
            for export, truth in exports:
                for table, shown in entries(export, truth).items():
                    pool = sorted(truth.comparators)
                    guess = confident_guess(table, knowledge, pool)
                    tally = defaultdict(int)
                    for half, _ in shown:
                        tally[half] += 1
                    if table in before:
                        # the counts moved: move the candidates nearest the boundary to follow
                        for half, n in tally.items():
                            moved = n - before[table].get(half, 0)
                            known = knowledge.values.get(table, {})
                            near = sorted(
                                (la for la in pool if guess.get(la) and guess[la] != half),
                                key=lambda code: abs(known.get(code, 0.0)),
                            )
                            for code in near[: max(0, moved)]:
                                guess[code] = half
                    before[table] = dict(tally)
                    for seed in SEEDS:
                        rng = random.Random(f"{seed}|{la}|{export.period}|{table}")
                        runs.append((hand_out(shown, guess, pool, rng), len(shown), len(pool)))
        share, limit = success(runs)
        assert share <= limit, (design, share, limit)
        print(f"repeat intruder, {design}: {share:.3f} (limit {limit:.3f})")


def test_the_attackers_are_not_toothless(quarterly_table, knowledge):
    """Given what the naive design shows (exact figures under fixed labels), the same intruder,
    guessing by the nearest published figure, names far more than chance plus the margin; and
    with four bands (the withdrawn design's rows) the gate's own intruder beats it too."""
    runs = []
    for period in QUARTERS:
        export, truth = build_export(
            quarterly_table, "845", period.label, MEMBERS, "Ofsted", "naive"
        )
        for table in export.tables():
            known = knowledge.values.get(table, {})
            shown = [
                (c.number, truth.row_la[c.row])
                for c in export.cells
                if c.table == table and c.kind == CellKind.VALUE and c.row and c.number is not None
            ]
            pool = [la for la in truth.comparators if la in known]
            if len(shown) < 5 or len(pool) < len(shown):
                continue
            free = list(pool)
            correct = 0
            for number, real in sorted(shown, key=lambda pair: pair[0]):
                best = min(free, key=lambda la: abs(known[la] - number))
                free.remove(best)
                correct += best == real
            runs.append((correct, len(shown), len(pool)))
    share, limit = success(runs)
    assert share > limit, (share, limit)


def test_four_bands_beat_chance_so_the_banded_design_is_withdrawn(quarterly_table, knowledge):
    from dataclasses import replace

    from tartan.disclosure.designs import band_of, row_label

    rows = quarterly_table.filter(quarterly_table["period"] == LAST.label)
    shares = []
    for la in MEMBERS:
        export, truth = build_export(quarterly_table, la, LAST.label, MEMBERS, "Ofsted")
        cells = list(export.cells)
        row_la = {}
        for r in rows.filter(rows["la_code"].is_in(truth.comparators)).iter_rows(named=True):
            table = f"{r['indicator']}:{r['measure']}"
            if r["measure"] == "count" or not band_of(r) or table not in truth.in_band:
                continue
            label = row_label(b"banded" + la.encode(), table, r["la_code"])
            row_la[label] = r["la_code"]
            cells.append(Released(table, CellKind.BAND, row=label, text=band_of(r)))
        banded = replace(export, cells=cells)
        decision = judge(banded, replace(truth, row_la=row_la), knowledge)
        assert not decision.allowed
        public = decision.scores["intruders"]["public"]
        shares.append(public["share"] - public["allowed"])
    assert sum(shares) / len(shares) > 0, shares


@pytest.mark.parametrize("design", ["distribution", "halves"])
def test_every_format_of_an_allowed_report_names_no_concealed_authority(
    released, quarterly_table, design
):
    from tests.disclosure.scan import leaks

    allowed, _ = released
    export, _ = next(pair for pair in allowed[design] if pair[0].la_code == "845")
    marking = Marking("South East", "A. Key (East Sussex)", datetime(2026, 12, 2, tzinfo=UTC), True)
    report = concealed_report(export, quarterly_table, marking)
    for fmt in ("pdf", "xlsx", "html", "csv"):
        data = render(report, fmt)
        assert leaks(data, fmt, "845") == [], fmt


def test_the_scan_finds_a_concealed_authority_where_one_is_planted(quarterly_table):
    from dataclasses import replace

    from tests.disclosure.scan import leaks

    export, _ = build_export(quarterly_table, "845", LAST.label, MEMBERS, "Ofsted")
    marking = Marking("South East", "A. Key", datetime(2026, 12, 2, tzinfo=UTC), True)
    planted = replace(export, recipient="Brighton and Hove (846)")
    report = concealed_report(planted, quarterly_table, marking)
    for fmt in ("pdf", "xlsx", "html", "csv"):
        found = leaks(render(report, fmt), fmt, "845")
        assert any("Brighton and Hove" in f for f in found), fmt
        assert any("code 846" in f for f in found), fmt


def _tokens(text: str) -> set[str]:
    """Every decimal figure in a text (whole numbers are page numbers, dates and counts of
    comparators; the figures of authorities are shown to a decimal place or more)."""
    import re

    return set(re.findall(r"(?<![\d.])\d+\.\d+(?![\d.])", text))


@pytest.mark.parametrize("design", ["distribution", "halves"])
def test_every_format_read_back_holds_only_what_the_gate_judged(released, quarterly_table, design):
    """The attackers above attack the released cells; here each format is read back and
    shown to hold nothing else about the group. CSV: every row about the comparators is a
    released cell. XLSX: every number in the group's columns and chart data is one. PDF and
    HTML: every figure in the text is one of the CSV's (the LA's own, England's, or released).
    So an attack on any format is an attack on the released cells."""
    import csv
    import html
    import io
    import re
    import subprocess
    import tempfile

    import openpyxl

    allowed, _ = released
    exports = [pair for pair in allowed[design] if pair[0].la_code in ("845", "886")]
    assert len(exports) >= 6
    marking = Marking("South East", "A. Key", datetime(2026, 12, 2, tzinfo=UTC), True)
    for number, (export, _) in enumerate(exports):
        report = concealed_report(export, quarterly_table, marking)
        group_cells = [c for c in export.cells if not c.about_named]
        shown = {c.shown for c in group_cells} | {c.text for c in group_cells} | {"c", ""}
        numbers = {round(c.number, 6) for c in group_cells if c.number is not None}
        rows = [
            row
            for row in csv.reader(io.StringIO(render(report, "csv").decode("utf-8-sig")))
            if row and not row[0].startswith("#")
        ]
        assert rows[0] == ["indicator", "who", "what", "period", "value"]
        whos = {row[1] for row in rows[1:]}
        assert whos <= {export.la_name, "England", "comparators"} | set(export.rows()), whos
        about_group = [row for row in rows[1:] if row[1] not in (export.la_name, "England")]
        assert about_group
        assert all(row[4] in shown for row in about_group), [
            row for row in about_group if row[4] not in shown
        ][:3]
        book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
        sheet = book["Concealed report"]
        header = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Indicator")
        first_group = header.index("Comparators")
        for row in sheet.iter_rows(values_only=True):
            for value in row[first_group:]:
                if isinstance(value, int | float):
                    assert round(float(value), 6) in numbers, value
        for row in book["Charts"].iter_rows(min_row=4, values_only=True):
            for value in row[2:5]:
                if value is not None:
                    assert round(float(value), 6) in numbers, value
        if number < 2:  # the texts: two reports (the PDF takes a second or two to make)
            figures = set().union(*(_tokens(row[4]) for row in rows[1:])) | {
                f"{c.number:g}" for c in group_cells if c.number is not None
            }
            source = re.sub(r"<style.*?</style>", " ", render(report, "html").decode(), flags=re.S)
            page = html.unescape(re.sub(r"<[^>]+>", " ", source))
            assert _tokens(page) <= figures, _tokens(page) - figures
            with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
                pdf.write(render(report, "pdf"))
                pdf.flush()
                text = subprocess.run(
                    ["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True
                ).stdout
            assert _tokens(text) <= figures, _tokens(text) - figures


def test_the_las_own_past_figures_on_one_to_five_children_are_shown_as_c(quarterly_table):
    """A partner reading the trend must not get a count of 1-5 back from a past rate (the
    population is published): such a quarter shows c, the others their figure."""
    import polars as pl

    from tartan.disclosure.report import small_in_trend

    own = quarterly_table.filter(pl.col("measure") != "count")
    small_rows = own.filter(pl.col("numerator").is_between(1, 5))
    assert small_rows.height > 0, "the demo quarters hold figures built on 1-5 children"
    la = small_rows["la_code"][0]
    hidden = small_in_trend(quarterly_table, la)
    expected = {
        (f"{r['indicator']}:{r['measure']}", str(r["period"]))
        for r in small_rows.filter(pl.col("la_code") == la).iter_rows(named=True)
    }
    assert expected <= hidden
    export, _ = build_export(quarterly_table, la, LAST.label, MEMBERS, "Ofsted")
    marking = Marking("South East", "A. Key", datetime(2026, 12, 2, tzinfo=UTC), True)
    report = concealed_report(export, quarterly_table, marking)
    hidden_shown, others_shown = [], []
    for row in report.rows:
        for cell in row.own.trend if row.own is not None else []:
            small = (row.table, cell.period) in hidden
            (hidden_shown if small else others_shown).append(cell.text)
    assert hidden_shown
    assert set(hidden_shown) == {"c"}
    assert any(text not in ("c", "") for text in others_shown)
