"""Who approaches whom (memorandum 4.4.1).

"Colleagues should approach their peers: lead member to lead member; chief executive to chief
executive; DCS to DCS. SESLIP or LGA staff members should approach the DCS. Practice leaders or
other senior staff within a local authority should act through their DCS."

A post's value is the same string as the web service's ``Position`` (a test holds them equal),
so that a person's recorded position is read here without importing the web service.
"""

from __future__ import annotations

from enum import StrEnum


class Post(StrEnum):
    DCS = "dcs"
    CHIEF_EXECUTIVE = "chief_executive"
    LEAD_MEMBER = "lead_member"
    PROGRAMME_STAFF = "programme_staff"
    LGA_STAFF = "lga_staff"
    HEAD_OF_SERVICE = "head_of_service"
    PRACTICE_LEADER = "practice_leader"
    SENIOR_STAFF = "senior_staff"
    ANALYST = "analyst"
    OTHER = "other"


class Approach(StrEnum):
    """How a person in a post takes a worry to the authority concerned."""

    DIRECT = "direct"  # to their peer there
    THROUGH_OWN_DCS = "through_own_dcs"  # to their own DCS, who decides whether to raise it


POST_LABELS = {
    Post.DCS: "Director of Children's Services",
    Post.CHIEF_EXECUTIVE: "Chief Executive",
    Post.LEAD_MEMBER: "Lead Member for Children's Services",
    Post.PROGRAMME_STAFF: "programme staff",
    Post.LGA_STAFF: "LGA staff",
    Post.HEAD_OF_SERVICE: "head of service",
    Post.PRACTICE_LEADER: "practice leader",
    Post.SENIOR_STAFF: "senior staff",
    Post.ANALYST: "analyst",
    Post.OTHER: "staff",
}

# The peer each post approaches directly at the authority concerned.
PEER_OF: dict[Post, Post] = {
    Post.LEAD_MEMBER: Post.LEAD_MEMBER,
    Post.CHIEF_EXECUTIVE: Post.CHIEF_EXECUTIVE,
    Post.DCS: Post.DCS,
    Post.PROGRAMME_STAFF: Post.DCS,
    Post.LGA_STAFF: Post.DCS,
}

# Posts held in a local authority (the rest belong to the programme or the LGA).
LA_POSTS = frozenset(
    {
        Post.DCS,
        Post.CHIEF_EXECUTIVE,
        Post.LEAD_MEMBER,
        Post.HEAD_OF_SERVICE,
        Post.PRACTICE_LEADER,
        Post.SENIOR_STAFF,
        Post.ANALYST,
        Post.OTHER,
    }
)
PROGRAMME_POSTS = frozenset({Post.PROGRAMME_STAFF, Post.LGA_STAFF})


def approach_for(post: Post) -> Approach:
    """Every LA post that is not one of the three peers acts through its own DCS.

    The memorandum names practice leaders and other senior staff; an analyst or anyone else in
    an authority who has a worry is routed the same way rather than turned away, because their
    DCS then decides, as the memorandum wants, whether it is raised at all.
    """
    return Approach.DIRECT if post in PEER_OF else Approach.THROUGH_OWN_DCS


def peer_post(post: Post) -> Post:
    """The post of the person at the authority concerned who first hears the worry."""
    return PEER_OF.get(post, Post.DCS)
