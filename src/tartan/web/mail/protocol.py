"""Messages of the data sharing protocol: permission asked of each LA and its outcome, the DfE's
notice of wider use opening and closing."""

from __future__ import annotations

from django.urls import reverse

from tartan.reference.register import shipped_register
from tartan.web.accounts.roles import Role
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
