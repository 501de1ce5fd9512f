"""Who takes part in a child-level data request, and how.

- **Asking**: a DBG member or programme staff on behalf of the group, or an LA's analyst or key
  staff on behalf of their LA; colleagues in the same organisation share the request.
- **Deciding**: the LA whose children the data is about is the data controller, so only its
  key staff (the DCS, heads of service) approve or refuse; its analysts see the request, attach
  the DPIA and upload the extract, but do not decide.
- **Receiving**: one named person, who signs in with two factors (DBG members, programme staff,
  LA key staff), of the asking organisation or of the DBG's processor, and never of the LA
  that holds the data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from tartan.reference.register import shipped_register
from tartan.web.accounts.models import User
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.childdata.models import ChildDataRequest
from tartan.web.groups import registry

GROUP_ROLES = (Role.DBG_MEMBER, Role.PROGRAMME_STAFF)
LA_PEOPLE = (Role.LA_ANALYST, Role.LA_KEY_STAFF)
REQUESTING_ROLES = (*GROUP_ROLES, *LA_PEOPLE)
RECIPIENT_ROLES = (Role.DBG_MEMBER, Role.PROGRAMME_STAFF, Role.LA_KEY_STAFF)


def la_name(code: str) -> str:
    la = shipped_register().get(code)
    return la.name if la is not None else code


def for_group(user: Any) -> bool:
    return bool(user.has_role(*GROUP_ROLES))


def on_behalf_of(user: Any) -> str:
    if for_group(user):
        names = [registry.group_name(k) for k in registry.groups_of_person(user, date.today())]
        return f"the {' and the '.join(names)}" if names else "the benchmarking group"
    return la_name(user.la_code)


def askable_las(user: Any) -> list[tuple[str, str]]:
    """The LAs whose child-level data this person may ask for: the members of the group, less
    their own LA (which holds its own data already)."""
    members = registry.groups_with_members_on(date.today())
    codes = {
        code
        for key in registry.groups_of_person(user, date.today())
        for code in members.get(key, [])
    }
    if not (for_group(user) or (user.has_role(*LA_PEOPLE) and user.la_code)):
        codes = set()
    codes.discard(user.la_code or "")
    return sorted(((code, la_name(code)) for code in codes), key=lambda pair: pair[1])


def recipients(user: Any, la_code: str | None = None) -> list[User]:
    """Who data asked for by ``user`` may go to."""
    candidates = (
        User.objects.filter(is_active=True)
        .filter(
            Q(organisation=user.organisation_id) | Q(organisation__kind=OrganisationKind.PROCESSOR)
        )
        .select_related("organisation")
        .order_by("first_name", "last_name", "username")
    )
    if la_code:
        candidates = candidates.exclude(organisation__la_code=la_code)
    return [person for person in candidates if person.has_role(*RECIPIENT_ROLES)]


def requesting_side(user: Any, request: ChildDataRequest) -> bool:
    return bool(user.has_role(*REQUESTING_ROLES)) and (
        user.pk == request.requester_id
        or user.organisation_id == request.requesting_organisation_id
    )


def controller_staff(user: Any, request: ChildDataRequest) -> bool:
    return bool(user.has_role(*LA_PEOPLE)) and user.la_code == request.la_code


def controller_decider(user: Any, request: ChildDataRequest) -> bool:
    return bool(user.has_role(Role.LA_KEY_STAFF)) and user.la_code == request.la_code


def is_recipient(user: Any, request: ChildDataRequest) -> bool:
    return bool(user.is_active) and user.pk == request.recipient_id


def oversees(user: Any, request: ChildDataRequest | None = None) -> bool:
    """The DBG runs the service for its group, retention and purging included: it sees every
    request about its group's authorities (never the data, unless it is the named recipient)."""
    group = registry.dbg_group(user)
    if group is None:
        return False
    return request is None or request.la_code in _group_las(group)


def _group_las(group: str) -> set[str]:
    return set(registry.groups_with_members_on(date.today()).get(group, []))


def visible_requests(user: Any) -> QuerySet[ChildDataRequest]:
    requests = ChildDataRequest.objects.select_related("requester", "recipient")
    if oversees(user):
        return requests.filter(la_code__in=_group_las(registry.dbg_group(user) or ""))
    mine = Q(recipient=user)
    if user.has_role(*REQUESTING_ROLES):
        mine |= Q(requester=user) | Q(requesting_organisation=user.organisation_id)
    if user.has_role(*LA_PEOPLE) and user.la_code:
        mine |= Q(la_code=user.la_code)
    return requests.filter(mine)
