"""Dated membership: a round uses the members in force on the last day of its quarter; an LA
joins or leaves from a date; overlapping memberships are refused; the admin records each move."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.collection import services
from tartan.web.groups.models import BenchmarkingGroup, Membership
from tartan.web.groups.registry import members
from tests.web.conftest import GROUP, MEMBERS, signed_in

pytestmark = pytest.mark.django_db


def test_a_round_uses_the_members_on_the_last_day_of_its_quarter(dbg):
    leaving = Membership.objects.get(group__key=GROUP, la_code="871")
    leaving.ends_on = date(2025, 3, 30)  # the day before 2024-25 Q4 ends
    leaving.save()
    outsider = Membership.objects.create(
        group=BenchmarkingGroup.objects.get(key=GROUP),
        la_code="301",
        starts_on=date(2025, 3, 31),  # the last day of 2024-25 Q4
        note="elected to join (2023-24 MOU 5.5)",
    )
    q4 = services.open_round(dbg, GROUP, "2024-25 Q4", date.today() + timedelta(days=5))
    q3 = services.open_round(dbg, GROUP, "2024-25 Q3", date.today() + timedelta(days=5))
    assert "871" not in members(q4)
    assert "301" in members(q4)
    assert "871" in members(q3)
    assert "301" not in members(q3)
    assert len(members(q3)) == len(MEMBERS)
    with pytest.raises(ValidationError):
        Membership.objects.create(group=outsider.group, la_code="301", starts_on=date(2026, 1, 1))


def test_the_admin_records_a_join_with_an_audit_event(make_user):
    admin_user = make_user(Role.ADMINISTRATOR)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = signed_in(admin_user)
    group = BenchmarkingGroup.objects.get(key=GROUP)
    url = reverse("admin:groups_benchmarkinggroup_change", args=[group.pk])
    page = client.get(url)
    assert page.status_code == 200
    held = list(group.memberships.all())
    data = {
        "key": group.key,
        "name": group.name,
        "region_code": group.region_code,
        "processor": group.processor,
        "shares_national": "on",
        "memberships-TOTAL_FORMS": str(len(held) + 1),
        "memberships-INITIAL_FORMS": str(len(held)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, membership in enumerate(held):
        prefix = f"memberships-{index}-"
        data |= {
            prefix + "id": str(membership.pk),
            prefix + "group": str(group.pk),
            prefix + "la_code": membership.la_code,
            prefix + "starts_on": membership.starts_on.isoformat(),
            prefix + "ends_on": "",
            prefix + "note": membership.note,
        }
    new = f"memberships-{len(held)}-"
    data |= {
        new + "group": str(group.pk),
        new + "la_code": "301",
        new + "starts_on": "2026-04-01",
        new + "ends_on": "",
        new + "note": "elected to join",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    joined = Membership.objects.get(group=group, la_code="301")
    assert joined.recorded_by == admin_user
    event = AuditEvent.objects.get(summary__startswith="301 member of south-east")
    assert event.la_code_list == ["301"]
