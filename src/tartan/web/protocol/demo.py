"""The demo's data sharing protocol: version 1.0 is published and acknowledged by every demo
account but one, so that the demo opens straight onto its pages and still shows, for that one
account, the acknowledgement asked at first sign-in (docs/governance.md, "The protocol in
people's hands")."""

from __future__ import annotations

from datetime import date

from tartan.web.accounts.models import User
from tartan.web.protocol.models import Acknowledgement, ProtocolVersion

DEMO_VERSION = "1.0"
GROUP = "south-east"  # the demo's own group; the two released groups publish none
# The demo account asked to acknowledge the protocol when it first signs in.
NOT_YET_ACKNOWLEDGED = "keystaff"
SUMMARY = (
    "The South East's data sharing protocol: the benchmarking reports are shared within the "
    "group only; figures about another authority are not passed on, published or released under "
    "the Freedom of Information Act without the group's permission; every output carries its "
    "protective marking; worries about another authority's services follow the concerns "
    "protocol; child-level data only ever under an approved DPIA."
)


def load(publisher: User, accounts: list[User]) -> ProtocolVersion:
    """Publish the demo's version (once) and acknowledge it for every account but one."""
    version, _ = ProtocolVersion.objects.get_or_create(
        group_key=GROUP,
        version=DEMO_VERSION,
        defaults={
            "effective_on": date(2023, 4, 1),
            "summary": SUMMARY,
            "published_by": publisher,
        },
    )
    for person in accounts:
        if person.username != NOT_YET_ACKNOWLEDGED:
            Acknowledgement.objects.get_or_create(version=version, person=person)
    return version
