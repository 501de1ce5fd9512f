"""The quarterly return from child-level records: every item of the catalogue, and the findings.

Three routes lead to the same ``CaseRecords`` and so to the same definitions: the CIN census
(CIN, section 47 and child protection items) with SSDA903 (children looked after and adoption);
the Standard Safeguarding Dataset; CSC API payloads. Items a route does not supply are left
blank in the return ("not yet supplied"), never given as 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tartan.catalogue import Catalogue
from tartan.childlevel.case_records import CaseRecords, figures
from tartan.childlevel.cin_reader import read_cin_census
from tartan.childlevel.findings import FindingLog
from tartan.childlevel.ssda903_reader import read_ssda903
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


def _census_route(
    cin: Path | None,
    ssda903: Path | None,
    la_code: str | None,
    progress: Progress | None,
    log: FindingLog,
) -> CaseRecords:
    records = CaseRecords()
    if cin is not None:
        census = read_cin_census(cin, la_code, progress, log).census
        records.cin = census.tables if census is not None else None
    if ssda903 is not None:
        data = read_ssda903(ssda903, progress, log).data
        if data is not None:
            records.episodes, records.ad1 = data.table("Episodes"), data.table("AD1")
    return records


def compute_return(
    period: Period,
    cin: Path | None = None,
    ssda903: Path | None = None,
    la_code: str | None = None,
    progress: Progress | None = None,
    ssd: str | None = None,
    ssd_schema: str | None = None,
    csc_api: Path | None = None,
) -> ChildLevelReturn:
    """Read one route's sources and work out their items; a blocking finding stops the
    return. The routes: the CIN census and/or SSDA903; the SSD (a folder or database URL); CSC
    API payloads (a file or folder)."""
    result = ChildLevelReturn(period)
    log = FindingLog()
    records: CaseRecords | None
    if ssd is not None:
        from tartan.childlevel.ssd_reader import read_ssd

        records = read_ssd(ssd, ssd_schema, progress, log)
    elif csc_api is not None:
        from tartan.childlevel.api_reader import read_api

        records = read_api(csc_api, la_code, log)
    else:
        records = _census_route(cin, ssda903, la_code, progress, log)
    if records is not None and not log.blocked:
        result.figures = figures(records, period, log)
    result.blocked = log.blocked
    result.findings = log.summary()
    return result


def return_csv(result: ChildLevelReturn, la: LocalAuthority, catalogue: Catalogue) -> bytes:
    """The return in the standard template, items not worked out left blank."""
    figures = {item: float(value) for item, value in result.figures.items()}
    return template_csv(la, result.period, catalogue, figures)
