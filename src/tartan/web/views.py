"""The home page: what waits for each person, and what they can do, by role."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tartan.web.collection.models import CollectionRound
from tartan.web.groups import registry
from tartan.web.permissions import requires
from tartan.web.waiting import for_person


@requires("signed_in")
def home(request: HttpRequest) -> HttpResponse:
    # The person's own groups' latest released quarter; the DfE has the national view instead.
    groups = registry.groups_of_person(request.user, timezone.localdate())
    rounds = CollectionRound.objects.filter(group_key__in=groups)
    latest_released = next((r for r in rounds if r.is_released), None)
    context = {
        "title": "Home",
        "latest_released": latest_released,
        "waiting": for_person(request.user),
    }
    return render(request, "home.html", context)
