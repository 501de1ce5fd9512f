"""Messages about child-level data requests and worries: to the people with a part only, saying
what step waits, never what the request or the worry says."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tartan.web.accounts.roles import Role
from tartan.web.mail import audiences, outbox

# What each status of a child-level request asks of whom.
CHILD_DATA_STEPS = {
    "submitted": (
        "submitted: it waits for a DPIA and the data controller's decision",
        "controller",
    ),
    "dpia_attached": (
        "a DPIA is attached: it waits for the data controller's decision",
        "controller",
    ),
    "approved": (
        "approved: the LA that holds the data may now make and upload the extract",
        "both",
    ),
    "refused": ("refused by the data controller", "requester"),
    "data_received": ("the extract is ready for its named recipient", "recipient"),
    "purged": ("its data was purged at the end of its retention", "both"),
}


def child_data_step(request: Any) -> None:
    """Called whenever a request's record changes; each status is told once (dedupe)."""
    step = CHILD_DATA_STEPS.get(request.status)
    if step is None:
        return
    text, to = step
    controller = audiences.la_people([request.la_code], Role.LA_KEY_STAFF)
    people = {
        "controller": controller,
        "requester": [request.requester],
        "recipient": [request.recipient],
        "both": [request.requester, request.recipient, *controller],
    }[to]
    outbox.to_people(
        "child_data_step",
        people,
        {"reference": request.reference, "step": text},
        reverse("childdata:request", args=[request.pk]),
        dedupe=f"childdata{request.pk}-{request.status}",
    )


def worry_moved(worry: Any, person: Any) -> None:
    outbox.to_people(
        "worry_moved",
        [person],
        {"step": "there is something new for you to read, and perhaps to do"},
        reverse("concerns:worry", args=[worry.ref]),
    )
