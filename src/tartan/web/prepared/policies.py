from __future__ import annotations

from typing import Any

from tartan.web.permissions import POLICIES, policy
from tartan.web.prepared.models import PreparedFile, PreparedKind


@policy("use_prepared_file")
def use_prepared_file(user: Any, prepared: PreparedFile) -> bool:
    """Only the person who asked, and only while they may still see the quarter's overview."""
    may_see = "view_meeting_pack" if prepared.kind == PreparedKind.MEETING_PACK else "view_overview"
    return prepared.requested_by_id == user.pk and POLICIES[may_see](user, prepared.round)


@policy("view_meeting_pack")
def view_meeting_pack(user: Any, round_: Any) -> bool:
    """The group's own: its DBG at any time (marked DRAFT before release), and key staff of
    its member LAs once the quarter is released. The pack holds every rug and the DBG's
    commentary for the group's meeting, so it is not for others who may see the rugs."""
    from tartan.web.accounts.roles import Role
    from tartan.web.collection.policies import dbg_of, in_group

    if dbg_of(user, round_):
        return True
    return bool(round_.is_released and user.has_role(Role.LA_KEY_STAFF) and in_group(user, round_))


@policy("write_pack_commentary")
def write_pack_commentary(user: Any, round_: Any) -> bool:
    """Only the group's DBG writes the pack's commentary."""
    from tartan.web.collection.policies import dbg_of

    return bool(dbg_of(user, round_))
