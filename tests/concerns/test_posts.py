"""Who approaches whom (memorandum 4.4.1)."""

import pytest

from tartan.concerns.posts import LA_POSTS, PROGRAMME_POSTS, Approach, Post, approach_for, peer_post
from tartan.web.accounts.roles import Position


@pytest.mark.parametrize(
    ("post", "peer"),
    [
        (Post.LEAD_MEMBER, Post.LEAD_MEMBER),
        (Post.CHIEF_EXECUTIVE, Post.CHIEF_EXECUTIVE),
        (Post.DCS, Post.DCS),
        (Post.PROGRAMME_STAFF, Post.DCS),
        (Post.LGA_STAFF, Post.DCS),
    ],
)
def test_the_three_peers_and_programme_staff_approach_directly(post, peer):
    assert approach_for(post) is Approach.DIRECT
    assert peer_post(post) is peer


@pytest.mark.parametrize(
    "post",
    [Post.PRACTICE_LEADER, Post.SENIOR_STAFF, Post.HEAD_OF_SERVICE, Post.ANALYST, Post.OTHER],
)
def test_other_staff_of_an_authority_act_through_their_dcs(post):
    assert approach_for(post) is Approach.THROUGH_OWN_DCS
    # once their DCS raises it, it goes DCS to DCS
    assert peer_post(post) is Post.DCS


def test_every_post_is_a_position_the_web_service_records():
    assert {p.value for p in Post} <= {p.value for p in Position}


def test_posts_are_either_in_an_authority_or_in_the_programme():
    assert set(Post) == LA_POSTS | PROGRAMME_POSTS
    assert not LA_POSTS & PROGRAMME_POSTS
