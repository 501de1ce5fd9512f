"""Whose accounts a person may manage (invite, deactivate, invite again, see in the list).

Each benchmarking group is a tenant, so a group's programme staff manage the people of their own
group only: their programme, the group's DBG processor, and the LAs that are members of the
group today. Another group's people, the DfE's and partners' (who are national, not any group's)
are an administrator's to manage; an administrator manages everyone. Programme staff of an
organisation serving no group manage nobody.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import Role
from tartan.web.groups.tenancy import own_organisations, programme_group


def is_administrator(user: Any) -> bool:
    return bool(user.is_superuser or user.has_role(Role.ADMINISTRATOR))


def managed_organisations(user: Any) -> QuerySet[Organisation]:
    if is_administrator(user):
        return Organisation.objects.all()
    key = programme_group(user)
    if key is None:
        return Organisation.objects.none()
    return own_organisations(key)


def managed_people(user: Any) -> QuerySet[User]:
    if is_administrator(user):
        return User.objects.all()
    return User.objects.filter(organisation__in=managed_organisations(user))
