from __future__ import annotations

from datetime import date
from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.groups import registry
from tartan.web.permissions import policy


@policy("view_trends")
def view_trends(user: Any, la_code: str) -> bool:
    """An LA's own figures over time: its own people and the DBG of a group it belongs to."""
    group = registry.dbg_group(user)
    if group is not None and group in registry.groups_of(la_code, date.today()):
        return True
    return bool(user.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF)) and user.la_code == la_code


@policy("view_national")
def view_national(user: Any, obj: Any = None) -> bool:
    """The national view: every group's released quarters, for the DfE's regional leads."""
    return bool(user.has_role(Role.DFE_VIEWER))
