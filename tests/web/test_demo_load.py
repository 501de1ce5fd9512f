"""The demo loads the service's database: organisations, one account per role, the rounds."""

import django_otp
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
    load_demo_database(tmp_path)  # again: nothing doubles
    assert AgreedPurpose.objects.count() == 4
    assert CollectionRound.objects.count() == 3
    assert User.objects.filter(username__in=[spec.username for spec in ACCOUNTS]).count() == len(
        ACCOUNTS
    )
