"""Who may do what with messages."""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.mail.models import WeeklyUpdate
from tartan.web.permissions import policy


@policy("own_messages")
def own_messages(user: Any, obj: Any = None) -> bool:
    """Everyone signed in chooses their own messages and sees those sent to them."""
    return bool(user.is_authenticated)


@policy("compose_weekly_update")
def compose_weekly_update(user: Any, obj: Any = None) -> bool:
    """The programme's staff write and send the weekly update."""
    return bool(user.has_role(Role.PROGRAMME_STAFF))


@policy("edit_weekly_update")
def edit_weekly_update(user: Any, update: WeeklyUpdate) -> bool:
    """An update can be previewed and sent by programme staff; once sent it is kept as it was."""
    return compose_weekly_update(user)
