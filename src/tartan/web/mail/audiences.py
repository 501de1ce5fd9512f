"""Who a message goes to, by role and organisation (roles are a list on each person, which
SQLite cannot search inside, so the last filter is in Python over a small set)."""

from __future__ import annotations

from collections.abc import Iterable

from tartan.web.accounts.models import User
from tartan.web.accounts.roles import OrganisationKind, Position, Role


def _with_role(people: Iterable[User], roles: tuple[Role, ...]) -> list[User]:
    return [person for person in people if person.has_role(*roles)]


def la_people(la_codes: Iterable[str], *roles: Role) -> list[User]:
    """The active people of these LAs who hold one of the roles."""
    found = User.objects.filter(
        is_active=True, organisation__la_code__in=list(la_codes)
    ).select_related("organisation")
    return _with_role(found, roles or (Role.LA_ANALYST, Role.LA_KEY_STAFF))


def dcs_of(la_code: str) -> list[User]:
    found = User.objects.filter(
        is_active=True, organisation__la_code=la_code, position=Position.DCS.value
    )
    return _with_role(found, (Role.LA_KEY_STAFF,))


def holding(role: Role, kind: OrganisationKind, group_key: str | None = None) -> list[User]:
    """Everyone active of an organisation kind with the role (the DBG, the DfE, programme),
    of one group's organisation when ``group_key`` is given."""
    found = User.objects.filter(is_active=True, organisation__kind=kind.value)
    if group_key is not None:
        found = found.filter(organisation__group_key=group_key)
    return _with_role(found, (role,))


def dbg(group_key: str) -> list[User]:
    """The DBG of one group: each group's returns are its own DBG's business only."""
    return holding(Role.DBG_MEMBER, OrganisationKind.PROCESSOR, group_key)


def dfe_viewers() -> list[User]:
    return holding(Role.DFE_VIEWER, OrganisationKind.DFE)


def programme_staff(group_key: str | None = None) -> list[User]:
    return holding(Role.PROGRAMME_STAFF, OrganisationKind.PROGRAMME, group_key)
