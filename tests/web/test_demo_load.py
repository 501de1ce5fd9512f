"""The demo loads the service's database: organisations, one account per role, the rounds."""

import django_otp
import polars as pl
import pytest

from tartan.catalogue import shipped_catalogue
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.web.accounts.models import User
from tartan.web.accounts.roles import Role
from tartan.web.collection.models import CollectionRound
from tartan.web.demo_load import ACCOUNTS, DEMO_PASSWORD, LATE_LA, load_demo_database

pytestmark = pytest.mark.django_db


def test_demo_database(tmp_path):
    members = list(shipped_groups().default.members)
    write_returns(
        synthetic_returns(members, Period.parse("2024-25 Q4"), 3),
        tmp_path,
        shipped_register(),
        shipped_catalogue(),
    )
    accounts, rounds = load_demo_database(tmp_path)
    assert rounds == 3
    assert {spec.role for spec, _ in accounts} == set(Role)
    for spec, factor in accounts:
        user = User.objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert bool(factor.key) == user.needs_two_factor
        if user.needs_two_factor:
            # Distinct codes, each of which works once.
            assert len(set(factor.backup_codes)) == len(factor.backup_codes) == 10
            code = factor.backup_codes[0]
            assert django_otp.match_token(user, code) is not None
            assert django_otp.match_token(user, code) is None
    released = [r for r in CollectionRound.objects.order_by("period") if r.is_released]
    assert [r.period for r in released] == ["2024-25 Q2", "2024-25 Q3"]
    newest = CollectionRound.objects.get(period="2024-25 Q4")
    assert not newest.is_released
    assert set(newest.versions.values_list("la_code", flat=True)) == set(members) - {LATE_LA}
    assert all(r.synthetic for r in CollectionRound.objects.all())
    from tartan.web.sharing.models import AgreedPurpose

    assert AgreedPurpose.objects.filter(organisation__name="Department for Education").count() == 4
    # The protocol is in force and acknowledged by every demo account but one, which is
    # asked at first sign-in (tartan.web.protocol.demo).
    from tartan.web.protocol.demo import NOT_YET_ACKNOWLEDGED
    from tartan.web.protocol.models import Acknowledgement
    from tartan.web.protocol.services import needs_acknowledgement

    asked = {
        spec.username
        for spec, _ in accounts
        if needs_acknowledgement(User.objects.get(username=spec.username))
    }
    assert asked == {NOT_YET_ACKNOWLEDGED}
    load_demo_database(tmp_path)  # again: nothing doubles
    assert Acknowledgement.objects.count() == len(ACCOUNTS) - 1
    assert AgreedPurpose.objects.count() == 4
    assert CollectionRound.objects.count() == 3
    assert User.objects.filter(username__in=[spec.username for spec in ACCOUNTS]).count() == len(
        ACCOUNTS
    )


def test_the_demo_loads_other_groups_with_every_quarter_released(tmp_path):
    """Other groups' returns beside the South East's become groups of their own, every quarter
    released: the national quarter the South East ranks against."""
    from tartan.web.groups.models import Membership
    from tartan.web.reports.data import View, benchmark_table

    quarter = Period.parse("2024-25 Q4")
    register, catalogue = shipped_register(), shipped_catalogue()
    south_east = tmp_path / "returns"
    write_returns(
        synthetic_returns(list(shipped_groups().default.members), quarter, 1),
        south_east,
        register,
        catalogue,
    )
    north_east = list(shipped_groups()["north-east"].members)
    write_returns(
        synthetic_returns(north_east, quarter, 2),
        tmp_path / "groups" / "north-east" / "returns",
        register,
        catalogue,
    )
    load_demo_database(south_east)
    theirs = CollectionRound.objects.filter(group_key="north-east").order_by("period")
    assert [r.period for r in theirs] == ["2024-25 Q3", "2024-25 Q4"]
    assert all(r.is_released for r in theirs)
    assert set(theirs.last().versions.values_list("la_code", flat=True)) == set(north_east)
    assert Membership.objects.filter(group__key="north-east").count() == len(north_east)
    dbg = User.objects.get(username="dbg.north-east")
    assert dbg.organisation.group_key == "north-east"
    # The South East's open quarter, in its DBG's working view, ranks against them.
    open_quarter = CollectionRound.objects.get(group_key="south-east")
    table = benchmark_table(open_quarter, View.WORKING)
    cpp = table.filter(pl.col("indicator_number") == 8)
    assert set(cpp["england_quarterly_n"].to_list()) == {18 + len(north_east)}


def test_the_demo_has_meetings_with_follow_up_and_a_peer_review(tmp_path):
    from tartan.web.evidence.models import PeerReview
    from tartan.web.governance.models import Meeting
    from tartan.web.governance.services import meetings

    members = list(shipped_groups().default.members)
    write_returns(
        synthetic_returns(members, Period.parse("2024-25 Q4"), 3),
        tmp_path,
        shipped_register(),
        shipped_catalogue(),
    )
    load_demo_database(tmp_path)
    load_demo_database(tmp_path)  # again: nothing doubles
    assert Meeting.objects.filter(kind="quarterly").count() == 1
    coming = Meeting.objects.filter(kind="steering").order_by("-held_on").first()
    assert [a.text for a in meetings.follow_up(coming)] == [
        "Share the front door audit tool with every DCS"
    ]
    dfe = User.objects.get(username="dfe")
    assert meetings.visible_to(dfe, programme=False).count() == 3
    assert PeerReview.objects.filter(la_code="845").count() == 1
