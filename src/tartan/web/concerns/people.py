"""Who is who in the protocol: a person's post, the authorities they may name, the peer a worry
goes to, what a person is to a worry, and who may receive an escalation."""

from __future__ import annotations

from datetime import date
from typing import Any

from tartan.concerns.parts import Part
from tartan.concerns.posts import (
    LA_POSTS,
    PEER_OF,
    PROGRAMME_POSTS,
    Approach,
    Post,
    approach_for,
    peer_post,
)
from tartan.concerns.route import Move, Party
from tartan.concerns.visibility import present
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.concerns.models import PeerResponse, SteeringGroupMembership, Worry
from tartan.web.groups import registry
from tartan.web.groups.tenancy import own_organisations

STEERING_ROLES = (Role.LA_KEY_STAFF, Role.PROGRAMME_STAFF)


def protocol_post(user: Any) -> Post | None:
    """The post in which a person takes part in the protocol, or None if it does not name them.

    People of a member authority take part in their recorded position (the three peers must be
    key staff, with two factors); programme staff as programme or LGA staff. The DBG, the DfE,
    partners and administrators are not in the protocol whatever position is recorded for them.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.position not in Post._value2member_map_:
        return None
    post = Post(user.position)
    organisation = user.organisation
    if user.la_code is not None:
        if not registry.groups_of(user.la_code, date.today()) or post not in LA_POSTS:
            return None
        if post in PEER_OF:
            return post if user.has_role(Role.LA_KEY_STAFF) else None
        return post if user.has_role(Role.LA_KEY_STAFF, Role.LA_ANALYST) else None
    in_programme = organisation is not None and organisation.kind == OrganisationKind.PROGRAMME
    if in_programme and post in PROGRAMME_POSTS and user.has_role(Role.PROGRAMME_STAFF):
        return post
    return None


def authority_name(la_code: str) -> str:
    found = Organisation.objects.filter(la_code=la_code).first()
    return found.name if found is not None else la_code


def target_authorities(user: Any) -> list[Organisation]:
    """The authorities a person may raise a worry about: the other members of their groups."""
    members = registry.groups_with_members_on(date.today())
    keys = registry.groups_of_person(user, date.today())
    codes = {code for key in keys for code in members.get(key, [])} - {user.la_code or ""}
    authorities = Organisation.objects.filter(
        kind=OrganisationKind.LOCAL_AUTHORITY, la_code__in=codes
    )
    return list(authorities.order_by("name"))


def people_in_post(la_code: str, post: Post) -> list[User]:
    """The active key staff an authority has registered in a post."""
    found = User.objects.filter(
        is_active=True, organisation__la_code=la_code, position=post.value
    ).order_by("last_name", "username")
    return [person for person in found if person.has_role(Role.LA_KEY_STAFF)]


def first_move(user: Any) -> Move:
    post = protocol_post(user)
    if post is not None and approach_for(post) is Approach.THROUGH_OWN_DCS:
        return Move.REFER
    return Move.RAISE


def recipients(user: Any, la_code: str) -> list[User]:
    """Who a new worry would go to: the peer at the authority concerned, or the own DCS."""
    post = protocol_post(user)
    if post is None:
        return []
    if first_move(user) is Move.REFER:
        return people_in_post(user.la_code, Post.DCS)
    return people_in_post(la_code, peer_post(post))


def pick(candidates: list[User], chosen: User | None) -> User | None:
    if chosen is not None:
        return chosen if chosen in candidates else None
    return candidates[0] if len(candidates) == 1 else None


def agreed_parts(worry: Worry) -> frozenset[Part]:
    """What the peer agreed can be shared further (nothing before they have responded)."""
    response = PeerResponse.objects.filter(worry=worry).first()
    return response.agreed_parts if response is not None else frozenset()


def parties_of(user: Any, worry: Worry) -> frozenset[Party]:
    """What this person is to this worry, in its current state (nothing, for everyone else)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    held = set()
    if worry.referrer_id == user.pk:
        held.add(Party.REFERRER)
    if worry.raiser_id == user.pk:
        held.add(Party.RAISER)
    if worry.peer_id == user.pk:
        held.add(Party.PEER)
    if worry.steering_member_id == user.pk:
        held.add(Party.STEERING_MEMBER)
    return present(held, worry.current_state)


def eligible_members(worry: Worry) -> list[User]:
    """Current members of the steering groups of the groups the authority concerned is in who
    may receive this escalation: not from that authority and not already in the conversation.
    Another group's steering group hears nothing of it (each group is a tenant)."""
    in_it = {worry.referrer_id, worry.raiser_id, worry.peer_id}
    groups = registry.groups_of(worry.la_code, date.today())
    people = []
    seen: set[int] = set()
    for membership in (
        SteeringGroupMembership.objects.current()
        .filter(group_key__in=groups)
        .select_related("person__organisation")
    ):
        person = membership.person
        if person.pk in in_it or person.pk in seen or person.la_code == worry.la_code:
            continue
        if person.has_role(*STEERING_ROLES):
            seen.add(person.pk)
            people.append(person)
    return people


def steering_candidates(group_key: str) -> list[User]:
    """People who could sit on a group's steering group, not already members: key staff of the
    group's member authorities and the staff of the programme serving it."""
    current = set(
        SteeringGroupMembership.objects.current()
        .of_group(group_key)
        .values_list("person_id", flat=True)
    )
    everyone = User.objects.filter(
        is_active=True, organisation__in=own_organisations(group_key)
    ).select_related("organisation")
    return [
        person
        for person in everyone.order_by("last_name", "username")
        if person.pk not in current and person.has_role(*STEERING_ROLES)
    ]
