"""A benchmark table is known current with one query (tartan.web.reports.generations): each
input's token is renewed by the change itself, so the next table after an upload, a release,
another group's release, an imported dataset or a membership change is built from it, and
while nothing changes the five queries that list a table's inputs are not asked again."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tartan.demo.synthetic import synthetic_returns
from tartan.national.dataset import dataset_csv
from tartan.returns.model import QuarterlyReturn
from tartan.web.collection import services
from tartan.web.groups.models import Membership
from tartan.web.reports import generations
from tartan.web.reports.data import View, benchmark
from tartan.web.sharing import services as sharing
from tests.web.conftest import GROUP, MEMBERS, return_bytes
from tests.web.second_group import OTHER, OTHER_MEMBERS, other_round

pytestmark = pytest.mark.django_db
ALL = [generations.RELEASES, generations.NATIONAL, generations.MEMBERSHIP]


def _values(table, la_code: str, period: str) -> list:
    mine = table.filter((table["la_code"] == la_code) & (table["period"] == period))
    return mine.sort("indicator", "measure")["value"].to_list()


def _most_quarterly(table) -> int:
    """The most LAs with quarterly figures behind any England rank of the table."""
    return int(table["england_quarterly_n"].max() or 0)


def test_while_nothing_changes_a_table_is_found_without_listing_its_inputs(released_round):
    benchmark(released_round, View.RELEASED)
    with CaptureQueriesContext(connection) as captured:
        again = benchmark(released_round, View.RELEASED)
    assert again.table.height > 0
    # The tokens, and the members (the group's spec); not the five queries of the inputs.
    assert len(captured.captured_queries) <= 2, [q["sql"][:80] for q in captured.captured_queries]


def test_an_upload_renews_its_groups_versions_only(open_round, dbg):
    before = generations.tokens([generations.versions_of(GROUP), generations.versions_of(OTHER)])
    services.submit(
        open_round, MEMBERS[0], dbg, "a.csv", return_bytes(MEMBERS[0], open_round.period)
    )
    after = generations.tokens([generations.versions_of(GROUP), generations.versions_of(OTHER)])
    assert after[0] != before[0]
    assert after[1] == before[1]


def test_the_dbgs_working_table_follows_each_new_upload(open_round, dbg):
    code = MEMBERS[0]
    services.submit(open_round, code, dbg, "a.csv", return_bytes(code, open_round.period))
    first = benchmark(open_round, View.WORKING)
    figures = synthetic_returns([code], open_round.quarter, 1)[0].figures
    doubled = {item: value * 2 for item, value in figures.items()}
    services.submit(open_round, code, dbg, "b.csv", return_bytes(code, open_round.period, doubled))
    second = benchmark(open_round, View.WORKING)
    assert second.key != first.key
    assert _values(second.table, code, open_round.period) != _values(
        first.table, code, open_round.period
    )


def test_a_release_here_or_in_another_group_renews_the_released_tables(
    released_round, dbg, other_dbg
):
    mine = benchmark(released_round, View.RELEASED)
    before = generations.tokens(ALL)
    other_round(other_dbg, released_round.period, release=True)
    assert generations.tokens(ALL)[0] != before[0]
    after = benchmark(released_round, View.RELEASED)
    # The North East's release joins the South East's national quarter.
    assert after.key != mine.key
    assert _most_quarterly(after.table) >= _most_quarterly(mine.table) + len(OTHER_MEMBERS)


def test_an_imported_dataset_renews_the_national_token(released_round, dbg):
    mine = benchmark(released_round, View.RELEASED)
    before = generations.tokens(ALL)
    outside = ["878", "886", "881"]
    theirs = synthetic_returns(outside, released_round.quarter, 1)
    dataset = dataset_csv(
        [
            QuarterlyReturn(r.la_code, r.period, {k: Decimal(str(v)) for k, v in r.figures.items()})
            for r in theirs
        ],
        ["from the South West"],
    )
    sharing.import_national(dbg, "sw.csv", dataset, "South West", date.today())
    assert generations.tokens(ALL)[1] != before[1]
    after = benchmark(released_round, View.RELEASED)
    assert _most_quarterly(after.table) > _most_quarterly(mine.table)


def test_a_membership_ending_renews_the_membership_token_and_the_table(released_round):
    mine = benchmark(released_round, View.RELEASED)
    before = generations.tokens(ALL)
    leaving = Membership.objects.get(group__key=GROUP, la_code=MEMBERS[-1])
    leaving.ends_on = released_round.quarter.start + timedelta(days=1)
    leaving.save()
    assert generations.tokens(ALL)[2] != before[2]
    after = benchmark(released_round, View.RELEASED)
    assert after.key != mine.key


def test_tokens_are_drawn_afresh_not_counted(db):
    """After a restore from backup a counter would repeat values the cache holds for other
    data; drawn tokens do not repeat."""
    seen = set()
    for _ in range(20):
        generations.renew(generations.NATIONAL)
        seen.add(generations.tokens([generations.NATIONAL])[0])
    assert len(seen) == 20
    assert 0 not in seen
