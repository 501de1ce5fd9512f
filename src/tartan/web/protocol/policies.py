"""Who may do what with the protocol: everyone signed in reads and acknowledges it; the DBG
publishes versions, sees who has and has not acknowledged, keeps the issues log and makes the
periodic report to DCSs (memorandum 5.5.3.v, 5.5.6)."""

from __future__ import annotations

from typing import Any

from tartan.web.groups.registry import dbg_group
from tartan.web.permissions import policy


def is_dbg(user: Any) -> bool:
    """A member of one group's DBG (through its processor organisation): what it sees of
    people and requests is that group's only."""
    return dbg_group(user) is not None


@policy("acknowledge_protocol")
def acknowledge_protocol(user: Any, obj: Any = None) -> bool:
    return bool(user.is_authenticated and user.is_active)


@policy("read_protocol_document")
def read_protocol_document(user: Any, obj: Any = None) -> bool:
    return bool(user.is_authenticated and user.is_active)


@policy("publish_protocol")
def publish_protocol(user: Any, obj: Any = None) -> bool:
    return is_dbg(user)


@policy("view_acknowledgements")
def view_acknowledgements(user: Any, obj: Any = None) -> bool:
    return is_dbg(user)


@policy("keep_protocol_issues")
def keep_protocol_issues(user: Any, obj: Any = None) -> bool:
    return is_dbg(user)


@policy("report_on_protocol")
def report_on_protocol(user: Any, obj: Any = None) -> bool:
    return is_dbg(user)
