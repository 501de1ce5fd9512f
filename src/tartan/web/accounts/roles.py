"""Roles, organisation kinds, and which roles need two factors.

Two factors are required for every role that can see another LA's unpublished figures: key
staff (every rug of the group once released), the DBG, programme staff (meeting packs hold the
released overview), the DfE (released summaries) and administrators. An LA analyst sees only
their own LA's figures; a partner only what an LA chose to share, concealed.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    LA_ANALYST = "la_analyst"
    LA_KEY_STAFF = "la_key_staff"
    DBG_MEMBER = "dbg_member"
    PROGRAMME_STAFF = "programme_staff"
    DFE_VIEWER = "dfe_viewer"
    PARTNER_VIEWER = "partner_viewer"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.LA_ANALYST: "LA analyst",
    Role.LA_KEY_STAFF: "LA key staff",
    Role.DBG_MEMBER: "Data benchmarking group member",
    Role.PROGRAMME_STAFF: "Programme staff",
    Role.DFE_VIEWER: "DfE viewer",
    Role.PARTNER_VIEWER: "Partner viewer",
    Role.ADMINISTRATOR: "Administrator",
}

TWO_FACTOR_ROLES = frozenset(
    {Role.LA_KEY_STAFF, Role.DBG_MEMBER, Role.PROGRAMME_STAFF, Role.DFE_VIEWER, Role.ADMINISTRATOR}
)


class OrganisationKind(StrEnum):
    LOCAL_AUTHORITY = "la"
    PROCESSOR = "processor"  # the data benchmarking group's processor (ESCC)
    DFE = "dfe"
    PARTNER = "partner"  # Ofsted, police, health and other partners
    PROGRAMME = "programme"  # the sector-led improvement programme (SESLIP)


# Which roles a person of each kind of organisation may hold.
ROLES_BY_KIND = {
    OrganisationKind.LOCAL_AUTHORITY: {Role.LA_ANALYST, Role.LA_KEY_STAFF},
    OrganisationKind.PROCESSOR: {Role.DBG_MEMBER, Role.ADMINISTRATOR},
    OrganisationKind.DFE: {Role.DFE_VIEWER},
    OrganisationKind.PARTNER: {Role.PARTNER_VIEWER},
    OrganisationKind.PROGRAMME: {Role.PROGRAMME_STAFF, Role.ADMINISTRATOR},
}


def role_problems(kind: str | None, roles: list[str]) -> list[str]:
    """Why these roles cannot be held in an organisation of this kind (empty when they can).

    A role follows the organisation: a partner's account can never be a DBG member, an LA's
    never the DfE's. Without an organisation a person holds no role.
    """
    unknown = [r for r in roles if r not in Role._value2member_map_]
    if unknown:
        return [f"unknown role {', '.join(unknown)}"]
    if not roles:
        return []
    if kind is None:
        return ["a person with a role must belong to an organisation"]
    allowed = ROLES_BY_KIND.get(OrganisationKind(kind), set())
    refused = [ROLE_LABELS[Role(r)] for r in roles if Role(r) not in allowed]
    if not refused:
        return []
    may = ", ".join(sorted(ROLE_LABELS[r] for r in allowed)) or "no role"
    return [
        f"{' and '.join(refused)} cannot be held in a {KIND_LABELS[OrganisationKind(kind)]} "
        f"(its people may hold: {may})"
    ]


KIND_LABELS = {
    OrganisationKind.LOCAL_AUTHORITY: "local authority",
    OrganisationKind.PROCESSOR: "data benchmarking group's processor",
    OrganisationKind.DFE: "Department for Education",
    OrganisationKind.PARTNER: "partner organisation",
    OrganisationKind.PROGRAMME: "improvement programme",
}


class Position(StrEnum):
    """A person's job, which the concerns protocol and memoranda signatures route by."""

    DCS = "dcs"
    CHIEF_EXECUTIVE = "chief_executive"
    LEAD_MEMBER = "lead_member"
    HEAD_OF_SERVICE = "head_of_service"
    PRACTICE_LEADER = "practice_leader"
    SENIOR_STAFF = "senior_staff"
    ANALYST = "analyst"
    PROGRAMME_STAFF = "programme_staff"
    LGA_STAFF = "lga_staff"
    DFE_REGIONAL_LEAD = "dfe_regional_lead"
    OTHER = "other"


POSITION_LABELS = {
    Position.DCS: "Director of Children's Services",
    Position.CHIEF_EXECUTIVE: "Chief Executive",
    Position.LEAD_MEMBER: "Lead Member for Children's Services",
    Position.HEAD_OF_SERVICE: "Head of service",
    Position.PRACTICE_LEADER: "Practice leader",
    Position.SENIOR_STAFF: "Other senior staff",
    Position.ANALYST: "Analyst",
    Position.PROGRAMME_STAFF: "Programme staff",
    Position.LGA_STAFF: "LGA staff",
    Position.DFE_REGIONAL_LEAD: "DfE regional improvement lead",
    Position.OTHER: "Other",
}
