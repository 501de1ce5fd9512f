"""The quarterly return from child-level files: every item of the catalogue, and the findings.

The CIN census gives the CIN, section 47 and child protection items; SSDA903 gives the children
looked after and adoption items. Either source may be left out: its items are then left blank
in the return ("not yet supplied"), never given as 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tartan.catalogue import Catalogue
from tartan.childlevel.adoption_items import adoption_items
from tartan.childlevel.cin_items import cin_items
from tartan.childlevel.cin_reader import CinCensus, read_cin_census
from tartan.childlevel.cla_items import cla_items, marked_episodes
from tartan.childlevel.findings import FindingLog
from tartan.childlevel.ssda903_reader import Ssda903, read_ssda903
from tartan.periods import Period
from tartan.reference.register import LocalAuthority
from tartan.returns.findings import Finding
from tartan.returns.template import template_csv

CIN_ITEMS = (
    "referrals",
    "rereferrals_12m",
    "assessments",
    "assessments_45d",
    "cin_end",
    "s47",
    "icpc",
    "icpc_15d",
    "cpp_end",
    "cpp_start",
    "cpp_cease",
    "cpp_repeat_ever",
    "cpp_repeat_2y",
)
SSDA903_ITEMS = (
    "cla_end",
    "cla_start",
    "cla_cease",
    "adopted",
    "a1_days",
    "a2_days",
    "a2_children",
    "a3_under_14m",
)

Progress = Callable[[int], None]


@dataclass
class ChildLevelReturn:
    """Figures by item (only for the sources given and readable) and every finding."""

    period: Period
    figures: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    blocked: bool = False


def figures_from_census(census: CinCensus, period: Period) -> dict[str, int]:
    return cin_items(census.tables, period)


def figures_from_ssda903(data: Ssda903, period: Period, log: FindingLog) -> dict[str, int]:
    marked = marked_episodes(data.table("Episodes"))
    figures = cla_items(marked, period)
    figures.update(adoption_items(marked, data.table("AD1"), period, log))
    return figures


def compute_return(
    period: Period,
    cin: Path | None,
    ssda903: Path | None,
    la_code: str | None = None,
    progress: Progress | None = None,
) -> ChildLevelReturn:
    """Read the files given and work out their items; a blocking finding stops the return."""
    result = ChildLevelReturn(period)
    log = FindingLog()
    if cin is not None:
        read = read_cin_census(cin, la_code, progress, log)
        if read.census is not None:
            result.figures.update(figures_from_census(read.census, period))
    if ssda903 is not None:
        read_903 = read_ssda903(ssda903, progress, log)
        if read_903.data is not None:
            result.figures.update(figures_from_ssda903(read_903.data, period, log))
    result.blocked = log.blocked
    if result.blocked:
        result.figures = {}
    result.findings = log.summary()
    return result


def return_csv(result: ChildLevelReturn, la: LocalAuthority, catalogue: Catalogue) -> bytes:
    """The return in the standard template, items not worked out left blank."""
    figures = {item: float(value) for item, value in result.figures.items()}
    return template_csv(la, result.period, catalogue, figures)
