"""Who may ask to share, answer, respond for the region, export concealed, and receive."""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.policies import dbg_of, in_group, is_dbg, programme_of
from tartan.web.collection.services import members
from tartan.web.permissions import policy
from tartan.web.sharing.models import ExportDecision, Report, ShareRequest


@policy("request_share")
def request_share(user: Any, round_: CollectionRound) -> bool:
    """Key staff of a member LA, the DBG or the DfE may ask, for a released quarter."""
    if not round_.is_released:
        return False
    return (
        dbg_of(user, round_)
        or bool(user.has_role(Role.DFE_VIEWER))
        or (bool(user.has_role(Role.LA_KEY_STAFF)) and in_group(user, round_))
    )


def _may_see_contents(user: Any, request: ShareRequest) -> bool:
    """Whether the person's own roles let them see what the shared report shows."""
    from tartan.web.collection.policies import view_overview, view_rug

    if request.report == Report.RUG:
        return view_rug(user, (request.round, request.la_code))
    return view_overview(user, request.round)


def _colleague_who_may_ask(user: Any, request: ShareRequest) -> bool:
    """Someone of the requester's organisation whose role could have made the request: an
    organisation alone is not enough (an LA analyst is not a key staff colleague)."""
    same = (
        bool(user.organisation_id) and user.organisation_id == request.requested_by.organisation_id
    )
    return same and request_share(user, request.round)


@policy("view_share_request")
def view_share_request(user: Any, request: ShareRequest) -> bool:
    from tartan.web.sharing.services import asked

    if dbg_of(user, request.round) or user.pk == request.requested_by_id:
        return True
    if _colleague_who_may_ask(user, request):
        return True
    return bool(user.has_role(Role.LA_KEY_STAFF)) and user.la_code in asked(request)


@policy("answer_share")
def answer_share(user: Any, request: ShareRequest) -> bool:
    """Only key staff of an LA whose figures the report shows answer for that LA."""
    from tartan.web.sharing.services import asked

    return bool(user.has_role(Role.LA_KEY_STAFF)) and user.la_code in asked(request)


@policy("respond_for_region")
def respond_for_region(user: Any, request: ShareRequest) -> bool:
    return request.kind == "cross_government" and (
        dbg_of(user, request.round) or programme_of(user, request.round)
    )


@policy("download_shared")
def download_shared(user: Any, request: ShareRequest) -> bool:
    """The permission is for that requester, recipient and purpose only, once everyone agreed:
    the requester alone downloads it, and only while their role still lets them see what it
    shows. Colleagues of the same organisation do not."""
    from tartan.web.sharing.services import status

    return (
        user.pk == request.requested_by_id
        and _may_see_contents(user, request)
        and status(request).state == "approved"
    )


@policy("view_share_requests")
def view_share_requests(user: Any, obj: Any = None) -> bool:
    return is_dbg(user) or bool(
        user.has_role(Role.LA_KEY_STAFF, Role.DFE_VIEWER, Role.PROGRAMME_STAFF)
    )


@policy("make_concealed_export")
def make_concealed_export(user: Any, target: tuple[CollectionRound, str]) -> bool:
    """An LA shares its own report, naming itself and concealing every other authority."""
    round_, la_code = target
    return (
        round_.is_released
        and la_code in members(round_)
        and bool(user.has_role(Role.LA_KEY_STAFF))
        and user.la_code == la_code
    )


@policy("view_export_decision")
def view_export_decision(user: Any, decision: ExportDecision) -> bool:
    """Decisions are shown to the exporting LA and its group's DBG (and the file to its
    recipient)."""
    if dbg_of(user, decision.round):
        return True
    if user.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF) and user.la_code == decision.la_code:
        return True
    return (
        decision.allowed
        and bool(user.has_role(Role.PARTNER_VIEWER))
        and user.organisation_id == decision.recipient_id
    )


@policy("view_export_decisions")
def view_export_decisions(user: Any, obj: Any = None) -> bool:
    return is_dbg(user) or bool(
        user.has_role(Role.LA_ANALYST, Role.LA_KEY_STAFF, Role.PARTNER_VIEWER)
    )


@policy("manage_national")
def manage_national(user: Any, obj: Any = None) -> bool:
    """Load other regions' datasets (groups on other systems) and send the group's own."""
    return is_dbg(user)


@policy("export_national")
def export_national(user: Any, round_: CollectionRound) -> bool:
    """The national dataset of a released quarter: the group's own DBG."""
    return dbg_of(user, round_)


@policy("download_published")
def download_published(user: Any, obj: Any = None) -> bool:
    """Figures DfE has published may be shared without concealment or permission."""
    return bool(user.is_authenticated)
