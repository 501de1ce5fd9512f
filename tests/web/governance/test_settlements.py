"""Settlement at termination: shares to the penny adding up to the balance, due in 3 months,
a statement per partner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tartan.governance.schedule import add_months
from tartan.web.governance.models import Settlement
from tartan.web.governance.services import GovernanceError, subscriptions
from tartan.web.governance.services import memoranda as memo_service
from tartan.web.governance.services import settlements as service
from tests.web.conftest import MEMBERS, signed_in
from tests.web.governance.conftest import TODAY, make_memorandum, make_year, sign_everything

pytestmark = pytest.mark.django_db


def _terminated(programme, codes):
    memo = make_memorandum(
        programme, codes, starts_on=TODAY - timedelta(days=300), ends_on=TODAY + timedelta(days=60)
    )
    sign_everything(memo, programme)
    memo.refresh_from_db()
    memo_service.terminate(
        memo,
        memo.parties.first(),
        TODAY - timedelta(days=20),
        TODAY - timedelta(days=1),
        "",
        "letter",
        None,
        programme,
    )
    return memo


def _year_for_all(programme):
    year = make_year(programme)
    figures = {code: (500_000 if i % 3 == 0 else 200_000) for i, code in enumerate(MEMBERS)}
    for code, population in figures.items():
        subscriptions.record_population(year, code, population, "ONS", programme)
    subscriptions.create_subscriptions(year, MEMBERS, programme)
    for sub in year.subscriptions.all():
        subscriptions.issue_invoice(sub, programme)
    return year


def test_a_settlement_follows_a_termination(programme):
    memo = make_memorandum(programme, ["845"])
    year = make_year(programme)
    with pytest.raises(GovernanceError, match="follows the termination"):
        service.settle(memo, year, 100, "", programme)


def test_nineteen_partners_an_awkward_surplus_and_the_due_date(programme):
    memo = _terminated(programme, MEMBERS)
    year = _year_for_all(programme)
    settlement = service.settle(memo, year, 1_234_567, "", programme)
    shares = list(settlement.shares.all())
    assert len(shares) == 19
    assert sum(s.share_pence for s in shares) == 1_234_567
    large = [s.share_pence for s in shares if s.contribution_pence == 1250000]
    small = [s.share_pence for s in shares if s.contribution_pence == 625000]
    assert max(large) - min(large) <= 1
    assert max(small) - min(small) <= 1
    assert settlement.due_on == add_months(TODAY - timedelta(days=1), 3)
    with pytest.raises(GovernanceError, match="already worked out"):
        service.settle(memo, year, 1, "", programme)


@pytest.mark.parametrize("balance", [0, 1, -1, 2, -7, 99_999_999, -123_456_789])
def test_shares_always_add_up_to_the_balance_in_the_service(programme, balance):
    """The arithmetic itself is property-tested in tests/governance/test_settlement.py; here,
    through the service, with partners who were never invoiced contributing nothing."""
    memo = _terminated(programme, ["845", "846", "886"])
    year = make_year(programme)
    for code, people in {"845": 560_000, "846": 277_000, "886": 1_579_000}.items():
        subscriptions.record_population(year, code, people, "ONS", programme)
    subscriptions.create_subscriptions(year, ["845", "846", "886"], programme)
    subscriptions.issue_invoice(year.subscriptions.get(la_code="846"), programme)
    settlement = service.settle(memo, year, balance, "", programme)
    shares = {s.la_code: s.share_pence for s in settlement.shares.all()}
    assert sum(shares.values()) == balance
    assert shares["845"] == 0
    assert shares["886"] == 0
    assert shares["846"] == balance


def test_the_pages_and_the_statement_of_a_deficit(world):
    client = signed_in(world.users["programme"])
    html = client.get(reverse("governance:settlement", args=[world.settlement.pk])).content.decode()
    assert "Surplus of £1,000.01" in html
    assert 'id="sum-of-shares">+£1,000.01' in html
    statement = (
        signed_in(world.users["key845"])
        .get(reverse("governance:statement", args=[world.share845.pk]))
        .content.decode()
    )
    assert "66.67%" in statement  # £12,500 of £18,750
    assert "£666.67" in statement
    assert "to be reimbursed to the partner" in statement
    client.post(
        reverse("governance:settled", args=[world.share845.pk]),
        {"settled_on": TODAY.isoformat(), "reference": "BACS 9"},
    )
    world.share845.refresh_from_db()
    assert world.share845.settled_on == TODAY


def test_a_deficit_is_paid_by_the_partners(programme):
    memo = _terminated(programme, ["845", "846"])
    year = make_year(programme)
    for code, people in {"845": 560_000, "846": 277_000}.items():
        subscriptions.record_population(year, code, people, "ONS", programme)
    subscriptions.create_subscriptions(year, ["845", "846"], programme)
    for sub in year.subscriptions.all():
        subscriptions.issue_invoice(sub, programme)
    client = signed_in(programme)
    response = client.post(
        reverse("governance:settlement-new"),
        {"memorandum": memo.pk, "year": year.pk, "balance": "-100.00"},
    )
    settlement = Settlement.objects.get()
    assert response["Location"] == reverse("governance:settlement", args=[settlement.pk])
    assert {s.la_code: s.share_pence for s in settlement.shares.all()} == {
        "845": -6667,
        "846": -3333,
    }
    page = client.get(
        reverse("governance:statement", args=[settlement.shares.get(la_code="846").pk])
    ).content.decode()
    assert "to be paid by the partner" in page
    assert "Deficit of £100.00" in page
