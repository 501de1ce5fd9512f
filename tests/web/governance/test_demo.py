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
    assert grants.grant_ledger(memo_grant()).balance_pence == 8_500_000


def memo_grant():
    from tartan.web.governance.models import Grant

    return Grant.objects.get()
