"""Who sees an LA's peer reviews and its evidence pack: the LA's own key staff (who share it
with Ofsted), the DBG of its group, and the programme staff of its group. Peer review reports
are internal and limited use (memorandum 5.5.3.i), so nobody else: not the LA's analysts, not
other LAs, not another group's DBG or programme, not the DfE or partners."""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.groups import registry
from tartan.web.groups.tenancy import programme_serving
from tartan.web.permissions import policy


def _programme(user: Any) -> bool:
    return bool(user.has_role(Role.PROGRAMME_STAFF))


def sees_la(user: Any, la_code: str, group_key: str) -> bool:
    if programme_serving(user, group_key) or registry.dbg_for(user, group_key):
        return True
    return bool(user.has_role(Role.LA_KEY_STAFF) and user.la_code == la_code)


def _group_of(la_code: str) -> str:
    from tartan.web.accounts.models import Organisation

    org = Organisation.objects.filter(la_code=la_code).first()
    return org.group_key if org else ""


@policy("view_peer_reviews")
def view_peer_reviews(user: Any, obj: Any = None) -> bool:
    """The list (each person sees the reviews of the LAs they may see)."""
    return (
        _programme(user)
        or registry.dbg_group(user) is not None
        or bool(user.has_role(Role.LA_KEY_STAFF))
    )


@policy("manage_peer_reviews")
def manage_peer_reviews(user: Any, obj: Any = None) -> bool:
    """Record peer reviews, their reports and follow-up: programme staff, each of the LAs of
    their own group (a review, or a follow-up through its review)."""
    from tartan.web.evidence.models import FollowUp

    if obj is None:
        return _programme(user)
    review = obj.review if isinstance(obj, FollowUp) else obj
    return programme_serving(user, _group_of(review.la_code))


@policy("view_peer_review")
def view_peer_review(user: Any, review: Any) -> bool:
    return sees_la(user, review.la_code, _group_of(review.la_code))


@policy("view_evidence_pack")
def view_evidence_pack(user: Any, organisation: Any) -> bool:
    return sees_la(user, organisation.la_code, organisation.group_key)
