from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.permissions import policy


def administers(user: Any) -> bool:
    return bool(user.is_superuser or user.has_role(Role.ADMINISTRATOR))


@policy("view_audit_all")
def view_audit_all(user: Any, obj: Any = None) -> bool:
    """The DBG sees every event."""
    return bool(user.has_role(Role.DBG_MEMBER, Role.ADMINISTRATOR))


@policy("view_own_audit")
def view_own_audit(user: Any, obj: Any = None) -> bool:
    """An LA sees who has viewed or downloaded its own figures: its data remains its data."""
    return bool(user.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF)) and user.la_code is not None
