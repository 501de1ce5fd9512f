"""The disclosure gate: every concealed export passes it before it leaves, or is refused.

Checks (DOMAIN.md §6a): counts of 1-5 suppressed and nothing giving them back (neither the
total nor the rows); no row alone in its half; no exact unpublished figure of a concealed
authority; no count next to a rate for a concealed row; no minimum, maximum or mean that pins
down an authority; and three intruders: the public-data intruder and the collecting recipient
(who also knows the exact figures of the LAs whose own reports it holds, the worst such set)
each name at most 1/n + 0.10 of the entries correctly, every entry fitting at least 3 real
authorities; the repeat recipient sees no label twice. The decision does not depend on luck:
labels come from a keyed hash of the inputs, ties go the intruder's way and exchangeable
entries count by expectation. A refusal says what failed and which design would pass.

Evidence comes in two forms: ``evidence()`` for the exporting LA (what failed and why, never
another authority's code or figure) and ``audit_evidence()`` for the DBG's audit view.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from tartan.disclosure.calibration import calibrated
from tartan.disclosure.intruder import Knowledge, Outcome, Problem, attack, problems
from tartan.disclosure.model import STATISTICS, CellKind, ConcealedExport, Truth
from tartan.disclosure.pins import quartile_pins
from tartan.disclosure.suppression import FEW_IN_BAND, SMALL

MIN_CANDIDATES = 3
CHANCE_MARGIN = 0.10
# How many other LAs' concealed reports for the same quarter the gate assumes a recipient may
# hold, beyond those it is known to hold: a third of a group of 19.
COLLECTED = 6

ADVICE = {
    "suppression": "Suppress counts of 1 to 5 as c with the rates built on them, and a second band count wherever one is suppressed.",
    "exact_values": "Show the comparators as their distribution (quartiles coarsened below the published precision), the default design, not their figures.",
    "count_next_to_rate": "Leave out the counts of concealed authorities: a count beside a rate gives their population, and so their name.",
    "extremes": "Replace the minimum, maximum or mean by quartiles of at least three authorities.",
    "matching": "Show halves rather than figures, or use the distribution design without rows.",
    "candidates": "Leave out the rows (the distribution design), or wait for a quarter where each half holds more authorities.",
    "rows_and_counts": "Withhold the rows of a half whose count is suppressed, and never show a half with fewer than three rows.",
    "quartile_pins": "Withhold the quartiles that rest on one identifiable authority (tartan withholds them itself when nothing else fails).",
    "linkage": "Make the export afresh: labels must be new for each export, so rows cannot be linked.",
}


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str  # for the exporting LA: no other authority's code or figure
    audit: str = ""  # for the DBG's audit view only: may name them


@dataclass
class Decision:
    allowed: bool
    checks: list[Check]
    scores: dict[str, Any]
    thresholds: dict[str, Any] = field(
        default_factory=lambda: {"chance_margin": CHANCE_MARGIN, "min_candidates": MIN_CANDIDATES}
    )
    advice: list[str] = field(default_factory=list)
    file_sha256: str = ""
    audit: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def summary(self) -> str:
        if self.allowed:
            return "Allowed: every check passed."
        return "Refused: " + "; ".join(c.detail for c in self.failed)

    def evidence(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "checks": [
                {"name": c.name, "passed": c.passed, "detail": c.detail} for c in self.checks
            ],
            "scores": self.scores,
            "thresholds": self.thresholds,
            "advice": self.advice,
            "file_sha256": self.file_sha256,
        }

    def audit_evidence(self) -> dict[str, Any]:
        """Everything, for the DBG: which authorities leaked, the collector's worst set, the
        labels (to check a later export for linkage)."""
        return self.evidence() | {
            "checks": [asdict(c) for c in self.checks],
            "audit": self.audit,
        }

    def with_file(self, data: bytes) -> Decision:
        self.file_sha256 = hashlib.sha256(data).hexdigest()
        return self


def _suppression(export: ConcealedExport) -> Check:
    small = [
        c
        for c in export.cells
        if c.kind == CellKind.COUNT and c.number is not None and int(c.number) in SMALL
    ]
    few = [
        c
        for c in export.cells
        if c.kind == CellKind.BAND_COUNT and c.number is not None and int(c.number) in FEW_IN_BAND
    ]
    hidden_bands: dict[str, int] = {}
    suppressed_counts = set()
    for cell in export.cells:
        if cell.kind == CellKind.BAND_COUNT and cell.text == "c":
            hidden_bands[cell.table] = hidden_bands.get(cell.table, 0) + 1
        if cell.kind == CellKind.COUNT and cell.text == "c":
            suppressed_counts.add((cell.table, cell.row, cell.about_named))
    lone = [table for table, hidden in hidden_bands.items() if hidden == 1]
    open_rates = [
        c
        for c in export.cells
        if c.kind == CellKind.VALUE
        and c.number is not None
        and (c.table, c.row, c.about_named) in suppressed_counts
    ]
    problems = []
    if small:
        problems.append(f"{len(small)} count(s) of 1 to 5 shown")
    if few:
        problems.append(f"{len(few)} band(s) with 1 or 2 authorities shown")
    if lone:
        problems.append(
            f"a lone suppressed band count in {len(lone)} table(s) that the total gives back"
        )
    if open_rates:
        problems.append(f"{len(open_rates)} figure(s) built on a suppressed count shown")
    return Check(
        "suppression",
        not problems,
        "; ".join(problems) or "small counts suppressed, with secondary suppression",
    )


def _exact_values(export: ConcealedExport, truth: Truth) -> Check:
    """A figure shown as precisely as the authorities' own (their published precision) and
    equal to a concealed authority's unpublished figure is that figure. Coarser statistics are
    not: many figures round to them."""
    published_step = {
        c.table: c.precision for c in export.cells if c.kind == CellKind.VALUE and c.about_named
    }
    rounded: dict[tuple[str, float], dict[int, str]] = {}
    leaks = []
    for cell in export.cells:
        if (
            cell.about_named
            or cell.number is None
            or cell.kind not in (CellKind.VALUE, *STATISTICS)
        ):
            continue
        if cell.precision > published_step.get(cell.table, cell.precision) * 1.0001:
            continue
        key = (cell.table, cell.precision)
        if key not in rounded:
            rounded[key] = {
                round(v / cell.precision): la
                for la, v in truth.unpublished.get(cell.table, {}).items()
            }
        la = rounded[key].get(round(cell.number / cell.precision))
        if la is not None:
            leaks.append(
                (
                    f"{cell.table} {cell.kind.value}",
                    f"{cell.table} {cell.kind.value} {cell.shown} is {la}'s unpublished figure",
                )
            )
    if not leaks:
        return Check("exact_values", True, "no exact unpublished figure")
    where = sorted({public for public, _ in leaks})
    return Check(
        "exact_values",
        False,
        f"{len(leaks)} figure(s) shown as precisely as published equal a concealed authority's "
        f"unpublished figure ({', '.join(where[:3])}{'…' if len(where) > 3 else ''})",
        f"{len(leaks)} exact unpublished figure(s): " + "; ".join(full for _, full in leaks),
    )


def _count_next_to_rate(export: ConcealedExport) -> Check:
    rows_with: dict[tuple[str, str], set[CellKind]] = {}
    for cell in export.cells:
        if (
            cell.row is not None
            and cell.kind in (CellKind.COUNT, CellKind.VALUE)
            and cell.number is not None
        ):
            rows_with.setdefault((cell.table, cell.row), set()).add(cell.kind)
    both = [key for key, kinds in rows_with.items() if {CellKind.COUNT, CellKind.VALUE} <= kinds]
    return Check(
        "count_next_to_rate",
        not both,
        f"{len(both)} concealed row(s) with a count beside a rate"
        if both
        else "no count beside a rate",
    )


def _extremes(export: ConcealedExport) -> Check:
    pinned = [
        c
        for c in export.cells
        if c.kind in (CellKind.MINIMUM, CellKind.MAXIMUM) and c.number is not None
    ]
    for cell in export.cells:
        if cell.kind == CellKind.MEAN and cell.number is not None:
            size = (
                next(
                    (
                        c.number
                        for c in export.cells
                        if c.table == cell.table and c.kind == CellKind.COMPARATORS
                    ),
                    0,
                )
                or 0
            )
            if size < 2:
                pinned.append(cell)
    return Check(
        "extremes",
        not pinned,
        f"{len(pinned)} minimum, maximum or small-group mean shown"
        if pinned
        else "no pinning statistic",
    )


def _rows_and_counts(export: ConcealedExport) -> Check:
    """Rows agree with the counts: no row in a half whose count is suppressed (counting rows
    would give it back), as many rows as the count says, and no half shown with fewer than
    three authorities (a row alone in its half pins one)."""
    shown: dict[tuple[str, str], float | None] = {}
    for cell in export.cells:
        if cell.kind == CellKind.BAND_COUNT:
            shown[(cell.table, cell.band)] = cell.number
    rows: dict[tuple[str, str], int] = {}
    for cell in export.cells:
        if cell.kind == CellKind.BAND and cell.row is not None:
            rows[(cell.table, cell.text)] = rows.get((cell.table, cell.text), 0) + 1
    problems = []
    behind = [key for key in rows if key in shown and shown[key] is None]
    if behind:
        problems.append(f"{len(behind)} half(s) whose count is suppressed still show their rows")
    unequal = [
        key for key, n in rows.items() if shown.get(key) is not None and shown[key] != float(n)
    ]
    if unequal:
        problems.append(f"{len(unequal)} half(s) whose rows do not add up to their count")
    alone = [key for key, n in rows.items() if n < MIN_CANDIDATES]
    if alone:
        problems.append(f"{len(alone)} half(s) with fewer than {MIN_CANDIDATES} rows")
    uncounted = [key for key in rows if key not in shown]
    if uncounted:
        problems.append(f"{len(uncounted)} half(s) with rows but no count")
    return Check(
        "rows_and_counts",
        not problems,
        "; ".join(problems) or "rows agree with the counts; none alone in its half",
    )


def _pins(
    export: ConcealedExport, truth: Truth, knowledge: Knowledge, ruled_out: frozenset[str]
) -> Check:
    """Quartiles that give a concealed authority's figure to someone who can tell whose it is
    (tartan.disclosure.pins): refused, naming the tables to the LA and the authorities to the
    DBG."""
    pins = list(quartile_pins(export, truth, knowledge, ruled_out))
    if not pins:
        return Check("quartile_pins", True, "no quartile pins an identifiable authority's figure")
    tables = sorted({pin.table for pin in pins})
    return Check(
        "quartile_pins",
        False,
        f"{len(pins)} quartile(s) rest on one authority that published figures name better than "
        f"chance plus {CHANCE_MARGIN:.2f}, to a recipient who knows its neighbour's figure "
        f"(tables: {', '.join(tables)})",
        "; ".join(
            f"{p.table} {p.statistic} gives {p.la}'s figure as {p.low:.2f}-{p.high:.2f}, "
            f"named with chance {p.chance:.2f} among {p.candidates}"
            for p in pins
        ),
    )


def pinned(decision: Decision) -> frozenset[tuple[str, str]]:
    """The (table, statistic) pairs the gate found pinning an authority (from the audit)."""
    return frozenset((table, kind) for table, kind in decision.audit.get("pinned", []))


def _total(outcomes: list[Outcome]) -> tuple[float, float, int]:
    """(share named correctly, share allowed, entries) over the whole export."""
    rows = sum(o.rows for o in outcomes)
    if not rows:
        return 0.0, 1.0, 0
    return (
        sum(o.correct for o in outcomes) / rows,
        sum(o.rows * o.threshold for o in outcomes) / rows,
        rows,
    )


def _excess(outcomes: list[Outcome]) -> float:
    share, limit, rows = _total(outcomes)
    return share - limit if rows else -1.0


def collector_worst(
    found: list[Problem], comparators: list[str], known: frozenset[str], collected: int
) -> tuple[frozenset[str], list[Outcome]]:
    """The collecting recipient holds the concealed reports of ``known`` LAs and, in the worst
    case, of up to ``collected`` more: the set is chosen greedily to help the intruder most
    (every candidate tried where the group is small; the eight whose entries sit in the
    smallest halves otherwise). Deterministic: ties go to the lowest code."""
    holding = frozenset(known)
    outcomes = [attack(p, holding) for p in found]
    for _ in range(collected):
        left = [la for la in comparators if la not in holding]
        if len(left) <= MIN_CANDIDATES:
            break
        if len(left) > 24:
            weight: dict[str, float] = defaultdict(float)
            for problem in found:
                size: dict[int, int] = defaultdict(int)
                for sig, la in problem.entries:
                    if la not in holding:
                        size[sig] += 1
                for sig, la in problem.entries:
                    if la not in holding:
                        weight[la] += 1 / size[sig]
            left = sorted(left, key=lambda la: (-weight[la], la))[:8]
        best: tuple[float, str] | None = None
        for la in sorted(left):
            trial = [attack(p, holding | {la}) for p in found]
            score = _excess(trial)
            if best is None or score > best[0] + 1e-12:
                best = (score, la)
        assert best is not None
        holding = holding | {best[1]}
        outcomes = [attack(p, holding) for p in found]
    return holding, outcomes


def _outcomes_evidence(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [
        {
            "tables": list(o.tables),
            "rows": o.rows,
            "correct": round(o.correct, 4),
            "threshold": round(o.threshold, 4),
        }
        for o in outcomes
        if o.rows
    ]


def judge(
    export: ConcealedExport,
    truth: Truth,
    knowledge: Knowledge,
    recipient_la: str | None = None,
    known: frozenset[str] | set[str] = frozenset(),
    collected: int = COLLECTED,
    previous_labels: frozenset[str] | set[str] = frozenset(),
) -> Decision:
    """Judge an export against the three intruders.

    ``recipient_la``: the recipient's own LA, if it is one (its row is ruled out); ``known``:
    LAs whose concealed reports for the same quarter the recipient already holds; ``collected``:
    how many more the gate assumes it may hold (the worst such set is chosen);
    ``previous_labels``: the labels of the recipient's earlier exports from this LA (the repeat
    recipient: a label seen again would link rows across quarters or purposes)."""
    knowledge = calibrated(knowledge, truth)
    ruled_out = frozenset({recipient_la}) if recipient_la else frozenset()
    checks = [
        _suppression(export),
        _rows_and_counts(export),
        _exact_values(export, truth),
        _count_next_to_rate(export),
        _extremes(export),
        _pins(export, truth, knowledge, ruled_out),
    ]
    found = problems(export, truth, knowledge)
    public = [attack(p, ruled_out) for p in found]
    holding, collecting = collector_worst(
        found, truth.comparators, frozenset(known) | ruled_out, collected
    )
    runs = {"public": public, "collecting": collecting}
    reused = sorted(set(export.rows()) & set(previous_labels))
    shares = {name: _total(run) for name, run in runs.items()}
    fewest = min(
        (o.fewest for run in runs.values() for o in run if o.fewest is not None), default=None
    )
    rows = shares["public"][2]
    if rows:
        details = "; ".join(
            f"the {name} intruder named {share:.0%} of {n} entries (at most {limit:.0%} allowed)"
            for name, (share, limit, n) in shares.items()
            if n
        )
        checks.append(
            Check(
                "matching",
                all(share <= limit + 1e-9 for share, limit, n in shares.values() if n),
                details,
            )
        )
        checks.append(
            Check(
                "candidates",
                fewest is not None and fewest >= MIN_CANDIDATES,
                f"every entry fits at least {fewest} real authorities, for either intruder (at least {MIN_CANDIDATES} needed)",
            )
        )
    else:
        checks.append(Check("matching", True, "no concealed entries: nothing to match"))
    checks.append(
        Check(
            "linkage",
            not reused,
            f"{len(reused)} label(s) the recipient has seen in an earlier export"
            if reused
            else "no label repeats one the recipient has seen",
        )
    )
    failed = [c.name for c in checks if not c.passed]
    scores = {
        "rows": rows,
        "matched": round(sum(o.correct for o in public), 4),
        "intruders": {
            name: {"share": round(share, 4), "allowed": round(limit, 4), "entries": n}
            for name, (share, limit, n) in shares.items()
        },
        "collector_holds": len(holding),
        "worst_share": round(max((o.share for run in runs.values() for o in run), default=0.0), 4),
        "fewest_candidates": fewest,
        "problems": _outcomes_evidence(public),
        "after_removal": _outcomes_evidence(collecting),
    }
    audit = {
        "collector_set": sorted(holding),
        "labels": export.rows(),
        "pinned": sorted(
            {(p.table, p.statistic) for p in quartile_pins(export, truth, knowledge, ruled_out)}
        ),
        "noise": {table: round(spread, 4) for table, spread in sorted(knowledge.noise.items())},
    }
    return Decision(
        allowed=not failed,
        checks=checks,
        scores=scores,
        advice=[ADVICE[name] for name in failed],
        audit=audit,
    )
