"""The governance demo records load, make sense together, and load only once."""

from __future__ import annotations

import pytest

from tartan.web.accounts.roles import Position, Role
from tartan.web.governance import demo
from tartan.web.governance.models import Invoice, Memorandum, MemorandumStatus, Subscription
from tartan.web.governance.services import grants, subscriptions
from tests.web.governance.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_governance_demo(make_user, programme):
    keystaff = make_user(Role.LA_KEY_STAFF, "845", Position.DCS)
    demo.load(programme, keystaff)
    demo.load(programme, keystaff)
    memo = Memorandum.objects.get()
    assert memo.status == MemorandumStatus.AWAITING
    assert memo.parties.count() == 19
    assert len(memo.missing(None)) == 18 * 3  # Medway has signed
    assert Subscription.objects.filter(tier="large").count() == 7
    assert Invoice.objects.count() == 19
    overdue = subscriptions.overdue_invoices(TODAY)
    assert len(overdue) == 9
    assert grants.grant_ledger(memo_grant()).balance_pence == 8_500_000


def memo_grant():
    from tartan.web.governance.models import Grant

    return Grant.objects.get()
