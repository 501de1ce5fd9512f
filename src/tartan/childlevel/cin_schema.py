"""The CIN census as tables: which XML elements become which columns, across schema years.

One ``<Child>`` holds ``<ChildIdentifiers>``, ``<ChildCharacteristics>`` and one or more
``<CINdetails>`` episodes; an episode holds ``<Assessments>``, ``<CINPlanDates>``,
``<Section47>`` and ``<ChildProtectionPlans>`` modules. Each module becomes a row of its table,
keyed by the child's LAchildID (``child``) and a running episode number (``episode``); ``line``
is where the module starts in the file, for findings.

Differences between schema years (2016 to 2027) that this tolerates:
- yes/no values are ``0``/``1`` up to 2017 and ``true``/``false`` (any case) or ``0``/``1`` since;
- ``<CINPlanDates>`` exists from 2018; ``<SeenSocialWorker>`` in plans only up to 2017;
- the child's gender is ``<GenderCurrent>`` to 2023-24, ``<Sex>`` since; both are read into
  one column;
- ``<PreProceedingsandFGDM>`` is new in 2026-27;
- ``<DateOfInitialCPC>`` appears both in ``<CINdetails>`` and in ``<Section47>``;
- dates may carry a time or a time zone.
The schema has no target namespace: a file whose elements are in one is refused (C107).
An element that none of these years has is reported once (C116) and otherwise ignored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CinTable:
    name: str
    element: str  # the module element one row comes from
    fields: tuple[str, ...]  # leaf elements read as columns, in schema order
    # Repeating leaves gathered under a container: column = (container, leaf); joined with ";".
    lists: tuple[tuple[str, str, str], ...] = ()
    dates: tuple[str, ...] = ()
    yes_no: tuple[str, ...] = ()
    whole: tuple[str, ...] = ()
    required_date: str | None = None  # without it the row means nothing and is left out

    @property
    def columns(self) -> tuple[str, ...]:
        return self.fields + tuple(column for column, _, _ in self.lists)


CHILD = CinTable(
    name="child",
    element="Child",
    fields=(
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "GenderCurrent",
        "PersonDeathDate",
        "Ethnicity",
    ),
    lists=(("Disabilities", "Disabilities", "Disability"),),
    dates=("PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate"),
)

EPISODE = CinTable(
    name="episode",
    element="CINdetails",
    fields=(
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "ReferralNFA",
    ),
    dates=("CINreferralDate", "CINclosureDate", "DateOfInitialCPC"),
    yes_no=("ReferralNFA",),
    required_date="CINreferralDate",
)

ASSESSMENT = CinTable(
    name="assessment",
    element="Assessments",
    fields=(
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
    ),
    lists=(("AssessmentFactors", "FactorsIdentifiedAtAssessment", "AssessmentFactors"),),
    dates=(
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
    ),
    required_date="AssessmentActualStartDate",
)

CIN_PLAN = CinTable(
    name="cin_plan",
    element="CINPlanDates",
    fields=("CINPlanStartDate", "CINPlanEndDate"),
    dates=("CINPlanStartDate", "CINPlanEndDate"),
    required_date="CINPlanStartDate",
)

SECTION47 = CinTable(
    name="section47",
    element="Section47",
    fields=("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"),
    dates=("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC"),
    yes_no=("ICPCnotRequired",),
    required_date="S47ActualStartDate",
)

PLAN = CinTable(
    name="plan",
    element="ChildProtectionPlans",
    fields=(
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
        "SeenSocialWorker",
    ),
    lists=(("CPPreviewDate", "Reviews", "CPPreviewDate"),),
    dates=("CPPstartDate", "CPPendDate"),
    yes_no=("SeenSocialWorker",),
    whole=("NumberOfPreviousCPP",),
    required_date="CPPstartDate",
)

# New in the 2026-27 census: pre-proceedings and family group decision making.
PRE_PROCEEDINGS = CinTable(
    name="pre_proceedings",
    element="PreProceedingsandFGDM",
    fields=(
        "PPStartDate",
        "LBPSentDate",
        "FGDMMeetingOffer",
        "FGDMMeetingFac",
        "InitialPPMeetingDate",
        "ReviewMeetingsCount",
        "StepDecisionDate",
        "PPOutcome",
        "CourtAppDate",
        "LetterInitCPDate",
    ),
    dates=(
        "PPStartDate",
        "LBPSentDate",
        "InitialPPMeetingDate",
        "StepDecisionDate",
        "CourtAppDate",
        "LetterInitCPDate",
    ),
    yes_no=("FGDMMeetingOffer", "FGDMMeetingFac"),
    whole=("ReviewMeetingsCount",),
    required_date="PPStartDate",
)

MODULES = (ASSESSMENT, CIN_PLAN, SECTION47, PLAN, PRE_PROCEEDINGS)  # the modules of an episode
TABLES = {table.name: table for table in (CHILD, EPISODE, *MODULES)}
MODULE_BY_ELEMENT = {table.element: table for table in MODULES}

# Elements read into another column's name (older or newer spellings).
ALIASES = {"Sex": "GenderCurrent"}

# Elements every recent schema has that carry no column of their own: containers, and the
# header, which is read separately.
CONTAINERS = frozenset({"ChildIdentifiers", "ChildCharacteristics", "LAchildID"})

# End dates paired with their start dates: an end before its start is reported (C117).
END_BEFORE_START = {
    "episode": (("CINreferralDate", "CINclosureDate"),),
    "assessment": (("AssessmentActualStartDate", "AssessmentAuthorisationDate"),),
    "cin_plan": (("CINPlanStartDate", "CINPlanEndDate"),),
    "section47": (("S47ActualStartDate", "DateOfInitialCPC"),),
    "plan": (("CPPstartDate", "CPPendDate"),),
}


def local_name(tag: object) -> str:
    """The element name without its namespace (``{urn:x}Child`` → ``Child``)."""
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1]
