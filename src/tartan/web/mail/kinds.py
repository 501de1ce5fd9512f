"""Every message the service sends, as data: who it is for, whether a person may turn it off,
and the facts its template may use.

A message says that something waits and links to it. Its facts are names, periods, dates,
counts of things waiting and links, never a figure of a return and never a word of a worry
(a test renders every kind and checks, and another reads each template's variables).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageKind:
    key: str
    label: str
    audience: str
    required: bool = False

    @property
    def template(self) -> str:
        return f"mail/{self.key}.txt"


KINDS = {
    kind.key: kind
    for kind in (
        MessageKind(
            "round_opened",
            "A collection round opens",
            "analysts and key staff of the group's LAs",
            required=True,
        ),
        MessageKind("deadline_soon", "A deadline is near", "analysts of LAs yet to submit"),
        MessageKind(
            "overdue",
            "Your return is overdue",
            "analysts and key staff of a late LA (the DCS too after the set delay)",
            required=True,
        ),
        MessageKind(
            "queries_to_explain",
            "Validation queries to explain",
            "analysts of the LA whose return has queries",
            required=True,
        ),
        MessageKind(
            "dbg_query_raised",
            "The DBG has a question about your return",
            "analysts and key staff of the LA",
            required=True,
        ),
        MessageKind("dbg_query_answered", "An LA answered a DBG question", "the DBG"),
        MessageKind("dbg_query_closed", "A DBG question is closed", "analysts of the LA"),
        MessageKind("signed_off", "A quarter is signed off", "analysts and key staff of the LAs"),
        MessageKind(
            "released", "A quarter is released", "key staff of the LAs and the DfE's viewers"
        ),
        MessageKind(
            "share_asked",
            "Permission to share is asked of your LA",
            "key staff of each LA asked",
            required=True,
        ),
        MessageKind(
            "foi_consultation",
            "An FOI request asks for your LA's answer",
            "key staff of each LA consulted",
            required=True,
        ),
        MessageKind("share_outcome", "The outcome of your request to share", "the requester"),
        MessageKind(
            "notice_opened",
            "The DfE gave notice of wider use",
            "the DBG and programme staff",
            required=True,
        ),
        MessageKind(
            "notice_closing", "A notice period is closing", "the DBG, programme staff, the DfE"
        ),
        MessageKind(
            "child_data_step",
            "A child-level data request moved",
            "the people with a part in the request",
            required=True,
        ),
        MessageKind(
            "worry_moved",
            "A worry you are part of moved",
            "the worry's parties only",
            required=True,
        ),
        MessageKind(
            "signatures_outstanding",
            "Memorandum signatures outstanding",
            "programme staff and the LA's key staff",
        ),
        MessageKind("review_due", "A memorandum review is due", "programme staff"),
        MessageKind("invoice_due", "An invoice is due", "the LA's key staff and programme staff"),
        MessageKind(
            "invoice_overdue", "An invoice is overdue", "the LA's key staff and programme staff"
        ),
        MessageKind(
            "invitation", "An invitation to the service", "the person invited", required=True
        ),
        MessageKind(
            "meeting_invitation",
            "An invitation to a programme meeting",
            "the people invited to the meeting",
            required=True,
        ),
        MessageKind(
            "password_reset", "Resetting your password", "the person asking", required=True
        ),
        MessageKind(
            "complaint_received",
            "Your complaint is received",
            "the person who made a complaint about the programme",
            required=True,
        ),
        MessageKind(
            "weekly_update", "The programme's weekly update", "the directory's subscribers"
        ),
    )
}

# The facts a message's template may use (checked by a test on every template).
FACTS = frozenset(
    {
        "name",
        "period",
        "deadline",
        "days",
        "la_name",
        "link",
        "count",
        "subject",
        "purpose",
        "recipient",
        "reference",
        "state",
        "title",
        "due",
        "group",
        "step",
        "valid_until",
        "unsubscribe",
        "site",
        "items",
        "news",
        "preferences",
    }
)


def optional_kinds() -> list[MessageKind]:
    return [kind for kind in KINDS.values() if not kind.required]
