from __future__ import annotations

from typing import Any

from tartan.web.permissions import POLICIES, policy
from tartan.web.prepared.models import PreparedFile


@policy("use_prepared_file")
def use_prepared_file(user: Any, prepared: PreparedFile) -> bool:
    """Only the person who asked, and only while they may still see the quarter's overview."""
    return prepared.requested_by_id == user.pk and POLICIES["view_overview"](user, prepared.round)
