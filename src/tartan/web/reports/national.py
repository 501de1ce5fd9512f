"""The DfE's national view: every group's released quarters, newest first, each with its
overview and rugs. Released quarters only: an unreleased round is not listed, and its pages
refuse the DfE (``view_overview``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tartan.web.collection.models import CollectionRound, ReleasedReturn
from tartan.web.groups.models import BenchmarkingGroup
from tartan.web.permissions import requires


@dataclass(frozen=True)
class ReleasedQuarter:
    round: CollectionRound
    group: str
    authorities: int
    released_on: str
    national: bool


def released_quarters() -> list[tuple[str, list[ReleasedQuarter]]]:
    groups = {g.key: g for g in BenchmarkingGroup.objects.all()}
    by_period: dict[str, list[ReleasedQuarter]] = {}
    rounds = CollectionRound.objects.order_by("-period").prefetch_related("releases")
    # One query for every release's count of authorities, not one per quarter listed.
    counted = dict(
        ReleasedReturn.objects.values_list("release_id").annotate(n=Count("id")).order_by()
    )
    for round_ in rounds:
        # From the prefetched releases: current_release would query again for every round.
        current = [r for r in round_.releases.all() if r.superseded_by_id is None]
        if not current:
            continue
        release = max(current, key=lambda r: r.number)
        group = groups.get(round_.group_key)
        by_period.setdefault(round_.period, []).append(
            ReleasedQuarter(
                round=round_,
                group=group.name if group else round_.group_key,
                authorities=counted.get(release.pk, 0),
                released_on=f"{release.released_at:%d %B %Y}",
                national=bool(group and group.shares_national),
            )
        )
    return [
        (period, sorted(quarters, key=lambda q: q.group))
        for period, quarters in sorted(by_period.items(), reverse=True)
    ]


@requires("view_national")
def national(request: HttpRequest) -> HttpResponse:
    quarters = released_quarters()
    return render(
        request,
        "reports/national.html",
        {"title": "Every group's released quarters", "quarters": quarters},
    )
