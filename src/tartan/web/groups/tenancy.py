"""Each benchmarking group is a tenant (issue 15 item 1): its own DBG, members, rounds and
programme, and nobody sees another group's. Here is the one answer, for every app, to "does this
person serve that group's programme".

Programme staff belong to a programme organisation whose ``group_key`` names the group its
programme serves; staff of an organisation serving no group serve none (a half-set-up account
must not see every group's records).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tartan.web.accounts.roles import OrganisationKind, Role


def is_programme_staff(user: Any) -> bool:
    return bool(user.has_role(Role.PROGRAMME_STAFF))


def programme_group(user: Any) -> str | None:
    """The group whose programme this person serves, or None (not programme staff, or their
    organisation serves no group)."""
    if not getattr(user, "is_authenticated", False) or not is_programme_staff(user):
        return None
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return None
    return organisation.group_key or None


def programme_serving(user: Any, group_key: str) -> bool:
    """Programme staff of the programme that serves the group: another group's programme is as
    much an outsider to a group's records as another group's DBG."""
    return bool(group_key) and programme_group(user) == group_key


def own_organisations(group_key: str) -> QuerySet[Any]:
    """The organisations that are a group's own: its member LAs today, the programme serving it
    and its DBG's processor. (The DfE and partners are national: no group's own.)"""
    # Imported here: the models import this module for their default group.
    from django.db.models import Q
    from django.utils import timezone

    from tartan.web.accounts.models import Organisation
    from tartan.web.groups import registry

    members = registry.members_on(group_key, timezone.localdate())
    serving = (OrganisationKind.PROGRAMME, OrganisationKind.PROCESSOR)
    return Organisation.objects.filter(
        Q(kind=OrganisationKind.LOCAL_AUTHORITY, la_code__in=members)
        | Q(kind__in=serving, group_key=group_key)
    )


def default_group_key() -> str:
    """The service's default group (the groups file's ``default``): the group of records made
    before groups were tenants, and of records made outside a request (the demo, the tests)."""
    from tartan.reference.groups import shipped_groups

    return shipped_groups().default_key
