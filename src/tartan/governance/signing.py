"""Who must sign, and who still has to: for a memorandum, an extension or a variation.

Each party signs through the people its kind requires: an LA through its Director of
Children's Services, Chief Executive and Lead Member (or those of them the memorandum asks
for), the DfE through its regional improvement lead, any other party through an authorised
signatory. Where the memorandum allows it, the regional lead signs once on behalf of every
member LA (as in 2019, when the DCS of East Sussex signed for all 19).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class PartyKind(StrEnum):
    LA = "la"
    DFE = "dfe"
    OTHER = "other"


class SignatoryRole(StrEnum):
    DCS = "dcs"
    CHIEF_EXECUTIVE = "chief_executive"
    LEAD_MEMBER = "lead_member"
    DFE_REGIONAL_LEAD = "dfe_regional_lead"
    REGIONAL_LEAD = "regional_lead"
    AUTHORISED = "authorised"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    SignatoryRole.DCS: "Director of Children's Services",
    SignatoryRole.CHIEF_EXECUTIVE: "Chief Executive",
    SignatoryRole.LEAD_MEMBER: "Lead Member for Children's Services",
    SignatoryRole.DFE_REGIONAL_LEAD: "DfE regional improvement lead",
    SignatoryRole.REGIONAL_LEAD: "Regional lead, on behalf of every member LA",
    SignatoryRole.AUTHORISED: "Authorised signatory",
}
LA_ROLES = (SignatoryRole.DCS, SignatoryRole.CHIEF_EXECUTIVE, SignatoryRole.LEAD_MEMBER)


class SigningError(ValueError):
    """A signature the memorandum does not provide for."""


@dataclass(frozen=True)
class Party:
    key: str
    name: str
    kind: PartyKind


@dataclass(frozen=True)
class Signed:
    party_key: str
    role: SignatoryRole


@dataclass(frozen=True)
class Missing:
    party: Party
    role: SignatoryRole

    @property
    def text(self) -> str:
        return f"{self.party.name}: {self.role.label}"


def required_roles(kind: PartyKind, la_roles: Sequence[SignatoryRole]) -> tuple[SignatoryRole, ...]:
    if kind is PartyKind.LA:
        return tuple(la_roles)
    if kind is PartyKind.DFE:
        return (SignatoryRole.DFE_REGIONAL_LEAD,)
    return (SignatoryRole.AUTHORISED,)


def allowed_roles(
    kind: PartyKind, la_roles: Sequence[SignatoryRole], regional_lead_may_sign: bool
) -> tuple[SignatoryRole, ...]:
    roles = required_roles(kind, la_roles)
    if kind is PartyKind.LA and regional_lead_may_sign:
        roles += (SignatoryRole.REGIONAL_LEAD,)
    return roles


def check_signature(
    party: Party,
    role: SignatoryRole,
    la_roles: Sequence[SignatoryRole],
    regional_lead_may_sign: bool,
) -> None:
    if role not in allowed_roles(party.kind, la_roles, regional_lead_may_sign):
        raise SigningError(f"{party.name} does not sign as {role.label} on this memorandum")


def missing_signatures(
    parties: Iterable[Party], signed: Iterable[Signed], la_roles: Sequence[SignatoryRole]
) -> list[Missing]:
    """Each (party, role) still to sign, in party order; empty when everybody has signed."""
    done = {(s.party_key, s.role) for s in signed}
    for_all_las = any(role is SignatoryRole.REGIONAL_LEAD for _, role in done)
    missing: list[Missing] = []
    for party in parties:
        if party.kind is PartyKind.LA and for_all_las:
            continue
        missing.extend(
            Missing(party, role)
            for role in required_roles(party.kind, la_roles)
            if (party.key, role) not in done
        )
    return missing
