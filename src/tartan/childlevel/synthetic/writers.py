"""Write a synthetic caseload as a CIN census XML file and a folder of SSDA903 CSV tables.

The XML is written child by child with lxml's incremental writer, so that a census of every
child in need in England is never held as one tree. Element order follows the schema.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from tartan.childlevel.ssda903_schema import SHORT_BREAKS
from tartan.childlevel.synthetic.model import CareChild, CinChild, CinEpisode
from tartan.childlevel.workdays import WorkingDayIndex
from tartan.periods import Period

Progress = Callable[[int], None]
_INDEX = WorkingDayIndex()


def _add(parent: etree._Element, name: str, value: object) -> None:
    if value is None or value == "":
        return
    element = etree.SubElement(parent, name)
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, date):
        element.text = value.isoformat()
    else:
        element.text = str(value)


# Closure reasons that say the case closed after assessment: no activity may follow them.
AFTER_ASSESSMENT = ("RC8", "RC9")
# The census's year from which the child's sex is <Sex> (M/F/U) instead of <GenderCurrent>.
SEX_FROM_YEAR = 2025


def _closure_reason(episode: CinEpisode) -> str:
    """ "Closed after assessment" needs an assessment and nothing after it."""
    busy = episode.enquiries or episode.plans or episode.cin_plan_start is not None
    if episode.closure_reason in AFTER_ASSESSMENT and (busy or not episode.assessments):
        return "RC7"
    return episode.closure_reason


def _episode(parent: etree._Element, episode: CinEpisode) -> None:
    """One <CINdetails>, as the DfE's rules want it: a conference recorded once (on the
    enquiry, or on the episode for a plan with no enquiry), no CIN plan beside a protection
    plan, and every enquiry in a closed episode either conferenced or marked not required."""
    node = etree.SubElement(parent, "CINdetails")
    _add(node, "CINreferralDate", episode.referral)
    _add(node, "ReferralSource", episode.source)
    _add(node, "PrimaryNeedCode", episode.need)
    _add(node, "CINclosureDate", episode.closure)
    if episode.closure is not None:
        _add(node, "ReasonForClosure", _closure_reason(episode))
    conferences = {e.conference for e in episode.enquiries if e.conference is not None}
    unconferenced = [p.start for p in episode.plans if p.start not in conferences]
    if unconferenced and not episode.enquiries:
        _add(node, "DateOfInitialCPC", min(unconferenced))
    for assessment in episode.assessments:
        module = etree.SubElement(node, "Assessments")
        _add(module, "AssessmentActualStartDate", assessment.start)
        _add(module, "AssessmentAuthorisationDate", assessment.authorised)
        if assessment.factors:
            factors = etree.SubElement(module, "FactorsIdentifiedAtAssessment")
            for factor in assessment.factors:
                _add(factors, "AssessmentFactors", factor)
    if episode.cin_plan_start is not None and not episode.plans:
        module = etree.SubElement(node, "CINPlanDates")
        _add(module, "CINPlanStartDate", episode.cin_plan_start)
        _add(module, "CINPlanEndDate", episode.closure)
    for enquiry in episode.enquiries:
        module = etree.SubElement(node, "Section47")
        _add(module, "S47ActualStartDate", enquiry.start)
        start_index = _INDEX.first_on_or_after(enquiry.start)
        _add(module, "InitialCPCtarget", _INDEX.date(start_index + 15))
        _add(module, "DateOfInitialCPC", enquiry.conference)
        not_required = enquiry.not_required or (
            enquiry.conference is None and episode.closure is not None
        )
        _add(module, "ICPCnotRequired", not_required)
    _add(node, "ReferralNFA", episode.no_further_action)
    for plan in episode.plans:
        module = etree.SubElement(node, "ChildProtectionPlans")
        _add(module, "CPPstartDate", plan.start)
        _add(module, "CPPendDate", plan.end)
        _add(module, "InitialCategoryOfAbuse", plan.category)
        _add(module, "LatestCategoryOfAbuse", plan.category)
        _add(module, "NumberOfPreviousCPP", plan.previous_plans)


def _child(child: CinChild, year: int) -> etree._Element:
    node = etree.Element("Child")
    identifiers = etree.SubElement(node, "ChildIdentifiers")
    person = child.person
    _add(identifiers, "LAchildID", person.id)
    _add(identifiers, "UPN", person.upn)
    if person.upn is None:
        _add(identifiers, "UPNunknown", "UN2")
    _add(identifiers, "PersonBirthDate", person.birth)
    if year >= SEX_FROM_YEAR:
        _add(identifiers, "Sex", {"1": "M", "2": "F"}[person.sex])
    else:
        _add(identifiers, "GenderCurrent", person.sex)
    characteristics = etree.SubElement(node, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", person.ethnicity)
    disabilities = etree.SubElement(characteristics, "Disabilities")
    for disability in child.disabilities:
        _add(disabilities, "Disability", disability)
    for episode in child.episodes:
        _episode(node, episode)
    return node


def _header(la_code: str, period: Period) -> etree._Element:
    header = etree.Element("Header")
    details = etree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", period.year_end)
    # The census's reference date is 31 March of its year, whichever quarter the file is for.
    _add(details, "ReferenceDate", date(period.year_end, 3, 31))
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", la_code)
    _add(source, "SoftwareCode", "tartan synthetic data")
    _add(source, "Release", "1")
    _add(source, "SerialNo", "001")
    _add(source, "DateTime", datetime.combine(period.end, datetime.min.time()).isoformat())
    return header


def write_cin_census(
    path: Path,
    la_code: str,
    period: Period,
    children: Iterable[CinChild],
    progress: Progress | None = None,
) -> None:
    with etree.xmlfile(str(path), encoding="utf-8") as xml:
        xml.write_declaration()
        with xml.element("Message"):
            xml.write(_header(la_code, period))
            with xml.element("Children"):
                for child in children:
                    xml.write(_child(child, period.year_end))
                    if progress is not None:
                        progress(1)


def _uk(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


# Placements that need no Ofsted URN (rule 218); the others get XXXXXXX, "not registered".
NO_URN = frozenset({"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4"})
PLACEMENT_CHANGES = frozenset({"P", "B", "T", "U"})


def _provider(placement: str) -> str:
    if placement.startswith(("U", "A")):
        return "PR1"  # the LA's own carers and adopters
    return "PR0" if placement in ("P1", "R2", "R5") else "PR4"


def _episode_rows(child: CareChild) -> Iterable[tuple[object, ...]]:
    episodes = child.episodes
    for at, e in enumerate(episodes):
        following = episodes[at + 1] if at + 1 < len(episodes) else None
        # The reason for a placement change goes on the episode that ends (rule 225).
        changed = (
            e.reason_ceased == "X1" and following and following.reason_new in PLACEMENT_CHANGES
        )
        short = e.legal_status in SHORT_BREAKS
        yield (
            child.person.id,
            _uk(e.start),
            e.reason_new,
            e.legal_status,
            "N1",
            e.placement,
            _provider(e.placement),
            _uk(e.end),
            e.reason_ceased or "",
            "CARPL" if changed else "",
            "" if short else e.home_postcode,
            "" if short else e.placement_postcode,
            "" if short or e.placement in NO_URN else "XXXXXXX",
        )


def write_ssda903(folder: Path, children: list[CareChild], year: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # SSDA903's sex is M/F from 2024-25, 1/2 before (rule 101).
    sexes = {"1": "M", "2": "F"} if year >= SEX_FROM_YEAR else {"1": "1", "2": "2"}
    _write_csv(
        folder / "header.csv",
        ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
        (
            (
                c.person.id,
                sexes[c.person.sex],
                _uk(c.person.birth),
                c.person.ethnicity,
                c.person.upn or "UN2",
                "0" if c.person.sex == "2" else "",  # MOTHER, for girls (rules 393, 607)
                "",
            )
            for c in children
        ),
    )
    _write_csv(
        folder / "episodes.csv",
        (
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
        ),
        (row for c in children for row in _episode_rows(c)),
    )
    _write_csv(
        folder / "ad1.csv",
        (
            "CHILD",
            "DOB",
            "DATE_INT",
            "DATE_MATCH",
            "FOSTER_CARE",
            "NB_ADOPTR",
            "SEX_ADOPTR",
            "LS_ADOPTR",
        ),
        (
            (
                c.person.id,
                _uk(c.person.birth),
                _uk(a.decision),
                _uk(a.matched),
                int(a.by_foster_carer),
                a.adopters,
                a.adopters_sex,
                a.adopters_status,
            )
            for c in children
            if (a := c.adoption) is not None
        ),
    )
    _write_csv(
        folder / "placed_adoption.csv",
        ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
        (
            (c.person.id, _uk(c.person.birth), _uk(p.decided), _uk(p.ceased), p.reason or "")
            for c in children
            if (p := c.placed) is not None
        ),
    )
