"""Who may do what with child-level data requests (DOMAIN.md §6; the parts are in ``people``).

Each policy says who; whether the request's status allows the step now the services decide,
and the page says why not. A request a person has no part in is a 404, whatever its id.
"""

from __future__ import annotations

from typing import Any

from tartan.web.childdata import people
from tartan.web.childdata.models import ChildDataRequest, Dpia
from tartan.web.permissions import policy


@policy("view_child_data_requests")
def view_child_data_requests(user: Any, obj: Any = None) -> bool:
    """The list of requests: everyone who can ask for, hold or receive child-level data."""
    return bool(user.has_role(*people.REQUESTING_ROLES))


@policy("request_child_data")
def request_child_data(user: Any, obj: Any = None) -> bool:
    return bool(people.askable_las(user))


@policy("view_child_data_request")
def view_child_data_request(user: Any, request: ChildDataRequest) -> bool:
    return (
        people.oversees(user, request)
        or people.requesting_side(user, request)
        or people.controller_staff(user, request)
        or people.is_recipient(user, request)
    )


@policy("draft_child_data_request")
def draft_child_data_request(user: Any, request: ChildDataRequest) -> bool:
    """Change the details and fields of a draft, and submit it: the asking side."""
    return people.requesting_side(user, request)


@policy("attach_dpia")
def attach_dpia(user: Any, request: ChildDataRequest) -> bool:
    """The asking side (who often drafts the DPIA) or the LA holding the data."""
    return people.requesting_side(user, request) or people.controller_staff(user, request)


@policy("download_dpia")
def download_dpia(user: Any, dpia: Dpia) -> bool:
    """Whoever may see the request sees its DPIA (a governance record, not child data)."""
    return view_child_data_request(user, dpia.request)


@policy("decide_child_data_request")
def decide_child_data_request(user: Any, request: ChildDataRequest) -> bool:
    """Approve or refuse: key staff of the LA that holds the data, the data controller."""
    return people.controller_decider(user, request)


@policy("upload_child_data")
def upload_child_data(user: Any, request: ChildDataRequest) -> bool:
    """The LA that holds the data makes the extract (with its key) and uploads it."""
    return people.controller_staff(user, request)


@policy("download_child_data")
def download_child_data(user: Any, request: ChildDataRequest) -> bool:
    """Only the named recipient: not the DBG, not the LA, not the person who asked."""
    return people.is_recipient(user, request)


@policy("record_erasures")
def record_erasures(user: Any, obj: Any = None) -> bool:
    """An LA keeps its own erasure register in the service: its analysts and key staff."""
    return bool(user.has_role(*people.LA_PEOPLE)) and user.la_code is not None


@policy("manage_retention")
def manage_retention(user: Any, obj: Any = None) -> bool:
    """The retention page and its purge button: the DBG, which runs the service."""
    return people.oversees(user)
