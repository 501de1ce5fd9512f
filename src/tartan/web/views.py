"""The home page: what waits for each person, and what they can do, by role."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tartan.web.collection.models import CollectionRound
from tartan.web.permissions import requires
from tartan.web.waiting import for_person


@requires("signed_in")
def home(request: HttpRequest) -> HttpResponse:
    latest_released = next((r for r in CollectionRound.objects.all() if r.is_released), None)
    context = {
        "title": "Home",
        "latest_released": latest_released,
        "waiting": for_person(request.user),
    }
    return render(request, "home.html", context)
