"""Tiny CIN census and SSDA903 files for hand-computed cases, written independently of the
library's own writer so that the reader is tested against files it did not make."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tartan.childlevel.cin_reader import CinCensus, read_cin_census
from tartan.childlevel.findings import FindingLog
from tartan.childlevel.ssda903_reader import Ssda903, read_ssda903


@dataclass
class Episode:
    referral: str
    closure: str | None = None
    nfa: str = "false"
    assessments: list[tuple[str, str | None]] = field(default_factory=list)
    enquiries: list[tuple[str, str | None]] = field(default_factory=list)
    # (start, end, number of previous plans)
    plans: list[tuple[str, str | None, int]] = field(default_factory=list)


def _leaf(name: str, value: object) -> str:
    return "" if value is None else f"<{name}>{value}</{name}>"


def child_xml(child_id: str, *episodes: Episode, birth: str = "2015-06-17") -> str:
    parts = [
        "<Child><ChildIdentifiers>",
        _leaf("LAchildID", child_id),
        _leaf("PersonBirthDate", birth),
        "<GenderCurrent>1</GenderCurrent></ChildIdentifiers>",
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>",
    ]
    for e in episodes:
        parts.append("<CINdetails>")
        parts.append(_leaf("CINreferralDate", e.referral))
        parts.append("<ReferralSource>1A</ReferralSource>")
        parts.append(_leaf("CINclosureDate", e.closure))
        for start, authorised in e.assessments:
            parts.append("<Assessments>")
            parts.append(_leaf("AssessmentActualStartDate", start))
            parts.append(_leaf("AssessmentAuthorisationDate", authorised))
            parts.append("</Assessments>")
        for start, conference in e.enquiries:
            parts.append("<Section47>")
            parts.append(_leaf("S47ActualStartDate", start))
            parts.append(_leaf("DateOfInitialCPC", conference))
            parts.append("<ICPCnotRequired>false</ICPCnotRequired></Section47>")
        parts.append(_leaf("ReferralNFA", e.nfa))
        for start, end, previous in e.plans:
            parts.append("<ChildProtectionPlans>")
            parts.append(_leaf("CPPstartDate", start))
            parts.append(_leaf("CPPendDate", end))
            parts.append("<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>")
            parts.append("<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>")
            parts.append(_leaf("NumberOfPreviousCPP", previous))
            parts.append("</ChildProtectionPlans>")
        parts.append("</CINdetails>")
    parts.append("</Child>")
    return "".join(parts)


def census_xml(*children: str, lea: str = "845") -> bytes:
    header = (
        "<Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>"
        "<ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails>"
        f"<Source><SourceLevel>L</SourceLevel><LEA>{lea}</LEA></Source></Header>"
    )
    body = "".join(children)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Message>{header}<Children>{body}</Children></Message>\n'.encode()


def read_census(
    tmp_path: Path, data: bytes, name: str = "cin.xml"
) -> tuple[CinCensus | None, FindingLog]:
    path = tmp_path / name
    path.write_bytes(data)
    read = read_cin_census(path)
    return read.census, read.log


EPISODE_COLUMNS = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)


def episode_row(
    child: str, decom: str, rne: str, ls: str, place: str, dec: str = "", rec: str = ""
) -> str:
    return f"{child},{decom},{rne},{ls},N1,{place},PR1,{dec},{rec},,BN1 1AA,TN2 3BB,"


def write_ssda903(folder: Path, episodes: list[str], ad1: list[str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "episodes.csv").write_text("\n".join([EPISODE_COLUMNS, *episodes]) + "\n")
    if ad1 is not None:
        header = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"
        (folder / "ad1.csv").write_text("\n".join([header, *ad1]) + "\n")
    return folder


def read_folder(folder: Path) -> tuple[Ssda903 | None, FindingLog]:
    read = read_ssda903(folder)
    return read.data, read.log


def codes(log: FindingLog) -> list[str]:
    return [f.code for f in log.findings]
