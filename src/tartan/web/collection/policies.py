"""Who may do what in a collection round (DOMAIN.md §1, §2 and §6).

Each benchmarking group is a tenant: its DBG manages its own rounds only. Before release nobody
outside the group's DBG and the submitting LA sees a quarter's figures; after release, key staff
of member LAs see every rug of the group, LA analysts their own, the group's programme staff the
released summaries, and the DfE every group's released quarters.
"""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.collection.models import CollectionRound, DbgQuery, ReturnVersion
from tartan.web.collection.services import members
from tartan.web.groups import registry
from tartan.web.permissions import policy

LA_PEOPLE = (Role.LA_ANALYST, Role.LA_KEY_STAFF)


def is_dbg(user: Any) -> bool:
    """A member of some group's DBG (pages without an object: lists, forms to open a round)."""
    return registry.dbg_group(user) is not None


def dbg_of(user: Any, round_: CollectionRound) -> bool:
    """A member of the DBG of the round's own group."""
    return registry.dbg_for(user, round_.group_key)


def programme_of(user: Any, round_: CollectionRound) -> bool:
    """Programme staff of the programme that serves the round's group."""
    organisation = getattr(user, "organisation", None)
    return bool(
        user.has_role(Role.PROGRAMME_STAFF)
        and organisation is not None
        and organisation.group_key == round_.group_key
    )


def own_la(user: Any, la_code: str) -> bool:
    return bool(user.has_role(*LA_PEOPLE) and user.la_code == la_code)


def in_group(user: Any, round_: CollectionRound) -> bool:
    return user.la_code is not None and user.la_code in members(round_)


@policy("view_rounds")
def view_rounds(user: Any, obj: Any = None) -> bool:
    return is_dbg(user) or bool(user.has_role(*LA_PEOPLE))


@policy("manage_rounds")
def manage_rounds(user: Any, obj: Any = None) -> bool:
    """Open rounds, see the dashboard, raise queries, sign off and release: the DBG, each of
    its own group's rounds."""
    if isinstance(obj, CollectionRound):
        return dbg_of(user, obj)
    return is_dbg(user)


@policy("submit_return")
def submit_return(user: Any, round_: CollectionRound) -> bool:
    """An LA's analysts, while the quarter is not released."""
    return (
        bool(user.has_role(Role.LA_ANALYST)) and in_group(user, round_) and not round_.is_released
    )


@policy("chase_late_return")
def chase_late_return(user: Any, target: tuple[CollectionRound, str]) -> bool:
    """The DBG chases a member LA whose return is late, while the round is open."""
    round_, la_code = target
    return dbg_of(user, round_) and la_code in members(round_) and not round_.is_released


@policy("view_return")
def view_return(user: Any, target: tuple[CollectionRound, str]) -> bool:
    round_, la_code = target
    return (dbg_of(user, round_) or own_la(user, la_code)) and la_code in members(round_)


@policy("explain_queries")
def explain_queries(user: Any, target: tuple[CollectionRound, str]) -> bool:
    round_, la_code = target
    return (
        bool(user.has_role(Role.LA_ANALYST))
        and user.la_code == la_code
        and la_code in members(round_)
    )


@policy("add_context_note")
def add_context_note(user: Any, target: tuple[CollectionRound, str]) -> bool:
    round_, la_code = target
    return own_la(user, la_code) and la_code in members(round_)


@policy("raise_query")
def raise_query(user: Any, target: tuple[CollectionRound, str]) -> bool:
    round_, la_code = target
    return dbg_of(user, round_) and la_code in members(round_)


@policy("view_query")
def view_query(user: Any, query: DbgQuery) -> bool:
    return dbg_of(user, query.round) or own_la(user, query.la_code)


@policy("download_version")
def download_version(user: Any, version: ReturnVersion) -> bool:
    return dbg_of(user, version.round) or own_la(user, version.la_code)


@policy("view_rug")
def view_rug(user: Any, target: tuple[CollectionRound, str]) -> bool:
    round_, la_code = target
    if la_code not in members(round_):
        return False
    if dbg_of(user, round_):
        return True
    if not round_.is_released:
        return False
    if user.has_role(Role.LA_KEY_STAFF) and in_group(user, round_):
        return True
    if user.has_role(Role.LA_ANALYST) and user.la_code == la_code:
        return True
    return bool(user.has_role(Role.DFE_VIEWER)) or programme_of(user, round_)


@policy("view_overview")
def view_overview(user: Any, round_: CollectionRound) -> bool:
    if dbg_of(user, round_):
        return True
    if not round_.is_released:
        return False
    if user.has_role(Role.LA_KEY_STAFF) and in_group(user, round_):
        return True
    return bool(user.has_role(Role.DFE_VIEWER)) or programme_of(user, round_)
