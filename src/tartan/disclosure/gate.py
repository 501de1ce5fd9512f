"""The disclosure gate: every concealed export passes it before it leaves, or is refused.

Checks (DOMAIN.md §6a): counts of 1-5 suppressed and nothing giving them back; no exact
unpublished figure of a concealed authority; no count next to a rate for a concealed row; no
minimum, maximum or mean that pins down an authority; and the intruder: matched correctly at
most 1/n + 0.10 of the rows, with every row fitting at least 3 real authorities, both as the
export stands and as if the recipient had removed its own row. A refusal says what failed and
which design would pass; every decision carries its evidence.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from tartan.disclosure.intruder import Knowledge, simulate
from tartan.disclosure.model import STATISTICS, CellKind, ConcealedExport, Truth
from tartan.disclosure.suppression import FEW_IN_BAND, SMALL

MIN_CANDIDATES = 3
CHANCE_MARGIN = 0.10

ADVICE = {
    "suppression": "Suppress counts of 1 to 5 as c with the rates built on them, and a second band count wherever one is suppressed.",
    "exact_values": "Show the comparators as their distribution (quartiles coarsened below the published precision), the default design, not their figures.",
    "count_next_to_rate": "Leave out the counts of concealed authorities: a count beside a rate gives their population, and so their name.",
    "extremes": "Replace the minimum, maximum or mean by quartiles of at least three authorities.",
    "matching": "Show two bands (the halves design) rather than four, bands rather than figures, or use the distribution design without rows.",
    "candidates": "Use two bands (the halves design), or leave out the rows (the distribution design).",
}


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


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
            "checks": [asdict(c) for c in self.checks],
            "scores": self.scores,
            "thresholds": self.thresholds,
            "advice": self.advice,
            "file_sha256": self.file_sha256,
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
                f"{cell.table} {cell.kind.value} {cell.shown} is {la}'s unpublished figure"
            )
    detail = (
        f"{len(leaks)} exact unpublished figure(s), e.g. {leaks[0]}"
        if leaks
        else "no exact unpublished figure"
    )
    return Check("exact_values", not leaks, detail)


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


def judge(
    export: ConcealedExport, truth: Truth, knowledge: Knowledge, recipient_la: str | None = None
) -> Decision:
    checks = [
        _suppression(export),
        _exact_values(export, truth),
        _count_next_to_rate(export),
        _extremes(export),
    ]
    as_is = simulate(export, truth, knowledge)
    removed = simulate(export, truth, knowledge, leave_out=frozenset({recipient_la or truth.named}))
    fewest = min((n for a in as_is + removed for n in a.candidates.values()), default=None)
    rows = sum(a.rows for a in as_is)
    matched = sum(a.correct for a in as_is)
    if rows:
        # The share of rows the intruder names correctly, over the whole export, against what
        # chance gives (1/n for a table of n rows) plus the margin; both as the export stands and
        # with the recipient's own row removed. The worst single table is kept as evidence.
        shares = [
            (
                sum(a.correct for a in run) / sum(a.rows for a in run),
                sum(a.rows * a.threshold for a in run) / sum(a.rows for a in run),
            )
            for run in (as_is, removed)
            if run
        ]
        passed = all(share <= limit + 1e-12 for share, limit in shares)
        checks.append(
            Check(
                "matching",
                passed,
                f"the intruder named {matched} of {rows} concealed rows correctly ({shares[0][0]:.0%}; at most {shares[0][1]:.0%} allowed)",
            )
        )
        checks.append(
            Check(
                "candidates",
                fewest is not None and fewest >= MIN_CANDIDATES,
                f"every row fits at least {fewest} real authorities (at least {MIN_CANDIDATES} needed)",
            )
        )
    else:
        checks.append(Check("matching", True, "no concealed rows: nothing to match"))
    failed = [c.name for c in checks if not c.passed]
    scores = {
        "rows": rows,
        "matched": matched,
        "worst_share": max((a.share for a in as_is + removed), default=0.0),
        "worst_table": max(as_is + removed, key=lambda a: a.share).tables if as_is else [],
        "fewest_candidates": fewest,
        "problems": [
            {
                "tables": list(a.tables),
                "rows": a.rows,
                "correct": a.correct,
                "threshold": round(a.threshold, 4),
            }
            for a in as_is
        ],
        "after_removal": [
            {
                "tables": list(a.tables),
                "rows": a.rows,
                "correct": a.correct,
                "threshold": round(a.threshold, 4),
            }
            for a in removed
        ],
    }
    return Decision(
        allowed=not failed, checks=checks, scores=scores, advice=[ADVICE[name] for name in failed]
    )
