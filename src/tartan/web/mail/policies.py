"""Who may do what with messages."""

from __future__ import annotations

from typing import Any

from tartan.web.groups.tenancy import programme_group, programme_serving
from tartan.web.mail.models import WeeklyUpdate
from tartan.web.permissions import policy


@policy("own_messages")
def own_messages(user: Any, obj: Any = None) -> bool:
    """Everyone signed in chooses their own messages and sees those sent to them."""
    return bool(user.is_authenticated)


@policy("compose_weekly_update")
def compose_weekly_update(user: Any, obj: Any = None) -> bool:
    """The programme's staff write and send the weekly update (staff of a programme serving no
    group have no directory to send it to)."""
    return programme_group(user) is not None


@policy("edit_weekly_update")
def edit_weekly_update(user: Any, update: WeeklyUpdate) -> bool:
    """An update can be previewed and sent by its own group's programme staff; once sent it is
    kept as it was."""
    return programme_serving(user, update.group_key)
