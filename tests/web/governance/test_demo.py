"""The governance demo records load, make sense together, and load only once."""

from __future__ import annotations

import pytest

from tartan.web.accounts.roles import OrganisationKind, Position, Role
from tartan.web.governance import demo
from tartan.web.governance.models import Invoice, Memorandum, MemorandumStatus, Subscription
from tartan.web.governance.services import grants, subscriptions
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_governance_demo(make_user, programme):
    keystaff = make_user(Role.LA_KEY_STAFF, "845", Position.DCS)
    demo.load(programme, keystaff)
    demo.load(programme, keystaff)
    memo = Memorandum.objects.get(version="2023-24")
    assert memo.status == MemorandumStatus.IN_FORCE  # issue 17: no longer waiting for 54
    assert memo.parties.count() == 19
    assert memo.missing(None) == []
    assert memo.signatures.count() == 19 * 3
    assert memo.state_on(TODAY) == "Ended"
    data_sharing = Memorandum.objects.get(version="2019")
    assert data_sharing.status == MemorandumStatus.IN_FORCE
    assert data_sharing.missing(None) == []
    dfe = data_sharing.parties.get(organisation__kind=OrganisationKind.DFE)
    assert dfe.organisation.name == "Department for Education"
    assert data_sharing.parties.count() == 20
    assert Subscription.objects.filter(tier="large").count() == 7
    assert Invoice.objects.count() == 19
    overdue = subscriptions.overdue_invoices(TODAY)
    assert len(overdue) == 9
    # Medway's transfer and Kent's purchase order (raised, not yet invoiced) are committed.
    assert grants.grant_ledger(memo_grant()).balance_pence == 6_500_000


def test_the_demo_shows_grants_both_ways_and_the_public_face(make_user, programme):
    from tartan.web.governance.models import Office, Project, SteeringSeat
    from tartan.web.governance.services.public import holder

    keystaff = make_user(Role.LA_KEY_STAFF, "845", Position.DCS)
    demo.load(programme, keystaff)
    grant = memo_grant()
    kent = grant.acceptances.get(la_code="886")
    assert kent.accepted_by_user is not None
    assert kent.accepted_by_user.la_code == "886"
    waiting = grants.outstanding(grant)
    assert [(r.la_code, r.period) for r in waiting.returns_due] == [("887", "2023-24 Q4")]
    assert [t.la_code for t in waiting.not_invoiced] == ["886"]
    assert "887" not in waiting.not_accepted
    assert "886" not in waiting.not_accepted
    assert holder("south-east", Office.CHAIR).user == keystaff
    assert holder("south-east", Office.PROGRAMME_MANAGER).user == programme
    assert SteeringSeat.current.filter(office=Office.MEMBER).count() == 1
    assert list(Project.objects.filter(shown_publicly=True).values_list("name", flat=True)) == [
        "Peer review and challenge"
    ]


def memo_grant():
    from tartan.web.governance.models import Grant

    return Grant.objects.get()
