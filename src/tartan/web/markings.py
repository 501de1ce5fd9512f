"""The protective marking on the service's pages and downloads: who they were made for, when."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tartan.marking import ProtectiveMarking
from tartan.web.groups.registry import group_name


def marking_for(
    request: HttpRequest, group_key: str, synthetic: bool, unpublished: bool = True
) -> ProtectiveMarking:
    return marking_of(request.user, group_key, synthetic, unpublished)


def marking_of(
    user: Any, group_key: str, synthetic: bool, unpublished: bool = True
) -> ProtectiveMarking:
    """The marking for ``user``: also for files prepared in the background for them."""
    organisation = getattr(user, "organisation", None)
    who = f"{user.display_name}, {organisation}" if organisation else user.display_name  # type: ignore[union-attr]
    return ProtectiveMarking(
        produced_for=who,
        group=group_name(group_key),
        unpublished=unpublished,
        synthetic=synthetic,
    )
