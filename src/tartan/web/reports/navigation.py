"""Moving between a group's quarters and its authorities on the report pages.

The picker offers only what the reader may open today, asked of the same policies the pages
declare (``view_rug``, ``view_overview``): released quarters for everyone the policy lets in,
unreleased ones for the group's DBG alone. A quarter is offered once it has figures to show (a
release, or for the DBG an accepted return), so no choice leads to a "no figures yet" page.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse

from tartan.reference.register import shipped_register
from tartan.web.collection.models import CollectionRound, ReturnVersion, VersionStatus
from tartan.web.collection.services import members
from tartan.web.permissions import is_allowed

PICK = "quarter"  # the picker's query parameter: a round's id


@dataclass(frozen=True)
class Quarter:
    round_id: int
    period: str
    released: bool


@dataclass(frozen=True)
class Neighbour:
    la_code: str
    name: str


def _with_figures(rounds: list[CollectionRound]) -> set[int]:
    accepted = set(
        ReturnVersion.objects.filter(round__in=rounds, status=VersionStatus.ACCEPTED)
        .values_list("round_id", flat=True)
        .distinct()
    )
    return {r.pk for r in rounds if r.pk in accepted}


def _quarters(shown: list[CollectionRound]) -> list[Quarter]:
    having = _with_figures(shown)
    return [
        Quarter(r.pk, r.period, r.is_released)
        for r in sorted(shown, key=lambda r: r.quarter.index, reverse=True)
        if r.pk in having
    ]


def rug_quarters(user: Any, round_: CollectionRound, la_code: str) -> list[Quarter]:
    """The group's quarters whose rug of ``la_code`` the reader may open, newest first."""
    rounds = list(CollectionRound.objects.filter(group_key=round_.group_key))
    shown = [r for r in rounds if is_allowed(user, "view_rug", (r, la_code))]
    return _quarters(shown)


def overview_quarters(user: Any, round_: CollectionRound) -> list[Quarter]:
    """The group's quarters whose overview the reader may open, newest first."""
    rounds = list(CollectionRound.objects.filter(group_key=round_.group_key))
    shown = [r for r in rounds if is_allowed(user, "view_overview", r)]
    return _quarters(shown)


def picked(
    request: HttpRequest,
    current: CollectionRound,
    offered: list[Quarter],
    url_name: str,
    **kwargs: Any,
) -> HttpResponseRedirect | None:
    """The redirect to the quarter the picker chose (None when it chose none, or this one).
    A quarter not offered is a 404, like the page itself would be."""
    chosen = request.GET.get(PICK, "")
    if not chosen or chosen == str(current.pk):
        return None
    match = next((q for q in offered if str(q.round_id) == chosen), None)
    if match is None:
        raise Http404("no such quarter for you")
    return HttpResponseRedirect(reverse(url_name, kwargs={"round_id": match.round_id, **kwargs}))


def previous_and_next(
    user: Any, round_: CollectionRound, la_code: str, with_figures: AbstractSet[str]
) -> tuple[Neighbour | None, Neighbour | None]:
    """The LAs before and after ``la_code`` in the group's member order, skipping those the
    reader may not see or that have no figures in the quarter."""
    register = shipped_register()
    order = [
        code
        for code in members(round_)
        if code == la_code
        or (code in with_figures and is_allowed(user, "view_rug", (round_, code)))
    ]
    if la_code not in order:
        return None, None
    at = order.index(la_code)

    def neighbour(index: int) -> Neighbour | None:
        if 0 <= index < len(order):
            return Neighbour(order[index], register[order[index]].name)
        return None

    return neighbour(at - 1), neighbour(at + 1)
