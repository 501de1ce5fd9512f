"""Governance demo records: the 2023-24 regional memorandum with its parties, Medway's three
signatures (as on the signed copy) and the others' (demonstration names); the 2019 data-sharing
memorandum with the DfE, signed by its regional lead and by East Sussex for all 19; 2023-24 subscriptions with invoices (some paid, some overdue),
the year's grant with one transfer, two projects with progress reports and a highlight report,
and two directory entries; grants both ways (Kent accepted the conditions in the service and has a
purchase order to invoice, Medway's spend return is overdue) and the public face (the steering
group's seats, a project on the public plans page). Figures and amounts not in the memoranda are
marked as demonstration.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from tartan.governance.signing import LA_ROLES, SignatoryRole
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Position, Role
from tartan.web.governance.models import (
    ConditionsAcceptance,
    Grant,
    GrantReturn,
    Meeting,
    Memorandum,
    Office,
    Participant,
    ProgressReport,
    Project,
    SteeringSeat,
    SubscriptionYear,
)
from tartan.web.governance.services import grants, reports, subscriptions
from tartan.web.governance.services import memoranda as memo_service

TITLE = "2023-24: South East Memorandum of Understanding"
DEMO_SOURCE = (
    "Demonstration figure (approximate, to the nearest thousand): enter the ONS mid-year "
    "estimate, all ages, before invoicing"
)
# Approximate total populations (all ages), for the demonstration only.
DEMO_POPULATION = {
    "867": 125_000,
    "846": 277_000,
    "825": 555_000,
    "845": 549_000,
    "850": 1_400_000,
    "921": 140_000,
    "886": 1_580_000,
    "887": 280_000,
    "826": 290_000,
    "931": 730_000,
    "851": 208_000,
    "870": 174_000,
    "871": 158_000,
    "852": 249_000,
    "936": 1_210_000,
    "869": 162_000,
    "938": 890_000,
    "868": 153_000,
    "872": 178_000,
}
MEDWAY_SIGNATURES = (
    (SignatoryRole.DCS, "Dr Lee-Anne Farach"),
    (SignatoryRole.CHIEF_EXECUTIVE, "Neil Davies"),
    (SignatoryRole.LEAD_MEMBER, "Cllr Adam Price"),
)
PAID = ("845", "886", "887", "850", "936", "938", "825", "931", "846", "852")


DATA_SHARING_TITLE = (
    "Memorandum of understanding between the DfE and the South East Regional Improvement "
    "Alliance (SERIA) on data sharing"
)


def _data_sharing_memorandum(programme: Any) -> None:
    """The 2019 memorandum (shared/seeds): the 19 LAs and the DfE, signed on 22 March 2019 by
    the DfE's regional lead and by the DCS of East Sussex for every LA (its paragraph 1)."""
    memo = Memorandum.objects.create(
        title=DATA_SHARING_TITLE,
        version="2019",
        summary="Quarterly children's social care management data shared with the DfE "
        "through the Data Benchmarking Group. From 1 April 2019 to 31 March 2021; may be "
        "extended in writing signed by all parties.",
        starts_on=date(2019, 4, 1),
        ends_on=date(2021, 3, 31),
        first_review_on=date(2019, 6, 30),
        la_signatories=[SignatoryRole.DCS.value],
        regional_lead_may_sign=True,
        created_by=programme,
    )
    dfe, _ = Organisation.objects.get_or_create(
        name="Department for Education", defaults={"kind": OrganisationKind.DFE}
    )
    members = shipped_groups().default.members
    memo_service.add_parties(
        memo, [*Organisation.objects.filter(la_code__in=members).order_by("la_code"), dfe]
    )
    signed_on = date(2019, 3, 22)
    memo_service.record_signature(
        memo,
        None,
        memo.parties.get(organisation=dfe),
        SignatoryRole.DFE_REGIONAL_LEAD,
        "Akosua Wireko",
        signed_on,
        "Signed copy of the 2019 memorandum held by the programme manager",
        None,
        programme,
    )
    memo_service.record_signature(
        memo,
        None,
        memo.parties.get(organisation__la_code="845"),
        SignatoryRole.REGIONAL_LEAD,
        "Stuart Gallimore, Director of Children's Services, East Sussex",
        signed_on,
        "Signed copy of the 2019 memorandum held by the programme manager",
        None,
        programme,
    )


