"""Who may do what with FOI requests: an LA's key staff record the requests their LA receives
and decide them; key staff of a consulted LA answer for it; the DBG sees every request of the
group (it answers questions about the figures). Nobody else sees them."""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.groups.registry import dbg_for
from tartan.web.permissions import policy


def key_staff_of(user: Any, la_code: str) -> bool:
    return bool(user.has_role(Role.LA_KEY_STAFF)) and user.la_code == la_code


@policy("use_foi")
def use_foi(user: Any, obj: Any = None) -> bool:
    return bool(user.has_role(Role.LA_KEY_STAFF, Role.DBG_MEMBER))


@policy("record_foi")
def record_foi(user: Any, obj: Any = None) -> bool:
    return bool(user.has_role(Role.LA_KEY_STAFF)) and bool(user.la_code)


@policy("view_foi")
def view_foi(user: Any, foi: Any) -> bool:
    if dbg_for(user, foi.group_key):
        return True
    if key_staff_of(user, foi.la_code):
        return True
    return (
        bool(user.has_role(Role.LA_KEY_STAFF))
        and foi.consultations.filter(la_code=user.la_code).exists()
    )


@policy("answer_foi")
def answer_foi(user: Any, foi: Any) -> bool:
    return (
        bool(user.has_role(Role.LA_KEY_STAFF))
        and foi.consultations.filter(la_code=user.la_code).exists()
    )


@policy("decide_foi")
def decide_foi(user: Any, foi: Any) -> bool:
    return key_staff_of(user, foi.la_code)
