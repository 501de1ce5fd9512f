"""Who is in which group, on which day, and the DBG of each group."""

from __future__ import annotations

from datetime import date
from typing import Any

from tartan.reference.groups import BenchmarkingGroup as GroupSpec
from tartan.reference.groups import Groups
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.groups.models import BenchmarkingGroup, Membership
from tartan.web.request_memo import remembered

MEMBERSHIP = "membership"  # the request memo's kind for who is in which group


class UnknownGroup(LookupError):
    """A group key the service does not hold."""


def group(key: str) -> BenchmarkingGroup:
    found = BenchmarkingGroup.objects.filter(key=key).first()
    if found is None:
        raise UnknownGroup(f"no benchmarking group '{key}'")
    return found


def group_name(key: str) -> str:
    return group(key).name


def members_on(key: str, day: date) -> list[str]:
    # A picker asks this for forty quarter ends: the group's memberships are read once per request.
    spans = remembered(MEMBERSHIP, key, lambda: _membership_spans(key))
    return sorted(
        code for code, starts, ends in spans if starts <= day and (ends is None or ends >= day)
    )


def _membership_spans(key: str) -> list[tuple[str, date, date | None]]:
    return list(
        Membership.objects.filter(group__key=key).values_list("la_code", "starts_on", "ends_on")
    )


def members(round_: Any) -> list[str]:
    """A round's members: those in force on the last day of its quarter."""
    return members_on(round_.group_key, round_.quarter.end)


def spec(round_: Any) -> GroupSpec:
    """The group as the library's benchmark takes it, with the round's members."""
    found = group(round_.group_key)
    return GroupSpec(
        key=found.key,
        name=found.name,
        region_code=found.region_code,
        processor=found.processor,
        members=tuple(members(round_)),
    )


def groups_of(la_code: str, day: date) -> list[str]:
    return sorted(
        Membership.objects.in_force(day)
        .filter(la_code=la_code)
        .values_list("group__key", flat=True)
    )


def groups_with_members_on(day: date) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, code in Membership.objects.in_force(day).values_list("group__key", "la_code"):
        found.setdefault(key, []).append(code)
    return found


def dbg_group(user: Any) -> str | None:
    """The group whose DBG this person is a member of (through their processor organisation)."""
    if not user.is_authenticated or not user.has_role(Role.DBG_MEMBER):
        return None
    organisation = user.organisation
    if organisation is None or organisation.kind != OrganisationKind.PROCESSOR:
        return None
    return organisation.group_key or None


def dbg_for(user: Any, key: str) -> bool:
    return dbg_group(user) == key


def groups_of_person(user: Any, day: date) -> list[str]:
    """The groups a person works in: an LA's through its memberships; the DBG's processor and
    the programme's staff through the group their organisation serves."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.la_code:
        return groups_of(user.la_code, day)
    organisation = user.organisation
    if organisation is not None and organisation.kind in (
        OrganisationKind.PROCESSOR,
        OrganisationKind.PROGRAMME,
    ):
        return [organisation.group_key] if organisation.group_key else []
    return []


def seed(groups: Groups, starts_on: date) -> int:
    """Create the groups of a groups file and their memberships from ``starts_on`` (once)."""
    made = 0
    for spec_ in groups.groups.values():
        held, _ = BenchmarkingGroup.objects.get_or_create(
            key=spec_.key,
            defaults={
                "name": spec_.name,
                "region_code": spec_.region_code,
                "processor": spec_.processor,
            },
        )
        for code in spec_.members:
            if not Membership.objects.filter(group=held, la_code=code).exists():
                Membership.objects.create(
                    group=held, la_code=code, starts_on=starts_on, note="seeded from groups.toml"
                )
                made += 1
    return made