def _memorandum(programme: Any) -> None:
    memo = Memorandum.objects.create(
        title=TITLE,
        version="2023-24",
        summary="Signed by the DCS, the Chief Executive and the Lead Member of each authority. "
        "The document is for use from May 2023 onwards and names no end: recorded here to the "
        "end of the 2023-24 financial year.",
        starts_on=date(2023, 5, 1),
        ends_on=date(2024, 3, 31),
        first_review_on=date(2023, 11, 30),
        la_signatories=[role.value for role in LA_ROLES],
        created_by=programme,
    )
    members = shipped_groups().default.members
    memo_service.add_parties(memo, list(Organisation.objects.filter(la_code__in=members)))
    medway = memo.parties.get(organisation__la_code="887")
    for role, name in MEDWAY_SIGNATURES:
        memo_service.record_signature(
            memo,
            None,
            medway,
            role,
            name,
            date(2023, 6, 12),
            "Signed page for Medway Council received by the programme manager",
            None,
            programme,
        )
    # The other authorities' signatures, so that the demo's memorandum is in force rather than
    # "Ended" and still waiting (issue 17, point 8). Names are placeholders, marked as such.
    others = memo.parties.exclude(organisation__la_code="887").select_related("organisation")
    for party in others.order_by("organisation__la_code"):
        for role in LA_ROLES:
            memo_service.record_signature(
                memo,
                None,
                party,
                role,
                f"{role.label}, {party.organisation.name} (demonstration)",
                date(2023, 7, 14),
                "Demonstration: signed page assumed received by the programme manager",
                None,
                programme,
            )


def _subscriptions(programme: Any) -> None:
    year = SubscriptionYear.objects.create(
        year="2023-24",
        large_pence=1_250_000,
        small_pence=625_000,
        vat_percent=Decimal("20.00"),
        payment_days=30,
        issuer_name="East Sussex County Council, for the South East Sector Led Improvement "
        "Programme",
        issuer_address="County Hall\nSt Anne's Crescent\nLewes\nEast Sussex",
        payment_instructions="Pay by BACS to East Sussex County Council, quoting the invoice "
        "number. Questions: the SESLIP programme manager.",
        created_by=programme,
    )
    for code, population in DEMO_POPULATION.items():
        subscriptions.record_population(year, code, population, DEMO_SOURCE, programme)
    subscriptions.create_subscriptions(year, list(DEMO_POPULATION), programme)
    for sub in year.subscriptions.order_by("la_code"):
        invoice = subscriptions.issue_invoice(sub, programme, date(2023, 5, 15))
        if sub.la_code in PAID:
            subscriptions.record_payment(invoice, date(2023, 6, 9), "BACS")


def _grant(programme: Any) -> None:
    grant = Grant.objects.create(
        year="2023-24",
        reference="DfE s31 grant for improvement activities (demonstration amount)",
        amount_pence=10_000_000,
        received_on=date(2023, 7, 3),
        lead_la_code="845",
        conditions="Used for sector-led improvement activities in the South East, as the grant "
        "determination sets out; any authority receiving part of it accepts these conditions "
        "and helps East Sussex County Council administer the grant.",
        recorded_by=programme,
    )
    grants.accept_conditions(
        grant, "887", date(2023, 8, 1), "Director of Children's Services", "Email", None, programme
    )
    grants.transfer(
        grant,
        "887",
        1_500_000,
        "Peer review programme",
        "PO-DEMO-0001",
        "MED-DEMO-17",
        date(2023, 9, 4),
        programme,
    )


