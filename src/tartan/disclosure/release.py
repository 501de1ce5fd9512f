"""Build a concealed export and put it through the gate, in one step for every caller.

When the only thing the gate refuses is quartiles that pin an identifiable authority, the
export is made again with those quartiles withheld and judged again: the LA still gets its
report, without the figures that would have named someone. Anything else the gate refuses
stays refused (the design is wrong, not one figure).
"""

from __future__ import annotations

import polars as pl

from tartan.disclosure.designs import build_export
from tartan.disclosure.gate import Decision, judge, pinned
from tartan.disclosure.intruder import Knowledge
from tartan.disclosure.model import ConcealedExport, Truth


def gated_export(
    table: pl.DataFrame,
    la_code: str,
    period: str,
    members: list[str],
    recipient: str,
    design: str,
    purpose: str,
    knowledge: Knowledge,
    *,
    known: frozenset[str] | set[str] = frozenset(),
    previous_labels: frozenset[str] | set[str] = frozenset(),
) -> tuple[ConcealedExport, Truth, Decision]:
    """The export, what only the exporter knows, and the gate's decision on it."""
    export, truth = build_export(table, la_code, period, members, recipient, design, purpose)
    decision = judge(export, truth, knowledge, known=known, previous_labels=previous_labels)
    if not decision.allowed and [c.name for c in decision.failed] == ["quartile_pins"]:
        withheld = pinned(decision)
        export, truth = build_export(
            table, la_code, period, members, recipient, design, purpose, withheld
        )
        decision = judge(export, truth, knowledge, known=known, previous_labels=previous_labels)
    return export, truth, decision
