"""Answers kept for one request (tartan.web.request_memo): a page asks the same policy of every
quarter without a query per quarter, and nothing remembered outlives the request or survives a
write made in it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tartan.web.accounts.roles import Role
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound
from tartan.web.groups import registry
from tartan.web.groups.models import Membership
from tartan.web.request_memo import RequestMemo
from tests.web.conftest import GROUP, MEMBERS, explain_all, signed_in, submit_all

pytestmark = pytest.mark.django_db


def _queries_for_rug(client, round_: CollectionRound, code: str) -> int:
    url = reverse("reports:rug", kwargs={"round_id": round_.pk, "la_code": code})
    client.get(url)  # the table and the fragment built, as on any warm page
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_rug_page_asks_the_same_number_of_queries_however_many_quarters_the_group_has(
    released_round, dbg, make_user
):
    code = MEMBERS[0]
    client = signed_in(make_user(Role.LA_KEY_STAFF, la_code=code))
    few = _queries_for_rug(client, released_round, code)
    for back in range(1, 9):  # eight more quarters, each one the picker asks view_rug of
        quarter = released_round.quarter
        for _ in range(back):
            quarter = quarter.previous()
        services.open_round(dbg, GROUP, quarter.label, date.today() + timedelta(days=30))
    many = _queries_for_rug(client, released_round, code)
    assert many == few


def _in_a_request(action):
    """``action`` run as a view is, inside the memo's middleware."""
    seen = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["value"] = action()
        return HttpResponse()

    RequestMemo(view)(HttpRequest())
    return seen["value"]


def test_a_release_made_in_a_request_is_seen_by_the_rest_of_it(dbg):
    round_ = services.open_round(dbg, GROUP, "2024-25 Q4", date.today() - timedelta(days=1))
    submit_all(round_, dbg)
    explain_all(round_, dbg)
    services.sign_off(round_, dbg)

    def release_then_ask():
        before = CollectionRound.objects.get(pk=round_.pk).is_released
        first = services.release(round_, dbg, {})
        after = CollectionRound.objects.get(pk=round_.pk).current_release
        return before, first, after

    before, first, after = _in_a_request(release_then_ask)
    assert before is False
    assert after == first


def test_a_membership_ended_in_a_request_is_seen_by_the_rest_of_it(open_round):
    code = MEMBERS[0]
    day = open_round.quarter.end

    def end_then_ask():
        before = registry.members_on(GROUP, day)
        membership = Membership.objects.get(group__key=GROUP, la_code=code)
        membership.ends_on = day - timedelta(days=1)
        membership.save()
        return before, registry.members_on(GROUP, day)

    before, after = _in_a_request(end_then_ask)
    assert code in before
    assert code not in after


def test_nothing_is_remembered_from_one_request_to_the_next(open_round):
    code = MEMBERS[0]
    day = open_round.quarter.end
    assert code in _in_a_request(lambda: registry.members_on(GROUP, day))
    # A change made outside any request (an admin script, another server): the next request sees it.
    Membership.objects.filter(group__key=GROUP, la_code=code).update(
        ends_on=day - timedelta(days=1)
    )
    assert code not in _in_a_request(lambda: registry.members_on(GROUP, day))
