"""Messages of the data sharing protocol: permission asked of each LA and its outcome, the DfE's
notice of wider use opening and closing; the LAs consulted on an FOI request."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tartan.reference.register import shipped_register
from tartan.web.accounts.roles import Role
from tartan.web.groups.registry import group_name
from tartan.web.mail import audiences, outbox
from tartan.web.sharing.models import RequestKind, ShareRequest


def _facts(share: ShareRequest) -> dict[str, str]:
    return {
        "period": share.round.period,
        "recipient": share.recipient,
        "purpose": share.purpose,
        "reference": f"{share.pk}",
    }


def share_asked(share: ShareRequest, codes: list[str]) -> None:
    link = reverse("sharing:request", args=[share.pk])
    register = shipped_register()
    for code in codes:
        outbox.to_people(
            "share_asked",
            audiences.la_people([code], Role.LA_KEY_STAFF),
            {**_facts(share), "la_name": register[code].name},
            link,
            dedupe=f"share{share.pk}-{code}",
        )
    if share.kind == RequestKind.CROSS_GOVERNMENT:
        outbox.to_people(
            "notice_opened",
            [
                *audiences.dbg(share.round.group_key),
                *audiences.programme_staff(share.round.group_key),
            ],
            {**_facts(share), "due": share.notice_ends},
            link,
            dedupe=f"notice{share.pk}",
        )


def share_outcome(share: ShareRequest, state: str) -> None:
    """When the request is decided: approved (everyone agreed) or refused."""
    outbox.to_people(
        "share_outcome",
        [share.requested_by],
        {**_facts(share), "state": state},
        reverse("sharing:request", args=[share.pk]),
        dedupe=f"outcome{share.pk}-{state}",
    )


def foi_consultation(foi: Any, codes: list[str]) -> None:
    """Each consulted LA's key staff (the people who may answer for it) are told of an FOI
    request: its reference, who received it and the deadline, with the link to answer. Never
    what is asked: that is read in the service, behind the request's own permission."""
    register = shipped_register()
    link = reverse("foi:detail", args=[foi.pk])
    facts = {
        "reference": foi.reference,
        "la_name": register[foi.la_code].name,
        "group": group_name(foi.group_key),
        "deadline": foi.respond_by,
    }
    for code in codes:
        outbox.to_people(
            "foi_consultation",
            audiences.la_people([code], Role.LA_KEY_STAFF),
            facts,
            link,
            dedupe=f"foi{foi.pk}-{code}",
        )