def _reports(programme: Any, keystaff: Any, released: Any) -> None:
    period = Period.containing(date.today()).label
    peer = Project.objects.create(
        name="Peer review and challenge", manager=keystaff, description="Annual peer reviews"
    )
    data = Project.objects.create(name="Regional data and benchmarking", manager=programme)
    ProgressReport.objects.create(
        project=peer,
        period=period,
        rag="amber",
        progress="Four of six peer reviews held; two moved to the next quarter.",
        risks="Reviewer availability in January.",
        next_steps="Confirm dates for the last two reviews.",
        submitted_by=keystaff,
    )
    ProgressReport.objects.create(
        project=data,
        period=period,
        rag="green",
        progress="Every authority submitted its quarterly return on time.",
        risks="",
        next_steps="Release the quarter to the DfE after checking.",
        submitted_by=programme,
    )
    meeting = Meeting.objects.create(
        title="SESLIP Steering Group",
        held_on=date.today() + timedelta(days=14),
        round=released,
        created_by=programme,
    )
    reports.assemble(meeting, "The programme is on track overall.", programme)


@transaction.atomic
def load(programme: Any, keystaff: Any, released: Any = None) -> None:
    """Idempotent: nothing happens when the memorandum is already there."""
    if Memorandum.objects.filter(title=TITLE).exists():
        return
    _memorandum(programme)
    _data_sharing_memorandum(programme)
    _subscriptions(programme)
    _grant(programme)
    _reports(programme, keystaff, released)
    chair = Participant.objects.create(
        name=keystaff.display_name,
        organisation=str(keystaff.organisation),
        role="Director of Children's Services",
        email=f"{keystaff.username}@example.org",
        user=keystaff,
    )
    manager = Participant.objects.create(
        name="Programme manager",
        organisation="South East Sector Led Improvement Programme",
        role="Programme manager",
        email="programme@example.org",
        user=programme,
    )
    _grants_both_ways(programme)
    _public_face(programme, chair, manager)


def _grants_both_ways(programme: Any) -> None:
    """Kent's key staff accepted the conditions in the service themselves and have a purchase
    order to invoice; Medway's spend return is overdue."""
    grant = Grant.objects.get(year="2023-24")
    kent = Organisation.objects.get(la_code="886")
    kent_dcs, _ = User.objects.get_or_create(
        username="keystaff.886",
        defaults={
            "organisation": kent,
            "roles": [Role.LA_KEY_STAFF.value],
            "position": Position.DCS.value,
            "first_name": "Kent",
            "last_name": "DCS (demonstration)",
            "email": "keystaff.886@example.org",
        },
    )
    kent_dcs.set_unusable_password()
    kent_dcs.save()
    ConditionsAcceptance.objects.create(
        grant=grant,
        la_code="886",
        accepted_on=date(2023, 10, 2),
        accepted_by=f"{kent_dcs.display_name}, Director of Children's Services",
        evidence_note="accepted in the service by the authority's key staff",
        recorded_by=kent_dcs,
        accepted_by_user=kent_dcs,
    )
    grants.raise_purchase_order(
        grant,
        "886",
        2_000_000,
        "Data workshop series",
        "PO-DEMO-0002",
        date(2023, 10, 9),
        programme,
    )
    GrantReturn.objects.create(
        grant=grant,
        la_code="887",
        period="2023-24 Q4",
        due_on=date(2024, 4, 30),
        asked_by=programme,
    )


def _public_face(programme: Any, chair: Participant, manager: Participant) -> None:
    """The steering group's chair and programme manager, a member, and the projects shown on
    the public plans page (names of people are demonstration names)."""
    starts = date(2023, 5, 1)
    for person, office in ((chair, Office.CHAIR), (manager, Office.PROGRAMME_MANAGER)):
        SteeringSeat.objects.create(
            participant=person, office=office, started_on=starts, recorded_by=programme
        )
    member = Participant.objects.create(
        name="Medway DCS (demonstration)",
        organisation="Medway",
        role="Director of Children's Services",
        email="dcs.medway@example.org",
    )
    SteeringSeat.objects.create(
        participant=member, office=Office.MEMBER, started_on=starts, recorded_by=programme
    )
    Project.objects.filter(name="Peer review and challenge").update(
        shown_publicly=True,
        public_summary="Each member authority takes part in an annual peer review and "
        "challenge, led by colleagues from other South East authorities.",
    )
