"""Policies about people and the site as a whole."""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.permissions import policy


@policy("signed_in")
def signed_in(user: Any, obj: Any = None) -> bool:
    return bool(user.is_authenticated)


@policy("administrator")
def administrator(user: Any, obj: Any = None) -> bool:
    return bool(user.is_superuser or user.has_role(Role.ADMINISTRATOR))


@policy("manage_people")
def manage_people(user: Any, obj: Any = None) -> bool:
    """Inviting people and deactivating them when they leave: programme staff and
    administrators (only an administrator may invite or deactivate an administrator, which the
    pages check on the person)."""
    return bool(user.is_superuser or user.has_role(Role.PROGRAMME_STAFF, Role.ADMINISTRATOR))
