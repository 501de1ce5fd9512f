"""The demo: the whole quarterly cycle on synthetic data for the South East group.

Generate 12 quarters of returns around each LA's real published figures, write them as the
files LAs upload, validate them, benchmark them and write every rug and the overview. The other
groups of the groups file get returns made the same way (``groups/<key>/returns``): they are the
national quarter the South East ranks against, and the service's demo loads them as groups of
their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from tartan.benchmark.export import write_table
from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.marking import ProtectiveMarking
from tartan.periods import Period, quarters_ending
from tartan.returns.folder import FolderResult, read_folder
from tartan.rug.index import write_index
from tartan.rug.write import write_rugs

HISTORY_QUARTERS = 12  # 8 shown on the rug, and 3 more so each shown quarter has 12 months
SHOWN_QUARTERS = 8
AUDIENCE = "key staff of the member local authorities"

Step = Callable[[str, int], Callable[[str], None]]


@dataclass
class DemoOutcome:
    out: Path
    last: Period
    returns: list[Path] = field(default_factory=list)
    validation: FolderResult = field(default_factory=FolderResult)
    other_groups: dict[str, list[Path]] = field(default_factory=dict)
    table_path: Path | None = None
    table: pl.DataFrame | None = None
    rugs: list[Path] = field(default_factory=list)


def _ticker(
    advance: Callable[[str, int], Callable[[str], None]], group: str, total: int
) -> Callable[[Path], None]:
    tick = advance(f"Validating {group}'s returns", total)
    return lambda path: tick(path.name)


def other_returns(out: Path, group_key: str) -> Path:
    """Where the demo writes another group's returns."""
    return out / "groups" / group_key / "returns"


def last_complete_quarter(today: date | None = None) -> Period:
    return Period.containing(today or date.today()).previous()


def run_demo(out: Path, last: Period | None = None, step: Step | None = None) -> DemoOutcome:
    """``step(description, total)`` returns a callback to advance a progress bar by one."""
    ref = shipped_reference()
    group = ref.groups.default
    last = last or last_complete_quarter()
    outcome = DemoOutcome(out=out, last=last)

    def advance(description: str, total: int) -> Callable[[str], None]:
        return step(description, total) if step else (lambda _: None)

    made = synthetic_returns(list(group.members), last, HISTORY_QUARTERS)
    tick = advance("Writing synthetic returns", 1)
    outcome.returns = write_returns(made, out / "returns", ref.register, ref.catalogue)
    tick("returns")
    tick = advance("Validating returns", len(outcome.returns))
    outcome.validation = read_folder(outcome.returns, on_file=lambda path: tick(path.name))
    national = []
    for key, other in ref.groups.groups.items():
        if key == group.key:
            continue
        theirs = synthetic_returns(list(other.members), last, HISTORY_QUARTERS)
        paths = write_returns(theirs, other_returns(out, key), ref.register, ref.catalogue)
        outcome.other_groups[key] = paths
        national.append(
            read_folder(paths, on_file=_ticker(advance, other.name, len(paths))).observations
        )
    tick = advance("Benchmarking", 1)
    shown = quarters_ending(last, SHOWN_QUARTERS)
    table = quarterly_benchmark(
        outcome.validation.observations,
        ref,
        periods=shown,
        group=group,
        national=pl.concat(national) if national else None,
    )
    marking = ProtectiveMarking(produced_for=AUDIENCE, group=group.name, synthetic=True)
    outcome.table = table
    outcome.table_path = out / f"benchmark_{last.label.replace(' ', '_')}.csv"
    write_table(table, outcome.table_path, "csv", marking)
    tick("table")
    members = list(group.members)
    tick = advance("Writing rugs", 1 + 2 * len(members) + 2)
    outcome.rugs = write_rugs(
        table,
        members,
        last,
        out / "rugs",
        ("xlsx", "html", "pdf"),
        marking,
        ref.catalogue,
        ref.population,
        members,
        tick,
        parallel=True,
    )
    outcome.rugs.append(
        write_index(
            out / "rugs",
            outcome.rugs,
            marking,
            f"{group.name}: rugs for {last.label}",
            {code: ref.register[code].name for code in members},
        )
    )
    return outcome
