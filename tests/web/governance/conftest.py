"""A small governance world: memoranda, subscriptions and invoices for two LAs, a grant, a
terminated memorandum with its settlement, a project, a meeting, and directory entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tartan.governance.signing import SignatoryRole
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Position, Role
from tartan.web.governance import models as gm
from tartan.web.governance.services import grants, settlements, subscriptions
from tartan.web.governance.services import memoranda as memo_service

TODAY = date.today()
ALL_LA_ROLES = [SignatoryRole.DCS, SignatoryRole.CHIEF_EXECUTIVE, SignatoryRole.LEAD_MEMBER]


def dfe_organisation() -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name="Department for Education", defaults={"kind": OrganisationKind.DFE}
    )
    return org


def make_memorandum(user: User, codes: list[str], dfe: bool = False, **extra: Any) -> gm.Memorandum:
    fields = {
        "title": "South East Memorandum of Understanding",
        "version": "2023-24",
        "starts_on": date(2023, 5, 1),
        "ends_on": date(2026, 3, 31),
        "first_review_on": date(2023, 6, 30),
        "la_signatories": [r.value for r in ALL_LA_ROLES],
        "created_by": user,
    }
    fields.update(extra)
    memo = gm.Memorandum.objects.create(**fields)
    organisations = [Organisation.objects.get(la_code=c) for c in codes]
    if dfe:
        organisations.append(dfe_organisation())
    memo_service.add_parties(memo, organisations)
    return memo


def sign(
    memo: gm.Memorandum,
    org_name_or_code: str,
    role: SignatoryRole,
    user: User,
    variation: gm.Variation | None = None,
    on: date | None = None,
    evidence: Any = None,
):
    party = (
        memo.parties.get(organisation__la_code=org_name_or_code)
        if org_name_or_code.isdigit()
        else memo.parties.get(organisation__name=org_name_or_code)
    )
    return memo_service.record_signature(
        memo,
        variation,
        party,
        role,
        f"Signatory {role.value}",
        on or TODAY - timedelta(days=1),
        "signed PDF received by email",
        evidence,
        user,
    )


def sign_everything(memo: gm.Memorandum, user: User, variation: gm.Variation | None = None) -> None:
    for missing in memo.missing(variation):
        party = memo.parties.get(pk=int(missing.party.key))
        memo_service.record_signature(
            memo,
            variation,
            party,
            missing.role,
            "Someone",
            TODAY - timedelta(days=1),
            "signed copy on file",
            None,
            user,
        )


def make_year(user: User, year: str = "2023-24", vat: str = "20.00") -> gm.SubscriptionYear:
    return gm.SubscriptionYear.objects.create(
        year=year,
        large_pence=1250000,
        small_pence=625000,
        vat_percent=Decimal(vat),
        issuer_name="East Sussex County Council",
        issuer_address="County Hall\nLewes",
        payment_instructions="Pay by BACS quoting the invoice number.",
        created_by=user,
    )


def subscribe(year: gm.SubscriptionYear, user: User, figures: dict[str, int]) -> None:
    for code, population in figures.items():
        subscriptions.record_population(year, code, population, "ONS mid-2022, all ages", user)
    subscriptions.create_subscriptions(year, list(figures), user)


@dataclass
class World:
    users: dict[str, Any]
    memo: gm.Memorandum  # parties 845, 846 and the DfE
    other_memo: gm.Memorandum  # 846 alone
    ended_memo: gm.Memorandum
    year: gm.SubscriptionYear
    sub845: gm.Subscription
    sub846: gm.Subscription
    invoice845: gm.Invoice
    invoice846: gm.Invoice
    grant: gm.Grant
    settlement: gm.Settlement
    share845: gm.SettlementShare
    share846: gm.SettlementShare
    evidence846: gm.Document
    project: gm.Project
    meeting: gm.Meeting
    highlight: gm.HighlightReport
    entry845: gm.Participant
    entry_other: gm.Participant
    # Grants both ways and the public face (issue 17 points 2 and 3).
    po846: gm.GrantTransfer  # a purchase order raised, not yet invoiced
    return846: gm.GrantReturn  # asked, not yet filed
    complaint: gm.Complaint  # to the programme manager
    seat: gm.SteeringSeat  # key845's entry chairs the steering group
    # Meetings (issue 17.1): the DfE and 845's key staff are invited to ``meeting``, nobody to
    # ``other_meeting``; an action owned by 845; a peer review of 845 (issue 17.7).
    other_meeting: Any = None
    invitation845: Any = None
    action845: Any = None
    review845: Any = None
    follow_up845: Any = None
    org845: Any = None


@pytest.fixture
def programme(make_user) -> User:
    return make_user(Role.PROGRAMME_STAFF, position=Position.PROGRAMME_STAFF)


@pytest.fixture
def world(make_user, programme) -> World:
    users = {
        "programme": programme,
        "key845": make_user(Role.LA_KEY_STAFF, "845", Position.DCS),
        "analyst845": make_user(Role.LA_ANALYST, "845", Position.ANALYST),
        "key846": make_user(Role.LA_KEY_STAFF, "846", Position.DCS),
        "dbg": make_user(Role.DBG_MEMBER),
        "dfe": make_user(Role.DFE_VIEWER, position=Position.DFE_REGIONAL_LEAD),
        "partner": make_user(Role.PARTNER_VIEWER),
        "admin": make_user(Role.ADMINISTRATOR),
    }
    dfe_organisation()
    doc = gm.Document.store("mou-2023-24.pdf", b"%PDF-1.4 memorandum", programme)
    memo = make_memorandum(programme, ["845", "846"], dfe=True, document=doc)
    evidence846 = gm.Document.store("signed-846.pdf", b"%PDF-1.4 signed", programme)
    sign(memo, "846", SignatoryRole.DCS, programme, evidence=evidence846)
    other_memo = make_memorandum(programme, ["846"], title="Brighton only")
    ended = make_memorandum(
        programme,
        ["845", "846"],
        title="Ended memorandum",
        starts_on=TODAY - timedelta(days=400),
        ends_on=TODAY + timedelta(days=365),
    )
    sign_everything(ended, programme)
    ended.refresh_from_db()
    memo_service.terminate(
        ended,
        ended.parties.first(),
        TODAY - timedelta(days=40),
        TODAY - timedelta(days=10),
        "",
        "letter on file",
        None,
        programme,
    )
    year = make_year(programme)
    subscribe(year, programme, {"845": 560_000, "846": 277_000})
    sub845 = gm.Subscription.objects.get(la_code="845")
    sub846 = gm.Subscription.objects.get(la_code="846")
    invoice845 = subscriptions.issue_invoice(sub845, programme, TODAY - timedelta(days=60))
    invoice846 = subscriptions.issue_invoice(sub846, programme, TODAY - timedelta(days=5))
    grant = gm.Grant.objects.create(
        year="2023-24",
        reference="s31 grant",
        amount_pence=10_000_000,
        received_on=TODAY,
        conditions="Spend on improvement",
        recorded_by=programme,
    )
    grants.accept_conditions(grant, "846", TODAY, "DCS", "email", None, programme)
    grants.transfer(grant, "846", 100000, "peer review", "PO1", "INV9", TODAY, programme)
    settlement = settlements.settle(ended, year, 100001, "", programme)
    project = gm.Project.objects.create(name="Peer review", manager=users["analyst845"])
    gm.ProgressReport.objects.create(
        project=project,
        period="2024-25 Q3",
        rag="green",
        progress="Going well",
        submitted_by=users["analyst845"],
    )
    meeting = gm.Meeting.objects.create(held_on=TODAY, created_by=programme)
    from tartan.web.governance.services import reports

    highlight = reports.assemble(meeting, "Summary", programme)
    entry845 = gm.Participant.objects.create(
        name="Carol Key",
        organisation="Brighton and Hove",
        role="DCS",
        email="carol@example.org",
        user=users["key845"],
    )
    entry_other = gm.Participant.objects.create(
        name="Dan Other", organisation="Kent", role="Head of service", email="dan@example.org"
    )
    from tartan.web.evidence.models import FollowUp, PeerReview
    from tartan.web.governance.services import meetings

    meetings.invite(meeting, programme, user=users["dfe"])
    invitation845 = meetings.invite(meeting, programme, user=users["key845"])
    action845 = meetings.add_action(
        meeting, "Circulate the front door findings", invitation845, TODAY, programme
    )
    other_meeting = gm.Meeting.objects.create(
        title="Quarterly meeting on the released reports",
        kind=gm.MeetingKind.QUARTERLY,
        held_on=TODAY,
        created_by=programme,
    )
    review845 = PeerReview.objects.create(
        la_code="845",
        title="Front door peer review",
        reviewers="Ann Reviewer, DCS, Kent",
        scheduled_on=TODAY,
        report="Strong multi-agency working.",
        recorded_by=programme,
    )
    follow_up845 = FollowUp.objects.create(
        review=review845, text="Audit re-referrals", owner="Head of service", due_on=TODAY
    )
    po846 = grants.raise_purchase_order(
        grant, "846", 50000, "data workshop", "PO2", TODAY, programme
    )
    return846 = gm.GrantReturn.objects.create(
        grant=grant, la_code="846", period="2024-25 Q3", due_on=TODAY, asked_by=programme
    )
    manager_entry = gm.Participant.objects.create(
        name="Pat Manager",
        organisation="SESLIP",
        role="Programme manager",
        email="pat@example.org",
        user=programme,
    )
    gm.SteeringSeat.objects.create(
        participant=manager_entry,
        office=gm.Office.PROGRAMME_MANAGER,
        started_on=TODAY,
        recorded_by=programme,
    )
    seat = gm.SteeringSeat.objects.create(
        participant=entry845, office=gm.Office.CHAIR, started_on=TODAY, recorded_by=programme
    )
    complaint = gm.Complaint.objects.create(
        reference="C-TEST01",
        addressed_to=gm.Office.PROGRAMME_MANAGER,
        name="Sam Public",
        email="sam@example.org",
        details="The weekly update stopped.",
    )
    return World(
        other_meeting=other_meeting,
        invitation845=invitation845,
        action845=action845,
        review845=review845,
        follow_up845=follow_up845,
        org845=Organisation.objects.get(la_code="845"),
        users=users,
        memo=memo,
        other_memo=other_memo,
        ended_memo=ended,
        year=year,
        sub845=sub845,
        sub846=sub846,
        invoice845=invoice845,
        invoice846=invoice846,
        grant=grant,
        settlement=settlement,
        share845=settlement.shares.get(la_code="845"),
        share846=settlement.shares.get(la_code="846"),
        evidence846=evidence846,
        project=project,
        meeting=meeting,
        highlight=highlight,
        entry845=entry845,
        entry_other=entry_other,
        po846=po846,
        return846=return846,
        complaint=complaint,
        seat=seat,
    )
